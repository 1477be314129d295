"""EDTF dates: parsing (the ``edtf`` package), sort keys and display as readers write them.

Only what a brief needs is supported: calendar dates at year, month or day precision,
approximate (``~``) and uncertain (``?``) qualifiers, closed intervals between such dates,
and the other EDTF forms that have definite bounds (seasons, unspecified digits), which are
shown as the range of their bounds.  Open or unknown interval ends are rejected, because a
chronology cannot place them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import edtf
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from edtf.parser.parser_classes import UA as EDTFQualifier
from edtf.parser.parser_classes import Date as EDTFDate
from edtf.parser.parser_classes import Interval as EDTFInterval
from edtf.parser.parser_classes import UncertainOrApproximate as EDTFQualified

#: How precise a date is; a smaller rank is less precise.
PRECISIONS = ("year", "month", "day")

#: Skeletons (CLDR) per precision; Babel picks the locale's best pattern for each.
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}

# "circa" as readers of each language write it; languages not listed use the English form.
_CIRCA = {"en": "c. {}", "fr": "vers {}", "de": "um {}", "es": "c. {}", "it": "ca. {}"}


class DateError(ValueError):
    """An EDTF string that cannot be used as a brief's date (the message says why)."""


@dataclass(frozen=True, order=False)
class BriefDate:
    """A parsed EDTF date: plain, picklable values only (it lives in the environment)."""

    edtf: str
    start: dt.date
    end: dt.date
    start_precision: str
    end_precision: str
    approximate: bool = False
    uncertain: bool = False
    interval: bool = False

    @property
    def sort_key(self) -> tuple[int, int]:
        """Order by the interval's start; on a tie the longer (less precise) span first."""
        return (self.start.toordinal(), -(self.end - self.start).days)

    @property
    def machine(self) -> str:
        """A valid HTML ``datetime`` value: the start, at its own precision."""
        return _iso(self.start, self.start_precision)

    def display(self, language: str | None = "en") -> str:
        """The date as readers write it in ``language`` ("June 2009", "c. 1993", …)."""
        return display(self, language)


def _iso(day: dt.date, precision: str) -> str:
    text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return text[: {"year": 4, "month": 7, "day": 10}[precision]]


def _struct_to_date(value: Any) -> dt.date:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except (AttributeError, TypeError, ValueError) as exc:
        raise DateError("its bounds are open or unknown") from exc


def _precision(obj: Any) -> str | None:
    """The precision of a plain EDTF date (possibly wrapped in a qualifier)."""
    inner = getattr(obj, "date", obj)  # UncertainOrApproximate wraps a Date
    precision = getattr(inner, "precision", None)
    if precision in PRECISIONS and type(inner).__name__ == "Date":
        return str(precision)
    return None


def _qualifiers(obj: Any) -> tuple[bool, bool]:
    # "%" (uncertain and approximate) sets neither is_approximate nor is_uncertain in edtf.
    both = bool(
        getattr(obj, "is_uncertain_and_approximate", False)
        or getattr(obj, "_uncertain_and_approximate", False)
    )
    return (
        bool(getattr(obj, "is_approximate", False)) or both,
        bool(getattr(obj, "is_uncertain", False)) or both,
    )


# The commonest forms, Level 0 dates and intervals (2009, 2009-06, 2010-03-05, 1980/1988)
# and qualified dates (1993~, 2009-11?), are read without the EDTF grammar, which takes
# milliseconds a date (pyparsing): the same ``edtf`` objects are built from the parts, as
# the grammar's parse actions build them.  Only strings the grammar reads as exactly these
# objects take this path (tests/test_perf.py compares the two); every other string
# (seasons, unspecified digits, impossible days …) goes to the grammar, which says why.
_LEVEL0_DATE = r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?"
_SHORTCUT = re.compile(rf"{_LEVEL0_DATE}(?:/{_LEVEL0_DATE}|([?~%]))?")
_DAYS_IN = {"02": 29, "04": 30, "06": 30, "09": 30, "11": 30}  # as the grammar's monthDay


def _level0(source: str) -> Any:
    """The ``edtf`` object of a date, interval or qualified date of the commonest forms
    (see above), or None for any other string."""
    match = _SHORTCUT.fullmatch(source)
    if match is None:
        return None
    groups = match.groups()
    bounds = []
    for year, month, day in (groups[0:3], groups[3:6]):
        if year is None:
            continue
        if day is not None and int(day) > _DAYS_IN.get(month, 31):
            return None
        bounds.append(EDTFDate(year=year, month=month, day=day))
    if len(bounds) == 2:
        return EDTFInterval(lower=bounds[0], upper=bounds[1])  # type: ignore[no-untyped-call]
    if groups[6]:
        qualifier = EDTFQualifier(groups[6])  # type: ignore[no-untyped-call]
        return EDTFQualified(date=bounds[0], ua=qualifier)  # type: ignore[no-untyped-call]
    return bounds[0]


@lru_cache(maxsize=4096)
def parse(text: str) -> BriefDate:
    """Parse an EDTF string; raise :class:`DateError` with a reader's reason if unusable."""
    source = (text or "").strip()
    if not source:
        raise DateError("the date is empty")
    try:
        obj = _level0(source) or edtf.parse_edtf(source)
    except Exception as exc:  # the parser raises several unrelated types
        raise DateError(
            f"{source!r} is not an EDTF date (e.g. 2009, 2009-06, 2010-03-05, "
            "1980/1988, 1993~, 2009-11?)"
        ) from exc
    try:
        start = _struct_to_date(obj.lower_strict())
        end = _struct_to_date(obj.upper_strict())
    except DateError as exc:
        raise DateError(f"{source!r}: {exc}") from None
    except Exception as exc:
        raise DateError(f"{source!r} has no definite bounds") from exc
    if end < start:
        raise DateError(f"{source!r} ends before it starts")

    kind = type(obj).__name__
    if kind in ("Interval", "Level1Interval"):
        lower, upper = obj.lower, obj.upper
        lp, up = _precision(lower), _precision(upper)
        la, lu = _qualifiers(lower)
        ua, uu = _qualifiers(upper)
        if lp and up:
            return BriefDate(source, start, end, lp, up, la or ua, lu or uu, True)
    else:
        precision = _precision(obj)
        approx, uncertain = _qualifiers(obj)
        if precision:
            return BriefDate(source, start, end, precision, precision, approx, uncertain)
    # Seasons, unspecified digits, sets…: show the span of their bounds at the precision
    # that the bounds need.
    precision = "year"
    if (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
        precision = "month"
        if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
            precision = "day"
    approx, uncertain = _qualifiers(obj)
    return BriefDate(
        source,
        start,
        end,
        precision,
        precision,
        approx,
        uncertain,
        interval=_iso(start, precision) != _iso(end, precision),
    )


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_point(day: dt.date, precision: str, language: str | None = "en") -> str:
    """One calendar date at a precision: "2009", "June 2009", "June 15, 2009"."""
    locale = _locale(language)
    if precision == "day":
        return str(format_date(day, "long", locale=locale))
    return str(format_skeleton(_SKELETONS[precision], day, locale=locale))


def _tight(text: str) -> str:
    # CLDR spaces the range dash with thin spaces; briefs follow the house style of an
    # unspaced en dash ("1980–1988", "January–February 2007").
    return text.replace("\u2009–\u2009", "–").replace(" – ", "–")


@lru_cache(maxsize=8192)
def _display(date: BriefDate, language: str) -> str:
    locale = _locale(language)
    if not date.interval or (date.start == date.end and date.start_precision == "day"):
        text = format_point(date.start, date.start_precision, language)
    elif date.start_precision == date.end_precision:
        precision = date.start_precision
        if _iso(date.start, precision) == _iso(date.end, precision):
            text = format_point(date.start, precision, language)
        else:
            text = _tight(
                str(format_interval(date.start, date.end, _SKELETONS[precision], locale=locale))
            )
    else:
        text = (
            format_point(date.start, date.start_precision, language)
            + "–"
            + format_point(date.end, date.end_precision, language)
        )
    if date.approximate:
        text = _CIRCA.get(locale.language, _CIRCA["en"]).format(text)
    if date.uncertain:
        text += "?"
    return text


def display(date: BriefDate, language: str | None = "en") -> str:
    return _display(date, language or "en")


def starts_after(date: BriefDate, other: BriefDate) -> bool:
    """True if ``date`` certainly starts after ``other`` could have happened (its last day)."""
    return date.start > other.end

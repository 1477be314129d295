"""EDTF dates: parsing (the ``edtf`` package), sort keys and display as readers write them.

Supported: calendar dates at year, month or day precision, approximate (``~``) and
uncertain (``?``, ``%``) qualifiers, intervals between such dates, the other EDTF forms
that have definite bounds (seasons, unspecified digits), shown as the range of their bounds,
and EDTF Level 1 intervals with an open (``2022-02-24/..``, ``../1990``) or unknown
(``2022-02-24/``, ``/1990``) end, shown as readers write them ("since February 24, 2022",
"until 1990", "from February 24, 2022 (end unknown)").

One style of date per language: a month is written the same way (in full) in a single date,
a range and an interval, whatever the precision; see :func:`format_range`.

An open or unknown side has no day: :attr:`BriefDate.start` and :attr:`BriefDate.end` then
both hold the bounds of the known side (``2022-02-24/..`` starts and ends on 2022-02-24 as
far as a calendar can say), and :attr:`BriefDate.open_start` / :attr:`BriefDate.open_end`
say which side is open (``"open"``) or unknown (``"unknown"``).  A chronology places such a
date at its known start; filters and checks read the flags (:func:`lowest`, :func:`highest`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import edtf
from edtf.parser.parser_classes import UA as EDTFQualifier
from edtf.parser.parser_classes import Date as EDTFDate
from edtf.parser.parser_classes import Interval as EDTFInterval
from edtf.parser.parser_classes import UncertainOrApproximate as EDTFQualified

from . import date_words
from .date_formats import SKELETONS, format_point, format_range, locale_of

#: How precise a date is; a smaller rank is less precise.
PRECISIONS = ("year", "month", "day")


#: The values of :attr:`BriefDate.open_start` / :attr:`BriefDate.open_end`.
OPEN, UNKNOWN = "open", "unknown"


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
    #: "" for a closed side, ``"open"`` for ``..``, ``"unknown"`` for an empty side; the
    #: side's day (``start`` or ``end``) is then that of the known side (see the module)
    open_start: str = ""
    open_end: str = ""
    #: an EDTF season (``1955-22``): its code, 21 (spring) to 24 (winter); 0 for none
    season: int = 0
    #: an interval from one season to another (``1955-22/1956-21``): the last season's code
    end_season: int = 0
    #: an interval's qualifiers on each side as written ("~", "?", "%" or ""): each side
    #: keeps its own ("c. 1870–c. 1899"); :attr:`approximate` and :attr:`uncertain` say
    #: whether any side has one
    start_qualifier: str = ""
    end_qualifier: str = ""

    @property
    def sort_key(self) -> tuple[int, int]:
        """Order by the interval's (known) start; on a tie the longer span first."""
        return sort_key(
            self.start.toordinal(), self.end.toordinal(), self.open_start, self.open_end
        )

    @property
    def machine(self) -> str:
        """A valid HTML ``datetime`` value: the (known) start, at its own precision."""
        return _iso(self.start, self.start_precision)

    @property
    def known_end(self) -> dt.date | None:
        """The last possible day, if the end is known (None for ``/..`` and ``/``)."""
        return None if self.open_end else self.end

    def display(self, language: str | None = "en") -> str:
        """The date as readers write it in ``language`` ("June 2009", "c. 1993", …)."""
        return display(self, language)


#: The span that orders an open or unknown side: longer than any closed one.
_OPEN_SPAN = 10**7


def sort_key(start: int, end: int, open_start: str = "", open_end: str = "") -> tuple[int, int]:
    """The order of a date from its ordinals: the (known) start, then the longer span
    first (an open or unknown side is the longest)."""
    return (start, -(_OPEN_SPAN if open_start or open_end else end - start))


def lowest(start: int, open_start: str) -> float:
    """The earliest day a date may cover, as a number (minus infinity for an open or
    unknown start)."""
    return -float("inf") if open_start else start


def highest(end: int, open_end: str) -> float:
    """The latest day a date may cover (infinity for an open or unknown end)."""
    return float("inf") if open_end else end


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
        opened = _open_by_hand(source)
        if opened is not None:
            return opened
        raise DateError(
            f"{source!r} is not an EDTF date (e.g. 2009, 2009-06, 2010-03-05, "
            "1980/1988, 1993~, 2009-11?)"
        ) from exc
    if type(obj).__name__ == "Level1Interval":
        open_sides = _open_interval(source, obj)
        if open_sides is not None:
            return open_sides
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
            sides = _qualifier(la, lu), _qualifier(ua, uu)
            return BriefDate(
                source, start, end, lp, up, la or ua, lu or uu, True,
                start_qualifier=sides[0], end_qualifier=sides[1],
            )  # fmt: skip
        first, last = getattr(lower, "date", lower), getattr(upper, "date", upper)
        seasons = type(first).__name__ == "Season" and type(last).__name__ == "Season"
        if seasons and not (la or lu or ua or uu):  # a qualified one: its months, marked
            return BriefDate(
                source, start, end, "month", "month", interval=True,
                season=int(first.season), end_season=int(last.season),
            )  # fmt: skip
    elif kind == "Season":
        return BriefDate(
            source, start, end, "month", "month", interval=True, season=int(obj.season)
        )
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


def _qualifier(approximate: bool, uncertain: bool) -> str:
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""


def _open_by_hand(source: str) -> BriefDate | None:
    """An interval with an open or unknown side whose known side the ``edtf`` grammar does
    not take in an interval (``199X/..``, ``1955-22/``): read from its known side, as
    :func:`_open_interval` reads the others.  None if ``source`` is no such interval."""
    lower, slash, upper = source.partition("/")
    if not slash or "/" in upper:
        return None
    open_start = OPEN if lower == ".." else UNKNOWN if lower == "" else ""
    open_end = OPEN if upper == ".." else UNKNOWN if upper == "" else ""
    if bool(open_start) == bool(open_end):
        return None
    return _from_known_side(source, open_start, open_end)


def _side(section: Any) -> str:
    """``"open"`` or ``"unknown"`` for an interval's unspecified side, "" for a date."""
    if type(section).__name__ != "UnspecifiedIntervalSection":
        return ""
    return OPEN if str(section).strip() == ".." else UNKNOWN


def _open_interval(source: str, obj: Any) -> BriefDate | None:
    """An interval with an open or unknown side, from its known side; None if closed.

    The known side is read as a date of its own (its precision and qualifiers); the
    ``edtf`` package's guess for an unknown side (ten years) is not used: a brief says
    the end is unknown, not when it was.
    """
    open_start, open_end = _side(obj.lower), _side(obj.upper)
    if not (open_start or open_end):
        return None
    if open_start and open_end:
        raise DateError(f"{source!r} has no known bound (both ends are open or unknown)")
    return _from_known_side(source, open_start, open_end)


def _from_known_side(source: str, open_start: str, open_end: str) -> BriefDate:
    """The interval ``source``, one side open or unknown, from its known side read as a
    date of its own."""
    lower, _, upper = source.partition("/")
    known_text = upper if open_start else lower
    try:
        known = parse(known_text)
    except DateError as exc:
        raise DateError(f"{source!r}: its known end cannot be read: {exc}") from None
    if known.interval and (known.start_precision != known.end_precision or known.open_end):
        raise DateError(f"{source!r}: its known end is itself an interval")
    return BriefDate(
        source,
        known.start,
        known.end,
        known.start_precision,
        known.end_precision,
        known.approximate,
        known.uncertain,
        interval=True,
        open_start=open_start,
        open_end=open_end,
    )


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


def _closed(date: BriefDate, language: str) -> str:
    """A date whose both sides are known, without its qualifiers."""
    if not date.interval or (date.start == date.end and date.start_precision == "day"):
        return format_point(date.start, date.start_precision, language)
    if date.start_precision == date.end_precision:
        precision = date.start_precision
        if _iso(date.start, precision) == _iso(date.end, precision):
            return format_point(date.start, precision, language)
        return format_range(date.start, date.end, SKELETONS[precision], language)
    return (
        format_point(date.start, date.start_precision, language)
        + "–"
        + format_point(date.end, date.end_precision, language)
    )


def _season_year(date: BriefDate) -> int:
    """The year an interval's last season is written with: its own (``1956-21``, the
    source's), whatever month it ends in (a winter may end in the next year)."""
    return int(date.edtf.partition("/")[2][:4])


@lru_cache(maxsize=8192)
def _display(date: BriefDate, language: str) -> str:
    words = locale_of(language).language
    day = date.start_precision == "day"
    if date.open_start or date.open_end:
        # the known side, in the phrase of its open side, which says "circa" its own way
        # ("seit ca. 1993", not "seit um 1993"; date_words)
        known = date.edtf.partition("/")[2] if date.open_start else date.edtf.partition("/")[0]
        side = parse(known)
        if date.open_end:
            key = "since" if date.open_end == OPEN else "end-unknown"
        else:
            key = "until" if date.open_start == OPEN else "start-unknown"
        return date_words.open_phrase(
            words,
            key,
            _closed(side, language),
            day=day,
            approximate=side.approximate,
            uncertain=side.uncertain,
        )
    if date.season and date.end_season:
        # from one season to another: each named with its year, as a single one is
        first = date_words.season(words, date.season, date.start.year)
        last = date_words.season(words, date.end_season, _season_year(date))
        if first is not None and last is not None:
            return f"{first}–{last}"
    elif date.season:
        named = date_words.season(words, date.season, date.start.year)
        if named is not None:
            return named
    if date.start_qualifier != date.end_qualifier or (
        date.interval and date.start_qualifier and date.end_qualifier
    ):
        # each side its own qualifier: "c. 1870–c. 1899", "1870–c. 1899"
        sides = (
            (date.start, date.start_precision, date.start_qualifier),
            (date.end, date.end_precision, date.end_qualifier),
        )
        return "–".join(
            _qualified(format_point(day_, precision, language), qualifier, words, precision)
            for day_, precision, qualifier in sides
        )
    text = _closed(date, language)
    if date.approximate:
        text = date_words.circa(words, text, day=day)
    if date.uncertain:
        text += "?"
    return text


def _qualified(text: str, qualifier: str, words: str, precision: str) -> str:
    if qualifier in ("~", "%"):
        text = date_words.circa(words, text, day=precision == "day")
    return text + "?" if qualifier in ("?", "%") else text


def display(date: BriefDate, language: str | None = "en") -> str:
    return _display(date, language or "en")


def starts_after(date: BriefDate, other: BriefDate) -> bool:
    """True if ``date`` certainly starts after ``other`` could have happened.

    ``other`` (a source's publication) is placed by its known end, the last day it could
    have been; one whose end is open or unknown (a serial still published) could report
    anything.  ``date`` is placed by its known start; one whose start is open or unknown
    may have begun before any source.
    """
    if date.open_start or other.known_end is None:
        return False
    return date.start > other.known_end

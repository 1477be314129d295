"""Calendar dates as a language writes them, through Babel (CLDR's patterns): one date at
a precision, and two as the locale writes an interval (:mod:`.dates` puts them together
with an EDTF date's qualifiers and open sides)."""

from __future__ import annotations

import datetime as dt
import re

from babel.core import Locale, UnknownLocaleError
from babel.dates import (
    PATTERN_CHAR_ORDER,
    DateTimeFormat,
    format_date,
    format_interval,
    format_skeleton,
    match_skeleton,
    parse_pattern,
)

#: Skeletons (CLDR) per precision; Babel picks the locale's best pattern for each.
SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}


def locale_of(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_point(day: dt.date, precision: str, language: str | None = "en") -> str:
    """One calendar date at a precision: "2009", "June 2009", "June 15, 2009"."""
    locale = locale_of(language)
    if precision == "day":
        return str(format_date(day, "long", locale=locale))
    return str(format_skeleton(SKELETONS[precision], day, locale=locale))


def _tight(text: str) -> str:
    # CLDR spaces the range dash with thin spaces; briefs follow the house style of an
    # unspaced en dash ("1980–1988", "January–February 2007").
    return text.replace("\u2009–\u2009", "–").replace(" – ", "–")


#: An abbreviated month field of a CLDR pattern (format or stand-alone form).
_ABBREVIATED_MONTH = re.compile("(?<![ML])(MMM|LLL)(?![ML])")


def _widened(pattern: str, skeleton: str) -> str:
    """An interval pattern with its month as wide as the skeleton's ("MMM" to "MMMM"), as
    CLDR says a matched pattern's field widths are adjusted (Babel does not)."""
    if not re.search("MMMM|LLLL", skeleton):
        return pattern
    parts = re.split("('[^']*')", pattern)  # quoted literals are kept as they are
    return "".join(
        part if part.startswith("'") else _ABBREVIATED_MONTH.sub(lambda m: m[0][0] * 4, part)
        for part in parts
    )


def format_range(start: dt.date, end: dt.date, skeleton: str, language: str | None = "en") -> str:
    """Two dates as the locale writes an interval (Babel's interval formats), the months as
    wide as ``skeleton`` asks: "October 16–28, 1962", never "Oct 16–28, 1962" beside
    "October 16, 1962" (the locale may have interval formats for abbreviated months only)."""
    locale = locale_of(language)
    formats = locale.interval_formats
    if skeleton in formats:
        return _tight(str(format_interval(start, end, skeleton, locale=locale)))
    matched = match_skeleton(skeleton, formats)
    if not matched:
        return _tight(str(format_interval(start, end, skeleton, locale=locale)))
    start_fmt, end_fmt = DateTimeFormat(start, locale=locale), DateTimeFormat(end, locale=locale)
    patterns = formats[matched]
    for field in PATTERN_CHAR_ORDER:  # largest to smallest, as Babel's format_interval
        if field in patterns and start_fmt.extract(field) != end_fmt.extract(field):
            return _tight(
                "".join(
                    parse_pattern(_widened(pattern, skeleton)).apply(instant, locale)
                    for pattern, instant in zip(patterns[field], (start, end), strict=True)
                )
            )
    # no field of the skeleton differs: one date, at the skeleton's precision
    precision = {value: key for key, value in SKELETONS.items()}.get(skeleton, "day")
    return format_point(start, precision, language)

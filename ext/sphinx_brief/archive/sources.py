"""Which entries are web sources, and the day to ask the archive about.

The same rules as the notes' (``citations/fields.py``), written again here so that the
command imports no layer of the extension: a web page is an entry whose ``url`` is an
``http`` or ``https`` address (any case; a ``mailto:``, ``ftp:`` or ``doi:`` address has no
snapshot); the day is its ``urldate`` (when it was read), else its publication date
(``date``, else ``year``/``month``/``day``), else none (the archive's latest snapshot).
Only the day's digits are taken: an EDTF date's qualifiers (``2009~``) or interval's end
are not needed to find the nearest capture.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

#: What the archive holds copies of.
WEB_SCHEMES = ("http://", "https://")
_DAY = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def web_page(url: str) -> bool:
    return url.strip().lower().startswith(WEB_SCHEMES)


def _plain(value: str) -> str:
    return value.replace("{", "").replace("}", "").strip()


def _stamp(year: str, month: str | None = None, day: str | None = None) -> str | None:
    """``YYYYMMDD``, else ``YYYYMM``, else ``YYYY``: as much of the date as is a real day,
    month or year (``2009-21``, a season, and ``2009-02-30`` still give the year)."""
    for kept in ((year, month, day), (year, month, None), (year, None, None)):
        y, m, d = kept
        if m is None and d is not None:
            continue
        try:
            dt.date(int(y), int(m or 1), int(d or 1))
        except ValueError:
            continue
        return y + (m or "") + (d or "")
    return None


def _date_stamp(value: str) -> str | None:
    match = _DAY.match(_plain(value))
    return _stamp(*match.groups()) if match else None


def _month(value: str) -> str | None:
    text = _plain(value).lower().rstrip(".")
    number = _MONTHS.get(text) or (int(text) if text.isdigit() else None)
    return f"{number:02d}" if number is not None and 1 <= number <= 12 else None


def timestamp(fields: Mapping[str, str]) -> str | None:
    """The day to ask about (fields by lower-case name): ``urldate``, else ``date``,
    else ``year`` (``month``, ``day``); None when none can be read."""
    for name in ("urldate", "date"):
        if _plain(fields.get(name, "")):
            found = _date_stamp(fields[name])
            if found is not None:
                return found
    year = _plain(fields.get("year", ""))
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = _month(fields.get("month", ""))
    day = _plain(fields.get("day", ""))
    if month is None:
        return _stamp(year)
    return _stamp(year, month, f"{int(day):02d}" if day.isdigit() else None)

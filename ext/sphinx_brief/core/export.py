"""The fields of the data exports (``events.json``, ``quotes.json``), declared once.

The exporters write exactly these keys, in this order, and the pull-request review tool
reads them: a change of the export format changes this module, and so breaks a test rather
than the report.
"""

from __future__ import annotations

#: Keys of every item of ``events.json``.
EVENT_FIELDS: tuple[str, ...] = (
    "date",
    "date_display",
    "title",
    "tags",
    "place",
    "sources",
    "url",
)

#: Keys of every item of ``quotes.json``.
QUOTE_FIELDS: tuple[str, ...] = ("speaker", "role", "date", "text", "sources", "url")

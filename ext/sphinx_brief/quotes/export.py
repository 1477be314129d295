"""``quotes.json``: every quote of the project, at the website's root.

Each item has the fields of :data:`..core.export.QUOTE_FIELDS`, in page-name then
declaration order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx

from ..core import emphasis
from ..core.domain import get_domain
from ..core.export import QUOTE_FIELDS, json_export, page_url
from .records import KIND

FILENAME = "quotes.json"


def quotes_data(app: Sphinx) -> Iterator[dict[str, Any]]:
    for docname, _, record in get_domain(app.env).records(KIND):
        yield {
            # one speaker per person: the name brief_people declares, whichever spelling
            # the text uses (as Who said what and the index group them)
            "speaker": record.person or record.speaker,
            "role": emphasis.plain(record.role) or None,
            "date": record.date or None,
            "text": record.text,
            "sources": list(record.sources),
            "unsourced": record.unsourced,
            "url": page_url(app.builder, docname, record.anchor),
        }


def setup(app: Sphinx) -> None:
    app.connect("build-finished", json_export(FILENAME, QUOTE_FIELDS, quotes_data))

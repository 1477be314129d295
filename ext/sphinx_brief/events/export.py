"""``events.json``: every event of the project, in timeline order, at the website's root.

Each item has the fields of :data:`..core.export.EVENT_FIELDS`: ``date`` (EDTF),
``date_display`` (as readers write it, in the project's ``language``), ``title``, ``tags``,
``place``, ``sources`` (keys), ``unsourced`` (why the original gives no source, for an
event declared so; else null) and ``url`` (the event's anchor, relative to the output's root).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx

from ..core import emphasis
from ..core.domain import get_domain
from ..core.export import EVENT_FIELDS, json_export, page_url
from .records import KIND, TimelineFilter, select

FILENAME = "events.json"


def events_data(app: Sphinx) -> Iterator[dict[str, Any]]:
    for docname, _, record in select(get_domain(app.env).records(KIND), TimelineFilter()):
        yield {
            "date": record.date,
            "date_display": record.date_display,
            "title": emphasis.plain(record.title),
            "tags": list(record.tags),
            "place": record.place,
            "sources": list(record.sources),
            "unsourced": record.unsourced,
            "url": page_url(app.builder, docname, record.anchor),
        }


def setup(app: Sphinx) -> None:
    app.connect("build-finished", json_export(FILENAME, EVENT_FIELDS, events_data))

"""``events.json``: every event of the project, in timeline order, at the HTML output's root.

Each item has ``date`` (EDTF), ``date_display`` (as readers write it, in the project's
``language``), ``title``, ``tags`` and ``sources`` (keys), ``place`` and ``url`` (the event's
anchor, relative to the output's root).  Written for the website builders, not the ePub
(whose container must hold only what its manifest lists).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .domain import get_domain
from .event_records import KIND, TimelineFilter, select

FILENAME = "events.json"


def events_data(app: Sphinx) -> list[dict[str, Any]]:
    data = []
    for docname, _, record in select(get_domain(app.env).records(KIND), TimelineFilter()):
        data.append(
            {
                "date": record.date,
                "date_display": record.date_display,
                "title": record.title,
                "tags": list(record.tags),
                "place": record.place,
                "sources": list(record.sources),
                "url": f"{app.builder.get_target_uri(docname)}#{record.anchor}",
            }
        )
    return data


def write_events_json(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name.startswith("epub"):
        return
    text = json.dumps(events_data(app), ensure_ascii=False, indent=2)
    (Path(builder.outdir) / FILENAME).write_text(text + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_events_json)

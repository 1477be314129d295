"""The kinds of exported records as the report shows them (standard library only).

:mod:`.records` matches and compares them; :mod:`.render` lays them out from the review's
data with these columns, without reading the exports or importing the extension.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .md import _display


@dataclass(frozen=True)
class RecordView:
    """What the report calls a kind of record, and the columns it shows of one."""

    name: str  # "events"
    title: str  # "Events"
    filename: str  # "events.json"
    columns: tuple[tuple[str, str], ...]  # (field, header) of the added/removed tables

    def label(self, record: Mapping[str, Any]) -> str:
        return " — ".join(
            _display(record.get(name)) for name, _ in self.columns[:2] if record.get(name)
        )


EVENTS_VIEW = RecordView(
    "events",
    "Events",
    "events.json",
    columns=(
        ("date_display", "date"),
        ("title", "title"),
        ("place", "place"),
        ("tags", "tags"),
        ("sources", "sources"),
        ("url", "declared at"),
    ),
)
QUOTES_VIEW = RecordView(
    "quotes",
    "Quotations",
    "quotes.json",
    columns=(
        ("speaker", "speaker"),
        ("text", "text"),
        ("role", "role"),
        ("date", "date"),
        ("sources", "sources"),
        ("url", "declared at"),
    ),
)
VIEWS = {view.name: view for view in (EVENTS_VIEW, QUOTES_VIEW)}

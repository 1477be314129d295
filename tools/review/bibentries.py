"""The bib entries of each side, compared by key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .jobs import Side


@dataclass
class Sources:
    """One side's bib entries, in file order: their fields and their rendered notes."""

    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    available: bool = False


def read_probe(side: Side) -> dict[str, Any] | None:
    """What the side's probe wrote, or None (read once, kept on the side)."""
    if side.probe is None:
        job = side.jobs.get("sources")
        if job is None:
            return None
        try:
            data = json.loads(job.output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        side.probe = data if isinstance(data, dict) else None
    return side.probe


def load_sources(side: Side) -> Sources:
    """What the side's sources probe found (its problems go to the side's problems)."""
    sources = Sources()
    if side.jobs.get("sources") is None:
        return sources
    data = read_probe(side)
    if data is None:
        side.problems.append("its sources could not be read (the probe wrote no result)")
        return sources
    for problem in data.get("problems", []):
        side.problems.append(f"its sources could not be read: {problem}")
    if data.get("problems"):
        return sources
    for key, entry in data.get("entries", {}).items():
        sources.fields[key] = {str(k): str(v) for k, v in entry.get("fields", {}).items()}
        sources.notes[key] = str(entry.get("note", ""))
    sources.available = True
    return sources


@dataclass
class SourceChange:
    key: str
    status: str  # "added", "removed" or "changed"
    before: str | None = None
    after: str | None = None
    fields: list[str] = field(default_factory=list)
    #: (field, before, after) of each changed field
    values: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def compare_sources(base: Sources, head: Sources) -> list[SourceChange]:
    changes: list[SourceChange] = []
    for key, after in head.fields.items():
        if key not in base.fields:
            changes.append(SourceChange(key, "added", after=head.notes.get(key)))
            continue
        before = base.fields[key]
        fields = [
            name for name in dict.fromkeys([*before, *after]) if before.get(name) != after.get(name)
        ]
        note_before, note_after = base.notes.get(key), head.notes.get(key)
        if fields or note_before != note_after:
            values = [(name, before.get(name), after.get(name)) for name in fields]
            changes.append(SourceChange(key, "changed", note_before, note_after, fields, values))
    changes += [
        SourceChange(key, "removed", before=base.notes.get(key))
        for key in base.fields
        if key not in head.fields
    ]
    return changes

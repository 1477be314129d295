"""Events and quotations from the HTML build's exports, matched and compared."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_brief.core.export import EVENT_FIELDS, QUOTE_FIELDS

from .kinds import EVENTS_VIEW, QUOTES_VIEW, RecordView
from .md import _display


@dataclass(frozen=True)
class RecordKind:
    """How to read, match and show one kind of exported record."""

    view: RecordView  # its name, title, export file and columns (kinds.py)
    #: Identities tried in turn on the records still unmatched; each gives None when the
    #: record lacks what it needs.
    identities: tuple[Callable[[Mapping[str, Any]], tuple[str, ...] | None], ...]
    fields: tuple[str, ...]  # the fields compared, in the order shown
    #: The field whose words say what the record is (an event's title, a quotation's
    #: text): records left unmatched by identity are paired by its similarity, on a page.
    text_field: str = "title"

    @property
    def name(self) -> str:
        return self.view.name

    @property
    def title(self) -> str:
        return self.view.title

    @property
    def filename(self) -> str:
        return self.view.filename

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        return self.view.columns

    def label(self, record: Mapping[str, Any]) -> str:
        return self.view.label(record)


def _key(*names: str) -> Callable[[Mapping[str, Any]], tuple[str, ...] | None]:
    def identity(record: Mapping[str, Any]) -> tuple[str, ...] | None:
        values = tuple(_display(record.get(name)).strip() for name in names)
        return values if all(values) else None

    return identity


EVENTS = RecordKind(
    EVENTS_VIEW,
    # then the anchor alone: it is the :name: when one is given, so it stays when the
    # date and the title both change
    identities=(
        _key("title", "date"),
        _key("url", "title"),
        _key("url", "date"),
        _key("url"),
    ),
    fields=EVENT_FIELDS,
)
QUOTES = RecordKind(
    QUOTES_VIEW,
    identities=(_key("speaker", "text"), _key("speaker", "url")),
    fields=QUOTE_FIELDS,
    text_field="text",
)


def load_records(
    outdir: Path | None, kind: RecordKind
) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The records of an export, or None and why there are none."""
    if outdir is None:
        return None, "its HTML build did not finish"
    path = outdir / kind.filename
    if not path.is_file():
        return None, f"its HTML build wrote no {kind.filename}"
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"its {kind.filename} could not be read: {exc}"
    if isinstance(data, dict):
        data = next(
            (
                data[k]
                for k in (kind.name, "items", "records", "data")
                if isinstance(data.get(k), list)
            ),
            data,
        )
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return None, f"its {kind.filename} is not a list of records"
    return data, None


@dataclass
class RecordChanges:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    #: (before, after, names of the fields that differ)
    changed: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)


#: How alike the words of two records must be (difflib ratio) to be taken for one.
SIMILAR = 0.5


def _page(record: Mapping[str, Any]) -> str:
    return _display(record.get("url")).split("#", 1)[0]


def _pair_by_similarity(
    left: list[dict[str, Any]], right: list[dict[str, Any]], kind: RecordKind
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Records of the same page whose words are alike, best first; both lists shrink."""
    scored = []
    for i, before in enumerate(left):
        for j, after in enumerate(right):
            if _page(before) != _page(after):
                continue
            old, new = (_display(r.get(kind.text_field)).lower().split() for r in (before, after))
            ratio = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
            # equal words first, then the nearest place on the page
            place = abs(i / max(len(left), 1) - j / max(len(right), 1))
            if ratio >= SIMILAR:
                scored.append((-ratio, place, i, j))
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _ratio, _place, i, j in sorted(scored):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((left[i], right[j]))
    left[:] = [r for i, r in enumerate(left) if i not in used_left]
    right[:] = [r for j, r in enumerate(right) if j not in used_right]
    return pairs


def compare_records(
    base: Sequence[dict[str, Any]], head: Sequence[dict[str, Any]], kind: RecordKind
) -> RecordChanges:
    left, right = list(base), list(head)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for identity in kind.identities:
        unmatched: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for record in left:
            key = identity(record)
            if key is not None:
                unmatched.setdefault(key, []).append(record)
        still: list[dict[str, Any]] = []
        for record in right:
            key = identity(record)
            candidates = unmatched.get(key) if key is not None else None
            if candidates:
                before = candidates.pop(0)
                pairs.append((before, record))
                left.remove(before)
            else:
                still.append(record)
        right = still
    pairs += _pair_by_similarity(left, right, kind)
    changes = RecordChanges(added=right, removed=left)
    for before, after in pairs:
        names = [*kind.fields, *sorted((set(before) | set(after)) - set(kind.fields))]
        differ = [name for name in names if _display(before.get(name)) != _display(after.get(name))]
        if differ:
            changes.changed.append((before, after, differ))
    return changes

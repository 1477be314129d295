"""Small text helpers the components share."""

from __future__ import annotations


def split_list(text: str | None) -> tuple[str, ...]:
    """A comma-separated option value (bib keys, tags): its non-empty, stripped items, in
    order, each once."""
    items: list[str] = []
    for item in (text or "").split(","):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return tuple(items)

"""The rendered text of each page (Sphinx's text builder), line by line."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def read_pages(outdir: Path | None) -> dict[str, list[str]]:
    """The text builder's pages: document name → lines."""
    if outdir is None:
        return {}
    return {
        path.relative_to(outdir).with_suffix("").as_posix(): path.read_text(
            encoding="utf-8", errors="replace"
        ).splitlines()
        for path in sorted(outdir.rglob("*.txt"))
    }


@dataclass
class PageChange:
    docname: str
    status: str  # "changed", "added" or "removed"
    diff: list[str]


def compare_pages(
    base: Mapping[str, list[str]], head: Mapping[str, list[str]]
) -> tuple[list[PageChange], list[str]]:
    """Changed, added and removed pages (with their diffs), and the unchanged ones."""
    changes: list[PageChange] = []
    unchanged: list[str] = []
    for docname in sorted(set(base) | set(head)):
        before, after = base.get(docname), head.get(docname)
        if before == after:
            unchanged.append(docname)
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        diff = list(
            difflib.unified_diff(
                before or [],
                after or [],
                fromfile="/dev/null" if before is None else f"a/{docname}.txt",
                tofile="/dev/null" if after is None else f"b/{docname}.txt",
                lineterm="",
            )
        )
        changes.append(PageChange(docname, status, diff))
    return changes, unchanged

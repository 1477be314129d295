"""What a change does to a brief, as data: pages, sources, records, raw markup, warnings.

:func:`collect` compares the two sides' builds and probes and returns the review's data, a
JSON-able dict of plain values that :mod:`.schema` describes; :mod:`.render` writes it as
Markdown.  The data hold text only, never Markdown: the pull request's run uploads them,
and the comment job renders them with the base branch's code (:mod:`.post`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .bibentries import SourceChange, compare_sources, load_sources, read_probe
from .buildwarnings import new_warnings, read_warnings
from .jobs import Side
from .pages import PageChange, compare_pages, read_pages
from .records import EVENTS, QUOTES, RecordChanges, RecordKind, compare_records, load_records
from .render import render
from .schema import SCHEMA_ID
from .sourcing import analyse
from .words import compare_paragraphs, excerpt, paragraphs_of, word_segments


@dataclass
class Review:
    base_ref: str
    base_commit: str
    head_commit: str
    dirty: bool
    base: Side
    head: Side
    max_diff_lines: int = 400
    #: The address of a page's pull-request preview: ``{pr}``, ``{page}`` (its HTML file),
    #: ``{docname}``; no links when None (see render.preview_links).
    preview_url: str | None = None
    pr: str | None = None


def render_report(review: Review) -> str:
    """The report of ``review`` as Markdown (its data, rendered)."""
    return render(collect(review), preview_url=review.preview_url, pr=review.pr)


def collect(review: Review) -> dict[str, Any]:
    """The review's data (see the module docstring and :mod:`.schema`)."""
    base, head = review.base, review.head
    page_changes, unchanged = compare_pages(
        read_pages(base.outdir("text")), read_pages(head.outdir("text"))
    )
    base_sources, head_sources = load_sources(base), load_sources(head)
    source_changes = compare_sources(base_sources, head_sources)
    records = {kind.name: _records(kind, base, head) for kind in (EVENTS, QUOTES)}
    added_warnings, gone = new_warnings(read_warnings(base), read_warnings(head))
    touched = [p.docname for p in page_changes if p.status != "removed"]
    base_probe, head_probe = read_probe(base), read_probe(head)
    sourcing = None
    if head_probe is not None and "pages" in head_probe:
        head_records = {k.name: load_records(head.outdir("html"), k)[0] for k in (EVENTS, QUOTES)}
        found = analyse(head_probe, head_records, touched, uncited=bool(source_changes))
        sourcing = found.to_data(touched)
    return {
        "schema": SCHEMA_ID,
        "base": {"ref": review.base_ref, "commit": review.base_commit},
        "head": {"commit": review.head_commit, "dirty": review.dirty},
        "problems": _problems(base, head),
        "raw": raw_changes(base_probe, head_probe),
        "pages": {
            "changes": [
                _page(change, review.max_diff_lines, (base_probe, head_probe))
                for change in page_changes
            ],
            "unchanged": unchanged,
        },
        "sources": {
            "unavailable": [
                side.name
                for side, found in ((base, base_sources), (head, head_sources))
                if not found.available
            ],
            "changes": [_source(change) for change in source_changes],
        },
        **records,
        "sourcing": sourcing,
        "warnings": {"new": added_warnings, "gone": gone},
    }


def raw_changes(
    base: Mapping[str, Any] | None, head: Mapping[str, Any] | None
) -> list[dict[str, Any]] | None:
    """The head's raw pieces that the base does not have, page by page (None: the head's
    pages could not be read).  A piece the base has on the same page, in the same format
    and with the same text, is no change, wherever it moved."""
    if head is None or not isinstance(head.get("raw"), list):
        return None
    before = Counter(_raw_key(piece) for piece in (base or {}).get("raw", []))
    changed = []
    for piece in head["raw"]:
        key = _raw_key(piece)
        if before[key]:
            before[key] -= 1
            continue
        changed.append(
            {
                "docname": str(piece["docname"]),
                "line": int(piece.get("line") or 0),
                "format": str(piece.get("format", "")),
                "text": str(piece.get("text", "")),
            }
        )
    return changed


def _raw_key(piece: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(piece.get("docname")), str(piece.get("format")), str(piece.get("text")))


def _page(
    change: PageChange,
    max_lines: int,
    probes: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None],
) -> dict[str, Any]:
    item: dict[str, Any] = {"docname": change.docname, "status": change.status}
    if change.status == "removed":
        return {**item, "lines": max(len(change.diff) - 3, 0)}
    diff = change.diff[:max_lines]
    item.update(diff=diff, more=len(change.diff) - len(diff))
    item["paragraphs"] = (
        _paragraphs(change.docname, *probes) if change.status == "changed" else None
    )
    return item


def _paragraphs(
    docname: str, base: Mapping[str, Any] | None, head: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """The page's paragraphs compared, or None when a side's probe could not read them."""
    if base is None or head is None or "pages" not in base or "pages" not in head:
        return None
    changes = compare_paragraphs(
        paragraphs_of(base["pages"].get(docname, {})), paragraphs_of(head["pages"].get(docname, {}))
    )
    return {
        "changed": [
            {"section": after.section, "line": after.line, "words": word_segments(before, after)}
            for before, after in changes.changed
        ],
        "added": [
            {"section": p.section, "line": p.line, "text": excerpt(p)} for p in changes.added
        ],
        "removed": [
            {"section": p.section, "line": p.line, "text": excerpt(p)} for p in changes.removed
        ],
    }


def _source(change: SourceChange) -> dict[str, Any]:
    return {
        "key": change.key,
        "status": change.status,
        "before": change.before,
        "after": change.after,
        "fields": list(change.fields),
        "values": [list(value) for value in change.values],
    }


def _problems(base: Side, head: Side) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for side in (base, head):
        found += [{"side": side.name, "text": problem} for problem in side.problems]
        for job in side.jobs.values():
            if job.returncode not in (0, None):
                found.append(
                    {
                        "side": side.name,
                        "job": job.name,
                        "kind": "probe" if job.warnfile is None else "build",
                        "status": job.returncode,
                        "log": job.log_tail() or "",
                    }
                )
    return found


def _records(kind: RecordKind, base: Side, head: Side) -> dict[str, Any]:
    base_records, base_why = load_records(base.outdir("html"), kind)
    head_records, head_why = load_records(head.outdir("html"), kind)
    notes: list[dict[str, Any]] = []
    changes = RecordChanges()
    if base_records is None and head_records is None:
        notes.append({"side": "both", "why": head_why or ""})
    else:
        for side, why, records in ((base, base_why, base_records), (head, head_why, head_records)):
            if records is None:
                notes.append({"side": side.name, "why": why or ""})
        changes = compare_records(base_records or [], head_records or [], kind)
    return {
        "notes": notes,
        "added": changes.added,
        "removed": changes.removed,
        "changed": [
            {"before": before, "after": after, "fields": names}
            for before, after, names in changes.changed
        ],
    }

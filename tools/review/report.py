"""The Markdown report: a summary, then pages, sources, events, quotations, warnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .bibentries import SourceChange, compare_sources, load_sources, read_probe
from .buildwarnings import new_warnings, read_warnings
from .comment import preview_links
from .jobs import Side
from .md import Markdown, _plural, md_code, md_fence, md_table, md_text
from .pages import PageChange, compare_pages, read_pages
from .records import EVENTS, QUOTES, RecordChanges, RecordKind, compare_records, load_records
from .sections import pages_section, sources_section
from .sourcing import Sourcing, analyse
from .sourcing import render as render_sourcing


@dataclass
class Review:
    base_ref: str
    base_commit: str
    head_label: str
    base: Side
    head: Side
    max_diff_lines: int = 400
    #: The address of a page's pull-request preview: ``{pr}``, ``{page}`` (its HTML file),
    #: ``{docname}``; no links when None (see comment.preview_links).
    preview_url: str | None = None
    pr: str | None = None


def render_report(review: Review) -> str:
    base, head = review.base, review.head
    page_changes, unchanged = compare_pages(
        read_pages(base.outdir("text")), read_pages(head.outdir("text"))
    )
    base_sources, head_sources = load_sources(base), load_sources(head)
    source_changes = compare_sources(base_sources, head_sources)
    records: dict[str, tuple[RecordChanges, list[str]]] = {}
    for kind in (EVENTS, QUOTES):
        records[kind.name] = _record_section_data(kind, base, head)
    added_warnings, gone = new_warnings(read_warnings(base), read_warnings(head))
    touched = [p.docname for p in page_changes if p.status != "removed"]
    head_probe = read_probe(head)
    sourcing = None
    if head_probe is not None and "pages" in head_probe:
        head_records = {k.name: load_records(head.outdir("html"), k)[0] for k in (EVENTS, QUOTES)}
        sourcing = analyse(head_probe, head_records, touched, uncited=bool(source_changes))

    out: list[str] = ["# Review: what this change does to the brief", ""]
    out.append(
        f"Compared: the base {md_code(review.base_ref)} "
        f"(commit {md_code(review.base_commit[:12])}) with {review.head_label}."
    )
    out.append("")
    counts = _counts(page_changes, source_changes, records, added_warnings)
    if sourcing is not None:
        counts.append(("Unsourced on the pages changed", str(sourcing.open_count or "none")))
    out += [f"- **{title}**: {summary}" for title, summary in counts]
    out.append("")

    problems = _problems(base, head)
    if problems:
        out += ["## Build problems", "", *problems, ""]

    preview = preview_links(review.preview_url, review.pr, touched)
    probes = (read_probe(base), head_probe)
    out += pages_section(page_changes, unchanged, review.max_diff_lines, probes, preview)
    out += sources_section(source_changes, base, head, base_sources, head_sources)
    for kind in (EVENTS, QUOTES):
        changes, notes = records[kind.name]
        out += _records_section(kind, changes, notes)
    out += _sourcing_section(sourcing, touched)
    out += _warnings_section(added_warnings, gone)
    return "\n".join(out).rstrip() + "\n"


def _summary(**counts: int) -> str:
    parts = [f"{count} {name}" for name, count in counts.items() if count]
    return ", ".join(parts) if parts else "no change"


def _counts(
    pages: Sequence[PageChange],
    sources: Sequence[SourceChange],
    records: Mapping[str, tuple[RecordChanges, list[str]]],
    warnings: Sequence[str],
) -> list[tuple[str, str]]:
    rows = [
        (
            "Pages",
            _summary(
                changed=sum(p.status == "changed" for p in pages),
                added=sum(p.status == "added" for p in pages),
                removed=sum(p.status == "removed" for p in pages),
            ),
        ),
        (
            "Sources",
            _summary(
                added=sum(s.status == "added" for s in sources),
                removed=sum(s.status == "removed" for s in sources),
                changed=sum(s.status == "changed" for s in sources),
            ),
        ),
    ]
    for kind in (EVENTS, QUOTES):
        changes, _notes = records[kind.name]
        rows.append(
            (
                kind.title,
                _summary(
                    added=len(changes.added),
                    removed=len(changes.removed),
                    changed=len(changes.changed),
                ),
            )
        )
    rows.append(("New warnings", str(len(warnings)) if warnings else "none"))
    return rows


def _problems(base: Side, head: Side) -> list[str]:
    lines: list[str] = []
    for side in (base, head):
        for problem in side.problems:
            lines.append(f"- The {side.label}: {md_text(problem)}.")
        for job in side.jobs.values():
            if job.returncode not in (0, None):
                lines.append(
                    f"- The {side.label}'s {md_code(job.name)} "
                    f"{'probe' if job.warnfile is None else 'build'} failed "
                    f"(exit status {job.returncode}); its last lines:"
                )
                lines += ["", md_fence(job.log_tail() or "(no output)", "text"), ""]
    return lines


def _sourcing_section(sourcing: Sourcing | None, touched: Sequence[str]) -> list[str]:
    out = ["## Sourcing of the pages changed", ""]
    if sourcing is None:
        return [*out, "The working tree's pages could not be read; sourcing is not checked.", ""]
    if not touched and not sourcing.uncited:
        return [*out, "No page changed.", ""]
    pages = ", ".join(md_code(d) for d in touched)
    scope = f"the pages changed ({pages})" if touched else "the sources"
    return [*out, *render_sourcing(sourcing, heading="##", scope=scope)]


def _record_section_data(
    kind: RecordKind, base: Side, head: Side
) -> tuple[RecordChanges, list[str]]:
    base_records, base_why = load_records(base.outdir("html"), kind)
    head_records, head_why = load_records(head.outdir("html"), kind)
    notes = []
    if base_records is None and head_records is None:
        notes.append(
            f"Neither build has {md_code(kind.filename)} ({md_text(head_why or '')}); "
            f"{kind.name} are not compared."
        )
        return RecordChanges(), notes
    for side, why, records in ((base, base_why, base_records), (head, head_why, head_records)):
        if records is None:
            notes.append(
                f"The {side.label} has no {md_code(kind.filename)} "
                f"({md_text(why or '')}: an older base, or a project without the "
                f"directive); its {kind.name} are taken as none."
            )
    return compare_records(base_records or [], head_records or [], kind), notes


def _records_section(kind: RecordKind, changes: RecordChanges, notes: list[str]) -> list[str]:
    out = [f"## {kind.title}", ""]
    out += [line for note in notes for line in (note, "")]
    if not (changes.added or changes.removed or changes.changed):
        if not notes:
            out += [f"No {kind.title.lower()} added, removed or changed.", ""]
        return out
    header = [name for _field, name in kind.columns]
    for title, group in (("Added", changes.added), ("Removed", changes.removed)):
        if group:
            rows = [[_cell(record, f) for f, _name in kind.columns] for record in group]
            out += [f"### {title}", "", md_table(header, rows), ""]
    if changes.changed:
        out += ["### Changed", ""]
        for before, after, names in changes.changed:
            rows = [
                [Markdown(md_code(name, in_table=True)), _cell(before, name), _cell(after, name)]
                for name in names
            ]
            label = kind.label(after) or kind.label(before)
            out += [f"**{md_text(label)}**", "", md_table(["field", "before", "after"], rows), ""]
    return out


def _cell(record: Mapping[str, Any], name: str) -> object:
    """A record's field for a table; links (``url``) as code, so they read as written."""
    value = record.get(name)
    if name == "url" and isinstance(value, str) and value:
        return Markdown(md_code(value, in_table=True))
    return value


def _warnings_section(warnings: Sequence[str], gone: int) -> list[str]:
    out = ["## New warnings", ""]
    if warnings:
        out += [
            f"{_plural(len(warnings), 'warning')} that the base does not give:",
            "",
            md_fence("\n".join(warnings), "text"),
            "",
        ]
    else:
        out += ["None.", ""]
    if gone:
        out += [f"{_plural(gone, 'warning')} of the base no longer given.", ""]
    return out

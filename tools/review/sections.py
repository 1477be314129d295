"""The report's sections on pages (word by word, then line by line) and on sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .bibentries import SourceChange, Sources
from .jobs import Side
from .md import _plural, md_code, md_fence, md_text
from .pages import PageChange
from .words import ParagraphChanges, compare_paragraphs, excerpt, paragraphs_of, word_diff


def paragraph_changes(
    docname: str, base: Mapping[str, Any] | None, head: Mapping[str, Any] | None
) -> ParagraphChanges | None:
    """The page's paragraphs compared, or None when a side's probe could not read them."""
    if base is None or head is None or "pages" not in base or "pages" not in head:
        return None
    return compare_paragraphs(
        paragraphs_of(base["pages"].get(docname, {})), paragraphs_of(head["pages"].get(docname, {}))
    )


def _where(section: str, line: int) -> str:
    parts = [f"“{md_text(section)}”"] if section else []
    if line:
        parts.append(f"line {line}")
    return (", ".join(parts) + ": ") if parts else ""


def paragraph_lines(changes: ParagraphChanges) -> list[str]:
    out: list[str] = []
    if changes.changed:
        out += ["Changed paragraphs, word by word (~~removed~~ **added**):", ""]
        for before, after in changes.changed:
            out.append(f"- {_where(after.section, after.line)}{word_diff(before, after)}")
        out.append("")
    for title, group in (("Added paragraphs", changes.added), ("Removed", changes.removed)):
        if group:
            out += [f"{'Removed paragraphs' if title == 'Removed' else title}:", ""]
            out += [f"- {_where(p.section, p.line)}{excerpt(p)}" for p in group]
            out.append("")
    return out


def pages_section(
    changes: Sequence[PageChange],
    unchanged: Sequence[str],
    max_lines: int,
    probes: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None],
    preview: Mapping[str, str],
) -> list[str]:
    out = [
        "## Pages",
        "",
        "What each page says: its paragraphs compared by content, word by word, then its "
        "rendered text line by line (Sphinx's text builder).",
        "",
    ]
    if not changes:
        out += ["No page's text changed.", ""]
    for change in changes:
        heading = {"changed": "changed", "added": "added (new page)", "removed": "removed"}[
            change.status
        ]
        out += [f"### {md_code(change.docname)}: {heading}", ""]
        if change.status == "removed":
            out += [f"The page is gone ({_plural(len(change.diff) - 3, 'line')} of text).", ""]
            continue
        if change.docname in preview:
            out += [f"[Preview of this page]({preview[change.docname]})", ""]
        words = paragraph_changes(change.docname, *probes) if change.status == "changed" else None
        if words:
            out += paragraph_lines(words)
        elif words is not None:
            out += ["No paragraph changed (the change is in headings, lists or tables).", ""]
        diff = change.diff
        if len(diff) > max_lines:
            cut = len(diff) - max_lines
            diff = [*diff[:max_lines], f"… {_plural(cut, 'more line')} not shown"]
        fence = md_fence("\n".join(diff), "diff")
        if words:
            summary = "The rendered text, line by line"
            out += [f"<details><summary>{summary}</summary>", "", fence, "", "</details>", ""]
        else:
            out += [fence, ""]
    if unchanged:
        out += ["Unchanged: " + ", ".join(md_code(d) for d in unchanged) + ".", ""]
    return out


def sources_section(
    changes: Sequence[SourceChange],
    base: Side,
    head: Side,
    base_sources: Sources,
    head_sources: Sources,
) -> list[str]:
    out = ["## Sources", ""]
    for side, sources in ((base, base_sources), (head, head_sources)):
        if not sources.available:
            out += [
                f"The {side.label} has no readable bibliography; its sources are not compared.",
                "",
            ]
    if not changes:
        out += ["No source was added, removed or changed.", ""]
        return out
    for status, title in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        group = [c for c in changes if c.status == status]
        if not group:
            continue
        out += [f"### {title}", ""]
        for change in group:
            if status == "added":
                out.append(f"- {md_code(change.key)}: {md_text(change.after or '')}")
            elif status == "removed":
                out.append(f"- {md_code(change.key)}: {md_text(change.before or '')}")
            else:
                fields = ", ".join(md_code(f) for f in change.fields) or "none"
                out += [
                    f"- {md_code(change.key)} (fields changed: {fields})",
                    f"  - before: {md_text(change.before or '')}",
                    f"  - after: {md_text(change.after or '')}",
                ]
                for name, old, new in change.values:
                    old_text = md_text(old) if old else "(none)"
                    new_text = md_text(new) if new else "(none)"
                    out.append(f"  - {md_code(name)}: {old_text} → {new_text}")
        out.append("")
    return out

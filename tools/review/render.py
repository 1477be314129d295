"""The review's data (:mod:`.report`, checked by :mod:`.schema`) written as Markdown.

Everything a pull request wrote reaches the Markdown through :mod:`.md` (escaped text, code
spans, fences, tables), so the report is the same whether ``make review`` writes it or the
comment job (:mod:`.post`) renders an artifact that a pull request uploaded: the job runs
the base branch's copy of this module, with the standard library only.  What the data
cannot say is said here: headings, the summary, preview links (made from the address the
job is given and the pull request's number, never from the data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from .kinds import VIEWS, RecordView
from .md import Markdown, _plural, md_code, md_fence, md_table, md_text

#: How the report names each side of the comparison.
SIDES = {"base": "base", "head": "working tree", "both": "builds"}
#: The longest raw piece shown in full (the rest is said to be cut).
RAW_SHOWN = 4000
_FENCE_INFO = {"html": "html", "latex": "latex"}

Data = Mapping[str, Any]


def render(data: Data, *, preview_url: str | None = None, pr: str | int | None = None) -> str:
    """The whole report; ``preview_url`` (``{pr}``, ``{page}``, ``{docname}``) and ``pr``
    make each changed page's preview link."""
    base, head = data["base"], data["head"]
    dirty = " with uncommitted changes" if head.get("dirty") else ""
    out = ["# Review: what this change does to the brief", ""]
    out.append(
        f"Compared: the base {md_code(base['ref'])} (commit {md_code(base['commit'][:12])}) "
        f"with the working tree (commit {md_code(head['commit'][:12])}{dirty})."
    )
    out.append("")
    out += raw_section(data.get("raw"))
    out += [f"- **{title}**: {summary}" for title, summary in _counts(data)]
    out.append("")
    problems = _problems(data.get("problems", []))
    if problems:
        out += ["## Build problems", "", *problems, ""]
    pages = data["pages"]
    touched = [c["docname"] for c in pages["changes"] if c["status"] != "removed"]
    preview = preview_links(preview_url, pr, touched)
    out += pages_section(pages, preview)
    out += sources_section(data["sources"])
    for name in ("events", "quotes"):
        out += records_section(VIEWS[name], data[name])
    out += _sourcing_section(data.get("sourcing"), touched)
    out += _warnings_section(data["warnings"])
    return "\n".join(out).rstrip() + "\n"


def preview_links(
    pattern: str | None, pr: str | int | None, docnames: Sequence[str]
) -> dict[str, str]:
    """Each page's preview address: ``{pr}``, ``{page}`` (``docname.html``), ``{docname}``
    (the page's name quoted for an address)."""
    if not pattern or not pr:
        return {}
    return {
        docname: pattern.replace("{pr}", quote(str(pr), safe=""))
        .replace("{page}", quote(f"{docname}.html"))
        .replace("{docname}", quote(docname))
        for docname in docnames
    }


# -- raw markup ------------------------------------------------------------------------


def raw_section(raw: Sequence[Data] | None) -> list[str]:
    """Every raw HTML or LaTeX piece the change adds or alters, verbatim, in a fence."""
    if raw is None:
        return ["**Raw HTML and LaTeX**: the working tree's pages could not be read.", ""]
    if not raw:
        return []
    out = [
        "## Raw HTML and LaTeX added or changed",
        "",
        f"{_plural(len(raw), 'raw piece')} that this change adds or alters, as written "
        '(a brief leaves raw markup out of every output unless `brief_raw_html = "allow"`):',
        "",
    ]
    for piece in raw:
        text = str(piece["text"])
        formats = str(piece["format"]).split() or ["raw"]
        shown = text[:RAW_SHOWN]
        cut = (
            f" (its first {RAW_SHOWN:,} of {len(text):,} characters)"
            if len(text) > RAW_SHOWN
            else ""
        )
        kind = " and ".join(
            "HTML" if "html" in f else "LaTeX" if f == "latex" else f for f in formats
        )
        out += [
            f"{md_code(piece['docname'])}, line {int(piece['line'])}: raw {md_text(kind)}{cut}",
            "",
            md_fence(shown, _FENCE_INFO.get(formats[0], "text")),
            "",
        ]
    return out


# -- summary and problems ----------------------------------------------------------------


def _summary(**counts: int) -> str:
    parts = [f"{count} {name}" for name, count in counts.items() if count]
    return ", ".join(parts) if parts else "no change"


def _counts(data: Data) -> list[tuple[str, str]]:
    changes = data["pages"]["changes"]
    sources = data["sources"]["changes"]
    rows = [
        (
            "Pages",
            _summary(
                changed=sum(p["status"] == "changed" for p in changes),
                added=sum(p["status"] == "added" for p in changes),
                removed=sum(p["status"] == "removed" for p in changes),
            ),
        ),
        (
            "Sources",
            _summary(
                added=sum(s["status"] == "added" for s in sources),
                removed=sum(s["status"] == "removed" for s in sources),
                changed=sum(s["status"] == "changed" for s in sources),
            ),
        ),
    ]
    for name in ("events", "quotes"):
        records = data[name]
        rows.append(
            (
                VIEWS[name].title,
                _summary(
                    added=len(records["added"]),
                    removed=len(records["removed"]),
                    changed=len(records["changed"]),
                ),
            )
        )
    raw = data.get("raw")
    rows.append(("Raw HTML or LaTeX added or changed", str(len(raw)) if raw else "none"))
    warnings = data["warnings"]["new"]
    rows.append(("New warnings", str(len(warnings)) if warnings else "none"))
    if data.get("sourcing") is not None:
        count = open_count(data["sourcing"])
        rows.append(("Unsourced on the pages changed", str(count or "none")))
    return rows


def _problems(problems: Sequence[Data]) -> list[str]:
    lines: list[str] = []
    for problem in problems:
        side = SIDES.get(str(problem["side"]), "build")
        if "job" not in problem:
            lines.append(f"- The {side}: {md_text(problem['text'])}.")
            continue
        what = "probe" if problem.get("kind") == "probe" else "build"
        lines.append(
            f"- The {side}'s {md_code(problem['job'])} {what} failed "
            f"(exit status {int(problem['status'])}); its last lines:"
        )
        lines += ["", md_fence(problem.get("log") or "(no output)", "text"), ""]
    return lines


# -- pages -------------------------------------------------------------------------------


def render_segments(segments: Sequence[Sequence[str]]) -> str:
    """A changed paragraph's pieces (:func:`.words.word_segments`) as Markdown."""
    out = []
    for kind, text in segments:
        if kind == "removed":
            out.append(f"~~{md_text(text)}~~")
        elif kind == "added":
            out.append(f"**{md_text(text)}**")
        elif kind == "note":
            out.append(f"{md_text(text)} *(note changed)*")
        elif kind == "gap":
            out.append("…")
        else:
            out.append(md_text(text))
    return "".join(out)


def _where(section: str, line: int) -> str:
    parts = [f"“{md_text(section)}”"] if section else []
    if line:
        parts.append(f"line {int(line)}")
    return (", ".join(parts) + ": ") if parts else ""


def paragraph_lines(changes: Data) -> list[str]:
    out: list[str] = []
    if changes["changed"]:
        out += ["Changed paragraphs, word by word (~~removed~~ **added**):", ""]
        for item in changes["changed"]:
            out.append(f"- {_where(item['section'], item['line'])}{render_segments(item['words'])}")
        out.append("")
    for key, title in (("added", "Added paragraphs"), ("removed", "Removed paragraphs")):
        if changes[key]:
            out += [f"{title}:", ""]
            out += [
                f"- {_where(p['section'], p['line'])}{md_text(p['text'])}" for p in changes[key]
            ]
            out.append("")
    return out


def _any_paragraph(changes: Data | None) -> bool:
    return bool(changes and (changes["changed"] or changes["added"] or changes["removed"]))


def pages_section(pages: Data, preview: Mapping[str, str]) -> list[str]:
    out = [
        "## Pages",
        "",
        "What each page says: its paragraphs compared by content, word by word, then its "
        "rendered text line by line (Sphinx's text builder).",
        "",
    ]
    if not pages["changes"]:
        out += ["No page's text changed.", ""]
    for change in pages["changes"]:
        heading = {"changed": "changed", "added": "added (new page)", "removed": "removed"}[
            change["status"]
        ]
        out += [f"### {md_code(change['docname'])}: {heading}", ""]
        if change["status"] == "removed":
            out += [f"The page is gone ({_plural(int(change['lines']), 'line')} of text).", ""]
            continue
        if change["docname"] in preview:
            out += [f"[Preview of this page]({preview[change['docname']]})", ""]
        words = change.get("paragraphs")
        if _any_paragraph(words):
            out += paragraph_lines(words)  # type: ignore[arg-type]
        elif words is not None:
            out += ["No paragraph changed (the change is in headings, lists or tables).", ""]
        diff = list(change["diff"])
        if change.get("more"):
            diff.append(f"… {_plural(int(change['more']), 'more line')} not shown")
        fence = md_fence("\n".join(diff), "diff")
        if _any_paragraph(words):
            summary = "The rendered text, line by line"
            out += [f"<details><summary>{summary}</summary>", "", fence, "", "</details>", ""]
        else:
            out += [fence, ""]
    if pages["unchanged"]:
        out += ["Unchanged: " + ", ".join(md_code(d) for d in pages["unchanged"]) + ".", ""]
    return out


# -- sources -----------------------------------------------------------------------------


def sources_section(sources: Data) -> list[str]:
    out = ["## Sources", ""]
    for side in sources["unavailable"]:
        out += [
            f"The {SIDES.get(side, side)} has no readable bibliography; its sources are not "
            "compared.",
            "",
        ]
    changes = sources["changes"]
    if not changes:
        out += ["No source was added, removed or changed.", ""]
        return out
    for status, title in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        group = [c for c in changes if c["status"] == status]
        if not group:
            continue
        out += [f"### {title}", ""]
        for change in group:
            key = md_code(change["key"])
            if status == "added":
                out.append(f"- {key}: {md_text(change.get('after') or '')}")
            elif status == "removed":
                out.append(f"- {key}: {md_text(change.get('before') or '')}")
            else:
                fields = ", ".join(md_code(f) for f in change["fields"]) or "none"
                out += [
                    f"- {key} (fields changed: {fields})",
                    f"  - before: {md_text(change.get('before') or '')}",
                    f"  - after: {md_text(change.get('after') or '')}",
                ]
                for name, old, new in change["values"]:
                    old_text = md_text(old) if old else "(none)"
                    new_text = md_text(new) if new else "(none)"
                    out.append(f"  - {md_code(name)}: {old_text} → {new_text}")
        out.append("")
    return out


# -- events and quotations -------------------------------------------------------------------


def _note(view: RecordView, note: Data) -> str:
    why = md_text(str(note.get("why") or ""))
    if note["side"] == "both":
        return f"Neither build has {md_code(view.filename)} ({why}); {view.name} are not compared."
    return (
        f"The {SIDES.get(note['side'], 'build')} has no {md_code(view.filename)} ({why}: an "
        f"older base, or a project without the directive); its {view.name} are taken as none."
    )


def _cell(record: Mapping[str, Any], name: str) -> object:
    """A record's field for a table; links (``url``) as code, so they read as written."""
    value = record.get(name)
    if name == "url" and isinstance(value, str) and value:
        return Markdown(md_code(value, in_table=True))
    return value


def records_section(view: RecordView, records: Data) -> list[str]:
    out = [f"## {view.title}", ""]
    notes = [_note(view, note) for note in records["notes"]]
    out += [line for note in notes for line in (note, "")]
    if not (records["added"] or records["removed"] or records["changed"]):
        if not notes:
            out += [f"No {view.title.lower()} added, removed or changed.", ""]
        return out
    header = [name for _field, name in view.columns]
    for title, key in (("Added", "added"), ("Removed", "removed")):
        if records[key]:
            rows = [[_cell(record, f) for f, _name in view.columns] for record in records[key]]
            out += [f"### {title}", "", md_table(header, rows), ""]
    if records["changed"]:
        out += ["### Changed", ""]
        for change in records["changed"]:
            before, after = change["before"], change["after"]
            rows = [
                [Markdown(md_code(name, in_table=True)), _cell(before, name), _cell(after, name)]
                for name in change["fields"]
            ]
            label = md_text(view.label(after) or view.label(before)).strip()
            title = f"**{label}**" if label else "*(a record without a label)*"
            out += [title, "", md_table(["field", "before", "after"], rows), ""]
    return out


# -- sourcing ----------------------------------------------------------------------------


def open_count(sourcing: Data) -> int:
    findings = [*sourcing["unsourced"], *sourcing["no_source"], *sourcing["dates"]]
    return sum(f.get("why") is None for f in findings) + len(sourcing["uncited"])


def _what(finding: Data) -> str:
    """What a finding is about, as Markdown."""
    if finding["kind"] == "paragraph":
        section = f"“{md_text(finding['section'])}”, " if finding.get("section") else ""
        where = f"{section}line {int(finding['line'])}: " if finding.get("line") else section
        return where + md_text(finding["text"])
    label = f"{md_text(finding['record'])} {md_code(finding['text'])}"
    if finding["kind"] == "no-source":
        return f"{label} has no source"
    return (
        f"{label} is dated {md_text(finding['date'])}, after its source "
        f"{md_code(finding['key'])} was published ({md_text(finding['published'])})"
    )


def sourcing_lines(sourcing: Data, *, heading: str = "##", scope: str = "the brief") -> list[str]:
    """The findings: open ones first, then the exceptions the pages explain."""
    out: list[str] = []
    groups = (
        ("Paragraphs that state something without a note", sourcing["unsourced"]),
        ("Quotations and events without a source", sourcing["no_source"]),
        ("Records dated after a source of theirs was published", sourcing["dates"]),
    )
    for title, findings in groups:
        open_ = [f for f in findings if f.get("why") is None]
        if open_:
            out += [f"{heading}# {title}", ""]
            out += [f"- {md_code(f['docname'])}: {_what(f)}" for f in open_]
            out.append("")
    if sourcing["uncited"]:
        out += [f"{heading}# Sources cited nowhere", ""]
        out += [f"- {md_code(key)}" for key in sourcing["uncited"]]
        out.append("")
    explained = [f for _title, findings in groups for f in findings if f.get("why") is not None]
    if explained:
        out += [f"{heading}# Explained on the page", ""]
        out += [_explained(run) for run in _runs(explained)]
        out.append("")
    if not open_count(sourcing):
        out.insert(0, f"Nothing in {scope} is stated without a source.\n")
    return out


def _runs(findings: Sequence[Data]) -> list[list[Data]]:
    """Consecutive paragraphs of one page explained by one comment, together."""
    runs: list[list[Data]] = []
    for finding in findings:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and finding.get("line")
            and last.get("line")
            and (last["docname"], last.get("why")) == (finding["docname"], finding.get("why"))
        ):
            runs[-1].append(finding)
        else:
            runs.append([finding])
    return runs


def _explained(run: Sequence[Data]) -> str:
    first = run[0]
    why = md_text(str(first.get("why") or ""))
    if len(run) < 3:
        return "\n".join(f"- {md_code(f['docname'])}: {_what(f)} — {why}" for f in run)
    lines = f"lines {int(run[0]['line'])}–{int(run[-1]['line'])}"
    return (
        f"- {md_code(first['docname'])}: {len(run)} paragraphs, {lines}, from {_what(first)} "
        f"— {why}"
    )


def _sourcing_section(sourcing: Data | None, touched: Sequence[str]) -> list[str]:
    out = ["## Sourcing of the pages changed", ""]
    if sourcing is None:
        return [*out, "The working tree's pages could not be read; sourcing is not checked.", ""]
    if not touched and not sourcing["uncited"]:
        return [*out, "No page changed.", ""]
    pages = ", ".join(md_code(d) for d in touched)
    scope = f"the pages changed ({pages})" if touched else "the sources"
    return [*out, *sourcing_lines(sourcing, heading="##", scope=scope)]


# -- warnings ----------------------------------------------------------------------------


def _warnings_section(warnings: Data) -> list[str]:
    out = ["## New warnings", ""]
    if warnings["new"]:
        out += [
            f"{_plural(len(warnings['new']), 'warning')} that the base does not give:",
            "",
            md_fence("\n".join(warnings["new"]), "text"),
            "",
        ]
    else:
        out += ["None.", ""]
    if warnings["gone"]:
        out += [f"{_plural(int(warnings['gone']), 'warning')} of the base no longer given.", ""]
    return out

"""The sourcing report: what in a brief is stated without a source.

Four findings, from one side's probe (its doctrees and bib entries) and its HTML exports:

* paragraphs that state something (five words or more) without a note, unless they sit in
  or lead into a record with its own sources (a quotation, an event), or a comment
  ``% unsourced: why`` right before them (or before a block holding them) explains them;
* quotations and events without a source (``sources`` empty in quotes.json/events.json);
* entries of the bib files cited nowhere (no note, citation or record names them);
* records dated after a source of theirs was published: a source cannot report what had
  not happened yet (the extension's date-against-source rule).  An event whose
  ``:date-note:`` explains the conflict is listed as explained, with its note.

``make sources-report`` writes it for the whole brief; the review report has the same
section for the pages a change touches.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import edtf

from .md import md_code, md_text
from .records import EVENTS, QUOTES, RecordKind
from .words import Paragraph, excerpt, is_word, paragraphs_of

#: A paragraph with fewer words states nothing to source ("Khushroo added that").
MIN_WORDS = 5


@dataclass
class Finding:
    docname: str
    what: str  # Markdown
    why: str | None = None  # the explanation given on the page, if any
    line: int = 0  # of a paragraph


@dataclass
class Sourcing:
    unsourced: list[Finding] = field(default_factory=list)
    no_source: list[Finding] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    dates: list[Finding] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        findings = [*self.unsourced, *self.no_source, *self.dates]
        return sum(f.why is None for f in findings) + len(self.uncited)


Span = tuple[tuple[int, ...], tuple[int, ...]]


def _span(value: str) -> Span | None:
    try:
        parsed = edtf.parse_edtf(value.strip())
        return tuple(parsed.lower_strict())[:3], tuple(parsed.upper_strict())[:3]
    except Exception:
        return None


def published(fields: Mapping[str, str]) -> tuple[str, Span] | None:
    """An entry's publication date (``date``, else ``year``/``month``/``day``) and its span."""
    text = fields.get("date", "").strip().strip("{}")
    if not text and fields.get("year", "").strip().isdigit():
        text = fields["year"].strip()
        month = fields.get("month", "").strip().lower()[:3]
        names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        number = names.index(month) + 1 if month in names else int(month) if month.isdigit() else 0
        if 1 <= number <= 12:
            text += f"-{number:02d}"
            day = fields.get("day", "").strip()
            if day.isdigit():
                text += f"-{int(day):02d}"
    span = _span(text) if text else None
    return (text, span) if span else None


def _docname(url: str) -> str:
    page = url.split("#", 1)[0]
    for suffix in (".html", "/index.html", "/"):
        if page.endswith(suffix):
            return page[: -len(suffix)] or "index"
    return page


def _label(kind: RecordKind, record: Mapping[str, Any]) -> str:
    return kind.label(record) or str(record.get("url", "")) or "(unnamed)"


def analyse(
    probe: Mapping[str, Any],
    records: Mapping[str, Sequence[Mapping[str, Any]] | None],
    pages: Collection[str] | None = None,
    *,
    uncited: bool = True,
) -> Sourcing:
    """The findings of one side; ``pages`` limits them to those documents (all if None)."""
    result = Sourcing()

    def wanted(docname: str) -> bool:
        return pages is None or docname in pages

    date_notes: dict[str, str] = {}
    for docname, page in probe.get("pages", {}).items():
        for record in page.get("records", []):
            for anchor in record.get("ids", []):
                date_notes[f"{docname}#{anchor}"] = str(record.get("date_note", ""))
        if not wanted(docname):
            continue
        for paragraph in paragraphs_of(page):
            if _unsourced(paragraph):
                what = _where(paragraph) + excerpt(paragraph)
                result.unsourced.append(Finding(docname, what, paragraph.explained, paragraph.line))
    fields = {key: entry.get("fields", {}) for key, entry in probe.get("entries", {}).items()}
    for kind in (EVENTS, QUOTES):
        for record in records.get(kind.name) or []:
            url = str(record.get("url", ""))
            docname = _docname(url)
            if not wanted(docname):
                continue
            label = f"{kind.title[:-1]} {md_code(_label(kind, record))}"
            keys = [str(k) for k in record.get("sources") or []]
            if not keys:
                result.no_source.append(Finding(docname, f"{label} has no source"))
            span = _span(str(record.get("date", "")))
            for key in keys:
                source = published(fields.get(key, {}))
                if span is None or source is None or not span[0] > source[1][1]:
                    continue
                anchor = f"{docname}#{url.split('#', 1)[1]}" if "#" in url else ""
                why = date_notes.get(anchor) or None
                result.dates.append(
                    Finding(
                        docname,
                        f"{label} is dated {md_text(str(record.get('date')))}, after its "
                        f"source {md_code(key)} was published ({md_text(source[0])})",
                        why,
                    )
                )
    if uncited:
        cited = set(probe.get("cited", []))
        result.uncited = [key for key in fields if key not in cited]
    return result


def _unsourced(paragraph: Paragraph) -> bool:
    words = [t for t in paragraph.tokens if is_word(t)]
    return not paragraph.notes and not paragraph.covered and len(words) >= MIN_WORDS


def _where(paragraph: Paragraph) -> str:
    section = f"“{md_text(paragraph.section)}”, " if paragraph.section else ""
    return f"{section}line {paragraph.line}: " if paragraph.line else section


def render(sourcing: Sourcing, *, heading: str = "##", scope: str = "the brief") -> list[str]:
    """The findings as Markdown: open ones first, then the exceptions the pages explain."""
    out: list[str] = []
    groups = (
        ("Paragraphs that state something without a note", sourcing.unsourced),
        ("Quotations and events without a source", sourcing.no_source),
        ("Records dated after a source of theirs was published", sourcing.dates),
    )
    for title, findings in groups:
        open_ = [f for f in findings if f.why is None]
        if open_:
            out += [f"{heading}# {title}", ""]
            out += [f"- {md_code(f.docname)}: {f.what}" for f in open_]
            out.append("")
    if sourcing.uncited:
        out += [f"{heading}# Sources cited nowhere", ""]
        out += [f"- {md_code(key)}" for key in sourcing.uncited]
        out.append("")
    explained = [f for _title, findings in groups for f in findings if f.why is not None]
    if explained:
        out += [f"{heading}# Explained on the page", ""]
        out += [_explained(run) for run in _runs(explained)]
        out.append("")
    if not sourcing.open_count:
        out.insert(0, f"Nothing in {scope} is stated without a source.\n")
    return out


def _runs(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Consecutive paragraphs of one page explained by one comment, together."""
    runs: list[list[Finding]] = []
    for finding in findings:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and finding.line
            and last.line
            and (last.docname, last.why) == (finding.docname, finding.why)
        ):
            runs[-1].append(finding)
        else:
            runs.append([finding])
    return runs


def _explained(run: Sequence[Finding]) -> str:
    first = run[0]
    why = md_text(first.why or "")
    if len(run) < 3:
        return "\n".join(f"- {md_code(f.docname)}: {f.what} — {why}" for f in run)
    lines = f"lines {run[0].line}–{run[-1].line}"
    return f"- {md_code(first.docname)}: {len(run)} paragraphs, {lines}, from {first.what} — {why}"

"""The sourcing report: what in a brief is stated without a source.

Four findings, from one side's probe (its doctrees and bib entries) and its HTML exports:

* paragraphs that state something (five words or more) without a note, unless they sit in
  or lead into a record with its own sources (a quotation, an event), or a comment
  ``% unsourced: why`` right before them (or before a block holding them) explains them;
* quotations and events without a source (``sources`` empty in quotes.json/events.json);
  one declared ``:unsourced: why`` is listed as explained, with its reason;
* entries of the bib files cited nowhere (no note, citation or record names them);
* records dated after a source of theirs was published: a source cannot report what had
  not happened yet (the extension's date-against-source rule).  An event whose
  ``:date-note:`` explains the conflict is listed as explained, with its note.

``make sources-report`` writes it for the whole brief; the review report has the same
section for the pages a change touches.  The findings are data (:meth:`Sourcing.to_data`);
:mod:`.render` writes them as Markdown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import edtf

from .records import EVENTS, QUOTES, RecordKind
from .words import Paragraph, excerpt, is_word, paragraphs_of

#: A paragraph with fewer words states nothing to source ("Khushroo added that").
MIN_WORDS = 5


@dataclass
class Finding:
    """One finding, as data (the report writes it: :func:`.render.sourcing_lines`)."""

    docname: str
    #: "paragraph" (stated without a note), "no-source" (a record), "date" (a record dated
    #: after a source of its was published)
    kind: str
    why: str | None = None  # the explanation given on the page, if any
    line: int = 0  # of a paragraph
    section: str = ""  # of a paragraph
    text: str = ""  # a paragraph's words, or the record's label
    record: str = ""  # "Event" or "Quotation"
    date: str = ""  # a record's date
    key: str = ""  # the source it is dated after
    published: str = ""  # that source's date

    def to_data(self) -> dict[str, Any]:
        return dict(self.__dict__)


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

    def to_data(self, pages: Collection[str] | None = None) -> dict[str, Any]:
        """The findings as the review's data (``pages``: the pages they are limited to)."""
        return {
            "pages": sorted(pages) if pages is not None else None,
            "unsourced": [f.to_data() for f in self.unsourced],
            "no_source": [f.to_data() for f in self.no_source],
            "dates": [f.to_data() for f in self.dates],
            "uncited": list(self.uncited),
        }


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
                result.unsourced.append(
                    Finding(
                        docname,
                        "paragraph",
                        paragraph.explained,
                        paragraph.line,
                        paragraph.section,
                        excerpt(paragraph),
                    )
                )
    fields = {key: entry.get("fields", {}) for key, entry in probe.get("entries", {}).items()}
    for kind in (EVENTS, QUOTES):
        for record in records.get(kind.name) or []:
            url = str(record.get("url", ""))
            docname = _docname(url)
            if not wanted(docname):
                continue
            title, label = kind.title[:-1], _label(kind, record)
            keys = [str(k) for k in record.get("sources") or []]
            if not keys:
                # declared so (``:unsourced: why``): listed as explained, with its reason
                declared = record.get("unsourced")
                why = None if declared is None else f"unsourced in the original: {declared}"
                result.no_source.append(
                    Finding(
                        docname,
                        "no-source",
                        why.rstrip(": ") if why else None,
                        text=label,
                        record=title,
                    )
                )
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
                        "date",
                        why,
                        date=str(record.get("date")),
                        key=key,
                        published=source[0],
                        text=label,
                        record=title,
                    )
                )
    if uncited:
        cited = set(probe.get("cited", []))
        result.uncited = [key for key in fields if key not in cited]
    return result


def _unsourced(paragraph: Paragraph) -> bool:
    words = [t for t in paragraph.tokens if is_word(t)]
    return not paragraph.notes and not paragraph.covered and len(words) >= MIN_WORDS

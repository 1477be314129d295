"""The same notes, in the same order, with the same words, in every format.

The website and the ePub number each page's notes from 1; the notes of an article PDF run
through the document.  The notes are read from the pages as a reader reads them (the
``aside`` of each footnote, in the page's order, pages in reading order), and found in the
PDF's text (pdftotext) one after the other: a note the PDF does not have, has other words
for, or has in another place of the order is a fault.  The PDF's line breaks, hyphens and
spaces are not words: they are left out of the comparison.
"""

from __future__ import annotations

import copy
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .brief import Brief
from .faults import Fault
from .pages import Page

#: What the PDF's lines and justification add or take away: spaces, hyphens at line ends,
#: zero-width characters, the soft hyphen.
_LAYOUT = re.compile(r"[\s\-\u00ad\u2010\u2011\u200b\u200c\u200d\u2060]+")
_SPACES = re.compile(r"\s+")


#: get_text(" ") puts a space between inline elements; not before punctuation.
_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?)\]’”])|(?<=[(\[‘“]) ")


def _tidy(text: str) -> str:
    return _BEFORE_PUNCTUATION.sub("", text)


@dataclass(frozen=True)
class Note:
    """One note as a reader sees it: the page it is on, its number, its words."""

    docname: str
    number: str
    text: str


#: The marks a browser sets around ``<q>`` (its default style sheet: English's), by depth.
_Q_MARKS = (("“", "”"), ("‘", "’"))


def _mark_quotations(element: Any) -> None:
    """A run-in quotation's marks as the browser shows them: a plain ``<q>`` has them from
    CSS, where the text holds none (the PDF holds them as characters)."""
    for q in element.find_all("q"):
        if "brief-quote-words" in (q.get("class") or []):
            continue  # sphinx_brief writes its marks as text (quotes/writers.py)
        depth = len(q.find_parents("q"))
        opening, closing = _Q_MARKS[depth % 2]
        q.insert(0, opening)
        q.append(closing)


def page_notes(page: Page) -> list[Note]:
    """The notes at the end of a page, in their order (docutils' ``aside.footnote``)."""
    notes = []
    for aside in page.soup.select("aside.footnote"):
        label = aside.select_one(".label")
        number = label.get_text().strip().strip("[]") if label is not None else ""
        words = copy.copy(aside)
        for furniture in words.select(".label, .backrefs"):
            furniture.decompose()
        _mark_quotations(words)
        text = _SPACES.sub(" ", words.get_text(" ")).strip()
        notes.append(Note(page.docname, number, _tidy(text)))
    return notes


def numbering(brief: Brief, fmt: str, page: Page) -> list[Fault]:
    """A page's marks: each links to a note of the page, and the notes are numbered 1, 2,
    3 … in the order of their first mark."""
    faults = []
    first: list[str] = []
    for mark in page.soup.select("a.footnote-reference"):
        href = str(mark.get("href", ""))
        if href not in first:
            first.append(href)
    marks = [href.lstrip("#") for href in first if href.startswith("#")]
    notes = [str(a.get("id", "")) for a in page.soup.select("aside.footnote")]
    labels = [n.number for n in page_notes(page)]
    where = brief.page(page.docname)
    if labels != [str(n) for n in range(1, len(labels) + 1)]:
        faults.append(Fault(where, fmt, "notes", f"{page.name}: notes numbered {labels}"))
    unmarked = [n for n in notes if n not in marks]
    missing = [m for m in marks if m not in notes]
    if missing:
        faults.append(Fault(where, fmt, "notes", f"{page.name}: marks of no note: {missing}"))
    if unmarked:
        faults.append(Fault(where, fmt, "notes", f"{page.name}: notes no mark shows: {unmarked}"))
    order = [notes.index(m) for m in marks if m in notes]
    if order != sorted(order):
        faults.append(
            Fault(where, fmt, "notes", f"{page.name}: the notes are not in their marks' order")
        )
    return faults


def compare(brief: Brief, fmt: str, expected: list[Note], found: list[Note]) -> list[Fault]:
    """The notes of another format (``found``, e.g. the ePub's) against the website's."""
    faults = []
    by_page: dict[str, list[Note]] = {}
    for note in found:
        by_page.setdefault(note.docname, []).append(note)
    pages = dict.fromkeys(n.docname for n in expected)
    for docname in pages:
        mine = [n for n in expected if n.docname == docname]
        theirs = by_page.get(docname, [])
        where = brief.page(docname)
        for ours, other in zip(mine, theirs, strict=False):
            if (ours.number, ours.text) != (other.number, other.text):
                faults.append(
                    Fault(
                        where,
                        fmt,
                        "notes",
                        f"note {ours.number} reads {other.number}: {other.text!r} in the {fmt}, "
                        f"{ours.number}: {ours.text!r} on the website",
                    )
                )
                break  # the first difference says it; the rest may only follow from it
        if len(mine) != len(theirs):
            faults.append(
                Fault(
                    where,
                    fmt,
                    "notes",
                    f"{len(theirs)} notes in the {fmt}, {len(mine)} on the website",
                )
            )
    for docname in by_page.keys() - pages.keys():
        faults.append(Fault(brief.page(docname), fmt, "notes", "notes the website does not have"))
    return faults


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it (poppler), in reading order, without the
    embeddings poppler itself puts around each right-to-left run (U+202B … U+202C): they
    are not in the PDF (an override an author typed, U+202D/U+202E, is kept)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    text = _POPPLER_BIDI.sub("", result.stdout.decode("utf-8", errors="replace"))
    return _FOLIO.sub("\n\f", text)  # an address or a note that runs on to the next page


#: A page's number at its foot, before the page break: not part of the text it cuts.
_FOLIO = re.compile(r"\n[ \t]*(?:\d+|[ivxlcdm]+)[ \t]*\n\s*\f", re.I)


#: What poppler writes around a right-to-left run of the PDF's text.
_POPPLER_BIDI = re.compile("[\u202a-\u202c]")
#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko …): poppler
#: gives their runs in the order they are drawn, and moves the words and punctuation
#: around them with them, so they are compared without.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")


def flat(text: str) -> str:
    """Words and punctuation only: what the PDF's layout cannot change."""
    return _LAYOUT.sub("", unicodedata.normalize("NFKC", text))


def flat_ltr(text: str) -> str:
    """:func:`flat`, up to the first letter of a right-to-left script (see :data:`_RTL`)."""
    flattened = flat(text)
    match = _RTL.search(flattened)
    return flattened if match is None else flattened[: match.start()]


def in_pdf(brief: Brief, expected: list[Note], text: str) -> list[Fault]:
    """Each note of the website found in the PDF's text, after the one before it.

    The words only: pdftotext sets a note's raised number wherever its line lands, so the
    numbers are checked in the LaTeX (:func:`in_latex`)."""
    flattened = flat(text)
    faults: list[Fault] = []
    at = 0
    for index, note in enumerate(expected, 1):
        words = flat_ltr(note.text)  # a right-to-left run: the words before it
        found = flattened.find(words, at)
        if found >= 0:
            at = found + len(words)
            continue
        if flattened.find(words) >= 0:
            message = (
                f"note {index} of the document ({note.text[:60]!r}) is out of order in the PDF"
            )
        else:
            message = (
                f"note {index} of the document ({note.text[:60]!r}) is not in the PDF "
                "with these words"
            )
        faults.append(
            Fault(f"{brief.page(note.docname)}: note {note.number}", "latexpdf", "notes", message)
        )
        if len(faults) >= 5:
            break  # the first faults say what is wrong; the rest may only follow from them
    return faults


#: A note of Sphinx's LaTeX: ``\begin{footnote}[12]``, a repeated one ``\sphinxfootnotemark[12]``.
_TEX_NOTE = re.compile(r"\\begin\{footnote\}\[(\d+)\]|\\sphinxfootnotemark\[(\d+)\]")


def in_latex(brief: Brief, expected: list[Note], tex: str, *, through: bool) -> list[Fault]:
    """The LaTeX's notes: as many as the website's, numbered in the order they are set
    (1, 2, 3 … through the document, or from 1 on each page when not ``through``), a
    repeated mark only of a note set before it."""
    faults: list[Fault] = []
    given: list[int] = []
    for full, mark in _TEX_NOTE.findall(tex):
        if full:
            given.append(int(full))
        elif int(mark) not in given:
            faults.append(
                Fault(
                    brief.relative(brief.srcdir),
                    "latex",
                    "notes",
                    f"a mark of note {mark} before the note",
                )
            )
    if through:
        wrong = next((i for i, number in enumerate(given) if number != i + 1), None)
        if wrong is not None:
            shown = given[max(0, wrong - 2) : wrong + 3]
            faults.append(
                Fault(
                    brief.relative(brief.srcdir),
                    "latex",
                    "notes",
                    f"note {wrong + 1} of the document is numbered {given[wrong]} "
                    f"(…{shown}…): not numbered in the order the notes are set",
                )
            )
    if len(given) != len(expected):
        faults.append(
            Fault(
                brief.relative(brief.srcdir),
                "latex",
                "notes",
                f"{len(given)} notes in the LaTeX, {len(expected)} on the website",
            )
        )
    return faults

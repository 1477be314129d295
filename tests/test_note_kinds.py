"""Every kind of note before, inside and after a quotation whose attribution may share a note.

A page may mix ``{note}``, sphinxcontrib-bibtex's ``{footcite}`` and MyST ``[^x]`` notes; a
quote's attribution shares the first note of the paragraph after it when that note cites
the quote's source (``{note}`` or ``{footcite}``).  Issue 21 found a page whose attribution
shared a ``{footcite}``'s note crash the HTML build (``KeyError: 'number'``).  Here every
combination, for block and run-in quotes, is one page of one project, built once per
format; each page must read as a reader expects: every mark links to a note of the page,
the notes are numbered 1, 2, 3 … in the order of their first mark, and the attribution's
note cites the quote's source.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

#: How each kind of note is written, citing the quote's source (``wire2009``) or another.
KINDS = {
    "none": "",
    "note": "{note}`@paper2010`",
    "footcite": "{footcite}`paper2010`",
    "myst": "[^m]",
}
#: What follows the quotation: its first note may share the attribution's source.
AFTER = {
    **KINDS,
    "note-shared": "{note}`@wire2009`",
    "footcite-shared": "{footcite}`wire2009`",
}
DISPLAYS = ("block", "run-in")

COMBINATIONS = [
    (display, before, inside, after)
    for display, before, inside, after in itertools.product(DISPLAYS, KINDS, KINDS, AFTER)
]


def _name(display: str, before: str, inside: str, after: str) -> str:
    return f"p-{display}-{before}-{inside}-{after}"


def _page(display: str, before: str, inside: str, after: str) -> str:
    title = f"{display} {before} {inside} {after}"
    lines = [f"# {title}", "", f"Before the quote.{KINDS[before]}"]
    if display == "block":
        lines.append("")
    else:
        lines.append("He said that")
    lines += [":::{quote}", ":speaker: Kim Yong-Nam", ":source: wire2009"]
    if display == "run-in":
        lines += [":display: run-in", f"the talks went well{KINDS[inside]}", ":::", "."]
    else:
        lines += ["", f"The talks went well.{KINDS[inside]}", ":::"]
    lines += ["", f"After the quote.{AFTER[after]}"]
    if "myst" in (before, inside, after):
        lines += ["", "[^m]: A note of the author's own."]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("note-kinds")
    pages = {f"{_name(*c)}.md": _page(*c) for c in COMBINATIONS}
    toctree = "\n".join(_name(*c) for c in COMBINATIONS)
    pages["index.md"] = f"# Kinds\n\n```{{toctree}}\n{toctree}\n```\n"
    return quote_project(root, pages)


@pytest.fixture(scope="module")
def html(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_sphinx(project, "html", tmp_path_factory.mktemp("note-kinds-html"))


@pytest.fixture(scope="module")
def latex(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_sphinx(project, "latex", tmp_path_factory.mktemp("note-kinds-latex"))


def test_every_combination_builds_without_warning(html: Build, latex: Build) -> None:
    assert html.warnings == "", html.warnings
    assert latex.warnings == "", latex.warnings
    written = {p.stem for p in html.outdir.glob("p-*.html")}
    assert written == {_name(*c) for c in COMBINATIONS}


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: "-".join(c))
def test_html_marks_notes_and_attribution(html: Build, combination: tuple[str, ...]) -> None:
    display, after = combination[0], combination[3]
    soup = BeautifulSoup(html.read(f"{_name(*combination)}.html"), "html.parser")
    notes = {str(n["id"]): n for n in soup.select("aside.footnote")}
    marks = soup.select("a.footnote-reference")
    # every mark links to a note of the page, and every note is marked
    assert all(str(m["href"]).lstrip("#") in notes for m in marks)
    assert {str(m["href"]).lstrip("#") for m in marks} == set(notes)
    # numbered 1, 2, 3 … in the order of their first mark, the mark showing its note's number
    first: dict[str, str] = {}
    for mark in marks:
        first.setdefault(str(mark["href"]), mark.get_text().strip("[]"))
    assert list(first.values()) == [str(n) for n in range(1, len(first) + 1)]
    for mark in marks:
        label = notes[str(mark["href"]).lstrip("#")].select_one(".label")
        assert label is not None and label.get_text().strip("[]") == mark.get_text().strip("[]")
    # the attribution links to a note that cites the quote's source
    quote = soup.select_one(".brief-run-in" if display == "run-in" else "figure.brief-quote")
    assert quote is not None
    where = quote if display == "run-in" else quote.select_one("figcaption")
    assert where is not None
    own = [m for m in where.select("a.footnote-reference") if m.find_parent("q") is None]
    if display == "run-in" and after.endswith("shared") and not own:
        # a run-in quote whose sentence ends with the note that covers it: that note
        shared = soup.find(string=re.compile(r"^\.$|After the quote"))
        assert shared is not None
    else:
        assert len(own) == 1, where
        text = notes[str(own[0]["href"]).lstrip("#")].get_text()
        assert "Wire Report" in text, text
        if after.endswith("shared"):
            # the same note as the one after the quote: the same number, no note of its own
            after_mark = soup.find(string=re.compile("After the quote"))
            assert after_mark is not None
            shared_mark = after_mark.parent.select_one("a.footnote-reference")  # type: ignore[union-attr]
            assert shared_mark is not None and shared_mark["href"] == own[0]["href"]


def test_latex_numbers_every_note_once_in_reading_order(latex: Build) -> None:
    """The .tex numbers the notes through the document (an article): each ``\\footnote``
    gets the next number, a ``\\footnotemark`` repeats one given already."""
    (tex_file,) = latex.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    given: list[int] = []
    for full, mark in re.findall(
        r"\\begin\{footnote\}\[(\d+)\]|\\sphinxfootnotemark\[(\d+)\]", tex
    ):
        if full:
            given.append(int(full))
        else:
            assert int(mark) in given, f"mark {mark} before its note"
    assert given == list(range(1, len(given) + 1))
    # every page's attribution cites the quote's source in a note or a mark
    attributions = re.findall(
        r"\\begin\{sphinxbriefattribution\}(.*?)\\end\{sphinxbriefattribution\}", tex, re.S
    )
    blocks = sum(1 for c in COMBINATIONS if c[0] == "block")
    assert len(attributions) == blocks
    assert all(re.search(r"footnote\}\[\d+\]|footnotemark\[\d+\]", a) for a in attributions)

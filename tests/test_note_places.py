"""A ``{note}`` where no note can be (issue 21, item 5): in a heading or inside another
``{note}``.  Each is a warning at the role's own line (``brief.note``) and is left out: no
number used up, and no garbage in the copies of the heading ("In context: Heading with a
note1"), in any format.  A heading's copies never carry a note mark, whatever made it
(``[^x]`` in a heading).  A ``{note}`` in the text of a note (MyST ``[^x]`` or reST
footnotes) is no note of a note: its sources are written into that note's text (issue 23).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

BIB = """
@article{hall2010, author = {Hall, Kevin}, title = {{Sanctions}}, journal = {The Times},
  date = {2010-05-13}}
@article{landay2010, author = {Landay, Jonathan}, title = {{Talks}}, journal = {McClatchy},
  date = {2010-06-01}}
"""

CONF = """\
project = "Places"
author = "Editor"
language = "en"
extensions = ["sphinx_brief"]
brief_date = "2010-07-01"
"""

INDEX = """\
# Brief

First.{note}`@hall2010`

## A heading with a note{note}`@landay2010`

:::{quote}
:speaker: Kevin Hall
:source: hall2010

Sanctions take time.
:::

:::{event} 2010-05
:title: Something happens
:source: hall2010
:::

One.{note}`see {note}`@hall2010` and @landay2010`

Two.{note}``see {note}`@hall2010`; @landay2010``

Three.[^x]

[^x]: A note with a note in it.{note}`@hall2010`

## A heading with a plain note[^y]

[^y]: Plain.

:::{quote}
:speaker: Jo Doe
:source: landay2010

Words.
:::

Last.{note}`@landay2010`

```{toctree}
chron
who
other
```
"""

OTHER = """\
A heading in reST with a note\\ :note:`@hall2010`
=================================================

Text.\\ :note:`@landay2010`

.. [#f1] A footnote with a note.\\ :note:`@hall2010`

Cited [#f1]_.

.. event:: 2010-06
   :title: Another thing
   :source: landay2010
"""

#: Where each misplaced note stands, and what is said of it.
EXPECTED = [
    ("index.md", 5, "a note in a heading is left out"),
    ("index.md", 19, "a note cannot hold another note or role ('{note}')"),
    ("index.md", 21, "a note cannot hold another note or role ('{note}')"),
    ("other.rst", 1, "a note in a heading is left out"),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("places")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    pages = {
        "index.md": INDEX,
        "chron.md": "# Chronology\n\n:::{timeline}\n:::\n",
        "who.md": "# Who said what\n\n:::{quotations}\n:::\n",
        "other.rst": OTHER,
    }
    for name, text in pages.items():
        (src / name).write_text(text, encoding="utf-8")
    return {b: run_sphinx(src, b, root / b) for b in ("html", "latex", "epub")}


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_each_misplaced_note_is_warned_at_its_line(builds: dict[str, Build], builder: str) -> None:
    build = builds[builder]
    records = [r for r in re.split(r"\n(?=\S)", build.warnings.strip()) if r]
    found = []
    for record in records:
        match = re.match(r"(.*?):(\d+): WARNING: (.*)", record, re.S)
        assert match is not None, record
        assert match.group(3).rstrip().endswith("[brief.note]"), record
        found.append((match.group(1), int(match.group(2)), match.group(3)))
    assert len(found) == len(EXPECTED), build.warnings
    for (page, line, message), (path, at, said) in zip(
        sorted(EXPECTED), sorted(found), strict=True
    ):
        assert (path, at) == (str(build.srcdir / page), line) and said.startswith(message)
    assert "Traceback" not in build.status + build.warnings


def _text(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text().split())


def _pages(build: Build) -> dict[str, str]:
    if build.app.builder.name == "epub":
        (epub,) = build.outdir.glob("*.epub")
        with zipfile.ZipFile(epub) as archive:
            return {
                Path(n).stem: archive.read(n).decode("utf-8")
                for n in archive.namelist()
                if n.endswith(".xhtml")
            }
    return {p.stem: p.read_text(encoding="utf-8") for p in build.outdir.glob("*.html")}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_no_note_is_made_and_no_heading_copy_has_a_mark(
    builds: dict[str, Build], builder: str
) -> None:
    pages = _pages(builds[builder])
    soup = BeautifulSoup(pages["index"], "html.parser")
    other = BeautifulSoup(pages["other"], "html.parser")
    headings = [" ".join(h.get_text().split()).rstrip("¶ ") for h in soup.find_all(["h1", "h2"])]
    assert "A heading with a note" in headings
    # the notes made: First, Kevin Hall's quote, Three's [^x], the heading's [^y], Last (which
    # Jo Doe's quote shares); none for the misplaced ones
    marks = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert marks == ["[1]", "[2]", "[3]", "[4]", "[5]", "[5]"]
    assert len(soup.select("aside.footnote")) == 5
    # MyST ends a role at its first backtick: what follows "{note}`see {note}`" is its text
    # (warned above); a note written with double backticks leaves nothing behind
    assert "Two. Three." in _text(pages["index"]) and "{note}" not in _text(pages["index"])
    # a {note} in a note's text: its source written there, after a space, in its form
    notes = [_text(str(n)) for n in soup.select("aside.footnote")]
    assert any(n.endswith("A note with a note in it. Hall, “Sanctions.”") for n in notes), notes
    others = [_text(str(n)) for n in other.select("aside.footnote")]
    assert any("A footnote with a note. Kevin Hall, “Sanctions,”" in n for n in others), others
    # the quotations list and the chronology copy the headings without any note mark
    who, chron = _text(pages["who"]), _text(pages["chron"])
    assert "in “A heading with a note”" in who
    assert "in “A heading with a plain note”" in who
    assert "In context: A heading in reST with a note" in chron
    assert not re.search(r"with a (plain )?note\d", who + chron)
    h1 = other.find("h1")
    assert h1 is not None and h1.select_one("a.footnote-reference") is None


def test_the_tex_has_no_note_in_a_heading(builds: dict[str, Build]) -> None:
    (tex,) = builds["latex"].outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    sections = re.findall(r"\\(?:sub)*section\{(.*)\}", text)
    assert "A heading with a note" in sections
    assert "A heading in reST with a note" in sections
    # a {note} never; the [^y] of a heading as Sphinx sets a footnote in a title
    marked = [s for s in sections if "footnote" in s]
    assert marked == [r"A heading with a plain note\sphinxfootnotemark[4]"]
    assert "with a note1" not in text and "with a plain note4" not in text


def test_the_tex_writes_a_note_in_a_note_into_its_text(builds: dict[str, Build]) -> None:
    (tex,) = builds["latex"].outdir.glob("*.tex")
    text = " ".join(tex.read_text(encoding="utf-8").split())
    assert "A note with a note in it. Hall, “Sanctions.”" in text


QUOTED = """\
# Quoted in a note

A claim.[^a] Another.[^b] Last.{note}`@landay2010`

[^a]: A study found that they are
    :::{quote}
    :speaker: Kevin Hall
    :source: hall2010
    :display: run-in
    the oldest group.
    :::
    See {note}`@hall2010, 4`

[^b]: As one said,
    :::{quote}
    :speaker: Jonathan Landay
    :source: landay2010
    :display: run-in
    talks go on.
    :::
"""


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_quotation_in_a_note_cites_in_the_note_text(tmp_path: Path, builder: str) -> None:
    """A quotation in a note gets no note of a note: the note's own citation serves it, or
    its sources follow the words in parentheses."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(QUOTED, encoding="utf-8")
    build = run_sphinx(src, builder, tmp_path / builder)
    assert build.warnings == "", build.warnings
    if builder == "html":
        soup = BeautifulSoup(build.read("index.html"), "html.parser")
        assert len(soup.select("a.footnote-reference")) == 3  # none inside a note
        # (the web page sets a run-in quotation's marks with its <q> element)
        notes = [
            _text(str(n)).replace("“", "").replace("”", "") for n in soup.select("aside.footnote")
        ]
        assert "they are the oldest group. See Kevin Hall, Sanctions, The Times" in notes[0]
        assert notes[1].endswith(
            "As one said, talks go on. (Jonathan Landay, Talks, McClatchy, June 1, 2010)"
        ), notes
        assert notes[2].endswith("Landay, Talks.")
    else:
        (tex,) = build.outdir.glob("*.tex")
        text = tex.read_text(encoding="utf-8")
        assert "\\sphinxfootnotemark" not in text  # no mark of a note in a note
        assert text.count("\\begin{footnote}") == 3

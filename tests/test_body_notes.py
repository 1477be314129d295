"""A ``{note}`` in an event's body (``brief.body-note``): said at the role's own line, and a
note that is left out leaves nothing behind (no number used up, no empty note).

An event outside a timeline shows its body only in chronologies, which cannot carry a note
of its page: the note is left out.  An event in a timeline of its own page shows the body
there, with its note; chronologies on other pages leave the note out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

PAGE = """
# Brief

Before.{note}`@paper2010`

:::{event} 2009-06
:title: An event
:source: wire2009

The body's first line,
and a note on its second line.{note}`@agency2010`
:::

After.{note}`@agency2010`

::::{timeline}

:::{event} 2010-05
:title: In a timeline
:source: agency2010

A body shown here,
with its note.{note}`@wire2009`
:::
::::

:::{quote}
:speaker: Kim Yong-Nam
:source: wire2009

Quoted words,
with a note of their own.{note}`@paper2010`
:::

Last.{note}`@paper2010`
"""

#: The notes the page shows, in order: the dropped one is not among them, so the next
#: citation of its source is that source's first, full note.
NOTES = [
    "“Paper on the Launch Site,” Daily Paper, March 8, 2010.",
    "“Agency Dispatch,” Agency, May 5, 2010.",
    "“Wire Report on the Election,” Wire, June 15, 2009.",
    "“Paper on the Launch.”",
    "“Wire Report.”",
    "“Paper on the Launch.”",
]


def _line_of(src: Path, text: str) -> int:
    lines = (src / "index.md").read_text(encoding="utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, start=1) if text in line]
    return number


def _body_note_warnings(build: Build) -> list[str]:
    return [w for w in build.warnings.splitlines() if "[brief.body-note]" in w]


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quote_project(tmp_path_factory.mktemp("body-notes"), {"index.md": PAGE})


@pytest.fixture(scope="module")
def html(src: Path) -> Build:
    return run_sphinx(src, "html", src.parent / "html")


def test_the_warning_names_the_roles_own_line(src: Path, html: Build) -> None:
    warnings = _body_note_warnings(html)
    assert [w.split(": WARNING: ")[0] for w in warnings] == [
        f"{src / 'index.md'}:{_line_of(src, 'a note on its second line')}",
        f"{src / 'index.md'}:{_line_of(src, 'with its note.')}",
    ]
    assert "is left out" in warnings[0] and "cite with :source:" in warnings[0]
    # nothing else is said: the quote's body may hold a note
    assert [w for w in html.warnings.splitlines() if w] == warnings


def test_html_numbers_have_no_gap_and_no_empty_note(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "html.parser")
    marks = [m.get_text().strip("[]") for m in soup.select("a.footnote-reference")]
    assert marks == ["1", "2", "3", "4", "5", "6"]
    notes = soup.select("aside.footnote")
    labels = [n.select_one(".label").get_text().strip("[]") for n in notes]  # type: ignore[union-attr]
    assert labels == marks
    assert [n.select_one("p").get_text() for n in notes] == NOTES  # type: ignore[union-attr]
    # every note is linked from where it is cited
    hrefs = {str(m["href"]) for m in soup.select("a.footnote-reference")}
    assert hrefs == {f"#{n['id']}" for n in notes}
    # the timeline entry on the event's page shows its body with its note
    entry = soup.select_one("ol.brief-timeline li")
    assert entry is not None
    ref = entry.select_one("a.footnote-reference")
    assert ref is not None and ref.get_text().strip("[]") == "3"
    assert "A body shown here" in entry.get_text()


def test_latex_numbers_have_no_gap_and_no_empty_note(src: Path) -> None:
    build = run_sphinx(src, "latex", src.parent / "latex")
    assert len(_body_note_warnings(build)) == 2
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    footnotes = re.findall(
        r"\\begin\{footnote\}\[(\d+)\]\\sphinxAtStartFootnote\s*(.*?)\\end\{footnote\}", tex, re.S
    )
    assert [number for number, _ in footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert all(body.strip() for _, body in footnotes)
    assert "footnotemark" not in tex
    assert len(re.findall(r"Agency Dispatch", "".join(b for _, b in footnotes))) == 1


def test_every_warning_of_one_role_names_its_line(tmp_path: Path) -> None:
    # an unknown key and the body's rule: two warnings of one role, both at its line
    page = """
    # Brief

    :::{event} 2009-06
    :title: An event
    :source: wire2009

    The body's first line,
    and a note of no known source.{note}`@nokey`
    :::
    """
    src = quote_project(tmp_path, {"index.md": page})
    build = run_sphinx(src, "html", tmp_path / "html")
    where = f"{src / 'index.md'}:{_line_of(src, 'no known source')}"
    found = [w for w in build.warnings.splitlines() if w]
    assert [w.split(": WARNING: ")[0] for w in found] == [where, where]
    assert "[brief.unknown-source]" in found[0] and "[brief.body-note]" in found[1]

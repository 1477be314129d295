"""Which note a quotation's attribution links to (issue 11, item 4), in every format.

Its own note, or -- where the first note of the paragraph that follows the quotation cites
the same sources -- that note, with the same number.  A run-in quote's "following text" is
first the rest of its own sentence; a block quotation that follows it is not a paragraph,
so its attribution's note is never the run-in's.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

#: Each section: a paragraph ending on a run-in quote (no note after it in its sentence),
#: then a block quote of the same source.  In the first the paragraph after the block cites
#: that source first (the block shares its note; a label before it is no text); in the second
#: it does not.
PAGE = """
# Brief

## Shared after the block

The agency said first.{note}`@paper2010`
Then he said that
:::{quote}
:speaker: Kim Yong-Nam
:source: wire2009
:display: run-in
the future is bright
:::
.

:::{quote}
:speaker: Kim Yong-Nam
:source: wire2009

A block quotation of the same source.
:::

(after-block)=
The paragraph after the block.{note}`@wire2009` More.{note}`@agency2010`

## Nothing shared

The agency added that
:::{quote}
:speaker: Agency
:source: agency2010
:display: run-in
talks went well
:::
.

:::{quote}
:speaker: Agency
:source: agency2010

Another block of the same source.
:::

A paragraph citing another source first.{note}`@paper2010`
"""

#: The numbers of the page's note marks, in reading order, and which of them each quote's
#: attribution shows: (run-in 1, block 1, run-in 2, block 2).
NUMBERS = ["1", "2", "3", "3", "4", "5", "6", "7"]
ATTRIBUTIONS = ["2", "3", "5", "6"]


def _project(root: Path) -> Path:
    return quote_project(root, {"index.md": PAGE})


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("quote-notes")
    return run_sphinx(_project(root), "html", root / "html")


def _attribution_refs(soup: BeautifulSoup) -> list[Tag]:
    """Each quote's attribution link, in reading order (run-in quotes and blocks)."""
    refs = []
    for quote in soup.select(".brief-run-in, figure.brief-quote"):
        where = quote if "brief-run-in" in quote["class"] else quote.select_one("figcaption")
        assert where is not None
        found = where.select("a.footnote-reference")
        assert len(found) == 1, quote
        refs.append(found[0])
    return refs


def test_html_each_quote_links_to_its_note(html: Build) -> None:
    assert html.warnings == "", html.warnings
    soup = BeautifulSoup(html.read("index.html"), "html.parser")
    marks = soup.select("a.footnote-reference")
    assert [m.get_text().strip("[]") for m in marks] == NUMBERS
    refs = _attribution_refs(soup)
    assert [r.get_text().strip("[]") for r in refs] == ATTRIBUTIONS
    # the run-in quote has a note of its own, not the block quote's after it
    assert refs[0]["href"] != refs[1]["href"]
    assert refs[2]["href"] != refs[3]["href"]
    # the first block shares the first note of the paragraph after it, and no other
    after = soup.find(string=re.compile("The paragraph after the block"))
    assert after is not None
    first_after = after.parent.select_one("a.footnote-reference")
    assert first_after is not None and first_after["href"] == refs[1]["href"]
    # every note is shown once, numbered without a gap, and cites the quote's source
    notes = soup.select("aside.footnote")
    labels = [n.select_one(".label").get_text().strip("[]") for n in notes]  # type: ignore[union-attr]
    assert labels == ["1", "2", "3", "4", "5", "6", "7"]
    texts = {f"#{n['id']}": n.select_one("p").get_text() for n in notes}  # type: ignore[union-attr]
    assert [texts[str(r["href"])] for r in refs] == [
        "“Wire Report on the Election,” Wire, June 15, 2009.",
        "“Wire Report.”",
        "“Agency Dispatch.”",
        "“Agency Dispatch.”",
    ]


def _tex_marks(tex: str) -> list[str]:
    """The numbers of ``\\footnote``s and ``\\footnotemark``s, in the order of the .tex."""
    return re.findall(r"\\begin\{footnote\}\[(\d+)\]|\\sphinxfootnotemark\[(\d+)\]", tex)


def test_latex_numbers_follow_the_same_notes(tmp_path: Path) -> None:
    build = run_sphinx(_project(tmp_path), "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    marks = [(full or "", mark or "") for full, mark in _tex_marks(tex)]
    # one \footnote per note, in order; the shared note is a mark where it comes again
    assert [full or mark for full, mark in marks] == NUMBERS
    assert [full for full, _ in marks if full] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [mark for _, mark in marks if mark] == ["3"]
    # the block quote's attribution gives the shared note, the paragraph after marks it
    attributions = re.findall(
        r"\\begin\{sphinxbriefattribution\}.*?\\end\{sphinxbriefattribution\}", tex, re.S
    )
    assert [re.findall(r"footnote\}\[(\d+)\]|footnotemark\[(\d+)\]", a) for a in attributions] == [
        [("3", "")],
        [("6", "")],
    ]


def test_epub_each_quote_links_to_its_note(tmp_path: Path) -> None:
    build = run_sphinx(_project(tmp_path), "epub", tmp_path / "epub")
    assert build.warnings == "", build.warnings
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("index.xhtml").decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert [m.get_text().strip("[]") for m in soup.select("a.footnote-reference")] == NUMBERS
    refs = _attribution_refs(soup)
    assert [r.get_text().strip("[]") for r in refs] == ATTRIBUTIONS
    ids = {tag["id"] for tag in soup.select("[id]")}
    assert all(str(r["href"]).lstrip("#") in ids for r in refs)


def test_a_quote_shares_only_the_first_note_of_a_cluster(tmp_path: Path) -> None:
    """ "After.[1][2]": the note that covers the quotation is the first of the cluster; a
    quote whose source only the second note cites gets a note of its own."""
    page = """
    # Brief

    :::{quote}
    :speaker: Kim Yong-Nam
    :source: wire2009

    Quoted words.
    :::

    After.{note}`@paper2010`{note}`@wire2009`
    """
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}), "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    (attribution,) = _attribution_refs(soup)
    after = soup.find(string=re.compile("After")).parent  # type: ignore[union-attr]
    cluster = after.select("a.footnote-reference")
    assert [a.get_text().strip("[]") for a in cluster] == ["2", "3"]
    assert attribution.get_text().strip("[]") == "1"
    assert attribution["href"] not in {a["href"] for a in cluster}

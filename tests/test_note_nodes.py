"""A page whose only notes are ``{note}``s keeps each note as one light node while it is read
(citations/marks.py) and writes it as a footnote (citations/written.py).  What readers get must
not change: every format is compared, byte for byte apart from docutils' automatic ids, with
the same project built with ``brief_note_footnotes = True`` (docutils footnotes all along)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document

from sphinx_brief.citations.compose import shorten_title
from sphinx_brief.citations.marks import brief_note_ref, brief_notes
from sphinx_brief.citations.written import _written_plainly

from .conftest import Build, run_sphinx

BIB = r"""
@article{hilder, author = {Hilder, James},
  title = {{North Korea's "Arms" Plane Bound for Hezbollah: A Report}}, journal = {The Times},
  date = {2010-05-13}, url = {http://x.org/a?b="c"--d&e='f'~g}}
@article{agency, title = {{Iran's "Big" Plan \& <More>}}, journal = {IRNA}, date = {2007-05-11}}
@book{book, author = {Doe, Jane and Roe, Richard}, title = {A Book: Its Subtitle},
  publisher = {Press}, address = {Chicago}, year = 1999}
@misc{undated, title = {Leaflet?}, howpublished = {Ministry}}
"""

MD = """\
# Notes

One.{note}`@hilder` Two.{note}`see @hilder, 4; @agency` Three.{note}`@book, 112–15`

:::{quote}
:speaker: Kim Yong-Nam
:date: 2009-06
:source: agency
It's "a plan".
:::

After the quotation.{note}`@agency` Again.{note}`@agency`

## Later

Said that
:::{quote}
:speaker: Jane Doe
:date: 2010-03-05
:source: undated
:display: run-in
the words
:::
and more.{note}`@undated`

:::{event} 1998-06-05
:title: Something happens
:source: hilder, book
:::
"""

RST = """\
Other page
==========

A claim.\\ :note:`@book` Another.\\ :note:`cf. @hilder, 2; @undated`
"""

#: A page with notes of the author's own and ``{footcite}``s among the ``{note}``s: the
#: ``{note}``s stay light and are numbered with the others (citations/together.py).
MIXED = """\
# Mixed

First.[^mine] A claim.{note}`@hilder` Again.[^mine] Cited.{footcite}`agency`

[^mine]: The author's own note, which cites a source itself.{note}`@book, 4`

## Further

More.{note}`@book` Still more.[^late] Last.{note}`@undated` And.{note}`@hilder`

[^late]: A late one.
"""

#: A note referred to from the text of another: numbered where that text stands, before
#: MyST gathers the notes at the page's end.
NESTED = """\
# Nested

A.[^a] B.{note}`@hilder`

[^a]: Note a, see also.[^b]

C.{note}`@book`

[^b]: Note b.
"""

#: The same in reST, with a note marked with a symbol and one the author placed mid-page.
MIXED_RST = """\
Mixed reST
==========

One.\\ [#own]_ Two.\\ :note:`@book` Three.\\ [*]_

.. [#own] Placed where the author put it.

Four.\\ :note:`@hilder` Five.\\ [#end]_

.. [*] A symbol's note.
.. [#end] At the end.
"""


def _project(root: Path, mixed: bool = False) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_brief"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "brief"\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        "brief_archive_links = False\n"
        'root_doc = "index"\n'
        'latex_documents = [("index", "notes.tex", "Notes", "A", "howto")]\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    pages = "other\nmixed\nmixedrst\nnested" if mixed else "other"
    (src / "index.md").write_text(MD + f"\n```{{toctree}}\n{pages}\n```\n", encoding="utf-8")
    (src / "other.rst").write_text(RST, encoding="utf-8")
    if mixed:
        (src / "mixed.md").write_text(MIXED, encoding="utf-8")
        (src / "mixedrst.rst").write_text(MIXED_RST, encoding="utf-8")
        (src / "nested.md").write_text(NESTED, encoding="utf-8")
    return src


def _build(tmp: Path, builder: str, footnotes: bool) -> Build:
    build = run_sphinx(
        _project(tmp, mixed=True),
        builder,
        tmp / "out",
        confoverrides={"brief_note_footnotes": footnotes},
    )
    assert "WARNING" not in build.warnings and "ERROR" not in build.warnings, build.warnings
    return build


def _ids(text: str) -> str:
    """Docutils numbers its automatic ids ("id3") as it meets them; the notes' marks get
    theirs at another moment in each build: compare with them out of the way."""
    return re.sub(r"\bid\d+\b", "idN", text)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Build, Build]]:
    builds = {}
    for builder in ("html", "latex", "text", "epub", "xml"):
        light = _build(tmp_path_factory.mktemp(f"light-{builder}"), builder, False)
        heavy = _build(tmp_path_factory.mktemp(f"heavy-{builder}"), builder, True)
        builds[builder] = (light, heavy)
    return builds


def test_the_doctree_holds_one_node_per_note_and_no_footnote(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    light, heavy = pair["html"]
    doctree = light.app.env.get_doctree("index")
    assert not list(doctree.findall(nodes.footnote))
    marks = list(doctree.findall(brief_note_ref))
    (listing,) = doctree.findall(brief_notes)
    assert all(not mark.children for mark in marks)
    assert [n[1] for n in listing["notes"]] == [str(n) for n in range(1, len(listing["notes"]) + 1)]
    # the same notes as docutils footnotes, with the other setting
    footnotes = list(heavy.app.env.get_doctree("index").findall(nodes.footnote))
    assert len(footnotes) == len(listing["notes"])
    assert all(
        [type(child) for child in footnote.children] == [nodes.label, nodes.paragraph]
        for footnote in footnotes
    )


def _plainly(build: Build) -> bool:
    """Whether the build's HTML translator writes the notes as docutils' plain markup."""
    builder = build.app.builder
    document = new_document("index", builder.docsettings)  # type: ignore[attr-defined]
    translator = builder.create_translator(document, builder)
    return _written_plainly(translator)


def test_plain_html_translators_write_notes_as_strings(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    assert _plainly(pair["html"][0]) and _plainly(pair["epub"][0])


@pytest.mark.parametrize(
    "page", ["index.html", "other.html", "mixed.html", "mixedrst.html", "nested.html"]
)
def test_html_is_the_same_as_with_footnotes(
    pair: dict[str, tuple[Build, Build]], page: str
) -> None:
    light, heavy = pair["html"]
    assert _ids(light.read(page)) == _ids(heavy.read(page))
    soup = BeautifulSoup(light.read(page), "html.parser")
    notes = soup.select("aside.footnote")
    # one list of notes at the page's end (and one where the reST page's author put a note)
    assert notes and len(soup.select("aside.footnote-list")) == (page == "mixedrst.html") + 1
    # each mark links to its note and back
    for mark in soup.select("a.footnote-reference"):
        note = soup.find(id=mark["href"][1:])
        assert note is not None and note.name == "aside"
        assert note.select_one(f'a[href="#{mark["id"]}"]') or note.select_one(
            f'.backrefs a[href="#{mark["id"]}"]'
        )


def test_html_note_texts_are_educated_and_addresses_are_not(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    light, _ = pair["html"]
    soup = BeautifulSoup(light.read("index.html"), "html.parser")
    texts = [" ".join(note.p.get_text().split()) for note in soup.select("aside.footnote")]
    assert texts == [
        "James Hilder, “North Korea’s ‘Arms’ Plane Bound for Hezbollah: A Report,” The Times, "
        "May 13, 2010, http://x.org/a?b=\"c\"--d&e='f'~g.",
        "See Hilder, “North Korea’s ‘Arms’ Plane,” 4; “Iran’s ‘Big’ Plan & <More>,” IRNA, "
        "May 11, 2007.",
        "Jane Doe and Richard Roe, A Book: Its Subtitle (Chicago: Press, 1999), 112–15.",
        # the quotation's note is the next note, which cites its source (one number)
        "“Iran’s ‘Big’ Plan.”",
        "“Iran’s ‘Big’ Plan.”",
        "“Leaflet?” Ministry, n.d.",
    ]
    # the sources' text is escaped for the format
    assert "Plan &amp; &lt;More&gt;" in light.read("index.html")


def test_the_numbers_follow_the_reading_order(pair: dict[str, tuple[Build, Build]]) -> None:
    light, _ = pair["html"]
    soup = BeautifulSoup(light.read("index.html"), "html.parser")
    numbers = [
        mark.get_text(strip=True).strip("[]") for mark in soup.select("a.footnote-reference")
    ]
    # a number shows again only where a mark shares a note (a quote's attribution)
    first = list(dict.fromkeys(numbers))
    assert first == [str(n) for n in range(1, len(first) + 1)]


def test_tex_is_the_same_as_with_footnotes(pair: dict[str, tuple[Build, Build]]) -> None:
    light, heavy = pair["latex"]
    tex, other = light.read("notes.tex"), heavy.read("notes.tex")
    assert _ids(tex) == _ids(other)
    assert tex.count("\\begin{footnote}") >= 7
    assert "Jane Doe and Richard Roe" in tex


def test_an_article_pdf_numbers_its_notes_through(pair: dict[str, tuple[Build, Build]]) -> None:
    """A howto (article) PDF sets the pages one after the other: its notes are numbered
    through the document, not from 1 on each page as the website's pages are."""
    light, _ = pair["latex"]
    tex = light.read("notes.tex")
    numbers = [int(n) for n in re.findall(r"\\begin\{footnote(?:text)?\}\[(\d+)\]", tex)]
    # 6 + 2 notes, the mixed pages' 7, 4 (and a note marked with a symbol) and 4; in the
    # order of the .tex but for a note referred to in another's text (set at its foot)
    assert sorted(numbers) == list(range(1, 24)) and numbers[:20] == list(range(1, 21))
    html = BeautifulSoup(pair["html"][0].read("other.html"), "html.parser")
    assert [a.get_text() for a in html.select("a.footnote-reference")] == ["[1]", "[2]"]


def test_text_is_the_same_as_with_footnotes(pair: dict[str, tuple[Build, Build]]) -> None:
    light, heavy = pair["text"]
    for page in ("index.txt", "other.txt", "mixed.txt", "mixedrst.txt", "nested.txt"):
        assert light.read(page) == heavy.read(page)
    assert "Leaflet?" in light.read("index.txt")


def test_epub_is_the_same_as_with_footnotes(pair: dict[str, tuple[Build, Build]]) -> None:
    light, heavy = pair["epub"]
    (book,) = light.outdir.glob("*.epub")
    (other,) = heavy.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(other) as b:
        pages = [n for n in a.namelist() if n.endswith(".xhtml")]
        assert pages
        for name in pages:
            assert _ids(a.read(name).decode()) == _ids(b.read(name).decode()), name


def _search_index(build: Build) -> dict[str, object]:
    text = build.read("searchindex.js")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert isinstance(data, dict)
    return data


def test_the_search_index_holds_the_notes_words_as_with_footnotes(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    """A reader searching for a source's author or title finds the pages that cite it:
    the index is the one docutils footnotes make, word for word."""
    light, heavy = pair["html"]
    index, footnoted = _search_index(light), _search_index(heavy)
    assert index == footnoted
    terms = index["terms"]
    assert isinstance(terms, dict)
    docnames = index["docnames"]
    assert isinstance(docnames, list)
    # words only the notes hold: an author's name, a publisher
    page = docnames.index("index")
    for word in ("hilder", "chicago"):
        pages = terms.get(word)
        assert pages == page or (isinstance(pages, list) and page in pages), word
    # the stored page holds no text for them: it is made when the page is written
    listing = next(light.app.env.get_doctree("index").findall(brief_notes))
    assert not listing.children


def _index_page(tmp_path: Path, text: str) -> Build:
    """The test project with ``text`` as its index page, built as html without a warning."""
    src = _project(tmp_path)
    (src / "index.md").write_text(text + "\n```{toctree}\nother\n```\n", encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "WARNING" not in build.warnings, build.warnings
    return build


def test_a_page_with_other_notes_numbers_them_all_in_reading_order(tmp_path: Path) -> None:
    build = _index_page(
        tmp_path,
        "# Mixed\n\nA.{note}`@book` B.[^x] C.{note}`@hilder` D.{footcite}`agency`"
        " E.{note}`@book`\n\n[^x]: Mine.\n",
    )
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    marks = [a.get_text(strip=True).strip("[]") for a in soup.select("a.footnote-reference")]
    assert marks == ["1", "2", "3", "4", "5"]
    notes = [" ".join(n.p.get_text().split()) for n in soup.select("aside.footnote")]
    assert notes[1] == "Mine." and notes[4].startswith("Doe and Roe, ")
    assert list(build.app.env.get_doctree("index").findall(nodes.footnote))


def test_notes_beside_the_authors_own_stay_light_and_are_numbered_with_them(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    """A page with notes of the author's own (MyST ``[^x]``, reST ``[#x]_``, ``{footcite}``)
    keeps its ``{note}``s light: one node each, the other notes held by the notes' node at
    the page's end, every note numbered in reading order."""
    light, _ = pair["html"]
    for page, held, marks in (("mixed", 3, 4), ("mixedrst", 2, 2)):
        doctree = light.app.env.get_doctree(page)
        footnotes = list(doctree.findall(nodes.footnote))
        assert sum(isinstance(f.parent, brief_notes) for f in footnotes) == held, page
        assert len(list(doctree.findall(brief_note_ref))) == marks, page
    soup = BeautifulSoup(light.read("mixed.html"), "html.parser")
    numbers = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert numbers == ["[1]", "[2]", "[1]", "[3]", "[4]", "[5]", "[6]", "[7]"]
    notes = soup.select("aside.footnote")
    assert [n.select_one(".label").get_text(strip=True) for n in notes] == [
        f"[{n}]" for n in range(1, 8)
    ]
    assert [n["id"] for n in notes[::2]] == ["mine", "footcite-agency", "late", "brief-note-5"]
    # the reST page: the note the author placed mid-page stays there; a symbol's note last
    soup = BeautifulSoup(light.read("mixedrst.html"), "html.parser")
    numbers = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert numbers == ["[1]", "[2]", "[*]", "[3]", "[4]"]
    lists = [
        [n.select_one(".label").get_text(strip=True) for n in group.select("aside.footnote")]
        for group in soup.select("aside.footnote-list")
    ]
    assert lists == [["[1]"], ["[2]", "[3]", "[4]", "[*]"]]


def test_a_note_referred_to_in_another_is_numbered_where_that_note_stands(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    """MyST gathers a page's notes at its end before the notes are numbered together: a
    reference in a note's text still counts where that text was written."""
    soup = BeautifulSoup(pair["html"][0].read("nested.html"), "html.parser")
    marks = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert marks == ["[1]", "[2]", "[4]", "[3]"]  # A, B, C, then in note a's text
    notes = [" ".join(n.get_text().split()) for n in soup.select("aside.footnote")]
    assert notes[0].startswith("[1] Note a, see also.[3]") and notes[2] == "[3] Note b."


def test_the_doctree_written_is_the_same_as_with_footnotes(
    pair: dict[str, tuple[Build, Build]],
) -> None:
    """What other builders and extensions get (Sphinx's XML of the written doctree): the
    same footnotes, and the author's own are never given the notes' class."""
    light, heavy = pair["xml"]
    pages = sorted(p.name for p in light.outdir.glob("*.xml"))
    assert {"index.xml", "mixed.xml", "nested.xml"} <= set(pages)
    for page in pages:
        # (each build's own folder in the source paths; a {note}'s footnote made when the
        # page is written has no name, which docutils gives it while the page is read)
        texts = [
            re.sub(r' source="[^"]*"| names="brief-note-\d+"', "", _ids(b.read(page)))
            for b in (light, heavy)
        ]
        assert texts[0] == texts[1], page
    assert 'ids="mine" names="mine"' in light.read("mixed.xml")
    assert (
        re.search(r'<footnote [^>]*classes="brief-note"[^>]*ids="mine"', light.read("mixed.xml"))
        is None
    )


def test_a_note_numbered_by_hand_makes_the_pages_notes_footnotes(tmp_path: Path) -> None:
    """Docutils numbers around a note numbered by hand (``[^1]``): the page's ``{note}``s
    are docutils footnotes then, numbered as docutils numbers them."""
    build = _index_page(
        tmp_path, "# By hand\n\nA.{note}`@book` B.[^1] C.{note}`@hilder`\n\n[^1]: Mine.\n"
    )
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    marks = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert marks == ["[2]", "[1]", "[3]"]
    doctree = build.app.env.get_doctree("index")
    assert not list(doctree.findall(brief_notes))
    assert len(list(doctree.findall(nodes.footnote))) == 3


def test_short_titles_do_not_end_on_a_dangling_word() -> None:
    assert shorten_title("War and Peace in the Middle East") == "War and Peace"
    assert shorten_title("Iran's Big Plan & More") == "Iran's Big Plan"
    assert shorten_title("Of Mice and Men") == "Of Mice and Men"  # four words: kept whole
    assert shorten_title("North Korea Arms Plane Bound: A Report") == "North Korea Arms Plane"


CUSTOM = """
from sphinx.writers.html5 import HTML5Translator
from docutils import nodes
from docutils.utils import new_document


def visit(self, node):
    HTML5Translator.visit_footnote(self, node)
    self.body.append("<!-- a theme's own footnote -->")


def setup(app):
    app.add_node(nodes.footnote, override=True, html=(visit, HTML5Translator.depart_footnote))
    return {"parallel_read_safe": True}
"""


def test_a_translator_that_writes_footnotes_its_own_way_is_used(tmp_path: Path) -> None:
    """An extension or theme that changes how footnotes are written gets its way: the notes
    are then written by the translator's visitors, not as docutils' plain markup."""
    pages = {}
    for footnotes in (False, True):
        root = tmp_path / str(footnotes)
        src = _project(root)
        (src / "custom_footnotes.py").write_text(CUSTOM, encoding="utf-8")
        conf = src / "conf.py"
        conf.write_text(
            "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
            + conf.read_text(encoding="utf-8").replace(
                '"sphinx_brief"]', '"sphinx_brief", "custom_footnotes"]'
            ),
            encoding="utf-8",
        )
        build = run_sphinx(
            src, "html", root / "out", confoverrides={"brief_note_footnotes": footnotes}
        )
        assert "WARNING" not in build.warnings, build.warnings
        pages[footnotes] = build.read("index.html")
        assert not _plainly(build)
    assert _ids(pages[False]) == _ids(pages[True])
    soup = BeautifulSoup(pages[False], "html.parser")
    assert (
        pages[False].count("<!-- a theme's own footnote -->")
        == len(soup.select("aside.footnote"))
        == 6
    )


def test_a_wrong_value_given_on_the_command_line_is_a_warning(tmp_path: Path) -> None:
    """``-D brief_note_repeat=fulll``: conf.py does not assign it, so the warning has no
    file to name -- and no traceback (a bare conf.py path was read as a document)."""
    build = run_sphinx(
        _project(tmp_path), "html", tmp_path / "out", confoverrides={"brief_note_repeat": "fulll"}
    )
    assert build.warnings.splitlines() == [
        'WARNING: brief_note_repeat must be "short" or "full", not \'fulll\'; read as '
        '"short" [brief.config]'
    ]
    assert (build.outdir / "index.html").exists()


def test_a_note_in_a_title_is_left_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    """A heading is copied (contents, "In context" links): a note has no place there.  It
    is left out, said at its line, and uses up no number (issue 21)."""
    src = _project(tmp_path)
    (src / "index.md").write_text(
        "# Notes\n\nA.{note}`@book`\n\n## The 2023 strategy{note}`@hilder`\n\nB.{note}`@book`\n"
        "\n```{toctree}\nother\n```\n",
        encoding="utf-8",
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    assert f"{src / 'index.md'}:5: WARNING: a note in a heading is left out" in build.warnings
    assert build.warnings.count("WARNING") == 1 and "[brief.note]" in build.warnings
    toc = build.app.env.tocs["index"]
    assert "The 2023 strategy" in toc.astext() and "2023 strategy2" not in toc.astext()
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    heading = soup.find("h2")
    assert heading is not None and heading.select_one("a.footnote-reference") is None
    marks = [a.get_text(strip=True) for a in soup.select("a.footnote-reference")]
    assert marks == ["[1]", "[2]"]
    assert len(soup.select("aside.footnote")) == 2


@pytest.mark.parametrize("footnotes", [False, True])
def test_an_article_with_its_toctree_at_the_top_numbers_its_notes_as_set(
    tmp_path: Path, footnotes: bool
) -> None:
    """The linked pages are set after the root page's own sections (site/layout.py) before
    the notes are numbered through: the PDF's first note is 1, wherever the toctree is."""
    src = _project(tmp_path)
    title, _, rest = MD.partition("\n\n")
    (src / "index.md").write_text(f"{title}\n\n```{{toctree}}\nother\n```\n\n{rest}", "utf-8")
    build = run_sphinx(
        src, "latex", tmp_path / "out", confoverrides={"brief_note_footnotes": footnotes}
    )
    assert "WARNING" not in build.warnings, build.warnings
    tex = build.read("notes.tex")
    numbers = [int(n) for n in re.findall(r"\\begin\{footnote(?:text)?\}\[(\d+)\]", tex)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 8
    # the root page's sections first, then the linked page
    assert tex.index("Later") < tex.index("Other page")


def test_a_title_in_an_east_asian_script_is_kept_whole() -> None:
    """Chicago's four words are English words: Chinese and Japanese put no spaces between
    theirs, and Korean's spaced phrases are no such words (``shorttitle`` shortens)."""
    for title in (
        "北朝鮮とイランの関係について",
        "中国与伊朗的关系",
        "전작권 환수 아닌 “회복”…“핵심은 ‘자주국방’ 선언”",
    ):
        assert shorten_title(title) == title
    # a Latin title with a word of another script is still shortened
    assert shorten_title("The Word 자주국방 in Korean Politics Today") == "The Word 자주국방"

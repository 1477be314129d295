"""The ``{note}`` role (issue 11): one note per claim, read as readers see it -- the HTML,
the .tex (one ``\\footnote`` per note), pdftotext of the PDF and the ePub -- and its parser."""

from __future__ import annotations

import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.citations.syntax import EMPTY, NO_KEY, TWO_KEYS, Item, parse

from .brieftext import normalise, notes
from .conftest import Build, require_tool, run_sphinx

BIB = r"""
@article{hilder, author = {Hilder, James},
  title = {{North Korea Arms Plane Bound for Hezbollah: A Report}}, journal = {The Times},
  date = {2010-05-13}, url = {http://x.org/a?b="c"--d&e='f'}}
@article{agency, title = {{Iran's "Big" Plan}}, journal = {IRNA}, date = {2007-05-11}}
@book{book, author = {Doe, Jane}, title = {A Book}, shorttitle = {Book}, publisher = {Press},
  address = {Chicago}, year = 1999}
@misc{undated, title = {Leaflet}, howpublished = {Ministry}}
"""

PAGE = """\
# Notes

One.{note}`@hilder` Two.[^x] Three.{note}`see @hilder, 4; @agency`
Four.{footcite}`book` Five.{note}`@book, 112–15`
Six.{note}`@undated` Seven.{note}`@agency`
Eight.{note}`@agency, 9`

[^x]: A MyST note.
"""


def project(root: Path, page: str = PAGE, **conf: object) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    extra = "".join(f"{k} = {v!r}\n" for k, v in conf.items())
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_brief"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "brief"\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        "brief_archive_links = False\n" + extra,
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    return src


# -- the parser ----------------------------------------------------------------------------
def test_parser_reads_sources_prefixes_and_locators() -> None:
    assert parse("@key") == ([Item("key")], [])
    assert parse("@key, 112–15") == ([Item("key", "", "112–15")], [])
    assert parse("see @key1, 4; @key2") == ([Item("key1", "see", "4"), Item("key2")], [])
    # the locator is everything after the item's first comma (commas included)
    assert parse("cf. @a:b-2010, pp. 3, 7") == ([Item("a:b-2010", "cf.", "pp. 3, 7")], [])
    # an e-mail address in a locator is no key
    assert parse("@k, letter to x@y.org")[0] == [Item("k", "", "letter to x@y.org")]


def test_parser_reports_what_it_cannot_read() -> None:
    assert [p.subtype for p in parse("")[1]] == [EMPTY]
    assert [p.subtype for p in parse(" ; ")[1]] == [EMPTY]
    items, problems = parse("p. 4")
    assert items == [] and [p.subtype for p in problems] == [NO_KEY]
    items, problems = parse("@a, 4 @b")
    assert items == [Item("a", "", "4")] and [p.subtype for p in problems] == [TWO_KEYS]


def test_the_parser_keeps_commentary_as_written() -> None:
    """Issue 23, item 8: text after a source and between sources is the note's own."""
    # after a source: its sentence ends at the key ("." is no part of a key)
    assert parse("@a. The plane was seized.") == ([Item("a", "", ". The plane was seized.")], [])
    assert parse("@a: a summary") == ([Item("a", "", ": a summary")], [])
    # an item without a key joins the source before it, or the prefix of the next one
    assert parse("See @a; also, see x; see @b, 4") == (
        [Item("a", "See", "; also, see x"), Item("b", "see", "4")],
        [],
    )
    assert parse("@a, 4; and more") == ([Item("a", "", "4; and more")], [])
    assert parse("Not posted; see @b") == ([Item("b", "Not posted; see")], [])
    assert parse("p. 4; @b") == ([Item("b", "p. 4;")], [])
    # keys may hold "." and ":" inside, never at their end
    assert parse("@a:b.2010.") == ([Item("a:b.2010", "", ".")], [])


def test_commentary_is_set_as_written_after_its_source(tmp_path: Path) -> None:
    page = (
        "# Commentary\n\n"
        "A.{note}`@hilder. The plane was seized in Bangkok.`\n"
        "B.{note}`Not posted. See @agency; also, see the evaluation; see @hilder, 4`\n"
        "C.{note}`@agency. After a quoted title.`\n"
    )
    src = project(tmp_path, page)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    texts = [t for _, t in notes(build.read("index.html"))]
    assert texts[0].startswith('James Hilder, "North Korea Arms Plane Bound for Hezbollah')
    assert texts[0].endswith(". The plane was seized in Bangkok.")
    assert ".." not in texts[0]
    assert texts[1] == (
        "Not posted. See \"Iran's 'Big' Plan,\" IRNA, May 11, 2007; also, see the "
        'evaluation; see Hilder, "North Korea Arms Plane," 4.'
    )
    # a quoted title keeps its full stop inside its marks; the commentary follows
    assert texts[2] == "\"Iran's 'Big' Plan.\" After a quoted title."
    latex = run_sphinx(src, "latex", tmp_path / "tex")
    assert latex.warnings == "", latex.warnings
    (written,) = latex.outdir.glob("*.tex")
    tex = " ".join(written.read_text(encoding="utf-8").split())
    assert "The plane was seized in Bangkok." in tex
    assert "also, see the evaluation; see Hilder" in tex


@pytest.mark.parametrize(
    "text",
    ["@key", " @key ", "@a:b-2010", "@key\n", "\t@Key_2.x/y ", "@k,", "@k;", "@k @j", "@@k", "x@k"],
)
def test_the_one_key_shortcut_reads_as_the_parser_does(text: str) -> None:
    """``parse`` takes a lone ``@key`` without taking it apart: the same result."""
    from sphinx_brief.citations.syntax import _parse

    assert parse(text) == _parse(text)


# -- what readers see: HTML ----------------------------------------------------------------
@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("notes")
    return run_sphinx(project(root), "html", root / "out")


def test_one_note_per_role_numbered_with_the_page(html: Build) -> None:
    assert html.warnings == "", html.warnings
    found = notes(html.read("index.html"))
    assert [n for n, _ in found] == [str(i) for i in range(1, 9)]
    texts = [t for _, t in found]
    assert texts[0].startswith('James Hilder, "North Korea Arms Plane Bound for Hezbollah: A')
    assert texts[1] == "A MyST note."
    # several sources, a prefix capitalised, the locator after the short title
    assert texts[2] == (
        'See Hilder, "North Korea Arms Plane," 4; "Iran\'s \'Big\' Plan," IRNA, May 11, 2007.'
    )
    assert texts[3] == "Jane Doe, A Book (Chicago: Press, 1999)."  # {footcite}, as made
    assert texts[4] == "Doe, Book, 112–15."  # shorttitle; cited by {footcite} before
    assert texts[5] == '"Leaflet," Ministry, n.d.'  # undated: n.d., roman howpublished
    assert texts[6] == "\"Iran's 'Big' Plan.\""  # a short note ends inside the quotes
    assert texts[7] == "\"Iran's 'Big' Plan,\" 9."


def test_addresses_are_printed_exactly_as_written(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    links = [a for a in soup.select("aside.footnote a.reference.external")]
    assert [a.get_text() for a in links] == ["http://x.org/a?b=\"c\"--d&e='f'"]
    assert links[0]["href"] == "http://x.org/a?b=\"c\"--d&e='f'"


def test_full_repeats_and_ibid_are_configurable(tmp_path: Path) -> None:
    src = project(tmp_path / "full", brief_note_repeat="full")
    texts = [t for _, t in notes(run_sphinx(src, "html", tmp_path / "o1").read("index.html"))]
    assert texts[2].startswith('See James Hilder, "North Korea Arms Plane Bound for')
    # the locator after the publication facts, before the URL
    assert "May 13, 2010, 4, http://x.org" in texts[2]
    src = project(tmp_path / "ibid", brief_note_ibid=True)
    texts = [t for _, t in notes(run_sphinx(src, "html", tmp_path / "o2").read("index.html"))]
    assert texts[6] == "\"Iran's 'Big' Plan.\""  # the previous note cites another source
    assert texts[7] == "Ibid., 9."


def test_ibid_names_the_place_only_where_it_differs(tmp_path: Path) -> None:
    """Issue 23, item 3: Chicago writes "Ibid." for the same source at the same place, and
    "Ibid., 16." for another place of it."""
    page = (
        "# Notes\n\nOne.{note}`@hilder, 14` Two.{note}`@hilder, 14` Three.{note}`@hilder, 16`"
        " Four.{note}`@hilder` Five.{note}`@hilder` Six.{note}`@hilder, 16`\n"
    )
    src = project(tmp_path, page, brief_note_ibid=True)
    build = run_sphinx(src, "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    texts = [t for _, t in notes(build.read("index.html"))]
    assert texts[0].endswith("14, http://x.org.") or ", 14" in texts[0]
    assert texts[1:] == ["Ibid.", "Ibid., 16.", "Ibid.", "Ibid.", "Ibid., 16."]
    latex = run_sphinx(src, "latex", tmp_path / "l")
    (tex,) = latex.outdir.glob("*.tex")
    flat = " ".join(tex.read_text(encoding="utf-8").split())
    assert flat.count("Ibid., 16.") == 2 and flat.count("Ibid.") == 5


def test_no_ibid_after_a_note_of_several_sources(tmp_path: Path) -> None:
    """Ibid. stands for the one source of the note before; after a note of several sources
    a note of one of them is its short note, whichever it is."""
    page = (
        "# Notes\n\nOne.{note}`@hilder; @agency` Two.{note}`@agency` Three.{note}`@agency`"
        " Four.{note}`see @hilder, 4; @agency` Five.{note}`@hilder, 4`\n"
    )
    src = project(tmp_path, page, brief_note_ibid=True)
    texts = [t for _, t in notes(run_sphinx(src, "html", tmp_path / "o").read("index.html"))]
    assert texts[1] == "\"Iran's 'Big' Plan.\""  # after "@hilder; @agency": short, not Ibid.
    assert texts[2] == "Ibid."  # after a note of that one source: Ibid.
    assert texts[4].startswith("Hilder, ") and "Ibid" not in texts[4]


def test_each_page_starts_afresh(tmp_path: Path) -> None:
    src = project(tmp_path, "# One\n\nA.{note}`@agency`\n\n```{toctree}\ntwo\n```\n")
    (src / "two.md").write_text("# Two\n\nB.{note}`@agency`\n", encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    ((_, text),) = notes(build.read("two.html"))
    assert text == "\"Iran's 'Big' Plan,\" IRNA, May 11, 2007."


def test_checks_name_the_line_of_the_role(tmp_path: Path) -> None:
    page = (
        "# Checks\n\n"
        "A first line of the paragraph.\n"
        "Unknown {note}`@nosuch`.\n"
        "No key {note}`p. 4` and two {note}`@hilder @agency`.\n"
        "Empty {note}` `.\n"
    )
    build = run_sphinx(project(tmp_path, page), "html", tmp_path / "out")
    lines = [w for w in build.warnings.splitlines() if "WARNING" in w]
    assert any(
        "index.md:4:" in w and "'nosuch'" in w and "brief.unknown-source" in w for w in lines
    )
    assert any("index.md:5:" in w and "names no source" in w and "[brief.note]" in w for w in lines)
    assert any("index.md:5:" in w and "without ';'" in w and "[brief.note]" in w for w in lines)
    assert any("index.md:6:" in w and "empty" in w and "[brief.note]" in w for w in lines)
    assert "Traceback" not in build.warnings + build.status


# -- the LaTeX, the PDF and the ePub of the brief -------------------------------------------
def test_the_tex_has_one_footnote_per_note(brief_latex: Build) -> None:
    tex = brief_latex.read("north-korea-iran-brief.tex")
    assert tex.count(r"\begin{footnote}") == 22
    # Every quotation of the brief runs in, and each one whose sentence ends with its
    # covering note shows no second marker of that number (in the PDF neither)
    assert "sphinxfootnotemark" not in tex
    # the URL of note 7 exactly as in refs.bib
    assert r"article7123695.ece\#cid=OTC-RSS\&attr=797093" in tex


def test_the_pdf_prints_the_notes(brief_pdf: Path) -> None:
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = normalise(text)
    assert '"N Korea said agrees"; Takehito Kudo, "Ahmadinejad' in flat
    assert 'Launch pad," NTI' in flat and "Agence France-Presse, March 5, 2010" in flat
    # the Sources section is the bibliography itself: no bullets, no "References" after it
    sources = text.split("Sources\n")[-1].split("Changes in this edition")[0]
    assert "•" not in sources and "References" not in sources
    assert sources.index("Hilder, James.") < sources.index("International Protests")


def test_the_epub_has_the_22_notes(brief_epub: Build) -> None:
    (epub,) = Path(brief_epub.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        name = next(n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "index.xhtml")
        page = archive.read(name).decode("utf-8")
    found = notes(page)
    assert [n for n, _ in found] == [str(i) for i in range(1, 23)]
    assert found[15][1].startswith('"N Korea said agrees"; Takehito Kudo')
    assert re.search(r"footnote-reference", page)


def test_bibliography_entries_are_smart_and_addresses_are_not(tmp_path: Path) -> None:
    page = "# S\n\nA.{note}`@agency`\n\n```{bibliography}\n:all:\n:list: bullet\n```\n"
    build = run_sphinx(project(tmp_path, textwrap.dedent(page)), "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    items = [li.get_text() for li in soup.select("ul.brief-bibliography > li")]
    # Doe, Hilder, then titles: Iran's, Leaflet; in the bibliography's form
    assert items == [
        "Doe, Jane. A Book. Chicago: Press, 1999.",
        "Hilder, James. “North Korea Arms Plane Bound for Hezbollah: A Report.” The Times, "
        "May 13, 2010. http://x.org/a?b=\"c\"--d&e='f'.",
        "“Iran’s ‘Big’ Plan.” IRNA, May 11, 2007.",
        "“Leaflet.” Ministry, n.d.",
    ]
    link = soup.select_one("ul.brief-bibliography a.reference.external")
    assert link is not None and link.get_text() == "http://x.org/a?b=\"c\"--d&e='f'"


# -- short citations of collected lists tell sources apart ----------------------------------
def test_short_citations_of_alike_sources_add_their_short_title() -> None:
    from types import SimpleNamespace

    from pybtex.database import parse_string

    from sphinx_brief.citations.short import SourceIndex

    data = parse_string(
        r"""
        @article{r1, title = {Iran's Deal Is Signed: Details}, journal = {Reuters},
                 date = {2026-04-08}}
        @article{r2, title = {Talks Resume}, journal = {Reuters}, date = {2026-04-08}}
        @article{r3, title = {Other}, journal = {Reuters}, date = {2026-04-09}}
        """,
        "bibtex",
    )
    cite = SimpleNamespace(bibdata=SimpleNamespace(data=data), citations=[])
    env = SimpleNamespace(domains={"cite": cite}, config=SimpleNamespace(language="en"))
    index = SourceIndex(env)  # type: ignore[arg-type]

    def text(key: str) -> str:
        return "".join(node.astext() for node in index.short(key) or [])

    assert text("r1") == "Reuters, “Iran's Deal Is Signed,” April 8, 2026"
    assert text("r2") == "Reuters, “Talks Resume,” April 8, 2026"
    # an unsigned source is cited by its title, as Chicago cites it, alike or not
    assert text("r3") == "Reuters, “Other,” April 9, 2026"


def test_short_citations_alike_by_their_short_titles_give_the_whole_title() -> None:
    from types import SimpleNamespace

    from pybtex.database import parse_string

    from sphinx_brief.citations.short import SourceIndex

    data = parse_string(
        r"""
        @online{u1, author = {{UN Security Council}}, date = {2026},
                title = {Committee Established Pursuant to Resolution 1718: Resolutions}}
        @online{u2, author = {{UN Security Council}}, date = {2026},
                title = {Committee Established Pursuant to Resolution 1718: Panel Reports}}
        """,
        "bibtex",
    )
    cite = SimpleNamespace(bibdata=SimpleNamespace(data=data), citations=[])
    env = SimpleNamespace(domains={"cite": cite}, config=SimpleNamespace(language="en"))
    index = SourceIndex(env)  # type: ignore[arg-type]
    texts = {key: "".join(n.astext() for n in index.short(key) or []) for key in ("u1", "u2")}
    assert texts == {
        "u1": "UN Security Council, “Committee Established Pursuant to Resolution 1718: "
        "Resolutions,” 2026",
        "u2": "UN Security Council, “Committee Established Pursuant to Resolution 1718: "
        "Panel Reports,” 2026",
    }


def test_a_wrong_repeat_form_is_a_warning_naming_conf_py(tmp_path: Path) -> None:
    src = project(tmp_path, brief_note_repeat="again")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "conf.py:" in build.warnings and "brief_note_repeat" in build.warnings
    assert "brief.config" in build.warnings
    texts = [t for _, t in notes(build.read("index.html"))]
    assert texts[2].startswith('See Hilder, "North Korea Arms Plane," 4;')  # read as short


# -- the style's note forms, unit by unit -----------------------------------------------------
def _parts(bibtex: str):  # type: ignore[no-untyped-def]
    from pybtex.database import parse_string

    from sphinx_brief.citations import BriefStyle
    from sphinx_brief.citations.settings import NoteSettings

    (entry,) = parse_string(textwrap.dedent(bibtex), "bibtex").entries.values()
    return BriefStyle(settings=NoteSettings(archive_links=False)).note_parts(entry, [])


def test_compose_full_short_and_ibid_forms() -> None:
    from sphinx_brief.citations.compose import Cited, compose_note

    article = _parts("""@article{k, author = {Landay, Jonathan and Hall, Kevin},
        title = {{Sanctions On North Korean Firms: Iran}}, journal = {McClatchy},
        date = {2009-06-30}, url = {http://x.org/s}}""")
    book = _parts("""@book{b, title = {Untitled Work}, publisher = {Press}, year = 2001}""")

    def text(*cited: Cited) -> str:
        return compose_note(list(cited)).render_as("text")

    assert text(Cited(article, "full", "cf.", "12")) == (
        "Cf. Jonathan Landay and Kevin Hall, “Sanctions On North Korean Firms: Iran,” "
        "McClatchy, June 30, 2009, 12, http://x.org/s."
    )
    assert text(Cited(article, "short")) == "Landay and Hall, “Sanctions On North Korean.”"
    assert text(Cited(article, "short", locator="3"), Cited(book, "full", "see")) == (
        "Landay and Hall, “Sanctions On North Korean,” 3; see Untitled Work (Press, 2001)."
    )
    assert text(Cited(book, "short", locator="45")) == "Untitled Work, 45."
    assert text(Cited(article, "ibid", locator="7")) == "Ibid., 7."
    assert text(Cited(article, "ibid")) == "Ibid."

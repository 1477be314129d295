"""A title that ends with a quoted phrase, in the notes, the Sources page and the short
citations of collected lists: Chicago's comma and full stop go inside the inner closing
mark too (“Iran’s ‘Grand Strategy,’”), and a short title cut inside a quoted phrase closes
it after the words kept (“North Korea’s ‘Axis’”).  An apostrophe is no closing mark.

Unit cases on the composing functions, then a small project built for HTML, LaTeX and ePub
whose bib holds straight and curly inner marks, an apostrophe-final title, a decade and a
``?`` inside the inner marks."""

from __future__ import annotations

import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.database import parse_string
from pybtex.richtext import Text

from sphinx_brief.citations.bibentry import compose_entry
from sphinx_brief.citations.compose import Cited, NoteParts, compose_note, shorten_title
from sphinx_brief.citations.quotemarks import nest_quotes
from sphinx_brief.citations.settings import NoteSettings
from sphinx_brief.citations.style import BriefStyle

from .conftest import Build, run_sphinx
from .test_events import event, make_project, md


# -- the composing functions ----------------------------------------------------------------
def _parts(bib: str) -> NoteParts:
    from sphinx_brief.citations import BriefStyle

    (entry,) = parse_string(textwrap.dedent(bib), "bibtex").entries.values()
    return BriefStyle(settings=NoteSettings(archive_links=False)).note_parts(entry, [])


def _note(*cited: Cited) -> str:
    return str(compose_note(list(cited)).render_as("text"))


#: Titles and their short titles (up to the colon, at most four words).
SHORT_TITLES = [
    # cut inside the quoted phrase: closed after the words kept, with its own mark
    ("Iran’s ‘Grand Strategy in the Middle East’", "Iran’s ‘Grand Strategy’"),
    ("Iran's 'Grand Strategy in the Middle East'", "Iran's 'Grand Strategy'"),
    ("‘Axis: of Evil’ Returns", "‘Axis’"),  # cut at the colon, inside the phrase
    ("A “Red ‘Line Drawn Twice’ Again” Today", "A “Red ‘Line Drawn’”"),  # both closed
    # a phrase cut to a dangling word is cut before
    ("Why Iran ‘and the Bomb’ Matter", "Why Iran"),
    # apostrophes and marks the title never closes are no quotation to close
    ("Kyodo News’ Report on Iran Today", "Kyodo News’ Report"),
    ("Arms of the '90s and After Them", "Arms of the '90s"),
    ("Arms of the ’90s and After Them", "Arms of the ’90s"),
    ("'Tis the Season of Iran Deals", "'Tis the Season"),
    # nothing cut inside: as before
    ("Iran’s ‘Big’ Plan for the Region", "Iran’s ‘Big’ Plan"),
    ("Sanctions On North Korean Firms: Iran", "Sanctions On North Korean"),
]


def test_a_short_title_never_leaves_a_quotation_open() -> None:
    assert [(title, shorten_title(title)) for title, _ in SHORT_TITLES] == SHORT_TITLES


def test_full_and_short_notes_put_the_comma_inside_the_inner_quote() -> None:
    straight = _parts("""@article{s, author = {Hall, Kevin},
        title = {Iran's 'Grand Strategy in the Gulf'}, journal = {McClatchy},
        date = {2009-06-30}}""")
    curly = _parts("""@article{c, title = {North Korea’s ‘Axis’}, journal = {IRNA},
        date = {2007-05-11}}""")
    nested = _parts("""@article{n, title = {Iran Says "It Is Ready"}, journal = {IRNA},
        date = {2007-05-12}}""")
    why = _parts("""@article{w, title = {Pyongyang Asks 'Why?'}, journal = {Xinhua},
        date = {2009-10-18}}""")
    kyodo = _parts("""@article{k, title = {Reports of Kyodo News’}, journal = {Kyodo},
        date = {2010-01-05}}""")
    assert _note(Cited(straight)) == (
        "Kevin Hall, “Iran's 'Grand Strategy in the Gulf,'” McClatchy, June 30, 2009."
    )
    assert _note(Cited(straight, "short", locator="4")) == "Hall, “Iran's 'Grand Strategy,'” 4."
    assert _note(Cited(straight, "short")) == "Hall, “Iran's 'Grand Strategy.'”"
    assert _note(Cited(curly)) == "“North Korea’s ‘Axis,’” IRNA, May 11, 2007."
    assert _note(Cited(curly, "short"), Cited(why, "short")) == (
        "“North Korea’s ‘Axis’”; “Pyongyang Asks 'Why?'”"
    )
    # a title's double marks become single ones: the same rule
    assert _note(Cited(nested)) == "“Iran Says ‘It Is Ready,’” IRNA, May 12, 2007."
    assert _note(Cited(nested, "short")) == "“Iran Says ‘It Is.’”"  # cut, and closed
    # ? inside the inner marks: no comma, no full stop
    assert _note(Cited(why)) == "“Pyongyang Asks 'Why?'” Xinhua, October 18, 2009."
    assert _note(Cited(why, "short", locator="2")) == "“Pyongyang Asks 'Why?'” 2."
    # a plural possessive is no quotation: the comma after it, inside the title's mark
    assert _note(Cited(kyodo)) == "“Reports of Kyodo News’,” Kyodo, January 5, 2010."
    # a straight mark that opens the title is made curly, with its closing one: right
    # after the note's “, SmartQuotes would read it as a closing mark (“’Axis”)
    axis = _parts("""@article{a, title = {{'Axis of Evil in the Gulf'}}, journal = {AFP},
        date = {2009-01-02}}""")
    assert _note(Cited(axis)) == "“‘Axis of Evil in the Gulf,’” AFP, January 2, 2009."
    assert _note(Cited(axis, "short")) == "“‘Axis of Evil.’”"
    tis = _parts("""@article{t, title = {{'Tis the Season of Deals}}, journal = {AFP},
        date = {2009-01-02}}""")
    assert _note(Cited(tis, "short")) == "“'Tis the Season.”"  # an elision: as written
    # nor is an apostrophe of a decade, or an elision never closed
    for title in ("Kyodo News'", "the ’90s", "the '90s", "'Tis", "Iran's"):
        parts = NoteParts(None, None, Text(title), Text(title), False, (), None, None)
        assert _note(Cited(parts, "short", locator="3")) == f"“{title},” 3."
        assert _note(Cited(parts, "short")) == f"“{title}.”"


def test_the_bibliography_puts_the_full_stop_inside_the_inner_quote() -> None:
    def entry(bib: str) -> str:
        return str(compose_entry(_parts(bib)).render_as("text"))

    assert (
        entry("""@article{s, title = {A Call for 'Regime Change'}, journal = {IRNA},
        date = {2007-05-11}}""")
        == "“A Call for 'Regime Change.'” IRNA, May 11, 2007."
    )
    assert entry("""@article{s, author = {Hall, Kevin}, title = {Iran’s ‘source’},
        journal = {IRNA}, date = {2007-05-11}}""") == (
        "Hall, Kevin. “Iran’s ‘source.’” IRNA, May 11, 2007."
    )
    assert (
        entry("""@article{s, title = {Asks ‘Why?’}, journal = {IRNA},
        date = {2007-05-11}}""")
        == "“Asks ‘Why?’” IRNA, May 11, 2007."
    )
    assert (
        entry("""@article{s, title = {Reports of Kyodo News’}, journal = {IRNA},
        date = {2007-05-11}}""")
        == "“Reports of Kyodo News’.” IRNA, May 11, 2007."
    )
    # a title that is plain text throughout is unchanged
    plain = NoteParts(None, None, Text("Talks"), Text("Talks"), False, (), None, None)
    assert str(compose_entry(plain)) == "“Talks.”"


# -- a project built: HTML, LaTeX, ePub -------------------------------------------------------
REFS = r"""
@article{straight, author = {Hall, Kevin}, title = {{Iran's 'Grand Strategy'}},
         journal = {McClatchy}, date = {2009-06-30}}
@article{curly, title = {{North Korea’s ‘Axis of Evil in the Middle East’}},
         journal = {IRNA}, date = {2007-05-11}}
@article{kyodo, title = {{Reports of Kyodo News'}}, journal = {Kyodo}, date = {2010-01-05}}
@article{why, title = {{Pyongyang Asks 'Why?'}}, journal = {Xinhua}, date = {2009-10-18}}
@article{decade, title = {{Arms Sales of the '90s}}, journal = {NTI}, date = {2008-03-02}}
@article{cut, title = {{Tehran's 'Nuclear Deal with the West': An Analysis}},
         journal = {Reuters}, date = {2010-04-08}}
@article{other, title = {{Talks Resume}}, journal = {Reuters}, date = {2010-04-08}}
@article{axis, title = {{'Axis of Evil in the Gulf'}}, journal = {AFP}, date = {2009-01-02}}
"""

PAGE = md(
    "# Page",
    "A.{note}`@straight` B.{note}`@curly` C.{note}`@kyodo` D.{note}`@why`"
    " E.{note}`@decade` F.{note}`@cut` G.{note}`@axis`",
    "H.{note}`@straight, 4` I.{note}`@curly` J.{note}`@why` K.{note}`@cut, 2`"
    " L.{note}`@kyodo` M.{note}`@axis`",
    event("2010-04-08", "Talks", source="cut, other"),
    "::::{timeline}\n::::",
    "```{toctree}\n:hidden:\n\nsources\n```",  # the Sources page in the .tex too
)

#: The notes as readers see them, in order: seven full notes, then short ones.
NOTES = [
    "Kevin Hall, “Iran’s ‘Grand Strategy,’” McClatchy, June 30, 2009.",
    "“North Korea’s ‘Axis of Evil in the Middle East,’” IRNA, May 11, 2007.",
    "“Reports of Kyodo News’,” Kyodo, January 5, 2010.",
    "“Pyongyang Asks ‘Why?’” Xinhua, October 18, 2009.",
    "“Arms Sales of the ’90s,” NTI, March 2, 2008.",
    "“Tehran’s ‘Nuclear Deal with the West’: An Analysis,” Reuters, April 8, 2010.",
    # a straight mark that opens the title, right after the note's own opening mark
    "“‘Axis of Evil in the Gulf,’” AFP, January 2, 2009.",
    "Hall, “Iran’s ‘Grand Strategy,’” 4.",
    "“North Korea’s ‘Axis.’”",
    "“Pyongyang Asks ‘Why?’”",
    "“Tehran’s ‘Nuclear Deal,’” 2.",
    "“Reports of Kyodo News’.”",
    "“‘Axis of Evil.’”",
]

#: The Sources page's entries, by key.
ENTRIES = {
    "straight": "Hall, Kevin. “Iran’s ‘Grand Strategy.’” McClatchy, June 30, 2009.",
    "curly": "“North Korea’s ‘Axis of Evil in the Middle East.’” IRNA, May 11, 2007.",
    "kyodo": "“Reports of Kyodo News’.” Kyodo, January 5, 2010.",
    "why": "“Pyongyang Asks ‘Why?’” Xinhua, October 18, 2009.",
    "decade": "“Arms Sales of the ’90s.” NTI, March 2, 2008.",
    "axis": "“‘Axis of Evil in the Gulf.’” AFP, January 2, 2009.",
}

#: The timeline's short citations: the two Reuters sources are told apart by short title.
TIMELINE = [
    "Reuters, “Tehran’s ‘Nuclear Deal,’” April 8, 2010",
    "Reuters, “Talks Resume,” April 8, 2010",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("inner-quotes")
    src = make_project(root, {"index": PAGE}, refs=REFS)
    out = {name: run_sphinx(src, name, root / name) for name in ("html", "latex", "epub")}
    for build in out.values():
        assert build.warnings == "", build.warnings
    return out


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def _notes(page: BeautifulSoup) -> list[str]:
    found = []
    for aside in page.select("aside.footnote"):
        for part in aside.select(".label, .backrefs"):
            part.decompose()
        found.append(_text(aside))
    return found


def _check_pages(page: BeautifulSoup, sources: BeautifulSoup) -> None:
    assert _notes(page) == NOTES
    entries = {
        str(li["id"]).removeprefix("cite-"): _text(li)
        for li in sources.select("ul.brief-bibliography > li")
    }
    for key, expected in ENTRIES.items():
        assert entries[key] == expected
    line = page.select_one(".brief-timeline-sources")
    assert line is not None
    assert [_text(a) for a in line.select("a.brief-link")] == TIMELINE


def test_html_notes_sources_and_timeline(builds: dict[str, Build]) -> None:
    html = builds["html"]
    page = BeautifulSoup(html.read("index.html"), "lxml")
    _check_pages(page, BeautifulSoup(html.read("sources.html"), "lxml"))


def test_epub_notes_sources_and_timeline(builds: dict[str, Build]) -> None:
    (book,) = builds["epub"].outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        xhtml = {Path(n).name: n for n in archive.namelist() if n.endswith(".xhtml")}
        page = archive.read(xhtml["index.xhtml"]).decode("utf-8")
        sources = archive.read(xhtml["sources.xhtml"]).decode("utf-8")
    _check_pages(BeautifulSoup(page, "lxml"), BeautifulSoup(sources, "lxml"))


def test_latex_has_the_marks_in_order(builds: dict[str, Build]) -> None:
    (tex_file,) = builds["latex"].outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    footnotes = re.findall(r"\\begin\{footnote\}.*?\\end\{footnote\}", tex, re.S)
    texts = [
        " ".join(re.sub(r"\\sphinxstyleemphasis\{(.*?)\}", r"\1", f).split()) for f in footnotes
    ]
    assert len(texts) == len(NOTES)
    for note, expected in zip(texts, NOTES, strict=True):
        assert expected in note, (expected, note)
    # no comma or full stop after an inner closing mark anywhere but after an apostrophe
    stray = re.findall(r"\w[’'][,.]”", tex)
    assert sorted(stray) == ["s’,”", "s’.”", "s’.”"], stray  # "Kyodo News’": note, short, entry
    assert "Strategy.’”" in tex and "Middle East.’”" in tex  # the Sources section
    timeline = tex.split("\\begin{sphinxbrieftimeline}", 1)[1].split("\\end{sphinxbrieftimeline}")[
        0
    ]
    assert "“Tehran’s ‘Nuclear Deal,’”" in timeline


@pytest.mark.parametrize(
    ("title", "nested"),
    [
        # the title's quotations single inside the note's double marks, theirs double again
        ("“A ‘b’ c”", "‘A “b” c’"),
        (
            "Not “Retrieval”…“the Core Is ‘Self-Reliance’”",
            "Not ‘Retrieval’…‘the Core Is “Self-Reliance”’",
        ),
        ("A \"b 'c' d\" e", "A ‘b “c” d’ e"),
        # single marks the author typed at the first level stay; apostrophes stay
        ("Iran's 'Grand Strategy'", "Iran's 'Grand Strategy'"),
        ("the ’90s and Kyodo News’", "the ’90s and Kyodo News’"),
        # a double mark that pairs with none is set single
        ("unclosed “open", "unclosed ‘open"),
    ],
)
def test_three_levels_of_quotation_alternate(title: str, nested: str) -> None:
    assert nest_quotes(title) == nested


def test_a_translation_after_the_title_keeps_its_double_marks() -> None:
    from pybtex.database import parse_string

    from sphinx_brief.citations.settings import NoteSettings

    bib = (
        "@article{k, title = {{전작권 “회복”…“핵심은 ‘자주국방’ 선언”}}, "
        "titleaddon = {Not “Retrieval” but “Self-Reliant Defense”}, journal = {Yonhap}, "
        "date = {2025-09-01}}"
    )
    (only,) = parse_string(bib, "bibtex").entries.values()
    parts = BriefStyle(settings=NoteSettings(archive_links=False)).parts(only)
    note = str(compose_note([Cited(parts)]))
    assert note.startswith(
        "“전작권 ‘회복’…‘핵심은 “자주국방” 선언’” [Not “Retrieval” but “Self-Reliant Defense”]"
    ), note

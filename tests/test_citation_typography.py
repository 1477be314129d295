"""Short citations of collected lists (timelines, quotation lists) set as the notes and the
Sources page are: the page's smart quotes and apostrophes, by language, in HTML, LaTeX and
ePub; addresses as written.

They are made when the page is written, after Sphinx's smart quotes ran on the page's prose,
so the straight quotes of refs.bib would otherwise reach them unchanged."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Build, run_sphinx
from .test_events import event, make_project, md

URL = 'http://example.org/it\'s"x"--y'
# a2010 and b2010 print the same (publisher, date): their short citations add short titles
REFS = f"""
@article{{a2010, title = {{{{Iran's "Nuclear" Deal: A Study}}}},
         journal = {{Kyodo News' Service}}, date = {{2010-04-08}}, url = {{{URL}}}}}
@article{{b2010, title = {{{{Tehran's Other "Deal"}}}}, journal = {{Kyodo News' Service}},
         date = {{2010-04-08}}}}
@article{{c2010, author = {{O'Brien, Pat}}, title = {{{{Pyongyang's Plan}}}},
         journal = {{The "Times"}}, date = {{2010-05-01}}}}
"""
KEYS = ("a2010", "b2010", "c2010")


def _project(root: Path, conf: str) -> Path:
    quotes = "".join(
        f":::{{quote}}\n:speaker: An Envoy\n:source: {sources}\n\n{words}\n:::\n\n"
        for sources, words in (("a2010, c2010", "Words."), ("a2010, b2010", "More words."))
    )
    page = md(
        "# Page",
        # the notes of the page: the typography the collected lists must match
        "One.{note}`@a2010` Two.{note}`@b2010` Three.{note}`@c2010`",
        event("2010-04-08", "Talks", source=", ".join(KEYS)),
        quotes,
        "::::{timeline}\n::::",
        "```{quotations}\n```",
    )
    return make_project(root, {"index": page}, refs=REFS, conf=conf)


@pytest.fixture(scope="module", params=["en", "de"])
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, Build]]:
    """The language, and the project built in it for each builder (warning-free)."""
    language = str(request.param)
    root = tmp_path_factory.mktemp(f"typo-{language}")
    src = _project(root, f'language = "{language}"\n')
    out = {name: run_sphinx(src, name, root / name) for name in ("html", "latex", "epub")}
    for build in out.values():
        assert build.warnings == "", build.warnings
    return language, out


#: What each language's short citations read (the same words, the language's marks).
EXPECTED = {
    "en": [
        "Kyodo News’ Service, “Iran’s ‘Nuclear’ Deal,” April 8, 2010",
        "Kyodo News’ Service, “Tehran’s Other ‘Deal,’” April 8, 2010",
        "O’Brien, The “Times”, May 1, 2010",
    ],
    "de": [
        # docutils' German smart quotes read a final "s'" as a closing single quotation
        # mark, in the notes and the Sources page too: the citations follow them
        "Kyodo News‘ Service, “Iran’s ‘Nuclear’ Deal,” 8. April 2010",
        "Kyodo News‘ Service, “Tehran’s Other ‘Deal,’” 8. April 2010",
        "O’Brien, The „Times“, 1. Mai 2010",
    ],
}


def _timeline_citations(page: BeautifulSoup) -> list[Tag]:
    line = page.select_one(".brief-timeline-sources")
    assert line is not None
    return line.select("a.brief-link")


def _sources_entries(build: Build) -> dict[str, Tag]:
    page = BeautifulSoup(build.read("sources.html"), "lxml")
    found = {}
    for item in page.select("ul.brief-bibliography > li"):
        assert isinstance(item["id"], str)
        found[item["id"].removeprefix("cite-")] = item
    return found


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def _check_html(page: BeautifulSoup, language: str, sources: dict[str, Tag]) -> None:
    cited = _timeline_citations(page)
    assert [_text(a) for a in cited] == EXPECTED[language]
    for key, link in zip(KEYS, cited, strict=True):
        # the publication as the Sources page prints it, character for character
        entry = sources[key].select_one("em")
        publication = link.select_one("em")
        assert entry is not None and publication is not None
        assert publication.get_text() == entry.get_text()
        # the link's tooltip (the full title) is educated too
        assert not set("'\"") & set(str(link["title"])), link["title"]
    # the quotation list: short citations and full notes alike, the address as written
    lines = page.select(".brief-quote-sources")
    assert len(lines) == 2
    for line in lines:
        for text in line.find_all(string=True):
            if text.parent is not None and text.parent.name == "a" and text == URL:
                continue
            assert not set("'\"") & set(str(text)), str(text)
    address = lines[0].find("a", string=URL)
    assert address is not None and address["href"] == URL
    assert EXPECTED[language][0] in _text(lines[1])  # a2010, given in full above


def test_html(builds: tuple[str, dict[str, Build]]) -> None:
    language, html = builds[0], builds[1]["html"]
    page = BeautifulSoup(html.read("index.html"), "lxml")
    _check_html(page, language, _sources_entries(html))
    # the page's own note of c2010 prints the publication as the citations do
    notes = [_text(n) for n in page.select("aside.footnote")]
    assert any(("„Times“" if language == "de" else "“Times”") in n for n in notes), notes


def test_epub(builds: tuple[str, dict[str, Build]]) -> None:
    language, epub = builds[0], builds[1]["epub"]
    (book,) = epub.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        xhtml = {Path(n).name: n for n in archive.namelist() if n.endswith(".xhtml")}
        page = BeautifulSoup(archive.read(xhtml["index.xhtml"]).decode("utf-8"), "lxml")
        sources = BeautifulSoup(archive.read(xhtml["sources.xhtml"]).decode("utf-8"), "lxml")
    entries = {}
    for item in sources.select("ul.brief-bibliography > li"):
        entries[str(item["id"]).removeprefix("cite-")] = item
    _check_html(page, language, entries)


def _between(tex: str, begin: str, end: str) -> str:
    return tex.split(begin, 1)[1].split(end, 1)[0]


def test_latex(builds: tuple[str, dict[str, Build]]) -> None:
    language, latex = builds[0], builds[1]["latex"]
    (tex_file,) = latex.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    timeline = _between(tex, "\\begin{sphinxbrieftimeline}", "\\end{sphinxbrieftimeline}")
    (cited_line,) = [line for line in timeline.splitlines() if line.startswith("Sources: ")]
    cited = re.findall(r"\\DUrole\{brief-link\}\{(.*?)\}(?:; |$)", cited_line)
    shown = [re.sub(r"\\sphinxstyleemphasis\{(.*?)\}", r"\1", c) for c in cited]
    assert shown == EXPECTED[language]
    # italics where the web has them, and the same marks as the page's own notes
    times = "The „Times“" if language == "de" else "The “Times”"
    assert f"\\sphinxstyleemphasis{{{times}}}" in cited_line
    notes = re.findall(r"\\begin\{footnote\}(.*?)\\end\{footnote\}", tex, re.S)
    assert sum(f"\\sphinxstyleemphasis{{{times}}}" in note for note in notes) >= 1, notes
    # the quotation list: no straight mark but in the address, written as the note writes it
    listing = _between(tex, "{brief-quotations}", "\\end{sphinxuseclass}")
    lines = [line for line in listing.splitlines() if line.startswith("Sources: ")]
    assert len(lines) == 2
    # the address as a1's note writes it: everything from \\sphinxhref to the final stop
    note = notes[0]
    address = note[note.index("\\sphinxhref") :].split("}.", 1)[0] + "}"
    assert 'it\\textquotesingle{}s"x"' in address and address in lines[0]
    for line in lines:
        outside = line.replace(address, "")
        assert "\\textquotesingle" not in outside and not set("'\"") & set(outside), outside


def test_straight_where_sphinx_leaves_the_prose_straight(tmp_path: Path) -> None:
    src = _project(tmp_path, 'language = "en"\nsmartquotes = False\n')
    build = run_sphinx(src, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    # as the notes: straight apostrophes; a title's inner marks still single, as a note's
    assert [_text(a) for a in _timeline_citations(page)] == [
        "Kyodo News' Service, “Iran's ‘Nuclear’ Deal,” April 8, 2010",
        "Kyodo News' Service, “Tehran's Other ‘Deal,’” April 8, 2010",
        'O\'Brien, The "Times", May 1, 2010',
    ]
    notes = " ".join(_text(n) for n in page.select("aside.footnote"))
    assert "Kyodo News' Service" in notes and 'The "Times"' in notes

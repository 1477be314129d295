"""Timelines written as HTML strings (``timeline_html.py``) show what the nodes showed.

HTML builders get a timeline's entries as finished markup, for speed; every other builder,
and an HTML builder whose translator writes the nodes in its own way, gets the nodes.  The
two renderings of one project are compared file by file (every page, the search index),
for each builder that writes HTML; and payloads in every field of an event stay text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_brief.events import collect as timeline
from sphinx_brief.events import html as timeline_html

from .conftest import Build, run_sphinx
from .test_events import event, make_project, md
from .test_timeline import touch_later, written

REFS = """
@article{times2009, author = {Hilder, James}, title = {{Arms Plane Bound for Hezbollah}},
         journal = {The Times}, date = {2009-06-15}}
@article{irna2008, title = {{Iran-Japan-North Korea}}, journal = {IRNA}, date = {2008-09-24}}
@article{xinhua2009, title = {{Ready to Mediate}}, journal = {Xinhua}, date = {2009-10-18}}
@article{odd2009, author = {O'Neil & <Sons>, A. and "Quote", B. and Third, C.},
         title = {{Title "quoted" & <tagged> @ sign}}, journal = {J & <J>}, date = {2009}}
"""


def pages() -> dict[str, str]:
    """Every kind of entry: collected and local, bodies plain and not, notes, places."""
    return {
        "index": md(
            "# Brief",
            "Text.{footcite}`times2009`",
            event(
                "2009-06",
                "Something happened",
                tags="arms",
                source="times2009",
                name="something",
                place="Tehran, Iran",
            ),
            event(
                "2008-12",
                "A denial",
                tags="diplomacy, arms, undeclared",
                source="irna2008, odd2009",
                date_note="The source predates the date & <more>.",
                body="Said *at length*, see {ref}`something` and {doc}`chrono`.\n\n- one\n- two",
            ),
            "(label-before)=\n\n"
            + event(
                "2007",
                'Labelled & <odd> "event" @ home',
                source="xinhua2009",
                body="(inner)=\n\nInner *body* with [a link](https://example.org/?a=1&b=2).",
            ),
            event(
                "2006",
                "A plain body",
                source="xinhua2009",
                place="A & B <C>",
                body=r"Plain *emphasis* **strong** `lit & <x>` H~2~O {editor-note}`a note` \<b> & @.",
            ),
            event("2005", "Two paragraphs", source="xinhua2009", body="First & one.\n\nSecond."),
            event(
                "2004-05",
                "Inline markup",
                source="xinhua2009",
                body="Some *emphasis*, **strong *nested***, H{sub}`2`O, x{sup}`3`,"
                " {editor-note}`a doubt` \\<b> & @.\n\nA second paragraph.",
            ),
            event(
                "2003",
                "Text, a label and a note",
                source="times2009",
                body="(bare-label)=\n\nNoted \\<here> & now.{footcite}`times2009`",
            ),
            event("2004", "No body", source="xinhua2009", tags="missiles"),
            "See {ref}`something`, {ref}`local-war` and {ref}`label-before`.",
            "```{footbibliography}\n```\n\n```{toctree}\nchrono\nsources\n```",
        ),
        "chrono": md(
            "# Chronology & <more>",
            "::::{timeline}\n::::",
            "## Local",
            "::::{timeline}\n"
            + event(
                "1980/1988",
                "A war",
                source="irna2008",
                name="local-war",
                body="War *body*, see {ref}`something`.",
            )
            + event("1993~", "About then", source="times2009", tags="missiles", body="Plain.")
            + event("1995", "Left out", source="times2009", tags="diplomacy")
            + "::::",
            "## Filtered",
            "::::{timeline}\n:tags: arms, missiles\n::::",
            "## Empty",
            "::::{timeline}\n:tags: missiles\n:from: 2020\n::::",
        ),
    }


CONF = 'suppress_warnings = ["brief"]\n'  # the undeclared tag, the unknown key


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("timeline-html"), pages(), refs=REFS, conf=CONF)


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The documents whose timelines were written as strings."""
    calls: list[str] = []
    made = timeline_html.HtmlEntries.timeline_list

    def spy(self: timeline_html.HtmlEntries, shown: object, fromdoc: str) -> object:
        calls.append(fromdoc)
        return made(self, shown, fromdoc)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline_html.HtmlEntries, "timeline_list", spy)
    yield calls


def build(
    project: Path, builder: str, out: Path, strings: bool, monkeypatch: pytest.MonkeyPatch
) -> Build:
    with monkeypatch.context() as patch:
        patch.setattr(timeline, "HTML_STRINGS", strings)
        return run_sphinx(project, builder, out)


def outputs(build: Build) -> dict[str, str]:
    """Every page (and the search index) the build wrote, by path."""
    return {
        str(path.relative_to(build.outdir)): path.read_text(encoding="utf-8")
        for path in sorted(build.outdir.rglob("*"))
        if path.suffix in {".html", ".xhtml"} or path.name == "searchindex.js"
    }


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_strings_write_what_the_nodes_wrote(
    project: Path,
    builder: str,
    tmp_path: Path,
    used: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nodes = build(project, builder, tmp_path / "nodes", False, monkeypatch)
    assert used == []
    strings = build(project, builder, tmp_path / "strings", True, monkeypatch)
    assert used, "the strings were not used"
    assert strings.warnings == nodes.warnings
    one, two = outputs(nodes), outputs(strings)
    assert one.keys() == two.keys()
    for name in one:
        if one[name] != two[name]:  # a readable difference: the first chronology that differs
            for a, b in zip(chronologies(one[name]), chronologies(two[name]), strict=True):
                assert a.prettify() == b.prettify(), name
        assert one[name] == two[name], name
    page = {"html": "chrono.html", "dirhtml": "chrono/index.html", "epub": "chrono.xhtml"}
    lists = BeautifulSoup(two[page.get(builder, "index.html")], "lxml").select("ol.brief-timeline")
    assert len(lists) == 3  # the empty timeline has none


def chronologies(html: str) -> list[Tag]:
    return BeautifulSoup(html, "lxml").select("div.brief-chronology")


def test_other_builders_get_nodes(project: Path, tmp_path: Path, used: list[str]) -> None:
    text = run_sphinx(project, "text", tmp_path / "text")
    assert used == []
    assert "* June 2009 — **Something happened**" in text.read("chrono.txt")


def test_a_translator_of_its_own_gets_nodes(
    tmp_path: Path, used: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator that writes ``strong`` its own way: the entries' titles show it."""
    conf = (
        "from sphinx.writers.html5 import HTML5Translator\n"
        "class Loud(HTML5Translator):\n"
        "    def visit_strong(self, node):\n"
        "        self.body.append(self.starttag(node, 'b', ''))\n"
        "    def depart_strong(self, node):\n"
        "        self.body.append('</b>')\n"
        "def setup(app):\n"
        "    app.set_translator('html', Loud, override=True)\n"
    )
    src = make_project(tmp_path, pages(), refs=REFS, conf=CONF + conf)
    html = run_sphinx(src, "html", tmp_path / "html")
    assert used == []
    page = BeautifulSoup(html.read("chrono.html"), "lxml")
    titles = page.select("ol.brief-timeline .brief-timeline-title")
    assert titles and all(title.name == "b" for title in titles)


def test_the_json_ld_lists_what_the_strings_show(project: Path, tmp_path: Path) -> None:
    html = run_sphinx(project, "html", tmp_path / "html")
    page = BeautifulSoup(html.read("chrono.html"), "lxml")
    (script,) = page.select('script[type="application/ld+json"]')
    names = {i["name"] for i in json.loads(script.get_text())["@graph"] if i["@type"] == "Event"}
    shown = {t.get_text() for t in page.select("ol.brief-timeline .brief-timeline-title")}
    assert names == shown


def test_the_search_index_has_the_words_of_the_entries(project: Path, tmp_path: Path) -> None:
    html = run_sphinx(project, "html", tmp_path / "html")
    script = html.read("searchindex.js")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    chrono = index["docnames"].index("chrono")
    # a title, a tag label, a place, a source, a plain body, a note, the link back
    for word in ("denial", "diplomaci", "tehran", "hilder", "emphasi", "predat", "context"):
        found = index["terms"].get(word, [])
        assert chrono in (found if isinstance(found, list) else [found]), word


def test_an_edited_body_is_shown_after_an_incremental_build(tmp_path: Path) -> None:
    """Collected bodies come from what each page stored when it was last read."""
    src = make_project(
        tmp_path,
        {
            "index": md("# Chronology", "::::{timeline}\n::::", "```{toctree}\na\nb\n```"),
            "a": md("# A", event("2009", "Event A", source="times2009", body="Old body.")),
            "b": md("# B", event("2008", "Event B", source="times2009", body="See {doc}`a`.")),
        },
    )
    out = tmp_path / "out"
    first = run_sphinx(src, "html", out)
    assert "Old body." in bodies(first)
    page = src / "a.md"
    page.write_text(page.read_text().replace("Old body.", "New *body*."))
    touch_later(page)
    again = run_sphinx(src, "html", out, freshenv=False)
    assert written(again) == {"a", "index"}
    assert bodies(again) == ["See A.", "New body."]
    clean = run_sphinx(src, "html", tmp_path / "clean")
    assert again.read("index.html") == clean.read("index.html")


def bodies(build: Build) -> list[str]:
    page = BeautifulSoup(build.read("index.html"), "lxml")
    return [p.get_text() for p in page.select("ol.brief-timeline > li > p:not([class])")]


# -- injection -------------------------------------------------------------------------------
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "&amp; &lt;b&gt; &#64;",
    "</li></ol><b>out</b>",
]


def option(value: str) -> str:
    """A MyST option value, single-quoted: every character literal."""
    return "'" + value.replace("'", "''") + "'"


def markdown(value: str) -> str:
    """Markdown text that reads as ``value``: every ASCII punctuation mark escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", value)


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("timeline-html-injection")
    tags = {f"t{i}": f"Label {i} {p}" for i, p in enumerate(PAYLOADS)}
    refs = REFS + "".join(
        f"@article{{src{i}, author = {{Author{i}, A.}}, title = {{Source {i} {p}}},"
        f" journal = {{Journal {i} {p}}}, date = {{2009}}}}\n"
        for i, p in enumerate(PAYLOADS)
        if "&" not in p  # an ampersand is a LaTeX character in a bib field
    )
    blocks = []
    for i, p in enumerate(PAYLOADS):
        source = f"src{i}" if "&" not in p else "times2009"
        blocks += [
            f"## Section {i} {markdown(p)}",
            "\n".join(
                [
                    ":::{event} 2010",
                    f":title: {option(f'Title {i} {p}')}",
                    f":tags: t{i}",
                    f":source: {source}",
                    f":place: {option(f'Place {i} {p}')}",
                    f":date-note: {option(f'Note {i} {p}')}",
                    "",
                    f"Body {i} {markdown(p)}",
                    ":::",
                ]
            ),
        ]
    src = make_project(
        root,
        {
            "index": md("# Injected", *blocks, "```{toctree}\nchrono\nsources\n```"),
            "chrono": md("# Chronology", "::::{timeline}\n::::"),
        },
        tags=tags,
        refs=refs,
        conf="smartquotes = False\nsuppress_warnings = ['brief']\n",
    )
    return run_sphinx(src, "html", root / "html")


def test_payloads_are_text_through_the_strings(injected: Build) -> None:
    page = BeautifulSoup(injected.read("chrono.html"), "lxml")
    (chronology,) = page.select("div.brief-chronology")
    names = {element.name for element in chronology.find_all(True)}
    assert names <= {"p", "span", "ol", "li", "time", "strong", "em", "a"}, names
    for element in page.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs), element
    allowed = {"class", "datetime", "href", "title", "id"}
    for element in chronology.find_all(True):
        assert set(element.attrs) <= allowed, element
    items = chronology.select("ol.brief-timeline > li")
    assert len(items) == len(PAYLOADS)
    by_title = {text(li, ".brief-timeline-title"): li for li in items}
    for i, p in enumerate(PAYLOADS):
        li = by_title[f"Title {i} {p}"]
        assert text(li, ".brief-timeline-place") == f"Place {i} {p}"
        assert text(li, ".brief-tag") == f"Label {i} {p}"
        assert (
            text(li, ".brief-timeline-note .brief-editor-note") == f"[Editor’s note: Note {i} {p}]"
        )
        body = li.find("p", class_=False)
        assert body is not None and body.get_text() == f"Body {i} {p}"
        back = one(li, ".brief-timeline-context a")
        assert back.get_text() == f"In context: Section {i} {p}"
        assert re.fullmatch(r"index\.html#[a-z0-9-]+", str(back["href"]))
        cited = one(li, ".brief-timeline-sources a")
        # a payload with "&" cites times2009 (an ampersand is a LaTeX character in a bib field)
        title, journal = (
            (f"Source {i} {p}", f"Journal {i} {p}")
            if "&" not in p
            else ("Arms Plane Bound for Hezbollah", "Hilder")
        )
        assert cited["title"] == title
        assert journal in cited.get_text()
        assert str(cited["href"]).startswith("sources.html#")


def one(tag: Tag, selector: str) -> Tag:
    found = tag.select_one(selector)
    assert found is not None, selector
    return found


def text(tag: Tag, selector: str) -> str:
    return one(tag, selector).get_text()

"""Event titles, places and quote roles set in the prose's voice: smart quotes, dashes and
apostrophes as Sphinx's smartquotes give the text around them, by language, never inside a
web address or code; and not where Sphinx leaves the prose straight."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import run_sphinx
from .test_events import event, make_project, md

TITLE = """Russia's "special" operation -- see http://example.org/it's and `a'b`"""
PLACE = """Kyiv's 'centre'"""
PROSE = """The prose says "Russia's" too."""


def project(tmp_path: Path, conf: str = "") -> Path:
    quote = (
        ':::{quote}\n:speaker: An Envoy\n:role: Moscow\'s "man" -- in Kyiv\n'
        ":source: times2009\n\nWords.\n:::\n"
    )
    return make_project(
        tmp_path,
        {
            "index": md(
                "# Page",
                PROSE,
                event("2009-06-15", TITLE, source="times2009", place=PLACE),
                quote,
                "::::{timeline}\n::::",
                "```{quotations}\n```",
            )
        },
        conf=conf,
    )


def test_titles_places_and_roles_as_the_prose_in_html(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    assert "The prose says “Russia’s” too." in page.get_text()
    title = page.select_one(".brief-timeline-title")
    assert title is not None
    # curly quotes and apostrophe, an en dash; the address and the code as written
    assert title.get_text() == (
        "Russia’s “special” operation – see http://example.org/it's and `a'b`"
    )
    place = page.select_one(".brief-timeline-place")
    assert place is not None and place.get_text() == "Kyiv’s ‘centre’"
    assert "Moscow’s “man” – in Kyiv" in page.get_text()
    events = json.loads(build.read("events.json"))
    assert events[0]["title"].startswith("Russia’s “special”")
    quotes = json.loads(build.read("quotes.json"))
    assert quotes[0]["role"] == "Moscow’s “man” – in Kyiv"


def test_the_same_in_latex(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "latex", tmp_path / "latex")
    tex = next((tmp_path / "latex" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    # the en dash as LaTeX writes it; the address keeps its straight apostrophe
    assert "Russia’s “special” operation \\textendash{} see" in tex
    assert "http://example.org/it\\textquotesingle{}s" in tex
    assert "Kyiv’s ‘centre’" in tex
    assert build.warnings == "", build.warnings


def test_the_language_sets_the_quotes(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path, 'language = "fr"\n'), "html", tmp_path / "html")
    page = BeautifulSoup(build.read("index.html"), "lxml")
    title = page.select_one(".brief-timeline-title")
    assert title is not None
    # French guillemets, spaced as docutils' French quotes are (the prose's own)
    assert "Russia’s «\xa0special\xa0» operation" in title.get_text()


def test_straight_where_sphinx_leaves_the_prose_straight(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path, "smartquotes = False\n"), "html", tmp_path / "html")
    page = BeautifulSoup(build.read("index.html"), "lxml")
    assert PROSE in page.get_text()
    title = page.select_one(".brief-timeline-title")
    assert title is not None and title.get_text() == TITLE
    # the text builder is excluded from smart quotes by default: prose and title alike
    text = run_sphinx(project(tmp_path / "t"), "text", tmp_path / "text").read("index.txt")
    assert PROSE in text and 'Russia\'s "special"' in text

"""An index of everyone and everywhere the brief names (issue 22, item 5): the people and
bodies of ``brief_people`` wherever the prose names them, one entry for a place written two
ways, and an entry's several links named by their sections' titles, not "[1]"."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

CONF = """
brief_people = {
    "Avigdor Lieberman": {},
    "Kim Yong-Nam": {"sort": "Kim Yong-Nam", "also": ["Kim Yong Nam"]},
    "Hezbollah": {"type": "organization"},
}
latex_elements = {"makeindex": r"\\makeindex", "printindex": r"\\printindex"}
html_theme = "furo"  # the theme whose index template names links by their sections
"""

PAGE = """
# Brief

## Arms

Avigdor Lieberman said the arms were meant for Hezbollah.{note}`@wire2009`
The site near {index}`Semnan` was named.{note}`@paper2010`

:::{event} 2010-03-05
:title: A launch site near Semnan
:place: Semnan, Iran
:source: paper2010
:::

## Diplomacy

Kim Yong Nam met the envoy, and Lieberman's words were not repeated.{note}`@wire2009`
Avigdor Lieberman spoke again.{note}`@agency2010`

## Notes in a title: Avigdor Lieberman

`Avigdor Lieberman` in code is not a name.
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("everyone")
    src = quote_project(root, {"index.md": PAGE}, CONF)
    return {b: run_sphinx(src, b, root / b) for b in ("html", "latex")}


def _entries(build: Build) -> dict[str, list[str]]:
    soup = BeautifulSoup(build.read("genindex.html"), "lxml")
    found = {}
    for item in soup.select("table.indextable li"):
        first = next(iter(item.stripped_strings), "")
        found[first.rstrip(":")] = [a.get_text(" ", strip=True) for a in item.select("a")]
    return found


def test_people_named_in_the_prose_are_indexed(builds: dict[str, Build]) -> None:
    assert builds["html"].warnings == "", builds["html"].warnings
    entries = _entries(builds["html"])
    assert "Lieberman, Avigdor" in entries
    assert "Kim Yong-Nam" in entries and "Kim Yong Nam" not in entries
    assert "Hezbollah" in entries and "Hezbollah," not in " ".join(entries)


def test_a_place_written_two_ways_is_one_entry(builds: dict[str, Build]) -> None:
    entries = _entries(builds["html"])
    assert "Semnan, Iran" in entries
    assert "Semnan" not in entries
    tex = next(Path(builds["latex"].outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{Semnan, Iran" in tex and r"\index{Semnan@" not in tex
    assert "\\index{Semnan}" not in tex


def test_repeated_entries_are_named_by_their_sections(builds: dict[str, Build]) -> None:
    entries = _entries(builds["html"])
    # once a paragraph: Arms, then Diplomacy (its two paragraphs... one paragraph here)
    assert entries["Lieberman, Avigdor"] == ["Arms", "Diplomacy"]
    assert entries["Semnan, Iran"] == ["Arms", "Arms (2)"]
    assert not any("[" in link for links in entries.values() for link in links)


def test_titles_and_code_are_not_indexed(builds: dict[str, Build]) -> None:
    tex = next(Path(builds["latex"].outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\index{Lieberman, Avigdor") == 2

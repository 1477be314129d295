"""The brief's events and its Chronology page, in every format."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .brieftext import normalise
from .conftest import DOCS, Build, require_tool

#: Every dated happening of the manuscript, as (EDTF date, source keys), in timeline order.
SEED_EVENTS = [
    ("1979", ["squassoni2006trade"]),
    ("1980-09/1988-08", ["squassoni2006trade"]),
    ("1989", ["lintner2003missile"]),
    ("1993", ["lintner2003missile"]),
    ("2007-04", ["middleeasttimes2007energy"]),
    ("2007-05", ["irna2007cooperation"]),
    ("2007-07", ["kyodo2007submarines"]),
    ("2008-11", ["irandaily2008relations"]),
    ("2008-12", ["irna2008japan"]),
    ("2009-05", ["fars2009cultural"]),
    ("2009-06", ["afp2009protests"]),
    ("2009-06", ["landay2009sanctions"]),
    ("2009-07", ["fars2009speaker"]),
    ("2009-08", ["kerr2009seized"]),
    ("2009-11", ["xinhua2009mediate"]),
    ("2009-12", ["msnbc2010thailand"]),
    ("2010-03-05", ["nti2010launchpad", "afp2010launchsite"]),
    ("2010-05", ["hilder2010hezbollah"]),
    ("2010-05", ["irna2010threat"]),
    ("2010-05", ["irna2010kcna"]),
]


@pytest.fixture(scope="module")
def events(brief_html: Build) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(brief_html.read("events.json"))
    return data


def test_every_dated_happening_is_an_event_with_its_source(events: list[dict[str, object]]) -> None:
    assert [(e["date"], e["sources"]) for e in events] == SEED_EVENTS


def test_events_use_a_small_declared_set_of_tags(events: list[dict[str, object]]) -> None:
    conf: dict[str, object] = {}
    exec((DOCS / "conf.py").read_text(encoding="utf-8"), conf)
    declared = conf["brief_tags"]
    assert isinstance(declared, dict) and len(declared) <= 10
    used = {tag for e in events for tag in e["tags"]}  # type: ignore[attr-defined]
    assert used <= set(declared)
    assert all(e["tags"] for e in events), "every event has a tag"


def test_events_are_declared_beside_their_prose(
    brief_html: Build, events: list[dict[str, object]]
) -> None:
    page = BeautifulSoup(brief_html.read("index.html"), "lxml")
    for item in events:
        url = str(item["url"])
        assert url.startswith("index.html#")
        anchor = page.select_one(f"#{url.split('#')[1]}")
        assert anchor is not None and anchor.name == "span" and anchor.get_text() == ""
    # right after a paragraph that tells it, before the next one
    source = (DOCS / "index.md").read_text(encoding="utf-8")
    for match in re.finditer(r"\n\n(:::\{event\} )", source):
        before = source[: match.start()].rstrip().splitlines()[-1]
        assert before and not before.startswith("#"), before


def test_the_two_date_notes_keep_the_seed_dates(
    events: list[dict[str, object]], brief_html: Build
) -> None:
    dated = {e["date"]: e for e in events}
    assert dated["2008-12"]["sources"] == ["irna2008japan"]
    assert dated["2009-11"]["sources"] == ["xinhua2009mediate"]
    chronology = BeautifulSoup(brief_html.read("chronology.html"), "lxml")
    notes: dict[str, list[str]] = {}
    for ol in chronology.select("ol.brief-timeline"):
        for li in ol.find_all("li", recursive=False):
            time = li.select_one("time")
            assert time is not None
            note = li.select_one(".brief-timeline-note .brief-editor-note")
            notes.setdefault(str(time["datetime"]), []).append(note.get_text() if note else "")
    # each of the two entries in every chronology that lists it, with its date's note
    assert notes["2008-12"] and all("September 24, 2008" in n for n in notes["2008-12"])
    assert notes["2009-11"] and all("October 18, 2009" in n for n in notes["2009-11"])


def test_chronology_page(brief_html: Build) -> None:
    page = BeautifulSoup(brief_html.read("chronology.html"), "lxml")
    full, arms = page.select("ol.brief-timeline")
    rows = full.find_all("li", recursive=False)
    assert len(rows) == len(SEED_EVENTS)
    assert [r.select_one("time")["datetime"] for r in rows][:2] == ["1979", "1980-09"]
    assert rows[1].select_one("time").get_text() == "September 1980–August 1988"
    assert rows[-1].select_one("time").get_text() == "May 2010"
    for row in rows:
        back = row.select_one(".brief-timeline-context a")
        assert back is not None and str(back["href"]).startswith("index.html#")
        for cited in row.select(".brief-timeline-sources a"):
            assert str(cited["href"]).startswith("sources.html#cite-")
    sources = BeautifulSoup(brief_html.read("sources.html"), "lxml")
    ids = {tag["id"] for tag in sources.select("[id]")}
    for cited in full.select(".brief-timeline-sources a"):
        assert str(cited["href"]).split("#")[1] in ids
    for row in arms.find_all("li", recursive=False):
        labels = {t.get_text() for t in row.select(".brief-tag")}
        assert labels & {"Missiles", "Arms transfers", "Interdiction"}
    assert len(arms.find_all("li", recursive=False)) == 8
    assert page.select_one(".brief-timeline-legend") is not None


def test_chronology_in_the_text_and_epub(brief_text: Build, brief_epub: Build) -> None:
    text = brief_text.read("chronology.txt")
    assert "* September 1980–August 1988 — **Pyongyang supplies Iran" in text
    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("chronology.xhtml").decode("utf-8")
        names = archive.namelist()
    assert '<ol class="brief-timeline">' in page and '<time class="brief-timeline-date"' in page
    assert "events.json" not in names


def test_chronology_in_latex_and_pdf(brief_latex: Build, brief_pdf: Path) -> None:
    tex = brief_latex.read("north-korea-iran-brief.tex")
    assert r"\begin{sphinxbrieftimeline}" in tex
    assert (brief_latex.outdir / "sphinxbrieftimeline.sty").exists()
    assert re.search(r"\\section\{Chronology\}", tex)
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", normalise(text))
    assert "Chronology" in flat
    assert "September 1980–August 1988" in flat
    assert "In context: Diplomatic/Military Relationship" in flat

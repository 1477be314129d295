"""The timeline overview (``:overview:``): SVG in HTML and in the ePub, TikZ in
the PDF, a text alternative everywhere; and the chronology's tag filters in a browser."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.events import overview
from sphinx_brief.events import overview_layout as layout

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project
from .validators import run_epubcheck

CONF = """
brief_tags = {"missiles": "Missiles", "diplomacy": "Diplomacy", "trade": "Trade & <co>"}
"""

EVENTS = """
# Brief

## Events

:::{event} 1980/1989
:title: The war years
:tags: missiles
:source: wire2009
:::

:::{event} 2009-06
:title: A month of <talks> & more
:tags: diplomacy
:source: wire2009
:::

:::{event} 2009~
:title: About then
:tags: trade, missiles
:source: agency2010
:::

:::{event} 2010-03-05
:title: A day
:tags: missiles
:source: paper2010
:::

```{footbibliography}
```

```{toctree}
chronology
```
"""

CHRONOLOGY = """
# Chronology

:::{timeline}
:::

## Missiles

:::{timeline}
:tags: missiles
:::

## Missiles drawn

:::{timeline}
:tags: missiles
:overview: yes
:::
"""


def project(root: Path, chronology: str = CHRONOLOGY) -> Path:
    return quote_project(root, {"index.md": EVENTS, "chronology.md": chronology}, CONF)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("overview-html")
    return run_sphinx(project(root), "html", root / "out")


def test_drawn_by_default_for_the_whole_chronology_only(html: Build) -> None:
    assert html.warnings == "", html.warnings
    soup = BeautifulSoup(html.read("chronology.html"), "lxml")
    chronologies = soup.select("div.brief-chronology")
    before = [c.find_previous_sibling() for c in chronologies]
    drawn = [
        b is not None and "brief-timeline-overview" in b.get("class", []) and bool(b.svg)
        for b in before
    ]
    assert drawn == [True, False, True]


def test_marks_link_to_their_entries(html: Build) -> None:
    soup = BeautifulSoup(html.read("chronology.html"), "lxml")
    first = soup.select_one("div.brief-chronology")
    entries = first.select("li.brief-timeline-entry")
    marks = first.find_previous_sibling("figure").select("svg a")
    assert len(marks) == len(entries) == 4
    for mark, entry in zip(marks, entries, strict=True):
        assert mark["xlink:href"] == "#" + entry["id"]
        date = entry.select_one("time").get_text()
        title = entry.select_one(".brief-timeline-title").get_text()
        assert mark["aria-label"] == f"{date} — {title}"
        assert mark.find("title").get_text() == f"{date} — {title}"
    ids = [e["id"] for e in soup.select("li.brief-timeline-entry[id]")]
    assert len(ids) == len(set(ids))  # two drawn timelines, distinct ids
    marked = {
        m["aria-label"].split(" — ")[0]: m.select_one("use.brief-ov-mark")["class"] for m in marks
    }
    assert "brief-ov-range" in marked["1980–1989"]
    assert marks[0].select_one("rect.brief-ov-bar") is not None  # a period: a bar
    assert "brief-ov-vague" in marked["June 2009"]
    assert "brief-ov-approx" in marked["c. 2009"]
    assert marked["March 5, 2010"] == ["brief-ov-mark", "brief-ov-day", "brief-tag-1"]
    # coloured by the first tag, as the legend's chip
    assert "brief-tag-2" in marked["June 2009"]
    assert first.select_one(".brief-timeline-legend .brief-tag-2").get_text() == "Diplomacy"


def test_scaled_axis_and_escaped_text(html: Build) -> None:
    page = html.read("chronology.html")
    soup = BeautifulSoup(page, "lxml")
    svg = soup.select_one("svg.brief-ov")
    ticks = [(t["x"], t.get_text()) for t in svg.select("text.brief-ov-label")]
    assert 2 <= len(ticks) <= 8
    years = [int(text) for _, text in ticks]
    assert years == sorted(years) and years[0] >= 1980 and years[-1] <= 2011
    positions = [float(x.rstrip("%")) for x, _ in ticks]
    assert positions == sorted(positions)
    # stretched by density: the years between 1989 and 2009 take less room than the
    # events of 2009-2010, and the ticks say so by their uneven spacing
    steps = {round(b - a, 1) for a, b in pairwise(positions)}
    assert len(steps) == len(positions) - 1
    assert "A month of &lt;talks&gt; &amp; more" in page
    assert "<talks>" not in page


def test_text_alternative(html: Build) -> None:
    soup = BeautifulSoup(html.read("chronology.html"), "lxml")
    figure = soup.select_one("figure.brief-timeline-overview")
    caption = figure.select_one("figcaption")
    assert figure.select_one("svg")["aria-labelledby"] == caption["id"]
    assert caption.get_text(strip=True).startswith(
        "Overview of the 4 events below, from 1980 to 2010."
    )


def test_the_pages_text_keeps_the_drawings_words_apart(html: Build) -> None:
    """What the search's excerpts read (the DOM's textContent): each tick label, mark title
    and key item a word of its own, not "19801989" or "DiplomacyEnergy"."""
    soup = BeautifulSoup(html.read("chronology.html"), "lxml")
    figure = soup.select_one("figure.brief-timeline-overview")
    words = figure.get_text().split()
    for tick in figure.select("text.brief-ov-label"):
        assert tick.get_text() in words
    for item in figure.select(".brief-ov-key li"):
        text = item.get_text().split()
        assert text[0] in words and text[-1] in words
    titles = [t.get_text() for t in figure.select("svg.brief-ov title")]
    assert len(titles) == 4
    joined = " ".join(words)
    for title in titles:
        assert f" {' '.join(title.split())} " in f" {joined} "


def test_overview_option_checked(tmp_path: Path) -> None:
    chronology = "# Chronology\n\n:::{timeline}\n:overview: perhaps\n:::\n\n:::{timeline}\n:overview: no\n:::\n"
    build = run_sphinx(project(tmp_path, chronology), "html", tmp_path / "o")
    assert re.search(
        r"chronology\.md:\d+: WARNING: timeline: :overview: is yes or no, not 'perhaps'",
        build.warnings,
    )
    soup = BeautifulSoup(build.read("chronology.html"), "lxml")
    assert len(soup.select("figure.brief-timeline-overview")) == 1  # the default, then "no"


def test_layout_of_open_ends_and_many_years() -> None:
    def record(start: str, end: str, edtf: str, **more: str) -> SimpleNamespace:
        import datetime as dt

        return SimpleNamespace(
            start=dt.date.fromisoformat(start).toordinal(),
            end=dt.date.fromisoformat(end).toordinal(),
            date=edtf,
            date_display=edtf,
            title="t",
            tags=(),
            **more,
        )

    items = [
        (record("1900-01-01", "1900-01-01", "1900-01-01"), "a"),
        (record("1950-01-01", "2010-12-31", "1950/..", open_end="open"), "b"),
        (record("2000-01-01", "2000-01-01", "../2000", open_start="unknown"), "c"),
    ]
    drawing = overview.layout(items, lambda tag: 1)
    assert 2 <= len(drawing.ticks) <= 8
    assert drawing.marks[1].open_end and drawing.marks[2].open_start
    svg = overview.svg(drawing, lambda t: "#" + t, "x")
    assert svg.count('class="brief-ov-open') == 2 and 'marker-end="url(#x-arrow)"' in svg
    assert '<use class="brief-ov-open brief-tag-0" xlink:href="#x-open-bar"' in svg
    assert '<marker id="x-arrow"' in svg
    tikz = overview.tikz(drawing, lambda t: t)
    assert "dotted,->" in tikz and "dotted,<-" in tikz
    assert drawing.ticks[0] == (0.0, "1900")  # the axis' start labelled by its year
    # most events in the last years of a long span: the start is labelled still
    late = [(record("1910-05-01", "1910-05-01", "1910-05"), "a")] + [
        (record(f"20{year}-01-01", f"20{year}-01-01", f"20{year}"), "b") for year in range(10, 27)
    ]
    crowded = overview.layout(late, lambda tag: 1)
    assert crowded.ticks[0] == (0.0, "1910"), crowded.ticks
    # set beside its tick (text-anchor start), the first label keeps a whole label's room
    # from the next, which is centred on its own
    for drawn in (drawing, crowded):
        (first, _), (second, _) = drawn.ticks[:2]
        assert (second - first) * layout.WIDTH >= 1.5 * layout.LABEL_SPACE - 0.01, drawn.ticks
    # without the dates helper's fields, nothing is drawn open
    plain = overview.layout([(record("2000-01-01", "2000-01-01", "2000-01-01"), "a")], lambda t: 1)
    assert not plain.marks[0].open_start and not plain.marks[0].open_end


def test_the_pdf_gathers_the_marks_of_a_large_chronology() -> None:
    """10,000 marks and their links exceed TeX's main memory (issue 21): the PDF draws at
    most PDF_MARKS, the first of each column of each lane, each linked to its event."""
    marks = tuple(
        overview.Mark(i / 10_000, i / 10_000, i % 8, "day", False, False, False, 1, "l", f"e{i}")
        for i in range(10_000)
    )
    drawing = overview.Drawing(marks, ((0.0, "1950"), (1.0, "2010")), 8)
    kept = overview.pdf_marks(drawing)
    assert len(kept) <= overview.PDF_MARKS and len({(m.lane, m.start) for m in kept}) == len(kept)
    assert {m.lane for m in kept} == set(range(8)) and kept[0] is marks[0]
    columns = overview.PDF_MARKS // 8
    assert {int(m.start * columns) for m in kept if m.lane == 3} == set(range(columns))
    tikz = overview.tikz(drawing, lambda t: t)
    assert tikz.count(r"\hyperref[") == len(kept)
    small = overview.Drawing(marks[:50], drawing.ticks, 8)
    assert overview.pdf_marks(small) == marks[:50]  # a chronology that fits: every mark


def test_latex_tikz_linked_to_the_entries(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "latex", tmp_path / "o")
    assert build.warnings == "", build.warnings
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\begin{tikzpicture}") == 2
    pictures = "".join(re.findall(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", tex, re.S))
    links = re.findall(r"\\hyperref\[\\detokenize\{(chronology:[^}]*)\}\]", pictures)
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert len(links) == 4 + 3 and set(links) <= labels
    assert "A month of <talks>" not in tex.split(r"\begin{tikzpicture}")[1].split("tikzpicture}")[0]
    require_tool("pdftotext")
    pdf = compile_pdf(build.outdir)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Overview of the 4 events below, from 1980 to 2010." in re.sub(r"\s+", " ", text)
    assert "1990" in text and "2009" in text  # the axis' labels (stretched: 2009 has room)
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Overfull" not in log and "Missing character" not in log
    # vector: no image was embedded for the overview
    require_tool("pdfimages")
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert images.returncode == 0, images.stderr
    assert len(images.stdout.strip().splitlines()) <= 2  # pdfimages' heading lines only


def test_epub_inline_svg_linked_and_epubcheck(tmp_path: Path) -> None:
    """The ePub draws the overview inline (its page declared ``svg`` in the manifest), its
    marks linked to their entries in the same page; no script; epubcheck passes."""
    build = run_sphinx(project(tmp_path), "epub", tmp_path / "o")
    assert build.warnings == "", build.warnings
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = BeautifulSoup(archive.read("chronology.xhtml").decode("utf-8"), "lxml")
        opf = archive.read("content.opf").decode("utf-8")
        assert not any(n.endswith(".js") for n in archive.namelist())
    assert re.search(r'href="chronology\.xhtml"[^>]*properties="svg"', opf)
    figure = page.select_one("figure.brief-timeline-overview")
    marks = figure.select("svg.brief-ov a")
    ids = {e["id"] for e in page.select("li.brief-timeline-entry[id]")}
    assert len(marks) == 4 and {m["xlink:href"][1:] for m in marks} <= ids
    assert figure.select_one("rect.brief-ov-bar") is not None
    assert figure.select_one("figcaption").get_text(strip=True)
    findings = run_epubcheck(epub)
    assert findings == [], "\n".join(map(str, findings))


def test_text_builder_gives_the_alternative(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "text", tmp_path / "o")
    assert build.warnings == "", build.warnings
    text = re.sub(r"\s+", " ", build.read("chronology.txt"))
    assert "Overview of the 4 events below, from 1980 to 2010." in text


# -- in a browser: the filters, 375 px, dark mode ---------------------------------------
@pytest.fixture(scope="module")
def page(html: Build) -> Iterator[tuple[object, str]]:
    chrome = require_tool("chromium", "chromium-browser")
    import sys

    from playwright.sync_api import sync_playwright

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    import audit

    with audit.serve(html.outdir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chrome, args=list(audit.CHROME_FLAGS[1:])
        )
        yield browser, base
        browser.close()


def _shown(tab: object) -> list[str]:
    return tab.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelector('div.brief-chronology')"
        ".querySelectorAll('li.brief-timeline-entry:not([hidden])')]"
        ".map(e => e.querySelector('.brief-timeline-title').textContent)"
    )


def test_filters_in_the_browser(page: tuple[object, str]) -> None:
    browser, base = page
    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.goto(base + "chronology.html")
    first = tab.locator("div.brief-chronology").first
    assert len(_shown(tab)) == 4
    button = first.locator(".brief-timeline-legend button", has_text="Diplomacy")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    tab.keyboard.press("Enter")  # keyboard-accessible
    assert button.get_attribute("aria-pressed") == "true"
    assert _shown(tab) == ["A month of <talks> & more"]
    assert "tags=diplomacy" in tab.url
    figure = tab.locator("figure.brief-timeline-overview").first
    assert figure.locator("svg a:not([hidden])").count() == 1
    shown_mark = figure.locator("svg a:not([hidden])").first
    assert "talks" in (shown_mark.get_attribute("aria-label") or "")
    # the key names only the colour of the mark still shown
    colour = re.search(
        r"brief-tag-\d+", shown_mark.locator(".brief-ov-mark").get_attribute("class") or ""
    )
    assert colour is not None
    keys = figure.locator(".brief-ov-key > li:not(.brief-ov-kind)")
    visible = [keys.nth(n) for n in range(keys.count()) if keys.nth(n).is_visible()]
    assert len(visible) == 1 and keys.count() > 1
    assert colour.group() in (visible[0].locator("path").get_attribute("class") or "")
    # and what a bar or whiskers mean only while a mark shown has them: the month shown
    # has whiskers, no mark shown is a period
    assert shown_mark.locator(".brief-ov-vague").count() == 1
    assert not figure.locator(".brief-ov-key > li.brief-ov-kind-range").is_visible()
    assert figure.locator(".brief-ov-key > li.brief-ov-kind-vague").is_visible()
    assert "Showing 1 of 4" in first.locator("[role=status]").inner_text()
    # the address keeps the state
    tab.goto(base + "chronology.html?tags=trade-co")
    assert _shown(tab) == ["About then"]
    tab.locator("div.brief-chronology").first.locator("button", has_text="Show all").click()
    assert len(_shown(tab)) == 4 and "tags" not in tab.url
    keys = tab.locator("figure.brief-timeline-overview").first.locator(".brief-ov-key > li")
    assert all(keys.nth(n).is_visible() for n in range(keys.count()))
    tab.close()


def test_without_javascript_every_entry_shows(page: tuple[object, str]) -> None:
    browser, base = page
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(base + "chronology.html?tags=diplomacy")
    assert tab.locator("li.brief-timeline-entry:visible").count() == 4 + 3 + 3
    assert tab.locator(".brief-timeline-legend button").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readable_at_375_px(page: tuple[object, str], scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    browser, base = page
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 375, "height": 812}, color_scheme=scheme
    )
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    tab = context.new_page()
    tab.goto(base + "chronology.html?tags=missiles")
    svg = tab.locator("svg.brief-ov").first
    box = svg.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    # axis labels at least 11 px, apart from each other
    boxes = [t.bounding_box() for t in svg.locator("text.brief-ov-label").all()]
    assert all(b is not None and b["height"] >= 11 for b in boxes)
    for left, right in pairwise(boxes):
        assert left["x"] + left["width"] < right["x"]  # type: ignore[index]
    # the axis and labels take the text's colour: they follow the scheme
    fill = tab.eval_on_selector("text.brief-ov-label", "e => getComputedStyle(e).fill")
    background = tab.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert fill != background
    # the chronologies, filtered, their buttons and drawings (the whole brief's pages, in
    # furo, are checked by test_accessibility.py; this project's theme is Sphinx's basic)
    axe = Axe()
    result = axe.run(tab, context="div.body")
    assert result.response["violations"] == [], result.response["violations"]
    context.close()

"""The timeline overview a reader can read (issue 22, item 4): a colour and a shape per tag,
marks that stand out from the page in light and dark, hit areas that never overlap and are
24 CSS pixels at 375 px, the key in every format, a text alternative that says what the
drawing shows, and a PDF drawing that compiles cleanly."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.events import collect, overview, overview_layout, overview_marks
from sphinx_brief.events.overview_marks import style_of

from .conftest import ROOT, Build, require_tool, run_sphinx
from .test_quotes import quote_project

STATIC = ROOT / "ext" / "sphinx_brief" / "static"
FURO_CSS = next(
    Path(p) / "furo" / "theme" / "furo" / "static" / "styles" / "furo.css"
    for p in sys.path
    if (Path(p) / "furo" / "theme" / "furo" / "static" / "styles" / "furo.css").exists()
)
#: Drawing widths, in CSS pixels: the layout's own, furo's column at 375 px (less the
#: drawing's padding), at 1280 px.
WIDTHS = (overview_layout.WIDTH, 319, 712)


# -- colours ------------------------------------------------------------------------------
def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of ``#rrggbb`` or ``#rgb``."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _block(css: str, selector: str) -> str:
    """The declarations of the first rule whose selector is exactly ``selector``."""
    match = re.search(re.escape(selector) + r"\s*\{([^{}]*)\}", css)
    assert match is not None, selector
    return match.group(1)


def _variables(block: str, prefix: str) -> dict[str, str]:
    return dict(re.findall(rf"(--{prefix}[\w-]*)\s*:\s*(#[0-9a-fA-F]{{3,6}})", block))


def furo_backgrounds() -> tuple[str, str]:
    """furo's ``--color-background-primary``, light and dark, from its stylesheet."""
    css = FURO_CSS.read_text(encoding="utf-8")
    found = re.findall(r"--color-background-primary:\s*(#[0-9a-fA-F]{3,6})", css)
    light = found[0]
    dark = _variables(_block(css, "body[data-theme=dark]"), "color-background-primary")
    return light, dark["--color-background-primary"]


def overview_css() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The overview's colour variables: light, dark (furo's toggle), dark (the system's)."""
    css = (STATIC / "brief-timeline.css").read_text(encoding="utf-8")
    light = _variables(_block(css, "body"), "brief-ov-")
    dark = _variables(_block(css, 'body[data-theme="dark"]'), "brief-ov-")
    media = css.split("@media (prefers-color-scheme: dark)", 1)[1]
    system = _variables(_block(media, 'body:not([data-theme="light"])'), "brief-ov-")
    return light, dark, system


def test_furo_backgrounds_are_the_ones_the_palette_was_made_for() -> None:
    light, dark = furo_backgrounds()
    assert (light.lower(), dark.lower()) in {("#fff", "#131416"), ("#ffffff", "#131416")}


def test_every_mark_colour_stands_out_3_to_1_in_light_and_dark() -> None:
    """WCAG 2.2 1.4.11: each colour a mark can take, as the stylesheet and the SVG emit it,
    against furo's background in its scheme."""
    white, black = furo_backgrounds()
    light, dark, system = overview_css()
    assert len(light) == len(dark) == overview_marks.COLOURS + 1  # and "no tag"
    assert dark == system  # furo's toggle and the system's scheme agree
    for name, colour in light.items():
        assert contrast(colour, white) >= 3, (name, colour, contrast(colour, white))
    for name, colour in dark.items():
        assert contrast(colour, black) >= 3, (name, colour, contrast(colour, black))
    # the stylesheet's sets are the module's (one palette for SVG, CSS and TikZ)
    assert [light[f"--brief-ov-{n}"] for n in range(1, 9)] == list(overview_marks.LIGHT)
    assert [dark[f"--brief-ov-{n}"] for n in range(1, 9)] == list(overview_marks.DARK)
    # the chips cycle through as many colours as the marks
    assert collect.TAG_COLOURS == overview_marks.COLOURS


def test_colour_and_shape_tell_tags_apart() -> None:
    """Any two of 12 tags (64 in fact) differ in colour or shape, the first eight in both;
    any two of 16 in shape or hole alone, which is what a grey print keeps."""
    for count in (9, 12, 64):
        styles = [style_of(key) for key in range(1, count + 1)]
        assert len({(s.colour, s.shape, s.hole) for s in styles}) == count
        assert len({(s.colour, s.shape) for s in styles}) == count
    first = [style_of(key) for key in range(1, 9)]
    assert len({s.colour for s in first}) == len({s.shape for s in first}) == 8
    grey = [style_of(key) for key in range(1, 17)]
    assert len({(s.shape, s.hole) for s in grey}) == 16


def test_pdf_marks_are_at_least_8_pt() -> None:
    """The TikZ shapes: each at least 8 pt across one way, about 9 pt."""
    for shape, polygon in enumerate(overview_marks.POLYGONS):
        if polygon is None:
            across = 2 * overview_marks.RADIUS
        else:
            xs, ys = zip(*polygon, strict=True)
            across = max(max(xs) - min(xs), max(ys) - min(ys))
        assert across * overview_marks.PT >= 8, (overview_marks.SHAPE_NAMES[shape], across)


# -- a project of twelve tags ---------------------------------------------------------------
TAGS = [f"tag{n}" for n in range(1, 13)]
CONF = "brief_tags = {" + ", ".join(f'"{t}": "Label {t[3:]}"' for t in TAGS) + "}\n"
EVENTS = (
    "# Brief\n\n## Events\n\n"
    + "".join(
        f":::{{event}} {1995 + n}-0{1 + n % 9}\n:title: Event {n}\n:tags: {tag}\n"
        ":source: wire2009\n:::\n\n"
        for n, tag in enumerate(TAGS)
    )
    + "```{footbibliography}\n```\n\n```{toctree}\nchronology\n```\n"
)
CHRONOLOGY = "# Chronology\n\n:::{timeline}\n:::\n"


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("twelve-tags")
    return quote_project(root, {"index.md": EVENTS, "chronology.md": CHRONOLOGY}, CONF)


def test_twelve_tags_drawn_distinct_with_their_key(twelve: Path, tmp_path: Path) -> None:
    build = run_sphinx(twelve, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    figure = BeautifulSoup(build.read("chronology.html"), "lxml").select_one(
        "figure.brief-timeline-overview"
    )
    drawn = {
        (m["fill"], m["xlink:href"].rsplit("-", 1)[1]) for m in figure.select("use.brief-ov-mark")
    }
    assert len(drawn) == 12  # twelve tags, twelve (colour, shape) pairs
    key = figure.select("ul.brief-ov-key > li:not(.brief-ov-kind)")
    assert [li.get_text(strip=True) for li in key] == [f"Label {n}" for n in range(1, 13)]
    swatches = {(li.path["fill"], li.path["d"]) for li in key}
    assert len(swatches) == 12


# -- hit areas --------------------------------------------------------------------------
def hit_boxes(svg: BeautifulSoup, width: float) -> list[list[tuple[float, float, float, float]]]:
    """Each mark's hit areas (left, top, right, bottom) at a drawing ``width`` px wide."""
    half = overview_layout.HIT / 2
    marks = []
    for link in svg.select("a"):
        boxes = []
        for use in link.select("use.brief-ov-hit"):
            x, y = float(use["x"].rstrip("%")) / 100 * width, float(use["y"])
            boxes.append((x - half, y - half, x + half, y + half))
        for rect in link.find_all("rect", recursive=False):
            if rect.get("fill-opacity") == "0":  # a period's, along its bar
                x = float(rect["x"].rstrip("%")) / 100 * width
                w = float(rect["width"].rstrip("%")) / 100 * width
                y = float(rect["y"])
                boxes.append((x, y, x + w, y + float(rect["height"])))
        marks.append(boxes)
    return marks


def overlaps(svg: BeautifulSoup, width: float) -> list[tuple[int, int]]:
    found = []
    for (i, one), (j, other) in itertools.combinations(enumerate(hit_boxes(svg, width)), 2):
        if any(
            a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for a in one for b in other
        ):
            found.append((i, j))
    return found


def record(start: str, end: str, edtf: str, tag: str = "t1") -> SimpleNamespace:
    return SimpleNamespace(
        start=dt.date.fromisoformat(start).toordinal(),
        end=dt.date.fromisoformat(end).toordinal(),
        date=edtf,
        date_display=edtf,
        title="t",
        tags=(tag,),
    )


def long_span() -> list[SimpleNamespace]:
    """1602, 1700, 1800, 1900, then thirty events in 2020–2026 (most in the last years)."""
    made = [record(f"{y}-01-01", f"{y}-12-31", str(y)) for y in (1602, 1700, 1800, 1900)]
    for n in range(30):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=n * 2555 // 30 // (1 + n % 3))
        made.append(record(day.isoformat(), day.isoformat(), day.isoformat(), f"t{n % 9 + 1}"))
    return sorted(made, key=lambda r: r.start)


def test_long_span_spread_without_overlap() -> None:
    items = [(r, f"e{n}") for n, r in enumerate(long_span())]
    drawing = overview.layout(items, lambda tag: int(tag[1:]))
    svg = BeautifulSoup(overview.svg(drawing, lambda t: "#" + t, "x"), "lxml")
    for width in WIDTHS:
        assert overlaps(svg, width) == [], width
    # the thirty events of 2020-2026 (under 2 % of the span) take most of the axis
    starts = [m.start for m in drawing.marks]
    assert starts[4] < 0.35 and starts[-1] > 0.95
    assert drawing.stretched and drawing.lanes <= overview_layout.LANES
    # the dense years are labelled
    assert any(label.startswith("202") for _, label in drawing.ticks)
    # a mark's centre at least a hit area from its lane's neighbours, at the layout's width
    for lane in range(drawing.lanes):
        xs = sorted(m.start for m in drawing.marks if m.lane == lane)
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        assert min(gaps, default=1) * overview_layout.WIDTH >= overview_layout.HIT


def test_overlaps_are_found() -> None:
    """The check above finds what it looks for: two marks in one place."""
    mark = overview.Mark(0.5, 0.5, 0, "day", False, False, False, 1, "l", "a")
    drawing = overview.Drawing((mark, mark._replace(start=0.52, end=0.52, target="b")), (), 1)
    svg = BeautifulSoup(overview.svg(drawing, lambda t: "#" + t, "x"), "lxml")
    assert overlaps(svg, 300) == [(0, 1)] and overlaps(svg, 2000) == []


def test_the_briefs_marks_do_not_overlap(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("chronology.html"), "lxml")
    svg = soup.select_one("svg.brief-ov")
    assert len(svg.select("a")) == 20
    for width in WIDTHS:
        assert overlaps(svg, width) == [], width


# -- in a browser: 375 and 1280 px, hit areas measured ------------------------------------
MEASURE = """() => [...document.querySelector('svg.brief-ov').querySelectorAll('a')].map(a =>
  [...a.querySelectorAll('use.brief-ov-hit')].map(u => {
    const b = u.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];
  }))"""


@pytest.mark.parametrize("width", [375, 1280])
def test_hit_areas_measured_in_chromium(brief_html: Build, browser: object, width: int) -> None:
    """WCAG 2.2 2.5.8: every mark's hit area at least 24 × 24 CSS px, none overlapping."""
    sys.path.insert(0, str(ROOT / "tools"))
    import audit

    with audit.serve(brief_html.outdir) as base:
        context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.goto(base + "chronology.html")
        marks = tab.evaluate(MEASURE)
        svg = tab.locator("svg.brief-ov").first.bounding_box()
        context.close()
    assert svg is not None and svg["x"] >= 0 and svg["x"] + svg["width"] <= width
    boxes = [box for mark in marks for box in mark]
    assert len(marks) == 20 and all(mark for mark in marks)
    for left, top, right, bottom in boxes:
        assert right - left >= 23.99 and bottom - top >= 23.99
        assert left >= svg["x"] - 0.5 and right <= svg["x"] + svg["width"] + 0.5
    for (i, one), (j, other) in itertools.combinations(enumerate(marks), 2):
        for a in one:
            for b in other:
                apart = a[2] <= b[0] + 0.01 or b[2] <= a[0] + 0.01
                assert apart or a[3] <= b[1] + 0.01 or b[3] <= a[1] + 0.01, (i, j, a, b)


def test_epub_chips_are_not_buttons(brief_epub: Build, browser: object, tmp_path: Path) -> None:
    """In the ePub (no script) the legend's tags are labels: no border, no background."""
    sys.path.insert(0, str(ROOT / "tools"))
    import audit

    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(tmp_path / "epub")
    with audit.serve(tmp_path / "epub") as base:
        tab = browser.new_page()  # type: ignore[attr-defined]
        tab.goto(base + "chronology.xhtml")
        looks = tab.eval_on_selector(
            ".brief-timeline-legend .brief-tag",
            "e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).backgroundColor]",
        )
        buttons = tab.locator(".brief-timeline-legend button").count()
        tab.close()
    assert looks == ["0px", "rgba(0, 0, 0, 0)"] and buttons == 0


# -- the key and the text alternative in every format ---------------------------------------
def _key_labels(figure: BeautifulSoup) -> list[str]:
    return [li.get_text(strip=True) for li in figure.select("ul.brief-ov-key > li")]


FIRST_TAGS = [
    "Missiles",
    "Arms transfers",
    "Nuclear",
    "Diplomacy",
    "Energy",
    "Sanctions",
    "Media and culture",
]


def test_key_and_text_alternative_in_html(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("chronology.html"), "lxml")
    figure = soup.select_one("figure.brief-timeline-overview")
    labels = _key_labels(figure)
    assert labels[: len(FIRST_TAGS)] == FIRST_TAGS
    assert "a period" in labels and any("approximate" in label for label in labels)
    for li in figure.select("ul.brief-ov-key > li")[: len(FIRST_TAGS)]:
        assert li.svg["aria-hidden"] == "true" and li.path["fill"] in overview_marks.LIGHT
    caption = figure.figcaption
    assert figure.select_one("svg.brief-ov")["aria-labelledby"] == caption["id"]
    text = caption.get_text(" ", strip=True)
    assert text.startswith("Overview of the 20 events below, from 1979 to 2010.")
    assert "Most of them (16) fall in 2007–2010." in text
    # how many marks each tag has, as the drawing shows them
    marks = figure.select("svg.brief-ov use.brief-ov-mark")
    for li, label in zip(figure.select("ul.brief-ov-key > li"), FIRST_TAGS, strict=False):
        colour = li.path["class"][0]
        shape = li.path["d"]
        drawn = [
            m
            for m in marks
            if colour in m["class"]
            and figure.select_one(f"path[id='{m['xlink:href'][1:]}']")["d"] == shape
        ]
        assert f"{label} {len(drawn)}" in text, (label, len(drawn))
    assert "unevenly spaced" in text
    assert "Timeline overview" not in str(figure)


def test_key_and_links_in_the_epub(brief_epub: Build) -> None:
    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = BeautifulSoup(archive.read("chronology.xhtml").decode("utf-8"), "lxml")
        opf = archive.read("content.opf").decode("utf-8")
        scripts = [n for n in archive.namelist() if n.endswith(".js")]
    assert scripts == []
    assert re.search(r'href="chronology\.xhtml"[^>]*properties="svg"', opf)
    figure = page.select_one("figure.brief-timeline-overview")
    assert _key_labels(figure)[: len(FIRST_TAGS)] == FIRST_TAGS
    ids = {e["id"] for e in page.select("[id]")}
    links = [a["xlink:href"] for a in figure.select("svg.brief-ov a")]
    assert len(links) == 20 and all(link.startswith("#") and link[1:] in ids for link in links)
    assert figure.img is None  # drawn, not an image with a vague alt
    assert "from 1979 to 2010" in figure.figcaption.get_text()


def test_key_in_the_latex(brief_latex: Build) -> None:
    tex = next(brief_latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    drawn = tex.split(r"\begin{sphinxbriefoverview}", 1)[1].split(r"\end{sphinxbriefoverview}")[0]
    for n, label in enumerate(FIRST_TAGS):
        assert re.search(rf"\\fill\[briefov\d,even odd rule\] [^;]*;\\kern0\.3em {label}\}}", drawn)
        assert n < 8  # the brief has nine tags, seven of them first tags
    assert "a period" in drawn and "approximate" in drawn
    assert r"\definecolor{briefov1}{HTML}{0072B2}" in drawn
    assert "dashed" not in drawn and "opacity" not in drawn  # solid marks


def test_pdf_compiles_without_overfull_boxes_from_the_overview(
    brief_latex: Build, brief_pdf: Path
) -> None:
    tex = next(brief_latex.outdir.glob("*.tex")).read_text(encoding="utf-8").splitlines()
    inside = [n for n, line in enumerate(tex, 1) if "sphinxbriefoverview}" in line]
    first, last = inside[0], inside[-1]
    log = brief_pdf.with_suffix(".log").read_text(encoding="latin-1")
    for begin, end in re.findall(r"Overfull \\hbox .* at lines (\d+)--(\d+)", log):
        assert int(end) < first or int(begin) > last, (begin, end, first, last)
    require_tool("pdftotext")
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Overview of the 20 events below, from 1979 to 2010." in flat
    assert "Media and culture" in flat and "known only to the month or year" in flat

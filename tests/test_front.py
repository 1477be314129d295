"""A brief's front (issue 22, item 2): byline, date and summary under the title, before the
text, in every format; link previews with absolute addresses, the summary as their
description and a PNG share image made from an SVG; no figure numbers in print unless the
author numbers figures."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, compile_pdf, require_tool, run_sphinx

SUMMARY = (
    "How two states worked together: missiles, trade and diplomacy, from a brief of "
    "July 1, 2010. Every claim is sourced, and every quotation attributed."
)
FLAG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">'
    '<rect width="300" height="200" fill="#024fa2"/></svg>'
)
CONF = f"""
project = "Two States"
author = "Policy Institute"
language = "en"
extensions = ["sphinx_brief", "sphinxcontrib.cairosvgconverter", "sphinxext.opengraph"]
brief_date = "2010-07-01"
brief_description = {SUMMARY!r}
brief_front = True
ogp_image = "flag.svg"
ogp_image_alt = "A blue flag"
"""
INDEX = """\
# Two States

:::{figure} flag.svg
:alt: A blue flag.
:width: 40%

A flag.
:::

The first paragraph of the text.
"""


def _project(root: Path, conf: str = CONF) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "flag.svg").write_text(FLAG, encoding="utf-8")
    (src / "refs.bib").write_text("", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("front"))


@pytest.fixture(scope="module")
def html(src: Path) -> Build:
    return run_sphinx(
        src,
        "html",
        src.parent / "html",
        confoverrides={"html_baseurl": "https://briefs.example.org/two-states/"},
    )


def test_the_front_stands_under_the_title_before_the_text(html: Build) -> None:
    assert html.warnings == "", html.warnings
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    section = soup.select_one("section")
    assert section is not None
    parts = [
        (tag.name, " ".join(tag.get("class", [])), tag.get_text(" ", strip=True))
        for tag in section.find_all(["h1", "p", "figure"], recursive=True)
    ][:5]
    assert parts[0][0] == "h1"
    assert parts[1] == ("p", "brief-byline", "Policy Institute")
    assert parts[2] == ("p", "brief-dateline", "July 1, 2010")
    assert parts[3] == ("p", "brief-summary", SUMMARY)
    assert parts[4][0] == "figure"  # the text (and its lead image) after the front
    assert "brief-front.css" in html.read("index.html")


def test_link_previews_are_absolute_and_describe_the_brief(html: Build) -> None:
    page = html.read("index.html")
    tags = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', page))
    assert tags["og:description"] == SUMMARY.replace("'", "&#x27;")
    assert tags["og:url"] == "https://briefs.example.org/two-states/index.html"
    assert tags["og:image"] == "https://briefs.example.org/two-states/_static/flag-share.png"
    png = Path(html.outdir) / "_static" / "flag-share.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png.read_bytes()[16:20], "big")
    assert width == 1200


def test_the_epub_has_the_front_too(src: Path) -> None:
    epub = run_sphinx(src, "epub", src.parent / "epub")
    assert epub.warnings == "", epub.warnings
    (book,) = Path(epub.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        page = archive.read("index.xhtml").decode("utf-8")
        assert not any(name.endswith("-share.png") for name in archive.namelist())
    text = BeautifulSoup(page, "lxml").get_text(" ", strip=True)
    assert "Policy Institute July 1, 2010 " + SUMMARY in " ".join(text.split())


def test_print_sets_the_summary_after_the_title_block_and_no_figure_number(src: Path) -> None:
    latex = run_sphinx(src, "latex", src.parent / "latex")
    assert latex.warnings == "", latex.warnings
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\captionsetup[figure]{labelformat=empty,labelsep=none}" in tex
    body = tex[tex.index(r"\begin{document}") :]
    assert body.index(r"\@title") < body.index("How two states worked together")
    assert "brief-byline" not in tex and tex.count("Policy Institute") >= 1
    require_tool("pdftotext")
    pdf = compile_pdf(Path(latex.outdir))
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "Two States Policy Institute July 1, 2010 How two states worked together" in flat
    assert "A flag." in flat and "Figure 1" not in flat and "Fig. 1" not in flat


def test_numbered_figures_keep_their_numbers(tmp_path: Path) -> None:
    src = _project(tmp_path, CONF + "numfig = True\n")
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\captionsetup[figure]" not in tex


def test_a_website_with_link_previews_and_no_address_is_warned(tmp_path: Path) -> None:
    src = _project(tmp_path)
    build = run_sphinx(src, "html", tmp_path / "html")
    (line,) = build.warnings.splitlines()
    assert line.startswith(f"{src / 'conf.py'}:5: WARNING: html_baseurl is not set")
    assert line.endswith("[brief.site-url]")
    tags = dict(
        re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', build.read("index.html"))
    )
    assert not tags["og:url"].startswith("http")  # what the warning is about
    named = run_sphinx(
        src, "html", tmp_path / "named", confoverrides={"ogp_site_url": "https://b.example/"}
    )
    assert named.warnings == ""
    latex = run_sphinx(src, "latex", tmp_path / "latex")  # no link previews in print
    assert latex.warnings == ""


def test_without_brief_front_the_page_starts_with_its_text(tmp_path: Path) -> None:
    src = _project(tmp_path, CONF.replace("brief_front = True", ""))
    build = run_sphinx(
        src, "html", tmp_path / "html", confoverrides={"html_baseurl": "https://b.example/"}
    )
    assert build.warnings == ""
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    assert soup.select(".brief-front") == []

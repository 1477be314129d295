"""furo, made accessible for every brief (site/theme.py): what a reader's tools see."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

PAGES = {
    "index.md": "# Brief\n\nText.\n\n```{toctree}\n:caption: Parts of the brief\n\nsecond\n```\n",
    "second.md": "# Second\n\nMore text.\n",
}


def project(root: Path, conf: str = "") -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Brief"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n'
        'brief_description = "What the brief is about."\nhtml_theme = "furo"\n' + conf,
        encoding="utf-8",
    )
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("theme")
    return run_sphinx(project(root), "html", root / "html")


def test_landmarks_are_named_and_captions_have_their_level(site: Build) -> None:
    assert site.warnings == "", site.warnings
    soup = BeautifulSoup(site.read("index.html"), "html.parser")
    assert soup.select_one("aside.sidebar-drawer")["aria-label"] == "Site navigation"  # type: ignore[index]
    assert soup.select_one("aside.toc-drawer")["aria-label"] == "On this page"  # type: ignore[index]
    headings = soup.select('p.caption[role="heading"]')
    assert len(headings) == 2  # the toctree's caption in the page and in the navigation
    assert all(h.get("aria-level") == "2" for h in headings), headings
    # no Markdown source beside the pages, no link to one
    assert not [p for p in (site.outdir / "_sources").rglob("*") if p.is_file()]
    assert not soup.select('a[href*="_sources/"]')
    # every page describes the brief
    description = soup.select_one('meta[name="description"]')
    assert description is not None and description["content"] == "What the brief is about."
    # the search page has a level-one heading, and the navigation links to the index
    search = BeautifulSoup(site.read("search.html"), "html.parser")
    assert search.select_one("h1") is not None
    assert soup.select_one('.sidebar-tree a[href="genindex.html"]') is not None


def test_text_and_links_at_enhanced_contrast_unless_the_brief_says_otherwise(
    tmp_path: Path,
) -> None:
    own = 'html_theme_options = {"light_css_variables": {"color-brand-primary": "#123456"}}\n'
    build = run_sphinx(project(tmp_path, own), "html", tmp_path / "html")
    options = build.app.config.html_theme_options
    assert options["light_css_variables"]["color-brand-primary"] == "#123456"  # the brief's
    assert options["light_css_variables"]["color-brand-content"] == "#1a3fa8"  # ours
    assert options["dark_css_variables"]["color-foreground-muted"] == "#a9adb3"
    css = "".join(p.read_text(encoding="utf-8") for p in (build.outdir / "_static").glob("*.css"))
    styles = BeautifulSoup(build.read("index.html"), "html.parser").find_all("style")
    assert "#123456" in css + "".join(s.get_text() for s in styles)


def test_another_theme_is_left_as_it_is(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path, 'html_theme = "basic"\n'), "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    assert build.app.config.html_copy_source is True
    assert not any("furo" in str(p) for p in build.app.config.templates_path)

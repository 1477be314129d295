"""The brief as one HTML page (``-b singlehtml``): the extension's links (collected lists'
sources, "in context" links, tag filters) lead to a place on that page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import copy_project, run_sphinx


def test_the_extensions_links_lead_somewhere_on_the_single_page(tmp_path: Path) -> None:
    build = run_sphinx(copy_project(tmp_path), "singlehtml", tmp_path / "out")
    assert build.warnings == ""
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    ids = {str(node["id"]) for node in soup.find_all(id=True)}
    links = [
        str(a["href"])
        for a in soup.select(
            ".brief-link, .brief-context a, .brief-quotations a, .brief-timeline a"
        )
        if a.has_attr("href") and "#" in str(a["href"])
    ]
    assert len(links) > 30
    for href in links:
        page, _, fragment = href.partition("#")
        assert page in ("", "index.html") and "#" not in fragment, href
        assert fragment in ids, href

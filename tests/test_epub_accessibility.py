"""The ePub as reading systems and Ace by DAISY expect it (sphinx_brief.site.epub).

Asserted on the archive a reader gets: the package document's accessibility metadata, the
language of every content document, the navigation document's roles, and the styles a
browser engine (Debian's chromium, as in reading systems built on one) computes for note
markers, quotations and timelines, compared with the website's.
"""

from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx
from .validators import run_ace, run_epubcheck


def the_epub(build: Build) -> Path:
    (epub,) = build.outdir.glob("*.epub")
    return epub


def package_meta(epub: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(epub) as archive:
        opf = BeautifulSoup(archive.read("content.opf"), "xml")
    found: dict[str, list[str]] = {}
    for meta in opf.select("metadata > meta[property]"):
        found.setdefault(str(meta["property"]), []).append(meta.get_text())
    return found


def content_documents(epub: Path) -> dict[str, BeautifulSoup]:
    with zipfile.ZipFile(epub) as archive:
        opf = BeautifulSoup(archive.read("content.opf"), "xml")
        return {
            str(item["href"]): BeautifulSoup(archive.read(str(item["href"])), "xml")
            for item in opf.select("manifest > item[media-type='application/xhtml+xml']")
        }


def test_brief_declares_epub_accessibility_metadata(brief_epub: Build) -> None:
    meta = package_meta(the_epub(brief_epub))
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert meta["a11y:certifiedBy"] == [brief_epub.app.config.epub_publisher]
    # the brief has the flag: it is read visually too, and its description makes text enough
    assert sorted(meta["schema:accessMode"]) == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert set(meta["schema:accessibilityFeature"]) >= {
        "structuralNavigation",
        "tableOfContents",
        "alternativeText",
    }
    assert meta["schema:accessibilityHazard"] == ["none"]
    (summary,) = meta["schema:accessibilitySummary"]
    assert "WCAG 2.1 Level AA" in summary and "text alternative" in summary


def test_every_document_has_its_language_and_the_nav_its_roles(brief_epub: Build) -> None:
    documents = content_documents(the_epub(brief_epub))
    assert {"index.xhtml", "chronology.xhtml", "sources.xhtml", "nav.xhtml"} <= set(documents)
    for name, document in documents.items():
        root = document.find("html")
        assert root.get("lang") == "en", name
        assert root.get("xml:lang") == "en", name
        for element in document.find_all(attrs={"epub:type": True}):
            if element["epub:type"] == "toc":
                assert element.get("role") == "doc-toc", name
    nav = documents["nav.xhtml"].find("nav", attrs={"epub:type": "toc"})
    assert nav is not None and nav["role"] == "doc-toc"
    # the flag keeps its description
    flag = documents["index.xhtml"].find("img", src=lambda s: "flag-north-korea" in s)
    assert flag["alt"].startswith("The flag of North Korea: a broad red band")
    with zipfile.ZipFile(the_epub(brief_epub)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert "_static/brief-epub.css" in archive.namelist()
    head = documents["index.xhtml"].find("head")
    links = [link["href"] for link in head.find_all("link", rel="stylesheet")]
    assert "_static/brief-epub.css" in links
    # after the components' stylesheets it adapts, before the project's own
    assert links.index("_static/brief-quote.css") < links.index("_static/brief-epub.css")
    assert links.index("_static/brief-epub.css") < links.index("_static/brief-site.css")


# -- what a browser engine shows ---------------------------------------------------------

STYLES = """
() => {
  const style = (el, pseudo) => el ? getComputedStyle(el, pseudo || null) : null;
  const marker = document.querySelector('a.footnote-reference');
  const quote = document.querySelector('figure.brief-quote > blockquote');
  const p = document.querySelector('p');
  const item = document.querySelector('ol.brief-timeline > li');
  return {
    marker: marker ? {
      text: marker.textContent,
      before: style(marker, '::before').content,
      after: style(marker, '::after').content,
      align: style(marker).verticalAlign,
    } : null,
    quote: quote ? {
      background: style(quote).backgroundColor,
      border: parseFloat(style(quote).borderLeftWidth),
      paragraphBackground: style(p).backgroundColor,
    } : null,
    timeline: item ? {
      rail: parseFloat(style(item.parentElement).borderLeftWidth),
      dot: style(item, '::before').backgroundColor,
      list: style(item.parentElement).listStyleType,
    } : null,
  };
}
"""


def computed(browser: Any, path: Path) -> dict[str, Any]:
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        return page.evaluate(STYLES)  # type: ignore[no-any-return]
    finally:
        page.close()


def unpacked(epub: Path, dest: Path) -> Path:
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(dest)
    return dest


def test_the_contents_reach_every_page_and_section(brief_epub: Build) -> None:
    """Issue 22, item 1: the brief's toctree is hidden, its root page holds the text: the
    navigation document and the NCX list every page and the root's sections, in order."""
    with zipfile.ZipFile(the_epub(brief_epub)) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml"), "xml")
        ncx = BeautifulSoup(archive.read("toc.ncx"), "xml")
        index = BeautifulSoup(archive.read("index.xhtml"), "xml")
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    assert toc is not None
    hrefs = [str(a["href"]) for a in toc.find_all("a")]
    pages = [h for h in hrefs if "#" not in h]
    assert pages == ["index.xhtml", "chronology.xhtml", "quotations.xhtml", "sources.xhtml"]
    sections = [
        str(h.find_parent("section")["id"])
        for h in index.find_all("h2")
        if h.find_parent("section") is not None
    ]
    assert len(sections) >= 3
    root = [h.split("#", 1)[1] for h in hrefs if h.startswith("index.xhtml#")]
    assert root == sections  # every section of the root page, in the page's order
    # the root's sections are nested under its entry
    first = toc.find("a", href="index.xhtml").find_parent("li")
    assert [str(a["href"]) for a in first.find_all("a")][1:] == [f"index.xhtml#{s}" for s in root]
    # the NCX: the same targets, unique ids, play order by target in reading order
    points = ncx.find_all("navPoint")
    sources = [str(p.find("content")["src"]) for p in points]
    assert [s for s in dict.fromkeys(sources)] == list(dict.fromkeys(hrefs))
    assert len({str(p["id"]) for p in points}) == len(points)
    orders = [int(p["playOrder"]) for p in points]
    by_target = dict(zip(sources, orders, strict=True))
    assert list(by_target.values()) == list(range(1, len(by_target) + 1))


def test_the_package_is_dated_as_the_brief_and_credits_no_unknown(brief_epub: Build) -> None:
    with zipfile.ZipFile(the_epub(brief_epub)) as archive:
        opf = BeautifulSoup(archive.read("content.opf"), "xml")
    assert opf.find("dc:date").get_text() == "2010-07-01"
    assert "unknown" not in [c.get_text() for c in opf.find_all("dc:contributor")]
    modified = opf.find("meta", attrs={"property": "dcterms:modified"})
    assert modified is not None and modified.get_text().endswith("Z")


def test_note_marks_and_notes_have_their_epub_types(brief_epub: Build) -> None:
    """Reading systems show a note over the text from epub:type (issue 22, item 1)."""
    documents = content_documents(the_epub(brief_epub))
    index = documents["index.xhtml"]
    marks = index.find_all("a", attrs={"role": "doc-noteref"})
    notes = index.find_all("aside", attrs={"role": "doc-footnote"})
    assert len(marks) >= 20 and len(notes) >= 20
    assert all(m.get("epub:type") == "noteref" for m in marks)
    assert all(n.get("epub:type") == "footnote" for n in notes)
    targets = {str(m["href"]).lstrip("#") for m in marks}
    assert targets <= {str(n["id"]) for n in notes}
    for name, document in documents.items():
        if document.find(attrs={"epub:type": "noteref"}) is not None:
            root = document.find("html")
            assert root.get("xmlns:epub") == "http://www.idpf.org/2007/ops", name


def test_notes_quotations_and_timelines_look_as_on_the_web(
    brief_epub: Build, brief_html: Build, browser: Any, tmp_path: Path
) -> None:
    book = unpacked(the_epub(brief_epub), tmp_path / "book")
    epub_page = computed(browser, book / "index.xhtml")
    web_page = computed(browser, brief_html.outdir / "index.html")
    marker = epub_page["marker"]
    # "[1]" once, raised, as on the web (the epub theme's brackets are not added)
    assert marker["text"] == "[1]" == web_page["marker"]["text"]
    assert marker["before"] == "none" and marker["after"] == "none"
    assert marker["align"] == "super" == web_page["marker"]["align"]
    # The brief's own quotations run in; the collected ones are set off as blocks.
    epub_quotes = computed(browser, book / "quotations.xhtml")
    web_quotes = computed(browser, brief_html.outdir / "quotations.html")
    for view in (epub_quotes, web_quotes):
        quote = view["quote"]
        assert quote["border"] >= 3, view
        assert quote["background"] not in {"rgba(0, 0, 0, 0)", quote["paragraphBackground"]}
    epub_chrono = computed(browser, book / "chronology.xhtml")["timeline"]
    web_chrono = computed(browser, brief_html.outdir / "chronology.html")["timeline"]
    for timeline in (epub_chrono, web_chrono):
        assert timeline["rail"] >= 2 and timeline["list"] == "none"
        assert timeline["dot"] != "rgba(0, 0, 0, 0)"


# -- another brief: what the metadata say follows what the ePub holds ---------------------

CONF = """
project = "A Test Brief"
author = "A. Author"
copyright = "2026, A. Author"
language = "en"
extensions = ["myst_parser", "sphinx_brief"]
bibtex_bibfiles = []
epub_publisher = "Test Press"
epub_description = "A brief to test the ePub."
epub_identifier = "testbrief"
epub_uid = "testbrief"
version = "1"
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def small_brief(root: Path, page: str, conf: str = "") -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + textwrap.dedent(conf), encoding="utf-8")
    (src / "index.md").write_text(textwrap.dedent(page).lstrip(), encoding="utf-8")
    (src / "box.svg").write_text(SVG, encoding="utf-8")
    return src


def test_an_image_without_description_is_not_claimed_described(tmp_path: Path) -> None:
    src = small_brief(
        tmp_path,
        """
        # A brief

        Some text.

        ```{image} box.svg
        ```
        """,
    )
    build = run_sphinx(src, "epub", tmp_path / "out")
    assert build.warnings == "", build.warnings
    meta = package_meta(the_epub(build))
    assert "visual" in meta["schema:accessMode"]
    assert "textual" not in meta["schema:accessModeSufficient"]
    assert "alternativeText" not in meta["schema:accessibilityFeature"]
    assert meta["a11y:certifiedBy"] == ["Test Press"]
    assert "text alternative" not in meta["schema:accessibilitySummary"][0]


def test_a_text_only_brief_and_the_overrides(tmp_path: Path) -> None:
    src = small_brief(
        tmp_path,
        """
        # A brief

        Only text.
        """,
        conf="""
        brief_epub_accessibility = {
            "accessibilityHazard": ["noFlashingHazard", "noSoundHazard"],
            "accessibilitySummary": "Plain text with <headings> & a table of contents.",
            "certifiedBy": None,
            "acessMode": "textual",
        }
        """,
    )
    build = run_sphinx(src, "epub", tmp_path / "out")
    # a misspelt key is named, at the line of conf.py that sets it; nothing else is lost
    assert "brief_epub_accessibility: unknown property 'acessMode'" in build.warnings
    assert f"{src / 'conf.py'}:" in build.warnings
    assert build.warnings.count("WARNING") == 1, build.warnings
    meta = package_meta(the_epub(build))
    assert meta["schema:accessMode"] == ["textual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert "alternativeText" not in meta["schema:accessibilityFeature"]
    assert meta["schema:accessibilityHazard"] == ["noFlashingHazard", "noSoundHazard"]
    # the author's text is escaped by the XML writer, and read back as written
    assert meta["schema:accessibilitySummary"] == [
        "Plain text with <headings> & a table of contents."
    ]
    assert "a11y:certifiedBy" not in meta
    assert run_epubcheck(the_epub(build)) == []
    assert run_ace(the_epub(build)) == []


def test_a_wrong_type_is_a_warning(tmp_path: Path) -> None:
    src = small_brief(tmp_path, "# A brief\n\nText.\n", conf="brief_epub_accessibility = 'yes'\n")
    build = run_sphinx(src, "epub", tmp_path / "out")
    assert "brief_epub_accessibility must be a dict, not 'yes'; ignored" in build.warnings
    assert build.warnings.count("WARNING") == 1, build.warnings
    meta = package_meta(the_epub(build))
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_html_builds_are_left_alone(tmp_path: Path) -> None:
    src = small_brief(tmp_path, "# A brief\n\nText.\n")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert not (build.outdir / "_static" / "brief-epub.css").exists()
    page = build.read("index.html")
    assert "brief-epub.css" not in page and "xml:lang" not in page

"""The three formats (and the text builder) from one source: zero warnings, real content."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .brieftext import normalise
from .conftest import Build, require_tool
from .validators import run_epubcheck


@pytest.mark.parametrize("name", ["brief_html", "brief_latex", "brief_epub", "brief_text"])
def test_builds_without_warnings(name: str, request: pytest.FixtureRequest) -> None:
    build: Build = request.getfixturevalue(name)
    assert build.warnings == "", build.warnings
    assert "build succeeded" in build.status


def html_notes(build: Build, page: str = "index.html") -> list[str]:
    soup = BeautifulSoup(build.read(page), "lxml")
    notes = []
    for note in soup.select("aside.footnote"):
        for extra in note.select(".label, .backrefs"):
            extra.decompose()
        notes.append(normalise(note.get_text()))
    return notes


def test_html_site(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    assert soup.html is not None and soup.html.get("lang") == "en"
    assert 'name="color-scheme" content="light dark"' in brief_html.read("index.html")
    assert soup.select_one('link[href*="furo"]') is not None  # furo's stylesheet
    description = soup.select_one('meta[name="description"]')
    assert description is not None and "North Korea" in str(description["content"])
    icon = soup.select_one('link[rel~="icon"]')
    assert icon is not None and (brief_html.outdir / str(icon["href"])).exists()
    assert soup.title is not None and "North Korea–Iran Foreign Relations" in soup.title.text
    for page in ("sources.html", "genindex.html", "search.html"):
        other = BeautifulSoup(brief_html.read(page), "lxml")
        assert len(other.select('meta[name="description"]')) == 1, page


def test_text_builder_is_readable(brief_text: Build) -> None:
    text = brief_text.read("index.txt")
    assert "North Korea–Iran Foreign Relations" in text
    assert re.search(r"\[\*?Editor’s note:\*? The Iran–Iraq War", text)
    assert "Agence France-Presse, June 15, 2009." in normalise(text.replace("*", ""))


def test_latex_is_an_article_with_sections_not_chapters(brief_latex: Build) -> None:
    tex = brief_latex.read("north-korea-iran-brief.tex")
    assert r"\documentclass[letterpaper,11pt,english]{sphinxhowto}" in tex
    assert r"\chapter" not in tex
    sections = re.findall(r"\\section\{([^}]*)\}", tex)
    assert sections[:3] == [
        "Reaction to June 2009 Iranian Presidential Election",
        "Economic Relationship",
        "Diplomatic/Military Relationship",
    ]
    assert "Sources" in sections  # a linked page is a section of its own, not "3.1"
    assert r"\subsection{Sources}" not in tex
    assert r"\begin{footnote}" in tex  # notes at the foot of the page they are cited on
    assert "sphinxtableofcontents" not in tex


@pytest.fixture(scope="module")
def pdf_text(brief_pdf: Path) -> str:
    require_tool("pdftotext")
    return subprocess.run(
        ["pdftotext", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    # pdftotext breaks lines inside long URLs; compare without any white space.
    return re.sub(r"\s+", "", normalise(text))


def test_pdf_holds_title_date_text_and_every_note(pdf_text: str, brief_html: Build) -> None:
    assert "North Korea–Iran Foreign Relations" in pdf_text
    assert "July 1, 2010" in pdf_text
    assert "Critical Threats Project" in pdf_text
    flat = squash(pdf_text)
    assert squash("Pyongyang supplied Iran with conventional military hardware.") in flat
    for note in html_notes(brief_html):
        assert squash(note) in flat, f"note missing from the PDF: {note}"


def test_pdf_log_is_clean(brief_pdf: Path) -> None:
    log = brief_pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Missing character" not in log
    assert not re.search(r"Overfull \\hbox \((\d{2,}|[3-9])\.", log), "text runs off the page"
    assert "undefined references" not in log
    assert "LaTeX Warning: Reference" not in log


def bookmarks(out: Path) -> str:
    """The PDF outline's titles, from hyperref's .out file (UTF-16 in octal escapes)."""
    titles = []
    for match in re.finditer(
        r"\\BOOKMARK \[\d+\]\[[^]]*\]\{[^}]*\}\{(.*?)\}\{", out.read_text(encoding="latin-1")
    ):
        raw = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), match.group(1))
        data = raw.encode("latin-1")
        titles.append(
            data[2:].decode("utf-16-be") if data[:2] == b"\xfe\xff" else data.decode("latin-1")
        )
    return "\n".join(titles)


def test_pdf_fonts_embedded_and_bookmarks(brief_pdf: Path) -> None:
    require_tool("pdffonts")
    fonts = subprocess.run(
        ["pdffonts", str(brief_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    outline = bookmarks(brief_pdf.with_suffix(".out"))
    for title in ("Reaction to June 2009", "Economic Relationship", "Sources"):
        assert title in outline
    links = subprocess.run(
        ["pdfinfo", "-url", str(brief_pdf)], capture_output=True, text=True, check=True
    ).stdout
    # the sources' addresses are live links in the PDF
    assert "http://www.armscontrol.org/act/2007_01-02/IranNK" in links
    assert "http://yaleglobal.yale.edu/display.article?id=1546" in links


def test_pdf_contains_the_flag_converted_at_build_time(brief_latex: Build) -> None:
    tex = brief_latex.read("north-korea-iran-brief.tex")
    assert re.search(r"\\sphinxincludegraphics(\[[^]]*\])?\{\{flag-north-korea\}\.pdf\}", tex)
    assert (brief_latex.outdir / "flag-north-korea.pdf").exists()


def test_epub_passes_epubcheck(brief_epub: Build) -> None:
    (epub,) = brief_epub.outdir.glob("*.epub")
    findings = run_epubcheck(epub)
    assert findings == [], "\n".join(map(str, findings))


def test_epub_holds_the_same_notes(brief_epub: Build, brief_html: Build) -> None:
    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        assert archive.namelist()[0] == "mimetype"
        page = archive.read("index.xhtml").decode("utf-8")
        opf = archive.read("content.opf").decode("utf-8")
    assert '<dc:identifier id="north-korea-iran-brief-2010-07-01">' in opf
    assert "Critical Threats Project" in opf
    epub_notes = []
    for note in BeautifulSoup(page, "lxml").select("aside.footnote"):
        for extra in note.select(".label, .backrefs"):
            extra.decompose()
        epub_notes.append(normalise(note.get_text()))
    assert epub_notes == html_notes(brief_html)

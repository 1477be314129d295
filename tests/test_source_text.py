"""What a source's fields say reaches every output as its author wrote it (issue 21, item 5):

- a web address is printed exactly as its link, with its straight quotes
  (``…/Iran-declares-'historic-victory'-in-talks``, never ``‘historic-victory’``), in every
  note (full, short, Ibid., ``{footcite}``), the who-said-what list, the bibliography
  (plain and bulleted), in the HTML, the ePub, the .tex and the PDF's text;
- BibTeX's escapes read as BibTeX means them in every text field: ``\\$14.4B`` is
  "$14.4B", ``\\&`` "&", ``\\%`` "%", ``\\#`` "#", ``\\_`` "_".
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, compile_pdf, require_tool, run_sphinx

URL = "https://example.org/Iran-declares-'historic-victory'-in-talks"
CURLY = ("‘historic", "’historic", "historic-victory’", "historic-victory‘")

BIB = r"""
@article{landay2010,
  author  = {Landay, Jonathan S. and Strobel, Warren P.},
  title   = {{Iran Declares “Historic Victory” in Talks}},
  journal = {McClatchy Newspapers},
  date    = {2010-06-01},
  url     = {https://example.org/Iran-declares-'historic-victory'-in-talks},
  urldate = {2010-07-01},
}
@report{money2011,
  author      = {Hall, Kevin},
  title       = {{Iran's \$14.4B Deal \& 5\% of Exports: Item \#1 of the\_List}},
  shorttitle  = {{The \$14.4B Deal}},
  institution = {Dow \& Jones},
  type        = {Report \#7},
  note        = {a \$5 fee, 10\% off},
  date        = {2011-02-03},
}
"""

CONF = """\
project = "Texts"
author = "Editor"
language = "en"
extensions = ["sphinx_brief"]
brief_date = "2011-07-01"
brief_note_ibid = True
# the web archive's lookup address too: an address printed twice in each full note
brief_archive_links = "lookup"
"""

INDEX = """\
# Brief

First.{note}`@landay2010` Again.{note}`@landay2010` Other.{note}`@money2011`
Short.{note}`@landay2010, 4` Money again.{note}`@money2011, 2`

:::{quote}
:speaker: Kevin Hall
:source: landay2010, money2011

Sanctions take time.
:::

:::{event} 2010-05
:title: A deal is struck
:source: money2011, landay2010
:::

```{toctree}
chron
who
other
sources
```
"""

OTHER = "# Other\n\nA footcite.{footcite}`landay2010` And money.{footcite}`money2011`\n"
CHRON = "# Chronology\n\n:::{timeline}\n:::\n"
WHO = "# Who said what\n\n:::{quotations}\n:::\n"
#: The Sources page: both forms, one after the other (each lists every entry)
SOURCES = """\
# Sources

```{bibliography}
:list: bullet
:all:
```

```{bibliography}
:all:
:keyprefix: plain-
```
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("texts")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    pages = {"index": INDEX, "other": OTHER, "chron": CHRON, "who": WHO, "sources": SOURCES}
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    made = {}
    for builder in ("html", "epub", "latex"):
        build = run_sphinx(src, builder, root / builder)
        assert build.warnings == "", build.warnings
        made[builder] = build
    return made


def _html_pages(build: Build) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in build.outdir.glob("*.html")}


def _epub_pages(build: Build) -> dict[str, str]:
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        return {
            Path(name).stem: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def _addresses(markup: str) -> list[tuple[str, str]]:
    """Every link whose text is a web address: (text, target)."""
    soup = BeautifulSoup(markup, "html.parser")
    body = soup.select_one("[role='main'], main, body")
    assert body is not None
    return [
        (link.get_text(), str(link["href"]))
        for link in body.find_all("a", href=True)
        if link.get_text().startswith(("http:", "https:"))
    ]


#: Where the address is printed, page by page: each note and entry that gives it (full
#: notes twice: the address and its archived copy).
EXPECTED = {"index": 2, "other": 2, "who": 2, "sources": 4}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_every_printed_address_is_its_link(builds: dict[str, Build], builder: str) -> None:
    pages = _html_pages(builds[builder]) if builder == "html" else _epub_pages(builds[builder])
    for page, count in EXPECTED.items():
        addresses = _addresses(pages[page])
        assert all(text == href for text, href in addresses), (page, addresses)
        assert [t for t, _ in addresses].count(URL) == count // 2, (page, addresses)
        assert len([t for t, _ in addresses if t.endswith(URL)]) == count, (page, addresses)
        assert not any(mark in pages[page] for mark in CURLY), page


def test_the_tex_prints_every_address_as_written(builds: dict[str, Build]) -> None:
    (tex,) = builds["latex"].outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    urls = re.findall(r"\\sphinxurl\{([^}]*)\}", text)
    assert len([u for u in urls if u.endswith(URL)]) == sum(EXPECTED.values())
    assert not any(mark in text for mark in CURLY)


def _pdf_text(pdf: Path) -> str:
    require_tool("pdftotext")
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def pdf_text(builds: dict[str, Build]) -> str:
    return _pdf_text(compile_pdf(builds["latex"].outdir))


@pytest.mark.slow
def test_the_pdf_prints_every_address_with_its_straight_quotes(pdf_text: str) -> None:
    """pdflatex sets ``'`` in ``\\url`` as the font's closing quotation mark, which a reader
    copies out of the PDF as ``’``; the address must read as it is written."""
    joined = re.sub(r"\s+", "", pdf_text)  # addresses break across lines
    assert joined.count("-declares-'historic-victory'-in-talks") == sum(EXPECTED.values())
    assert not any(mark in pdf_text for mark in CURLY)


# -- BibTeX's escapes ------------------------------------------------------------------------

#: What each escaped field reads as, in every note, list and format.
READ = ["$14.4B", "Dow & Jones", "5% of Exports", "Item #1 of the_List", "$5 fee, 10% off"]


def _text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script"):
        script.decompose()
    return " ".join(soup.get_text().split())


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_bibtex_escapes_read_as_bibtex_means_them(builds: dict[str, Build], builder: str) -> None:
    pages = _html_pages(builds[builder]) if builder == "html" else _epub_pages(builds[builder])
    for page in ("index", "other", "who", "sources"):
        text = _text(pages[page])
        assert "\\" not in text, (page, re.findall(r".{20}\\.{20}", text))
        for phrase in READ:
            assert phrase in text, (page, phrase)
    # the short forms too: the short note, the chronology's short citation
    assert "Hall, The $14.4B Deal, 2." in _text(pages["index"])
    assert "Hall, Dow & Jones, February 3, 2011" in _text(pages["chron"])


def test_bibtex_escapes_in_the_website_data(builds: dict[str, Build]) -> None:
    """schema.org's citations name the source as readers read it."""
    markup = builds["html"].read("index.html")
    data = "".join(s.get_text() for s in BeautifulSoup(markup, "html.parser").find_all("script"))
    assert "Iran's $14.4B Deal & 5% of Exports" in data.replace("\\u0026", "&")
    assert "\\\\$" not in data


def test_bibtex_escapes_in_the_tex(builds: dict[str, Build]) -> None:
    (tex,) = builds["latex"].outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8").split(r"\begin{document}", 1)[1]
    assert "\\textbackslash" not in text
    assert text.count(r"\$14.4B") >= 7
    assert r"Dow \& Jones" in text and r"the\_List" in text and r"\#1" in text


@pytest.mark.slow
def test_bibtex_escapes_in_the_pdf(pdf_text: str) -> None:
    text = " ".join(pdf_text.split())
    assert "\\" not in text
    for phrase in READ:
        assert phrase in text, phrase

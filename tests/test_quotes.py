"""The ``quote`` directive on small projects: doctree, every builder, notes, links.

Projects are written into ``tmp_path``; :func:`quote_project` is shared with the other
``test_quotes_*`` modules.
"""

from __future__ import annotations

import json
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes

from sphinx_brief.citations.marks import brief_note_ref
from sphinx_brief.quotes.nodes import brief_attribution, brief_date, brief_quote, brief_quote_body

from .conftest import Build, run_sphinx
from .validators import run_epubcheck

CONF = """
project = "Quotes"
author = "Tester"
copyright = "2010, Tester"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "brief"
brief_archive_links = False
language = "en"
# sphinx.testing swaps the default theme after the configuration is read; naming one keeps
# the configuration of two builds equal, so that a rebuild is really incremental.
html_theme = "basic"
epub_copyright = copyright
epub_identifier = "quotes-test"
epub_uid = "quotes-test"
epub_scheme = "unknown"
"""

BIB = """
@article{wire2009, title = {{Wire Report on the Election}}, journal = {Wire},
  date = {2009-06-15}}
@article{paper2010, title = {{Paper on the Launch Site}}, journal = {Daily Paper},
  date = {2010-03-08}}
@article{agency2010, title = {{Agency Dispatch}}, journal = {Agency},
  date = {2010-05-05}}
"""


def quote_project(root: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A project in ``root/src`` with ``pages`` (dedented), the test bibliography and conf."""
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF + textwrap.dedent(conf), encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    for name, text in pages.items():
        (src / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return src


PAGE = """
# Brief

## Election

The government congratulated him.{footcite}`paper2010`
The head of state said that he

:::{quote}
:speaker: Kim Yong-Nam
:role: de facto head of state
:date: 2009-06
:source: wire2009
:name: kim-wishes
:class: special

“sincerely wished [Ahmadinejad] *success* … Iran."
:::

Later, the agency reported more.{footcite}`agency2010`
See {ref}`kim-wishes`.

```{footbibliography}
```
"""


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("quote-html")
    return run_sphinx(quote_project(root, {"index.md": PAGE}), "html", root / "out")


def soup_of(build: Build, page: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "lxml")


def test_builds_without_warnings(html: Build) -> None:
    assert html.warnings == "", html.warnings


def test_doctree(html: Build) -> None:
    doctree = html.app.env.get_doctree("index")
    (quote,) = doctree.findall(brief_quote)
    assert quote["speaker"] == "Kim Yong-Nam"
    assert quote["role"] == "de facto head of state"
    assert quote["date"] == "2009-06"
    assert quote["sources"] == ["wire2009"]
    assert quote["ids"] == ["kim-wishes"]
    assert quote["classes"] == ["brief-quote", "special"]
    body, attribution = quote.children
    assert isinstance(body, brief_quote_body) and isinstance(attribution, brief_attribution)
    # the body is MyST: inline markup, brackets and the ellipsis survive
    assert body.astext() == "“sincerely wished [Ahmadinejad] success … Iran.”"
    assert next(body.findall(nodes.emphasis)).astext() == "success"
    (date,) = attribution.findall(brief_date)
    assert date["datetime"] == "2009-06" and date.astext() == "June 2009"
    (ref,) = attribution.findall(nodes.footnote_reference)
    # numbered with the page's other notes (a {note}'s mark holds its number: marks.py)
    assert isinstance(ref, brief_note_ref) and ref["number"] == "2"


def test_html_figure_blockquote_figcaption_time(html: Build) -> None:
    figure = soup_of(html).select_one("figure.brief-quote")
    assert isinstance(figure, Tag)
    assert figure["id"] == "kim-wishes" and "special" in figure["class"]
    children = [child.name for child in figure.find_all(recursive=False)]
    assert children == ["blockquote", "figcaption"]
    assert figure.blockquote is not None and figure.blockquote.em is not None
    caption = figure.figcaption
    assert caption is not None and "brief-attribution" in caption["class"]
    assert caption.get_text() == "Kim Yong-Nam, de facto head of state, June 2009[2]"
    time = caption.find("time")
    assert isinstance(time, Tag) and time["datetime"] == "2009-06" and time.text == "June 2009"


def test_notes_are_numbered_with_the_page(html: Build) -> None:
    soup = soup_of(html)
    labels = [a.get_text(strip=True).strip("[]") for a in soup.select("a.footnote-reference")]
    assert labels == ["1", "2", "3"]
    notes = [n.get_text(" ", strip=True) for n in soup.select("aside.footnote")]
    assert [n.split("]", 1)[1].strip()[:12] for n in notes] == [
        "“Paper on th",
        "“Wire Report",
        "“Agency Disp",
    ]
    ids = {tag["id"] for tag in soup.select("[id]")}
    for ref in soup.select("a.footnote-reference"):
        assert str(ref["href"]).lstrip("#") in ids


def test_ref_to_a_named_quote(html: Build) -> None:
    link = soup_of(html).select_one('a.reference.internal[href="#kim-wishes"]')
    assert link is not None and link.get_text() == "Kim Yong-Nam, June 2009"


def test_stylesheet_for_html_only(html: Build) -> None:
    assert soup_of(html).select_one('link[href*="brief-quote.css"]') is not None
    css = (html.outdir / "_static" / "brief-quote.css").read_text(encoding="utf-8")
    assert "--color-foreground-secondary" in css  # furo's variables, light and dark


# -- a source is not cited twice in a row --------------------------------------------------
REPEATS = """
# Page

Before.{footcite}`paper2010`

:::{quote}
:speaker: A
:source: wire2009

Covered by the next note.
:::

The sentence the note follows.{footcite}`wire2009`

:::{quote}
:speaker: B
:source: agency2010

Cited in its own words.{footcite}`agency2010`
:::

:::{quote}
:speaker: C
:source: paper2010

Its note is not the next one.
:::

Another note comes first.{footcite}`wire2009`

```{footbibliography}
```
"""


def test_attribution_links_to_the_note_of_the_text_around(tmp_path: Path) -> None:
    # issue 11, 4: an attribution always links to a note -- the note of the quoted words
    # or of the sentence after the quotation when it cites the same source, with its number
    build = run_sphinx(quote_project(tmp_path, {"index.md": REPEATS}), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    soup = soup_of(build)
    captions = soup.select("figcaption.brief-attribution")
    assert [c.get_text() for c in captions] == ["A[2]", "B[3]", "C[4]"]
    after_a = soup.find(string=re.compile("The sentence the note follows"))
    assert after_a is not None
    ref = after_a.parent.select_one("a.footnote-reference")
    assert ref is not None and ref["href"] == captions[0].select_one("a")["href"]
    assert len(soup.select("aside.footnote")) == 4
    # every remaining reference has its back-link, and no back-link points nowhere
    ids = {tag["id"] for tag in soup.select("[id]")}
    for backref in soup.select("aside.footnote .backrefs a, aside.footnote a.fn-backref"):
        assert str(backref["href"]).lstrip("#") in ids
    # the records keep every source, whether the attribution shows it or not
    data = json.loads(build.read("quotes.json"))
    assert [q["sources"] for q in data] == [["wire2009"], ["agency2010"], ["paper2010"]]


# -- other builders ------------------------------------------------------------------------
def test_latex_uses_the_package_and_escapes(tmp_path: Path) -> None:
    build = run_sphinx(quote_project(tmp_path, {"index.md": PAGE}), "latex", tmp_path / "o")
    assert build.warnings == "", build.warnings
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\usepackage{sphinxbriefquote}" in text
    assert (build.outdir / "sphinxbriefquote.sty").exists()
    assert r"\begin{sphinxbriefquote}" in text and r"\end{sphinxbriefquote}" in text
    assert r"\label{\detokenize{index:kim-wishes}}" in text
    assert (
        r"\begin{sphinxbriefattribution}\DUrole{brief-speaker}{Kim Yong\sphinxhyphen{}Nam}" in text
    )
    assert r"\begin{footnote}[2]" in text  # the quote's note, at the attribution
    assert r"{[}Ahmadinejad{]}" in text


def test_text_builder(tmp_path: Path) -> None:
    build = run_sphinx(quote_project(tmp_path, {"index.md": PAGE}), "text", tmp_path / "o")
    assert build.warnings == "", build.warnings
    text = build.read("index.txt")
    assert '   “sincerely wished [Ahmadinejad] *success* … Iran."' in text
    assert "   — Kim Yong-Nam, de facto head of state, June 2009[2]" in text


@pytest.mark.parametrize("builder", ["man", "texinfo"])
def test_man_and_texinfo_write_the_quote(tmp_path: Path, builder: str) -> None:
    build = run_sphinx(quote_project(tmp_path, {"index.md": PAGE}), builder, tmp_path / "o")
    assert build.warnings == "", build.warnings
    (out,) = [p for p in build.outdir.iterdir() if p.suffix in {".1", ".texi"}]
    text = out.read_text(encoding="utf-8")
    assert "sincerely wished [Ahmadinejad]" in text
    assert "de facto head of state, June 2009" in text


def test_epub_passes_epubcheck(tmp_path: Path) -> None:
    pages = {
        "index.md": PAGE + "\n```{toctree}\nwho\n```\n",
        "who.md": "# Who said what\n\n```{quotations}\n```\n",
    }
    build = run_sphinx(quote_project(tmp_path, pages), "epub", tmp_path / "o")
    assert build.warnings == "", build.warnings
    assert not (build.outdir / "quotes.json").exists()  # a website's export, not the ePub's
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("index.xhtml").decode("utf-8")
        assert "_static/brief-quote.css" in archive.namelist()
    soup = BeautifulSoup(page, "lxml")
    assert soup.select_one("figure.brief-quote > figcaption time[datetime='2009-06']")
    findings = run_epubcheck(epub)
    assert findings == [], "\n".join(map(str, findings))


def test_date_in_the_project_language(tmp_path: Path) -> None:
    build = run_sphinx(
        quote_project(tmp_path, {"index.md": PAGE}, 'language = "fr"\n'), "html", tmp_path / "o"
    )
    time = soup_of(build).select_one("figcaption time")
    assert time is not None and time.text == "juin 2009" and time["datetime"] == "2009-06"


RST_PAGE = """
Page
====

.. quote::
   :speaker: Kim Yong-Nam
   :source: wire2009

   Quoted in reST, on a page without a footbibliography.
"""


@pytest.mark.parametrize("name", ["index.rst", "index.md"])
def test_notes_without_footbibliography_are_placed(tmp_path: Path, name: str) -> None:
    # sphinxcontrib-bibtex leaves such notes out, and the LaTeX writer then crashes.
    page = (
        RST_PAGE
        if name.endswith(".rst")
        else ("# Page\n\n:::{quote}\n:speaker: Kim\n:source: wire2009\n\nQuoted.\n:::\n")
    )
    src = quote_project(tmp_path, {name: page})
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert "Traceback" not in latex.status + latex.warnings
    assert latex.warnings == "", latex.warnings
    (tex,) = latex.outdir.glob("*.tex")
    assert "Wire Report on the Election" in tex.read_text(encoding="utf-8")
    html = run_sphinx(src, "html", tmp_path / "html")
    notes = soup_of(html).select("aside.footnote")
    assert len(notes) == 1 and "Wire Report" in notes[0].get_text()

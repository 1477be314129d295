"""Raw HTML and LaTeX are a decision (issue 24, point 2).

By default every raw piece of a page (MyST's HTML blocks and inline tags, HTML comments,
reStructuredText's ``raw`` directive for HTML and for LaTeX, a ``raw`` substitution) is a
warning at its page and line, ``brief.raw``, and is left out of every output: the website,
the ePub, the LaTeX sources, the data exports, the search index.  ``brief_raw_html =
"allow"`` publishes it as Sphinx would.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

CONF = """\
project = "Raw markup"
author = "Tester"
extensions = ["sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
brief_archive_links = False
html_theme = "basic"
brief_basename = "raw"
{more}
"""
BIB = "@article{wire2009, title = {{Wire Report}}, journal = {Wire}, date = {2009-06-15}}\n"
INDEX = """\
# Heading <script>alert("heading")</script>

A paragraph with <span style="color:red">inline words</span> and an end.{note}`@wire2009`

<div class="banner">
<img src="https://tracker.example/pixel.gif">
</div>

<!-- a comment for editors -->

:::{quote}
:speaker: Kim Yong-nam
:date: 2009-06
:source: wire2009

Quoted words <script>alert("quote")</script> kept.
:::

:::{event} 2009-06
:title: Something happened
:source: wire2009

An event body <img src="https://tracker.example/event.gif"> with words.
:::

::::{timeline}
::::

```{toctree}
other
```
"""
OTHER = """\
Other page
==========

Text of the other page.

.. raw:: html

   <iframe src="https://tracker.example/frame"></iframe>

.. raw:: latex

   \\input{/etc/passwd}

A substitution: |tracker|.

.. |tracker| raw:: html

   <img src="https://tracker.example/substituted.gif">
"""
#: (page, line) of each warning: one for each raw piece (an inline element is one).
EXPECTED = [
    ("index.md", 1),
    ("index.md", 3),
    ("index.md", 5),
    ("index.md", 9),
    ("index.md", 16),
    ("index.md", 23),
    ("other.rst", 6),
    ("other.rst", 10),
    ("other.rst", 16),
]
HOSTILE = ("alert(", "tracker.example", "<iframe", "<script>alert", "/etc/passwd", "banner")


def project(root: Path, more: str = "") -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF.format(more=more), encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "other.rst").write_text(OTHER, encoding="utf-8")
    return src


@pytest.fixture(scope="module", params=["html", "epub", "latex", "text"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp(f"raw-{request.param}")
    return run_sphinx(project(root), request.param, root / "out")


def every_output(build: Build) -> str:
    """The text of every file the build wrote (the ePub unpacked), but the copies of the
    pages' sources (``_sources/``, plain text: ``html_copy_source``)."""
    texts = []
    for path in sorted(build.outdir.rglob("*")):
        if "_sources" in path.relative_to(build.outdir).parts:
            continue
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                texts += [epub.read(name).decode("utf-8", "replace") for name in epub.namelist()]
        elif path.is_file() and path.suffix in {".html", ".xhtml", ".js", ".json", ".tex", ".txt"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_each_raw_piece_is_a_warning_at_its_page_and_line(built: Build) -> None:
    warnings = built.warnings.splitlines()
    found = []
    for line in warnings:
        match = re.match(
            r"(.+?):(\d+): WARNING: raw (HTML|LaTeX) is left out of every output", line
        )
        assert match, line
        assert line.endswith("[brief.raw]"), line
        found.append((Path(match.group(1)).name, int(match.group(2))))
    assert found == EXPECTED, built.warnings
    assert "Traceback" not in built.status + built.warnings


def test_the_warning_quotes_the_markup(built: Build) -> None:
    assert (
        "raw HTML is left out of every output: '<span style=\"color:red\">' … '</span>'"
        in built.warnings
    )
    assert "raw LaTeX is left out of every output: '\\\\input{/etc/passwd}'" in built.warnings
    assert 'set brief_raw_html = "allow" in conf.py' in built.warnings


def test_no_output_holds_the_raw_markup(built: Build) -> None:
    text = every_output(built)
    assert text.strip()
    for needle in HOSTILE:
        assert needle not in text, needle
    # the words around it stay
    for words in ("inline words", "and an end", "Quoted words", "kept", "with words"):
        assert words in text, words


def test_the_website_keeps_the_words_and_the_data_have_none(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "html", tmp_path / "out")
    soup = BeautifulSoup(build.read("index.html"), "html.parser")
    assert soup.find("h1") is not None and soup.find("h1").get_text().startswith("Heading")
    assert not [s for s in soup.select("script") if "alert" in s.get_text()]
    assert not soup.select("img, iframe, div.banner, span[style]")
    quotes = json.loads(build.read("quotes.json"))
    assert quotes[0]["text"] == "Quoted words kept."
    assert "alert" not in build.read("searchindex.js")


def test_allow_publishes_raw_markup_without_a_warning(tmp_path: Path) -> None:
    src = project(tmp_path, 'brief_raw_html = "allow"')
    html = run_sphinx(src, "html", tmp_path / "out")
    assert html.warnings == ""
    page = html.read("index.html")
    assert 'src="https://tracker.example/pixel.gif"' in page
    assert '<span style="color:red">' in page
    assert "<iframe" in html.read("other.html")
    latex = run_sphinx(src, "latex", tmp_path / "out")
    assert latex.warnings == ""
    assert "\\input{/etc/passwd}" in latex.read("raw.tex")


def test_a_value_that_is_not_a_choice_is_read_as_remove(tmp_path: Path) -> None:
    src = project(tmp_path, 'brief_raw_html = "sometimes"')
    build = run_sphinx(src, "html", tmp_path / "out")
    first = build.warnings.splitlines()[0]
    assert first == (
        f'{src / "conf.py"}:9: WARNING: brief_raw_html must be "remove" or "allow", not '
        "'sometimes'; read as \"remove\" [brief.config]"
    )
    assert "tracker.example" not in build.read("index.html")

"""Emphasis in options (core/emphasis.py): a title of a work in a quote's ``:role:`` or an
event's ``:title:`` is set in italics in every format, as the same words in the prose are,
and every plain form (JSON, JSON-LD, the overview's labels) reads without the marks.

Found in the corpus: drug-courts-notes writes ``:role: *National Drug Control Strategy* of
the George H.W. Bush Administration``, which every format printed with its asterisks.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core.emphasis import plain, runs

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project

PAGE = """
# Brief

## Policy

The strategy was released.

:::{quote}
:speaker: The White House
:speaker-type: organization
:role: *National Drug Control Strategy* of the Bush Administration
:date: 1989-09-05
:source: wire2009

In short, legalizing drugs would be an unqualified national disaster.
:::

:::{event} 1989-09-05
:title: The Administration issues the first *National Drug Control Strategy*
:source: wire2009
:::

:::{event} 2009-06
:title: A price of 2 * 3 \\*units\\* in snake_case_names and *<script>x</script>*
:source: paper2010
:::

```{timeline}
```

```{toctree}
:hidden:

who
```
"""
WHO = "# Who said what\n\n```{quotations}\n```\n"
ROLE_PLAIN = "National Drug Control Strategy of the Bush Administration"
TITLE_PLAIN = "The Administration issues the first National Drug Control Strategy"
ODD_PLAIN = r"A price of 2 * 3 \*units\* in snake_case_names and <script>x</script>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*Strategy* of 1989", (("emphasis", "Strategy"), ("", " of 1989"))),
        ("**Bold** and _it_", (("strong", "Bold"), ("", " and "), ("emphasis", "it"))),
        ("2 * 3 * 4", (("", "2 * 3 * 4"),)),
        ("snake_case_name", (("", "snake_case_name"),)),
        ("\\*not\\* emphasis", (("", "\\*not\\* emphasis"),)),
        (r"\input{x} $ % # _ ~ ^ \\", (("", r"\input{x} $ % # _ ~ ^ \\"),)),
        ("*unclosed and Kim", (("", "*unclosed and Kim"),)),
        ("* spaced *", (("", "* spaced *"),)),
        ("", ()),
    ],
)
def test_runs(text: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert runs(text) == expected
    assert plain(text) == "".join(words for _, words in expected)


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("emphasis")
    return quote_project(
        root, {"index.md": PAGE, "who.md": WHO}, "html_baseurl = 'https://b.example/'\n"
    )


@pytest.fixture(scope="module")
def html(src: Path) -> Build:
    build = run_sphinx(src, "html", src.parent / "html")
    assert build.warnings == "", build.warnings
    return build


def test_the_website_sets_the_titles_in_italics(html: Build) -> None:
    page = BeautifulSoup(html.read("index.html"), "lxml")
    role = page.select_one(".brief-attribution .brief-role")
    assert role.get_text() == ROLE_PLAIN
    assert [em.get_text() for em in role.select("em")] == ["National Drug Control Strategy"]
    titles = page.select(".brief-timeline-title")
    assert [t.get_text() for t in titles] == [TITLE_PLAIN, ODD_PLAIN]
    assert [em.get_text() for em in titles[0].select("em")] == ["National Drug Control Strategy"]
    # the marks that are not emphasis stay text; markup in the marked words stays text
    assert [em.get_text() for em in titles[1].select("em")] == ["<script>x</script>"]
    assert [s for s in page.select("script") if s.get_text() == "x"] == []
    who = BeautifulSoup(html.read("who.html"), "lxml")
    assert [em.get_text() for em in who.select(".brief-role em")] == [
        "National Drug Control Strategy"
    ]
    assert "*" not in html.read("who.html").split("<body")[1].split("</body>")[0].replace(
        "2 * 3", ""
    )


def test_plain_forms_read_without_the_marks(html: Build) -> None:
    page = html.read("index.html")
    overview = BeautifulSoup(page, "lxml").select("svg.brief-ov title")
    labels = [t.get_text() for t in overview]
    assert any(label.endswith(TITLE_PLAIN) for label in labels), labels
    assert not any("*National" in label for label in labels)
    ld = BeautifulSoup(page, "lxml").select_one('script[type="application/ld+json"]')
    text = ld.get_text()
    assert ROLE_PLAIN in text and TITLE_PLAIN in text and "*National" not in text
    events = json.loads(html.read("events.json"))
    quotes = json.loads(html.read("quotes.json"))
    assert [e["title"] for e in events] == [TITLE_PLAIN, ODD_PLAIN]
    assert [q["role"] for q in quotes] == [ROLE_PLAIN]


def test_print_and_the_epub_set_them_in_italics(src: Path) -> None:
    latex = run_sphinx(src, "latex", src.parent / "latex")
    assert latex.warnings == "", latex.warnings
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{National Drug Control Strategy}" in tex
    assert "*National" not in tex
    require_tool("pdftotext")
    pdf = compile_pdf(latex.outdir)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert ROLE_PLAIN in text and TITLE_PLAIN in text and "*National" not in text
    epub = run_sphinx(src, "epub", src.parent / "epub")
    assert epub.warnings == "", epub.warnings
    (book,) = epub.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        page = BeautifulSoup(archive.read("index.xhtml").decode("utf-8"), "lxml")
    assert [em.get_text() for em in page.select(".brief-role em")] == [
        "National Drug Control Strategy"
    ]

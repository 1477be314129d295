"""Run-in quotations (``:display: run-in``): one paragraph with the text around the fence,
in every format; the quote keeps its anchor, its record and its place on the list."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project
from .validators import run_epubcheck

#: A sentence with two run-in quotations (the second's trailing comma is the speaker's),
#: a third one closing the next sentence, and text after it in the same paragraph.
PAGE = """
# Brief

## Ties between the two

In July 2009, Ali Larijani stated that
:::{quote}
:speaker: Ali Larijani
:date: 2009-07
:source: wire2009
:display: run-in
[t]he two countries enjoy *abundant* capacities,
:::
and called the dispute a
:::{quote}
:speaker: Ali Larijani
:source: paper2010
:display: run-in
legitimate misunderstanding,
:::
which he hoped would end.
Kim added that
:::{quote}
:speaker: Kim Yong-Nam
:source: agency2010
:display: run-in
:name: kim-hope
the future is bright
:::
. Nothing else was said.

A new paragraph after a blank line.

See {ref}`kim-hope`.

:::{quote}
:speaker: Kim Yong-Nam
:source: wire2009
A block quotation, as before.
:::

```{footbibliography}
```
"""

WHO = "# Who said what\n\n```{quotations}\n```\n"


def project(tmp_path: Path, page: str = PAGE) -> Path:
    return quote_project(tmp_path, {"index.md": page + "\n```{toctree}\nwho\n```\n", "who.md": WHO})


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("runin-html")
    return run_sphinx(project(root), "html", root / "out")


def test_no_warning(html: Build) -> None:
    assert html.warnings == "", html.warnings


def test_one_paragraph_with_the_text_around(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    section = soup.select_one("section#ties-between-the-two")
    paragraphs = section.find_all("p", recursive=False)
    first = paragraphs[0]
    assert len(first.select("q.brief-quote-words")) == 3
    assert first.select_one("q em").get_text() == "abundant"
    # notes removed; the quotation marks are text inside each <q>, copied with the words
    for q in first.select("q"):
        assert q.get_text().startswith("“") and q.get_text().endswith("”")
    for ref in first.select("a.footnote-reference"):
        ref.decompose()
    text = re.sub(r"\s+", " ", first.get_text()).strip()
    assert text == (
        "In July 2009, Ali Larijani stated that “[t]he two countries enjoy abundant "
        "capacities,” and called the dispute a “legitimate misunderstanding,” which he "
        "hoped would end. Kim added that “the future is bright.” Nothing else was said."
    )
    assert paragraphs[1].get_text() == "A new paragraph after a blank line."
    # the block quote is still a figure of its own
    assert section.select("figure.brief-quote > blockquote")


def test_anchor_note_and_reference(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    run_in = soup.select("span.brief-quote.brief-run-in")
    assert [s["id"] for s in run_in] == ["quote-ali-larijani", "quote-ali-larijani-2", "kim-hope"]
    # each quotation's note follows its closing mark, numbered with the page's notes
    notes = [s.select_one("q + a.footnote-reference") for s in run_in]
    assert [n.get_text() for n in notes] == ["[1]", "[2]", "[3]"]
    link = soup.find("a", href="#kim-hope")
    assert link is not None and "Kim Yong-Nam" in link.get_text()


def test_still_recorded_and_collected(html: Build) -> None:
    soup = BeautifulSoup(html.read("who.html"), "lxml")
    quoted = [q.get_text(" ", strip=True) for q in soup.select("figure.brief-quote blockquote")]
    assert "[t]he two countries enjoy abundant capacities," in quoted
    assert "legitimate misunderstanding," in quoted
    assert soup.select_one("a[href='index.html#kim-hope']")


def test_latex_enquote_in_the_paragraph(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "latex", tmp_path / "o")
    assert build.warnings == "", build.warnings
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    paragraph = tex[tex.index("In July 2009") : tex.index("Nothing else was said.")]
    assert "\n\n" not in paragraph  # one paragraph
    assert r"\enquote{{[}t{]}he two countries enjoy \sphinxstyleemphasis{abundant}" in paragraph
    # the full stop is the sentence's, set inside the marks (a role Sphinx defines as nothing)
    assert (
        r"\label{\detokenize{index:kim-hope}}"
        r"\enquote{the future is bright\DUrole{brief-sentence-mark}{.}}"
    ) in paragraph
    assert paragraph.count(r"\begin{footnote}") == 3
    sty = (build.outdir / "sphinxbriefquote.sty").read_text(encoding="utf-8")
    assert "csquotes" in sty


def test_pdf_has_the_marks(tmp_path: Path) -> None:
    require_tool("pdftotext")
    build = run_sphinx(project(tmp_path), "latex", tmp_path / "o")
    pdf = compile_pdf(build.outdir)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"\s+", " ", text)
    assert "stated that “[t]he two countries enjoy abundant capacities,”" in text
    assert "called the dispute a “legitimate misunderstanding,”2 which he hoped" in text
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Missing character" not in log


def test_text_uses_the_languages_marks(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "text", tmp_path / "o")
    assert build.warnings == "", build.warnings
    text = re.sub(r"\s+", " ", build.read("index.txt"))
    assert "stated that “[t]he two countries enjoy *abundant* capacities,”[1] and called" in text
    german = run_sphinx(
        project(tmp_path / "de"), "text", tmp_path / "de-o", confoverrides={"language": "de"}
    )
    assert "„legitimate misunderstanding,“" in re.sub(r"\s+", " ", german.read("index.txt"))


@pytest.mark.parametrize("builder", ["man", "texinfo"])
def test_man_and_texinfo(tmp_path: Path, builder: str) -> None:
    build = run_sphinx(project(tmp_path), builder, tmp_path / "o")
    assert build.warnings == "", build.warnings
    (out,) = [p for p in build.outdir.iterdir() if p.suffix in {".1", ".texi"}]
    assert "“legitimate misunderstanding,”" in out.read_text(encoding="utf-8")


def test_epub(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "epub", tmp_path / "o")
    assert build.warnings == "", build.warnings
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = BeautifulSoup(archive.read("index.xhtml").decode("utf-8"), "lxml")
    assert len(page.select("p q.brief-quote-words")) == 3
    findings = run_epubcheck(epub)
    assert findings == [], "\n".join(map(str, findings))


def test_reST_joins_the_paragraphs_around(tmp_path: Path) -> None:
    page = """
    Brief
    =====

    He said that

    .. quote::
       :speaker: Ali Larijani
       :source: wire2009
       :display: run-in

       all is well

    and left.
    """
    src = quote_project(tmp_path, {"index.rst": page})
    build = run_sphinx(src, "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    paragraph = soup.select_one("q").find_parent("p")
    assert re.sub(r"\s+", " ", paragraph.get_text()).startswith("He said that “all is well”")
    assert paragraph.get_text().rstrip().endswith("and left.")


def test_blank_lines_keep_paragraphs_apart(tmp_path: Path) -> None:
    page = """
    # Brief

    A sentence of its own.

    :::{quote}
    :speaker: Ali Larijani
    :source: wire2009
    :display: run-in
    alone
    :::

    Another paragraph.

    ```{footbibliography}
    ```
    """
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    paragraphs = [
        p.get_text(strip=True)
        for p in BeautifulSoup(build.read("index.html"), "lxml").select("section > p")
    ]
    assert paragraphs[:3] == ["A sentence of its own.", "“alone”[1]", "Another paragraph."]


def test_bad_run_in_is_a_warning_and_a_block(tmp_path: Path) -> None:
    page = """
    # Brief

    Text
    :::{quote}
    :speaker: Ali Larijani
    :source: wire2009
    :display: run-in

    One paragraph.

    Two paragraphs.
    :::

    :::{quote}
    :speaker: Ali Larijani
    :source: wire2009
    :display: inline
    Words.
    :::

    :::{quote}
    :speaker: Ali Larijani
    :source: wire2009
    :display: run-in
    “marked twice”
    :::

    ```{footbibliography}
    ```
    """
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}), "html", tmp_path / "o")
    assert re.search(
        r"index\.md:\d+: WARNING: a run-in quote holds one paragraph.*\[brief\.run-in\]",
        build.warnings,
    )
    assert re.search(
        r"index\.md:\d+: WARNING: quote :display: must be one of block, run-in, not 'inline'.*\[brief\.option-value\]",
        build.warnings,
    )
    assert "[brief.run-in]" in build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    assert len(soup.select("figure.brief-quote")) == 2  # shown as blocks


WHO_PAGE = """

```{toctree}
:hidden:

who
```
"""

RUN_IN_PUNCTUATION = """\
# Brief

He said that it would bring
:::{quote}
:speaker: Ali Larijani
:source: wire2009
:display: run-in
regional stability
:::
. Then he asked
:::{quote}
:speaker: Ali Larijani
:source: wire2009
:display: run-in
why?
:::
. He said
:::{quote}
:speaker: Ali Larijani
:source: wire2009
:display: run-in
no
:::
, twice.
"""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "bring “regional stability.” Then he asked “why?” He said “no,” twice."),
        ("en_US", "bring “regional stability.” Then he asked “why?” He said “no,” twice."),
        ("en_GB", "bring “regional stability”. Then he asked “why?”. He said “no”, twice."),
        ("fr", "bring « regional stability ». Then he asked « why? ». He said « no », twice."),
    ],
)
@pytest.mark.parametrize("builder", ["html", "text"])
def test_a_full_stop_after_the_fence_goes_where_the_language_puts_it(
    tmp_path: Path, language: str, expected: str, builder: str
) -> None:
    """Issue 23, item 10: inside the closing mark in American English, after it in British
    English and French; never a second stop after words that end their own sentence."""
    src = quote_project(tmp_path, {"index.md": RUN_IN_PUNCTUATION})
    build = run_sphinx(src, builder, tmp_path / "o", confoverrides={"language": language})
    assert build.warnings == "", build.warnings
    if builder == "html":
        soup = BeautifulSoup(build.read("index.html"), "lxml")
        for ref in soup.select("a.footnote-reference"):
            ref.decompose()
        text = " ".join(soup.select_one("section p").get_text().split())
    else:
        text = " ".join(re.sub(r"\[\d+\]", "", build.read("index.txt")).split())
    assert expected in text, text


def test_the_sentence_s_stop_is_no_part_of_the_quotation_s_record(tmp_path: Path) -> None:
    """Set inside the closing mark in the text, the brief's own full stop and comma stay
    out of what the speaker is recorded as saying (Who said what, quotes.json)."""
    pages = {"index.md": RUN_IN_PUNCTUATION + WHO_PAGE, "who.md": "# Who\n\n```{quotations}\n```\n"}
    build = run_sphinx(quote_project(tmp_path, pages), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    said = [quote["text"] for quote in json.loads(build.read("quotes.json"))]
    assert said == ["regional stability", "why?", "no"]
    who = BeautifulSoup(build.read("who.html"), "lxml")
    words = [" ".join(q.get_text().split()) for q in who.select(".brief-quote-words, blockquote")]
    assert not any(w.rstrip("”").endswith((".", ",")) for w in words), words
    assert len(words) == 3, words

"""The index of people, organisations and places, and "Who said what" in its order."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core.names import index_form

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project

CONF = """
brief_tags = {"missiles": "Missiles"}
brief_people = {"Kim Yong-Nam": "Kim Yong-Nam"}
latex_elements = {"makeindex": r"\\makeindex", "printindex": r"\\printindex"}
"""

PAGE = """
# Brief

## Reaction to the Election

Kim Yong-Nam wished him success.

:::{quote}
:speaker: Kim Yong-Nam
:date: 2009-06
:source: wire2009
First words.
:::

:::{quote}
:speaker: Kim Yong-Nam
:date: 2009-07
:source: wire2009, paper2010
Second words.
:::

## The Launch Site

The report named {index}`Hezbollah`.

:::{quote}
:speaker: Jane’s Information Group
:speaker-sort: Jane’s Information Group
:source: paper2010
The site shows collaboration.
:::

:::{quote}
:speaker: Gholam Ali Khushroo
:source: agency2010
North Korea has withdrawn.
:::

:::{event} 2010-03-05
:title: A launch site near Semnan
:tags: missiles
:place: Semnan, Iran
:source: paper2010
:::

```{footbibliography}
```

```{toctree}
who
```
"""

WHO = "# Who said what\n\n```{quotations}\n```\n"
ORDER = ["Hezbollah", "Jane’s Information Group", "Khushroo, Gholam Ali", "Kim Yong-Nam"]


def project(root: Path) -> Path:
    return quote_project(root, {"index.md": PAGE, "who.md": WHO}, CONF)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("index-html")
    return run_sphinx(project(root), "html", root / "out")


def test_index_form() -> None:
    assert index_form("Gholam Ali Khushroo") == "Khushroo, Gholam Ali"
    assert index_form("Kim Yong-Nam", people={"Kim Yong-Nam": "Kim Yong-Nam"}) == "Kim Yong-Nam"
    # brief_people matches the name whatever its case, accents and apostrophes
    assert index_form("JANE'S GROUP", people={"Jane’s Group": "Jane’s Group"}) == "Jane’s Group"
    assert index_form("Martin Luther King Jr.") == "King, Martin Luther, Jr."
    assert index_form("Hezbollah") == "Hezbollah"
    assert index_form("Kazem Vaziri Hamaneh", "Vaziri Hamaneh, Kazem") == "Vaziri Hamaneh, Kazem"


def test_html_index_lists_speakers_places_and_marked_names(html: Build) -> None:
    assert html.warnings == "", html.warnings
    soup = BeautifulSoup(html.read("genindex.html"), "lxml")
    entries = [a.get_text() for a in soup.select("table.indextable a") if "[" not in a.get_text()]
    assert entries == [*ORDER, "Semnan, Iran"]
    links = {a.get_text(): a["href"] for a in soup.select("table.indextable a")}
    assert links["Khushroo, Gholam Ali"] == "index.html#quote-gholam-ali-khushroo"
    assert links["Semnan, Iran"].startswith("index.html#event-2010-03-05")
    # Kim Yong-Nam sorts under K (family name first), not under Y
    letters = [h.get_text() for h in soup.select("h2")]
    assert letters == ["H", "J", "K", "S"]


def test_who_said_what_in_index_order_with_section_and_sources(html: Build) -> None:
    soup = BeautifulSoup(html.read("who.html"), "lxml")
    speakers = [h.get_text() for h in soup.select(".brief-quotations .brief-speaker")]
    assert speakers == ["Jane’s Information Group", "Gholam Ali Khushroo", "Kim Yong-Nam"]
    contexts = [c.get_text() for c in soup.select(".brief-context")]
    assert contexts[-1] == "“Reaction to the Election”"
    assert soup.select_one(".brief-context a .brief-section")
    kim = [
        s.get_text(" ", strip=True)
        for s in soup.select(".brief-quote-sources")
        if "Wire" in s.get_text()
    ]
    # the wire report in full the first time, briefly the second
    assert kim[0] == "Source: “Wire Report on the Election,” Wire , June 15, 2009."
    # an unsigned source briefly: its publication, its short title, its date
    assert kim[1].startswith("Sources: Wire , “Wire Report,” June 15, 2009 .")
    assert "“Paper on the Launch Site,”" in kim[1]  # new to this speaker: in full


def test_latex_index_with_page_numbers(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "latex", tmp_path / "o")
    assert build.warnings == "", build.warnings
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{Khushroo, Gholam Ali@\spxentry{Khushroo, Gholam Ali}}" in tex
    assert r"\index{Semnan, Iran@\spxentry{Semnan, Iran}}" in tex
    assert r"\printindex" in tex
    require_tool("pdftotext")
    pdf = compile_pdf(build.outdir)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heading = list(re.finditer(r"^\s*(Index|INDEX)\s*$", text, flags=re.M))[-1]
    index = text[heading.end() :]
    found = re.findall(r"^\s*(\S[^\n]*?), (\d+)\s*$", index, flags=re.M)
    names = [name for name, _ in found]
    assert names == [*ORDER, "Semnan, Iran"], index
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Missing character" not in log
    # Sphinx >= 9.1 (Python 3.13's) loads a longtable whose footnote macro its own footnote
    # package checks against an older copy: "Command \LT@p@ftntext has changed" is Sphinx's
    # own, whatever the document holds. Every other LaTeX warning counts.
    warnings = re.findall(r"LaTeX Warning: [^\n]*", log)
    assert [w for w in warnings if "\\LT@p@ftntext" not in w] == [], warnings


def test_epub_index(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "epub", tmp_path / "o")
    assert build.warnings == "", build.warnings
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = BeautifulSoup(archive.read("genindex.xhtml").decode("utf-8"), "lxml")
    text = page.get_text(" ")
    for name in [*ORDER, "Semnan, Iran"]:
        assert name in text


def test_a_rebuild_keeps_the_index_entries_in_the_search_index(tmp_path: Path) -> None:
    # Sphinx's search index lists only the index entries of the pages written in this
    # build; the pages not rewritten keep theirs (as a clean build has them).
    src = project(tmp_path)
    first = run_sphinx(src, "html", tmp_path / "out")
    before = first.read("searchindex.js")
    assert '"khushroo, gholam ali"' in before and '"semnan, iran"' in before
    who = src / "who.md"
    who.write_text(who.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    again = run_sphinx(src, "html", tmp_path / "out", freshenv=False)
    assert "1 changed" in again.status
    after = again.read("searchindex.js")
    assert '"khushroo, gholam ali"' in after and '"semnan, iran"' in after


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_a_ref_to_the_index_reads_as_its_title_where_it_has_no_page(
    tmp_path: Path, builder: str
) -> None:
    """Issue 22, item 3: the PDF printed "in the order of the genindex"."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "I"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n', encoding="utf-8"
    )
    (src / "index.md").write_text(
        "# I\n\nIn the order of the {ref}`genindex`; see {ref}`the search <search>`.\n",
        encoding="utf-8",
    )
    build = run_sphinx(src, builder, tmp_path / builder)
    assert build.warnings == "", build.warnings
    (out,) = [p for p in build.outdir.iterdir() if p.suffix in (".tex", ".txt")]
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "In the order of the Index; see the search." in text
    assert "genindex" not in text.replace(r"\printindex", "")


def test_the_pdf_sets_the_index_in_the_text_face(tmp_path: Path) -> None:
    """Issue 22, item 3: Sphinx sets index entries in typewriter, as for code."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "I"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n', encoding="utf-8"
    )
    (src / "index.md").write_text("# I\n\nText.\n", encoding="utf-8")
    build = run_sphinx(src, "latex", tmp_path / "latex")
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    # after sphinx.sty (which defines it in typewriter), in the preamble
    assert text.index(r"\protected\def\sphinxstyleindexentry#1{#1}") > text.index(
        r"\usepackage{sphinx}"
    )
    assert text.index(r"\protected\def\sphinxstyleindexentry#1{#1}") < text.index(
        r"\begin{document}"
    )


def test_the_pdf_s_headings_are_unnumbered_unless_asked(tmp_path: Path) -> None:
    """Issue 22, item 3: a brief's headings are not numbered ("1 Reaction to …")."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "I"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n', encoding="utf-8"
    )
    (src / "index.md").write_text("# I\n\n## A section\n\nText.\n", encoding="utf-8")
    tex = run_sphinx(src, "latex", tmp_path / "a").outdir
    (written,) = tex.glob("*.tex")
    assert r"\AtBeginDocument{\setcounter{secnumdepth}{0}}" in written.read_text("utf-8")
    numbered = run_sphinx(
        src,
        "latex",
        tmp_path / "b",
        confoverrides={"latex_elements": {"secnumdepth": r"\setcounter{secnumdepth}{2}"}},
    ).outdir
    (again,) = numbered.glob("*.tex")
    assert r"\setcounter{secnumdepth}{0}" not in again.read_text("utf-8")


DOCUMENT_QUOTES = """\
# Quoted

The treaty says that
:::{quote}
:speaker: Treaty on the Non-Proliferation of Nuclear Weapons
:speaker-type: document
:source: wire2009
:display: run-in
each non-nuclear-weapon State Party undertakes
:::
. The team wrote that
:::{quote}
:speaker: Multilateral Sanctions Monitoring Team
:speaker-type: organization
:source: wire2009
:display: run-in
transfers went on
:::
. And Ali Larijani said that
:::{quote}
:speaker: Ali Larijani
:source: wire2009
:display: run-in
all is well
:::
.

```{toctree}
who
```
"""


def test_documents_and_bodies_are_indexed_as_written_and_typed(tmp_path: Path) -> None:
    """Issue 23, item 6, and issue 22's inverted organisations."""
    src = quote_project(
        tmp_path,
        {"index.md": DOCUMENT_QUOTES, "who.md": "# Who said what\n\n:::{quotations}\n:::\n"},
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    index = BeautifulSoup(build.read("genindex.html"), "html.parser").get_text()
    assert "Treaty on the Non-Proliferation of Nuclear Weapons" in index
    assert "Multilateral Sanctions Monitoring Team" in index
    assert "Larijani, Ali" in index
    assert "Weapons, Treaty" not in index and "Team, Multilateral" not in index
    who = BeautifulSoup(build.read("who.html"), "html.parser").get_text()
    assert "Treaty on the Non-Proliferation of Nuclear Weapons" in who
    page = build.read("index.html")
    data = [
        json.loads(s.get_text())
        for s in BeautifulSoup(page, "html.parser").find_all("script", type="application/ld+json")
    ]
    quotations = [
        item
        for block in data
        for item in (block.get("@graph", [block]) if isinstance(block, dict) else block)
        if item.get("@type") == "Quotation"
    ]
    treaty = next(q for q in quotations if "non-nuclear-weapon" in q["text"])
    assert treaty["isPartOf"] == {
        "@type": "CreativeWork",
        "name": "Treaty on the Non-Proliferation of Nuclear Weapons",
    }
    assert "creator" not in treaty
    team = next(q for q in quotations if "transfers" in q["text"])
    assert team["creator"]["@type"] == "Organization"

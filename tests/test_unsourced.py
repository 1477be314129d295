"""Records the original states without a source, declared so (``:unsourced: why``): no
warning, the reason shown to readers in every format (or not, as the author chooses), in
the exports, and listed as explained by the sourcing report."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools.review import render, sourcing

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project

REASON = "the report states it as common knowledge"

PAGE = f"""
# Brief

## Launches

:::{{quote}}
:speaker: Alice Example
:role: minister
:date: 2009-06
:unsourced: {REASON}

Words the original gives without a note.
:::

The minister said that
:::{{quote}}
:speaker: Bob Example
:display: run-in
:unsourced: quoted from memory by the authors

the launch went well
:::
and left.{{note}}`@paper2010`

:::{{timeline}}
:::{{event}} 2009-04-05
:title: A launch
:unsourced: {REASON}
:::
:::{{event}} 2010-03-01
:title: A sourced launch
:source: paper2010
:::
::::

## Who said what

```{{quotations}}
```

## Sources

```{{bibliography}}
```
"""


def _timeline(page: str) -> str:
    # one fence deeper around the events, as MyST nests them
    return page.replace(":::{timeline}", "::::{timeline}")


def _project(tmp_path: Path, conf: str = "") -> Path:
    return quote_project(tmp_path, {"index.md": _timeline(PAGE)}, conf)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("unsourced")
    return run_sphinx(_project(root), "html", root / "out")


def test_declared_records_are_not_warned(html: Build) -> None:
    assert "Traceback" not in html.status
    assert html.warnings == ""


def test_readers_see_the_reason_beside_the_quote_and_in_the_chronology(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    caption = soup.select_one("figure.brief-quote figcaption")
    assert caption is not None
    said = caption.select_one(".brief-unsourced")
    assert said is not None and said.get_text() == f" [No source in the original: {REASON}]"
    entries = soup.select(".brief-timeline li")
    lines = [e.select_one(".brief-timeline-sources") for e in entries]
    assert [line.get_text() if line else None for line in lines][:2] == [
        f"No source in the original: {REASON}",
        lines[1].get_text() if lines[1] else None,
    ]
    assert lines[1] is not None and lines[1].get_text().startswith("Source: ")
    assert "brief-unsourced" not in (lines[1].get("class") or [])


def test_who_said_what_gives_the_reason_of_each_quotation(html: Build) -> None:
    soup = BeautifulSoup(html.read("index.html"), "lxml")
    collected = [p.get_text() for p in soup.select(".brief-collected ~ .brief-unsourced")]
    collected += [p.get_text() for p in soup.select(".brief-quote-sources.brief-unsourced")]
    assert f"No source in the original: {REASON}" in collected
    assert "No source in the original: quoted from memory by the authors" in collected


def test_exports_say_why_and_a_sourced_record_says_null(html: Build) -> None:
    events = json.loads(html.read("events.json"))
    assert [e["unsourced"] for e in events] == [REASON, None]
    quotes = json.loads(html.read("quotes.json"))
    assert {q["speaker"]: q["unsourced"] for q in quotes} == {
        "Alice Example": REASON,
        "Bob Example": "quoted from memory by the authors",
    }


def test_the_sourcing_report_lists_them_as_explained(html: Build) -> None:
    records = {
        "events": json.loads(html.read("events.json")),
        "quotes": json.loads(html.read("quotes.json")),
    }
    found = sourcing.analyse({}, records, uncited=False)
    assert sorted(f.why or "" for f in found.no_source) == [
        "unsourced in the original: quoted from memory by the authors",
        f"unsourced in the original: {REASON}",
        f"unsourced in the original: {REASON}",
    ]
    assert found.open_count == 0
    lines = "\n".join(render.sourcing_lines(found.to_data()))
    assert "Nothing in the brief is stated without a source." in lines
    assert f"A launch` has no source — unsourced in the original: {REASON}" in lines


def test_the_author_may_keep_it_from_readers(tmp_path: Path) -> None:
    build = run_sphinx(
        _project(tmp_path, "brief_unsourced_shown = False\n"), "html", tmp_path / "out"
    )
    assert build.warnings == ""
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    assert soup.select(".brief-unsourced") == []
    assert "No source in the original" not in soup.get_text()
    assert [e["unsourced"] for e in json.loads(build.read("events.json"))] == [REASON, None]


def test_print_and_epub_show_it_too(tmp_path: Path) -> None:
    src = _project(tmp_path)
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert latex.warnings == ""
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(f"No source in the original: {REASON}") == 3  # quote, entry, list
    assert "{[}No source in the original: " in tex  # the brackets escaped for TeX
    require_tool("pdftotext")
    pdf = compile_pdf(Path(latex.outdir))
    words = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert f"[No source in the original: {REASON}]" in words
    epub = run_sphinx(src, "epub", tmp_path / "epub")
    assert epub.warnings == ""
    page = (Path(epub.outdir) / "index.xhtml").read_text(encoding="utf-8")
    assert page.count(f"No source in the original: {REASON}") == 3


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":unsourced:", "quote: :unsourced: gives no reason"),
        (
            f":source: wire2009\n:unsourced: {REASON}",
            "quote has both :source: and :unsourced:; its sources are kept",
        ),
    ],
)
def test_a_declaration_without_reason_or_beside_sources_is_warned(
    tmp_path: Path, options: str, message: str
) -> None:
    page = f"# Page\n\n:::{{quote}}\n:speaker: Alice\n{options}\n\nWords.\n:::\n"
    src = quote_project(tmp_path, {"index.md": page})
    build = run_sphinx(src, "html", tmp_path / "out")
    lines = build.warnings.strip().splitlines()
    assert len(lines) == 1, build.warnings
    assert re.match(rf"^{re.escape(str(src / 'index.md'))}:3: WARNING: ", lines[0]), lines[0]
    assert message in lines[0] and lines[0].endswith("[brief.unsourced]")
    quotes = json.loads(build.read("quotes.json"))
    if "both" in message:
        assert quotes[0]["sources"] == ["wire2009"] and quotes[0]["unsourced"] is None
    else:
        assert quotes[0]["unsourced"] == ""  # declared: no missing-source warning besides


def test_an_undeclared_record_is_still_warned(tmp_path: Path) -> None:
    page = "# Page\n\n:::{quote}\n:speaker: Alice\n\nWords.\n:::\n"
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}), "html", tmp_path / "out")
    assert "[brief.missing-source]" in build.warnings
    assert ":unsourced: with the reason" in build.warnings

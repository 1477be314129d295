"""The ``quotations`` collection and ``quotes.json``: order, filters, ``-j 2``, rebuilds."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

INDEX = """
# Brief

```{toctree}
:glob:

p*
who
only-b
```
"""

WHO = """
# Who said what

Every quotation, by speaker.

```{quotations}
```
"""

ONLY_B = """
# B alone

```{quotations}
:speaker: bob   BUILDER
```
"""


def page(title: str, *quotes: tuple[str, str, str, str]) -> str:
    """A page with quotes given as (speaker, date, text, source)."""
    parts = [f"# {title}\n"]
    for speaker, date, text, source in quotes:
        parts.append(
            f":::{{quote}}\n:speaker: {speaker}\n:role: role of {speaker}\n"
            + (f":date: {date}\n" if date else "")
            + f":source: {source}\n\n{text}\n:::\n"
        )
    parts.append("```{footbibliography}\n```\n")
    return "\n".join(parts)


def pages() -> dict[str, str]:
    return {
        "index.md": INDEX,
        "who.md": WHO,
        "only-b.md": ONLY_B,
        "p1.md": page(
            "First page",
            ("Bob Builder", "2010-05", "Bob, later.", "agency2010"),
            ("Alice", "", "Alice, undated.", "wire2009"),
            ("Bob Builder", "2009-06", "Bob, earlier.", "wire2009"),
        ),
        "p2.md": page(
            "Second page",
            ("alice", "2009", "Alice, in 2009.", "paper2010"),
            ("Bob Builder", "2009-06", "Bob, same month, later page.", "agency2010"),
        ),
        # more pages, so that Sphinx really reads in parallel under -j 2 (it needs > 5)
        **{
            f"p{n}.md": page(
                f"Page {n}", (f"Speaker {n}", f"200{n}", f"Words {n}.", "wire2009, paper2010")
            )
            for n in range(3, 8)
        },
    }


def article(build: Build, name: str) -> Tag:
    soup = BeautifulSoup(build.read(name), "lxml")
    found = soup.find("div", class_="body") or soup.find("article") or soup.body
    assert isinstance(found, Tag)
    return found


def listing(build: Build, name: str = "who.html") -> list[tuple[str, list[str]]]:
    """(speaker, [quote texts]) in the order the page shows them."""
    groups: list[tuple[str, list[str]]] = []
    for tag in article(build, name).select(".brief-quotations > *"):
        if "rubric" in tag.get("class", []):
            groups.append((tag.get_text(), []))
        elif tag.name == "figure":
            assert tag.blockquote is not None
            groups[-1][1].append(tag.blockquote.get_text(strip=True))
    return groups


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("collect")
    return run_sphinx(quote_project(root, pages()), "html", root / "out")


def test_grouped_by_speaker_then_date_then_declaration(built: Build) -> None:
    assert built.warnings == "", built.warnings
    groups = listing(built)
    # speakers sorted ignoring case; the first spelling met names the group
    assert [name for name, _ in groups][:2] == ["Alice", "Bob Builder"]
    assert groups[0][1] == ["Alice, in 2009.", "Alice, undated."]
    assert groups[1][1] == ["Bob, earlier.", "Bob, same month, later page.", "Bob, later."]
    assert [name for name, _ in groups][2:] == [f"Speaker {n}" for n in range(3, 8)]


def test_each_entry_has_role_date_sources_and_a_link_back(built: Build) -> None:
    body = article(built, "who.html")
    figure = body.select("figure.brief-quote")[1]  # Alice, undated (p1)
    caption = figure.figcaption
    assert caption is not None
    # the section (here the page's title) in quotation marks: a title, not a place
    assert caption.get_text() == "role of Alice, in “First page”"
    link = caption.select_one("a.reference.internal")
    assert link is not None and link["href"] == "p1.html#quote-alice"
    assert "p1.html" in [str(a["href"]).split("#")[0] for a in body.select("a")]
    sources = figure.find_next_sibling("p")
    assert isinstance(sources, Tag) and "brief-quote-sources" in sources["class"]
    assert sources.get_text() == "Source: “Wire Report on the Election,” Wire, June 15, 2009."
    dated = body.select("figure.brief-quote")[0].select_one("time")
    assert dated is not None and dated["datetime"] == "2009" and dated.text == "2009"
    # the anchors the links point to exist on their pages
    ids = {tag["id"] for tag in BeautifulSoup(built.read("p1.html"), "lxml").select("[id]")}
    assert "quote-alice" in ids


def test_speaker_filter(built: Build) -> None:
    assert listing(built, "only-b.html") == [
        ("Bob Builder", ["Bob, earlier.", "Bob, same month, later page.", "Bob, later."])
    ]


def test_quotes_json(built: Build) -> None:
    data = json.loads(built.read("quotes.json"))
    assert len(data) == 10
    assert data[0] == {
        "speaker": "Bob Builder",
        "role": "role of Bob Builder",
        "date": "2010-05",
        "text": "Bob, later.",
        "sources": ["agency2010"],
        "unsourced": None,
        "url": "p1.html#quote-bob-builder",
    }
    assert data[1]["date"] is None
    assert [d["url"] for d in data[:3]] == [
        "p1.html#quote-bob-builder",
        "p1.html#quote-alice",
        "p1.html#quote-bob-builder-2",
    ]
    assert data[5]["sources"] == ["wire2009", "paper2010"]


def test_serial_and_parallel_builds_are_identical(built: Build, tmp_path: Path) -> None:
    parallel = run_sphinx(quote_project(tmp_path, pages()), "html", tmp_path / "out", parallel=2)
    assert parallel.warnings == "", parallel.warnings
    for name in ("who.html", "only-b.html"):
        assert str(article(parallel, name)) == str(article(built, name))
    assert parallel.read("quotes.json") == built.read("quotes.json")


def test_latex_links_back_to_the_quotes(tmp_path: Path) -> None:
    # Sphinx's manual class (sphinx_brief's default is the article-like howto)
    overrides = {"latex_theme": "manual"}
    build = run_sphinx(
        quote_project(tmp_path, pages()), "latex", tmp_path / "out", confoverrides=overrides
    )
    assert build.warnings == "", build.warnings
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\label{\detokenize{p1:quote-alice}}" in text
    assert r"\hyperref[\detokenize{p1:quote-alice}]" in text
    # speakers head their groups one level below the page's title (manual: a section)
    assert r"\section*{Bob Builder}" in text


# -- incremental builds --------------------------------------------------------------------
def touch(path: Path, text: str) -> None:
    # Sphinx re-reads a page modified after its last read; "now" is, and is not in the
    # future (a future time would make the page look modified at every later build).
    time.sleep(0.01)
    path.write_text(text, encoding="utf-8")
    now = time.time()
    os.utime(path, (now, now))


def test_editing_adding_and_deleting_quotes_updates_the_collection(tmp_path: Path) -> None:
    small = {
        "index.md": INDEX,
        "who.md": WHO,
        "only-b.md": ONLY_B,
        "p1.md": page("First page", ("Alice", "2009", "Original words.", "wire2009")),
        "p2.md": page("Second page", ("Bob Builder", "2010", "Words of Bob.", "wire2009")),
    }
    src = quote_project(tmp_path, small)
    out = tmp_path / "out"

    def rebuild() -> Build:
        build = run_sphinx(src, "html", out, freshenv=False)
        assert build.warnings == "", build.warnings
        return build

    first = run_sphinx(src, "html", out)
    assert listing(first) == [("Alice", ["Original words."]), ("Bob Builder", ["Words of Bob."])]

    # edit a quote on one page: only that page is read again, the collection follows
    touch(src / "p1.md", small["p1.md"].replace("Original words.", "Edited words."))
    edited = rebuild()
    assert re.search(r"updating environment: .*1 changed", edited.status)
    assert listing(edited) == [("Alice", ["Edited words."]), ("Bob Builder", ["Words of Bob."])]
    assert listing(edited, "only-b.html") == [("Bob Builder", ["Words of Bob."])]

    # add a quote on a new page
    touch(src / "p3.md", page("Third page", ("Bob Builder", "2009", "Newer page.", "wire2009")))
    added = rebuild()
    assert listing(added)[1] == ("Bob Builder", ["Newer page.", "Words of Bob."])
    assert listing(added, "only-b.html") == [("Bob Builder", ["Newer page.", "Words of Bob."])]
    assert len(json.loads(added.read("quotes.json"))) == 3

    # delete a quote (its page keeps its other text), then a whole page
    touch(src / "p1.md", "# First page\n\nNo quote any more.\n")
    (src / "p3.md").unlink()
    deleted = rebuild()
    assert listing(deleted) == [("Bob Builder", ["Words of Bob."])]
    assert [q["text"] for q in json.loads(deleted.read("quotes.json"))] == ["Words of Bob."]

    # nothing changed: the collection is not rewritten needlessly, and still right
    again = rebuild()
    assert "0 changed" in again.status or "no targets are out of date" in again.status
    assert listing(again) == [("Bob Builder", ["Words of Bob."])]

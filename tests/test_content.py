"""Content fidelity: the built brief against the author's manuscript (tests/data/seed.txt)."""

from __future__ import annotations

import hashlib
import json
import re

from bs4 import BeautifulSoup

from .brieftext import (
    MARKER,
    citations,
    main_text,
    normalise,
    page_paragraphs,
    read_seed,
    seed_paragraph_with_keys,
)
from .conftest import ROOT, Build

SEED = read_seed()


def test_seed_is_the_unchanged_manuscript() -> None:
    # The copy is the test's ground truth; it must stay byte-for-byte the seed.
    digest = hashlib.sha256((ROOT / "tests/data/seed.txt").read_bytes()).hexdigest()
    assert digest == "88841ce3bf76d895d813e9ba4c6bc05e9f11349599322b84b62b6a4bcfb33453"
    assert SEED.title == "North Korea-Iran Foreign Relations"
    assert len(SEED.paragraphs) == 13
    assert len(SEED.references) == 22
    assert SEED.headings == [
        "Reaction to June 2009 Iranian Presidential Election",
        "Economic Relationship",
        "Diplomatic/Military Relationship",
    ]


def test_every_paragraph_is_present_once_and_in_order(brief_html: Build) -> None:
    text = main_text(brief_html.read("index.html"))
    position = -1
    for paragraph in SEED.paragraphs:
        expected = normalise(MARKER.sub("", paragraph))
        assert text.count(expected) == 1, f"not exactly once in the brief: {expected[:80]}…"
        found = text.index(expected)
        assert found > position, f"out of order: {expected[:80]}…"
        position = found


def test_every_sentence_is_on_the_page_once(brief_html: Build) -> None:
    # No sentence is duplicated anywhere on the page (e.g. by a quotation block).
    text = main_text(brief_html.read("index.html"))
    for paragraph in SEED.paragraphs:
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])", normalise(MARKER.sub("", paragraph))):
            if len(sentence) > 30:
                assert text.count(sentence) == 1, sentence


def test_every_seed_paragraph_is_one_paragraph_of_the_page(brief_html: Build) -> None:
    # The seed's sentences whole: a quotation that runs inside a sentence is set inside
    # its paragraph (``:display: run-in``), not cut out of it as a block.
    paragraphs = page_paragraphs(brief_html.read("index.html"))
    for paragraph in SEED.paragraphs:
        expected = normalise(MARKER.sub("", paragraph))
        assert paragraphs.count(expected) == 1, f"not one paragraph of the page: {expected[:80]}…"


def test_quotations_run_in_with_their_notes(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    run_in = soup.select("article p > span.brief-quote.brief-run-in")
    assert len(run_in) == 8
    assert not soup.select("article figure.brief-quote")  # every quotation runs in
    for quote in run_in:
        assert quote["id"] and quote.select_one("q.brief-quote-words")


def test_nothing_but_the_seed_in_the_running_text(brief_html: Build) -> None:
    # Everything left after removing notes, headings and the edition's apparatus is seed.
    text = main_text(brief_html.read("index.html"))
    for paragraph in SEED.paragraphs:
        text = text.replace(normalise(MARKER.sub("", paragraph)), "")
    assert normalise(text) == ""


def test_headings_title_and_dateline(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    article = soup.find("article")
    assert article is not None
    title = article.find("h1").get_text(strip=True).rstrip("#¶")
    assert title == "North Korea–Iran Foreign Relations"
    headings = [h.get_text(strip=True).rstrip("#¶") for h in article.find_all("h2")]
    assert headings == SEED.headings
    dateline = article.select_one(".brief-dateline")
    assert dateline is not None and dateline.get_text(strip=True) == "July 1, 2010"
    caption = article.select_one("figure figcaption")
    assert caption is not None
    assert caption.get_text(" ", strip=True).startswith(
        "Flag of North Korea (Available at Wikimedia Commons)"
    )
    img = article.select_one("figure img")
    assert img is not None and img["src"].endswith(".svg") and img.get("alt")


def test_notes_stand_at_the_seed_markers(brief_html: Build) -> None:
    text = main_text(brief_html.read("index.html"), keys=True)
    for paragraph in SEED.paragraphs:
        expected = normalise(seed_paragraph_with_keys(paragraph))
        assert expected in text, f"citations misplaced in: {expected[:100]}…"


def test_notes_run_in_the_seed_order(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    notes = [str(a["id"]).removeprefix("footcite-") for a in soup.select("aside.footnote")]
    first_cited: list[str] = []
    for citation in citations():
        for key in citation["keys"]:  # type: ignore[attr-defined]
            if key not in first_cited:
                first_cited.append(key)
    assert notes == first_cited
    labels = [
        a.select_one(".label").get_text(strip=True).strip("[]")
        for a in soup.select("aside.footnote")
    ]
    assert labels == [str(n) for n in range(1, len(notes) + 1)]


def test_every_reference_link_resolves(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    ids = {tag["id"] for tag in soup.select("[id]")}
    refs = soup.select("a.footnote-reference")
    assert len(refs) == sum(len(c["keys"]) for c in citations())  # type: ignore[arg-type]
    for ref in refs:
        assert str(ref["href"]).lstrip("#") in ids


def test_sources_page_lists_every_source_as_in_the_notes(brief_html: Build) -> None:
    bib = (ROOT / "refs.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
    assert len(keys) == len(set(keys)) == 23
    cited = {k for c in citations() for k in c["keys"]}  # type: ignore[attr-defined]
    assert cited == set(keys), "every source is cited, every citation has a source"
    sources = BeautifulSoup(brief_html.read("sources.html"), "lxml")
    items = [
        normalise(li.get_text())
        for li in sources.select("article ul.bibliography > li")
        if li.get_text(strip=True)
    ]
    if not items:  # sphinxcontrib-bibtex writes a plain bullet list
        items = [
            normalise(li.get_text())
            for li in sources.select("article section ul")[0].find_all("li", recursive=False)
        ]
    index = BeautifulSoup(brief_html.read("index.html"), "lxml")
    notes = [
        normalise(n.get_text()).split("]", 1)[1].strip() for n in index.select("aside.footnote")
    ]
    notes = [re.sub(r"^\(\s*\d+\s*,\s*\d+\s*\)\s*", "", n) for n in notes]  # backrefs "(1, 2)"
    assert len(items) == 23
    assert [normalise(n) for n in notes] == items


def test_typo_fixes_are_listed_on_the_sources_page(brief_html: Build) -> None:
    page = normalise(BeautifulSoup(brief_html.read("sources.html"), "lxml").get_text())
    for fix in json.loads((ROOT / "tests/data/typos.json").read_text(encoding="utf-8")):
        assert normalise(fix["from"].split(".")[-1]) in page or "[5" in fix["from"]
    assert "Jane's" in page and "Changes in this edition" in page


def test_editor_notes_are_visible(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    notes = [n.get_text(" ", strip=True) for n in soup.select(".brief-editor-note")]
    assert len(notes) == 4
    assert all(n.startswith("[ Editor’s note:") and n.endswith("]") for n in notes)
    assert any("August 1988" in n for n in notes)

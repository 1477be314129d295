"""Reading the manuscript (the seed) and the built brief as comparable plain text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

DATA = Path(__file__).resolve().parent / "data"

#: Lines of the original web page that are furniture, not content.
FURNITURE = re.compile(r"^(View Citations|\[Click here .*\])$")
HEADING = re.compile(r"^[A-Z][^.]*:$")
MARKER = re.compile(r"\[(\d+)\]")
REFERENCE = re.compile(r"^\[\d+\]\s")

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalise(text: str) -> str:
    """Compare text with white space collapsed and quote marks made straight."""
    text = text.translate(_QUOTES).replace("...", "…")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Seed:
    title: str
    dateline: str
    headings: list[str]
    paragraphs: list[str]  # body paragraphs, typo fixes applied, markers kept
    references: list[str]


def read_seed() -> Seed:
    lines = (DATA / "seed.txt").read_text(encoding="utf-8").splitlines()
    typos = json.loads((DATA / "typos.json").read_text(encoding="utf-8"))
    nonblank = [line.strip() for line in lines if line.strip()]
    # header line, dateline, title, caption; then the body until the first reference
    dateline, title = nonblank[1], nonblank[2]
    start = nonblank.index("Flag of North Korea (Available at Wikimedia Commons)") + 1
    headings: list[str] = []
    paragraphs: list[str] = []
    references: list[str] = []
    for line in nonblank[start:]:
        if REFERENCE.match(line):
            references.append(line)
        elif FURNITURE.match(line):
            continue
        elif HEADING.match(line):
            headings.append(line.rstrip(":"))
        elif not references:
            for fix in typos:
                line = line.replace(fix["from"], fix["to"])
            paragraphs.append(line)
    return Seed(title, dateline, headings, paragraphs, references)


def citations() -> list[dict[str, object]]:
    return json.loads((DATA / "citations.json").read_text(encoding="utf-8"))


def seed_paragraph_with_numbers(paragraph: str) -> str:
    """A seed paragraph with each marker [n] written ⟦n⟧, as :func:`main_text` writes notes."""
    return MARKER.sub(lambda m: f"⟦{int(m.group(1))}⟧", paragraph)


def notes(html: str) -> list[tuple[str, str]]:
    """The page's notes as readers see them, in order: (label, text without back-links)."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    for aside in soup.select("aside.footnote"):
        label = aside.select_one(".label")
        assert label is not None
        number = label.get_text(strip=True).strip("[]")
        for part in aside.select(".label, .backrefs"):
            part.decompose()
        found.append((number, normalise(aside.get_text())))
    return found


def main_text(html: str, *, numbers: bool = False) -> str:
    """The brief's running text from a built HTML page.

    Notes, editor's notes, headings, figures and admonitions are taken out; with
    ``numbers``, every note reference is replaced by ⟦n⟧ (the number readers see) so
    placement can be compared with the seed's markers.
    """
    soup = BeautifulSoup(html, "lxml")
    article = soup.find("article") or soup.body
    assert isinstance(article, Tag)
    # A quotation's words are the author's running text, set apart: its figure stays (its
    # attribution line is the edition's apparatus and goes); other figures go.
    for selector in (
        "aside.footnote-list",
        "aside.footnote",
        ".brief-editor-note",
        "h1",
        "h2",
        "h3",
        "figure:not(.brief-quote)",
        ".admonition",
        ".brief-dateline",
        ".brief-front",
        ".headerlink",
        "div.toctree-wrapper",
        ".brief-attribution",
    ):
        for node in article.select(selector):
            node.decompose()
    for ref in article.select("a.footnote-reference"):
        number = ref.get_text(strip=True).strip("[]")
        ref.replace_with(f"⟦{number}⟧" if numbers else "")
    _quote_marks(article)
    for block in article.select("p, li, blockquote"):
        block.append(" ")
    return normalise(article.get_text())


def _quote_marks(article: Tag) -> None:
    # A run-in quotation is a <q> that holds its marks as text (quotes/writers.py); a <q>
    # without them is set in marks by the browser, so its text reads with them.
    for quoted in article.select("q"):
        if "brief-quote-words" not in (quoted.get("class") or []):
            quoted.insert(0, "“")
            quoted.append("”")


def page_paragraphs(html: str) -> list[str]:
    """The text of each paragraph of the page's running text, as readers see it: notes
    and editor's notes out, run-in quotations in their marks."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.find("article") or soup.body
    assert isinstance(article, Tag)
    for node in article.select(".brief-editor-note, a.footnote-reference, .headerlink"):
        node.decompose()
    _quote_marks(article)
    return [normalise(p.get_text()) for p in article.select("p")]

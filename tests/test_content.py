"""Content fidelity: the built brief against the author's manuscript (tests/data/seed.txt)."""

from __future__ import annotations

import hashlib
import json
import re

from bs4 import BeautifulSoup
from pybtex.database import parse_file
from pybtex.richtext import Text

from .brieftext import (
    MARKER,
    citations,
    main_text,
    normalise,
    notes,
    page_paragraphs,
    read_seed,
    seed_paragraph_with_numbers,
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
    assert headings == [*SEED.headings, "Notes"]  # the website's heading over the notes
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
    # note n of the edition stands where the seed has its marker [n]: one note per marker
    text = main_text(brief_html.read("index.html"), numbers=True)
    for paragraph in SEED.paragraphs:
        expected = normalise(seed_paragraph_with_numbers(paragraph))
        assert expected in text, f"notes misplaced in: {expected[:100]}…"


def _titles() -> dict[str, str]:
    bib = parse_file(str(ROOT / "refs.bib"), bib_format="bibtex")
    return {
        key: normalise(str(Text.from_latex(e.fields["title"]))) for key, e in bib.entries.items()
    }


def test_exactly_the_seeds_22_notes_with_their_sources(brief_html: Build) -> None:
    found = notes(brief_html.read("index.html"))
    assert [number for number, _ in found] == [str(n) for n in range(1, 23)]
    titles = _titles()
    cited: set[str] = set()
    for citation, (number, text) in zip(citations(), found, strict=True):
        assert int(number) == citation["marker"]
        for key in citation["keys"]:  # type: ignore[attr-defined]
            title = titles[key].replace('"', "'")
            if key in cited:  # a source cited again on the page: its short note
                short = " ".join(title.split(":")[0].split()[:4])
                assert f'"{short}"' in text and title not in text, text
            else:
                # Chicago's comma or stop inside a quoted phrase that ends the title
                # ("… - 'source,'" Kyodo): the title as written once it is taken out
                assert title in re.sub(r"[,.](?='+\")", "", text), (key, text)
            cited.add(key)
        # the sources of one note joined by "; ", one final full stop
        assert text.count("; ") >= len(citation["keys"]) - 1  # type: ignore[arg-type]
        assert text.endswith(".") and not text.endswith("..")
    eight, sixteen = found[7][1], found[15][1]
    assert "NTI" in eight and "Agence France-Presse" in eight
    assert eight.index("NTI") < eight.index("Agence France-Presse")
    assert sixteen.startswith('"N Korea said agrees"; Takehito Kudo, "Ahmadinejad')


def test_every_reference_link_resolves(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    ids = {tag["id"] for tag in soup.select("[id]")}
    refs = soup.select("a.footnote-reference")
    outside = [r for r in refs if not r.find_parent(class_="brief-attribution")]
    assert len(outside) == len(citations()) == 22
    for ref in refs:
        assert str(ref["href"]).lstrip("#") in ids


def test_every_quote_attribution_links_to_the_note_that_covers_it(brief_html: Build) -> None:
    soup = BeautifulSoup(brief_html.read("index.html"), "lxml")
    # A run-in quotation is followed, inside its own paragraph, by its note: its own right
    # after the closing mark, or the note that ends its sentence (the manuscript's marker).
    run_in = soup.select("span.brief-quote.brief-run-in")
    assert len(run_in) == 8
    for quote in run_in:
        paragraph = quote.find_parent("p")
        assert paragraph is not None
        following = [
            ref
            for ref in quote.find_all_next("a", class_="footnote-reference")
            if ref.find_parent("p") is paragraph
        ]
        assert following, quote["id"]
    quotes = soup.select("figure.brief-quote")
    for quote in quotes:
        attribution = quote.select_one(".brief-attribution")
        assert attribution is not None
        (ref,) = attribution.select("a.footnote-reference")
        # the seed's way: the note of the quoted words, or the next note after the quote
        after = quote.find_all_next("a", class_="footnote-reference")
        inside = [r for r in quote.select("a.footnote-reference") if r is not ref]
        following = [r for r in after if not r.find_parent(class_="brief-attribution")]
        covering = (inside or following)[0]
        assert ref.get_text() == covering.get_text() and ref["href"] == covering["href"]


def test_sources_page_lists_every_source_as_in_the_notes(brief_html: Build) -> None:
    bib = (ROOT / "refs.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
    assert len(keys) == len(set(keys)) == 23
    cited = {k for c in citations() for k in c["keys"]}  # type: ignore[attr-defined]
    assert cited == set(keys), "every source is cited, every citation has a source"
    sources = BeautifulSoup(brief_html.read("sources.html"), "lxml")
    listing = sources.select_one("article ul.brief-bibliography")
    assert listing is not None, "the bibliography is Chicago's list (no bullets)"
    items = [normalise(li.get_text()) for li in listing.find_all("li", recursive=False)]
    assert len(items) == 23
    # each entry says what the full note of the source's first citation says, in Chicago's
    # bibliography form: elements ended by full stops, the address last but its archive
    texts = dict(notes(brief_html.read("index.html")))
    first: dict[str, str] = {}
    for note_of in citations():
        for key in note_of["keys"]:  # type: ignore[attr-defined]
            first.setdefault(key, texts[str(note_of["marker"])])
    for li in listing.find_all("li", recursive=False):
        item = normalise(li.get_text())
        note = first[str(li["id"]).removeprefix("cite-")]
        assert _words(item) <= _words(note), (item, note)
        assert item.endswith(".") and "(accessed" not in item and ", http" not in item, item
    listed = " ".join(items)
    assert (
        'Landay, Jonathan, and Kevin Hall. "Sanctions On North Korean Firms Indirectly '
        'Target Iran." McClatchy Newspapers, June 30, 2009. Accessed July 13, 2009. '
        "http://www.mcclatchydc.com/homepage/story/71077.html."
    ) in listed
    assert (
        "Squassoni, Sharon. Weapons of Mass Destruction: Trade Between North Korea and "
        "Pakistan. CRS Report for Congress RL31900. Congressional Research Service, "
        "November 28, 2006. Accessed February 16, 2009. "
        "http://www.usembassy.it/pdf/other/RL31900.pdf."
    ) in listed
    # no archived copy the entries do not name (brief_archive_links: archiveurl only)
    assert "web.archive.org" not in listed
    assert '"Statement." IRNA, August 26, 2007.' in items
    assert (
        "\"N Korea said agrees to supply four mini-submarines to Iran - 'source.'\" Kyodo, "
        "July 4, 2007. Accessed February 11, 2009. LexisNexis."
    ) in items
    # Chicago's order: by author's last name, else by title without a leading article
    order = [_sort_word(item) for item in items]
    assert order == sorted(order)


def _words(text: str) -> set[str]:
    return {word.strip(".,;:()\"'").lower() for word in text.split()} - {""}


def _sort_word(item: str) -> str:
    names = re.match(r"^([A-Z][a-z]+), [A-Z]", item)
    if names:
        return names.group(1).lower()
    title = re.sub(r"^[\"']+", "", item)
    title = re.sub(r"^(The|A|An) ", "", title)
    return re.sub(r"[^\w ]", "", title).lower()


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

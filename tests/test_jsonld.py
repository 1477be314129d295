"""schema.org JSON-LD: the brief as an Article with its citations, Events, Quotations."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from pybtex.database import parse_file

from .conftest import ROOT, Build, run_sphinx


def jsonld(html: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup(html, "lxml")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string or "")
    assert data["@context"] == "https://schema.org"
    return data["@graph"]  # type: ignore[no-any-return]


def test_the_brief_is_an_article_citing_every_source(brief_html: Build) -> None:
    graph = jsonld(brief_html.read("index.html"))
    article = graph[0]
    assert article["@type"] == "Article"
    assert article["headline"] == "North Korea–Iran Foreign Relations"
    assert article["datePublished"] == "2010-07-01"
    assert article["inLanguage"] == "en"
    bib = parse_file(str(ROOT / "refs.bib"))
    titles = {str(e.fields["title"]).strip("{}") for e in bib.entries.values()}
    cited = article["citation"]
    assert len(cited) == len(bib.entries) == 23
    assert {c["name"] for c in cited} == titles
    hilder = next(c for c in cited if c["name"].startswith("North Korea Arms Plane"))
    assert hilder["author"] == [{"@type": "Person", "name": "James Hilder"}]
    assert hilder["isPartOf"] == {"@type": "Periodical", "name": "The Times"}
    assert hilder["datePublished"] == "2010-05-13"
    # no archived copy the entry does not name (brief_archive_links: archiveurl only)
    assert "archivedAt" not in hilder


def test_events_and_quotations_match_the_exports(brief_html: Build) -> None:
    graph = jsonld(brief_html.read("index.html"))
    kinds = Counter(item["@type"] for item in graph)
    events = json.loads(brief_html.read("events.json"))
    quotes = json.loads(brief_html.read("quotes.json"))
    assert kinds["Event"] == len(events) and kinds["Quotation"] == len(quotes)
    by_name = {item["name"]: item for item in graph if item["@type"] == "Event"}
    for exported in events:
        item = by_name[exported["title"]]
        assert item["startDate"] == exported["date"].split("/")[0].rstrip("~?%")
        assert item["url"].endswith(exported["url"].split("#")[1])
    texts = {item["text"] for item in graph if item["@type"] == "Quotation"}
    assert texts == {q["text"] for q in quotes}
    kim = next(i for i in graph if i["@type"] == "Quotation" and "Kim" in i["creator"]["name"])
    assert kim["dateCreated"] == "2009-06"


def test_collection_pages_describe_what_they_show(brief_html: Build) -> None:
    chronology = jsonld(brief_html.read("chronology.html"))
    soup = BeautifulSoup(brief_html.read("chronology.html"), "lxml")
    shown = {li.get_text() for li in soup.select("ol.brief-timeline > li")}
    assert shown
    assert chronology[0]["@type"] == "WebPage"
    assert chronology[0]["isPartOf"]["@id"].startswith("index.html")
    assert 0 < Counter(i["@type"] for i in chronology)["Event"] <= len(shown)
    quotations = jsonld(brief_html.read("quotations.html"))
    assert Counter(i["@type"] for i in quotations)["Quotation"] == len(
        json.loads(brief_html.read("quotes.json"))
    )


def test_not_in_the_epub(brief_epub: Build) -> None:
    import zipfile

    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        assert "application/ld+json" not in archive.read("index.xhtml").decode()


PAYLOAD = '</script><script>alert(1)</script> "x" & <!--'


def test_text_cannot_break_out_of_the_script(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        textwrap.dedent("""
        extensions = ["myst_parser", "sphinx_brief"]
        myst_enable_extensions = ["colon_fence"]
        bibtex_bibfiles = ["refs.bib"]
        bibtex_default_style = "brief"
        brief_tags = {"t": "T"}
    """)
    )
    (src / "refs.bib").write_text(
        "@article{k, title = {" + PAYLOAD.replace("&", "\\&") + "}, journal = {J},"
        " date = {2009-06-01}, url = {http://x.org/}, urldate = {2009-07-01}}\n"
    )
    (src / "index.md").write_text(
        textwrap.dedent(f"""
        # Page

        Text.{{footcite}}`k`

        :::{{event}} 2009-06
        :title: {PAYLOAD}
        :source: k
        :place: {PAYLOAD}
        :::

        :::{{quote}}
        :speaker: {PAYLOAD}
        :source: k

        Words.
        :::

        ```{{footbibliography}}
        ```
    """)
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    html = build.read("index.html")
    assert html.count("<script>alert(1)</script>") == 0
    graph = jsonld(html)

    # Sphinx's smart quotes may turn "--" into a dash and quote marks into curly ones
    def plain(text: str) -> str:
        return text.replace("–", "--").replace("“", '"').replace("”", '"')

    event = next(i for i in graph if i["@type"] == "Event")
    assert plain(event["name"]) == PAYLOAD and plain(event["location"]["name"]) == PAYLOAD
    quote = next(i for i in graph if i["@type"] == "Quotation")
    assert plain(quote["creator"]["name"]) == PAYLOAD
    assert plain(graph[0]["citation"][0]["name"]) == PAYLOAD

"""Every JSON-LD block of the website: its types, and the properties each type needs.

Checked on every page of the brief and on a small brief made to hold what the brief lacks:
bodies that speak and write (typed ``Organization``), and approximate and uncertain dates
(their EDTF kept in an ``additionalProperty``).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

#: The properties each type must have here (schema.org's, and what readers' tools need:
#: Google's structured-data guidelines for articles, events and quotations).
REQUIRED: dict[str, set[str]] = {
    "Article": {"@id", "headline", "inLanguage", "publisher"},
    "WebPage": {"@id", "name", "inLanguage", "isPartOf"},
    "Event": {"name", "startDate", "url"},
    "Quotation": {"text", "creator", "url"},
    "Person": {"name"},
    "Organization": {"name"},
    "Periodical": {"name"},
    "Place": {"name"},
    "PropertyValue": {"propertyID", "value"},
}
#: The creative works a citation may be.
WORKS = {"Article", "Report", "Book", "WebPage", "Thesis", "CreativeWork"}
WORK_REQUIRED = {"name"}
#: Properties whose value is a nested node, and the types it may have.
NESTED = {
    "publisher": {"Organization"},
    "author": {"Person", "Organization"},
    "creator": {"Person", "Organization"},
    "isPartOf": {"Periodical", None},  # None: a reference by @id
    "location": {"Place"},
    "additionalProperty": {"PropertyValue"},
    "citation": WORKS,
}
#: Dates are ISO 8601 at their own precision (a year, a month or a day).
DATES = ("datePublished", "startDate", "endDate", "dateCreated")


def blocks(html: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup(html, "lxml")
    return [
        json.loads(script.string or "")
        for script in soup.select('script[type="application/ld+json"]')
    ]


def walk(item: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    yield path, item
    for key, value in item.items():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                yield from walk(child, f"{path}.{key}")


def problems(graph: list[dict[str, Any]]) -> list[str]:
    found = []
    for top in graph:
        for path, item in walk(top, top.get("@type", "?")):
            kind = item.get("@type")
            if kind is None:
                if set(item) != {"@id"}:
                    found.append(f"{path}: no @type: {item}")
                continue
            required = WORK_REQUIRED if path.endswith(".citation") else REQUIRED.get(kind)
            if required is None:
                found.append(f"{path}: unexpected type {kind}")
                continue
            missing = required - set(item)
            if missing:
                found.append(f"{path}: {kind} lacks {sorted(missing)}")
            for key, allowed in NESTED.items():
                for child in (
                    item.get(key, []) if isinstance(item.get(key), list) else [item.get(key)]
                ):
                    if isinstance(child, dict) and child.get("@type") not in allowed:
                        found.append(f"{path}.{key}: {child.get('@type')} not in {allowed}")
            for key in DATES:
                if key in item and not is_iso(str(item[key])):
                    found.append(f"{path}.{key}: {item[key]!r} is not ISO 8601")
            for key, value in item.items():
                if isinstance(value, str) and not value.strip():
                    found.append(f"{path}.{key} is empty")
    return found


def is_iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text))


def site_pages(build: Build) -> list[Path]:
    return sorted(
        p
        for p in build.outdir.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


def test_every_block_of_the_brief_has_its_types_and_properties(brief_html: Build) -> None:
    seen: set[str] = set()
    for page in site_pages(brief_html):
        if page.name in {"search.html", "genindex.html"}:  # no document, no data
            continue
        found = blocks(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page.name
        (data,) = found
        assert data["@context"] == "https://schema.org"
        graph = data["@graph"]
        assert graph[0]["@type"] in {"Article", "WebPage"}
        assert not problems(graph), f"{page.name}:\n" + "\n".join(problems(graph))
        seen |= {item.get("@type") for top in graph for _, item in walk(top, "")}
    assert {"Article", "WebPage", "Event", "Quotation", "Person", "Organization"} <= seen


def test_the_brief_types_its_bodies_as_organizations(brief_html: Build) -> None:
    (data,) = blocks(brief_html.read("index.html"))
    creators = {
        item["creator"]["name"]: item["creator"]
        for item in data["@graph"]
        if item["@type"] == "Quotation"
    }
    assert creators["Jane’s Information Group"]["@type"] == "Organization"
    assert creators["Kim Yong-Nam"] == {
        "@type": "Person",
        "name": "Kim Yong-Nam",
        "jobTitle": "de facto head of state of North Korea",
    }
    dated = [
        item
        for item in data["@graph"]
        if item["@type"] in {"Event", "Quotation"} and "additionalProperty" in item
    ]
    assert len(dated) >= 20  # the brief's dated events and quotations
    assert {item["additionalProperty"]["propertyID"] for item in dated} == {"EDTF"}


CONF = """
project = "Bodies"
author = "Test Press"
language = "en"
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "brief"
"""

BIB = r"""
@report{janes2010,
  author = {{Jane's Information Group}},
  title = {{Semnan Launch Site}},
  institution = {Jane's},
  date = {2010-03-05},
}
@article{wire2009,
  author = {{IRNA}},
  title = {{Statement}},
  journal = {IRNA},
  date = {2009-06-15},
}
@article{smith2009,
  author = {Smith, Anne and {van Buren}, Martin},
  title = {{A Person's Article}},
  journal = {The Times},
  date = {2009-06-20},
}
"""

PAGE = """
# Bodies

:::{quote}
:speaker: Korean Central News Agency
:date: 2009-06~
:source: wire2009

Words of an agency.
:::

:::{quote}
:speaker: White House spokesperson
:role: for the President
:date: 2009?
:source: smith2009

Words of the White House.
:::

:::{quote}
:speaker: Jane Group
:speaker-type: person
:date: 2009-11%
:source: janes2010

Words of a person whose name has a word of bodies.
:::

:::{quote}
:speaker: Ali Larijani
:speaker-type: organization
:role: Parliament
:source: janes2010

Words said for a body.
:::

:::{event} 2009-06~/2010-03?
:title: Something happened
:source: janes2010
:::

```{footbibliography}
```
"""


def test_bodies_and_qualified_dates(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(textwrap.dedent(PAGE).lstrip(), encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    (data,) = blocks(build.read("index.html"))
    graph = data["@graph"]
    assert not problems(graph), "\n".join(problems(graph))
    quotes = {item["text"]: item for item in graph if item["@type"] == "Quotation"}
    agency = quotes["Words of an agency."]
    assert agency["creator"] == {"@type": "Organization", "name": "Korean Central News Agency"}
    assert agency["dateCreated"] == "2009-06"
    assert agency["additionalProperty"]["value"] == "2009-06~"
    house = quotes["Words of the White House."]
    # a body's role is its description: an Organization has no jobTitle
    assert house["creator"] == {
        "@type": "Organization",
        "name": "White House spokesperson",
        "description": "for the President",
    }
    assert house["additionalProperty"]["value"] == "2009?"
    person = quotes["Words of a person whose name has a word of bodies."]
    assert person["creator"] == {"@type": "Person", "name": "Jane Group"}
    assert person["additionalProperty"]["value"] == "2009-11%"
    body = quotes["Words said for a body."]
    assert body["creator"]["@type"] == "Organization"
    assert "additionalProperty" not in body  # undated
    (event,) = (item for item in graph if item["@type"] == "Event")
    assert (event["startDate"], event["endDate"]) == ("2009-06", "2010-03")
    assert event["additionalProperty"] == {
        "@type": "PropertyValue",
        "propertyID": "EDTF",
        "name": "date (Extended Date/Time Format)",
        "value": "2009-06~/2010-03?",
    }
    authors = {work["name"]: work.get("author") for work in graph[0]["citation"]}
    assert authors["Semnan Launch Site"] == [
        {"@type": "Organization", "name": "Jane's Information Group"}
    ]
    assert authors["Statement"] == [{"@type": "Organization", "name": "IRNA"}]
    assert authors["A Person's Article"] == [
        {"@type": "Person", "name": "Anne Smith"},
        {"@type": "Person", "name": "Martin van Buren"},
    ]


def test_the_checker_catches_a_missing_property() -> None:
    graph = [
        {"@type": "Article", "@id": "x", "headline": "h", "inLanguage": "en"},
        {"@type": "Quotation", "text": "t", "url": "u", "creator": {"@type": "Robot"}},
        {"@type": "Event", "name": "e", "startDate": "June 2009", "url": "u"},
    ]
    found = "\n".join(problems(graph))
    assert "Article lacks ['publisher']" in found
    assert "creator: Robot" in found
    assert "'June 2009' is not ISO 8601" in found

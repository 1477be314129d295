"""Links to the Sources list resolve, and its ePub passes Ace by DAISY, for every form of
Sources page (issue 21, item 5): a plain ``{bibliography}`` (sphinxcontrib-bibtex's
citations, "[1]"), ``:list: bullet``, each with ``:all:`` or only the cited entries, a
``{footbibliography}`` per page, and a bibliography on the citing page itself.

Every internal link of the HTML and the ePub leads to an element that exists, and every
``\\hyperref`` of the LaTeX to a ``\\label`` (in the compiled PDF: no "undefined" in the
log).  A bibliography without ``:all:`` lists the sources the brief cites, whatever cites
them (``{note}``, a quote's or an event's ``:source:``), as it lists ``{cite}``'s.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, compile_pdf, run_sphinx
from .validators import run_ace, run_epubcheck

BIB = r"""
@article{landay2010,
  author  = {Landay, Jonathan S. and Strobel, Warren P.},
  title   = {{Sanctions Bite in Tehran}},
  journal = {McClatchy Newspapers},
  date    = {2010-06-01},
  url     = {https://example.org/sanctions},
  urldate = {2010-07-01},
}
@article{hall2010,
  author  = {Hall, Kevin},
  title   = {{Will the Sanctions Work?}},
  journal = {The Times},
  date    = {2010-05-13},
}
@report{squassoni2006,
  author      = {Squassoni, Sharon},
  title       = {{Weapons of Mass Destruction}},
  institution = {Congressional Research Service},
  date        = {2006-11-28},
}
@article{uncited2001,
  title   = {{Never Cited}},
  journal = {Nobody},
  date    = {2001},
}
"""

CONF = """\
project = "Forms"
author = "Editor"
language = "en"
extensions = ["sphinx_brief"]
brief_date = "2010-07-01"
brief_archive_links = False
"""

INDEX = """\
# Brief

```{{toctree}}
:caption: Contents
chron
who
{sources}
```

Two reporters.{{note}}`@landay2010` A report.{{note}}`@squassoni2006, 12`

:::{{quote}}
:speaker: Kevin Hall
:source: hall2010

Sanctions take time.
:::

:::{{event}} 2010-05
:title: Sanctions are voted
:source: hall2010, landay2010
:::

{tail}
"""

CHRON = "# Chronology\n\n:::{timeline}\n:::\n"
WHO = "# Who said what\n\n:::{quotations}\n:::\n"
FOOT = "\n```{footbibliography}\n```\n"

#: Form → (the Sources page's directive, or None; the index page's end; the others' end).
FORMS: dict[str, tuple[str | None, str, str]] = {
    "plain-all": ("```{bibliography}\n:all:\n```\n", "", ""),
    "plain-cited": ("```{bibliography}\n```\n", "", ""),
    "bullet-all": ("```{bibliography}\n:list: bullet\n:all:\n```\n", "", ""),
    "bullet-cited": ("```{bibliography}\n:list: bullet\n```\n", "", ""),
    "footbibliography": (None, FOOT, FOOT),
    # the bibliography on the citing page itself, at its end
    "same-page": (None, "## Sources\n\n```{bibliography}\n```\n", ""),
}
#: The forms whose chronology links to a Sources list.
LISTED = [form for form in FORMS if form != "footbibliography"]
CITED = ["hall2010", "landay2010", "squassoni2006"]


def make_project(root: Path, form: str) -> Path:
    sources, index_tail, tail = FORMS[form]
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    pages = {
        "index": INDEX.format(sources="sources" if sources else "", tail=index_tail),
        "chron": CHRON + tail,
        "who": WHO + tail,
    }
    if sources:
        pages["sources"] = "# Sources\n\n" + sources
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Build]:
    made: dict[tuple[str, str], Build] = {}
    for form in FORMS:
        root = tmp_path_factory.mktemp(form)
        src = make_project(root, form)
        for builder in ("html", "epub", "latex"):
            build = run_sphinx(src, builder, root / builder)
            assert build.warnings == "", f"{form} {builder}:\n{build.warnings}"
            made[form, builder] = build
    return made


def _ids(markup: str) -> set[str]:
    soup = BeautifulSoup(markup, "html.parser")
    return {str(tag["id"]) for tag in soup.find_all(id=True)}


def dead_links(pages: dict[str, str]) -> tuple[list[str], int]:
    """Internal links of HTML pages (name → markup) that lead nowhere, and how many links
    were followed."""
    ids = {name: _ids(markup) for name, markup in pages.items()}
    dead, followed = [], 0
    for name, markup in pages.items():
        for link in BeautifulSoup(markup, "html.parser").find_all("a", href=True):
            href = str(link["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (
                str(PurePosixPath(name).parent / unquote(parts.path)).removeprefix("./")
                if parts.path
                else name
            )
            followed += 1
            if target not in ids:
                if not target.endswith((".html", ".xhtml")):
                    continue  # a stylesheet, the sources' text …
                dead.append(f"{name}: {href} (no page {target})")
            elif parts.fragment and unquote(parts.fragment) not in ids[target]:
                dead.append(f"{name}: {href} (no id {parts.fragment} in {target})")
    return dead, followed


def html_pages(build: Build) -> dict[str, str]:
    return {
        str(path.relative_to(build.outdir)): path.read_text(encoding="utf-8")
        for path in build.outdir.rglob("*.html")
        if "_static" not in path.parts
    }


def epub_pages(build: Build) -> dict[str, str]:
    (epub,) = build.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def source_links(markup: str) -> list[str]:
    """The targets of a chronology's links to the Sources list."""
    soup = BeautifulSoup(markup, "html.parser")
    return [str(a["href"]) for a in soup.select("a[href*='#cite-']")]


@pytest.mark.parametrize("form", FORMS)
def test_every_internal_link_of_the_website_resolves(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    pages = html_pages(builds[form, "html"])
    dead, followed = dead_links(pages)
    assert dead == []
    assert followed > 10
    links = source_links(pages["chron.html"])
    if form in LISTED:  # the chronology's short citations link to the list
        assert sorted(href.rsplit("#", 1)[1] for href in links) == [
            "cite-hall2010",
            "cite-landay2010",
        ]
    else:
        assert links == []


@pytest.mark.parametrize("form", FORMS)
def test_every_internal_link_of_the_epub_resolves(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    pages = epub_pages(builds[form, "epub"])
    dead, followed = dead_links(pages)
    assert dead == []
    assert followed > 5
    assert len(source_links(pages["chron.xhtml"])) == (2 if form in LISTED else 0)


_HYPERREF = re.compile(r"\\hyperref\[\\detokenize\{([^}]*)\}\]")
_LABEL = re.compile(r"\\label\{\\detokenize\{([^}]*)\}\}")


@pytest.mark.parametrize("form", FORMS)
def test_every_hyperref_of_the_tex_has_its_label(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    build = builds[form, "latex"]
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    refs, labels = set(_HYPERREF.findall(text)), set(_LABEL.findall(text))
    assert refs and refs <= labels, sorted(refs - labels)
    to_sources = {ref.rsplit(":", 1)[1] for ref in refs if ":cite-" in ref}
    assert to_sources == ({"cite-hall2010", "cite-landay2010"} if form in LISTED else set())


def _listed_html(markup: str) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    return sorted(
        str(tag["id"]).removeprefix("cite-")
        for tag in soup.select(".citation[id^='cite-'], li[id^='cite-']")
    )


@pytest.mark.parametrize("form", ["plain-all", "plain-cited", "bullet-all", "bullet-cited"])
def test_the_sources_page_lists_what_the_brief_cites(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    """``:all:`` lists every entry; without it, those that the brief cites with ``{note}``
    and ``:source:`` (no ``{cite}`` anywhere), in every format."""
    expected = sorted([*CITED, "uncited2001"]) if form.endswith("-all") else CITED
    assert _listed_html(builds[form, "html"].read("sources.html")) == expected
    assert _listed_html(epub_pages(builds[form, "epub"])["sources.xhtml"]) == expected
    (tex,) = builds[form, "latex"].outdir.glob("*.tex")
    labels = _LABEL.findall(tex.read_text(encoding="utf-8"))
    assert sorted(label.split(":cite-")[1] for label in labels if ":cite-" in label) == expected


def test_a_bibliography_on_the_citing_page_lists_its_sources(
    builds: dict[tuple[str, str], Build],
) -> None:
    markup = builds["same-page", "html"].read("index.html")
    assert _listed_html(markup) == CITED
    # no back-reference to a citation that no element of the page is
    soup = BeautifulSoup(markup, "html.parser")
    ids = _ids(markup)
    backlinks = [str(a["href"]) for a in soup.select(".citation a[role='doc-backlink']")]
    assert all(href.lstrip("#") in ids for href in backlinks)


@pytest.mark.parametrize("form", ["plain-all", "plain-cited", "same-page"])
def test_plain_bibliography_entries_are_list_items(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    """DPUB-ARIA 1.1 deprecates ``doc-biblioentry``, and a ``role="list"`` holds list items
    only (axe's aria-required-children): each entry is a list item, website and ePub."""
    page = "index" if form == "same-page" else "sources"
    for markup in (
        builds[form, "html"].read(f"{page}.html"),
        epub_pages(builds[form, "epub"])[f"{page}.xhtml"],
    ):
        soup = BeautifulSoup(markup, "html.parser")
        assert "doc-biblioentry" not in markup
        (listing,) = soup.select("[role='list'].citation-list")
        items = listing.find_all(recursive=False)
        assert len(items) == (4 if form == "plain-all" else 3)
        assert all(item.get("role") == "listitem" for item in items)


def test_a_toctree_caption_is_a_heading_with_its_level_in_the_epub(
    builds: dict[tuple[str, str], Build],
) -> None:
    """Sphinx writes a toctree's caption ``role="heading"`` without the ``aria-level`` ARIA
    requires (Ace: aria-required-attr, critical): the ePub gives it its level."""
    index = epub_pages(builds["plain-all", "epub"])["index.xhtml"]
    caption = BeautifulSoup(index, "html.parser").select_one("p.caption[role='heading']")
    assert caption is not None and caption.get("aria-level") == "2"


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_the_pdf_has_no_undefined_reference(
    builds: dict[tuple[str, str], Build], form: str
) -> None:
    pdf = compile_pdf(builds[form, "latex"].outdir)
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "undefined" not in log.lower(), re.findall(r".*undefined.*", log, re.I)


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_the_epub_passes_ace_and_epubcheck(builds: dict[tuple[str, str], Build], form: str) -> None:
    (epub,) = builds[form, "epub"].outdir.glob("*.epub")
    assert [str(f) for f in run_ace(epub)] == []
    assert [str(f) for f in run_epubcheck(epub)] == []


def test_an_incremental_build_lists_a_source_cited_since(tmp_path: Path) -> None:
    """The Sources page is not re-read when another page cites a new source: without
    ``:all:`` it is written again, as a clean build would write it."""
    src = make_project(tmp_path, "bullet-cited")
    first = run_sphinx(src, "html", tmp_path / "out")
    assert _listed_html(first.read("sources.html")) == CITED
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "A report.", "Never cited before.{note}`@uncited2001` A report."
        ),
        encoding="utf-8",
    )
    again = run_sphinx(src, "html", tmp_path / "out", freshenv=False)
    assert again.warnings == ""
    assert _listed_html(again.read("sources.html")) == sorted([*CITED, "uncited2001"])

"""The index as readers use it: one entry for a place written two ways, and an entry's
several links named by the sections they lead to.

- A place an event gives in full (``:place: Semnan, Iran``) and the same place marked
  in the text by its first part (``{index}`Semnan```) are one entry, the event's form:
  the index domain's entries are rewritten when every page has been read (the website's
  index), and each page's index nodes when it is written (the PDF's ``\\index``, the
  ePub).  Only a first part that names one place is taken so.
- The website's index names each of an entry's links by the title of the section it leads
  to ("Mottaki, Manouchehr: Diplomacy, Chronology"), where Sphinx numbers them "[1]",
  "[2]" (furo's template, overridden in ``templates/furo/genindex.html``, reads
  ``brief_link_titles``).
- A heading of entries in Hangul is the letter a reader knows ("ㅈ", as the PDF's index
  heads it), not the conjoining jamo Sphinx takes from the syllable's decomposition
  ("ᄌ", U+110C, which fonts set as half a syllable).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.component import section_title
from ..core.domain import get_domain
from ..events.records import KIND as EVENTS


def place_forms(env: BuildEnvironment) -> dict[str, str]:
    """A place's first part → the one place of the events that begins with it."""
    found: dict[str, set[str]] = {}
    for _docname, _position, record in get_domain(env).records(EVENTS):
        place = " ".join(str(record.place or "").split())
        head = place.split(",", 1)[0].strip()
        if head and head != place:
            found.setdefault(head, set()).add(place)
    return {head: next(iter(places)) for head, places in found.items() if len(places) == 1}


def _entry(entry: tuple[Any, ...], forms: dict[str, str]) -> tuple[Any, ...]:
    kind, value, *rest = entry
    head, sep, tail = str(value).partition(";")
    if kind == "single" and head.strip() in forms:
        return (kind, forms[head.strip()] + sep + tail, *rest)
    return tuple(entry)


def merge_places(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the index domain's entries of a place's first part in full."""
    forms = place_forms(env)
    if forms:
        entries = env.domains["index"].entries
        for docname, listed in entries.items():
            entries[docname] = [_entry(entry, forms) for entry in listed]
    return []


def merge_place_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the page's index nodes as the index domain lists them."""
    forms = place_forms(app.env)
    if not forms:
        return
    for node in doctree.findall(addnodes.index):
        node["entries"] = [_entry(entry, forms) for entry in node["entries"]]


def link_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` of the index: each link's section title."""
    if pagename != "genindex" or "genindexentries" not in context:
        return
    env, builder = app.env, app.builder
    pages = {builder.get_relative_uri(pagename, doc): doc for doc in env.all_docs}
    trees: dict[str, nodes.document] = {}
    titles: dict[str, str] = {}

    def title_of(uri: str) -> str:
        if uri not in titles:
            page, _, anchor = uri.partition("#")
            doc = pages.get(page)
            title = ""
            if doc is not None:
                if doc not in trees:
                    trees[doc] = env.get_doctree(doc)
                node = trees[doc].ids.get(anchor) or next(
                    (n for n in trees[doc].findall(nodes.Element) if anchor in n["ids"]), None
                )
                title = section_title(node, trees[doc]) if node is not None else ""
                title = title or (env.titles[doc].astext() if doc in env.titles else doc)
            titles[uri] = title
        return titles[uri]

    # "name|uri" → the link's words: its section's title, numbered where one entry has
    # several links into one section ("Nuclear Cooperation (2)")
    labels: dict[str, str] = {}
    for _key, entries in context["genindexentries"]:
        for name, (links, subitems, _category) in entries:
            for entry_name, entry_links in [(name, links), *subitems]:
                seen: dict[str, int] = {}
                for _main, uri in entry_links:
                    title = title_of(str(uri))
                    seen[title] = seen.get(title, 0) + 1
                    count = seen[title]
                    labels[f"{entry_name}|{uri}"] = f"{title} ({count})" if count > 1 else title
    context["brief_link_titles"] = labels


#: A leading consonant's conjoining jamo (U+1100 …) → the compatibility letter readers know
#: (U+3131 …), which NFKC maps the other way.
HANGUL_HEADS = {
    unicodedata.normalize("NFKC", chr(code)): chr(code)
    for code in range(0x3131, 0x314F)
    if "\u1100" <= unicodedata.normalize("NFKC", chr(code)) <= "\u1112"
}


def hangul_heads(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` of the index: Hangul groups headed by their letter."""
    # the one-page index only: a split index names its pages by the keys Sphinx made
    if templatename != "genindex.html" or "genindexentries" not in context:
        return
    groups = context["genindexentries"]
    if any(key in HANGUL_HEADS for key, _ in groups):
        context["genindexentries"] = [(HANGUL_HEADS.get(key, key), rest) for key, rest in groups]


def setup(app: Sphinx) -> None:
    app.connect("env-updated", merge_places)
    app.connect("doctree-resolved", merge_place_nodes)
    app.connect("html-page-context", link_titles)
    app.connect("html-page-context", hangul_heads)

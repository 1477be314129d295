"""schema.org JSON-LD on every page of the website.

Search engines and archives read a page's structured data, not its prose.  Each page gets
one ``<script type="application/ld+json">`` holding a ``@graph``:

* the page itself: the root document as an ``Article`` (headline, language, publisher,
  ``datePublished`` from ``brief_published``) and every other page as a ``WebPage`` that
  ``isPartOf`` it; either one lists the bib entries the page cites or lists as
  ``citation`` (``Article``, ``Report``, ``Book`` … with author, periodical, date, URL and
  archived copy);
* every event the page declares or shows in a timeline, as an ``Event``;
* every quotation the page holds or collects, as a ``Quotation``.

Speakers and authors are a ``Person`` or an ``Organization`` (:mod:`..core.agents`: a
quote's ``:speaker-type:``, else a guess from the name; a bib author in braces is a body).
A person's role is its ``jobTitle``, a body's its ``description``.

Dates: schema.org's ``startDate``, ``endDate`` and ``dateCreated`` take ISO 8601, which has
no place for EDTF's qualifiers ("2009-06~" approximate, "2009?" uncertain, "%" both) nor
its unspecified digits.  They hold the ISO date at its own precision, and the EDTF string
as written is kept beside them in an ``additionalProperty``, a ``PropertyValue`` with
``propertyID`` ``"EDTF"`` (:func:`edtf_property`), on every dated ``Event`` and
``Quotation``: a reader of the data can always tell "about June 2009" from "June 2009".

Only website builders get it (the ePub's XHTML has no use for it and no scripts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from docutils import nodes
from docutils.nodes import make_id
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from .. import bibtex, editorial
from ..citations import fields
from ..citations.marks import brief_notes, in_order
from ..citations.notes import cited_by_note
from ..citations.settings import ARCHIVE_LOOKUP
from ..citations.style import entry_content
from ..core import agents, dates, emphasis
from ..core.component import is_website
from ..core.domain import get_domain
from ..events.nodes import brief_timeline_entry, brief_timeline_list
from ..events.records import EventRecord
from ..quotes.nodes import brief_quote
from ..quotes.records import QuoteRecord
from . import raw

_TYPES = {
    "article": "Article",
    "report": "Report",
    "techreport": "Report",
    "book": "Book",
    "mvbook": "Book",
    "online": "WebPage",
    "thesis": "Thesis",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
}


_text = bibtex.field_text


def _iso(date: dates.BriefDate | None) -> str | None:
    return date.machine if date is not None else None


#: The ``propertyID`` of the date as written (EDTF, Library of Congress / ISO 8601-2).
EDTF_PROPERTY = "EDTF"


def edtf_property(edtf: str) -> dict[str, Any]:
    """The EDTF date as written, kept beside the ISO dates (see the module docstring)."""
    return {
        "@type": "PropertyValue",
        "propertyID": EDTF_PROPERTY,
        "name": "date (Extended Date/Time Format)",
        "value": edtf,
    }


def _agent(kind: str, name: str, role: str = "") -> dict[str, Any]:
    """A ``Person`` or an ``Organization`` (:mod:`..core.agents`) with its role; a
    document quoted, a ``CreativeWork``."""
    if kind == "document":
        return {"@type": "CreativeWork", "name": name}
    if kind == "organization":
        item: dict[str, Any] = {"@type": "Organization", "name": name}
        if role:
            item["description"] = role
        return item
    item = {"@type": "Person", "name": name}
    if role:
        item["jobTitle"] = role
    return item


def _edtf_bounds(edtf: str) -> tuple[str | None, str | None]:
    """Start and end, as ISO 8601 at their own precision (qualifiers are dropped)."""
    try:
        date = dates.parse(edtf)
    except dates.DateError:
        return None, None
    # an open or unknown side has no schema.org date (the other side is the known one)
    start = None if date.open_start else date.machine
    end = date.end.isoformat()[: {"year": 4, "month": 7, "day": 10}[date.end_precision]]
    return start, (end if date.interval and not date.open_end else None)


#: Works already made, per entry content and settings (see :func:`work`).
_WORKS: dict[Hashable, dict[str, Any]] = {}


def work(entry: Entry, *, archive_links: bool | str = True, cache: bool = True) -> dict[str, Any]:
    """A bib entry as a schema.org creative work.

    Memoised: a source cited on every page is made once per build process (reading its
    fields as LaTeX takes about a millisecond).  The result is shared: do not modify it.
    """
    if not cache:  # brief_citation_cache = False
        return _work(entry, archive_links)
    key = (entry_content(entry), archive_links)
    found = _WORKS.get(key)
    if found is None:
        if len(_WORKS) >= 10_000:
            _WORKS.clear()
        found = _WORKS[key] = _work(entry, archive_links)
    return found


def _work(entry: Entry, archive_links: bool | str) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": _TYPES.get(entry.type.lower(), "CreativeWork")}
    title = _text(entry, "title")
    if title:
        item["name"] = title
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if people:
        item["author"] = [
            _agent(
                agents.author_kind(str(person)),
                " ".join(
                    str(bibtex.latex_text(p))
                    for p in (
                        *person.first_names,
                        *person.middle_names,
                        *person.prelast_names,
                        *person.last_names,
                    )
                ),
            )
            for person in people
        ]
    periodical = _text(entry, "journaltitle") or _text(entry, "journal")
    if periodical:
        item["isPartOf"] = {"@type": "Periodical", "name": periodical}
    publisher = (
        _text(entry, "publisher") or _text(entry, "institution") or _text(entry, "organization")
    )
    if publisher:
        item["publisher"] = {"@type": "Organization", "name": publisher}
    try:
        published = fields.publication_date(entry)
    except fields.EntryProblem:
        published = None
    if published is not None:
        item["datePublished"] = _iso(published)
    url = fields.web_address(fields.entry_url(entry))
    if url:  # only a web address (the note prints any other as text, with a warning)
        item["url"] = url
    lookup = archive_links == ARCHIVE_LOOKUP
    archived = fields.archive_url(entry, lookup=lookup) if archive_links else None
    if archived:
        item["archivedAt"] = archived
    return item


def _cited_keys(app: Sphinx, doctree: nodes.document, entries: Mapping[str, Entry]) -> list[str]:
    """Keys of the bib entries a page cites in notes or lists, in the page's order.

    A {note} names its keys; a bibliography's entry is known by its id (the bibliography
    lists it: :func:`.bibtex.listed_entries`); a ``{footcite}`` note by the id
    sphinxcontrib-bibtex gives it, worked out from the keys only on a page that has one.
    Nothing here walks every entry of the bib files for a page: a shared file of 10,000
    entries costs a brief that cites fifty of them what those fifty cost.
    """
    listed = {i: entry.key for i, (entry, _style) in bibtex.listed_entries(app.env).items()}
    footcites: dict[str, str] | None = None
    keys: list[str] = []

    def add(key: str | None) -> None:
        if key is not None and key in entries and key not in keys:
            keys.append(key)

    def add_cited(node: nodes.Element) -> None:
        nonlocal footcites
        mine = cited_by_note(node)  # a {note}: the keys it cites
        for key in mine:
            add(key)
        if mine:
            return
        for node_id in node.get("ids", []):
            if node_id in listed:
                add(listed[node_id])
            elif isinstance(node, nodes.footnote):
                if footcites is None:
                    footcites = _footcite_ids(_footcite_template(app), tuple(entries))
                add(footcites.get(node_id))

    for node in doctree.findall(nodes.Element):
        if isinstance(node, brief_notes):
            # the page's {note}s (light nodes) and the other notes it holds, in order
            for note in in_order(node):
                if isinstance(note, nodes.footnote):
                    add_cited(note)
                else:
                    for _, key, _, _ in note.shown:
                        add(key)
        elif isinstance(node, _CITING) and not isinstance(node.parent, brief_notes):
            add_cited(node)
    return keys


#: What may cite an entry: a note, a bibliography's entry or list item, a target.
_CITING = (nodes.footnote, nodes.citation, nodes.list_item, nodes.target)


def _footcite_template(app: Sphinx) -> str:
    return app.config.bibtex_footcite_id or "footcite-{key}"


@lru_cache(maxsize=4)
def _footcite_ids(template: str, keys: tuple[str, ...]) -> dict[str, str]:
    """The ids sphinxcontrib-bibtex gives the ``{footcite}`` notes of ``keys`` → the key
    (the same for every page of a build: made once; not to be changed)."""
    by_id: dict[str, str] = {}
    for key in keys:
        raws = set()
        for count in range(1, 4):
            try:
                raws.add(template.format(key=key, footbibliography_count=count))
            except (KeyError, IndexError, ValueError):
                continue
        for text in raws:
            by_id.setdefault(make_id(text), key)
    return by_id


def _url(app: Sphinx, docname: str, anchor: str = "") -> str | None:
    try:
        uri = app.builder.get_target_uri(docname)
    except NoUri:
        return None
    base = app.config.ogp_site_url if "ogp_site_url" in app.config else ""
    base = base or app.config.html_baseurl or ""
    if base:
        uri = base.rstrip("/") + "/" + uri
    return f"{uri}#{anchor}" if anchor else uri


_EDITOR_NOTE = re.compile(r"\{editor-note\}`([^`]*)`")
_ROLE = re.compile(r"\{[\w:.-]+\}`([^`]*)`")


def _plain_myst(source: str) -> str:
    """An event body's MyST source as plain text: roles give their text, notes show."""
    text = _EDITOR_NOTE.sub(lambda m: f"[{editorial.LABEL}{m.group(1)}]", source)
    return " ".join(_ROLE.sub(r"\1", text).split())


def event(app: Sphinx, docname: str, record: EventRecord) -> dict[str, Any]:
    start, end = _edtf_bounds(record.date)
    item: dict[str, Any] = {"@type": "Event", "name": emphasis.plain(record.title)}
    if start:
        item["startDate"] = start
    if end:
        item["endDate"] = end
    if record.date:
        item["additionalProperty"] = edtf_property(record.date)
    if record.place:
        item["location"] = {"@type": "Place", "name": record.place}
    labels = app.config.brief_tags if isinstance(app.config.brief_tags, dict) else {}
    if record.tags:
        item["keywords"] = [str(labels.get(tag, tag)) for tag in record.tags]
    if record.body.strip():
        item["description"] = _plain_myst(raw.without_markup(app.config, record.body))
    url = _url(app, docname, record.anchor)
    if url:
        item["url"] = url
    return item


def quotation(app: Sphinx, docname: str, record: QuoteRecord) -> dict[str, Any]:
    creator = _agent(
        record.speaker_type, record.person or record.speaker, emphasis.plain(record.role)
    )
    # words of a document are part of it; a person or a body said them
    said = "isPartOf" if record.speaker_type == "document" else "creator"
    item: dict[str, Any] = {"@type": "Quotation", "text": record.text, said: creator}
    if record.date:
        start, _ = _edtf_bounds(record.date)
        if start:
            item["dateCreated"] = start
        item["additionalProperty"] = edtf_property(record.date)
    url = _url(app, docname, record.anchor)
    if url:
        item["url"] = url
    return item


def _unique(items: Iterable[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for docname, anchor, item in items:
        if (docname, anchor) not in seen:
            seen.add((docname, anchor))
            out.append(item)
    return out


def _shown_events(doctree: nodes.document) -> Iterator[tuple[str, EventRecord]]:
    """The events the page's timelines show, in order: an entry made of nodes carries its
    record; a list written as HTML strings (timeline_html.py), the records of all."""
    for node in doctree.findall(_is_timeline_part):
        if isinstance(node, brief_timeline_list):
            yield from node.get("brief_entries", ())
        elif "brief_record" in node:
            yield node["brief_docname"], node["brief_record"]


def _is_timeline_part(node: nodes.Node) -> bool:
    return isinstance(node, brief_timeline_entry | brief_timeline_list)


def graph(app: Sphinx, pagename: str, doctree: nodes.document) -> dict[str, Any]:
    env = app.env
    domain = get_domain(env)
    entries = bibtex.entries(env)
    root = app.config.root_doc
    title = env.titles[pagename].astext() if pagename in env.titles else pagename

    page: dict[str, Any] = {"@type": "Article" if pagename == root else "WebPage"}
    page["@id"] = (_url(app, pagename) or pagename) + "#page"
    page["headline" if pagename == root else "name"] = title
    page["inLanguage"] = app.config.language or "en"
    if app.config.author:
        page["publisher"] = {"@type": "Organization", "name": app.config.author}
    if pagename == root and app.config.brief_published:
        page["datePublished"] = app.config.brief_published
    if pagename != root:
        page["isPartOf"] = {"@id": (_url(app, root) or root) + "#page"}
    keys = _cited_keys(app, doctree, entries)
    if keys:
        archive_links = app.config.brief_archive_links
        cache = bool(app.config.brief_citation_cache)
        page["citation"] = [
            work(entries[key], archive_links=archive_links, cache=cache) for key in keys
        ]

    events = [
        (pagename, r.anchor, event(app, pagename, r))
        for r in domain.page_records("events", pagename)
    ]
    events += [
        (docname, record.anchor, event(app, docname, record))
        for docname, record in _shown_events(doctree)
    ]
    quotes = [
        (pagename, r.anchor, quotation(app, pagename, r))
        for r in domain.page_records("quotes", pagename)
    ]
    quotes += [
        (
            node["brief_docname"],
            node["brief_record"].anchor,
            quotation(app, node["brief_docname"], node["brief_record"]),
        )
        for node in doctree.findall(brief_quote)
        if "brief_record" in node
    ]
    return {"@context": "https://schema.org", "@graph": [page, *_unique(events), *_unique(quotes)]}


def dumps(data: dict[str, Any]) -> str:
    # Inside <script>, "</script>" or "<!--" in any text would end or break the element:
    # JSON's \\u escapes keep every "<", ">" and "&" out of the HTML parser's sight.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None or not is_website(app.builder):
        return
    script = f'<script type="application/ld+json">{dumps(graph(app, pagename, doctree))}</script>'
    context["metatags"] = context.get("metatags", "") + script + "\n"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", page_context)

"""The index of people, organisations and places, made from what the components declare.

Sphinx's own index (``genindex``; the PDF's ``\\printindex``; the ePub's index page) lists
every name an author marks with the ``{index}`` role.  This module adds, while a page is
read (before Sphinx's domains collect its index entries), an entry for

- every speaker of a ``quote``, in the name's index form, family name first ("Khushroo,
  Gholam Ali", "Kim Yong-Nam": :mod:`..core.names`), pointing at the quotation;
- every ``:place:`` of an ``event``, as written ("Semnan, Iran"), pointing at the event.

The entries are Sphinx's ``index`` nodes: the HTML index links them, the LaTeX writer
writes ``\\index{…}`` where they stand (so the PDF's index gives the page), the ePub lists
them.  A block quotation holds its entry where its words start (the text before it still
leads into the quotation, as the review tool reads it); a run-in quotation's entry stands
before its words; an event's entry stands right after the event (or, for an event in a
timeline's body, after the timeline, which is laid out anew when the page is written).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.index_entries import split_index_msg

from ..core import names, people
from ..core.logs import warn
from ..events.nodes import brief_event, brief_timeline
from ..quotes.nodes import brief_attribution, brief_quote, brief_run_in


def _escaped(name: str) -> str:
    # ";" would split the entry into an entry and a sub-entry; a name keeps its text
    return name.replace(";", ",")


def _entry(name: str, target: str) -> tuple[str, str, str, bool, None]:
    return ("single", _escaped(name), target, False, None)


def _insert_before(node: nodes.Element, index: addnodes.index) -> None:
    parent = node.parent
    parent.insert(parent.index(node), index)


def _insert_after(node: nodes.Element, index: addnodes.index) -> None:
    parent = node.parent
    parent.insert(parent.index(node) + 1, index)


class IndexNames(SphinxTransform):
    """Index entries for the page's speakers and event places (see the module docstring).

    Before Sphinx's domains process the page (priority 850), so its index domain collects
    them with the entries of ``{index}`` roles; after run-in quotes joined their paragraphs.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        self._declared_names()
        self._names_in_text()
        for quote in list(self.document.findall(brief_quote)):
            name = quote.get("sort_name") or quote.get("speaker", "")
            if not name or not quote["ids"] or quote.parent is None:
                continue
            entries = [_entry(name, quote["ids"][0])]
            if isinstance(quote, brief_run_in):  # in the sentence, before the words
                _insert_before(quote, addnodes.index(entries=entries, inline=True))
            else:
                # inside the quotation, where its words start (the text before it still
                # leads into the quotation, and its parts stay the body and attribution)
                start = next(iter(quote.findall(nodes.paragraph)), None)
                where = start if start is not None else quote.next_node(brief_attribution)
                if where is not None:
                    where.insert(0, addnodes.index(entries=entries, inline=True))
        for event in list(self.document.findall(brief_event)):
            place = event.get("place", "")
            if not place or not event["ids"] or event.parent is None:
                continue
            holder: nodes.Element = event
            for ancestor in _ancestors(event):
                if isinstance(ancestor, brief_timeline):
                    holder = ancestor
            index = addnodes.index(entries=[_entry(place, event["ids"][0])], inline=False)
            _insert_after(holder, index)

    def _declared_names(self) -> None:
        """The author's ``{index}`` names that ``brief_people`` declares, in its index form
        (every spelling of a person one entry, family name first); a name that only looks
        like a declared one is a warning at its line."""
        value = self.config.brief_people
        if not value:
            return
        book = people.of(value)
        for node in self.document.findall(addnodes.index):
            entries = []
            for entry in node["entries"]:
                kind, text, *rest = entry
                head, sep, tail = text.partition(";")
                if kind == "single":
                    known = book.get(head)
                    if known is not None:
                        head = names.index_form(head, "", value, known.kind or "person")
                    elif book.near(head) is not None:
                        warn(
                            "people",
                            "index entry %r looks like %r of brief_people: write it as "
                            "declared, or add it to that entry's 'also' list",
                            head.strip(),
                            book.near(head).name,  # type: ignore[union-attr]
                            location=node,
                        )
                entries.append((kind, head + sep + tail, *rest))
            node["entries"] = entries

    def _names_in_text(self) -> None:
        """An entry wherever the prose names a person or body ``brief_people`` declares
        (any of its spellings), once a paragraph, in the declared index form: the index
        holds everyone the brief names, not only those quoted.  Titles, notes, quoted
        words, events (copied into chronologies) and code are left alone."""
        book = people.of(self.config.brief_people)
        spellings = {
            spelling: person for person in book.entries for spelling in (person.name, *person.also)
        }
        if not spellings:
            return
        pattern = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
            + r")(?![\w-])"
        )
        value = self.config.brief_people
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if any(isinstance(a, _NOT_INDEXED) for a in _ancestors(paragraph)):
                continue
            done: set[str] = set()
            for text in list(paragraph.findall(nodes.Text)):
                parent = text.parent
                if parent is None or _inside(text, paragraph):
                    continue
                pieces: list[nodes.Node] = []
                source, at = str(text), 0
                for match in pattern.finditer(source):
                    person = spellings[match.group(1)]
                    if person.name in done:
                        continue
                    done.add(person.name)
                    form = names.index_form(match.group(1), "", value, person.kind or "person")
                    target_id = f"index-{self.env.new_serialno('index')}"
                    target = nodes.target("", "", ids=[target_id])
                    self.document.ids[target_id] = target
                    pieces += [
                        nodes.Text(source[at : match.start()]),
                        target,
                        addnodes.index(entries=[_entry(form, target_id)], inline=True),
                    ]
                    at = match.start()
                if pieces:
                    pieces.append(nodes.Text(source[at:]))
                    parent.replace(
                        text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)]
                    )


#: Where a name is not indexed from the prose: it is a title, a note, quoted words, an
#: event (copied into chronologies), code, or already an index entry or a link.
_NOT_INDEXED = (
    nodes.title,
    nodes.footnote,
    nodes.citation,
    nodes.literal_block,
    nodes.raw,
    brief_quote,
    brief_event,
    brief_timeline,
    addnodes.toctree,
)
_NOT_INDEXED_INLINE = (
    nodes.literal,
    nodes.reference,
    nodes.title,
    addnodes.index,
    addnodes.pending_xref,
    nodes.footnote_reference,
    nodes.raw,
    brief_quote,  # a run-in quotation's words
)


def _inside(text: nodes.Text, paragraph: nodes.Element) -> bool:
    """Whether ``text`` stands in an inline element whose words are not indexed."""
    parent = text.parent
    while parent is not None and parent is not paragraph:
        if isinstance(parent, _NOT_INDEXED_INLINE):
            return True
        parent = parent.parent
    return False


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def keep_search_entries(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the search index keeps the index entries of every page.

    Sphinx's search index lists index entries ("indexentries") of the pages it indexed in
    this build only: after an incremental build the entries of pages not rewritten are gone
    from ``searchindex.js`` (it restores words and titles from the last index, not index
    entries), which a clean build has.  They are taken again from the index domain, as
    Sphinx's indexer reads them, and listed in page order, as a clean build lists them.
    """
    indexer = getattr(app.builder, "indexer", None)
    kept = getattr(indexer, "_index_entries", None)
    if not isinstance(kept, dict):
        return []
    domain = app.env.domains["index"]
    for docname, entries in getattr(domain, "entries", {}).items():
        if docname in kept or docname not in app.env.all_docs:
            continue
        found: set[tuple[str, str, str]] = set()
        for entry_type, value, target_id, main, _key in entries:
            try:
                parts = split_index_msg(entry_type, value)
            except ValueError:
                continue
            found |= {(part, target_id or "", main) for part in parts}
        kept[docname] = sorted(found)
    ordered = sorted(kept.items())
    kept.clear()
    kept.update(ordered)
    return []


#: Sphinx's generated pages, which only the website has.
GENERATED = ("genindex", "search", "modindex", "py-modindex")


class GeneratedPageWords(SphinxPostTransform):
    """A ``{ref}`` to the index (or the search page) in a format without that page (the
    PDF, text): Sphinx's resolver leaves its target's name as the text ("in the order of
    the genindex"); it reads as the page's title ("Index"), or the author's own words.
    Before the resolver (priority 10)."""

    default_priority = 5
    formats = ("latex", "text", "man", "texinfo")  # every builder without those pages

    def run(self, **kwargs: Any) -> None:
        labels = self.env.domaindata.get("std", {}).get("labels", {})
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "ref" or node.get("reftarget") not in GENERATED:
                continue
            if node.get("refexplicit"):
                words = node.astext()
            else:
                words = str(labels.get(node["reftarget"], ("", "", ""))[2] or node["reftarget"])
            node.replace_self(nodes.inline("", words))


def setup(app: Sphinx) -> None:
    app.add_transform(IndexNames)
    app.add_post_transform(GeneratedPageWords)
    app.connect("html-collect-pages", keep_search_entries)

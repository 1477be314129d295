"""The index of people, organisations and places, made from what the components declare.

Sphinx's own index (``genindex``; the PDF's ``\\printindex``; the ePub's index page) lists
every name an author marks with the ``{index}`` role.  This module adds, while a page is
read (before Sphinx's domains collect its index entries), an entry for

- every speaker of a ``quote``, in the name's index form, family name first ("Khushroo,
  Gholam Ali", "Kim Yong-Nam": :mod:`..core.names`), pointing at the quotation;
- every ``:place:`` of an ``event``, as written ("Semnan, Iran"), pointing at the event.

The entries are Sphinx's ``index`` nodes: the HTML index links them, the LaTeX writer
writes ``\\index{…}`` where they stand (so the PDF's index gives the page), the ePub lists
them.  An entry stands just before what it points at; an event in a timeline's body gets its
entry before the timeline (the timeline is laid out anew when the page is written).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..events.nodes import brief_event, brief_timeline
from ..quotes.nodes import brief_quote, brief_run_in


def _escaped(name: str) -> str:
    # ";" would split the entry into an entry and a sub-entry; a name keeps its text
    return name.replace(";", ",")


def _entry(name: str, target: str) -> tuple[str, str, str, bool, None]:
    return ("single", _escaped(name), target, False, None)


def _insert_before(node: nodes.Element, index: addnodes.index) -> None:
    parent = node.parent
    parent.insert(parent.index(node), index)


class IndexNames(SphinxTransform):
    """Index entries for the page's speakers and event places (see the module docstring).

    Before Sphinx's domains process the page (priority 850), so its index domain collects
    them with the entries of ``{index}`` roles; after run-in quotes joined their paragraphs.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for quote in list(self.document.findall(brief_quote)):
            name = quote.get("sort_name") or quote.get("speaker", "")
            if not name or not quote["ids"] or quote.parent is None:
                continue
            inline = isinstance(quote, brief_run_in)
            index = addnodes.index(entries=[_entry(name, quote["ids"][0])], inline=inline)
            _insert_before(quote, index)
        for event in list(self.document.findall(brief_event)):
            place = event.get("place", "")
            if not place or not event["ids"] or event.parent is None:
                continue
            holder: nodes.Element = event
            for ancestor in _ancestors(event):
                if isinstance(ancestor, brief_timeline):
                    holder = ancestor
            index = addnodes.index(entries=[_entry(place, event["ids"][0])], inline=False)
            _insert_before(holder, index)


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def setup(app: Sphinx) -> None:
    app.add_transform(IndexNames)

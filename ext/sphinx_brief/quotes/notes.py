"""An attribution's note, shared: the quotation's source is given once, and always shown.

The attribution cites the quote's sources as one note of the page (as ``{note}`` does).  A
note of the same sources is not given twice in a row, though: if the quotation's own words
cite them, or if the next note after the quotation does (a note covers the words before it
back to the previous note, as in a manuscript that puts its note after the sentence around
the quotation), the attribution links to that note, with the same number.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..citations.notes import note_keys, share
from .nodes import brief_attribution, brief_quote


def _following_notes(node: nodes.Element) -> list[nodes.footnote_reference]:
    """The next note after ``node`` in its section (all references of a "[1][2]" cluster)."""
    current: nodes.Element = node
    while current.parent is not None:
        parent = current.parent
        for sibling in parent.children[parent.index(current) + 1 :]:
            if isinstance(sibling, nodes.section):
                return []
            first = next(sibling.findall(nodes.footnote_reference), None)
            if first is not None:
                return _cluster(first)
        if isinstance(parent, nodes.section | nodes.document):
            return []
        current = parent
    return []


def _cluster(first: nodes.footnote_reference) -> list[nodes.footnote_reference]:
    cluster = [first]
    parent = first.parent
    for sibling in parent.children[parent.index(first) + 1 :]:
        if isinstance(sibling, nodes.footnote_reference):
            cluster.append(sibling)
        elif not (isinstance(sibling, nodes.Text) and not sibling.astext().strip()):
            break
    return cluster


def _keys(env: BuildEnvironment, ref: nodes.footnote_reference) -> set[str]:
    return set(note_keys(env, str(ref.get("refname", ""))) or ())


class SharedNotes(SphinxTransform):
    """An attribution's note that the quoted words or the very next note already give is
    that note: the attribution links to it, with its number, and makes no note of its own.

    A quote's attribution always links to a note: its own (all the quote's sources, as one
    note) unless a note of its words, or else the first note after the quotation (a
    manuscript's way: the note after the sentence around the quotation), cites every one of
    the quote's sources.  Before the notes get their text (612) and numbers (620).  Quotes
    are seen last to first: a later quote's attribution is final when an earlier quote
    looks for "the next note".
    """

    default_priority = 605

    def apply(self, **kwargs: Any) -> None:
        for quote in reversed(list(self.document.findall(brief_quote))):
            attribution = next(iter(quote.findall(brief_attribution)), None)
            if attribution is None:
                continue
            own = [ref for ref in attribution.children if isinstance(ref, nodes.footnote_reference)]
            if len(own) != 1:
                continue
            wanted = _keys(self.env, own[0])
            if not wanted:
                continue
            inside = [r for r in quote.findall(nodes.footnote_reference) if r is not own[0]]
            after = _following_notes(quote)[:1]
            match = next((r for r in [*inside, *after] if wanted <= _keys(self.env, r)), None)
            if match is None:
                continue
            share(self.env, self.document, own[0], str(match["refname"]))
            if "brief-run-in" in quote["classes"] and _paragraph(match) is _paragraph(quote):
                # A run-in quotation whose sentence ends with the note that covers it: that
                # note is its note, at the manuscript's marker; a second marker of the same
                # number right after the closing quotation mark would be a note the
                # manuscript does not have.
                _drop(self.document, own[0])


def _paragraph(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.paragraph):
        parent = parent.parent
    return parent


def _drop(document: nodes.document, ref: nodes.footnote_reference) -> None:
    """Take a note reference out of the page and of the document's tables (numbering and
    back-links), before docutils numbers the notes."""
    for table in (document.footnote_refs, document.refnames):
        refs = table.get(str(ref.get("refname", "")), [])
        if ref in refs:
            refs.remove(ref)
    if ref in document.autofootnote_refs:
        document.autofootnote_refs.remove(ref)
    for ref_id in ref["ids"]:
        document.ids.pop(ref_id, None)
    ref.parent.remove(ref)

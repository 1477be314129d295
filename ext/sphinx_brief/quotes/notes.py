"""An attribution's note, shared: the quotation's source is given once, and always shown.

The attribution cites the quote's sources as one note of the page (as ``{note}`` does).  A
note of the same sources is not given twice in a row, though: if the quotation's own words
cite them, or if the first note of the text that follows the quotation does (a manuscript
puts its note after the sentence around the quotation), the attribution links to that note,
with the same number.  That text is the paragraph that follows (and first, for a run-in
quote, the rest of its own paragraph): another block -- a second quotation, whose
attribution has a note of its own -- is not it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..citations.notes import note_keys, share
from ..core.visitors import AnchorOnly
from .nodes import brief_attribution, brief_quote


def _following_notes(quote: brief_quote) -> list[nodes.footnote_reference]:
    """The first note of the text that follows the quotation (all references of a "[1][2]"
    cluster), or none.

    That text is, for a run-in quote, the rest of its paragraph; then (or right away for a
    block quotation) the paragraph that follows, if what follows is a paragraph: a note
    further on, or one of another block (a quotation's attribution, a list …), covers other
    words.  Anchors and other invisible nodes between them are passed over.
    """
    current: nodes.Element = quote
    if "brief-run-in" in quote["classes"]:
        paragraph = _paragraph(quote)
        if isinstance(paragraph, nodes.paragraph):
            while current is not paragraph:
                parent = current.parent
                for sibling in parent.children[parent.index(current) + 1 :]:
                    first = _first_note(sibling)
                    if first is not None:
                        return _cluster(first)
                current = parent
    while current.parent is not None and not isinstance(current, nodes.section | nodes.document):
        parent = current.parent
        for sibling in parent.children[parent.index(current) + 1 :]:
            if _unseen(sibling):
                continue
            if not isinstance(sibling, nodes.paragraph):
                return []
            first = _first_note(sibling)
            return _cluster(first) if first is not None else []
        current = parent
    return []


def _first_note(node: nodes.Node) -> nodes.footnote_reference | None:
    if isinstance(node, nodes.footnote_reference):
        return node
    if isinstance(node, nodes.Element):
        return next(node.findall(nodes.footnote_reference), None)
    return None


def _unseen(node: nodes.Node) -> bool:
    """What a reader does not see between a quotation and the paragraph after it: a target,
    a comment, an index entry, a message, an event outside a timeline (only an anchor)."""
    return isinstance(node, nodes.Invisible | nodes.system_message | AnchorOnly)


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
    note) unless a note of its words, or else the first note of the text that follows the
    quotation (:func:`_following_notes`; a manuscript's way: the note after the sentence
    around the quotation), cites every one of the quote's sources.  Before the notes get
    their text (612) and numbers (620).  Quotes are seen last to first: a later quote's
    attribution is final when an earlier run-in quote of the same paragraph looks for the
    next note of its sentence.
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

"""An attribution's notes, not repeated: the quotation's source is given once.

The attribution cites each source with sphinxcontrib-bibtex's ``footcite`` machinery, so a
quote's notes are numbered with the page's other notes.  A source is not cited a second time
in a row, though: if the quotation's own words cite it, or if the next note after the
quotation does (a note covers the words before it back to the previous note, as in a
manuscript that puts its note after the sentence around the quotation), the attribution
leaves it to that note.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

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


def _drop_reference(document: nodes.document, ref: nodes.footnote_reference) -> None:
    # The reference is registered with the document for numbering and back-links; it must
    # leave those lists too, or its note would link back to nothing.
    ref.parent.remove(ref)
    if ref in document.autofootnote_refs:
        document.autofootnote_refs.remove(ref)
    refs = document.footnote_refs.get(ref.get("refname", ""), [])
    if ref in refs:
        refs.remove(ref)
    for ref_id in ref["ids"]:
        document.ids.pop(ref_id, None)


class NotRepeatedNotes(SphinxTransform):
    """Drop an attribution's note that the quoted words or the very next note already give.

    Before docutils numbers the notes (priority 620), so numbers and back-links agree.
    Quotes are seen last to first: a later quote's attribution is final when an earlier
    quote looks for "the next note".
    """

    default_priority = 605

    def apply(self, **kwargs: Any) -> None:
        for quote in reversed(list(self.document.findall(brief_quote))):
            attribution = next(iter(quote.findall(brief_attribution)), None)
            if attribution is None:
                continue
            own = [ref for ref in attribution.children if isinstance(ref, nodes.footnote_reference)]
            if not own:
                continue
            given = {
                ref.get("refname")
                for ref in quote.findall(nodes.footnote_reference)
                if ref not in own
            }
            given |= {ref.get("refname") for ref in _following_notes(quote)}
            for ref in own:
                if ref.get("refname") in given:
                    _drop_reference(self.document, ref)

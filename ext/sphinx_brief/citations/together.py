"""The ``{note}`` notes of a page that has other notes too (MyST ``[^x]`` notes, reST's
``[#x]_``, ``{footcite}``): light all the same, and numbered with the others in reading order.

Docutils footnotes are seven nodes a note, which every transform of every page walks: a
page of sixty claims and two notes of the author's own would pay for sixty-two of them.
Instead :class:`.notes.FillNotes` keeps the ``{note}`` notes light (:mod:`.marks`), docutils
numbers its own footnotes (620), MyST gathers them at the page's end (623), and
:class:`NumberTogether` then gives every note the number it has in reading order (what
docutils would have given them all) and takes the footnotes at the page's end into the
notes' node, where they are written in number order with the others (:mod:`.written`).

Where docutils' numbering is not one count in reading order, a note numbered by hand
(``[^1]``, ``[1]_``) or an anonymous one (``[#]_``), the page's ``{note}``s are docutils
footnotes instead (:func:`light_beside`), which docutils numbers as it numbers those.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .marks import brief_note_ref, brief_notes, notes_of

#: Temporary data of a page whose notes are numbered together: its :class:`Waiting`.
TOGETHER = "brief_notes_together"


class Waiting(NamedTuple):
    listing: brief_notes
    #: whether MyST gathers the page's footnotes at its end (after a transition)
    collected: bool
    #: the page's notes and references to them in reading order, as the page was read
    #: (MyST then moves the footnotes, and the references in their texts, to the end)
    order: list[nodes.Element]


def reading(document: nodes.document) -> list[nodes.Element]:
    """The page's notes and references to them, in reading order (for :class:`Waiting`)."""
    return list(document.findall(_counted))


def light_beside(document: nodes.document) -> bool:
    """Whether the page's other notes let its ``{note}``s stay light: each of them is
    numbered automatically and has a name (MyST's ``[^x]``, reST's ``[#x]``,
    ``{footcite}``), or is marked with a symbol."""
    return (
        not document.footnotes
        and all(note["names"] for note in document.autofootnotes)
        and all("refname" in ref for ref in document.autofootnote_refs)
    )


class NumberTogether(SphinxTransform):
    """Number a page's ``{note}``s and its other notes together, in reading order, and
    hold the other notes at the page's end in the notes' node.  After docutils numbers
    footnotes (620) and MyST gathers them at the end (623)."""

    default_priority = 624

    def apply(self, **kwargs: Any) -> None:
        waiting = self.env.temp_data.pop(TOGETHER, None)
        if not isinstance(waiting, Waiting) or waiting.listing.parent is None:
            return
        numbers = _renumber(waiting.order)
        listing = waiting.listing
        renumbered = [
            (note.id, numbers[note.id], note.backrefs, note.shown) for note in notes_of(listing)
        ]
        listing["notes"] = tuple(sorted(renumbered, key=lambda note: int(note[1])))
        _hold_the_last(self.document, listing, waiting.collected)


def _counted(node: nodes.Node) -> bool:
    return isinstance(node, nodes.footnote_reference | nodes.footnote)


def _renumber(order: list[nodes.Element]) -> dict[str, str]:
    """Number every automatically numbered note of the page by where it is first referred
    to in ``order`` (a note no mark refers to: where it stands), the ``{note}``s' marks and
    the other notes' references and labels.  Returns each note's number by its id."""
    numbers: dict[str, str] = {}
    marks: list[brief_note_ref] = []
    refs: list[nodes.footnote_reference] = []
    labels: list[tuple[str, nodes.label]] = []
    for node in order:
        if isinstance(node, brief_note_ref):
            key = str(node["refid"])
            marks.append(node)
        elif isinstance(node, nodes.footnote_reference):
            if node.get("auto") != 1 or "refid" not in node:
                continue  # a note marked with a symbol
            key = str(node["refid"])
            refs.append(node)
        else:
            label = node.children[0] if node.children else None
            if node.get("auto") != 1 or not node["ids"] or not isinstance(label, nodes.label):
                continue
            key = str(node["ids"][0])
            labels.append((key, label))
            if node["backrefs"]:
                continue  # numbered where it is first referred to
        numbers.setdefault(key, str(len(numbers) + 1))
    for mark in marks:
        mark["number"] = numbers[str(mark["refid"])]
    for ref in refs:
        ref[:] = [nodes.Text(numbers[str(ref["refid"])])]
    for key, label in labels:
        label[:] = [nodes.Text(numbers[key])]
    return numbers


def _hold_the_last(document: nodes.document, listing: brief_notes, collected: bool) -> None:
    """Take the run of footnotes at the end of the notes' section (where MyST gathers a
    page's footnotes, after its transition, or where the author put them) into the notes'
    node, which stands where the run began."""
    target = listing.parent
    target.remove(listing)
    start = len(target.children)
    while start and isinstance(target[start - 1], nodes.footnote):
        start -= 1
    held = target.children[start:]
    del target[start:]
    if (
        collected
        and getattr(document.settings, "myst_footnote_transition", False)
        and not (start and isinstance(target[start - 1], nodes.transition))
    ):
        transition = nodes.transition(classes=["footnotes"])  # as MyST sets it
        transition.source = document.source
        target += transition
    target += listing
    listing.extend(held)

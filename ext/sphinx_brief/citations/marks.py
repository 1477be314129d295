"""The nodes of a page's ``{note}`` notes while it is read and stored: light, not footnotes.

A brief may hold thousands of notes, and a docutils footnote is seven nodes (its reference
and number, the footnote, its label and number, a paragraph, its text) that every transform
of every page walks and every environment pickle holds.  A page whose only notes are the
extension's own keeps each note as ONE node where it is cited, :class:`brief_note_ref` (a
footnote reference with its number and target, no children), and the notes' texts as data
of ONE node at the end of the page, :class:`brief_notes` (for each note: its id, number,
back-references and how each source is shown).  Neither holds any text of the note.

When the page is written, the notes become what a footnote would be written as, with the
writer's own code (:mod:`.written`): HTML builders write a footnote reference and the
footnotes from these nodes; every other builder gets real ``footnote_reference`` and
``footnote`` nodes in their place, before its own transforms (LaTeX's footnotes included).
On a page that has other notes too (MyST ``[^x]``, ``{footcite}``) the notes are numbered
with those, and the node at the end of the page holds those of them that stand there, to be
written in number order with its own (:mod:`.together`, :func:`in_order`).
"""

from __future__ import annotations

from typing import NamedTuple

from docutils import nodes

from .compose import Form

#: How one source of a note is shown: prefix, key, locator, form.
Shown = tuple[str, str, str, Form]

#: The class of a ``{note}``'s reference and footnote (``brief-note``).
CLASS = "brief-note"


class brief_note_ref(nodes.footnote_reference):
    """A note's mark where it is cited: ``refid`` (the note), ``ids``, ``number``.

    A footnote reference, so that what looks for notes in a paragraph finds it; it has no
    text child: its number is an attribute, written by :mod:`.written`.
    """


class brief_cited_inline(nodes.inline):
    """A ``{note}`` in the text of another note (a MyST ``[^x]`` note, a footnote): its
    sources are written there, in the text, as a note cites (``refname``: its sources in
    the page's pending notes).  Replaced by their text when the page's notes are settled
    (:class:`.notes.FillNotes`); no writer sees it."""


class brief_notes(nodes.General, nodes.Element):
    """The page's ``{note}`` notes, in numbering order, as data (``notes``: one
    :class:`NoteData` each, as plain tuples of strings, which pickle and print).

    Tuples, not lists: every page of a brief is held in memory until it is written, and
    the garbage collector stops looking at a tuple of strings, never at a list; notes shown
    alike share one ``shown`` tuple, which the pickle then stores once."""


class NoteData(NamedTuple):
    """One note of :class:`brief_notes`."""

    #: the footnote's id (the target of its references)
    id: str
    number: str
    #: the ids of its references, in reading order
    backrefs: tuple[str, ...]
    #: each source as shown
    shown: tuple[Shown, ...]


def notes_of(node: brief_notes) -> list[NoteData]:
    return [NoteData(*data) for data in node.get("notes", ())]


def in_order(node: brief_notes) -> list[NoteData | nodes.footnote]:
    """A page's notes in numbering order: its ``{note}`` notes, and on a page with other
    notes as well the docutils footnotes the node holds (:mod:`.together`); numbered ones
    by number, then those marked with symbols, in the order they stand."""
    notes: list[NoteData | nodes.footnote] = list(notes_of(node))
    held = [child for child in node.children if isinstance(child, nodes.footnote)]
    if not held:
        return notes
    notes.extend(held)
    return sorted(notes, key=_number_of)


def _number_of(note: NoteData | nodes.footnote) -> tuple[int, int]:
    """Where a note goes: by its number (a footnote's label), a symbol's note last."""
    number = note.number if isinstance(note, NoteData) else ""
    if isinstance(note, nodes.footnote) and note.children:
        label = note.children[0]
        number = label.astext() if isinstance(label, nodes.label) else ""
    return (0, int(number)) if number.isdigit() else (1, 0)

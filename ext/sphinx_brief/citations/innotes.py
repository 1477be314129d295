"""Sources written in the text of a note (a MyST ``[^x]`` note, a footnote), where a note
cannot have notes of its own: a ``{note}`` there, and a quotation's sources there.

:class:`.notes.FillNotes` settles their forms in reading order (:func:`reading_order`: a
note's text is read where its mark stands) and writes them in place.
"""

from __future__ import annotations

from docutils import nodes

from .marks import brief_cited_inline


def reading_order(document: nodes.document) -> list[nodes.Element]:
    """The page's note marks and the sources written in notes' texts, in reading order: a
    note's text is read where its mark stands (MyST gathers ``[^x]`` texts anywhere)."""
    found = list(document.findall(_note_or_inline))
    held: dict[str, list[nodes.Element]] = {}
    within: set[int] = set()
    for node in found:
        if isinstance(node, brief_cited_inline):
            note = node.parent
            while note is not None and not isinstance(note, nodes.footnote):
                note = note.parent
            if note is not None and note["names"]:
                held.setdefault(str(note["names"][0]), []).append(node)
                within.add(id(node))
    if not held:
        return found
    order: list[nodes.Element] = []
    for node in found:
        if id(node) in within:
            continue
        order.append(node)
        if isinstance(node, nodes.footnote_reference):
            order.extend(held.pop(str(node.get("refname", "")), ()))
    for rest in held.values():  # notes no mark points to, where they stand
        order.extend(rest)
    return order


def cited_by_its_note(place: brief_cited_inline) -> bool:
    """Whether the text of the note that holds a quotation's sources (``place``) cites
    them all itself, in a ``{note}`` of its own."""
    note = place.parent
    while note is not None and not isinstance(note, nodes.footnote):
        note = note.parent
    if note is None:
        return False
    cited = {
        str(key)
        for other in note.findall(brief_cited_inline)
        if not other.get("quoted")
        for key in other.get("keys", ())
    }
    return set(place.get("keys", ())) <= cited


def glued(place: nodes.Node) -> bool:
    """Whether the text before ``place`` ends with no space to set it apart."""
    before = place.previous_sibling()
    if before is None:
        return False
    text = before.astext()
    return bool(text) and not text[-1].isspace() and text[-1] not in "([“‘\"'—–-/"


def without_full_stop(cited: list[nodes.Node]) -> list[nodes.Node]:
    """A note's text without its closing full stop (set in parentheses in a note's text;
    a quoted title's full stop inside its marks goes too: “Title”)."""
    if cited and isinstance(cited[-1], nodes.Text):
        text = str(cited[-1])
        for end, kept in ((".", ""), (".”", "”"), (".’”", "’”")):
            if text.endswith(end):
                cited[-1] = nodes.Text(text[: -len(end)] + kept)
                break
    return cited


def _note_or_inline(node: nodes.Node) -> bool:
    return isinstance(node, nodes.footnote_reference | brief_cited_inline)

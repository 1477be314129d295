"""Editor's notes: the visible mark of a factual doubt, with the author's words kept.

``{editor-note}`text``` renders "[Editor’s note: text]" inline, in every builder, as a
``brief_editor_note`` node (an ``inline`` subclass, so builders that do not know it still
write its text).  Other components (timelines) create the same node for their notes.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from .core.logs import warn

#: The class every editor's note carries, so tests and styles can find (or skip) them.
CLASS = "brief-editor-note"
LABEL = "Editor’s note: "


class brief_editor_note(nodes.inline):
    """An editor's note; its children are the note's text, without the label."""


def make_note(
    text: str | nodes.Node,
    *,
    source: str | os.PathLike[str] | None = None,
    line: int | None = None,
) -> brief_editor_note:
    note = brief_editor_note(classes=[CLASS])
    note += nodes.Text("[")
    note += nodes.emphasis(LABEL.strip(), LABEL.strip())
    note += nodes.Text(" ")
    note += nodes.Text(text) if isinstance(text, str) else text
    note += nodes.Text("]")
    # Sphinx 9.2 may give a path (``get_source_info``); a node's source is text
    note.source, note.line = (os.fspath(source) if source is not None else None), line
    return note


class EditorNoteRole(SphinxRole):
    """``{editor-note}`The war ended in 1988.``` — plain text, shown as an editor's note."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip()
        if not text:
            msg = self.inliner.reporter.warning("editor-note: the note is empty", line=self.lineno)
            return [], [msg]
        source, line = self.get_source_info()
        return [make_note(text, source=source, line=line)], []


class SpaceBeforeNotes(SphinxTransform):
    """An editor's note glued to the word before it is set off by a space.

    ``Senator{editor-note}`…``` would read "Senator[Editor’s note: …]": a note is read
    beside the author's words, never as part of them, so it gets the space the author
    did not type (unlike a footnote mark, which belongs to the word).  After white space
    or an opening bracket or quote nothing is added.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for note in list(self.document.findall(brief_editor_note)):
            parent = note.parent
            if parent is None:
                continue
            index = parent.index(note)
            if index == 0:
                continue
            before = parent[index - 1].astext()
            if before and _glued(before[-1]):
                parent.insert(index, nodes.Text(" "))


def _glued(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in ("Ps", "Pi")


#: The role's name as it stays in the text when MyST does not read it as a role.
_UNREAD = "{editor-note}"


class UnreadNotes(SphinxTransform):
    """Report an editor's note that MyST left as text.

    MyST reads ``{editor-note}`text``` as the role only if the backticks hold something:
    an empty note (``{editor-note}````) stays in the page as the characters themselves,
    without a word.  Code (inline or block) may show the role's syntax, of course.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if _UNREAD not in text or _in_code(text):
                continue
            warn(
                "editor-note",
                "editor-note: the note is empty or not closed (%r is left as text); "
                "write it as {editor-note}`the note`",
                _excerpt(str(text)),
                location=text.parent,
            )


def _in_code(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.literal | nodes.FixedTextElement | nodes.raw | nodes.comment):
            return True
        parent = parent.parent
    return False


def _excerpt(text: str) -> str:
    start = text.index(_UNREAD)
    return text[start : start + len(_UNREAD) + 20]

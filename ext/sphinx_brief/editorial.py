"""Editor's notes: the visible mark of a factual doubt, with the author's words kept.

``{editor-note}`text``` renders "[Editor’s note: text]" inline, in every builder, as a
``brief_editor_note`` node (an ``inline`` subclass, so builders that do not know it still
write its text).  Other components (timelines) create the same node for their notes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

#: The class every editor's note carries, so tests and styles can find (or skip) them.
CLASS = "brief-editor-note"
LABEL = "Editor’s note: "


class brief_editor_note(nodes.inline):
    """An editor's note; its children are the note's text, without the label."""


def make_note(
    text: str | nodes.Node, *, source: str | None = None, line: int | None = None
) -> brief_editor_note:
    note = brief_editor_note(classes=[CLASS])
    note += nodes.Text("[")
    note += nodes.emphasis(LABEL.strip(), LABEL.strip())
    note += nodes.Text(" ")
    note += nodes.Text(text) if isinstance(text, str) else text
    note += nodes.Text("]")
    note.source, note.line = source, line
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

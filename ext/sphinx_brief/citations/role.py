"""The ``{note}`` role (the syntax is :mod:`.syntax`'s; the notes are :mod:`.notes`')."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import cast

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole

from .. import bibtex
from ..core.checks import body_note_rule
from ..core.logs import warn
from .notes import IN_A_NOTE, make_note, misplaced_note
from .sources import note_bib_dependency
from .syntax import parse

#: The warning code of a note that cannot be read in full (core/logs.py CODES).
NOTE = "note"
#: The warning code of a note in a body that has no place for it (core/checks.py).
BODY_NOTE = "body-note"
_CURSORS = "brief_note_cursors"
_SOURCE = "brief_note_source"
_DEPENDS = "brief_note_depends"


class NoteRole(SphinxRole):
    """``{note}`…```: one note of one or more sources (see the module docstring)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found: list[str | tuple[str, int]] = []

        def location() -> str | tuple[str, int]:
            # found once a role: finding it moves the page's cursor on to the next role
            if not found:
                found.append(self._location())
            return found[0]

        misplaced = misplaced_note(getattr(self.inliner, "parent", None))
        if misplaced is not None and misplaced != IN_A_NOTE:
            warn(NOTE, "%s", misplaced, location=location())
            return [], []
        items, problems = parse(self.text)
        for problem in problems:
            warn(NOTE, "%s", problem.message, location=location())
        known = bibtex.entries(self.env)
        cited = []
        for item in items:
            if item.key in known:
                cited.append(item)
            else:
                warn(
                    "unknown-source",
                    "note cites %r, which is not a key of the bibliography (bibtex_bibfiles)",
                    item.key,
                    location=location(),
                )
        if not self.env.temp_data.get(_DEPENDS):
            # the page shows what the bib files hold: re-read it when they change
            self.env.temp_data[_DEPENDS] = True
            note_bib_dependency(self.env)
        rule = body_note_rule(self.env)
        if rule is not None:
            # in a body that has no place for a note (an event's): said at the role's line,
            # and a note left out is never made (no number used up, no empty note)
            warn(BODY_NOTE, "%s", rule.message, location=location())
            if not rule.kept:
                return [], []
        if not cited:
            return [], []
        # in the text of a note, its sources are written there (a note has no notes)
        note = make_note(self.env, self.inliner.document, cited, inline=misplaced == IN_A_NOTE)
        note.line = self.lineno  # reST: the line of a heading's text (see notes._leave_out)
        return [note], []

    def _location(self) -> str | tuple[str, int]:
        """The file and line of the role itself (roles are given their paragraph's line)."""
        source, line = self.get_source_info()
        path = source or self.env.doc2path(self.env.docname)
        lineno = line or self.lineno
        return f"{path}:{_role_line(self.env, str(path), lineno, self.text)}"


def _role_line(env: BuildEnvironment, path: str, lineno: int, text: str) -> int:
    """The line where ``text`` (a role's content) stands in ``path``, from ``lineno`` on;
    roles of one paragraph are found one after the other.  ``lineno`` if not found."""
    temp = env.temp_data
    cached = temp.get(_SOURCE)
    if cached is None or cached[0] != path:
        try:
            with open(path, encoding="utf-8") as stream:
                content = stream.read()
        except (OSError, UnicodeDecodeError):
            content = ""
        starts = [0] + [m.end() for m in re.finditer("\n", content)]
        cached = temp[_SOURCE] = (path, content, starts)
    _, content, starts = cached
    if not content or not 1 <= lineno <= len(starts):
        return lineno
    cursors = cast("dict[tuple[str, int], int]", temp.setdefault(_CURSORS, {}))
    begin = max(starts[lineno - 1], cursors.get((path, lineno), 0))
    written = f"`{text}`"
    start = content.find(written, begin)  # as written on one line: no pattern to make
    if start >= 0:
        end = start + len(written)
    else:
        pattern = r"`\s*" + r"\s+".join(re.escape(word) for word in text.split()) + r"\s*`"
        found = re.compile(pattern).search(content, begin)
        if found is None:
            return lineno
        start, end = found.start(), found.end()
    cursors[(path, lineno)] = end
    return bisect_right(starts, start)

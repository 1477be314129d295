"""The floor under the notes' cost (bench/generate.py's ``marks`` variant).

Stands in for ``sphinx_brief``'s ``{note}`` role: the role's text is read as MyST reads any
role, and one empty ``inline`` node stands where each note would: no source, no number, no
note at the end of the page, nothing in the search index.  Every transform of every page
walks that node as it walks the prose, so this is what any note costs that is a node in the
text, before it holds anything.  Never part of a brief: bench/run.py's corpora only.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole


class MarkOnly(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline()], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("note", MarkOnly(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Print layout: the pages a brief links from its toctree become sections of the PDF.

A brief is one narrative page whose hidden toctree (Chronology, Who said what, Sources)
stands after its last section.  Sphinx's LaTeX builder inlines each linked page where the
toctree stands, so the pages would become subsections of the brief's last section
("3.1 Sources").  For LaTeX only, we move every page that the root document includes up
to the level of the root's own top-level sections, after them, in toctree order.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def _outer_section(node: nodes.Node) -> nodes.section | None:
    outer = None
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return None  # included by another included page: leave it where it is
        if isinstance(parent, nodes.section):
            outer = parent
        parent = parent.parent
    return outer


def hoist_included_pages(doctree: nodes.document) -> None:
    for included in list(doctree.findall(addnodes.start_of_file)):
        top = _outer_section(included)
        if top is None or included.parent is top:
            continue
        included.parent.remove(included)
        top.append(included)


class HoistIncludedPages(SphinxPostTransform):
    """The move, on the assembled document, before anything reads its order: the notes are
    numbered through an article's PDF in the order it is set (:mod:`..citations.through`,
    priority 2), with a toctree at the top of the root page as well as at its end."""

    formats = ("latex",)
    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        hoist_included_pages(self.document)


def setup(app: Sphinx) -> None:
    app.add_post_transform(HoistIncludedPages)

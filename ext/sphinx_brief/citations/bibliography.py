"""The bibliography's entries as link targets in every format."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import bibtex


class BibliographyAnchors(SphinxPostTransform):
    """LaTeX: give bibliography entries a label, so short citations can link to them.

    The LaTeX writer writes no label for a list item's ids (``:list: bullet``), and a
    citation's ``\\bibitem`` key is not a ``\\ref`` label; a target in the entry's first
    paragraph adds one, with the same id, where the entry stands.
    """

    default_priority = 6
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        ids = bibtex.citation_ids(self.env)
        if not ids:
            return
        for node in list(self.document.findall(_is_bib_entry)):
            assert isinstance(node, nodes.Element)
            mine = [i for i in node["ids"] if i in ids]
            paragraph = node.next_node(nodes.paragraph)
            if mine and paragraph is not None:
                paragraph.insert(0, nodes.target("", "", ids=mine))


def _is_bib_entry(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.list_item, nodes.citation)) and "docname" in node

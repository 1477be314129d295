"""Web addresses printed exactly as written: never "educated" by the smart quotes.

An address shown as itself (a link whose text is its target: a note's or an entry's
``url``, a ``\\url{…}`` in a bib field, a bare address in the prose) is text a reader may
type; Sphinx's smart quotes would make ``'historic-victory'`` in it ``‘historic-victory’``,
and the printed address would no longer be its link.  Docutils' smart quotes skip a node
marked ``support_smartquotes = False``.

- :func:`keep_verbatim` marks the addresses of a node the extension makes (notes, the
  bibliography), which it educates itself;
- :class:`VerbatimAddresses` marks those of the page being read before Sphinx's smart quotes
  run on it: the notes of ``{footcite}``, which sphinxcontrib-bibtex makes while the page is
  read, and addresses in the prose.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform


def is_address(ref: nodes.reference) -> bool:
    """Whether ``ref`` shows its own target (an address, not words linked to one)."""
    uri = ref.get("refuri")
    return bool(uri) and ref.astext() == uri


def keep_verbatim(node: nodes.Element, *, every_link: bool = False) -> None:
    """Mark the addresses in ``node`` (with ``every_link``, all of its links) so that the
    smart quotes leave them as they are."""
    for ref in node.findall(nodes.reference):
        if every_link or is_address(ref):
            ref["support_smartquotes"] = False


class VerbatimAddresses(SphinxTransform):
    """The page's addresses kept out of Sphinx's smart quotes (priority 750), after the
    notes of ``{footcite}`` are placed (:class:`.sources.PlacePendingNotes`, 610)."""

    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        keep_verbatim(self.document)

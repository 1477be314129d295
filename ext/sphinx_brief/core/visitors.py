"""Visitors shared by the nodes of every component, for every builder.

Each node of the extension is registered with an explicit visitor for html, latex, text, man
and texinfo, so that no builder meets a node it does not know; these are the common ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes


class AnchorOnly:
    """Mixin of a node written, where it stands in the text, as an anchor only (an event
    outside a timeline): readers see nothing there, so the text before it runs on to the
    text after it (a quotation's "paragraph that follows", :mod:`..quotes.notes`)."""


Visitor = Callable[[Any, Any], None]
#: ``app.add_node`` keyword arguments: builder name → (visit, depart).
Handlers = dict[str, tuple[Visitor, Visitor]]

#: The builders every node has a visitor for.
BUILDERS = ("html", "latex", "text", "man", "texinfo")


def nothing(self: Any, node: nodes.Element) -> None:
    """Write nothing for the node itself (its children are written as usual)."""


def skip(self: Any, node: nodes.Element) -> None:
    """Write neither the node nor its children."""
    raise nodes.SkipNode


def written_as(visit: str, depart: str) -> tuple[Visitor, Visitor]:
    """Write the node as the translator writes another kind of node (``visit_inline``…)."""

    def do_visit(self: Any, node: nodes.Element) -> None:
        getattr(self, visit)(node)

    def do_depart(self: Any, node: nodes.Element) -> None:
        getattr(self, depart)(node)

    return do_visit, do_depart


#: An inline node of the extension, written as each builder writes an ``inline``.
INLINE: Handlers = dict.fromkeys(BUILDERS, written_as("visit_inline", "depart_inline"))


def every_builder(visit: Visitor, depart: Visitor) -> Handlers:
    """The same pair of visitors for every builder."""
    return dict.fromkeys(BUILDERS, (visit, depart))

"""The bodies of events, kept apart from their page's doctree for the chronologies that
show them on other pages.

A collected chronology then reads the bodies of the events it shows, not the whole stored
doctree of every page that declares one (unpickling a page makes every node of it, and a
hundred of them, then dropped, cost more than the rest of the chronology).  Simple bodies are
also kept as :data:`Markup`, plain values that HTML builders write without making a node.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import editorial
from ..core.domain import get_domain
from .nodes import brief_event
from .records import KIND

#: Inline markup as plain values: ``(node type name, classes, children)``, each child a
#: string (text) or markup.  Builder-independent, cheap to pickle and to read.
Markup = tuple[str, tuple[str, ...], tuple["Markup | str", ...]]

#: The nodes a body may be made of to be kept as :data:`Markup` (exact types: a subclass
#: may be another extension's node, written its own way).
MARKUP_NODES = frozenset(
    {
        nodes.paragraph,
        nodes.emphasis,
        nodes.strong,
        nodes.subscript,
        nodes.superscript,
        editorial.brief_editor_note,
    }
)

#: What a body loses in a chronology on another page (``timeline._detached``): a note
#: belongs to its page, an anchor to the original.
DROPPED = (nodes.footnote_reference, nodes.target)


@dataclass(frozen=True)
class StoredBodies:
    """The bodies of one page's events, kept apart from its doctree (:func:`store_bodies`)."""

    #: ``{anchor: body nodes}``, the nodes tied to no document
    pickled_nodes: bytes
    #: ``{anchor: markup}`` for the bodies made of paragraphs of text and simple inline
    #: markup, as a chronology on another page shows them (:func:`body_markup`): HTML
    #: builders write them without making a node
    pickled_markup: bytes
    # (Pickled: bytes are one object to the garbage collector and to the environment's
    # pickle, however many bodies they hold, and are only read by a chronology.)

    def bodies(self) -> dict[str, list[nodes.Node]]:
        """Every body, as new nodes."""
        bodies: dict[str, list[nodes.Node]] = pickle.loads(self.pickled_nodes)
        return bodies

    def markup(self) -> dict[str, tuple[Markup, ...]]:
        """The simple bodies, as markup."""
        markup: dict[str, tuple[Markup, ...]] = pickle.loads(self.pickled_markup)
        return markup


def store_bodies(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after other handlers: the bodies of the page's events, kept apart
    in the domain for the chronologies that collect them on other pages.

    Such a chronology then reads the bodies of the events it shows, not the whole stored
    doctree of every page that declares one (unpickling a page makes every node of it, and
    a hundred of them, then dropped, cost more than the rest of the chronology).
    """
    bodies: dict[str, list[nodes.Node]] = {}
    markup: dict[str, tuple[Markup, ...]] = {}
    for node in doctree.findall(brief_event):
        if node.get("valid") and node["ids"] and node["body"].strip():
            anchor = node["ids"][0]
            bodies[anchor] = [_standalone(child) for child in node.children]
            simple = body_markup(bodies[anchor])
            if simple is not None:
                markup[anchor] = simple
    if bodies:
        stored = StoredBodies(
            pickle.dumps(bodies, protocol=pickle.HIGHEST_PROTOCOL),
            pickle.dumps(markup, protocol=pickle.HIGHEST_PROTOCOL),
        )
        get_domain(app.env).store(KIND, app.env.docname, stored)


def stored_bodies(env: BuildEnvironment, docname: str) -> StoredBodies | None:
    """What :func:`store_bodies` kept for a page; None if it kept nothing."""
    stored = get_domain(env).stored(KIND, docname)
    return stored if isinstance(stored, StoredBodies) else None


def body_markup(body: Iterable[nodes.Node]) -> tuple[Markup, ...] | None:
    """A body of paragraphs of text, emphasis, strong, sub- and superscripts and editor's
    notes, as :data:`Markup`, once its note references and anchors are dropped and without
    ids, as a chronology on another page shows it (``timeline._detached``); None for any
    other body."""
    paragraphs = []
    for node in body:
        if isinstance(node, DROPPED):
            continue
        if type(node) is not nodes.paragraph:
            return None
        markup = _markup(node)
        if markup is None:
            return None
        paragraphs.append(markup)
    return tuple(paragraphs)


def _markup(node: nodes.Element) -> Markup | None:
    if type(node) not in MARKUP_NODES:
        return None
    classes = tuple(node["classes"])
    if any(name.startswith("language-") for name in classes):
        return None  # writers make such a class an attribute
    if isinstance(node, editorial.brief_editor_note) and classes != (editorial.CLASS,):
        return None  # an inline's class may name the HTML element it is written as
    children: list[Markup | str] = []
    for child in node.children:
        if type(child) is nodes.Text:
            children.append(child.astext())
        elif not isinstance(child, DROPPED):
            markup = _markup(child)
            if markup is None:
                return None
            children.append(markup)
    return (node.tagname, classes, tuple(children))


def _standalone(node: nodes.Node) -> nodes.Node:
    """A copy of a node tied to no document (pickling it would take the document along)."""
    copy = node.deepcopy()
    for part in copy.findall():
        part.document = None
    return copy

"""Raw HTML and LaTeX in a brief: a decision of the project, not an accident of a page.

MyST passes HTML written in a page straight through (``<script>`` in a heading, a tracking
``<img>`` in a quotation), and reStructuredText's ``raw`` directive does the same for HTML
and LaTeX: markup that no reviewer sees in the rendered text, published under the
institution's name.  A brief is written by many hands, so by default
(``brief_raw_html = "remove"``) every raw block or inline piece of a page is a warning at its
page and line, and is left out of every output (website, ePub, PDF, text, the search index,
the data exports).  ``brief_raw_html = "allow"`` keeps it, as Sphinx would.

The pages are read without it (a transform before docutils' substitutions, so a ``raw``
substitution is caught where it is defined): nothing that is made from a page later (its
title, a quotation's words, an event's body, schema.org data) ever holds it.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform

from ..config import location
from ..core.logs import warn

#: What ``brief_raw_html`` may be: leave raw markup out (with a warning), or keep it.
CHOICES = ("remove", "allow")
#: How much of the markup a warning quotes.
EXCERPT = 60


def _located(node: nodes.Node) -> nodes.Node:
    """The node, or its nearest ancestor that knows its line (MyST's inline HTML does not)."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current
        current = current.parent
    return node


def _excerpt(text: str) -> str:
    """The markup quoted (``repr``: control characters and quotes shown as escapes)."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…")


def _kind(node: nodes.raw) -> str:
    formats = str(node.get("format", "")).split()
    if "latex" in formats and not any("html" in f for f in formats):
        return "raw LaTeX"
    if any("html" in f for f in formats):
        return "raw HTML"
    return f"raw {' '.join(formats) or 'markup'}"


def _emptied(node: nodes.Element) -> bool:
    """A paragraph left with no words and no element (an image, a note) of its own."""
    return (
        isinstance(node, nodes.paragraph)
        and not node.astext().strip()
        and not any(isinstance(child, nodes.Element) for child in node.children)
    )


#: An opening tag written inline (MyST gives each tag of inline HTML a node of its own).
_OPENING = re.compile(r"<([A-Za-z][\w:-]*)\b[^<>]*(?<!/)>")
#: Elements whose content is no text for readers: it goes with their tags.
HIDDEN = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


def _closing(raw: nodes.raw) -> tuple[nodes.raw, list[nodes.Node]] | None:
    """The inline closing tag of an opening one among its siblings, and what lies between
    that readers do not see as text (nothing, but for :data:`HIDDEN` elements)."""
    match = _OPENING.fullmatch(raw.astext().strip())
    parent = raw.parent
    if match is None or not isinstance(parent, nodes.TextElement):
        return None
    closing = f"</{match.group(1).lower()}>"
    between: list[nodes.Node] = []
    for sibling in parent.children[parent.index(raw) + 1 :]:
        if isinstance(sibling, nodes.raw) and "".join(sibling.astext().lower().split()) == closing:
            return sibling, (between if match.group(1).lower() in HIDDEN else [])
        between.append(sibling)
    return None


#: HTML in MyST source text: a comment, an element whose content is no text, a tag.
_MARKUP = re.compile(
    rf"<!--.*?-->|<({'|'.join(sorted(HIDDEN))})\b.*?</\1\s*>|</?[A-Za-z][^<>]*>", re.S | re.I
)


def without_markup(config: Config, source: str) -> str:
    """MyST source text (an event's body, which schema.org data describe it with) without
    its HTML, unless the brief allows raw markup."""
    if config.brief_raw_html == "allow":
        return source
    return _MARKUP.sub("", source)


def _remove(node: nodes.Node) -> None:
    """Remove ``node``; of the spaces it stood between, one stays ("words <b> kept")."""
    parent = node.parent
    assert parent is not None
    index = parent.index(node)
    before = parent[index - 1] if index else None
    after = parent[index + 1] if index + 1 < len(parent) else None
    parent.remove(node)
    spaced = isinstance(before, nodes.Text) and before.endswith((" ", "\n"))
    if spaced and isinstance(after, nodes.Text) and after.startswith((" ", "\n")):
        parent.replace(after, nodes.Text(after.lstrip(" \n")))


class LeaveOutRaw(SphinxTransform):
    """Every raw node of the page is a warning and is removed (``brief_raw_html``).

    An inline element (``<span …>words</span>``) is one warning; its words stay, unless it
    is one whose content is no text (``<script>``, ``<style>`` …).
    """

    # before docutils' Substitutions (220), which copy a definition's raw node to its uses
    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        if self.config.brief_raw_html == "allow":
            return
        done: set[int] = set()
        for raw in list(self.document.findall(nodes.raw)):
            if id(raw) in done:
                continue
            gone: list[nodes.Node] = [raw]
            shown = _excerpt(raw.astext())
            pair = _closing(raw)
            if pair is not None:
                closing, between = pair
                done.add(id(closing))
                gone.append(closing)
                shown = f"{shown} … {_excerpt(closing.astext())}"
                gone += between
            warn(
                "raw",
                "%s is left out of every output: %s (write it in Markdown, or set "
                'brief_raw_html = "allow" in conf.py to publish it)',
                _kind(raw),
                shown,
                location=_located(raw),
            )
            parent = raw.parent
            for node in gone:
                if node.parent is not None:
                    _remove(node)
            # a paragraph that held nothing but the markup goes with it
            if parent is not None and _emptied(parent) and parent.parent is not None:
                parent.parent.remove(parent)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: a value other than the choices is read as the default."""
    value = config.brief_raw_html
    if isinstance(value, str) and value.strip().lower() in CHOICES:
        config.brief_raw_html = value.strip().lower()
        return
    warn(
        "config",
        'brief_raw_html must be "remove" or "allow", not %r; read as "remove"',
        value,
        location=location(app.confdir, "brief_raw_html"),
    )
    config.brief_raw_html = "remove"


#: A class name every format writes as it is: letters, digits, "-" and "_".
_PLAIN_CLASS = re.compile(r"[A-Za-z0-9_-]+")


class PlainClassNames(SphinxTransform):
    """A class name made of the author's text, reduced to an identifier (``nodes.make_id``,
    as docutils reduces a ``:class:`` option's).  MyST makes a colon fence whose name is no
    directive (``:::anything``) a container of that class, and Sphinx's LaTeX writer puts a
    class in ``\\begin{sphinxuseclass}{…}`` unescaped: ``:::\\input{/etc/passwd}`` would
    reach TeX as a command (found by tests/test_fuzz.py)."""

    default_priority = 201

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            classes = node.get("classes")
            if not classes or all(_PLAIN_CLASS.fullmatch(c) for c in classes):
                continue
            plain = [c if _PLAIN_CLASS.fullmatch(c) else nodes.make_id(c) for c in classes]
            node["classes"] = [c for c in plain if c]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_config, priority=100)
    app.add_transform(LeaveOutRaw)
    app.add_transform(PlainClassNames)

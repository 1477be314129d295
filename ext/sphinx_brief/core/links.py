"""Links made before the builder is known: placeholders given their address when the
page is written (``doctree-resolved``), for this builder.

Collected lists are laid out in a post-transform, where a link can be made for the page it
stands on; but a LaTeX build assembles every page into one document, and a page the builder
does not write (NoUri) gets text instead of a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode


def placeholder_link(
    fromdoc: str, todoc: str, toid: str, content: Sequence[nodes.Node], title: str = ""
) -> nodes.reference:
    """A link from page ``fromdoc`` to ``toid`` on page ``todoc``."""
    ref = nodes.reference(
        "",
        "",
        *content,
        internal=True,
        classes=["brief-link"],
        brief_fromdoc=fromdoc,
        brief_todoc=todoc,
        brief_toid=toid,
    )
    if title:
        ref["reftitle"] = title
    return ref


def with_anchor(base: str, anchor: str) -> str:
    """``base#anchor``; a base that is itself a place on a page (a single-page build's
    ``#document-sources``) gives way to the anchor, which is unique on that page."""
    page = base.split("#", 1)[0]
    return f"{page}#{anchor}" if anchor else base


def refnode(
    builder: Builder,
    fromdoc: str,
    todoc: str,
    anchor: str,
    content: nodes.Node | list[nodes.Node],
    title: str | None = None,
) -> nodes.reference:
    """Sphinx's ``make_refnode``, whose address a single-page build gives two fragments
    ("#document-x#anchor", a link to nowhere): there, the anchor alone."""
    ref = make_refnode(builder, fromdoc, todoc, anchor, content, title)
    uri = str(ref.get("refuri", ""))
    if uri.count("#") > 1:
        base, _, fragment = uri.rpartition("#")
        ref["refuri"] = with_anchor(base, fragment)
    return ref


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: give every placeholder link its address for this builder."""
    for ref in list(doctree.findall(nodes.reference)):
        if "brief_todoc" not in ref:
            continue
        content = list(ref.children)
        try:
            # The page the link is written on, not the document being assembled: a LaTeX
            # build resolves every page within the root document's tree.
            new = refnode(
                app.builder,
                ref["brief_fromdoc"],
                ref["brief_todoc"],
                ref["brief_toid"],
                content,
                ref.get("reftitle"),
            )
        except NoUri:
            ref.replace_self(nodes.inline("", "", *content))
            continue
        new["classes"] = list(ref["classes"])
        ref.replace_self(new)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_links)

"""The ePub's contents (the navigation document and the NCX) with the root page's own
sections: Sphinx lists the pages its toctree links and the root's title alone, so a reader's
contents menu could not reach the sections of a brief whose text is on its root page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.dom import minidom

from docutils import nodes
from sphinx.application import Sphinx

from .epub_xml import children, parse, write


def _sections(app: Sphinx) -> list[tuple[int, str, str]]:
    """The root page's own sections, in order: (level, anchor, title), level 2 for its top
    sections, down to ``epub_tocdepth`` (Sphinx's contents list the pages only)."""
    root = app.config.root_doc
    toc = app.env.tocs.get(root)
    depth = int(app.config.epub_tocdepth or 3)
    found: list[tuple[int, str, str]] = []

    def walk(node: nodes.Node, level: int) -> None:
        for item in node.children if isinstance(node, nodes.Element) else ():
            if not isinstance(item, nodes.list_item):
                continue
            reference = item.next_node(nodes.reference)
            anchor = str(reference.get("anchorname", "")).lstrip("#") if reference else ""
            if level > 1 and anchor and reference is not None and level <= depth:
                found.append((level, anchor, reference.astext()))
            for sub in item.children:
                if isinstance(sub, nodes.bullet_list):
                    walk(sub, level + 1)

    if toc is not None:
        walk(toc, 1)
    return found


def add_root_sections(app: Sphinx, outdir: Path) -> None:
    """The root page's sections in the navigation document and the NCX, under the root's
    entry, so a reader's contents menu reaches every part (issue 22, item 1)."""
    sections = _sections(app)
    if not sections:
        return
    page = f"{app.config.root_doc}{getattr(app.builder, 'out_suffix', '.xhtml')}"
    nav = parse(outdir / "nav.xhtml")
    if nav is not None:
        for link in nav.getElementsByTagName("a"):
            if link.getAttribute("href") == page and link.parentNode is not None:
                _nest(nav, link.parentNode, sections, page, _nav_item)
                write(nav, outdir / "nav.xhtml")
                break
    ncx = parse(outdir / "toc.ncx")
    if ncx is not None:
        for point in ncx.getElementsByTagName("navPoint"):
            contents = children(point, "content")
            if contents and contents[0].getAttribute("src") == page:
                _nest(ncx, point, sections, page, _ncx_point)
                _renumber(ncx)
                write(ncx, outdir / "toc.ncx")
                break


def _nest(
    document: minidom.Document,
    parent: minidom.Node,
    sections: list[tuple[int, str, str]],
    page: str,
    make: Any,
) -> None:
    """``sections`` as nested entries of ``parent`` (each made by ``make``), in order."""
    stack: list[tuple[int, Any]] = [(1, parent)]
    for level, anchor, title in sections:
        while stack[-1][0] >= level:
            stack.pop()
        entry = make(document, f"{page}#{anchor}", title)
        above: Any = stack[-1][1]
        target: Any = above
        if above.nodeName == "li":  # the nav: an item's entries are in its own <ol>
            lists = [c for c in above.childNodes if getattr(c, "localName", "") == "ol"]
            target = lists[0] if lists else above.appendChild(document.createElement("ol"))
        target.appendChild(entry)
        stack.append((level, entry))


def _nav_item(document: minidom.Document, href: str, title: str) -> minidom.Element:
    item = document.createElement("li")
    link = document.createElement("a")
    link.setAttribute("href", href)
    link.appendChild(document.createTextNode(title))
    item.appendChild(link)
    return item


def _ncx_point(document: minidom.Document, src: str, title: str) -> minidom.Element:
    point = document.createElement("navPoint")
    label, text = document.createElement("navLabel"), document.createElement("text")
    text.appendChild(document.createTextNode(title))
    label.appendChild(text)
    content = document.createElement("content")
    content.setAttribute("src", src)
    point.appendChild(label)
    point.appendChild(content)
    return point


def _renumber(ncx: minidom.Document) -> None:
    """Every navPoint an id of its own and a play order by its target, in document order;
    the NCX's depth as deep as its entries go."""
    orders: dict[str, int] = {}
    deepest = 0
    for number, point in enumerate(ncx.getElementsByTagName("navPoint"), 1):
        point.setAttribute("id", f"navPoint{number}")
        contents = children(point, "content")
        src = contents[0].getAttribute("src") if contents else str(number)
        point.setAttribute("playOrder", str(orders.setdefault(src, len(orders) + 1)))
        depth, parent = 1, point.parentNode
        while parent is not None and getattr(parent, "localName", "") == "navPoint":
            depth, parent = depth + 1, parent.parentNode
        deepest = max(deepest, depth)
    for meta in ncx.getElementsByTagName("meta"):
        if meta.getAttribute("name") == "dtb:depth":
            meta.setAttribute("content", str(deepest))

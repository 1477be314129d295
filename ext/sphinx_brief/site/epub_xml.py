"""Reading and writing the ePub's XML files after Sphinx has written them (the package
document, the navigation document, the NCX, the pages): a file that is not well-formed is
left as it is, with a warning."""

from __future__ import annotations

from pathlib import Path
from xml.dom import minidom

from ..core.logs import warn


def children(parent: minidom.Node, name: str) -> list[minidom.Element]:
    return [
        child
        for child in parent.childNodes
        if child.nodeType == child.ELEMENT_NODE and child.localName == name
    ]


def parse(path: Path) -> minidom.Document | None:
    try:
        return minidom.parse(str(path))
    except Exception:  # expat's ExpatError, or an unreadable file: leave the file alone
        warn(
            "epub", "not well-formed XML; its accessibility fixes were skipped", location=str(path)
        )
        return None


def write(document: minidom.Document, path: Path) -> None:
    # the declaration, the doctype and the root each on a line, as Sphinx wrote them
    parts = ['<?xml version="1.0" encoding="UTF-8"?>']
    parts += [child.toxml() for child in document.childNodes]
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")

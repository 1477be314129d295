"""No control character in any output.

A control character (C0 but tab and line ends, DEL, C1) or a bidirectional embedding or
override (U+202A–U+202E) that reaches an output is invisible to the author and breaks what
readers use: XML parsers reject the ePub, TeX stops, copied text carries it along, an
override reverses the text around it.  Every text file of the website, the ePub and the
LaTeX sources, and the PDF's text, is searched.
"""

from __future__ import annotations

import re

from .brief import Brief
from .faults import Fault
from .pages import Tree

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")
#: The files of a tree that hold the brief's text.
_TEXT_FILES = (".html", ".xhtml", ".json", ".opf", ".ncx", ".tex", ".txt", ".js", ".svg")


def in_tree(brief: Brief, tree: Tree, fmt: str) -> list[Fault]:
    faults = []
    for name in sorted(tree.names):
        if not name.endswith(_TEXT_FILES) or name.startswith("_static/"):
            continue
        text = tree.text(name)
        if fmt == "latexpdf" and name.endswith(".txt"):
            text = text.replace("\f", "")  # pdftotext's page breaks
        match = CONTROL.search(text)
        if match is not None:
            faults.append(_fault(brief, fmt, name, text, match))
    return faults


def in_text(brief: Brief, fmt: str, name: str, text: str) -> list[Fault]:
    """A control character in a text read from an output (the PDF's, without its page
    breaks)."""
    match = CONTROL.search(text.replace("\f", ""))
    return [_fault(brief, fmt, name, text.replace("\f", ""), match)] if match else []


def _fault(brief: Brief, fmt: str, name: str, text: str, match: re.Match[str]) -> Fault:
    char = match.group()
    line = text.count("\n", 0, match.start()) + 1
    count = len(CONTROL.findall(text))
    where = brief.locate_anywhere(char) or f"{name}:{line}"
    more = f" ({count} in all)" if count > 1 else ""
    return Fault(where, fmt, "control", f"{name}:{line} holds U+{ord(char):04X}{more}")

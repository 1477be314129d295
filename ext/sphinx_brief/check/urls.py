"""Every address the brief prints is exactly its link, in every format.

A reader copies an address from the text as often as they follow the link: the printed
address must be the link's, character for character (no curly quote for a straight one, no
character added to break a line).  In the website and the ePub each link whose text is an
address is compared with its target; the PDF must print every address the website prints
(its line breaks aside).
"""

from __future__ import annotations

import re

from .brief import Brief
from .faults import Fault
from .notes import flat, flat_ltr
from .pages import Tree

#: Link text that is an address.
_ADDRESS = re.compile(r"^(?:https?://|mailto:|www\.)", re.I)


def printed(tree: Tree) -> list[tuple[str, str, str]]:
    """Each link of the tree whose text is an address: (page, text, target)."""
    found = []
    for page in tree.pages():
        for link in page.soup.find_all("a", href=True):
            text = link.get_text().strip()
            if _ADDRESS.match(text):
                found.append((page.docname, text, str(link["href"]).strip()))
    return found


def tree_urls(brief: Brief, tree: Tree, fmt: str) -> list[Fault]:
    """A printed address that is not its link's target."""
    faults = []
    seen: set[tuple[str, str]] = set()
    for docname, text, target in printed(tree):
        same = text == target or f"mailto:{text}" == target
        if same or (text, target) in seen:
            continue
        seen.add((text, target))
        where = brief.entry_holding(target) or brief.locate(docname, target)
        faults.append(Fault(where, fmt, "url", f"prints {text!r} for the link {target!r}"))
    return faults


def pdf_urls(brief: Brief, tree: Tree, pdf_text: str) -> list[Fault]:
    """An address the website prints that the PDF does not print as it is."""
    flattened = flat(pdf_text)
    faults = []
    seen: set[str] = set()
    for docname, text, _ in printed(tree):
        if text in seen:
            continue
        seen.add(text)
        if flat_ltr(text) not in flattened:  # an address of another script: up to it
            where = brief.entry_holding(text) or brief.locate(docname, text)
            faults.append(Fault(where, "latexpdf", "url", f"the PDF does not print {text!r}"))
    return faults

"""Every link inside the brief resolves: in the website, in the ePub and in the PDF.

A link inside an (X)HTML tree names a file of the tree and, after ``#``, an id in it; both
must exist.  In LaTeX a link is a ``\\hyperref`` or ``\\ref`` to a label: TeX says in its
log when a label is missing, and the PDF then holds a link to a destination that does not
exist, which the log of the PDF driver reports, and which the PDF itself shows (a link
annotation whose named destination is not in the document's name tree).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from .brief import Brief
from .faults import Fault
from .pages import Tree, resolve

#: Undefined references as TeX, hyperref and the PDF drivers log them.
_UNDEFINED = (
    re.compile(r"(?:Hyper reference|Reference|Citation) [`'](?P<label>[^']+)' on page \d+ undef"),
    re.compile(r"name\{(?P<label>[^}]+)\} has been referenced but does not exist"),
    re.compile(r"Object @(?P<label>\S+) used, but not defined"),
)  # fmt: skip


def tree_links(brief: Brief, tree: Tree, fmt: str) -> list[Fault]:
    """Every relative link of every page of ``tree`` that names no file or no id."""
    faults: list[Fault] = []
    for page in tree.pages():
        broken: Counter[tuple[str, str]] = Counter()
        for _, target in page.links():
            name, fragment = resolve(page.name, target)
            if name not in tree.names:
                broken[(target, f"no file {name}")] += 1
            elif (
                fragment
                and name.endswith((".html", ".xhtml"))
                and fragment not in tree.page(name).ids
            ):
                broken[(target, f"no id {fragment!r} in {name}")] += 1
        for (target, why), count in sorted(broken.items()):
            times = f" ({count} links)" if count > 1 else ""
            fragment = target.partition("#")[2]
            where = brief.locate(page.docname, fragment) if fragment else brief.page(page.docname)
            faults.append(
                Fault(where, fmt, "link", f"{page.name}: link to {target} resolves to {why}{times}")
            )
    return faults


def epub_package_links(brief: Brief, tree: Tree) -> list[Fault]:
    """The ePub's package: every file its manifest and its NCX name exists."""
    faults: list[Fault] = []
    for name in sorted(n for n in tree.names if n.endswith((".opf", ".ncx"))):
        soup = BeautifulSoup(tree.text(name), "xml")
        targets = [str(i["href"]) for i in soup.find_all("item", href=True)]
        targets += [str(c["src"]) for c in soup.find_all("content", src=True)]
        for target in targets:
            file, fragment = resolve(name, target)
            if file not in tree.names:
                faults.append(Fault(name, "epub", "link", f"{name} names {target}: no such file"))
            elif fragment and fragment not in tree.page(file).ids:
                faults.append(Fault(name, "epub", "link", f"{name} names {target}: no such id"))
    return faults


def latex_log_links(brief: Brief, log: str) -> list[Fault]:
    """Every reference the LaTeX log (and the PDF driver's) says is undefined."""
    labels: Counter[str] = Counter()
    for pattern in _UNDEFINED:
        labels.update(m.group("label") for m in pattern.finditer(log))
    faults = []
    for label, count in sorted(labels.items()):
        docname, _, anchor = label.partition(":")
        key = anchor.removeprefix("cite-") if anchor.startswith("cite-") else ""
        where = (brief.entry_holding(key) if key else None) or brief.locate(docname, anchor)
        times = f" ({count} times)" if count > 1 else ""
        faults.append(Fault(where, "latexpdf", "link", f"reference to {label} is undefined{times}"))
    return faults


def pdf_links(brief: Brief, pdf: Path) -> list[Fault]:
    """Every link annotation of the PDF whose named destination the PDF does not have."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = PdfReader(str(pdf))
    names = set(reader.named_destinations)
    dead: Counter[tuple[str, int]] = Counter()
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            target = annotation.get("/Dest")
            action = annotation.get("/A")
            if target is None and isinstance(action, DictionaryObject):
                if action.get("/S") != "/GoTo":
                    continue
                target = action.get("/D")
            if target is None or isinstance(target, ArrayObject):
                continue  # an explicit destination: a page of this document
            if str(target) not in names:
                dead[(str(target), number)] += 1
    return [
        Fault(
            _label_location(brief, name),
            "latexpdf",
            "link",
            f"page {page}: a link to {name!r}, a destination the PDF does not have",
        )
        for (name, page) in sorted(dead)
    ]


def _label_location(brief: Brief, label: str) -> str:
    docname, _, anchor = label.partition(":")
    if anchor.startswith("cite-"):
        return brief.entry_holding(anchor.removeprefix("cite-")) or brief.page(docname)
    return brief.locate(posixpath.normpath(docname), anchor) if anchor else brief.page(docname)

"""The pages of an HTML tree or an ePub, parsed once, with the ids and links they hold.

Both the website and the ePub are trees of (X)HTML files; the checks read them through
:class:`Page`, so that they work the same on a folder and on a zip archive.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

#: Files of the tree that are not pages a reader reads.
_SKIP = ("_static/", "_sources/", "_images/", "_downloads/")
#: Attributes that name another file or a place in one.
_LINKS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"))


@dataclass
class Page:
    """One (X)HTML file: its name in the tree (``sources.html``), its parsed markup."""

    name: str
    markup: str

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.markup, "html.parser")

    @cached_property
    def ids(self) -> set[str]:
        found = {str(tag["id"]) for tag in self.soup.find_all(id=True)}
        found |= {str(tag["name"]) for tag in self.soup.find_all("a", attrs={"name": True})}
        return found

    @property
    def docname(self) -> str:
        return self.name.rsplit(".", 1)[0]

    def links(self) -> Iterator[tuple[str, str]]:
        """Every link of the page to another file or a place (tag, target), web links and
        other schemes left out."""
        for tag_name, attribute in _LINKS:
            for tag in self.soup.find_all(tag_name):
                value = tag.get(attribute)
                if not isinstance(value, str) or not value.strip():
                    continue
                parts = urlsplit(value.strip())
                if parts.scheme or parts.netloc:
                    continue
                yield tag_name, value.strip()


def resolve(page: str, target: str) -> tuple[str, str]:
    """The file (in the tree) and the fragment a relative link of ``page`` points to."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    name = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return name, unquote(parts.fragment)


class Tree:
    """The files of a website folder or of an ePub archive, by name."""

    def __init__(self, names: set[str], read: dict[str, Path] | zipfile.ZipFile) -> None:
        self.names = names
        self._read = read
        self._pages: dict[str, Page] = {}

    @classmethod
    def folder(cls, root: Path) -> Tree:
        files = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
        return cls(set(files), files)

    @classmethod
    def epub(cls, epub: Path) -> Tree:
        archive = zipfile.ZipFile(epub)
        return cls(set(archive.namelist()), archive)

    def text(self, name: str) -> str:
        if isinstance(self._read, zipfile.ZipFile):
            data = self._read.read(name)
        else:
            data = self._read[name].read_bytes()
        return data.decode("utf-8", errors="replace")

    def page(self, name: str) -> Page:
        if name not in self._pages:
            self._pages[name] = Page(name, self.text(name))
        return self._pages[name]

    def pages(self) -> list[Page]:
        """Every page a reader reads (the theme's and Sphinx's support files left out)."""
        return [
            self.page(name)
            for name in sorted(self.names)
            if name.endswith((".html", ".xhtml")) and not name.startswith(_SKIP)
        ]

    def close(self) -> None:
        if isinstance(self._read, zipfile.ZipFile):
            self._read.close()


def html_reading_order(tree: Tree, root_doc: str) -> list[Page]:
    """The website's pages in reading order: from the root page, each page's
    ``<link rel="next">`` (Sphinx's themes write it from the toctree), then any page that
    no ``next`` reaches, by name."""
    order: list[Page] = []
    seen: set[str] = set()
    name: str | None = f"{root_doc}.html"
    while name and name in tree.names and name not in seen:
        seen.add(name)
        page = tree.page(name)
        order.append(page)
        link = page.soup.find("link", rel="next")
        href = link.get("href") if link is not None else None
        name = resolve(name, href)[0] if isinstance(href, str) else None
    return order


def epub_reading_order(tree: Tree) -> list[Page]:
    """The ePub's pages in its spine's order (content.opf)."""
    container = BeautifulSoup(tree.text("META-INF/container.xml"), "xml")
    rootfile = container.find("rootfile")
    opf_name = str(rootfile["full-path"]) if rootfile is not None else "content.opf"
    opf = BeautifulSoup(tree.text(opf_name), "xml")
    base = posixpath.dirname(opf_name)
    items = {str(item["id"]): str(item["href"]) for item in opf.find_all("item")}
    order = []
    for ref in opf.find_all("itemref"):
        href = items.get(str(ref["idref"]))
        if href is not None:
            order.append(tree.page(posixpath.normpath(posixpath.join(base, unquote(href)))))
    return order

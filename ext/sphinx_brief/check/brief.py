"""The brief being checked, as an author wrote it: its configuration, pages and bib files.

Faults are found in the outputs; this module says where in the sources each comes from:
the page of an output file, the line of a page that holds some words, the bib entry that
holds an address.  ``conf.py`` is evaluated as Sphinx evaluates it (the author's own file,
on the author's machine), only to read where the pages and the bib files are.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

#: A bib entry's head: ``@article{key,``.
_ENTRY = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
#: Folders never holding pages (a build's output, environments, version control).
_NOT_PAGES = ("_build", ".venv", "venv", ".git", "node_modules", "__pycache__")


@dataclass
class Brief:
    """A brief's source folder and what the checks need to know of it."""

    srcdir: Path
    config: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, Path] = field(default_factory=dict)
    bibfiles: list[Path] = field(default_factory=list)

    @classmethod
    def read(cls, srcdir: Path) -> Brief:
        srcdir = Path(srcdir).resolve()
        conf = srcdir / "conf.py"
        if not conf.is_file():
            raise FileNotFoundError(f"{srcdir}: no conf.py (not a Sphinx source folder)")
        try:
            config = eval_config_file(conf, Tags())
        except ConfigError as exc:
            # the build reports it too, as a fault; the checks need only the defaults
            config = {"_error": str(exc)}
        brief = cls(srcdir, config)
        brief.pages = _pages(srcdir, config)
        bibfiles = config.get("bibtex_bibfiles")
        if bibfiles is None:
            bibfiles = ["refs.bib"] if (srcdir / "refs.bib").exists() else []
        brief.bibfiles = [
            (srcdir / str(name)).resolve() for name in bibfiles if (srcdir / str(name)).is_file()
        ]
        return brief

    @property
    def root_doc(self) -> str:
        return str(self.config.get("root_doc") or self.config.get("master_doc") or "index")

    def relative(self, path: Path) -> str:
        """``path`` as the author names it: relative to the source folder where it can be."""
        try:
            return path.resolve().relative_to(self.srcdir).as_posix()
        except ValueError:
            return str(path)

    def page(self, docname: str) -> str:
        """The source file of a page (``index.md``), else the docname."""
        path = self.pages.get(docname)
        return self.relative(path) if path is not None else docname

    def locate(self, docname: str, *needles: str) -> str:
        """``page:line`` of the first line of the page that holds one of ``needles`` (tried
        in turn), else the page alone."""
        path = self.pages.get(docname)
        if path is None:
            return docname
        line = _line_of(path, needles)
        return f"{self.relative(path)}:{line}" if line else self.relative(path)

    def locate_anywhere(self, *needles: str) -> str | None:
        """Where the pages or the bib files first hold one of ``needles``: ``page:line``,
        or ``refs.bib:line (entry KEY)``; None when nowhere."""
        for docname in self.pages:
            path = self.pages[docname]
            if _line_of(path, needles):
                return self.locate(docname, *needles)
        for needle in needles:
            entry = self.entry_holding(needle)
            if entry is not None:
                return entry
        return None

    def entry_holding(self, needle: str) -> str | None:
        """``refs.bib:line (entry KEY)`` of the bib entry whose text holds ``needle``."""
        if not needle:
            return None
        for bib in self.bibfiles:
            text = bib.read_text(encoding="utf-8", errors="replace")
            at = text.find(needle)
            if at < 0:
                continue
            heads = [m for m in _ENTRY.finditer(text) if m.start() <= at]
            line = text.count("\n", 0, at) + 1
            name = self.relative(bib)
            return f"{name}:{line} (entry {heads[-1].group(2)})" if heads else f"{name}:{line}"
        return None


def _line_of(path: Path, needles: tuple[str, ...]) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for needle in needles:
        if not needle:
            continue
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return None


def _pages(srcdir: Path, config: dict[str, Any]) -> dict[str, Path]:
    """Every source file Sphinx would read as a page, by docname (an approximation of
    Sphinx's own discovery: the source suffixes, minus ``exclude_patterns``)."""
    suffixes = config.get("source_suffix") or {".rst": "restructuredtext", ".md": "markdown"}
    if isinstance(suffixes, str):
        suffixes = [suffixes]
    excluded = [str(p) for p in config.get("exclude_patterns") or []]
    pages: dict[str, Path] = {}
    for suffix in suffixes:
        for path in sorted(srcdir.rglob(f"*{suffix}")):
            relative = path.relative_to(srcdir)
            if any(part in _NOT_PAGES or part.startswith(".") for part in relative.parts[:-1]):
                continue
            name = relative.as_posix()
            if any(fnmatch.fnmatch(name, pattern) for pattern in excluded):
                continue
            pages.setdefault(name[: -len(suffix)], path)
    return pages

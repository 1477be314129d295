"""Which bib files the command edits: those ``--bib`` names, else ``bibtex_bibfiles`` of the
brief's ``conf.py``, else ``refs.bib`` beside ``conf.py`` (as ``sphinx_brief`` sets it).

``conf.py`` is read, not run: the value must be written out as a list of strings
(``bibtex_bibfiles = ["refs.bib"]``, ``+=`` of such a list too).  A value computed by code
is an error that says to name the files with ``--bib``; so is a ``conf.py`` that does not
parse.  ``bibtex_encoding`` is read the same way (sphinxcontrib-bibtex's default, UTF-8,
otherwise).
"""

from __future__ import annotations

import ast
import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: sphinx_brief's default when ``conf.py`` names no bib file (``site/defaults.py``).
DEFAULT_BIB = "refs.bib"


class ProjectError(Exception):
    """The bib files cannot be known (a usage error: exit status 2)."""


@dataclass(frozen=True)
class BibFile:
    """A bib file: its path as the report names it, the file itself, its encoding."""

    name: str
    path: Path
    encoding: str


class _Computed(Exception):
    pass


def _assigned(tree: ast.Module, name: str) -> list[object] | None:
    """The values ``name`` is given at the top of the module, in order, read as literals;
    None if it is given none.  Raises :class:`_Computed` for any other assignment."""
    values: list[object] = []
    top = set()
    for statement in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            target, value = statement.target, statement.value
        if isinstance(target, ast.Name) and target.id == name and value is not None:
            top.add(id(target))
            try:
                literal = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, RecursionError):
                raise _Computed from None
            if isinstance(statement, ast.AugAssign):
                before = values[-1] if values else None
                if (
                    not isinstance(statement.op, ast.Add)
                    or not isinstance(before, list | tuple)
                    or not isinstance(literal, list | tuple)
                ):
                    raise _Computed
                literal = [*before, *literal]
            values.append(literal)
    stored = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
    ]
    if any(id(node) not in top for node in stored):
        raise _Computed
    return values or None


def _read_conf(conf: Path) -> ast.Module:
    try:
        return ast.parse(conf.read_text(encoding="utf-8"), filename=str(conf))
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        raise ProjectError(
            f"{conf}: cannot read it ({exc}); name the bib files with --bib"
        ) from None


def _encoding(tree: ast.Module | None, conf: Path) -> str:
    if tree is None:
        return "utf-8"
    try:
        values = _assigned(tree, "bibtex_encoding")
    except _Computed:
        raise ProjectError(
            f"{conf}: bibtex_encoding is computed; write it out as a string"
        ) from None
    encoding = values[-1] if values else "utf-8"
    if not isinstance(encoding, str):
        raise ProjectError(f"{conf}: bibtex_encoding is not a string")
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ProjectError(f"{conf}: bibtex_encoding {encoding!r} is no encoding") from None
    # utf-8-sig read as utf-8: a byte order mark is kept as it is, and written back
    return "utf-8" if name == "utf-8-sig" else name


def _file(name: str, path: Path, encoding: str) -> BibFile:
    if not path.is_file():
        raise ProjectError(f"{path}: no such bib file")
    return BibFile(name, path.resolve(), encoding)


def bib_files(directory: Path, given: Sequence[Path] = ()) -> list[BibFile]:
    """The bib files to edit, each once, in the order sphinxcontrib-bibtex reads them."""
    conf = directory / "conf.py"
    tree = None
    if conf.is_file():
        try:
            tree = _read_conf(conf)
        except ProjectError:
            if not given:
                raise
    encoding = _encoding(tree, conf)
    if given:
        files = [_file(str(path), path, encoding) for path in given]
    elif tree is None:
        raise ProjectError(
            f"{directory}: no conf.py (not a brief's source folder); name the bib files with --bib"
        )
    else:
        try:
            values = _assigned(tree, "bibtex_bibfiles")
        except _Computed:
            raise ProjectError(
                f"{conf}: bibtex_bibfiles is computed; name the bib files with --bib"
            ) from None
        if values is None:
            if not (directory / DEFAULT_BIB).is_file():
                raise ProjectError(
                    f"{conf}: no bibtex_bibfiles and no {DEFAULT_BIB} beside it; name the "
                    "bib files with --bib"
                )
            names: object = [DEFAULT_BIB]
        else:
            names = values[-1]
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise ProjectError(f"{conf}: bibtex_bibfiles is not a list of file names")
        files = [_file(name, directory / name, encoding) for name in names]
    unique: dict[Path, BibFile] = {}
    for file in files:
        unique.setdefault(file.path, file)
    return list(unique.values())

"""The bibliography files: every problem in them names the file and the line.

sphinxcontrib-bibtex reads the bib files on ``builder-inited`` with pybtex, which raises on
the first syntax error (an unclosed brace, a missing comma) in its default strict mode; the
exception escapes the handler and the whole build stops with a traceback.  Around that
handler (priorities just before and after it) pybtex's errors are *captured* instead, with
pybtex's own :func:`pybtex.errors.capture` mechanism: the parser keeps what it read of the
broken entry, reads the rest of the file, and each error is reported here as a warning with
its file and line.  A repeated key is reported the same way (strict pybtex stopped reading
the file there; sphinxcontrib-bibtex's warning gave no line).

:func:`entry_location` gives the ``file:line`` where an entry starts, for the warnings of
the note style (an entry without title, a date that cannot be read …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.scanner import PybtexSyntaxError
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# "@article{key," or "@article(key,"; @string, @preamble and @comment have no key
_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = {"string", "preamble", "comment"}

#: Where each entry starts: key → [(file, line), …] (more than one if the key repeats).
_STARTS: dict[str, list[tuple[str, int]]] = {}


def scan(paths: Iterable[str | Path]) -> dict[str, list[tuple[str, int]]]:
    """The lines where entries start, by key, in file order."""
    starts: dict[str, list[tuple[str, int]]] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in _ENTRY.finditer(text):
            if match.group(1).lower() in _NOT_ENTRIES:
                continue
            line = text.count("\n", 0, match.start()) + 1
            starts.setdefault(match.group(2), []).append((str(path), line))
    return starts


def entry_location(key: str) -> str | None:
    """``file:line`` where the entry ``key`` starts (its first definition), if known."""
    places = _STARTS.get(key)
    return f"{places[0][0]}:{places[0][1]}" if places else None


def _entry_before(path: str, line: int) -> tuple[str, int] | None:
    """The key and line of the last entry of ``path`` that starts on or before ``line``."""
    best: tuple[str, int] | None = None
    for key, places in _STARTS.items():
        for where, start in places:
            if where == path and start <= line and (best is None or start > best[1]):
                best = (key, start)
    return best


def _bibfiles(app: Sphinx) -> list[str]:
    cite: Any = app.env.domains["cite"]
    return [str(path) for path in cite.bibdata.bibfiles]


def start_capture(app: Sphinx) -> None:
    """``builder-inited``, just before sphinxcontrib-bibtex reads the bib files."""
    pybtex.errors.captured_errors = []


def report_captured(app: Sphinx) -> None:
    """``builder-inited``, just after: report what pybtex found, by file and line."""
    captured: list[Exception] = pybtex.errors.captured_errors or []
    pybtex.errors.captured_errors = None
    files = _bibfiles(app)
    _STARTS.clear()
    _STARTS.update(scan(files))
    for error in captured:
        if isinstance(error, PybtexSyntaxError):
            # error.get_filename() fails on the Path that sphinxcontrib-bibtex passes
            path = str(error.filename or (files[0] if files else ""))
            line = error.lineno or 0
            entry = _entry_before(path, line) if line else None
            where = f" (in the entry {entry[0]!r})" if entry else ""
            if entry is not None:
                line = entry[1]
            logger.warning(
                "%s%s; the entry is read only up to the error",
                error,
                where,
                location=f"{path}:{line}" if line else path,
                type="brief",
                subtype="bibtex",
            )
        elif isinstance(error, BibliographyDataError):
            key = str(error).rsplit(": ", 1)[-1]
            places = _STARTS.get(key, [])
            location = f"{places[1][0]}:{places[1][1]}" if len(places) > 1 else None
            logger.warning(
                "bibliography data error: %s; the first definition is used",
                error,
                location=location,
                type="brief",
                subtype="bibtex",
            )
        else:
            logger.warning("bibliography error: %s", error, type="brief", subtype="bibtex")


def stop_capture(*args: Any) -> None:
    """Should sphinxcontrib-bibtex fail another way, pybtex is left as it was found."""
    pybtex.errors.captured_errors = None


def setup(app: Sphinx) -> None:
    # sphinxcontrib-bibtex reads the files in its builder-inited handler (priority 500)
    app.connect("config-inited", stop_capture)
    app.connect("builder-inited", start_capture, priority=499)
    app.connect("builder-inited", report_captured, priority=501)
    app.connect("build-finished", stop_capture)

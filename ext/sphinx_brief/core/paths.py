"""Output names that stay inside the output folder.

A name ``conf.py`` gives an output file (``brief_basename``; the ePub's and the ``.tex``'s
names made from it or set beside it) is a file name, not a path: ``"../../escape"`` would
have the ePub and the LaTeX sources written two folders above ``_build``, an absolute path
anywhere the build may write.  :func:`unsafe` says why a name is not a plain file name and
:func:`safe_name` makes one of it ("../../escape" → "escape"); the configuration check
(:mod:`..site.outputs`) warns, naming ``conf.py``, and uses the safe name.

The files the extension writes itself (``events.json``, ``quotes.json``, the overview's
images, its stylesheets and LaTeX packages) go through :func:`output_file`, which refuses
a name that would leave the output folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

#: Characters that separate a path's parts on some system.
SEPARATORS = ("/", "\\")


def unsafe(name: str) -> str | None:
    """Why ``name`` is not a plain file name (None if it is one)."""
    if not name.strip() or name.strip() in (".", ".."):
        return "it names no file"
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        return "it holds control characters"
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive:
        return "it is an absolute path or names a drive"
    if any(sep in name for sep in SEPARATORS):
        return "it holds path separators"
    return None


def safe_name(name: str, fallback: str = "brief") -> str:
    """A plain file name made of ``name``: its parts joined by ``-``, without control
    characters or leading dots ("../../escape" → "escape", "/tmp/x" → "tmp-x")."""
    text = "".join("-" if unicodedata.category(c) in ("Cc", "Cs") else c for c in name)
    text = re.sub(r"[/\\:]+", "-", text)
    text = re.sub(r"-*(?:\.\.?-+)+", "-", f"-{text}")  # "..-" and ".-" parts of the path
    text = re.sub(r"-{2,}", "-", text).strip(" .-")
    return text if text and unsafe(text) is None else fallback


def output_file(outdir: str | Path, *parts: str) -> Path:
    """``outdir/parts…``, which must stay inside ``outdir`` (the extension's own names)."""
    # by the names alone: a folder the author links elsewhere (a symbolic link) is theirs
    folder = Path(os.path.abspath(outdir))
    path = Path(os.path.normpath(folder.joinpath(*parts)))
    if folder not in path.parents:
        raise ValueError(f"{'/'.join(parts)!r} is not inside the output folder {folder}")
    return path

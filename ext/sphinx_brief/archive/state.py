"""What the command remembers between runs, and how it writes a file.

A web source that has a snapshot gets its ``archiveurl`` in the bib file, so a rerun skips
it.  One the archive has no snapshot of is remembered in a small JSON file beside the bib
file, ``.refs.bib.archive.json`` for ``refs.bib``: its key, the address asked about, the
day it was asked and the answer.  A rerun does not ask about it again (unless
``--retry-missing``, or its ``url`` changed).  Delete the file to forget everything; commit
it or not, as you like (it only saves requests).  Errors are not remembered: a rerun asks
again.

Every file is written whole to a temporary file beside it, flushed to disk, then put in
place of the old one (``os.replace``): an interrupted run leaves the old file or the new
one, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: The state file of a bib file, beside it.
NAME = ".{bib}.archive.json"
_ABOUT = (
    "sphinx-brief archive: web sources the Internet Archive had no snapshot of when asked; "
    "not asked again unless `sphinx-brief archive --retry-missing`. Safe to delete."
)


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path``, atomically, keeping the file's permissions (a new file
    gets those the umask gives)."""
    if path.exists():
        mode = path.stat().st_mode & 0o7777
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def state_path(bib: Path) -> Path:
    return bib.with_name(NAME.format(bib=bib.name))


class State:
    """The entries of one bib file found without a snapshot."""

    def __init__(self, path: Path, missing: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self.missing: dict[str, dict[str, Any]] = missing or {}
        #: Why the file could not be read, if it could not (it is then started again).
        self.problem: str | None = None

    @classmethod
    def load(cls, bib: Path) -> State:
        path = state_path(bib)
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            missing = data["missing"]
            if not isinstance(missing, dict) or not all(
                isinstance(v, dict) for v in missing.values()
            ):
                raise TypeError("missing is not an object of objects")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            state.problem = f"{path}: cannot read it ({exc}); every source is asked about"
            return state
        state.missing = missing
        return state

    def asked(self, key: str, url: str) -> str | None:
        """The day ``key`` was found without a snapshot, if it was, at this ``url``."""
        found = self.missing.get(key)
        if found is None or found.get("url") != url:
            return None
        return str(found.get("asked") or "an earlier run")

    def remember(self, key: str, url: str, timestamp: str | None, day: str, answer: str) -> None:
        self.missing[key] = {"url": url, "timestamp": timestamp, "asked": day, "answer": answer}

    def forget(self, key: str) -> bool:
        return self.missing.pop(key, None) is not None

    def save(self) -> None:
        if not self.missing:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        data = {"about": _ABOUT, "missing": dict(sorted(self.missing.items()))}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        replace_file(self.path, text.encode("utf-8"))

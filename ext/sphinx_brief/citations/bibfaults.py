"""Faults of the bib files that nothing else reports, found once the files are read:

- characters no output may hold: control characters (C0 but tab, line feed and carriage
  return; DEL; C1), which stop pdflatex and make an ePub that epubcheck rejects, and the
  bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
  reorder what readers see ("Trojan Source").  Each is a warning at its file and line naming
  the entry, and is taken out of the entry, so that no output holds it;
- a ``crossref`` to a key no bib file defines, and ``crossref`` loops (A → B → A): the
  note style shows an entry with its own fields only, so a source that leans on another
  would print without what it lacks ("Loop A, n.d.") and nothing would say why.

Both are checked when the files have been read (``builder-inited``, after
sphinxcontrib-bibtex reads them), as sphinxcontrib-bibtex reports its own data errors: a
build that reads the files again reports them again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from pybtex.database import Entry, Person
from sphinx.application import Sphinx

from .. import bibtex
from ..core.logs import warn

#: Characters kept out of every output (see the module's docstring).
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


def _names(chars: set[str]) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in sorted(chars))


def clean_entry(entry: Entry) -> set[str]:
    """Take the unsafe characters out of ``entry``'s fields and names; return those found."""
    found: set[str] = set()
    for field, value in list(entry.fields.items()):
        chars = set(UNSAFE.findall(value))
        if chars:
            found |= chars
            entry.fields[field] = UNSAFE.sub("", value)
    for people in entry.persons.values():
        for person in people:
            found |= _clean_person(person)
    return found


def _clean_person(person: Person) -> set[str]:
    found: set[str] = set()
    for part in _NAME_PARTS:
        names: list[str] = getattr(person, part)
        for index, name in enumerate(names):
            chars = set(UNSAFE.findall(name))
            if chars:
                found |= chars
                names[index] = UNSAFE.sub("", name)
    return found


class _Starts:
    """Where entries start (:func:`..bibtex.scan`), read only if a warning needs it."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self._starts: bibtex.Starts | None = None

    def get(self) -> bibtex.Starts:
        if self._starts is None:
            self._starts = bibtex.scan(self.files)
        return self._starts


def _places(starts: _Starts) -> dict[str, list[tuple[str, int, set[str]]]]:
    """Where the files hold unsafe characters: entry key → [(file, line, characters)]."""
    places: dict[str, list[tuple[str, int, set[str]]]] = {}
    for path in starts.files:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if UNSAFE.search(text) is None:
            continue
        lines = [m.end() for m in re.finditer("\n", text)]
        found: dict[int, set[str]] = {}
        for match in UNSAFE.finditer(text):
            found.setdefault(bisect_right(lines, match.start()) + 1, set()).add(match.group())
        for line, chars in found.items():
            entry = bibtex.entry_at(starts.get(), path, line)
            if entry is not None:
                places.setdefault(entry[0], []).append((path, line, chars))
    return places


def check_characters(starts: _Starts, entries: dict[str, Entry]) -> None:
    """Each line of an entry with unsafe characters is a warning (at the entry's first line
    if they come from elsewhere, a ``@string``); the entry is cleaned of them."""
    places = _places(starts)
    for key, entry in entries.items():
        chars = clean_entry(entry)
        where = places.get(key, [])
        if chars and not where:
            first = starts.get().get(key, [])[:1]
            where = [(path, line, chars) for path, line in first] or [("", 0, chars)]
        for path, line, found in where:
            warn(
                "control-character",
                "bib entry %r holds control characters or bidirectional overrides (%s); "
                "they are left out of every output",
                key,
                _names(found),
                location=f"{path}:{line}" if path else None,
            )


def check_crossrefs(starts: _Starts, entries: dict[str, Entry]) -> None:
    """A ``crossref`` to no entry, and every loop of them once (at its first entry)."""
    known = {key.lower(): key for key in entries}

    def target(key: str) -> str | None:
        value = entries[key].fields.get("crossref", "").strip()
        return known.get(value.lower(), value) if value else None

    reported: set[frozenset[str]] = set()
    for key in entries:
        first = target(key)
        if first is not None and first not in entries:
            warn(
                "bibtex",
                "bib entry %r: its crossref %r is no entry of the bib files; it is shown "
                "with its own fields only",
                key,
                first,
                location=bibtex.entry_location(starts.get(), key),
            )
        path = [key]
        following = first
        while following is not None and following in entries and following not in path:
            path.append(following)
            following = target(following)
        if following is None or following not in path:
            continue
        loop = path[path.index(following) :]
        if frozenset(loop) in reported or key != loop[0]:
            continue  # reported from its first entry only
        reported.add(frozenset(loop))
        warn(
            "bibtex",
            "bib entry %r: crossref loop %s; each entry is shown with its own fields only",
            key,
            " → ".join([*loop, key]),
            location=bibtex.entry_location(starts.get(), key),
        )


def check_bibfiles(app: Sphinx) -> None:
    """``builder-inited``, after sphinxcontrib-bibtex reads the files (priority 500)."""
    if not bibtex.newly_read(app.env):
        return
    entries = dict(bibtex.entries(app.env))
    if not entries:
        return
    starts = _Starts(bibtex.bibfiles(app.env))
    check_characters(starts, entries)
    check_crossrefs(starts, entries)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_bibfiles, priority=501)

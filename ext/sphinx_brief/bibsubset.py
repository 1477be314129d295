"""A large shared bib file read for the entries a brief can cite, not for all of them.

An institution keeps one refs.bib for all its briefs: thousands of entries, of which a brief
cites a few dozen.  Read whole, every entry costs the build (pybtex makes its fields and
names, sphinxcontrib-bibtex a citation node for it in every ``bibliography``, the
environment pickles it, the bibliography's filter is evaluated on it): 10,000 entries cost
about 5 s of CPU whatever a brief cites.

Why a fast path: pybtex can skip entries (``wanted_entries``) only after lexing each one,
which is most of that cost.  So where the bib files hold more than :data:`SUBSET_FROM`
entries, the files are split into entries here, by their braces alone (a small scan of the
text, :func:`spans`), and pybtex reads only

* the ``@string``, ``@preamble`` and ``@comment`` blocks (macros stay defined), and
* the entries whose key is a word of the project's sources (every page, included file and
  ``conf.py``: any key a role, a ``:source:`` or a ``footcite`` can name is such a word;
  a word that is a key by chance costs one entry, never a wrong note), with the entries
  their ``crossref``/``xdata`` name,

each dropped entry replaced by its newlines, so that every line pybtex or a warning names
is the line of the file.  The data are exactly those a whole reading makes of the kept
entries; :mod:`.bibtex` hands them to sphinxcontrib-bibtex as it hands a whole reading.

A whole reading stays where a subset could differ from it: a ``bibliography`` with ``:all:``
or a ``:filter:`` (which may list any entry), a file the scan cannot split (an entry in
parentheses, braces that never close), or any problem pybtex reports in the subset (it is
then read whole, and the problem reported as before).  A build whose sources name a key
the last subset did not hold reads the files again (:func:`covers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Bib files with more entries than this are read as a subset (a brief's own refs.bib is
#: read whole: every entry is checked, cited or not).
SUBSET_FROM = 1000

_HEADER = re.compile(r"@\s*([A-Za-z][\w-]*)\s*([{(])")
_BRACE = re.compile(r"[{}]")
_SPECIAL = frozenset({"string", "preamble", "comment"})
#: What a key as written in a page is separated by: BibTeX keys hold none of these.
_WORD_BREAK = re.compile(r"[\s,;{}()\[\]<>\"'`=#%@|]+")
_LINKS = re.compile(r"\b(?:crossref|xdata|xref)\s*=\s*[{\"]([^}\"]+)[}\"]", re.IGNORECASE)
#: Options that make a bibliography list entries no page names.
_LISTS_ANY = re.compile(r"^\s*:(?:all|filter):", re.MULTILINE)
#: Files of a project that can hold a key (pages, included files, the configuration).
_TEXT_SUFFIXES = frozenset({".md", ".rst", ".txt", ".inc", ".py", ".ipynb", ".bib"})


@dataclass(frozen=True)
class Span:
    """One ``@…{…}`` block of a bib file: its type (lower case), key ("" for the special
    blocks) and where it stands in the text."""

    kind: str
    key: str
    start: int
    end: int


def spans(text: str) -> list[Span] | None:
    """The blocks of a bib file in order, None where the braces do not say where each
    ends (an entry in parentheses, an unclosed brace): the file is then read whole."""
    found: list[Span] = []
    pos = 0
    while True:
        at = text.find("@", pos)
        if at < 0:
            return found
        header = _HEADER.match(text, at)
        if header is None:
            pos = at + 1  # an "@" between entries (an address in a comment): not a block
            continue
        if header.group(2) == "(":
            return None
        end = _end(text, at, header.end() - 1)
        if end < 0:
            return None
        kind = header.group(1).lower()
        key = "" if kind in _SPECIAL else text[header.end() : end].split(",", 1)[0].strip()
        found.append(Span(kind, key, at, end))
        pos = end


def _end(text: str, at: int, opening: int) -> int:
    """Where the block that starts at ``at`` (its brace at ``opening``) ends; -1 if never.

    Most blocks end before the next line that starts with "@": when the braces up to it
    balance, the block closed there (what follows its closing brace is text BibTeX skips),
    and the braces need not be walked one by one; otherwise they are.
    """
    following = text.find("\n@", opening)
    stop = following + 1 if following >= 0 else len(text)
    opened = text.count("{", at, stop)
    if opened and opened == text.count("}", at, stop):
        return stop
    depth = 0
    for brace in _BRACE.finditer(text, opening):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.end()
    return -1


def project_words(srcdir: Path, outdirs: Sequence[Path] = ()) -> tuple[set[str], bool]:
    """The words of the project's text files (case-folded), and whether a page asks a
    bibliography for entries it does not name (``:all:``, ``:filter:``)."""
    words: set[str] = set()
    lists_any = False
    skipped = [path.resolve() for path in outdirs]
    for path in sorted(srcdir.rglob("*")):
        if path.suffix.lower() not in _TEXT_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(srcdir).parts
        if any(part.startswith(".") for part in relative):
            continue
        resolved = path.resolve()
        if any(resolved.is_relative_to(out) for out in skipped):
            continue
        if path.suffix.lower() == ".bib":
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lists_any = lists_any or bool(_LISTS_ANY.search(text))
        for word in _WORD_BREAK.split(text):
            if word:
                folded = word.casefold()
                words.add(folded)
                # "@key." and "@key:" in a note: commentary follows the key
                words.add(folded.rstrip(".:"))
    return words, lists_any


@dataclass(frozen=True)
class Subset:
    """The text pybtex reads of each bib file, and the keys it keeps."""

    texts: dict[Path, str]
    keys: frozenset[str]  # kept, case-folded
    index: frozenset[str]  # every key of the files, case-folded


def subset(
    files: Iterable[Path], words_of: Callable[[], tuple[set[str], bool]], encoding: str
) -> Subset | None:
    """The files' blocks for the entries the project's words name (and what those
    cross-reference; ``words_of`` gives the words, asked only for large files); None
    where a file cannot be split, the files hold too few entries to gain, or a page asks
    a bibliography for entries it does not name."""
    blocks: dict[Path, tuple[str, list[Span]]] = {}
    total = 0
    for path in files:
        try:
            text = path.read_text(encoding=encoding)
        except (OSError, UnicodeError, LookupError):
            return None  # sphinxcontrib-bibtex reports it, in its own words
        split = spans(text)
        if split is None:
            return None
        blocks[path] = (text, split)
        total += sum(1 for span in split if span.key)
    if total <= SUBSET_FROM:
        return None
    words, lists_any = words_of()
    if lists_any:
        return None
    wanted = _with_links(blocks, {word for word in words if word})
    texts = {path: _kept(text, split, wanted) for path, (text, split) in blocks.items()}
    index = frozenset(s.key.casefold() for _, split in blocks.values() for s in split if s.key)
    return Subset(texts, frozenset(wanted), index)


def _with_links(blocks: dict[Path, tuple[str, list[Span]]], words: set[str]) -> set[str]:
    """The keys among ``words``, and the keys their crossrefs reach."""
    by_key: dict[str, list[tuple[str, Span]]] = {}
    for text, split in blocks.values():
        for span in split:
            if span.key:
                by_key.setdefault(span.key.casefold(), []).append((text, span))
    wanted = {key for key in words if key in by_key}
    todo = list(wanted)
    while todo:
        for text, span in by_key.get(todo.pop(), []):
            for link in _LINKS.findall(text, span.start, span.end):
                for target in (part.strip().casefold() for part in link.split(",")):
                    if target in by_key and target not in wanted:
                        wanted.add(target)
                        todo.append(target)
    return wanted


def _kept(text: str, split: list[Span], wanted: set[str]) -> str:
    """``text`` with every entry not wanted replaced by its newlines."""
    parts: list[str] = []
    pos = 0
    for span in split:
        if not span.key or span.key.casefold() in wanted:
            continue
        parts.append(text[pos : span.start])
        parts.append("\n" * text.count("\n", span.start, span.end))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def covers(held: frozenset[str], words: set[str], index: frozenset[str]) -> bool:
    """Whether the keys ``held`` hold every key of ``index`` (the files' keys, case-folded)
    that ``words`` name."""
    return (words & index) <= held

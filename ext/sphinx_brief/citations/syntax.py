"""The text of a ``{note}`` role read into its sources (the syntax is fixed; briefs use it)::

    @key                     one source
    @key, 112–15             a locator: everything after the item's first comma
    see @key1, 4; @key2      several sources in one note, in order; the text before the @
                             of an item is its prefix
    @key. Commentary.        commentary, set as written: after a source (text that starts
    @a; see also x; @b       with ``.``, ``;`` or ``:`` right after the key, or an item
                             without a key, which joins the source before it) and before
                             one (an item without a key before any source joins the next
                             source's prefix)

Nothing here knows the bibliography: an item whose key is not defined is the role's to
report.  What cannot be read is a :class:`Problem` (of a kind, with a message) and the rest
is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What BibTeX allows in a key, up to white space or a separator.
_KEY_CHARS = r"[^\s,;@{}()\"'#%~=\\]*[^\s,;@{}()\"'#%~=\\.:]"
#: (A key never ends with "." or ":": "@key. Commentary." ends the source's sentence.)
#: A key: "@" not inside a word (so an e-mail address in a locator is no key), then its
#: characters.
_KEY = re.compile(rf"(?<![\w@])@({_KEY_CHARS})")

#: The commonest note, one key alone, read without taking it apart.
_ONE_KEY = re.compile(rf"\s*@({_KEY_CHARS})\s*")

#: A role written inside the note's text: MyST's ``{note}`` (which ends the note at its
#: backtick: ``{note}`see {note}`` is all MyST passes) or reST's ``:note:``.
_ROLE = re.compile(r"\{[A-Za-z][\w:-]*\}(?=`|\s*$)|(?<![\w:]):[A-Za-z][\w-]*:(?=`|\s*$)")

#: The kinds of problem (all warned as ``brief.note``; the message says which).
NO_KEY = "note-without-key"
TWO_KEYS = "note-two-keys"
EMPTY = "empty-note"
NESTED = "note-in-note"


@dataclass(frozen=True)
class Item:
    """One source of a note."""

    key: str
    prefix: str = ""
    locator: str = ""


@dataclass(frozen=True)
class Problem:
    subtype: str
    message: str


def parse(text: str) -> tuple[list[Item], list[Problem]]:
    """The sources of a note, in order, and what could not be read.  A note whose text holds
    another role (a note in a note) is not read at all: what its author meant is unclear."""
    alone = _ONE_KEY.fullmatch(text)
    if alone is not None:
        return [Item(alone.group(1))], []
    inner = _ROLE.search(text)
    if inner is not None:
        message = (
            f"a note cannot hold another note or role ({inner.group()!r}); the note is left "
            "out: give all its sources in one note, separated by ';' ({note}`see @a; @b`)"
        )
        return [], [Problem(NESTED, message)]
    return _parse(text)


def _parse(text: str) -> tuple[list[Item], list[Problem]]:
    items: list[Item] = []
    problems: list[Problem] = []
    if not text.strip():
        return [], [Problem(EMPTY, "the note is empty (write {note}`@key`)")]
    # commentary before any source: the prefix of the next one
    before: list[str] = []
    for raw in text.split(";"):
        part = " ".join(raw.split())
        if not part:
            continue
        found = list(_KEY.finditer(part))
        if not found:
            if items:  # commentary after a source: set after it as written ("; see also …")
                last = items[-1]
                locator = f"{last.locator}; {part}" if last.locator else f"; {part}"
                items[-1] = Item(last.key, last.prefix, locator)
            else:
                before.append(part)
            continue
        first = found[0]
        if len(found) > 1:
            keys = ", ".join(f"@{m.group(1)}" for m in found)
            problems.append(
                Problem(
                    TWO_KEYS,
                    f"the note's item {part!r} names {keys} without ';' between them "
                    "(separate sources with ';'); only the first is cited",
                )
            )
        rest = part[first.end() :]
        if len(found) > 1:  # the second key and what follows it are not a locator
            rest = rest[: found[1].start() - first.end()]
        if rest.lstrip()[:1] in COMMENTARY:
            locator = rest.strip()  # "@key. Commentary.": set after the source as written
        else:
            locator = (rest.split(",", 1)[1] if "," in rest else rest).strip(" ,")
        own = part[: first.start()].strip()
        prefix = "; ".join([*before, own]) if own or not before else "; ".join(before) + ";"
        before = []
        items.append(Item(first.group(1), prefix, locator))
    if not items:
        if before:
            return [], [
                Problem(
                    NO_KEY,
                    f"the note {'; '.join(before)!r} names no source (write @key)",
                )
            ]
        problems.append(Problem(EMPTY, "the note is empty (write {note}`@key`)"))
    return items, problems


#: What starts commentary right after a key (rather than a locator, after a comma): the
#: end of the source's sentence, or of its item.
COMMENTARY = (".", ";", ":", "!", "?")


def commentary(locator: str) -> bool:
    """Whether a locator as stored is commentary set right after its source (``". See
    also …"``, ``"; in 2026 …"``), not a place in the source (``"4"``)."""
    return locator[:1] in COMMENTARY

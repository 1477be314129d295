"""The people and bodies a brief names, declared once in ``brief_people``.

Each entry is a name as the brief writes it, and either its index form (a string, as
before: ``"Kim Yong-Nam": "Kim Yong-Nam"``) or what the brief knows of it::

    brief_people = {
        "Kim Yong-Nam": {
            "sort": "Kim Yong-Nam",            # the index form, family name first
            "type": "person",                  # person, organization or document
            "role": "de facto head of state of North Korea",
            "also": ["Kim Yong Nam", "Kim Young-nam"],  # other spellings of the name
        },
        "Mahmoud Ahmadinejad": {
            # roles that change: each from an EDTF date (the latest that is not after
            # the quotation's date is its role)
            "role": {"2005-08": "President of Iran", "1993": "Governor of Ardabil"},
        },
    }

A quote then needs only ``:speaker:``: its role (unless it gives ``:role:``), its type and
its index form come from here; every spelling is one speaker in "Who said what" and one
entry of the index, while the text keeps each as written.  A spelling that differs from a
known name only by case, spaces, hyphens, dots or accents, and is not declared in
``also``, is reported (:func:`People.near`): it is most often the same person written two
ways, which the index would list twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import dates

#: What an entry of ``brief_people`` may say.
FIELDS = ("sort", "type", "role", "also")
KINDS = ("person", "organization", "document")


def sort_key(text: str) -> str:
    """Compare names ignoring case, accents, spacing and typographic apostrophes."""
    text = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return "".join(char for char in text if not unicodedata.combining(char))


def _letters(text: str) -> str:
    """A name's letters and digits alone: what two spellings of one name share."""
    return re.sub(r"[\W_]+", "", sort_key(text))


@dataclass(frozen=True)
class Person:
    """One entry of ``brief_people``."""

    name: str  # as the brief declares it: the name "Who said what" groups under
    sort: str = ""  # the index form; "" for the default
    kind: str = ""  # "", or one of KINDS
    roles: tuple[tuple[str, str], ...] = ()  # (EDTF start or "", role), latest first
    also: tuple[str, ...] = ()

    def role_at(self, when: dates.BriefDate | None) -> str:
        """The role the person held at ``when`` (the only role, if one is given)."""
        if not self.roles:
            return ""
        if len(self.roles) == 1 or when is None:
            return self.roles[0][1] if len(self.roles) == 1 else ""
        for start, role in self.roles:
            try:
                begins = dates.parse(start).start if start else None
            except dates.DateError:
                continue
            if begins is None or begins <= when.start:
                return role
        return ""


@dataclass
class People:
    """``brief_people`` read: the entries, and what could not be read in it."""

    entries: tuple[Person, ...] = ()
    problems: list[str] = field(default_factory=list)
    _by_key: dict[str, Person] = field(default_factory=dict, repr=False)
    _by_letters: dict[str, Person] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for person in self.entries:
            for spelling in (person.name, *person.also):
                self._by_key.setdefault(sort_key(spelling), person)
                self._by_letters.setdefault(_letters(spelling), person)

    def get(self, name: str) -> Person | None:
        """The entry that declares ``name`` (or one of its spellings)."""
        return self._by_key.get(sort_key(name))

    def near(self, name: str) -> Person | None:
        """The entry whose name ``name`` only looks like (not declared as a spelling)."""
        if self.get(name) is not None:
            return None
        letters = _letters(name)
        return self._by_letters.get(letters) if letters else None


def _roles(value: Any, name: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        return (("", " ".join(value.split())),) if value.strip() else ()
    if isinstance(value, Mapping):
        found: list[tuple[str, str]] = []
        for start, role in value.items():
            try:
                dates.parse(str(start))
            except dates.DateError:
                problems.append(f"{name!r}: the role's date {start!r} is not an EDTF date")
                continue
            found.append((str(start), " ".join(str(role).split())))
        # latest first: the first that is not after a date is the role at that date
        return tuple(sorted(found, key=lambda item: dates.parse(item[0]).start, reverse=True))
    problems.append(f"{name!r}: 'role' is a text, or a mapping of EDTF dates to roles")
    return ()


def read(value: Any) -> People:
    """``brief_people`` as declared (see the module docstring); what cannot be read is
    left out, and said in :attr:`People.problems`."""
    problems: list[str] = []
    entries: list[Person] = []
    if not isinstance(value, Mapping):
        return People((), problems)
    for raw_name, spec in value.items():
        name = " ".join(str(raw_name).split())
        if not name:
            continue
        if isinstance(spec, str):
            entries.append(Person(name, sort=" ".join(spec.split())))
            continue
        if not isinstance(spec, Mapping):
            problems.append(f"{name!r}: give its index form (a text) or a mapping of {FIELDS}")
            continue
        unknown = sorted(str(key) for key in spec if key not in FIELDS)
        if unknown:
            problems.append(f"{name!r}: unknown field(s) {', '.join(unknown)} (known: {FIELDS})")
        kind = str(spec.get("type", "") or "").strip().casefold()
        if kind and kind not in KINDS:
            problems.append(f"{name!r}: type must be one of {', '.join(KINDS)}, not {kind!r}")
            kind = ""
        also = spec.get("also", ())
        if isinstance(also, str):
            also = (also,)
        if not isinstance(also, (list, tuple)):
            problems.append(f"{name!r}: 'also' is a list of other spellings")
            also = ()
        entries.append(
            Person(
                name,
                sort=" ".join(str(spec.get("sort", "") or "").split()),
                kind=kind,
                roles=_roles(spec.get("role", ""), name, problems),
                also=tuple(" ".join(str(a).split()) for a in also if str(a).strip()),
            )
        )
    return People(tuple(entries), problems)


_CACHE: dict[int, tuple[Any, People]] = {}


def of(value: Any) -> People:
    """:func:`read`, once per ``brief_people`` value (a build reads it for every quote)."""
    cached = _CACHE.get(id(value))
    if cached is not None and cached[0] is value:
        return cached[1]
    people = read(value)
    _CACHE.clear()
    _CACHE[id(value)] = (value, people)
    return people

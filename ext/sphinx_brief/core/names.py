"""How an index writes and sorts a person's name: family name first.

An index (and the "Who said what" list) sorts people by family name.  The form a name takes
there is, in order of precedence:

1. the quote's ``:speaker-sort:`` option, as written ("Vaziri Hamaneh, Kazem");
2. the project's ``brief_people`` table (``{"Kim Yong-Nam": "Kim Yong-Nam"}``), for names
   used often, and for names written family name first (Korean, Chinese, Hungarian …),
   which are then kept as written;
3. by default, a Western name: the last word first, "Khushroo, Gholam Ali".  A single word
   ("Hezbollah"), or a name whose last word has no letter ("Speaker 3"), is kept as it is.

Organisations are not people: give them their own name as ``:speaker-sort:`` (or in
``brief_people``), "Jane’s Information Group", and they are sorted by their first word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import people as register
from .people import sort_key as sort_key

#: Generational suffixes, which follow the given names in an index ("King, Martin Luther,
#: Jr."), not lead as if they were the family name.
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def index_form(
    name: str, sort: str = "", people: Mapping[str, Any] | None = None, kind: str = "person"
) -> str:
    """The name as an index writes it, family name first (see the module docstring); a
    body's or a document's name (``kind``) as written, never inverted.  A name that
    ``people`` (``brief_people``) declares, or one of its other spellings, takes the
    declared name's form: every spelling is one entry."""
    name = " ".join(name.split())
    if sort.strip():
        return " ".join(sort.split())
    known = register.of(people).get(name) if people else None
    if known is not None:
        if known.sort:
            return known.sort
        name, kind = known.name, known.kind or kind
    if kind != "person":
        return name  # "Multilateral Sanctions Monitoring Team", "Treaty of …": as written
    words = name.split(" ")
    if len(words) < 2 or not any(char.isalpha() for char in words[-1]):
        return name  # one word, or a label ("Speaker 3"): as written
    # "Martin Luther King Jr." → "King, Martin Luther, Jr."
    suffix = ""
    if words[-1].casefold() in _SUFFIXES and len(words) > 2:
        suffix, words = words[-1], words[:-1]
    family, given = words[-1], " ".join(words[:-1])
    return f"{family}, {given}" + (f", {suffix}" if suffix else "")

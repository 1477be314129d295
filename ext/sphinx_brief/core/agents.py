"""Who speaks or writes: a person, or a body (an organization).

Briefs quote ministers and spokespeople, but also news agencies, ministries and analysts'
firms ("Jane's Information Group"), and cite reports whose author is an institution.  The
schema.org data types each as a ``Person`` or an ``Organization``; readers' tools (search
engines, archives, citation managers) tell the two apart.

A quote's ``:speaker-type:`` (``person``, ``organization`` or ``document``) says it.
Without one the speaker is *guessed*: a body when the name is an acronym (``IRNA``,
``KCNA``) or holds a word that names a body (:data:`BODY_WORDS`: "Agency", "Ministry",
"Group", "News", "spokesperson" …, whole words, any case); a person otherwise.  A bib
entry's author is a body when BibTeX marks it so, its whole name in braces (``author =
{{Jane's Information Group}}``), or when it is an acronym.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["person", "organization", "document"]
#: ``document``: words quoted from a text, not said by someone (a treaty's article, an
#: intelligence assessment); never guessed, only declared.
KINDS: tuple[Kind, ...] = ("person", "organization", "document")

#: Words that name a body rather than a person (English; ``:speaker-type:`` overrides).
BODY_WORDS = frozenset(
    {
        "academy",
        "administration",
        "agence",
        "agency",
        "army",
        "assembly",
        "association",
        "authority",
        "bank",
        "board",
        "broadcasting",
        "bureau",
        "cabinet",
        "center",
        "centre",
        "college",
        "commission",
        "committee",
        "company",
        "congress",
        "corporation",
        "council",
        "court",
        "department",
        "embassy",
        "federation",
        "forces",
        "foundation",
        "government",
        "group",
        "inc",
        "institute",
        "institution",
        "league",
        "ltd",
        "media",
        "ministry",
        "navy",
        "network",
        "news",
        "newspaper",
        "office",
        "organisation",
        "organization",
        "parliament",
        "party",
        "press",
        "project",
        "radio",
        "secretariat",
        "service",
        "society",
        "spokesman",
        "spokespeople",
        "spokesperson",
        "spokeswoman",
        "television",
        "union",
        "university",
    }
)

_WORD = re.compile(r"[^\W\d_]+")


def is_acronym(name: str) -> bool:
    """``IRNA``, ``U.N.``: two or more capitals, no lower-case letter, one word."""
    letters = re.sub(r"[.\s&-]", "", name)
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and " " not in name


def guess(name: str) -> Kind:
    """A speaker's kind from the name alone (see the module docstring)."""
    name = " ".join(name.split())
    if not name:
        return "person"
    if is_acronym(name):
        return "organization"
    words = {word.casefold() for word in _WORD.findall(name)}
    return "organization" if words & BODY_WORDS else "person"


def author_kind(written: str) -> Kind:
    """A bib author's kind from the name as written in the bib file (braces kept)."""
    text = written.strip()
    if len(text) > 2 and text.startswith("{") and text.endswith("}"):
        # one braced group around the whole name, not "{v}an Gogh": braces balanced inside
        depth = 0
        for index, char in enumerate(text):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                break
        else:
            return "organization"
    return "organization" if is_acronym(text.strip("{}")) else "person"

"""Authors as Chicago names them: in a note ("Jonathan Landay and Kevin Hall"; four or more
as the first "et al.") and at the head of a bibliography entry, the first inverted
("Landay, Jonathan, and Kevin Hall"; of more than six, the first three "et al.").

A name written in Chinese, Japanese or Korean script ("幸内, 康" in refs.bib) is written as
those languages write it, family name first and without a space ("幸内康"), in the note and
in the bibliography alike: it is never inverted (Chicago 8.15).
"""

from __future__ import annotations

from pybtex.database import Person
from pybtex.richtext import Text

from .. import bibtex
from ..core import scripts


def east_asian(person: Person) -> bool:
    """Whether every letter of the name is of the Han, kana or Hangul scripts."""
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    letters = [char for part in parts for char in part if char.isalpha()]
    return bool(letters) and all(scripts.group(char) == "CJK" for char in letters)


def _family_first(person: Person) -> Text:
    parts = [*person.prelast_names, *person.last_names, *person.first_names, *person.middle_names]
    return Text("").join([bibtex.latex_text(part) for part in parts])


def person_name(person: Person) -> Text:
    if east_asian(person):
        return _family_first(person)
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    name = Text(" ").join([bibtex.latex_text(part) for part in parts])
    if person.lineage_names:
        name = Text(
            name, ", ", Text(" ").join([bibtex.latex_text(p) for p in person.lineage_names])
        )
    return name


def note_names(people: list[Person]) -> Text:
    """The authors as a full note names them: four or more are the first and "et al."
    (Chicago 14.76); the bibliography lists them (:mod:`.bibentry`)."""
    names = [person_name(person) for person in people]
    if len(names) > 3:
        return Text(names[0], " et al.")
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return Text(names[0], " and ", names[1])
    return Text(Text(", ").join(names[:-1]), ", and ", names[-1])


def inverted_name(person: Person) -> Text:
    """A name as a bibliography begins with it: "Landay, Jonathan S.", "King, Martin
    Luther, Jr.", "de Gaulle, Charles"; a name of one part (an agency) as it is.

    What comes before the comma of ``Last, First`` in refs.bib stays in its order: pybtex
    finds a particle ("de", "van") by its lower-case letter, which words of other kinds
    have too, so moving it after the given names could reorder a family name.
    """
    if east_asian(person):
        return _family_first(person)
    given = [*person.first_names, *person.middle_names]
    family = (*person.prelast_names, *person.last_names)
    name = Text(" ").join([bibtex.latex_text(part) for part in family])
    if given:
        name = Text(name, ", ", Text(" ").join([bibtex.latex_text(part) for part in given]))
    if person.lineage_names:
        lineage = Text(" ").join([bibtex.latex_text(p) for p in person.lineage_names])
        name = Text(name, ", ", lineage)
    return name


#: Chicago's bibliography (18th edition): up to six authors are all named; of more, the
#: first three, then "et al."
ALL_AUTHORS_UP_TO = 6
AUTHORS_BEFORE_ET_AL = 3


def inverted_names(people: list[Person]) -> Text:
    """The authors as a bibliography entry begins: the first inverted, the others not
    ("Landay, Jonathan, and Kevin Hall"; "Kerr, Simeon, Harvey Morris, and Ann Lee")."""
    first = inverted_name(people[0])
    if len(people) > ALL_AUTHORS_UP_TO:
        rest = [person_name(person) for person in people[1:AUTHORS_BEFORE_ET_AL]]
        return Text(Text(", ").join([first, *rest]), " et al.")
    others = [person_name(person) for person in people[1:]]
    if not others:
        return first
    # an inverted first name ends with a comma before "and" ("Landay, Jonathan, and …");
    # a name of one part (an agency) is joined as in the note ("Reuters and Jane Doe")
    inverted = not east_asian(people[0]) and bool(
        people[0].first_names or people[0].middle_names or people[0].lineage_names
    )
    if len(others) == 1 and not inverted:
        return Text(first, " and ", others[0])
    return Text(Text(", ").join([first, *others[:-1]]), ", and ", others[-1])

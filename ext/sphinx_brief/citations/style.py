"""The brief's note style, a pybtex formatting plugin named ``brief``.

Every entry renders as one Chicago-like note::

    Author, “Title,” Publication, Month Day, Year, URL (accessed Month Day, Year).

Titles keep their capitals (no sentence-casing).  The publication date comes from
biblatex's ``date`` (an ISO 8601 / EDTF date or range) or from ``year``/``month``/``day``;
the access date from ``urldate``; ``library`` names a database the source was read in
("accessed from LexisNexis on …").  An entry that lacks what the style needs still renders
what it has, and the problem is logged once as a warning that names the key.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any, ClassVar

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from .. import bibtex
from ..core import dates
from ..core.logs import warn
from .fields import (
    PUBLICATION_FIELDS,
    WHOLE_WORKS,
    EntryProblem,
    access_date,
    archive_url,
    comment_problems,
    latex_field,
    publication_date,
)
from .settings import NoteSettings, current


def _person(person: Person) -> Text:
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    name = Text(" ").join([Text.from_latex(part) for part in parts])
    if person.lineage_names:
        name = Text(name, ", ", Text(" ").join([Text.from_latex(p) for p in person.lineage_names]))
    return name


def _names(people: list[Person]) -> Text:
    names = [_person(person) for person in people]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return Text(names[0], " and ", names[1])
    return Text(Text(", ").join(names[:-1]), ", and ", names[-1])


#: Address schemes a note links; any other (``javascript:``, ``data:`` …) is shown as text.
LINKED_SCHEMES = ("http://", "https://", "ftp://", "mailto:", "doi:")


def _link(url: str) -> Text:
    """An address, as a link when it is a web address and as plain text otherwise."""
    if url.lower().startswith(LINKED_SCHEMES):
        return Text(HRef(url, url))
    return Text(url)


_END_PUNCT = re.compile(r"[.?!…]$")


def _nest_quotes(latex: str) -> str:
    """Double quotation marks inside a quoted title become single ones (“A ‘b’ c”)."""
    latex = latex.replace("``", "‘").replace("''", "’").replace("“", "‘").replace("”", "’")
    out, opening = [], True
    for char in latex:
        if char == '"':
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def entry_content(entry: Entry) -> Hashable:
    """A hashable value of everything an entry holds (key, type, fields, persons): what
    caches of things made from an entry are keyed by."""
    persons = tuple(
        (role, tuple(str(person) for person in people)) for role, people in entry.persons.items()
    )
    return (entry.key, entry.type, tuple(entry.fields.items()), persons)


#: The state of a style made with given arguments (see ``BriefStyle.__init__``): pybtex's
#: name, label and sorting plugins, which hold no state of their own.
_PROTOTYPES: dict[Hashable, dict[str, Any]] = {}


class BriefStyle(BaseStyle):
    """Chicago-like notes for briefs (see the module docstring).

    Its settings are those of the application that is building (:mod:`.settings`), or given
    explicitly (``BriefStyle(settings=…)``).
    """

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    #: How many notes were formatted (not found in a build's cache); tests count these.
    formatted_count: ClassVar[int] = 0

    def __init__(
        self,
        label_style: Any = None,
        name_style: Any = None,
        sorting_style: Any = None,
        abbreviate_names: bool = False,
        min_crossrefs: int = 2,
        settings: NoteSettings | None = None,
        **kwargs: Any,
    ) -> None:
        self.settings = settings if settings is not None else current()
        # sphinxcontrib-bibtex makes a style for every citation, and pybtex's __init__
        # looks up and makes a name, a label and a sorting plugin each time.  Those plugins
        # are stateless, so a style made with the same arguments shares them.
        args = (type(self), label_style, name_style, sorting_style, abbreviate_names, min_crossrefs)
        state = _PROTOTYPES.get(args) if self.settings.cache and not kwargs else None
        if state is not None:
            self.__dict__.update(state)
            return
        super().__init__(
            label_style=label_style,
            name_style=name_style,
            sorting_style=sorting_style,
            abbreviate_names=abbreviate_names,
            min_crossrefs=min_crossrefs,
            **kwargs,
        )
        if self.settings.cache and not kwargs:
            _PROTOTYPES[args] = {k: v for k, v in self.__dict__.items() if k != "settings"}

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def archive_links(self) -> bool:
        return self.settings.archive_links

    def cache_key(self, entry: Entry) -> Hashable:
        """What a note depends on: the style, its settings, and the entry's content."""
        return (type(self), self.settings.key, entry_content(entry))

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        settings = self.settings
        key = self.cache_key(entry) if settings.cache else None
        cached = settings.notes.get(key) if key is not None else None
        if cached is None:
            problems: list[str] = []
            text = self.format_note(entry, problems)
            BriefStyle.formatted_count += 1
            if key is not None:
                settings.notes[key] = (text, tuple(problems))
        else:
            text, cached_problems = cached
            problems = list(cached_problems)
        for problem in problems:
            marker = (entry.key, problem)
            if marker not in settings.reported:
                settings.reported.add(marker)
                warn(
                    "bibtex",
                    "bib entry %r: %s",
                    entry.key,
                    problem,
                    location=bibtex.entry_location(settings.starts, entry.key),
                )
        return FormattedEntry(entry.key, text, label)

    def format_note(self, entry: Entry, problems: list[str]) -> Text:
        problems.extend(comment_problems(entry))
        parts: list[Text] = []
        people = entry.persons.get("author") or entry.persons.get("editor")
        if people:
            parts.append(_names(people))

        whole_work = entry.type.lower() in WHOLE_WORKS
        title = None
        if "title" in entry.fields:
            raw = entry.fields["title"]
            title = Text.from_latex(raw if whole_work else _nest_quotes(raw))
        else:
            problems.append("it has no title")
        publication = self._publication(entry)

        try:
            published = publication_date(entry)
        except EntryProblem as exc:
            problems.append(str(exc))
            published = None
        if published is None and not problems:
            problems.append("it has no date (give date, or year with month and day)")

        segments: list[Text] = []
        if title is not None:
            if whole_work:
                parts.append(Text(Tag("em", title)))
            else:
                quoted_end = "" if _END_PUNCT.search(str(title)) else ","
                # The comma goes inside the quotation marks; the title is the last part
                # before it so it joins the next part with a space, not ", ".
                segments.append(Text("“", title, quoted_end, "”"))
        middle = [p for p in (publication, self._date_text(published)) if p is not None]
        url = entry.fields.get("url", "").strip()
        if url:
            middle.append(_link(url))

        head = Text(", ").join(parts) if parts else Text()
        body = Text(", ").join(middle) if middle else Text()
        if segments:
            quoted = segments[0]
            head = Text(head, ", ", quoted) if head else quoted
            note = Text(head, " ", body) if body else head
        else:
            note = Text(head, ", ", body) if head and body else (head or body)

        access = self._access(entry, problems)
        if access is not None:
            note = Text(note, " ", access)
        extra = latex_field(entry, "note") if "note" in entry.fields else None
        if extra is not None:
            note = Text(note, ", ", extra)
        if not _END_PUNCT.search(str(note)):
            note = Text(note, ".")
        return note

    def _publication(self, entry: Entry) -> Text | None:
        name = next((f for f in PUBLICATION_FIELDS if entry.fields.get(f, "").strip()), None)
        if entry.type.lower() in {"report", "techreport"}:
            kind = " ".join(
                bibtex.field_text(entry, f) for f in ("type", "number") if f in entry.fields
            )
            parts = [Text(kind)] if kind else []
            if name:
                parts.append(latex_field(entry, name))
            return Text(", ").join(parts) if parts else None
        if name is None:
            return None
        return Text(Tag("em", latex_field(entry, name)))

    def _date_text(self, date: dates.BriefDate | None) -> Text | None:
        return Text(date.display(self.language)) if date is not None else None

    def _access(self, entry: Entry, problems: list[str]) -> Text | None:
        try:
            accessed = access_date(entry)
        except EntryProblem as exc:
            problems.append(str(exc))
            accessed = None
        library = bibtex.field_text(entry, "library")
        words = ""
        if accessed is not None or library:
            words = "accessed"
            if library:
                words += f" from {library}"
            if accessed is not None:
                words += (" on " if library else " ") + accessed.display(self.language)
        archived = archive_url(entry, accessed) if self.archive_links else None
        if archived:
            parts = [Text(words)] if words else []
            parts.append(Text("archived at ", _link(archived)))
            return Text("(", Text("; ").join(parts), ")")
        return Text(f"({words})") if words else None

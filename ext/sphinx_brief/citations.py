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

import datetime as dt
import re
from collections.abc import Hashable
from typing import Any, ClassVar

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from sphinx.util import logging

from . import bibfiles, dates

logger = logging.getLogger(__name__)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

#: Fields that name where a source was published, in order of preference.
PUBLICATION_FIELDS = (
    "journaltitle",
    "journal",
    "booktitle",
    "howpublished",
    "publisher",
    "organization",
    "institution",
    "school",
)
#: Entry types whose title is a whole work (set in italics) rather than a part (quoted).
WHOLE_WORKS = frozenset(
    {
        "book",
        "mvbook",
        "booklet",
        "manual",
        "thesis",
        "phdthesis",
        "mastersthesis",
        "proceedings",
        "collection",
    }
)


class EntryProblem(ValueError):
    """A field the style cannot read (the message names the field)."""


#: Fields taken as written, not read as LaTeX (addresses and identifiers).
VERBATIM_FIELDS = frozenset({"url", "archiveurl", "urlraw", "doi", "eprint", "file"})
_COMMENT = re.compile(r"(?<!\\)%")


def comment_problems(entry: Entry) -> list[str]:
    """Fields with an unescaped ``%``: LaTeX, so pybtex too, reads the rest as a comment.

    BibTeX keeps the ``%`` inside braces, but a field is LaTeX: "10% of" is printed "10"
    and the words after it are lost, silently.  ``\\%`` is a percent sign.
    """
    found = [
        f
        for f, v in entry.fields.items()
        if f.lower() not in VERBATIM_FIELDS and _COMMENT.search(v)
    ]
    found += [
        role
        for role, people in entry.persons.items()
        if any(_COMMENT.search(str(person)) for person in people)
    ]
    return [
        f"its {field} holds an unescaped % (LaTeX reads what follows as a comment, and "
        "it is lost); write \\% for a percent sign"
        for field in found
    ]


def _plain(entry: Entry, field: str) -> str:
    return str(Text.from_latex(entry.fields[field])) if field in entry.fields else ""


def _latex(entry: Entry, field: str) -> Text:
    return Text.from_latex(entry.fields[field])


def publication_date(entry: Entry) -> dates.BriefDate | None:
    """The entry's publication date from ``date`` or ``year``/``month``/``day``.

    Raises :class:`EntryProblem` if a date is given but cannot be read.
    """
    fields = entry.fields
    if fields.get("date", "").strip():
        try:
            return dates.parse(_plain(entry, "date").strip())
        except dates.DateError as exc:
            raise EntryProblem(f"its date cannot be read: {exc}") from None
    year = _plain(entry, "year").strip()
    if not year:
        return None
    parts = [year]
    month = _plain(entry, "month").strip().lower().rstrip(".")
    if month:
        number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
        if number is None or not 1 <= number <= 12:
            raise EntryProblem(f"its month {month!r} is not a month")
        parts.append(f"{number:02d}")
        day = _plain(entry, "day").strip()
        if day:
            if not day.isdigit():
                raise EntryProblem(f"its day {day!r} is not a number")
            parts.append(f"{int(day):02d}")
    try:
        return dates.parse("-".join(parts))
    except dates.DateError as exc:
        raise EntryProblem(f"its year/month/day cannot be read: {exc}") from None


def _access_date(entry: Entry) -> dates.BriefDate | None:
    text = _plain(entry, "urldate").strip()
    if not text:
        return None
    try:
        return dates.parse(text)
    except dates.DateError as exc:
        raise EntryProblem(f"its urldate cannot be read: {exc}") from None


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


#: At most this many notes are memoised (a bound for very long-running processes).
_MAX_NOTES = 10_000

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
    """A hashable value of everything an entry holds (key, type, fields, persons).

    Computed once per entry object: the entries sphinxcontrib-bibtex parses are not
    modified during a build.  Caches of what is made from an entry use it as their key.
    """
    known = BriefStyle._contents.get(id(entry))
    if known is not None and known[0] is entry:
        return known[1]
    persons = tuple(
        (role, tuple(str(person) for person in people)) for role, people in entry.persons.items()
    )
    content = (entry.key, entry.type, tuple(entry.fields.items()), persons)
    if len(BriefStyle._contents) >= _MAX_NOTES:
        BriefStyle._contents.clear()
    BriefStyle._contents[id(entry)] = (entry, content)
    return content


class BriefStyle(BaseStyle):
    """Chicago-like notes for briefs (see the module docstring)."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    #: The project's ``language``, set when Sphinx reads its config; month names follow it.
    language: ClassVar[str] = "en"
    #: Show an archived copy of every web source (config ``brief_archive_links``).
    archive_links: ClassVar[bool] = True
    #: Keys already reported, so a source cited many times is reported once.
    _reported: ClassVar[set[tuple[str, str]]] = set()
    #: Whether notes are memoised (the ``brief_citation_cache`` setting; see below).
    cache_enabled: ClassVar[bool] = True
    #: Memoised notes: :meth:`cache_key` → (note, problems).  sphinxcontrib-bibtex formats
    #: an entry anew for every citation of it; a note depends only on the entry's content,
    #: the style and the language, so it is formatted once per build process.
    _notes: ClassVar[dict[Hashable, tuple[Text, tuple[str, ...]]]] = {}
    #: How many notes were formatted (not found in the cache); tests count these.
    formatted_count: ClassVar[int] = 0
    #: An entry's content key, computed once per entry object: ``id`` → (entry, key).
    _contents: ClassVar[dict[int, tuple[Entry, Hashable]]] = {}
    #: The state of a style made with given arguments (see ``__init__``).
    _prototypes: ClassVar[dict[Hashable, dict[str, Any]]] = {}

    def __init__(
        self,
        label_style: Any = None,
        name_style: Any = None,
        sorting_style: Any = None,
        abbreviate_names: bool = False,
        min_crossrefs: int = 2,
        **kwargs: Any,
    ) -> None:
        # sphinxcontrib-bibtex makes a style for every citation, and pybtex's __init__
        # looks up and makes a name, a label and a sorting plugin each time.  Those plugins
        # are stateless, so a style made with the same arguments shares them.
        args = (type(self), label_style, name_style, sorting_style, abbreviate_names, min_crossrefs)
        state = BriefStyle._prototypes.get(args) if self.cache_enabled and not kwargs else None
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
        if self.cache_enabled and not kwargs:
            BriefStyle._prototypes[args] = dict(self.__dict__)

    def cache_key(self, entry: Entry) -> Hashable:
        """What a note depends on: the style and its settings, and the entry's content.

        The settings are class attributes set from the config when Sphinx reads it, where
        the cache is also cleared (:meth:`clear_cache`); a new setting belongs here too.
        """
        return (type(self), (self.language, self.archive_links), entry_content(entry))

    @classmethod
    def clear_cache(cls) -> None:
        """Forget every memoised note (they are formatted again when next cited)."""
        BriefStyle._notes.clear()
        BriefStyle._contents.clear()
        BriefStyle._prototypes.clear()

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        key = self.cache_key(entry) if self.cache_enabled else None
        cached = self._notes.get(key) if key is not None else None
        if cached is None:
            problems: list[str] = []
            text = self.format_note(entry, problems)
            BriefStyle.formatted_count += 1
            if key is not None:
                if len(self._notes) >= _MAX_NOTES:
                    self._notes.clear()
                self._notes[key] = (text, tuple(problems))
        else:
            text, cached_problems = cached
            problems = list(cached_problems)
        # Reported from the cache too: a new build (after _reported is cleared) warns again.
        for problem in problems:
            marker = (entry.key, problem)
            if marker not in self._reported:
                self._reported.add(marker)
                logger.warning(
                    "bib entry %r: %s",
                    entry.key,
                    problem,
                    location=bibfiles.entry_location(entry.key),
                    type="brief",
                    subtype="bibtex",
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
        extra = _latex(entry, "note") if "note" in entry.fields else None
        if extra is not None:
            note = Text(note, ", ", extra)
        if not _END_PUNCT.search(str(note)):
            note = Text(note, ".")
        return note

    def _publication(self, entry: Entry) -> Text | None:
        name = next((f for f in PUBLICATION_FIELDS if entry.fields.get(f, "").strip()), None)
        if entry.type.lower() in {"report", "techreport"}:
            kind = " ".join(_plain(entry, f) for f in ("type", "number") if f in entry.fields)
            parts = [Text(kind)] if kind else []
            if name:
                parts.append(_latex(entry, name))
            return Text(", ").join(parts) if parts else None
        if name is None:
            return None
        return Text(Tag("em", _latex(entry, name)))

    def _date_text(self, date: dates.BriefDate | None) -> Text | None:
        return Text(date.display(self.language)) if date is not None else None

    def _access(self, entry: Entry, problems: list[str]) -> Text | None:
        try:
            accessed = _access_date(entry)
        except EntryProblem as exc:
            problems.append(str(exc))
            accessed = None
        library = _plain(entry, "library").strip()
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


#: The web archive's lookup address: it redirects to the capture nearest to the stamp.
ARCHIVE_LOOKUP = "https://web.archive.org/web/{stamp}/{url}"


def archive_url(entry: Entry, accessed: dates.BriefDate | None = None) -> str | None:
    """An archived copy of a web source: ``archiveurl`` if the entry gives one, otherwise
    the web archive's lookup address for the page at its access (or publication) date."""
    explicit = entry.fields.get("archiveurl", "").strip()
    if explicit:
        return explicit
    url = entry.fields.get("url", "").strip()
    if not url:
        return None
    when = accessed
    if when is None:
        try:
            when = _access_date(entry) or publication_date(entry)
        except EntryProblem:
            when = None
    stamp = when.start.strftime("%Y%m%d") if when is not None else "*"
    return ARCHIVE_LOOKUP.format(stamp=stamp, url=url)


def published_on(entry: Entry) -> dt.date | None:
    """The last day an entry may have been published on (None if it has no readable date)."""
    try:
        date = publication_date(entry)
    except EntryProblem:
        return None
    return date.end if date is not None else None

"""The brief's note style, a pybtex formatting plugin named ``brief``.

Every entry renders as one Chicago note::

    Author, “Title,” Publication, Month Day, Year, URL (accessed Month Day, Year).
    Author, *Book or Report*, Type Number (Place: Publisher, Year), URL.

Titles keep their capitals (no sentence-casing).  The publication date comes from
biblatex's ``date`` (an ISO 8601 / EDTF date or range) or from ``year``/``month``/``day``,
and is "n.d." where the entry has none; the access date from ``urldate``; ``library``
names a database the source was read in ("accessed from LexisNexis on …"); ``note`` is a
publication fact (after the date).  An entry that lacks what the style needs still renders
what it has, and the problem is logged once as a warning that names the key and its line.

Each entry is read once per build into its parts (:class:`.compose.NoteParts`), from which
:mod:`.compose` makes full and short notes of one or more sources, and :mod:`.bibentry` the
entry of the bibliography in Chicago's bibliography form::

    Author, First. “Title.” Publication, Month Day, Year. Accessed Month Day, Year. URL.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar

from pybtex.database import Entry
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from .. import bibtex
from ..core import dates
from ..core.logs import warn
from . import entry_types
from .authors import inverted_names, note_names
from .bibentry import compose_entry
from .bibliography import ChicagoOrder
from .compose import NO_DATE, Cited, NoteParts, capitalised, compose_note, shorten_title
from .compose import last_names as _last_names
from .fields import (
    ROMAN_TITLES,
    WHOLE_WORKS,
    EntryProblem,
    access_date,
    archive_url,
    comment_problems,
    entry_url,
    latex_field,
    publication_date,
    url_problem,
    web_address,
)
from .languages import UnknownLanguage, named_language
from .quotemarks import nest_quotes
from .settings import NoteSettings, current

#: Entry types whose title is italic and whose facts go in parentheses, beside WHOLE_WORKS.
REPORTS = frozenset({"report", "techreport"})
#: Where a part was published (italic): a journal, a newspaper, a book it is in.
CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle")
#: Who issued a part, set in roman where there is no container.
ROMAN_FIELDS = ("howpublished", "publisher", "organization", "institution", "school")
#: Who issued a whole work, and where (Chicago's "Place: Publisher").
ISSUER_FIELDS = ("publisher", "institution", "organization", "school", "howpublished")
PLACE_FIELDS = ("location", "address")


def _issue(entry: Entry) -> Text | None:
    """A journal's volume and issue ("12, no. 3"), None if the entry gives neither."""
    fields = entry.fields
    volume = bibtex.field_text(entry, "volume") if fields.get("volume", "").strip() else ""
    number = next(
        (bibtex.field_text(entry, f) for f in ("number", "issue") if fields.get(f, "").strip()),
        "",
    )
    if not volume and not number:
        return None
    if volume and number:
        return Text(volume, ", no. ", number)
    return Text(volume) if volume else Text("no. ", number)


def _pages(entry: Entry) -> Text | None:
    """An article's pages, with an en dash for a range ("112--15" is "112–15")."""
    value = entry.fields.get("pages", "").strip()
    if not value:
        return None
    return Text(re.sub(r"\s*-+\s*", "–", bibtex.field_text(entry, "pages")))


def _link(url: str) -> Text:
    """An address, as a link when it is a web address (:func:`.fields.web_address`: a DOI
    as its https address, printed as linked) and as plain text otherwise."""
    web = web_address(url)
    if web is not None:
        return Text(HRef(web, web))
    return Text(url)


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
    #: the bibliography in Chicago's order (:class:`.bibliography.ChicagoOrder`)
    default_sorting_style: Any = ChicagoOrder

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
        """The full note (sphinxcontrib-bibtex's ``footcite`` and ``bibliography``)."""
        settings = self.settings
        key = self.cache_key(entry) if settings.cache else None
        text = settings.notes.get(key) if key is not None else None
        if text is None:
            text = compose_note([Cited(self.parts(entry))])
            if key is not None:
                settings.notes[key] = text
        return FormattedEntry(entry.key, text, label)

    def format_bibliography_entry(self, entry: Entry) -> Text:
        """The entry as the bibliography (the Sources page) lists it, in Chicago's
        bibliography form (:mod:`.bibentry`), made from the same parts as its note.

        ``format_entry`` stays the note: sphinxcontrib-bibtex asks it for ``footcite``
        notes and the bibliography alike; the bibliography's entries are put in this form
        when the page is written (:class:`.bibliography.BibliographyForm`).
        """
        settings = self.settings
        key = ("entry", self.cache_key(entry)) if settings.cache else None
        text = settings.notes.get(key) if key is not None else None
        if text is None:
            text = compose_entry(self.parts(entry))
            if key is not None:
                settings.notes[key] = text
        return text

    def format_note(self, entry: Entry, problems: list[str]) -> Text:
        """The full note of ``entry``, alone, with its final full stop."""
        return compose_note([Cited(self.note_parts(entry, problems))])

    def parts(self, entry: Entry) -> NoteParts:
        """The entry's note parts, made once per build (per settings); problems warned once."""
        settings = self.settings
        key = ("parts", self.cache_key(entry)) if settings.cache else None
        cached = settings.parts.get(key) if key is not None else None
        if cached is None:
            problems: list[str] = []
            made = self.note_parts(entry, problems)
            BriefStyle.formatted_count += 1
            cached = (made, tuple(problems))
            if key is not None:
                settings.parts[key] = cached
        self.report(entry.key, cached[1])
        return cached[0]

    def report(self, key: str, problems: Iterable[str]) -> None:
        settings = self.settings
        for problem in problems:
            marker = (key, problem)
            if marker not in settings.reported:
                settings.reported.add(marker)
                warn(
                    "bibtex",
                    "bib entry %r: %s",
                    key,
                    problem,
                    location=bibtex.entry_location(settings.starts, key),
                )

    def note_parts(self, entry: Entry, problems: list[str]) -> NoteParts:
        problems.extend(comment_problems(entry))
        problems.extend(entry_types.missing(entry))
        people = entry.persons.get("author") or entry.persons.get("editor")
        kind = entry.type.lower()
        whole_work = kind in WHOLE_WORKS or kind in REPORTS
        title, short_title, addon, descriptive = self._titles(entry, whole_work, problems)
        try:
            published = publication_date(entry)
        except EntryProblem as exc:
            problems.append(str(exc))
            published = None
        date = Text(self._date_text(published) or NO_DATE)
        facts, elements = self._facts(entry, kind, date)
        in_journal = any(entry.fields.get(f, "").strip() for f in CONTAINER_FIELDS[:2])
        part = kind not in WHOLE_WORKS and kind not in REPORTS
        url = entry_url(entry)
        unlinked = url_problem(entry)
        if unlinked is not None:
            problems.append(unlinked)
        accessed, library, archived = self._access_parts(entry, problems)
        return NoteParts(
            author=note_names(people) if people else None,
            short_author=_last_names(people) if people else None,
            title=title,
            short_title=short_title,
            whole_work=whole_work,
            facts=tuple(facts),
            url=_link(url) if url else None,
            access=self._access(accessed, library, archived),
            inverted_author=inverted_names(people) if people else None,
            elements=tuple(elements),
            accessed=Text(accessed.display(self.language)) if accessed is not None else None,
            library=Text(library) if library else None,
            archived=_link(archived) if archived else None,
            pages=_pages(entry) if part else None,
            colon_pages=part and in_journal and _issue(entry) is not None,
            title_addon=addon,
            descriptive=descriptive,
        )

    def _titles(
        self, entry: Entry, whole_work: bool, problems: list[str]
    ) -> tuple[Text | None, Text | None, Text | None, bool]:
        """The title, the short title, what follows the title (its translation in
        brackets, or the source's language), and whether the title is a description.

        ``titleaddon`` beside a ``title`` is the title's translation ("[Title in
        English]"); without a ``title`` it describes an untitled source ("Press briefing
        by the spokesperson"), set as a description.  The language is named
        (:mod:`.languages`) where the title has no translation.
        """
        fields = entry.fields
        addon_raw = fields.get("titleaddon", "").strip()
        short_raw = fields.get("shorttitle", "").strip()
        quoted = not whole_work and "title" in fields

        def read(raw: str) -> Text:
            return bibtex.latex_text(nest_quotes(raw) if quoted else raw)

        title = short_title = addon = None
        descriptive = False
        if "title" in fields:
            title = read(fields["title"])
            descriptive = entry.type.lower() in ROMAN_TITLES  # a law, a treaty: roman
            if addon_raw:
                # after the title's closing mark, not inside it: its marks as typed
                inner = str(bibtex.latex_text(addon_raw)).strip()
                if inner.startswith("[") and inner.endswith("]"):
                    inner = inner[1:-1].strip()  # written in its brackets already
                addon = Text("[", inner, "]")
        elif addon_raw:
            title, descriptive = Text(capitalised(str(read(addon_raw)))), True
        else:
            problems.append("it has no title (or titleaddon, to describe an untitled source)")
        if title is not None and short_raw:
            short_title = read(short_raw)
            if "title" not in fields:  # a description's shorter form, set as it is
                short_title = Text(capitalised(str(short_title)))
        elif title is not None:
            short_title = Text(shorten_title(str(title)))
        if addon is None:
            try:
                named = named_language(entry, self.language)
            except UnknownLanguage as exc:
                problems.append(str(exc))
                named = None
            if named:
                addon = Text(f"({named})")
        return title, short_title, addon, descriptive

    def _facts(
        self, entry: Entry, kind: str, date: Text
    ) -> tuple[list[tuple[str, Text]], list[Text]]:
        """The publication facts after the title: for the note, each with the separator
        before it ("*Title*, Report 7 (Place: Publisher, Date)"); for the bibliography, as
        its elements, each to end with a full stop ("Report 7", "Place: Publisher, Date")."""
        fields = entry.fields
        facts: list[tuple[str, Text]] = []
        elements: list[Text] = []
        extra = latex_field(entry, "note") if fields.get("note", "").strip() else None
        if kind in WHOLE_WORKS or kind in REPORTS:
            if kind in REPORTS:
                what = " ".join(
                    bibtex.field_text(entry, f) for f in ("type", "number") if f in fields
                )
                if what:
                    facts.append((", ", Text(what)))
                    elements.append(Text(capitalised(what)))
            place = next((f for f in PLACE_FIELDS if fields.get(f, "").strip()), None)
            issuer = next((f for f in ISSUER_FIELDS if fields.get(f, "").strip()), None)
            inside: list[Text] = []
            if place and issuer:
                inside.append(Text(latex_field(entry, place), ": ", latex_field(entry, issuer)))
            elif issuer or place:
                inside.append(latex_field(entry, issuer or place or ""))
            facts.append((" ", Text("(", Text(", ").join([*inside, date]), ")")))
            imprint = [*inside, date if inside else Text(capitalised(str(date)))]
        else:
            container = next((f for f in CONTAINER_FIELDS if fields.get(f, "").strip()), None)
            issuer = next((f for f in ROMAN_FIELDS if fields.get(f, "").strip()), None)
            if container is not None:
                name = Text(Tag("em", latex_field(entry, container)))
                in_book = container == "booktitle"
                issue = None if in_book else _issue(entry)
                if issue is not None:
                    # a journal: "*Journal* 12, no. 3 (June 2021)" (Chicago 14.171)
                    journal = Text(name, " ", issue, " (", date, ")")
                    facts.append((", ", journal))
                    imprint = [journal]
                elif in_book:
                    # a chapter: "in *Book* (Place: Publisher, Date)" (Chicago 14.9)
                    place = next((f for f in PLACE_FIELDS if fields.get(f, "").strip()), None)
                    by = next((f for f in ISSUER_FIELDS if fields.get(f, "").strip()), None)
                    imprint_parts: list[Text] = []
                    if place and by:
                        imprint_parts.append(
                            Text(latex_field(entry, place), ": ", latex_field(entry, by))
                        )
                    elif place or by:
                        imprint_parts.append(latex_field(entry, place or by or ""))
                    facts.append((", ", Text("in ", name)))
                    facts.append((" ", Text("(", Text(", ").join([*imprint_parts, date]), ")")))
                    imprint = [Text("In ", name), *imprint_parts, date]
                else:
                    facts.append((", ", name))
                    facts.append((", ", date))
                    imprint = [name, date]
            elif issuer is not None:
                facts.append((", ", latex_field(entry, issuer)))
                facts.append((", ", date))
                imprint = [latex_field(entry, issuer), date]
            else:
                facts.append((", ", date))
                imprint = [Text(capitalised(str(date)))]
            pages = _pages(entry)
            if pages is not None:
                # the note puts them (or the page cited) after its facts (compose.py)
                imprint[-1] = Text(imprint[-1], ": " if issue is not None else ", ", pages)
        if extra is not None:
            facts.append((", ", extra))
            imprint.append(extra)
        elements.append(Text(", ").join(imprint))
        return facts, elements

    def _date_text(self, date: dates.BriefDate | None) -> Text | None:
        return Text(date.display(self.language)) if date is not None else None

    def _access_parts(
        self, entry: Entry, problems: list[str]
    ) -> tuple[dates.BriefDate | None, str, str | None]:
        """When the source was read, in which database, and where a copy is archived."""
        try:
            accessed = access_date(entry)
        except EntryProblem as exc:
            problems.append(str(exc))
            accessed = None
        library = bibtex.field_text(entry, "library")
        archived = (
            archive_url(entry, accessed, lookup=self.settings.archive_lookup)
            if self.archive_links
            else None
        )
        return accessed, library, archived

    def _access(
        self, accessed: dates.BriefDate | None, library: str, archived: str | None
    ) -> Text | None:
        """The note's "(accessed from LexisNexis on …; archived at …)"."""
        words = ""
        if accessed is not None or library:
            words = "accessed"
            if library:
                words += f" from {library}"
            if accessed is not None:
                words += (" on " if library else " ") + accessed.display(self.language)
        if archived:
            parts = [Text(words)] if words else []
            parts.append(Text("archived at ", _link(archived)))
            return Text("(", Text("; ").join(parts), ")")
        return Text(f"({words})") if words else None

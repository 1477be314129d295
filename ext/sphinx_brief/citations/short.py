"""Short citations of sources ("Hilder, *The Times*, May 13, 2010"), linked to the full
entry of the bibliography (the Sources page).

Collected lists (timelines, quotation lists) stand on any page: they cite with these, which
need no note on the page, in HTML, LaTeX and ePub alike.  Links are placeholders
(:mod:`..core.links`) given their address when the page is written.

They are made when the page is written, after Sphinx's smart quotes have educated its prose
while it was read, so they are educated here, with the page's typography
(:mod:`..core.typography`), as the notes and the Sources page are: "Kyodo News’ Service",
a short title's inner quotation marks single, as a note's (“Iran’s ‘Nuclear’ Deal,”).
"""

from __future__ import annotations

from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import Text
from sphinx.environment import BuildEnvironment

from .. import bibtex
from ..core.links import placeholder_link
from ..core.logs import warn
from ..core.typography import Typography, typography_of
from .compose import capitalised, ends_in_punctuation, punctuated, shorten_title
from .fields import PUBLICATION_FIELDS, ROMAN_TITLES, WHOLE_WORKS, EntryProblem, publication_date
from .quotemarks import nest_quotes
from .settings import current

#: Entry types whose title is italic beside WHOLE_WORKS (as the note style sets them).
REPORTS = frozenset({"report", "techreport"})


def _report_alike(alike: set[str]) -> None:
    """Two sources whose short citations print the same even with their titles: a reader
    of a chronology cannot tell them apart.  Said once a build, at the first entry."""
    settings = current()
    marker = ("alike", *sorted(alike))
    if marker in settings.reported:
        return
    settings.reported.add(marker)
    first = sorted(alike)[0]
    warn(
        "bibtex",
        "bib entries %s print the same short citation in collected lists (same authors or "
        "title, publication and date): give one a shorttitle, or its full date",
        ", ".join(repr(k) for k in sorted(alike)),
        location=bibtex.entry_location(settings.starts, first),
    )


class SourceIndex:
    """Short citations of bib entries, and where each entry stands in a bibliography.

    ``document`` is the page being written: its citations get the typography of its prose
    (none without a document, or where Sphinx leaves the prose straight)."""

    def __init__(self, env: BuildEnvironment, document: nodes.document | None = None) -> None:
        self.entries = bibtex.entries(env)
        self.language = env.config.language or "en"
        self.typography = typography_of(document) if document is not None else None
        self._short: dict[str, list[nodes.Node]] = {}
        self._levels: dict[int, dict[tuple[str, ...], set[str]]] = {}
        self.targets = bibtex.citation_targets(env)

    def target(self, key: str, fromdoc: str) -> tuple[str, str] | None:
        places = self.targets.get(key)
        if not places:
            return None
        # a bibliography on the timeline's own page first, then the others by page name
        docname, _, citation_id = min(places, key=lambda p: (p[0] != fromdoc, p))
        return docname, citation_id

    def short(self, key: str) -> list[nodes.Node] | None:
        """The short citation of an entry (shared: copy before use); None if unknown."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if key not in self._short:  # pybtex's LaTeX parsing is slow; a source recurs
            # the short title where two would print the same, the whole title where
            # their short titles are the same too; a warning where even that is
            level = 0
            while level < FULL_TITLE and len(self._alike(level)[_signature(entry, level)]) > 1:
                level += 1
            if level == FULL_TITLE and len(self._alike(level)[_signature(entry, level)]) > 1:
                _report_alike(self._alike(level)[_signature(entry, level)])
            self._short[key] = short_citation(
                entry,
                self.language,
                titled=level > 0,
                full_title=level == FULL_TITLE,
                typography=self.typography,
            )
        return self._short[key]

    def _alike(self, level: int = 0) -> dict[tuple[str, ...], set[str]]:
        """Entries by what their short citation says at ``level`` (who, where, when; from
        1 the short title too, at 2 the whole title): two that would print the same are
        told apart by their titles."""
        found = self._levels.get(level)
        if found is None:
            found = {}
            for key, entry in self.entries.items():
                found.setdefault(_signature(entry, level), set()).add(key)
            self._levels[level] = found
        return found

    def title(self, key: str) -> str:
        """The entry's title as plain text (a link's tooltip), educated as the page."""
        entry = self.entries.get(key)
        title = bibtex.field_text(entry, "title") if entry is not None else ""
        return self.typography.text(title) if self.typography is not None else title

    def citation(self, key: str, fromdoc: str) -> nodes.Node:
        short = self.short(key)
        if short is None:  # reported when the event was read
            return nodes.inline(key, key, classes=["brief-source"])
        content = [node.deepcopy() for node in short]
        place = self.target(key, fromdoc)
        if place is None:
            return nodes.inline("", "", *content, classes=["brief-source"])
        return placeholder_link(fromdoc, *place, content, self.title(key))


#: Where a part was published, set in italics (a journal, a newspaper, a book).
CONTAINERS = ("journaltitle", "journal", "booktitle")
#: Who issued a source without a container, set in roman (Chicago: a publisher, an agency).
ISSUERS = ("howpublished", "publisher", "organization", "institution", "school")


def _title_style(entry: Entry) -> str:
    """How the entry's title is set: "italic" (a whole work), "roman" (a description of
    an untitled source, a law or treaty) or "quoted" (a part: an article, a page)."""
    kind = entry.type.lower()
    if not entry.fields.get("title", "").strip():
        return "roman"
    if kind in ROMAN_TITLES:
        return "roman"
    return "italic" if kind in WHOLE_WORKS or kind in REPORTS else "quoted"


#: The level of :meth:`SourceIndex._alike` at which the whole title is shown.
FULL_TITLE = 2


def _signature(entry: Entry, level: int = 0) -> tuple[str, ...]:
    """What the short citation shows at ``level``, read from the raw fields (cheap, for
    comparing): who, the title where it is shown (a source without author, or from level
    1; the whole title at :data:`FULL_TITLE`), where, when."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    who = ";".join(" ".join(p.last_names) for p in people)
    shown = level > 0 or not people or _is_book(entry)
    title = _short_title(entry, full=level == FULL_TITLE).casefold() if shown else ""
    where = next((entry.fields[f] for f in PUBLICATION_FIELDS if entry.fields.get(f)), "")
    when = tuple(entry.fields.get(f, "").strip() for f in ("date", "year", "month", "day"))
    return (who.lower(), title, where.strip().lower(), *when)


def short_citation(
    entry: Entry,
    language: str = "en",
    *,
    titled: bool = False,
    full_title: bool = False,
    typography: Typography | None = None,
) -> list[nodes.Node]:
    """Authors' last names, publication, date: "Hilder, *The Times*, May 13, 2010".  A
    source without author names its short title after its publication, as Chicago cites
    an unsigned source ("*IRNA*, “Statement,” August 26, 2007"; "Congressional Research
    Service, *Iran’s Nuclear Program*, 2026"); with ``titled``, a source with authors shows
    its short title too ("Reuters, “Iran Deal,” April 8, 2026"), to tell apart sources that
    would otherwise print the same; a book by its title rather than its publisher.  A
    journal or newspaper is set in italics, a publisher or agency in roman.  With
    ``typography``, its text is educated as one run, as a note's is."""
    parts: list[tuple[bool, str]] = []  # (in italics, text)
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(str(bibtex.latex_text(n)) for n in p.last_names) for p in people]
    if names:
        parts.append((False, names[0] + " et al." if len(names) > 2 else " and ".join(names)))
    container = next((f for f in CONTAINERS if bibtex.field_text(entry, f)), None)
    issuer = next((f for f in ISSUERS if bibtex.field_text(entry, f)), None)
    # a book's publisher says little of it: its title does ("Cha, *The Impossible
    # State*, 2012"); a report keeps its institution ("Squassoni, Congressional Research
    # Service, 2006"), which is how briefs know reports
    book = _is_book(entry)
    if container is not None:
        parts.append((True, bibtex.field_text(entry, container)))
    elif issuer is not None and not (book and names):
        parts.append((False, bibtex.field_text(entry, issuer)))
    titled = titled or (book and bool(names))
    # Chicago's unsigned sources: the publication or issuer first, then the title
    # ("*Gazette*, “Word Play,” May 3, 2010"; "Congressional Research Service, *Title*")
    title = _short_title(entry, full=full_title) if titled or not names else ""
    style = _title_style(entry)
    quoted = len(parts) if title and style == "quoted" else -1
    if title:
        if style == "quoted":
            parts.append((False, f"“{title}”"))
        else:
            parts.append((style == "italic", title))
    try:
        published = publication_date(entry)
    except EntryProblem:
        published = None
    if published is not None:
        parts.append((False, published.display(language)))
    if not parts:
        parts.append((False, entry.key))
    pieces: list[tuple[bool, str]] = []
    for index, (italic, text) in enumerate(parts):
        if index and index == quoted + 1:
            # Chicago: the comma inside the closing quotation mark (“Iran Deal,” April 8),
            # none after a title's own ? or !
            # and inside a quoted phrase that ends the title (“Iran’s ‘Deal,’” April 8)
            comma = "" if ends_in_punctuation(title) else ","
            pieces[-1] = (False, f"“{punctuated(Text(title), comma)}” ")
        elif index:
            pieces.append((False, ", "))
        pieces.append((italic, text))
    texts = [text for _, text in pieces]
    if typography is not None:
        texts = typography.run(texts)
    return [
        nodes.emphasis(text, text) if italic else nodes.Text(text)
        for (italic, _), text in zip(pieces, texts, strict=True)
    ]


def _is_book(entry: Entry) -> bool:
    """A whole work with a title: its collected-list citation names its title."""
    return entry.type.lower() in WHOLE_WORKS and bool(entry.fields.get("title", "").strip())


def _short_title(entry: Entry, *, full: bool = False) -> str:
    """The short title: the entry's ``shorttitle``, else its title up to the colon, at
    most four words, a quoted phrase it cuts closed after the words kept
    (:func:`.compose.shorten_title`); double quotation marks inside a quoted title become
    single ones, as in a note; a description of an untitled source, shortened."""
    quoted = _title_style(entry) == "quoted"
    short = "" if full else entry.fields.get("shorttitle", "").strip()
    if short:
        return str(bibtex.latex_text(nest_quotes(short) if quoted else short)).strip()
    title = entry.fields.get("title", "").strip()
    cut = (lambda text: text) if full else shorten_title
    if not title:
        return cut(_description(entry))
    return cut(str(bibtex.latex_text(nest_quotes(title) if quoted else title)).strip())


def _description(entry: Entry) -> str:
    """The description of an untitled source (``titleaddon`` without ``title``), as the
    note sets it: capitalised."""
    if entry.fields.get("title", "").strip():
        return ""
    text = bibtex.field_text(entry, "titleaddon").strip()
    return capitalised(text)

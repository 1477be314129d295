"""What a bib entry says, read for the note style and the components: its publication
and access dates, where it was published, what kind of work it is, and its archived copy.

Every reader raises :class:`EntryProblem` (naming the field) on a value it cannot use; the
note style reports it as a warning by key, the components as "no date".
"""

from __future__ import annotations

import re

from pybtex.database import Entry
from pybtex.richtext import Text

from .. import bibtex
from ..bibtex import field_text
from ..core import dates

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
        "dataset",
        "software",
    }
)
#: Entry types whose title is set in roman without quotation marks, as Chicago sets the
#: titles of laws, treaties and other legal instruments (biblatex's @legislation, @legal,
#: @jurisdiction; @treaty and @law as authors name them).
ROMAN_TITLES = frozenset({"legislation", "legal", "jurisdiction", "treaty", "law"})


class EntryProblem(ValueError):
    """A field the style cannot read (the message names the field)."""


#: Fields taken as written, not read as LaTeX (addresses and identifiers).
VERBATIM_FIELDS = frozenset({"url", "archiveurl", "urlraw", "doi", "eprint", "file"})
_COMMENT = re.compile(r"(?<!\\)%")


def comment_problems(entry: Entry) -> list[str]:
    """Fields with an unescaped ``%``: LaTeX, so pybtex too, reads the rest as a comment.

    BibTeX keeps the ``%`` inside braces, but a field is LaTeX: to LaTeX "10% of" is "10"
    and the words after it are lost, silently.  ``\\%`` is a percent sign.  The note style
    reads a bare ``%`` as the percent it means (:func:`..bibtex.latex_text`).
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
        f"its {field} holds an unescaped % (LaTeX, and tools that read the field as LaTeX, "
        "take what follows for a comment; the notes print a percent sign); write \\% for a "
        "percent sign"
        for field in found
    ]


def latex_field(entry: Entry, field: str) -> Text:
    return bibtex.latex_text(entry.fields[field])


def publication_date(entry: Entry) -> dates.BriefDate | None:
    """The entry's publication date from ``date`` or ``year``/``month``/``day``.

    Raises :class:`EntryProblem` if a date is given but cannot be read.
    """
    fields = entry.fields
    if fields.get("date", "").strip():
        try:
            return dates.parse(field_text(entry, "date").strip())
        except dates.DateError as exc:
            raise EntryProblem(f"its date cannot be read: {exc}") from None
    year = field_text(entry, "year").strip()
    if not year:
        return None
    parts = [year]
    month = field_text(entry, "month").strip().lower().rstrip(".")
    if month:
        number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
        if number is None or not 1 <= number <= 12:
            raise EntryProblem(f"its month {month!r} is not a month")
        parts.append(f"{number:02d}")
        day = field_text(entry, "day").strip()
        if day:
            if not day.isdigit():
                raise EntryProblem(f"its day {day!r} is not a number")
            parts.append(f"{int(day):02d}")
    try:
        return dates.parse("-".join(parts))
    except dates.DateError as exc:
        raise EntryProblem(f"its year/month/day cannot be read: {exc}") from None


def access_date(entry: Entry) -> dates.BriefDate | None:
    text = field_text(entry, "urldate").strip()
    if not text:
        return None
    try:
        return dates.parse(text)
    except dates.DateError as exc:
        raise EntryProblem(f"its urldate cannot be read: {exc}") from None


#: The only addresses that become links, in every form and format: what a reader's browser
#: opens as a web page or a message.  ``javascript:``, ``data:``, ``file:`` … print as text.
WEB_SCHEMES = ("http://", "https://", "mailto:")


def web_address(value: str) -> str | None:
    """``value`` as a link may take it: an http, https or mailto address as written (any
    case); a DOI (``doi:10.…``) as its https://doi.org/ address; None for anything else."""
    text = value.strip()
    lower = text.lower()
    if lower.startswith(WEB_SCHEMES):
        return text
    if lower.startswith("doi:") and text[4:].strip():
        return "https://doi.org/" + text[4:].strip()
    return None


def entry_url(entry: Entry) -> str:
    """The entry's address as written: its ``url``, else its ``doi`` as an address."""
    url = entry.fields.get("url", "").strip()
    if url:
        return url
    doi = entry.fields.get("doi", "").strip()
    if not doi:
        return ""
    doi = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", doi, flags=re.I)
    return f"https://doi.org/{doi}"


def url_problem(entry: Entry) -> str | None:
    """Why the entry's address is not linked, if it is not."""
    url = entry_url(entry)
    if url and web_address(url) is None:
        return (
            f"its url {url!r} is no web address (http, https or mailto): printed as text, "
            "not linked and not archived"
        )
    return None


#: The web archive's lookup address: it redirects to the capture nearest to the stamp.
ARCHIVE_LOOKUP = "https://web.archive.org/web/{stamp}/{url}"


def archive_url(
    entry: Entry, accessed: dates.BriefDate | None = None, *, lookup: bool = False
) -> str | None:
    """An archived copy of a web source: ``archiveurl`` if the entry gives one; otherwise,
    with ``lookup`` only, the web archive's lookup address for the page at its access (or
    publication) date, which redirects to whatever capture is nearest: a copy nobody saw."""
    explicit = entry.fields.get("archiveurl", "").strip()
    if explicit:
        return web_address(explicit)
    if not lookup:
        return None
    url = web_address(entry.fields.get("url", "")) or ""
    if not url or url.lower().startswith("mailto:"):
        return None  # only a web page has a copy in the web archive (a DOI resolves)
    when = accessed
    if when is None:
        try:
            when = access_date(entry) or publication_date(entry)
        except EntryProblem:
            when = None
    stamp = when.start.strftime("%Y%m%d") if when is not None else "*"
    return ARCHIVE_LOOKUP.format(stamp=stamp, url=url)

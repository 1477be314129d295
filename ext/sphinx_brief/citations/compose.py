"""A note put together from its sources' parts, as Chicago writes notes.

The style (:mod:`.style`) reads each entry once into :class:`NoteParts`: who wrote it, its
title and short title, the publication facts, its address and access.  A note is then put
together here from one or more sources, each with the prefix ("see") and locator ("112–15")
the author wrote for it, in its full or its short form, or as "Ibid.":

- the sources of one note are joined by "; " and the note ends with one full stop;
- the prefix of the first source is capitalised ("See …");
- the locator stands after the publication facts and before the address in a full note,
  after the short title in a short one;
- a comma or a full stop goes inside the closing quotation mark of a title, and inside
  the closing mark of a quoted phrase that ends the title too (“Iran’s ‘Grand Strategy,’”,
  :mod:`.quotemarks`); no punctuation is added after a title that already ends in ``?``,
  ``!`` or a full stop, inside such marks too (“… ‘Why?’”).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from pybtex.database import Person
from pybtex.richtext import Tag, Text

from .. import bibtex
from ..core import scripts
from .quotemarks import closing_run, left_open
from .syntax import commentary

#: How a source is given in a note.
Form = Literal["full", "short", "ibid"]

#: What an undated source shows for its date (Chicago's "no date").
NO_DATE = "n.d."
IBID = "Ibid."
#: A text ending in its own punctuation, possibly inside closing quotation marks.
_ENDS_PUNCT = re.compile(r"[.?!…][’”'\"»]*$")
_CLOSING = "”"
#: Opening quotation marks, curly and straight.
_OPENING = "‘“'\""
SHORT_TITLE_WORDS = 4


@dataclass(frozen=True)
class NoteParts:
    """What a note says of one source, read once from its entry."""

    author: Text | None
    #: last names only, for the short note ("Landay and Hall")
    short_author: Text | None
    title: Text | None
    short_title: Text | None
    #: a book or report: its title is set in italics, its facts in parentheses
    whole_work: bool
    #: the publication facts after the title, each with the separator that goes before it
    facts: tuple[tuple[str, Text], ...]
    url: Text | None
    #: "(accessed …; archived at …)"
    access: Text | None
    #: The bibliography's form (:mod:`.bibentry`): the names with the first one inverted
    #: ("Landay, Jonathan, and Kevin Hall"), the publication facts as its elements
    #: ("*The Times*, May 13, 2010"; "CRS Report RL31900", "Place: Publisher, Year"), and
    #: the access date ("July 1, 2010"), database ("LexisNexis") and archived copy apart.
    inverted_author: Text | None = None
    elements: tuple[Text, ...] = ()
    accessed: Text | None = None
    library: Text | None = None
    archived: Text | None = None
    #: the pages of an article ("112–15"), which a locator replaces in a note, after
    #: ": " when the facts end with a journal's "(June 2021)", else after ", "
    pages: Text | None = None
    colon_pages: bool = False
    #: what follows the title in a full note and the bibliography, in roman: the title's
    #: translation in brackets ("[Report on …]", ``titleaddon``) or the source's language
    #: ("(in Korean)", :mod:`.languages`); the comma or full stop after the title follows it
    title_addon: Text | None = None
    #: the title is a description of an untitled source (``titleaddon`` without ``title``):
    #: capitalised, in roman, without quotation marks (as Chicago sets a description)
    descriptive: bool = False


def last_names(people: Sequence[Person]) -> Text:
    names = [Text(" ").join([bibtex.latex_text(n) for n in p.last_names]) for p in people]
    if len(names) > 3:
        return Text(names[0], " et al.")
    if len(names) == 3:
        return Text(names[0], ", ", names[1], ", and ", names[2])
    return Text(" and ").join(names)


#: Words a short title does not end with, once cut to four words ("War and Peace in" is
#: "War and Peace"): English conjunctions, articles and prepositions, and "&".
_DANGLING = frozenset(
    [
        "&",
        "+",
        "and",
        "or",
        "nor",
        "but",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "as",
        "into",
        "via",
    ]
)


def shorten_title(title: str) -> str:
    """The title up to its colon, at most four words (Chicago's short title).

    A cut inside a quoted phrase closes it after the words kept (“Iran’s ‘Grand Strategy
    in the Middle East’” → “Iran’s ‘Grand Strategy’”), rather than cutting before the
    phrase: Chicago's short title keeps the key words of the title in their order, and a
    quoted phrase is most often what the title is about; cutting before it would leave
    "Iran’s", or nothing at all for a title that opens with the quotation.  A quotation
    the title itself never closes ("'Tis …") is not closed either.  A quoted phrase that
    would be cut to a lone dangling word ("… ‘and the Bomb’") is cut before."""
    flat = " ".join(title.split())
    if _in_east_asian_script(flat):
        # Chicago's four words are English words: Chinese and Japanese put no spaces
        # between theirs, and Korean's phrases are no such words; the title is kept whole
        # (``shorttitle`` gives a shorter one)
        return title
    head = flat.split(":", 1)[0].strip()
    words = head.split()
    kept = words[:SHORT_TITLE_WORDS]
    if len(words) > SHORT_TITLE_WORDS:
        while len(kept) > 1 and kept[-1].lower().strip(",;").lstrip(_OPENING) in _DANGLING:
            kept.pop()
    short = " ".join(kept).rstrip(",;–—-").rstrip()
    if not short:
        return title
    # ``short`` is the start of ``flat``: the quotations it opens and ``flat`` closes later
    return short + left_open(flat, len(short))


def _in_east_asian_script(text: str) -> bool:
    """Whether most of the title's letters are Han, kana or Hangul."""
    letters = [char for char in text if char.isalpha()]
    east = sum(1 for char in letters if scripts.group(char) == "CJK")
    return bool(letters) and east * 2 > len(letters)


def punctuated(title: Text, mark: str) -> Text:
    """``title`` followed by ``mark`` (a comma, a full stop), which goes inside the closing
    marks of a quoted phrase that ends the title, as inside the title's own closing mark
    (“Iran’s ‘Grand Strategy,’”); ``title`` as it is without a mark."""
    if not mark:
        return title
    at = closing_run(str(title))
    if at is None:
        return Text(title, mark)
    return Text(title[:at], mark, title[at:])


def ends_in_punctuation(text: str) -> bool:
    return bool(_ENDS_PUNCT.search(text.rstrip()))


def _title(parts: NoteParts, title: Text, closing: str, addon: Text | None = None) -> Text:
    """The title, italic for a whole work, roman for a description, else quoted with
    ``closing`` inside the marks; ``addon`` (a translation, the language) after it, and
    then ``closing``."""
    if parts.descriptive:
        if ends_in_punctuation(str(title)) and addon is None:
            closing = ""
        return Text(title, " ", addon, closing) if addon is not None else Text(title, closing)
    if parts.whole_work:
        shown = Text(Tag("em", title))
        return Text(shown, " ", addon, closing) if addon is not None else Text(shown, closing)
    if addon is not None:
        return Text("“", title, _CLOSING, " ", addon, closing)
    if ends_in_punctuation(str(title)):
        closing = ""
    return Text("“", punctuated(title, closing), _CLOSING)


@dataclass(frozen=True)
class Cited:
    """One source of a note, as the author wrote it and as it is to be shown."""

    parts: NoteParts
    form: Form = "full"
    prefix: str = ""
    locator: str = ""


def _source(cited: Cited, last: bool) -> Text:
    """One source in its form; a quoted title that ends the note takes its full stop."""
    parts, locator = cited.parts, cited.locator.strip()
    if commentary(locator):
        # the author's own words after the source ("; see also …", ". In 2026, …"): the
        # source as if alone, then the words as written; words that start with a full
        # stop end the source, wherever it stands in the note: the stop goes inside a
        # quoted title's closing mark (“Talks.” In 2026 …)
        source = _source(replace(cited, locator=""), locator[:1] == ".")
        if locator[:1] == "." and ends_in_punctuation(str(source)):
            locator = locator[1:]  # the source's own full stop (inside a quoted title's marks)
        return Text(source, locator)
    if cited.form == "ibid":
        return Text(IBID, ", ", locator) if locator else Text(IBID)
    short = cited.form == "short"
    head: list[Text] = []
    author = parts.short_author if short else parts.author
    if author is not None:
        head.append(author)
    after: list[tuple[str, Text]] = [] if short else list(parts.facts)
    at = ": " if parts.colon_pages and not short else ", "
    if locator:
        after.append((at, Text(locator)))  # the page cited, in place of the article's pages
    elif parts.pages is not None and not short:
        after.append((at, parts.pages))
    if not short and parts.url is not None:
        after.append((", ", parts.url))
    title = parts.short_title if short else parts.title
    if title is None:
        body = Text(", ").join(head) if head else Text()
        for separator, part in after:
            body = Text(body, separator, part) if body else part
    else:
        # A quoted title takes the comma of what follows inside its marks, and is then
        # followed by a space; an italic title is followed by the separator itself.
        follows = bool(after) or (not short and parts.access is not None)
        addon = None if short else parts.title_addon
        # the comma after a quoted title goes inside its marks, and a space follows; after
        # an italic or a roman title (or one with words after it) the separator follows
        inside = not parts.whole_work and not parts.descriptive and addon is None
        if not inside:
            body = _title(parts, title, "", addon)
        elif follows:
            body = _title(parts, title, "," if after else "")
        else:
            body = _title(parts, title, "." if last else "")
        if head:
            body = Text(Text(", ").join(head), ", ", body)
        for index, (separator, part) in enumerate(after):
            if index == 0 and inside:
                separator = " "
            body = Text(body, separator, part)
    if not short and parts.access is not None:
        body = Text(body, " ", parts.access)
    return body


def capitalised(text: str) -> str:
    """The first letter upper case (a prefix that starts a note; an element of a
    bibliography entry, which starts a sentence: "N.d.")."""
    return text[:1].upper() + text[1:]


def compose_note(sources: Sequence[Cited]) -> Text:
    """One note of ``sources`` in order, joined by "; ", ending with one full stop."""
    items: list[Text] = []
    for index, cited in enumerate(sources):
        text = _source(cited, last=index == len(sources) - 1)
        prefix = cited.prefix.strip()
        if prefix:
            text = Text(capitalised(prefix) if index == 0 else prefix, " ", text)
        items.append(text)
    note = Text("; ").join(items)
    if not ends_in_punctuation(str(note)):
        note = Text(note, ".")
    return note

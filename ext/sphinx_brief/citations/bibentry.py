"""A bibliography entry put together from a source's parts, in the form Chicago's
bibliography gives it (notes-bibliography system), beside the note :mod:`.compose` makes of
the same parts (:class:`.compose.NoteParts`, read once per entry)::

    note:   Jonathan Landay and Kevin Hall, “Title,” *Periodical*, June 30, 2009, URL
            (accessed July 13, 2009).
    entry:  Landay, Jonathan, and Kevin Hall. “Title.” *Periodical*, June 30, 2009.
            Accessed July 13, 2009. URL.

    entry:  Squassoni, Sharon. *Title*. CRS Report for Congress RL31900. Place:
            Congressional Research Service, November 28, 2006. URL.
    entry:  “Statement.” *IRNA*, August 26, 2007.

- the first author is inverted (its family name is what the list is sorted by); a source
  with no author starts with its title;
- the elements (author, title, publication facts, access, address, archived copy) are
  separated by full stops, not commas; a quoted title takes its full stop inside the marks,
  inside those of a quoted phrase that ends it too (“Iran’s ‘Grand Strategy.’”);
- no full stop is added after an element that already ends in ``?``, ``!`` or a full
  stop, inside quotation marks too ("Why?", “‘… Lebanon.’”, "Jonathan S.");
- the access date ("Accessed …") and the database the source was read in stand before the
  address, which is printed exactly as written and followed by the entry's full stop; the
  archived copy comes last.
"""

from __future__ import annotations

from pybtex.richtext import Tag, Text

from .compose import NoteParts, ends_in_punctuation, punctuated

#: The words before the access date and the archived copy (the notes' "accessed",
#: "archived at", as a bibliography element starts them).
ACCESSED = "Accessed "
ARCHIVED = "Archived at "


def _title(parts: NoteParts, title: Text) -> Text:
    """The title as an element: italic for a whole work, roman for a description, else
    quoted, with its full stop inside the closing mark unless it ends in its own
    punctuation; a translation or the language after it, before the full stop."""
    addon = parts.title_addon
    if parts.descriptive or parts.whole_work:
        shown = title if parts.descriptive else Text(Tag("em", title))
        return Text(shown, " ", addon) if addon is not None else shown
    if addon is not None:
        return Text("“", title, "” ", addon)
    if ends_in_punctuation(str(title)):
        return Text("“", title, "”")
    return Text("“", punctuated(title, "."), "”")


def elements(parts: NoteParts) -> list[Text]:
    """The entry's elements in Chicago's order, each a sentence of the entry."""
    found: list[Text] = []
    if parts.inverted_author is not None:
        found.append(parts.inverted_author)
    if parts.title is not None:
        found.append(_title(parts, parts.title))
    found.extend(parts.elements)
    if parts.accessed is not None:
        found.append(Text(ACCESSED, parts.accessed))
    if parts.library is not None:
        found.append(parts.library)
    if parts.url is not None:
        found.append(parts.url)
    if parts.archived is not None:
        found.append(Text(ARCHIVED, parts.archived))
    return found


def compose_entry(parts: NoteParts) -> Text:
    """The bibliography entry of one source: its elements, each ending with one full stop."""
    entry = Text()
    for element in elements(parts):
        if entry:
            entry = Text(entry, " ")
        entry = Text(entry, element)
        if not ends_in_punctuation(str(element)):
            entry = Text(entry, ".")
    return entry

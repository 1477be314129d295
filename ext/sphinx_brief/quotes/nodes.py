"""The doctree nodes of quotations, and the attribution line they share.

A ``quote`` is a :class:`brief_quote` holding the quoted words (:class:`brief_quote_body`, a
``block_quote``, so builders without a visitor still quote) and the attribution
(:class:`brief_attribution`); a run-in quote (:class:`brief_run_in`) is the same inside a
paragraph, its words in quotation marks (:class:`brief_quote_words`); a ``quotations`` list
is a placeholder until its page is written (:mod:`.collect`).
"""

from __future__ import annotations

from docutils import nodes

from ..core import dates, emphasis


class brief_quote(nodes.General, nodes.Element):
    """A quotation: a :class:`brief_quote_body` then a :class:`brief_attribution`.

    Attributes (plain values): ``speaker``, ``role``, ``date`` (EDTF, "" if none or
    unreadable), ``sources`` (bib keys), ``label_title`` (the text of a ``{ref}`` to it).
    """


class brief_quote_body(nodes.block_quote):
    """The quoted words (a ``block_quote``, so builders without a visitor still quote)."""


class brief_attribution(nodes.Part, nodes.TextElement):
    """Who said it, in what role, when, and the notes of the sources."""


class brief_date(nodes.inline):
    """A date as readers write it; ``datetime`` holds the machine-readable form."""


class brief_run_in(nodes.Inline, brief_quote):
    """A quotation set inside the running text (``:display: run-in``): a
    :class:`brief_quote_words` then a :class:`brief_run_in_notes`, inside a paragraph.

    A :class:`brief_quote` (same attributes, recorded and collected alike) that is written
    inline; :mod:`.runin` joins it with the text around it.
    """


#: The class of the brief's own full stop or comma, set inside a run-in quotation's closing
#: mark (American usage): shown there, and no part of the quotation's record.
SENTENCE_MARK = "brief-sentence-mark"


class brief_quote_words(nodes.Inline, nodes.TextElement):
    """The words of a run-in quotation, set in the language's quotation marks."""


class brief_run_in_notes(nodes.Inline, brief_attribution):
    """The notes of a run-in quotation (its speaker is named by the sentence itself)."""


class brief_quotations(nodes.General, nodes.Element):
    """Placeholder for a collected list; ``speaker`` filters, ``docname`` is its page."""


# -- records -------------------------------------------------------------------------------


def _text_node(text: str, cls: str) -> nodes.inline:
    # Fields are plain text: a Text node is escaped by every writer, never read as markup.
    return nodes.inline(text, text, classes=[cls])


def attribution_parts(
    speaker: str, role: str, date: dates.BriefDate | None, language: str | None
) -> list[nodes.Node]:
    """The attribution "speaker, role, date" as nodes; any part may be missing."""
    parts: list[nodes.Node] = []
    if speaker:
        parts.append(_text_node(speaker, "brief-speaker"))
    if role:
        # a title of a work in the role set in italics, as in the prose (core/emphasis.py)
        parts.append(
            nodes.inline(emphasis.plain(role), "", *emphasis.to_nodes(role), classes=["brief-role"])
        )
    if date is not None:
        shown = date.display(language)
        parts.append(brief_date(shown, shown, classes=["brief-date"], datetime=date.machine))
    joined: list[nodes.Node] = []
    for part in parts:
        if joined:
            joined.append(nodes.Text(", "))
        joined.append(part)
    return joined

"""What the domain keeps of a quotation: plain values only, so it pickles and merges.

Quotes are recorded when their page has been read (``doctree-read``, after every transform,
smart quotes included, so the collected text reads as the page does).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from ..core import agents, dates
from ..core.component import section_title
from ..core.domain import get_domain
from .nodes import (
    SENTENCE_MARK,
    brief_quote,
    brief_quote_body,
    brief_quote_words,
    brief_run_in,
)

KIND = "quotes"

#: A run of quoted text: (style, text) with style "", "emphasis", "strong" or "literal".
Run = tuple[str, str]


@dataclass(frozen=True)
class QuoteRecord:
    """What a page declares about one quote; plain values, so it pickles and merges."""

    speaker: str
    speaker_type: str  # "person", "organization" or "document" (core/agents.py)
    role: str
    date: str  # EDTF as written; "" if none or unreadable
    paragraphs: tuple[tuple[Run, ...], ...]
    sources: tuple[str, ...]
    anchor: str  # the quote's id on its page
    context: str  # the title of the section it stands in ("" outside sections)
    #: the speaker as the index writes and sorts the name, family name first
    #: (:func:`..core.names.index_form`); "" from records of older versions
    sort_name: str = ""
    run_in: bool = False  # set inside the running text (``:display: run-in``)
    #: declared without a source in the original (``:unsourced:``): the reason; else None
    unsourced: str | None = None
    #: the name ``brief_people`` declares the speaker under ("" if it does not): every
    #: spelling of one person is one speaker
    person: str = ""

    @property
    def group_name(self) -> str:
        """The name "Who said what" lists the quotation under."""
        return self.person or self.speaker

    @property
    def index_name(self) -> str:
        return self.sort_name or self.speaker

    @property
    def text(self) -> str:
        return "\n\n".join("".join(text for _, text in runs) for runs in self.paragraphs)

    @property
    def brief_date(self) -> dates.BriefDate | None:
        return dates.parse(self.date) if self.date else None


_STYLES: dict[type[nodes.Node], str] = {
    nodes.emphasis: "emphasis",
    nodes.strong: "strong",
    nodes.literal: "literal",
}


def _runs(node: nodes.Node, style: str = "") -> Iterator[Run]:
    """The text of ``node`` as styled runs; note references are the sources' business."""
    if isinstance(node, nodes.footnote_reference | nodes.system_message):
        return
    if isinstance(node, nodes.inline) and SENTENCE_MARK in node["classes"]:
        return  # the brief's sentence's full stop, set inside the marks (runin.py)
    if isinstance(node, nodes.Text):
        yield style, node.astext()
        return
    style = _STYLES.get(type(node), style)
    for child in node.children:
        yield from _runs(child, style)


def _paragraphs(body: nodes.Element) -> tuple[tuple[Run, ...], ...]:
    paragraphs: list[tuple[Run, ...]] = []
    # a run-in quote's words are one paragraph
    blocks = [body] if isinstance(body, brief_quote_words) else body.children
    for block in blocks:
        merged: list[Run] = []
        for style, text in _runs(block):
            if merged and merged[-1][0] == style:
                merged[-1] = (style, merged[-1][1] + text)
            elif text:
                merged.append((style, text))
        if merged:
            paragraphs.append(tuple(merged))
    return tuple(paragraphs)


def speaker_key(speaker: str) -> str:
    """Group and sort speakers ignoring case, accents and spacing."""
    text = unicodedata.normalize("NFKD", " ".join(speaker.split()).casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


def record_quotes(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record every quote of the page, in document order."""
    domain = get_domain(app.env)
    docname = app.env.docname
    for quote in doctree.findall(brief_quote):
        if not quote.get("speaker") or not quote["ids"]:
            continue
        words = brief_quote_words if isinstance(quote, brief_run_in) else brief_quote_body
        body = next(iter(quote.findall(words)), None)
        domain.add_record(
            KIND,
            docname,
            QuoteRecord(
                speaker=quote["speaker"],
                speaker_type=quote.get("speaker_type") or agents.guess(quote["speaker"]),
                role=quote.get("role", ""),
                date=quote.get("date", ""),
                paragraphs=_paragraphs(body) if body is not None else (),
                sources=tuple(quote.get("sources", ())),
                anchor=quote["ids"][0],
                context=section_title(quote, doctree),
                sort_name=quote.get("sort_name", ""),
                run_in=isinstance(quote, brief_run_in),
                unsourced=quote.get("unsourced"),
                person=quote.get("person", ""),
            ),
        )

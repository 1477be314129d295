"""Run-in quotations (``:display: run-in``): the quoted words inside the running text.

Markdown ends a paragraph at a blank line, and a fence may interrupt a paragraph: the text
that no blank line separates from a ``quote`` fence belongs, as a reader sees the source, to
one sentence with it.  MyST hands the directive over as a block between two paragraphs, so
:class:`JoinRunIn` joins them again: the paragraph that ends on the line before the fence,
the quotation, and the paragraph that starts on the line after it become one paragraph, in
every format.  Two run-in quotes in one sentence join the same paragraph.

In reStructuredText a directive always stands apart by blank lines: there a run-in quote
joins the paragraphs right before and after it.

The quote stays a :class:`~.nodes.brief_quote` (its anchor, its record, its place on the
quotations page); only how it is written differs (:mod:`.writers`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.component import BriefDirective
from ..core.text import punctuation_inside
from .nodes import SENTENCE_MARK, brief_quote_words, brief_run_in

#: Marks an author may have typed around run-in words (the writers add their own).
_OPENING = "\"'“‘„«‹"
_CLOSING = "\"'”’“»›"
#: Text after a quotation that takes no space before it.
_NO_SPACE_BEFORE = ",.;:!?)]}…’”"
#: Text before a quotation that takes no space after it.
_NO_SPACE_AFTER = "([{“‘"


def words(directive: BriefDirective, body: list[nodes.Node]) -> brief_quote_words | None:
    """The words of a run-in quote: its one paragraph's inline content.

    A body that is not one paragraph (a list, two paragraphs …) cannot run into a sentence:
    a warning, and None (the quote is then shown as a block).
    """
    blocks = [node for node in body if not isinstance(node, nodes.comment)]
    paragraphs = [node for node in blocks if isinstance(node, nodes.paragraph)]
    if len(paragraphs) != 1 or len(blocks) != 1:
        directive.warn(
            "run-in",
            "a run-in quote holds one paragraph of words, not %d blocks; shown as a block",
            len(blocks),
            option="display",
        )
        return None
    text = paragraphs[0].astext().strip()
    if len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING:
        directive.warn(
            "run-in",
            "a run-in quote is set in quotation marks: leave out the marks typed around its "
            "words (%s…%s)",
            text[0],
            text[-1],
        )
    return brief_quote_words("", "", *paragraphs[0].children, classes=["brief-quote-words"])


def node(directive: BriefDirective, classes: list[str]) -> brief_run_in:
    """The run-in quote's node, with the source lines its fence spans (MyST)."""
    quote = brief_run_in(classes=[*classes, "brief-run-in"])
    if type(directive.state).__module__.startswith("myst_parser"):
        first = directive.lineno
        quote["fence"] = (first, first + directive.block_text.rstrip("\n").count("\n"))
    return quote


def _first_line(paragraph: nodes.paragraph) -> int | None:
    return paragraph.line


def _last_line(paragraph: nodes.paragraph) -> int | None:
    if paragraph.line is None:
        return None
    return paragraph.line + paragraph.rawsource.rstrip("\n").count("\n")


def _ends_open(paragraph: nodes.Element) -> bool:
    text = paragraph.astext()
    return not text or text[-1].isspace() or text[-1] in _NO_SPACE_AFTER


def _starts_closed(paragraph: nodes.Element) -> bool:
    text = paragraph.astext()
    return not text or text[0].isspace() or text[0] in _NO_SPACE_BEFORE


#: What ends quoted words itself: no full stop or comma follows it inside the marks.
_ENDS_ITS_SENTENCE = ".?!…"


def _punctuation_inside(quote: brief_run_in, after: list[nodes.Node]) -> None:
    """The full stop or comma right after the closing fence moved inside the closing mark
    (American usage: “…stability.”), its note after both; dropped after words that end
    with their own ".", "?" or "!" (“Why?” not “Why?”.)."""
    if not after or not isinstance(after[0], nodes.Text):
        return
    text = str(after[0])
    if not text or text[0] not in ".,":
        return
    words = next(iter(quote.findall(brief_quote_words)), None)
    if words is None:
        return
    said = words.astext().rstrip()
    if not said:
        return
    if said[-1] not in _ENDS_ITS_SENTENCE:
        last = words[-1] if len(words) else None
        if isinstance(last, nodes.Text) and str(last) != str(last).rstrip():
            words.replace(last, nodes.Text(str(last).rstrip()))
        # the sentence's mark, not the speaker's: shown inside the closing mark, and left
        # out of the quotation's record (Who said what, quotes.json, JSON-LD)
        words += nodes.inline(text[0], text[0], classes=[SENTENCE_MARK])
    after[0] = nodes.Text(text[1:])


class JoinRunIn(SphinxTransform):
    """Join each run-in quote with the text no blank line separates from it.

    Before the attribution notes are checked for repeats (priority 605) and notes are
    numbered (620): the notes then stand in the order of the joined sentence.
    """

    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        # where each paragraph made here ends in the source (a later quote may join it)
        ends: dict[int, int | None] = {}
        for quote in list(self.document.findall(brief_run_in)):
            parent = quote.parent
            if parent is None or isinstance(parent, nodes.TextElement):
                continue  # already inline
            fence = quote.get("fence")
            index = parent.index(quote)
            before = parent[index - 1] if index > 0 else None
            after = parent[index + 1] if index + 1 < len(parent) else None
            joins_before = isinstance(before, nodes.paragraph) and (
                fence is None or ends.get(id(before), _last_line(before)) == fence[0] - 1
            )
            joins_after = isinstance(after, nodes.paragraph) and (
                fence is None or _first_line(after) == fence[1] + 1
            )
            if not (joins_before or joins_after):
                # a sentence of its own: a paragraph still, so it reads as text
                paragraph = nodes.paragraph()
                paragraph.source, paragraph.line = quote.source, quote.line
                parent.replace(quote, paragraph)
                paragraph += quote
                ends[id(paragraph)] = fence[1] if fence else None
                continue
            if joins_before:
                assert isinstance(before, nodes.paragraph)
                paragraph = before
                parent.remove(quote)
                if not _ends_open(paragraph):
                    paragraph += nodes.Text(" ")
            else:
                paragraph = nodes.paragraph()
                paragraph.source, paragraph.line = quote.source, quote.line
                parent.replace(quote, paragraph)
            paragraph += quote
            ends[id(paragraph)] = fence[1] if fence else None
            if joins_after:
                assert isinstance(after, nodes.paragraph)
                if not _starts_closed(after):
                    paragraph += nodes.Text(" ")
                for moved in after["ids"]:
                    paragraph["ids"].append(moved)
                    self.document.ids[moved] = paragraph
                paragraph["classes"].extend(
                    c for c in after["classes"] if c not in paragraph["classes"]
                )
                children = list(after.children)
                after.clear()
                if punctuation_inside(self.config.language):
                    _punctuation_inside(quote, children)
                paragraph.extend(children)
                ends[id(paragraph)] = _last_line(after)
                after.parent.remove(after)

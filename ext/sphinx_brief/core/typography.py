"""Text set in the prose's voice after Sphinx has educated the prose.

Sphinx educates the prose's quotes, dashes and ellipses (its ``SmartQuotes`` transform) while
a page is read.  Text that is not prose of the page misses it: an option's value (an event's
title and place, a quote's role) is an attribute, and what collected lists cite (short
citations, a quotation list's notes) is made when the page is written, long after the
transform ran; either would keep its straight quotes ("Russia's") beside curly ones.

:class:`Typography` applies the same docutils module (``docutils.utils.smartquotes``) in the
same cases, language and action: only where Sphinx's transform runs for the page and builder
(its own ``is_available``: ``smartquotes``, ``smartquotes_excludes``, the language), with
``smartquotes_action``, and never inside a web address or code written between backticks,
which are kept character for character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import is_smartquotable

#: What is kept as written: addresses (with a scheme, or ``www.``), e-mail addresses, and
#: code between backticks.
_LITERAL = re.compile(r"`[^`]*`|\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\b\S+@\S+\.\w+", re.I)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    position = 0
    for match in _LITERAL.finditer(text):
        yield "plain", text[position : match.start()]
        yield "literal", match.group()
        position = match.end()
    yield "plain", text[position:]


@dataclass(frozen=True)
class Typography:
    """How Sphinx educates a page's prose: docutils' smartquotes language, and
    ``smartquotes_action``."""

    language: str
    action: str

    def run(self, texts: Sequence[str]) -> list[str]:
        """``texts`` that read as one run of text (the parts of a citation), educated
        together: a quotation mark opened in one closes in another, as in a paragraph."""
        pieces = [list(_tokens(text)) for text in texts]
        educated = smartquotes.educate_tokens(
            (token for piece in pieces for token in piece), attr=self.action, language=self.language
        )
        return ["".join(next(educated) for _ in piece) for piece in pieces]

    def text(self, text: str) -> str:
        return self.run([text])[0] if text else text

    def nodes(self, element: nodes.Element) -> None:
        """The text of ``element`` educated in place, as one run; literal text and an
        address (a link whose text is its target) are kept as written."""
        texts = list(element.findall(nodes.Text))
        kept = [not is_smartquotable(text) or _address(text) for text in texts]
        tokens = [
            [("literal", str(text))] if keep else list(_tokens(str(text)))
            for text, keep in zip(texts, kept, strict=True)
        ]
        educated = smartquotes.educate_tokens(
            (token for piece in tokens for token in piece), attr=self.action, language=self.language
        )
        for text, piece in zip(texts, tokens, strict=True):
            new = "".join(next(educated) for _ in piece)
            if new != str(text):
                text.parent.replace(text, nodes.Text(new))


def _address(text: nodes.Text) -> bool:
    """Whether ``text`` is the visible address of a link (kept as written)."""
    parent = text.parent
    while parent is not None and not isinstance(parent, nodes.reference):
        parent = parent.parent
    return parent is not None and parent.astext() == parent.get("refuri")


def typography_of(document: nodes.document) -> Typography | None:
    """The typography of the document's prose, as Sphinx's transform picks it; None where
    that transform does not run (disabled, excluded builder or language)."""
    if not SphinxSmartQuotes(document, document).is_available():
        return None
    code = str(document.settings.language_code or "en")
    env = document.settings.env
    for tag in normalize_language_tag(code):
        if tag in smartquotes.smartchars.quotes:
            return Typography(str(tag), str(env.config.smartquotes_action))
    return None


def educated(directive: SphinxDirective, text: str) -> str:
    """``text`` with the quotes, dashes and ellipses the prose of the page would have."""
    if not text:
        return text
    typography = typography_of(directive.state.document)
    return text if typography is None else typography.text(text)

"""Option text (an event's title and place, a quote's role) set as the prose around it.

Sphinx educates the prose's quotes, dashes and ellipses (its ``SmartQuotes`` transform), but
an option's value is an attribute, not text of the page, and would keep its straight quotes
("Russia's") beside curly ones.  :func:`educated` applies the same docutils module
(``docutils.utils.smartquotes``) in the same cases, language and action: only where Sphinx's
transform would run for this page and builder (its own ``is_available``: ``smartquotes``,
``smartquotes_excludes``, the language), with ``smartquotes_action``, and never inside a web
address or code written between backticks, which are kept character for character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils.utils import normalize_language_tag, smartquotes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util.docutils import SphinxDirective

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


def _language(directive: SphinxDirective) -> str | None:
    """The smart-quotes language of the page, as docutils' transform picks it; None where
    Sphinx's transform does not run (disabled, excluded builder or language)."""
    document = directive.state.document
    if not SphinxSmartQuotes(document, document).is_available():
        return None
    code = str(document.settings.language_code or "en")
    for tag in normalize_language_tag(code):
        if tag in smartquotes.smartchars.quotes:
            return str(tag)
    return None


def educated(directive: SphinxDirective, text: str) -> str:
    """``text`` with the quotes, dashes and ellipses the prose of the page would have."""
    if not text:
        return text
    language = _language(directive)
    if language is None:
        return text
    action = str(directive.config.smartquotes_action)
    return "".join(smartquotes.educate_tokens(_tokens(text), attr=action, language=language))

"""Web addresses in the PDF print as they are written.

Sphinx's LaTeX writer prints a link whose text is its own address with ``\\sphinxurl``
(hyperref's ``\\url``), after escaping the address for LaTeX.  ``\\url`` prints the escapes
it can read (``\\%``, ``\\#``, ``\\_``, ``~``) but not the others: an address holding
``<``, ``>``, ``\\``, ``^``, ``$``, ``{``, ``}``, a space or a non-ASCII letter is printed
with the macro names in it ("u/\\T1\\textless{}script…"), or without its spaces.  Such
characters are not valid in an address anyway (RFC 3986 wants them percent-encoded); they
reach a brief through a ``url`` field of ``refs.bib``, or a link in the text.

For LaTeX only, such a link's target becomes the percent-encoded address (what a browser
would request), and its text stays the address as written: the text then differs from the
target, so Sphinx writes ``\\sphinxhref{target}{text}``, which prints the text with the
ordinary escaping, character for character.  Addresses ``\\url`` prints well (every
address of the brief) are left alone; ``sphinxbriefurls.sty`` sets their straight quote and
grave accent as those characters, not as the font's curly quotation marks.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx

from ..core.component import add_latex_package

#: Sets the quotation marks of addresses as the ASCII characters they are.
STY = "sphinxbriefurls.sty"

#: What ``\\url`` prints as written, besides letters and digits.
PRINTABLE = "-._~:/?#@!&'()*+,;=%"
_UNPRINTABLE = re.compile(rf"[^A-Za-z0-9{re.escape(PRINTABLE)}]")
_SCHEMES = ("http:", "https:", "ftp:", "mailto:")


def printable_urls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (LaTeX), after the collected lists are filled (their notes
    are made there): links to addresses ``\\url`` cannot print get an encoded target."""
    if app.builder.format != "latex":
        return
    for ref in doctree.findall(nodes.reference):
        uri = str(ref.get("refuri", ""))
        if uri.startswith(_SCHEMES) and _UNPRINTABLE.search(uri):
            ref["refuri"] = quote(uri, safe=PRINTABLE)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", printable_urls, priority=900)
    add_latex_package(app, STY)

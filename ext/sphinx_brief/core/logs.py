"""The extension's one way to warn: type ``brief``, one code (subtype) per kind of fault.

Every warning names the file and line it is about (``location``), so an author can find it,
and carries the code of its kind of fault, so a project can silence one kind with
``suppress_warnings = ["brief.<code>"]`` or promote it with ``-W``.  The codes are declared
once, in :data:`CODES` (CONTRIBUTING.md's table lists exactly these; the tests check both
that and that every warning of the extension uses one of them).  Nothing of the extension
raises on bad input: it warns here and goes on with what it could read.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("sphinx_brief")

#: Location as Sphinx's logging takes it: ``"file:line"``, a node, or ``(docname, line)``.
Location: TypeAlias = str | nodes.Node | tuple[str | None, int | None] | None

#: Every warning code: what the fault is, and what (beside ``suppress_warnings``) answers
#: it.  One code per kind of fault, whichever directive or option it is found in.
CODES: dict[str, tuple[str, str]] = {
    "missing": (
        "a required argument, option or body is missing: an event's date or :title:, "
        "a quote's :speaker: or quoted text",
        "give it",
    ),
    "missing-source": (
        "a quote or event has no :source:",
        ":unsourced: with the reason, where the original gives none; brief_require_sources = False",
    ),
    "unsourced": (
        "a quote's or event's :unsourced: gives no reason, or stands beside a :source:",
        "say why the original gives no source; or keep only one of the two options",
    ),
    "people": (
        "a speaker or an {index} name looks like a name of brief_people (case, spaces, "
        "hyphens, accents) without being declared as its spelling",
        "write it as declared, or add it to the entry's 'also' list",
    ),
    "share-image": (
        "ogp_image is an SVG, which link previews do not show, and CairoSVG is not there "
        "to make a PNG of it",
        "install the site extra's packages, or give a PNG",
    ),
    "site-url": (
        "a website built with sphinxext-opengraph has no html_baseurl (nor ogp_site_url): "
        "its link previews name relative addresses",
        "set html_baseurl to the address the site is published at",
    ),
    "unknown-source": (
        "a :source: key is not in the bibliography (bibtex_bibfiles)",
        "add the entry to the .bib file, or correct the key",
    ),
    "date": (
        "a date is not a usable EDTF date (an event's date, a quote's :date:, a timeline's "
        ":from:, :until: or :within:)",
        "write an EDTF date (2009-06, 1980/1988, 2022-02-24/..)",
    ),
    "date-source": (
        "an event is dated after a source that reports it was published",
        "the event's :date-note:",
    ),
    "date-note": (
        "a :date-note: explains nothing (the event is not dated after its sources)",
        "remove the :date-note:",
    ),
    "range": ("a timeline's :from: is after its :until:", "swap or correct the bounds"),
    "tag": ("a tag is not declared", "declare it in brief_tags"),
    "content": (
        "something other than events in a timeline's body (left out)",
        "move it out of the timeline",
    ),
    "body-note": (
        "a note in an event's body, said at the note's line (it cannot follow the event "
        "into chronologies; outside a timeline it is left out)",
        "cite with the event's :source:",
    ),
    "nesting": (
        "a directive inside one it cannot stand in (a quote in an event …); left out",
        "move it out",
    ),
    "empty-option": ("an option is given without a value", "give a value, or leave it out"),
    "repeated-option": ("an option is given twice (the last is used)", "give it once"),
    "control-character": (
        "an option holds control or replacement characters, or a bib entry control "
        "characters or bidirectional overrides (removed)",
        "remove them from the source",
    ),
    "no-quotations": (
        "a quotations list's :speaker: matches no quote",
        "correct the :speaker:",
    ),
    "editor-note": ("an {editor-note} is empty or not closed", "write {editor-note}`the note`"),
    "note": (
        "a {note} cannot be read in full: an item without @key, two keys without ';' "
        "between them, an empty note; or it stands where no note can, in a heading, in a "
        "note's text or inside another {note} (left out)",
        "write {note}`see @key, 4; @key2` after the sentence it sources",
    ),
    "config": ("a brief_* value of conf.py has the wrong type", "correct it in conf.py"),
    "bibtex": (
        "a .bib file or entry cannot be read as the note style needs (a crossref loop or "
        "a crossref to no entry too)",
        "correct the entry",
    ),
    "reproducible": (
        "SOURCE_DATE_EPOCH is not a number of seconds (ignored)",
        "unset or correct it",
    ),
    "option-value": (
        "an option's value is not one of its choices (e.g. a quote's :speaker-type:, a "
        "timeline's :print:); the default is used; or the PDF cannot do what it asks "
        "(:print: reference without a chronology)",
        "give one of the choices the warning names",
    ),
    "run-in": (
        "a run-in quote is not one paragraph of words (shown as a block), or its words carry "
        "typed quotation marks (the output adds the language's marks)",
        "make the body one paragraph; leave out the typed marks",
    ),
    "epub": (
        "a file of the ePub is not well-formed XML, so its accessibility fixes were skipped",
        "correct the page's raw HTML",
    ),
    "output-name": (
        "an output file name of conf.py (brief_basename, epub_basename, latex_documents) "
        "is a path, or holds control characters: a safe name is used",
        "give a file name without a folder",
    ),
    "raw": (
        "raw HTML or LaTeX in a page (MyST HTML, the raw directive) is left out of every output",
        'write it in Markdown, or set brief_raw_html = "allow" in conf.py',
    ),
    "page": (
        "a source file beside the pages that no toctree links to is read as a page",
        "add it to a toctree, to exclude_patterns (a README, notes), or give it orphan: true",
    ),
    "table": (
        "a table's heading cell is empty: no heading describes its column to a screen reader",
        "write the column's heading (a stub column's names what its rows are)",
    ),
    "script": (
        "the PDF cannot set a character the brief holds, with the engine or fonts conf.py "
        "chose (latex_engine, latex_elements, brief_latex_fonts): the first one is named, "
        "with its page and line or bib entry",
        "leave latex_engine unset (sphinx_brief then uses lualatex and Noto fonts), or give "
        "a font for the script",
    ),
    "myst": (
        "a quote, event, timeline or quotations directive is left as text, because "
        "myst_enable_extensions lacks colon_fence",
        "add colon_fence to myst_enable_extensions, or write the directive in a ``` fence",
    ),
}


def warn(subtype: str, message: str, *args: Any, location: Location = None) -> None:
    """A warning ``brief.<subtype>`` at ``location``; ``args`` fill ``%`` placeholders.

    ``subtype`` must be one of :data:`CODES` (a new kind of fault is declared there and in
    CONTRIBUTING.md's table): an undeclared one is the extension's own error.
    """
    if subtype not in CODES:
        raise ValueError(f"warning code brief.{subtype} is not declared in core.logs.CODES")
    logger.warning(message, *args, location=location, type="brief", subtype=subtype)

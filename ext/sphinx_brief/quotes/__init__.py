"""Attributed quotations: the ``quote`` directive, the ``quotations`` list, ``quotes.json``.

Data flows one way: the directives (:mod:`.directives`) make nodes (:mod:`.nodes`) whose
notes are not repeated (:mod:`.notes`); when a page has been read its quotes are recorded in
the brief domain (:mod:`.records`); when a page is written its ``quotations`` lists are filled
from the records (:mod:`.collect`); the writers (:mod:`.writers`) write each format, and
:mod:`.export` writes ``quotes.json``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..core.component import add_latex_package, add_stylesheet
from . import collect, directives, export, notes, records, runin, writers
from .nodes import (
    brief_attribution,
    brief_date,
    brief_quotations,
    brief_quote,
    brief_quote_body,
    brief_quote_words,
    brief_run_in,
    brief_run_in_notes,
)

CSS = "brief-quote.css"
STY = "sphinxbriefquote.sty"


def setup(app: Sphinx) -> None:
    # Enumerable, so that a ``{ref}`` to a quote's :name: has a title of its own.
    app.add_enumerable_node(
        brief_quote, "quote", directives.label_title, override=False, **writers.QUOTE
    )
    app.add_enumerable_node(
        brief_run_in, "quote", directives.label_title, override=False, **writers.RUN_IN
    )
    app.add_node(brief_quote_words, override=False, **writers.WORDS)
    app.add_node(brief_run_in_notes, override=False, **writers.RUN_IN_NOTES)
    app.add_node(brief_quote_body, override=False, **writers.BODY)
    app.add_node(brief_attribution, override=False, **writers.ATTRIBUTION)
    app.add_node(brief_date, override=False, **writers.DATE)
    app.add_node(brief_quotations, override=False, **writers.PLACEHOLDER)
    app.add_directive("quote", directives.QuoteDirective)
    app.add_directive("quotations", directives.QuotationsDirective)
    app.add_transform(runin.JoinRunIn)
    app.add_transform(notes.SharedNotes)
    app.connect("doctree-read", records.record_quotes)
    add_latex_package(app, STY)
    add_stylesheet(app, CSS)
    app.connect("doctree-resolved", collect.fill_quotations)
    export.setup(app)

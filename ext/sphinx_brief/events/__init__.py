"""Dated events and chronologies: the ``event`` and ``timeline`` directives.

Data flows one way: the directives (:mod:`.directives`) make nodes (:mod:`.nodes`); when a
page has been read its events are recorded in the brief domain (:mod:`.records`, bodies kept
apart in :mod:`.bodies`); when a page is written its timelines are laid out from the records
(:mod:`.collect`, with :mod:`.html` for HTML builders); the writers (:mod:`.writers`) write
each format, and :mod:`.export` writes ``events.json``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import bodies, collect, directives, export, overview, records, tagfilter, writers


def setup(app: Sphinx) -> None:
    app.add_directive("event", directives.EventDirective)
    app.add_directive("timeline", directives.TimelineDirective)
    app.connect("doctree-read", records.record_events)
    app.connect("doctree-read", bodies.store_bodies, priority=900)  # the body as stored
    writers.setup(app)
    collect.setup(app)
    overview.setup(app)
    tagfilter.setup(app)
    export.setup(app)

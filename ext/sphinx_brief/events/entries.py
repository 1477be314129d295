"""What a timeline shows of an event, and the words of its layout.

Both layouts of an entry, as nodes (:mod:`.collect`) and as HTML strings (:mod:`.html`), are
made from a :class:`Shown` and use these words, so readers see the same entry either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from docutils import nodes

from .bodies import Markup
from .records import EventRecord

# The extension writes English labels.
SEPARATOR = " — "
SOURCE, SOURCES = "Source: ", "Sources: "
IN_CONTEXT = "In context: "
TAGS, PLACE = "Tags: ", "Place: "
EMPTY = "No event is in this chronology."
# A timeline printed short or as a reference (:print:), around "the chronology, p. N".
THE_CHRONOLOGY = "the chronology"
TOLD_IN_FULL = ("Each event below is told in full in ", ", p.\u00a0", ".")
SEE_CHRONOLOGY = ("See ", ", p.\u00a0", ", for these events.")


class Shown(NamedTuple):
    """An event as a timeline shows it."""

    record: EventRecord
    docname: str  # the page that tells it
    body: list[nodes.Node]  # its parsed body (copies, for a collected entry)
    ids: Sequence[str]  # the entry's ids: a local timeline's entry is the event itself
    back_to: str | None  # the page an "In context" link leads to (collected entries)
    #: a simple body as markup, instead of nodes (HTML builders; ``body`` is then empty)
    markup: tuple[Markup, ...] | None = None

"""What the domain keeps of an event, which events a timeline shows, and in what order.

Records are frozen dataclasses of strings and tuples only: the environment pickles them,
parallel readers merge them, and the domain fingerprints them to find stale timelines.

Filter rule (``timeline`` options): an event passes ``:tags:`` if it has any of them, and
passes ``:from:``/``:until:`` if its date's interval overlaps ``[from.start, until.end]``.
So ``:from: 2009-06`` keeps an event dated ``2009`` (it may have happened in June or later)
and ``:until: 1988`` keeps one dated ``1980/1989``; an event is left out only when it
certainly lies outside the bounds.

Order: by :attr:`BriefDate.sort_key` (the interval's start, then the less precise date
first), then by declaration order (page name, then position in the page), so the order is
the same whatever the build's parallelism.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from docutils import nodes
from sphinx.application import Sphinx

from ..core import dates
from ..core.component import section_title
from ..core.domain import get_domain
from .nodes import brief_event, brief_timeline

#: The kind of record in the brief domain.
KIND = "events"


@dataclass(frozen=True)
class EventRecord:
    """One declared event: everything a timeline or ``events.json`` needs to show it.

    The date is kept parsed and written out (the project's ``language`` is an environment
    setting, so a change re-reads every page): parsing EDTF is slow, and in a parallel
    build the pages are read in other processes than the one that lays timelines out.
    """

    date: str  # EDTF, as written
    date_display: str  # as readers write it, in the project's language
    datetime: str  # the machine form (HTML ``datetime``): the start, at its precision
    start: int  # proleptic ordinals of the first and last possible day
    end: int
    title: str
    anchor: str  # the id of the event's anchor in its page
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    place: str = ""
    date_note: str = ""
    # The body's source text. The entry itself is copied from the page's doctree at
    # write time; the text is kept so that any edit of the body changes the record (and
    # so rewrites the pages that collect it).
    body: str = ""
    context: str = ""  # title of the section that tells it: the text of the link back

    @classmethod
    def dated(cls, date: dates.BriefDate, language: str | None, **fields: Any) -> EventRecord:
        return cls(**date_values(date, language), **fields)

    @property
    def sort_key(self) -> tuple[int, int]:
        """As :attr:`BriefDate.sort_key`: the start, then the longer span first."""
        return (self.start, self.start - self.end)


def date_values(date: dates.BriefDate, language: str | None) -> dict[str, Any]:
    """The record's date fields for a parsed date."""
    return {
        "date": date.edtf,
        "date_display": date.display(language),
        "datetime": date.machine,
        "start": date.start.toordinal(),
        "end": date.end.toordinal(),
    }


@dataclass(frozen=True)
class TimelineFilter:
    """The filters of one timeline; the defaults let every event pass."""

    tags: tuple[str, ...] = ()
    start: int | None = None  # the ``from`` bound's first day (ordinal)
    end: int | None = None  # the ``until`` bound's last day (ordinal)

    @classmethod
    def of(cls, tags: Sequence[str] = (), start: str = "", until: str = "") -> TimelineFilter:
        """A filter from option values (EDTF bounds, already checked)."""
        return cls(
            tuple(tags),
            dates.parse(start).start.toordinal() if start else None,
            dates.parse(until).end.toordinal() if until else None,
        )

    def accepts(self, record: EventRecord) -> bool:
        if self.tags and not set(self.tags) & set(record.tags):
            return False
        if self.start is not None and record.end < self.start:
            return False
        return not (self.end is not None and record.start > self.end)


T = TypeVar("T")


def in_timeline_order(
    items: Iterable[tuple[str, int, EventRecord, T]],
) -> list[tuple[str, int, EventRecord, T]]:
    """Sort ``(docname, position, record, payload)`` tuples into timeline order."""
    return sorted(items, key=lambda item: (item[2].sort_key, item[0], item[1]))


def select(
    records: Iterable[tuple[str, int, EventRecord]], timeline_filter: TimelineFilter
) -> list[tuple[str, int, EventRecord]]:
    """The records that pass a filter, in timeline order."""
    kept = [(d, p, r, None) for d, p, r in records if timeline_filter.accepts(r)]
    return [(d, p, r) for d, p, r, _ in in_timeline_order(kept)]


def record_from_node(node: brief_event, context: str = "") -> EventRecord | None:
    if not node.get("valid") or not node["ids"]:
        return None
    return EventRecord(
        date=node["date"],
        date_display=node["date_display"],
        datetime=node["datetime"],
        start=node["start"],
        end=node["end"],
        title=node["title"],
        anchor=node["ids"][0],
        tags=tuple(node["tags"]),
        sources=tuple(node["sources"]),
        place=node["place"],
        date_note=node["date_note"],
        body=node["body"],
        context=context,
    )


def record_events(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the page's events in document order; note its collectors."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    labels = env.domains.standard_domain.labels
    for node in doctree.findall(brief_event):
        record = record_from_node(node, section_title(node, doctree))
        if record is None:
            continue
        domain.add_record(KIND, docname, record)
        for name in node["names"]:
            # The standard domain keeps a bare anchor as an anonymous label; give it the
            # event's title so that {ref}`name` works without an explicit link text.
            labels.setdefault(name, (docname, record.anchor, record.title))
    for timeline in doctree.findall(brief_timeline):
        timeline["docname"] = docname
        if timeline["collect"]:
            domain.add_collector(KIND, docname)

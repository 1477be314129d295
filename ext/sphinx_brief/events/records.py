"""What the domain keeps of an event, which events a timeline shows, and in what order.

Records are frozen dataclasses of strings and tuples only: the environment pickles them,
parallel readers merge them, and the domain fingerprints them to find stale timelines.

Filter rules (``timeline`` options), all of which an event must pass:

- ``:tags:``: it has any of them;
- ``:from:``/``:until:``: its date *overlaps* the range ``[from's first day, until's last
  day]``.  ``:from: 2009-06`` keeps an event dated ``2009`` (it may have happened in June or
  later) and ``:until: 1988`` keeps one dated ``1980/1989``; an event is left out only when
  it certainly lies outside the range.  An open or unknown side reaches as far as it can:
  ``2022-02-24/..`` overlaps ``:from: 2024``, ``../1990`` overlaps ``:until: 1950``;
- ``:within:``: its date lies *wholly inside* the given date's first and last days
  (``:within: 2009`` keeps ``2009-06`` and ``2009-03/2009-05``, not ``2008/2009``); a side
  left open or unknown is inside only a ``:within:`` open on that side (``2000/..``).

An approximate or uncertain date is placed by its stated bounds (``1993~`` is 1993).

Order: by :attr:`BriefDate.sort_key` (the interval's known start, then the longer span
first), then by declaration order (page name, then position in the page), so the order is
the same whatever the build's parallelism.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from docutils import nodes
from sphinx.application import Sphinx

from ..core import dates, emphasis
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
    # Proleptic ordinals of the first and last possible day.  On an open or unknown side
    # (``open_start``/``open_end`` set) there is no such day: both hold the known side's
    # (``2022-02-24/..``: start and end are 2022-02-24; ``../1990``: 1990-01-01, 1990-12-31).
    start: int
    end: int
    title: str
    anchor: str  # the id of the event's anchor in its page
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    place: str = ""
    date_note: str = ""
    #: declared without a source in the original (``:unsourced:``): the reason; else None
    unsourced: str | None = None
    # The body's source text. The entry itself is copied from the page's doctree at
    # write time; the text is kept so that any edit of the body changes the record (and
    # so rewrites the pages that collect it).
    body: str = ""
    context: str = ""  # title of the section that tells it: the text of the link back
    open_start: str = ""  # "" closed, "open" for ``..``, "unknown" for an empty start
    open_end: str = ""  # the same for the end (``2022-02-24/..``, ``2022-02-24/``)

    @classmethod
    def dated(cls, date: dates.BriefDate, language: str | None, **fields: Any) -> EventRecord:
        return cls(**date_values(date, language), **fields)

    @property
    def sort_key(self) -> tuple[int, int]:
        """As :attr:`BriefDate.sort_key`: the known start, then the longer span first."""
        return dates.sort_key(self.start, self.end, self.open_start, self.open_end)

    @property
    def lowest(self) -> float:
        """The earliest day it may cover (minus infinity for an open or unknown start)."""
        return dates.lowest(self.start, self.open_start)

    @property
    def highest(self) -> float:
        """The latest day it may cover (infinity for an open or unknown end)."""
        return dates.highest(self.end, self.open_end)


def date_values(date: dates.BriefDate, language: str | None) -> dict[str, Any]:
    """The record's date fields for a parsed date."""
    return {
        "date": date.edtf,
        "date_display": date.display(language),
        "datetime": date.machine,
        "start": date.start.toordinal(),
        "end": date.end.toordinal(),
        "open_start": date.open_start,
        "open_end": date.open_end,
    }


@dataclass(frozen=True)
class TimelineFilter:
    """The filters of one timeline; the defaults let every event pass."""

    tags: tuple[str, ...] = ()
    # Days as numbers (ordinals), infinite where a bound is not given or open.
    start: float = -float("inf")  # the ``from`` bound's first day
    end: float = float("inf")  # the ``until`` bound's last day
    within: tuple[float, float] = (-float("inf"), float("inf"))  # ``within``'s first, last

    @classmethod
    def of(
        cls, tags: Sequence[str] = (), start: str = "", until: str = "", within: str = ""
    ) -> TimelineFilter:
        """A filter from option values (EDTF bounds, already checked)."""
        first, last = _days(start), _days(until)
        return cls(tuple(tags), first[0], last[1], _days(within))

    def accepts(self, record: EventRecord) -> bool:
        if self.tags and not set(self.tags) & set(record.tags):
            return False
        lowest, highest = record.lowest, record.highest
        if highest < self.start or lowest > self.end:  # no overlap with from/until
            return False
        return self.within[0] <= lowest and highest <= self.within[1]


def _days(text: str) -> tuple[float, float]:
    """The first and last day a bound covers (infinite where open or not given)."""
    if not text:
        return (-float("inf"), float("inf"))
    date = dates.parse(text)
    return (
        dates.lowest(date.start.toordinal(), date.open_start),
        dates.highest(date.end.toordinal(), date.open_end),
    )


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
        unsourced=node.get("unsourced"),
        body=node["body"],
        context=context,
        open_start=node.get("open_start", ""),
        open_end=node.get("open_end", ""),
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
            labels.setdefault(name, (docname, record.anchor, emphasis.plain(record.title)))
    for timeline in doctree.findall(brief_timeline):
        timeline["docname"] = docname
        if timeline["collect"]:
            domain.add_collector(KIND, docname)

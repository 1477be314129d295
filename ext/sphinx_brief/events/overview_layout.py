"""Where the overview's marks go: a time axis stretched by event density, and lanes.

Why a stretched axis.  Briefs tell a long past in a few events and their last years in
many: the repository's brief has 16 of its 20 events in the last 8 % of 1979–2010, a
report on Bahrain 34 of 40 in the last two percent of 1602–2026.  On a time-proportional
axis those marks pile up at the right edge, whatever the width.  The overview therefore
gives each event an equal share of the axis, blended with a share proportional to time:

    x = (1 − w) · (rank + ½) / n  +  w · (t − first) / span,    w = :data:`TIME_SHARE`

so order is kept (a later event is never to the left of an earlier one), every event has
at least ``(1 − w) / n`` of the width to itself however its neighbours crowd, empty
periods still take room in proportion to their length (the ``w`` part: a century without
events stays visibly long), and labelled year ticks, placed by the same formula, show
where the scale changes (they are unevenly spaced; the text alternative says so).  The
alternatives were weighed: a broken axis needs a threshold for what counts as a gap and
still crowds a cluster inside a segment (thirty events in 2020–2026); one row per tag
spreads nothing within a tag; a zoomed inset doubles the drawing and its links.  The
density scale is one rule for every brief, the same in SVG and TikZ.

Marks then go to lanes (rows), first fit in time order, so that the hit areas of two marks
of a lane (:data:`HIT` CSS pixels square, centred on the mark; a period's from its start
to its end) are at least :data:`SPACE` pixels apart at :data:`WIDTH` pixels of drawing:
wider, they only move apart.  Lanes are :data:`LANE` pixels apart, more than a hit area,
so no two hit areas overlap (WCAG 2.2 2.5.8, targets of 24 × 24 CSS pixels).  Beyond
:data:`LANES` lanes (a chronology of many hundred events), marks share the least crowded.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..core import emphasis
from .entries import SEPARATOR

#: The narrowest drawing the layout keeps marks apart at, in CSS pixels (furo's column at a
#: window 356 px wide, less the drawing's padding; 375 px gives 319).
WIDTH = 300
#: A mark's hit area (a square), the space between two hit areas of a lane, the lanes' pitch.
HIT, GAP = 24, 2
SPACE = HIT + GAP
LANE = HIT + GAP
#: At most this many lanes.
LANES = 12
#: The share of the axis proportional to time (the rest is shared equally by the events).
TIME_SHARE = 0.25
#: Labelled ticks at least this far apart at WIDTH (a year is about 30 px at 12 px), and
#: unlabelled ones.
LABEL_SPACE, MINOR_SPACE = 38, 7
#: Where a label stands beside its tick rather than centred on it (the SVG's text-anchor
#: "start" and "end", overview_svg.py): within this share of either end of the axis.
LABEL_EDGE = 0.04
#: Round steps of the ticks, in years: the rounder a year, the sooner it is labelled.
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
#: How long an open end's arrow is, in CSS pixels.
ARROW = 14
#: The key's entry for marks of no declared tag.
NO_TAG = "no declared tag"


class Mark(NamedTuple):
    """One event's mark: where it starts and ends (fractions of the axis), its lane.

    A named tuple: made 10,000 times for a large chronology, it is quick to make."""

    start: float
    end: float
    lane: int
    kind: str  # "day", "range" or "vague" (known only to the month or year)
    approximate: bool  # EDTF ~ ? %
    open_start: bool
    open_end: bool
    key: int  # its first tag's number (overview_marks.style_of; 0: no declared tag)
    label: str  # date — title
    target: str  # the id of its entry


@dataclass(frozen=True)
class Drawing:
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...]
    lanes: int
    #: The tags the marks show, in the key's order: (key, label, how many marks).
    tags: tuple[tuple[int, str, int], ...] = ()
    #: Whether the axis departs visibly from a time-proportional one.
    stretched: bool = False
    #: Unlabelled ticks (at years too close to be labelled).
    minor: tuple[float, ...] = ()


def year_start(year: int) -> int:
    return dt.date(max(1, min(year, 9999)), 1, 1).toordinal()


def kind_of(edtf: str, start: int, end: int) -> tuple[str, bool]:
    """The mark's kind and whether the date is approximate or uncertain."""
    approximate = any(char in edtf for char in "~?%")
    if "/" in edtf:
        return "range", approximate
    return ("day" if end <= start else "vague"), approximate


class Scale:
    """The stretched axis (module docstring): positions of events and of moments."""

    def __init__(self, starts: Sequence[int]) -> None:
        self.starts = sorted(starts)
        self.count = len(self.starts)
        low = dt.date.fromordinal(self.starts[0]).year
        self.low = low
        self.origin = year_start(low)

    def end_at(self, last: int) -> None:
        self.high = dt.date.fromordinal(last).year + 1
        self.span = float(max(1, year_start(self.high) - self.origin))

    def linear(self, moment: int) -> float:
        return (moment - self.origin) / self.span

    def event(self, rank: int, start: int) -> float:
        """The position of the event of this rank (in order of starts) and start."""
        share = (1 - TIME_SHARE) * (rank + 0.5) / self.count
        return share + TIME_SHARE * self.linear(start)

    def moment(self, moment: int) -> float:
        """The position of a moment: after every event that starts before it."""
        share = (1 - TIME_SHARE) * bisect_left(self.starts, moment) / self.count
        return share + TIME_SHARE * self.linear(moment)

    def ticks(self) -> tuple[tuple[tuple[float, str], ...], tuple[float, ...]]:
        """Labelled year ticks, kept where their labels do not collide (the first event's
        year at the axis' start, then the widest years, then the roundest);
        then unlabelled ones wherever they stay apart: close where the axis is squeezed,
        every year where it is stretched, so the ticks show the scale."""
        step = next((s for s in STEPS if (self.high - self.low) // s <= 600), STEPS[-1])
        # the axis' end (the year after the last event) only if nothing else is labelled
        years = list(range(-(-self.low // step) * step, self.high, step)) or [self.high]

        def roundness(year: int) -> int:
            return max((i for i, s in enumerate(STEPS) if year % s == 0), default=0)

        placed = {year: self.moment(year_start(year)) for year in years}
        # first the years the axis stretches wide enough for a label of their own (where
        # the events crowd, a reader needs them most), widest first; then the roundest
        wide = {
            year: width
            for year in years
            if (width := self.moment(year_start(year + step)) - placed[year]) >= LABEL_SPACE / WIDTH
        }
        by_roundness = sorted(
            years, key=lambda y: (y not in wide, -wide.get(y, 0), -roundness(y), y)
        )
        # the first event's year labels the axis' start: a reader sees where it begins
        placed.setdefault(self.low, self.moment(year_start(self.low)))
        labelled = _spread(by_roundness, _label_centres(placed), LABEL_SPACE / WIDTH, [self.low])
        if len(labelled) < 2:
            placed[self.high] = self.moment(year_start(self.high))
            labelled = _spread(
                [*by_roundness, self.high], _label_centres(placed), LABEL_SPACE / WIDTH, []
            )
        minor = _spread(by_roundness, placed, MINOR_SPACE / WIDTH, labelled)
        return (
            tuple(sorted((placed[y], str(y)) for y in labelled)),
            tuple(sorted(placed[y] for y in minor if y not in labelled)),
        )


def label_side(position: float) -> int:
    """Where a tick's label stands: -1 beginning at its tick (the axis' start), 1 ending at
    it (the axis' end), 0 centred on it; the SVG and the TikZ drawing anchor it so."""
    return -1 if position < LABEL_EDGE else 1 if position > 1 - LABEL_EDGE else 0


def _label_centres(placed: dict[int, float]) -> dict[int, float]:
    """Where each year's label is centred: on its tick, or half a label inwards at the
    axis' ends, where it is set beside its tick (so that no two labels touch)."""
    half = LABEL_SPACE / 2 / WIDTH
    return {year: at - label_side(at) * half for year, at in placed.items()}


def _spread(
    years: Sequence[int], placed: dict[int, float], space: float, kept: list[int]
) -> list[int]:
    """``kept``, and those of ``years`` (in that order) at least ``space`` from every one."""
    chosen = list(kept)
    positions = [placed[y] for y in chosen]
    for year in years:
        if year in chosen:
            continue
        position = placed[year]
        if all(abs(position - other) >= space for other in positions):
            chosen.append(year)
            positions.append(position)
    return chosen


def _lanes(spans: Sequence[tuple[float, float]]) -> tuple[list[int], int]:
    """The lane of each (left, right) extent in pixels at WIDTH: first fit, leftmost first."""
    lanes = [0] * len(spans)
    ends = [-float("inf")] * LANES
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        left, right = spans[index]
        lane = next((n for n, end in enumerate(ends) if end + GAP <= left), None)
        if lane is None:  # too many at once: the lane free the soonest
            lane = min(range(LANES), key=ends.__getitem__)
        ends[lane] = max(ends[lane], right)
        lanes[index] = lane
    return lanes, (max(lanes) + 1 if lanes else 0)


def layout(
    items: Sequence[tuple[Any, str]],
    key: Callable[[str], int],
    label: Callable[[str], str] = str,
) -> Drawing:
    """The drawing of ``(record, target id)`` pairs (event records, in timeline order);
    ``key`` gives a tag's number (1: the first declared tag; 0: none), ``label`` its
    label for the key (the drawing's legend)."""
    if not items:
        return Drawing((), (), 0)
    scale = Scale([record.start for record, _ in items])
    scale.end_at(max(record.end for record, _ in items))
    order = sorted(range(len(items)), key=lambda i: (items[i][0].start, i))
    rank = [0] * len(items)
    for position, index in enumerate(order):
        rank[index] = position
    half = HIT / 2
    made = []
    spans = []
    deviation = 0.0
    for index, (record, target) in enumerate(items):
        start = scale.event(rank[index], record.start)
        deviation = max(deviation, abs(start - scale.linear(record.start)))
        kind, approximate = kind_of(record.date, record.start, record.end)
        end = max(start, scale.moment(record.end + 1)) if kind == "range" else start
        open_start = bool(getattr(record, "open_start", ""))  # the dates helper's fields,
        open_end = bool(getattr(record, "open_end", ""))  # where records have them
        left = start * WIDTH - half - (ARROW if open_start else 0)
        right = end * WIDTH + half + (ARROW if open_end else 0)
        spans.append((left, right))
        made.append((start, end, kind, approximate, open_start, open_end, record, target))
    lanes, used = _lanes(spans)
    marks = []
    counts: dict[tuple[int, str], int] = {}
    for (start, end, kind, approximate, open_start, open_end, record, target), lane in zip(
        made, lanes, strict=True
    ):
        first = record.tags[0] if record.tags else ""
        number = key(first) if first else 0
        # undeclared tags and none: one grey entry of the key
        name = (number, label(first) if number else NO_TAG)
        counts[name] = counts.get(name, 0) + 1
        marks.append(
            Mark(
                start,
                end,
                lane,
                kind,
                approximate,
                open_start,
                open_end,
                number,
                f"{record.date_display}{SEPARATOR}{emphasis.plain(record.title)}",
                target,
            )
        )
    # declared tags in their order, then the others
    tags = tuple((n, text, count) for (n, text), count in sorted(counts.items(), key=_order))
    ticks, minor = scale.ticks()
    return Drawing(tuple(marks), ticks, used, tags, deviation * WIDTH > HIT, minor)


def _order(item: tuple[tuple[int, str], int]) -> tuple[bool, int]:
    return (item[0][0] == 0, item[0][0])

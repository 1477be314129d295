"""The timeline overview drawn at scale (``make bench``'s ``overview`` section).

The overview is drawn in the process that writes the chronology page; this times that
drawing alone, in this process: the layout, the SVG (HTML) and the TikZ picture (LaTeX) of
``n`` events spread over 1979–2010, a tenth of them ranges and a tenth approximate, as the
generated timeline corpus has them.  The target: 10,000 events drawn in under a second.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

from sphinx_brief.events import overview
from sphinx_brief.events.records import EventRecord

FIRST = dt.date(1979, 1, 1).toordinal()
LAST = dt.date(2010, 12, 31).toordinal()


def records(count: int, seed: int = 1) -> list[EventRecord]:
    """``count`` events in timeline order: days, months, ranges, approximate dates."""
    rng = random.Random(seed)
    made = []
    for number in range(count):
        start = rng.randrange(FIRST, LAST)
        kind = number % 10
        end = start + rng.randrange(30, 2000) if kind == 0 else start + (29 if kind < 4 else 0)
        date = dt.date.fromordinal(start).isoformat()
        edtf = f"{date}/{dt.date.fromordinal(end).isoformat()}" if kind == 0 else date
        made.append(
            EventRecord(
                date=edtf + ("~" if kind == 1 else ""),
                date_display=date,
                datetime=date,
                start=start,
                end=end,
                title=f"Event {number} <&>",
                anchor=f"event-{number}",
                tags=(f"tag{number % 9}",),
            )
        )
    made.sort(key=lambda r: r.sort_key)
    return made


def draw(events: list[EventRecord]) -> tuple[int, int]:
    """Lay out and write both forms; the lengths of the SVG and the TikZ text."""
    drawing = overview.layout([(r, r.anchor) for r in events], lambda tag: int(tag[3:]) % 8 + 1)
    svg = overview.svg(drawing, lambda target: "#" + target, "label")
    tikz = overview.tikz(drawing, lambda target: target)
    return len(svg), len(tikz)


def measure(count: int, reps: int) -> dict[str, Any]:
    events = records(count)
    times = []
    for _ in range(max(1, reps)):
        started = time.perf_counter()
        draw(events)
        times.append(time.perf_counter() - started)
    return {
        "events": count,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
    }

"""A timeline's overview: every event as a mark on a scaled time axis, drawn at build time.

What a reader sees at a glance and a list cannot show: when events cluster, which periods
are empty, which events lasted.  The overview is a figure just before the timeline (the HTML
``<div class="brief-chronology">``, the LaTeX list), above its legend (whose tag chips give
the marks' colours) and its entries:

- a time axis scaled from the first event to the last, with year ticks at a round step
  (1, 2, 5, 10 … years) so that no more than six labels share a phone's width;
- one mark per event: a dot for a day, a bar for a range (``1980/1989``), a hollow, dashed
  mark for a date known only to the month or year, or qualified as approximate or uncertain
  (``2009~``, ``2009?``); an open or unknown end (``../2010``, ``2009/``) fades out as an
  arrow to the edge of the axis;
- marks coloured by their first tag (the legend's colours), stacked in as many lanes as
  keep them apart (at most :data:`LANES`);
- each mark a link to its entry in the list below, named by the event's date and title;
- a text alternative (how many events, from when to when, where most of them fall),
  written as the figure's caption, so every builder (text, man, Texinfo) has it too.

The drawing is vector, made once in Python (:func:`layout`), and written as inline SVG for
HTML (no JavaScript, no image file; positions in percent and text in CSS pixels, so it is as
readable at 375 px as on a desktop; colours from the stylesheet, so it follows dark mode), as
an SVG image for the ePub (:func:`_epub_image`), and as TikZ for LaTeX (the PDF's own vector
drawing and fonts, each mark a link).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from ..core.component import is_website
from ..core.paths import output_file
from ..core.visitors import BUILDERS, nothing
from .entries import SEPARATOR, Shown

#: At most this many lanes of marks; beyond, marks share the least crowded lane.
LANES = 8
#: Marks closer than this fraction of the axis go to different lanes.
GAP = 0.012
#: The SVG's geometry, in CSS pixels.
LANE_HEIGHT, TOP, AXIS, KEY = 16, 10, 26, 22
#: Round steps of the ticks, in years.
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MAX_TICKS = 6


class brief_timeline_overview(nodes.General, nodes.Element):
    """The overview of a timeline: ``marks`` and ``ticks`` (plain values, see
    :class:`Mark`) drawn by the writers; its one child is the text alternative."""


class Mark(NamedTuple):
    """One event's mark: where it starts and ends (fractions of the axis), its lane.

    A named tuple: made 10,000 times for a large chronology, it is quick to make."""

    start: float
    end: float
    lane: int
    shape: str  # "day", "range" or "vague" (known only to the month or year)
    approximate: bool  # EDTF ~ ? %
    open_start: bool
    open_end: bool
    colour: int  # the tag colour's number (0: no tag)
    label: str  # date — title
    target: str  # the id of its entry


@dataclass(frozen=True)
class Drawing:
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...]
    lanes: int


# -- what is drawn -------------------------------------------------------------------------
def _year_start(year: int) -> int:
    return dt.date(max(1, min(year, 9999)), 1, 1).toordinal()


def _ticks(first: int, last: int) -> tuple[int, int, list[int]]:
    """The axis' ends (ordinals: January 1 of the first event's year, and of the year after
    the last event) and its tick years, at the smallest round step that keeps them few."""
    low = dt.date.fromordinal(first).year
    high = dt.date.fromordinal(last).year + 1

    def years(step: int) -> list[int]:
        return list(range(-(-low // step) * step, high + 1, step))

    step = next((s for s in STEPS if len(years(s)) <= MAX_TICKS), STEPS[-1])
    return _year_start(low), _year_start(high), years(step)


def shape_of(edtf: str, start: int, end: int) -> tuple[str, bool]:
    """The mark's shape and whether the date is approximate or uncertain."""
    approximate = any(char in edtf for char in "~?%")
    if "/" in edtf:
        return "range", approximate
    return ("day" if end <= start else "vague"), approximate


def _free_lane(lane_ends: list[float], start: float) -> int:
    """The first lane free at ``start``; if none is, the one free the soonest."""
    for lane, lane_end in enumerate(lane_ends):
        if lane_end + GAP <= start:
            return lane
    return min(range(LANES), key=lane_ends.__getitem__)


def layout(items: Sequence[tuple[Any, str]], colour: Callable[[str], int]) -> Drawing:
    """The drawing of ``(record, target id)`` pairs (event records, in timeline order)."""
    if not items:
        return Drawing((), (), 0)
    first = min(record.start for record, _ in items)
    last = max(record.end for record, _ in items)
    axis_start, axis_end, years = _ticks(first, last)
    span = float(axis_end - axis_start)
    lane_ends = [-1.0] * LANES
    used = 0
    marks = []
    for record, target in items:
        start = (record.start - axis_start) / span
        end = (record.end + 1 - axis_start) / span
        shape, approximate = shape_of(record.date, record.start, record.end)
        if shape == "day":
            end = start
        lane = _free_lane(lane_ends, start)
        lane_ends[lane] = max(lane_ends[lane], end if shape != "day" else start)
        used = max(used, lane + 1)
        marks.append(
            Mark(
                start,
                end,
                lane,
                shape,
                approximate,
                bool(getattr(record, "open_start", "")),  # the dates helper's fields,
                bool(getattr(record, "open_end", "")),  # where records have them
                colour(record.tags[0]) if record.tags else 0,
                f"{record.date_display}{SEPARATOR}{record.title}",
                target,
            )
        )
    ticks = tuple(((_year_start(y) - axis_start) / span, str(y)) for y in years)
    return Drawing(tuple(marks), ticks, used)


def summary(records: Sequence[Any]) -> str:
    """The text alternative: how many events, from when to when, where most of them fall."""
    if not records:
        return ""
    years = [dt.date.fromordinal(r.start).year for r in records]
    low, high = min(years), max(dt.date.fromordinal(r.end).year for r in records)
    count = len(records)
    text = f"Overview of the {count} events below, from {low} to {high}."
    if count >= 4 and high > low:
        # the busiest stretch of about a fifth of the span
        width = max(1, (high - low + 1) // 5)

        def within(first: int) -> int:
            return sum(first <= year < first + width for year in years)

        best = max(range(low, high - width + 2), key=within)
        inside = within(best)
        if inside * 2 > count:
            period = str(best) if width == 1 else f"{best}–{best + width - 1}"
            text += f" Most of them ({inside}) fall in {period}."
    return text + " Each mark links to its entry."


def attach(
    shown: Sequence[Shown], number: int, fromdoc: str, colour: Callable[[str], int]
) -> tuple[list[Shown], brief_timeline_overview]:
    """The entries, each with an id its mark links to, and the overview (the ``number``-th
    of its page, which numbers the ids: an event may be in two timelines of a page)."""
    prefix = f"timeline-{number}"
    entries: list[Shown] = []
    for item in shown:
        if not item.ids:
            page = "" if item.docname == fromdoc else nodes.make_id(item.docname) + "-"
            item = item._replace(ids=(f"{prefix}-{page}{item.record.anchor}",))
        entries.append(item)
    drawing = layout([(s.record, s.ids[0]) for s in entries], colour)
    node = brief_timeline_overview(classes=["brief-timeline-overview"], ids=[prefix])
    node["drawing"] = drawing
    text = summary([s.record for s in shown])
    node += nodes.paragraph(text, text, classes=["brief-timeline-overview-text"])
    return entries, node


# -- SVG (HTML, ePub) ----------------------------------------------------------------------
def _pc(value: float) -> str:
    return f"{100 * value:.3f}%"


def _svg_mark(mark: Mark, y: int, href: str | None, arrow: str) -> str:
    classes = f"brief-ov-mark brief-ov-{mark.shape} brief-tag-{mark.colour}"
    if mark.approximate:
        classes += " brief-ov-approx"
    label = escape(mark.label, quote=True)
    if href is None:
        parts = ["<g>"]
    else:
        parts = [f'<a xlink:href="{escape(href, quote=True)}" aria-label="{label}">']
    parts.append(f"<title>{label}</title>")
    middle = y + LANE_HEIGHT // 2
    if mark.shape == "day" or mark.end - mark.start < 0.006:
        centre = _pc((mark.start + mark.end) / 2)
        parts.append(f'<circle class="{classes}" cx="{centre}" cy="{middle}" r="5"/>')
    else:
        parts.append(
            f'<rect class="{classes}" x="{_pc(mark.start)}" y="{middle - 5}" '
            f'width="{_pc(mark.end - mark.start)}" height="10" rx="3"/>'
        )
    if mark.open_start:
        parts.append(
            f'<line class="brief-ov-open brief-tag-{mark.colour}" x1="0%" x2="{_pc(mark.start)}" '
            f'y1="{middle}" y2="{middle}"/>'
        )
    if mark.open_end:
        parts.append(
            f'<line class="brief-ov-open brief-tag-{mark.colour}" x1="{_pc(mark.end)}" '
            f'x2="100%" y1="{middle}" y2="{middle}" marker-end="url(#{arrow})"/>'
        )
    parts.append("</a>" if href is not None else "</g>")
    return "".join(parts)


def svg(
    drawing: Drawing, href: Callable[[str], str] | None, label_id: str = "", *, alone: bool = False
) -> str:
    """The drawing as SVG; ``href`` gives a mark's link from its target id (None: no links).

    Inline (HTML) it is the width of the text, its colours from the page's stylesheet; as a
    document of its own (``alone``, the ePub's image) it is 600 units wide, scaled to the
    reader's page, with the stylesheet's rules inside it.
    """
    lanes = max(drawing.lanes, 1)
    axis_y = TOP + lanes * LANE_HEIGHT + 4
    height = axis_y + AXIS + KEY
    arrow = escape(f"{label_id}-arrow" if label_id else "brief-ov-arrow", quote=True)
    if alone:
        size = f'width="600" height="{height}" viewBox="0 0 600 {height}"'
    else:
        size = f'width="100%" height="{height}" aria-labelledby="{escape(label_id, quote=True)}"'
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="brief-ov" {size}>',
        STANDALONE_STYLE if alone else "",
        # the arrowhead of open ends; its id unique in the page (a page may draw several)
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L10 5L0 10z" '
        'class="brief-ov-arrowhead"/></marker></defs>'
        if any(m.open_end for m in drawing.marks)
        else "",
        f'<line class="brief-ov-axis" x1="0%" x2="100%" y1="{axis_y}" y2="{axis_y}"/>',
    ]
    for position, text in drawing.ticks:
        anchor = "start" if position < 0.04 else "end" if position > 0.96 else "middle"
        out.append(
            f'<line class="brief-ov-tick" x1="{_pc(position)}" x2="{_pc(position)}" '
            f'y1="{axis_y}" y2="{axis_y + 5}"/>'
            f'<text class="brief-ov-label" x="{_pc(position)}" y="{axis_y + 18}" '
            f'text-anchor="{anchor}">{escape(text)}</text>'
        )
    out += [
        _svg_mark(m, TOP + m.lane * LANE_HEIGHT, href(m.target) if href else None, arrow)
        for m in drawing.marks
    ]
    out.append(_svg_key(height - 6))
    out.append("</svg>")
    return "".join(out)


def _svg_key(y: int) -> str:
    """What the shapes mean, at the bottom (fixed pixels: it fits 320 px)."""
    return (
        f'<g class="brief-ov-key" aria-hidden="true">'
        f'<circle class="brief-ov-mark brief-ov-day" cx="5" cy="{y - 4}" r="4"/>'
        f'<text x="13" y="{y}">a day</text>'
        f'<rect class="brief-ov-mark brief-ov-range" x="62" y="{y - 8}" width="22" '
        f'height="8" rx="2"/>'
        f'<text x="89" y="{y}">a period</text>'
        f'<rect class="brief-ov-mark brief-ov-vague brief-ov-approx" x="150" y="{y - 8}" '
        f'width="22" height="8" rx="2"/><text x="177" y="{y}">month, year or approximate</text>'
        "</g>"
    )


#: The stylesheet's rules for the overview as an image of its own (the ePub's): light colours.
STANDALONE_STYLE = (
    "<style>"
    ".brief-ov-axis,.brief-ov-tick{stroke:#222;stroke-width:1}"
    ".brief-ov-label,.brief-ov-key text{fill:#222;font:12px sans-serif}"
    ".brief-ov-arrowhead{fill:#222}"
    ".brief-ov-mark,.brief-ov-open{fill:#6c757d;stroke:#6c757d;stroke-width:1.5}"
    ".brief-ov-approx,.brief-ov-vague{fill-opacity:.25;stroke-dasharray:3 2}"
    ".brief-ov-open{fill:none;stroke-dasharray:2 3}"
    + "".join(
        f".brief-tag-{n}{{fill:{c};stroke:{c}}}"
        for n, c in enumerate(
            (
                "#dc3545",
                "#e8590c",
                "#b08a00",
                "#198754",
                "#0d94a8",
                "#0d6efd",
                "#6f42c1",
                "#d63384",
            ),
            start=1,
        )
    )
    + "line.brief-ov-open{fill:none}</style>"
)


def _epub_image(self: Any, node: brief_timeline_overview) -> str:
    """The overview as an SVG file beside the ePub's pages, and the ``<img>`` showing it.

    The ePub's manifest cannot declare a page with inline SVG (Sphinx writes no ``svg``
    property), so the ePub shows the same drawing as an image: its marks are not links
    there; the entries follow right below it.
    """
    drawn = svg(node["drawing"], None, alone=True)
    name = f"brief-overview-{hashlib.sha256(drawn.encode()).hexdigest()[:16]}.svg"
    path = output_file(self.builder.outdir, "_images", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + drawn, "utf-8")
    page = posixpath.dirname(self.builder.current_docname)
    src = posixpath.relpath(f"_images/{name}", page or ".")
    return f'<img src="{escape(src, quote=True)}" alt="Timeline overview" />'


def html_visit(self: Any, node: brief_timeline_overview) -> None:
    label_id = f"{node['ids'][0]}-text" if node["ids"] else ""
    self.body.append(self.starttag(node, "figure", ""))
    if is_website(self.builder):

        def href(target: str) -> str:
            return "#" + target

        self.body.append(svg(node["drawing"], href, label_id))
    else:
        self.body.append(_epub_image(self, node))
    self.body.append(f'<figcaption id="{escape(label_id, quote=True)}">')


def html_depart(self: Any, node: brief_timeline_overview) -> None:
    self.body.append("</figcaption></figure>\n")


# -- TikZ (LaTeX) ----------------------------------------------------------------------------
#: How many marks the PDF's overview draws at most, and across how many columns of a lane
#: it gathers them beyond that: TeX keeps a whole picture in its main memory (5,000,000
#: words), which 10,000 marks and their links exceed ("TeX capacity exceeded").  A lane's
#: column then shows its first mark, linked to that event; the website draws every mark.
PDF_MARKS, PDF_COLUMNS = 800, 100


def pdf_marks(drawing: Drawing) -> tuple[Mark, ...]:
    """The marks the PDF draws: all, up to :data:`PDF_MARKS`; beyond, the first of each
    column of each lane (at most ``lanes`` × :data:`PDF_COLUMNS`)."""
    if len(drawing.marks) <= PDF_MARKS:
        return drawing.marks
    columns = max(1, min(PDF_COLUMNS, PDF_MARKS // max(drawing.lanes, 1)))
    kept: dict[tuple[int, int], Mark] = {}
    for mark in drawing.marks:
        kept.setdefault((mark.lane, min(int(mark.start * columns), columns - 1)), mark)
    return tuple(kept.values())


def tikz(drawing: Drawing, link: Callable[[str], str]) -> str:
    """The drawing as a ``tikzpicture`` (x in \\linewidth, y in points, downwards);
    ``link`` gives the ``\\hyperref`` label of a target id (:func:`pdf_marks`: a large
    chronology's marks gathered)."""
    lanes = max(drawing.lanes, 1)
    axis_y = TOP + lanes * LANE_HEIGHT * 0.7 + 2
    out = [r"\begin{tikzpicture}[x=\linewidth,y=-1pt]"]
    # exactly the text's width (marks at the ends may stand out a little, as in the margin)
    out.append(rf"\useasboundingbox (0,0) rectangle (1,{axis_y + 16:.1f});")
    out.append(rf"\draw[sphinxbriefaxis] (0,{axis_y:.1f}) -- (1,{axis_y:.1f});")
    for position, text in drawing.ticks:
        anchor = "north west" if position < 0.04 else "north east" if position > 0.96 else "north"
        out.append(
            rf"\draw[sphinxbriefaxis] ({position:.4f},{axis_y:.1f}) -- ++(0,3);"
            rf"\node[sphinxbrieftick,anchor={anchor}] at ({position:.4f},{axis_y + 4:.1f})"
            rf" {{{text}}};"
        )
    for mark in pdf_marks(drawing):
        y = TOP + mark.lane * LANE_HEIGHT * 0.7
        style = f"brieftag{mark.colour}"
        vague = mark.approximate or mark.shape == "vague"
        kind = "draw,dashed,fill opacity=0.25,fill" if vague else "fill"
        if mark.shape == "day" or mark.end - mark.start < 0.006:
            x = (mark.start + mark.end) / 2
            out.append(
                rf"\path[{kind}={style},draw={style}] ({x:.4f},{y:.1f}) circle[radius=2.6pt];"
            )
            box = (x - 0.006, x + 0.006)
        else:
            out.append(
                rf"\path[{kind}={style},draw={style},rounded corners=1pt] "
                rf"({mark.start:.4f},{y - 3:.1f}) rectangle ({mark.end:.4f},{y + 3:.1f});"
            )
            box = (mark.start, mark.end)
        if mark.open_start:
            out.append(rf"\draw[{style},dotted,<-] (0,{y:.1f}) -- ({mark.start:.4f},{y:.1f});")
        if mark.open_end:
            out.append(rf"\draw[{style},dotted,->] ({mark.end:.4f},{y:.1f}) -- (1,{y:.1f});")
        # the link: an invisible box over the mark
        out.append(
            rf"\node[inner sep=0pt,anchor=west] at ({box[0]:.4f},{y:.1f}) "
            rf"{{\hyperref[{link(mark.target)}]"
            rf"{{\sphinxbrieflinkbox{{{box[1] - box[0]:.4f}\linewidth}}}}}};"
        )
    out.append(r"\end{tikzpicture}\par")
    return "\n".join(out) + "\n"


def latex_visit(self: Any, node: brief_timeline_overview) -> None:
    docname = self.curfilestack[-1] if self.curfilestack else ""

    def link(target: str) -> str:
        return str(self.idescape(f"{docname}:{target}"))

    self.body.append("\n\\begin{sphinxbriefoverview}\n")
    self.body.append(tikz(node["drawing"], link))


def latex_depart(self: Any, node: brief_timeline_overview) -> None:
    self.body.append("\\end{sphinxbriefoverview}\n")


def setup(app: Sphinx) -> None:
    handlers: dict[str, Any] = dict.fromkeys(BUILDERS, (nothing, nothing))
    handlers["html"] = (html_visit, html_depart)
    handlers["latex"] = (latex_visit, latex_depart)
    app.add_node(brief_timeline_overview, override=False, **handlers)

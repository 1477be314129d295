"""A timeline's overview: every event as a mark on a time axis, drawn at build time.

What a reader sees at a glance and a list cannot show: when events cluster, which periods
are empty, which events lasted.  The overview is a figure just before the timeline (the HTML
``<div class="brief-chronology">``, the LaTeX list), above its legend and its entries:

- a time axis from the first event's year to the year after the last, *stretched by event
  density* (:mod:`.overview_layout`): each event gets an equal share of the axis, blended
  with a quarter proportional to time, so a cluster of thirty events in a few years spreads
  out while a century without events still takes room; year ticks, placed by the same
  rule, are labelled (roundest years first) and show where the scale changes;
- one solid mark per event, in its first tag's colour *and* shape (:mod:`.overview_marks`:
  Okabe–Ito colours, light and dark sets of at least 3:1 against the page; eight shapes,
  then shapes with a hole: any two of 64 tags differ by colour or shape, of 16 by shape
  alone, as a grey print shows them); a period is a bar with the mark at its start; a date
  known only to the month or year, or approximate (``2009~``), has whiskers; an open or
  unknown end (``../2010``, ``2009/``) a short dotted arrow;
- marks in lanes, so that no two hit areas (24 × 24 CSS pixels about each mark, WCAG 2.2
  2.5.8) overlap at 300 px of drawing or wider (a phone of 375 px gives 319);
- each mark a link to its entry in the list below, named by the event's date and title;
- a key: each tag's shape in its colour beside its label, a period's bar, the whiskers;
- a text alternative written as the figure's caption, so every builder (text, man, Texinfo)
  has it too: how many events, from when to when, where most of them fall, the longest
  stretch without any, how many marks each tag has, and that the axis is stretched.

The drawing is vector, made once in Python (:func:`layout`), and written as inline SVG for
the website and the ePub (:mod:`.overview_svg`: no JavaScript, no image file; positions in
percent and sizes in CSS pixels, colours that follow dark mode; in the ePub the page is
declared ``svg`` in the manifest, so the marks link to their entries there too), and as
TikZ for LaTeX (:mod:`.overview_tikz`: the PDF's own vector drawing and fonts, each mark a
link).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder

from ..core.component import is_website
from ..core.visitors import BUILDERS, nothing
from . import overview_svg, overview_tikz
from .entries import Shown
from .overview_layout import STEPS, Drawing, Mark, layout
from .overview_tikz import PDF_COLUMNS, PDF_MARKS, pdf_marks, tikz

__all__ = ["PDF_COLUMNS", "PDF_MARKS", "Drawing", "Mark", "layout", "pdf_marks", "svg", "tikz"]
svg = overview_svg.svg


class brief_timeline_overview(nodes.General, nodes.Element):
    """The overview of a timeline: ``marks`` and ``ticks`` (plain values, see
    :class:`Mark`) drawn by the writers; its one child is the text alternative."""


def summary(records: Sequence[Any], drawing: Drawing | None = None) -> str:
    """The text alternative: how many events, from when to when, where most of them fall,
    the longest stretch without any, the marks of each tag (``drawing``'s key)."""
    if not records:
        return ""
    years = [dt.date.fromordinal(r.start).year for r in records]
    low, high = min(years), max(dt.date.fromordinal(r.end).year for r in records)
    count = len(records)
    text = f"Overview of the {count} events below, from {low} to {high}."
    if count >= 4 and high > low:
        cluster = _cluster(sorted(years), high - low + 1)
        if cluster is not None:
            inside, first, last = cluster
            period = str(first) if first == last else f"{first}–{last}"
            text += f" Most of them ({inside}) fall in {period}."
        # the longest stretch of whole years without an event, if a fifth of the span
        held = sorted({y for r in records for y in _years(r)})
        gap = max(((b - a - 1, a) for a, b in itertools.pairwise(held)), default=(0, 0))
        if gap[0] >= max(2, (high - low + 1) // 5):
            text += f" None from {gap[1] + 1} to {gap[1] + gap[0]}."
    if drawing is not None and drawing.tags:
        marks = ", ".join(f"{label} {n}" for _, label, n in drawing.tags)
        text += f" Marks by their first tag, each tag a colour and a shape: {marks}."
    if drawing is not None and drawing.stretched:
        text += (
            " The axis gives each event room: years with many events are drawn wider,"
            " so its years are unevenly spaced."
        )
    return text + " Each mark links to its entry."


def _cluster(years: Sequence[int], span: int) -> tuple[int, int, int] | None:
    """The narrowest round stretch (1, 2, 5, 10 … years, at most a third of the span) that
    holds two thirds of the events: how many, their first and last year."""
    for width in STEPS:
        if width * 3 > span:
            return None
        best = (0, 0, 0)
        for index, first in enumerate(years):
            end = bisect_right(years, first + width - 1, index)
            if end - index > best[0]:
                best = (end - index, first, years[end - 1])
        if best[0] * 3 >= len(years) * 2:
            return best
    return None


def _years(record: Any) -> range:
    """The years an event covers (a period's every year)."""
    first = dt.date.fromordinal(record.start).year
    return range(first, dt.date.fromordinal(record.end).year + 1)


def attach(
    shown: Sequence[Shown], number: int, fromdoc: str, tags: Mapping[str, str]
) -> tuple[list[Shown], brief_timeline_overview]:
    """The entries, each with an id its mark links to, and the overview (the ``number``-th
    of its page, which numbers the ids: an event may be in two timelines of a page);
    ``tags``: the declared tags and their labels, in order (``brief_tags``)."""
    prefix = f"timeline-{number}"
    entries: list[Shown] = []
    for item in shown:
        if not item.ids:
            page = "" if item.docname == fromdoc else nodes.make_id(item.docname) + "-"
            item = item._replace(ids=(f"{prefix}-{page}{item.record.anchor}",))
        entries.append(item)
    order = {tag: index for index, tag in enumerate(tags, start=1)}

    def label(tag: str) -> str:
        return tags.get(tag, tag)

    drawing = layout([(s.record, s.ids[0]) for s in entries], lambda tag: order.get(tag, 0), label)
    node = brief_timeline_overview(classes=["brief-timeline-overview"], ids=[prefix])
    node["drawing"] = drawing
    text = summary([s.record for s in shown], drawing)
    node += nodes.paragraph(text, text, classes=["brief-timeline-overview-text"])
    return entries, node


# -- HTML (the website, the ePub) --------------------------------------------------------------
def html_visit(self: Any, node: brief_timeline_overview) -> None:
    label_id = f"{node['ids'][0]}-text" if node["ids"] else ""
    builder = self.builder
    fix = getattr(builder, "fix_fragment", None) if not is_website(builder) else None

    def href(target: str) -> str:
        # the ePub builder's ``fix_ids``: no colon in a fragment
        return str(fix("", "#" + target)) if fix is not None else "#" + target

    self.body.append(self.starttag(node, "figure", ""))
    self.body.append(overview_svg.svg(node["drawing"], href, label_id))
    self.body.append(overview_svg.key(node["drawing"]))
    self.body.append(f'<figcaption id="{escape(label_id, quote=True)}">')


def html_depart(self: Any, node: brief_timeline_overview) -> None:
    self.body.append("</figcaption></figure>\n")


#: A manifest item of content.opf (Sphinx writes each on one line, ``href`` before the end).
_ITEM = re.compile(r'<item\b[^>]*\bhref="([^"]+\.xhtml)"[^>]*?(/?)>')


def declare_svg(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, before site/epub.py packs the ePub again: the pages that hold an
    overview (inline SVG) get ``properties="svg"`` in the manifest, as EPUB 3 requires
    (Sphinx writes no properties)."""
    builder = app.builder
    if exception is not None or not isinstance(builder, Epub3Builder):
        return
    opf = Path(builder.outdir) / "content.opf"
    if not opf.is_file():
        return
    text = opf.read_text(encoding="utf-8")

    def declared(match: re.Match[str]) -> str:
        item, href = match.group(0), match.group(1)
        page = Path(builder.outdir) / href
        if "properties=" in item or not page.is_file():
            return item
        if 'class="brief-ov"' not in page.read_text(encoding="utf-8"):
            return item
        end = "/>" if match.group(2) else ">"
        return item[: -len(end)].rstrip() + ' properties="svg"' + (" " if end == "/>" else "") + end

    changed = _ITEM.sub(declared, text)
    if changed != text:
        opf.write_text(changed, encoding="utf-8")


# -- TikZ (LaTeX) ----------------------------------------------------------------------------
def latex_visit(self: Any, node: brief_timeline_overview) -> None:
    docname = self.curfilestack[-1] if self.curfilestack else ""

    def link(target: str) -> str:
        return str(self.idescape(f"{docname}:{target}"))

    self.body.append("\n\\begin{sphinxbriefoverview}\n")
    self.body.append(overview_tikz.tikz(node["drawing"], link))
    self.body.append(overview_tikz.key(node["drawing"], self.encode))


def latex_depart(self: Any, node: brief_timeline_overview) -> None:
    self.body.append("\\end{sphinxbriefoverview}\n")


def setup(app: Sphinx) -> None:
    handlers: dict[str, Any] = dict.fromkeys(BUILDERS, (nothing, nothing))
    handlers["html"] = (html_visit, html_depart)
    handlers["latex"] = (latex_visit, latex_depart)
    app.add_node(brief_timeline_overview, override=False, **handlers)
    # before site/epub.py's finish_epub (400), which packs the ePub again
    app.connect("build-finished", declare_svg, priority=390)

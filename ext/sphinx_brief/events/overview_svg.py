"""The overview as inline SVG (the website and the ePub) and its key as HTML.

Positions across are percentages of the drawing's width and everything else CSS pixels, so
the drawing is as wide as the text column at any width, its labels 12 px, its marks 14 px
and their hit areas 24 px (:mod:`.overview_layout`).  Each shape is drawn once in
``<defs>`` and placed with ``<use x="…%">``.  Colours are presentation attributes, the
light set (:mod:`.overview_marks`): what a reading system without the stylesheet, or
without CSS variables, shows; ``brief-timeline.css`` replaces them with its variables, which
follow furo's light and dark schemes.  Lines and labels take the text's colour.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .overview_layout import HIT, LANE, Drawing, Mark, label_side
from .overview_marks import Style, light, style_of, svg_path

#: Above the first lane; the axis' ticks and labels below the last.
TOP, TICK, LABEL, BOTTOM = 4, 5, 17, 22
WHISKER = "M-10 -4v8M-10 0h20M10 -4v8"


def _pc(value: float) -> str:
    return f"{100 * value:.3f}%"


def _defs(drawing: Drawing, prefix: str) -> str:
    """The shapes the marks use, the hit area, the whisker, the open ends' arrows."""
    half = HIT // 2
    parts = [
        "<defs>",
        f'<rect id="{prefix}-hit" x="-{half}" y="-{half}" width="{HIT}" height="{HIT}" '
        'fill="#000" fill-opacity="0"/>',
    ]
    styles = sorted({style_of(m.key)[1:] for m in drawing.marks})
    for shape, hole in styles:
        d = svg_path(Style(0, shape, hole))
        parts.append(
            f'<path id="{prefix}-s{shape}{"h" if hole else ""}" d="{d}" fill-rule="evenodd"/>'
        )
    if any(m.approximate or m.kind == "vague" for m in drawing.marks):
        parts.append(f'<path id="{prefix}-whisker" d="{WHISKER}" fill="none" stroke-width="2"/>')
    if any(m.open_start or m.open_end for m in drawing.marks):
        arrow = f'marker-end="url(#{prefix}-arrow)"'
        parts += [
            f'<marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="5" markerHeight="5" orient="auto"><path d="M0 0L10 5L0 10z" '
            'class="brief-ov-arrowhead"/></marker>',
            f'<path id="{prefix}-open-end" d="M8 0h16" fill="none" stroke-width="2" '
            f'stroke-dasharray="3 2" {arrow}/>',
            f'<path id="{prefix}-open-start" d="M-8 0h-16" fill="none" stroke-width="2" '
            f'stroke-dasharray="3 2" {arrow}/>',
            f'<path id="{prefix}-open-bar" d="M1 0h23" fill="none" stroke-width="2" '
            f'stroke-dasharray="3 2" {arrow}/>',
        ]
    parts.append("</defs>")
    return "".join(parts)


def _mark(mark: Mark, y: int, href: str | None, prefix: str) -> str:
    style = style_of(mark.key)
    colour = light(style.colour)
    tag = f"brief-tag-{style.colour}"
    label = escape(mark.label, quote=True)
    if href is None:
        parts = ["<g>"]
    else:
        parts = [
            f'<a class="brief-ov-tag-{mark.key}" xlink:href="{escape(href, quote=True)}" '
            f'aria-label="{label}">'
        ]
    parts.append(f"<title>{label}</title>")
    x = _pc(mark.start)
    ends = ""
    if mark.kind == "range" and mark.end > mark.start:
        width = _pc(mark.end - mark.start)
        parts.append(
            f'<rect class="brief-ov-bar {tag}" x="{x}" y="{y - 3}" width="{width}" height="6" '
            f'rx="2" fill="{colour}"/>'
        )
        ends = (
            f'<rect x="{x}" y="{y - HIT // 2}" width="{width}" height="{HIT}" fill="#000" '
            f'fill-opacity="0"/><use class="brief-ov-hit" xlink:href="#{prefix}-hit" '
            f'x="{_pc(mark.end)}" y="{y}"/>'
        )
    if mark.approximate or mark.kind == "vague":
        parts.append(
            f'<use class="brief-ov-whisker {tag}" xlink:href="#{prefix}-whisker" x="{x}" '
            f'y="{y}" stroke="{colour}"/>'
        )
    bar = mark.kind == "range" and mark.end > mark.start
    for is_open, which, at in (
        (mark.open_start, "start", mark.start),
        (mark.open_end, "bar" if bar else "end", mark.end),
    ):
        if is_open:
            parts.append(
                f'<use class="brief-ov-open {tag}" xlink:href="#{prefix}-open-{which}" '
                f'x="{_pc(at)}" y="{y}" stroke="{colour}"/>'
            )
    classes = f"brief-ov-mark brief-ov-{mark.kind} {tag}"
    if mark.approximate:
        classes += " brief-ov-approx"
    shape = f"{prefix}-s{style.shape}{'h' if style.hole else ''}"
    parts.append(f'<use class="{classes}" xlink:href="#{shape}" x="{x}" y="{y}" fill="{colour}"/>')
    parts.append(ends)
    # the hit area last, over the mark: what a pointer or a finger meets
    parts.append(f'<use class="brief-ov-hit" xlink:href="#{prefix}-hit" x="{x}" y="{y}"/>')
    parts.append("</a>" if href is not None else "</g>")
    return "".join(parts)


def height(lanes: int) -> tuple[int, int]:
    """The axis' y and the drawing's height, in CSS pixels."""
    axis = TOP + max(lanes, 1) * LANE + 4
    return axis, axis + BOTTOM


def svg(drawing: Drawing, href: Callable[[str], str] | None, label_id: str = "") -> str:
    """The drawing as SVG; ``href`` gives a mark's link from its target id (None: no links);
    ``label_id`` the id of its text alternative (its ids' prefix too: unique in the page)."""
    axis, total = height(drawing.lanes)
    prefix = escape(label_id or "brief-ov", quote=True)
    labelled = f' aria-labelledby="{prefix}"' if label_id else ""
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="brief-ov" width="100%" height="{total}"{labelled}>',
        _defs(drawing, prefix),
        f'<line class="brief-ov-axis" x1="0%" x2="100%" y1="{axis}" y2="{axis}"/>',
    ]
    for position in drawing.minor:
        out.append(
            f'<line class="brief-ov-tick brief-ov-minor" x1="{_pc(position)}" '
            f'x2="{_pc(position)}" y1="{axis}" y2="{axis + 3}"/>'
        )
    for position, text in drawing.ticks:
        anchor = {-1: "start", 0: "middle", 1: "end"}[label_side(position)]
        out.append(
            f'<line class="brief-ov-tick" x1="{_pc(position)}" x2="{_pc(position)}" '
            f'y1="{axis}" y2="{axis + TICK}"/>'
            f'<text class="brief-ov-label" x="{_pc(position)}" y="{axis + LABEL}" '
            f'text-anchor="{anchor}">{escape(text)}</text>'
        )
    out += [
        _mark(m, TOP + m.lane * LANE + LANE // 2, href(m.target) if href else None, prefix)
        for m in drawing.marks
    ]
    out.append("</svg>")
    # one element a line: a page's text (the search's excerpts read the DOM's textContent)
    # keeps the labels and the marks' titles apart ("1980 1989", not "19801989")
    return "\n".join(out)


def _swatch(inner: str, width: int = 20) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="brief-ov-swatch" width="{width}" '
        f'height="20" viewBox="-10 -10 {width} 20" aria-hidden="true" focusable="false">'
        f"{inner}</svg>"
    )


def key(drawing: Drawing) -> str:
    """The key below the drawing: each tag's colour and shape beside its label, then what a
    bar and whiskers mean (when the drawing has them)."""
    items = []
    for number, text, _ in drawing.tags:
        style = style_of(number)
        path = (
            f'<path class="brief-tag-{style.colour}" d="{svg_path(style)}" '
            f'fill="{light(style.colour)}" fill-rule="evenodd"/>'
        )
        items.append(f'<li class="brief-ov-tag-{number}">{_swatch(path)}{escape(text)}</li>')
    kinds = {m.kind for m in drawing.marks} | {"vague" for m in drawing.marks if m.approximate}
    neutral = 'fill="currentColor"'
    if "range" in kinds:
        bar = f'<rect x="0" y="-3" width="22" height="6" rx="2" {neutral}/>'
        circle = f'<circle r="5" {neutral}/>'
        items.append(
            f'<li class="brief-ov-kind brief-ov-kind-range">{_swatch(bar + circle, 34)}'
            "a period</li>"
        )
    if "vague" in kinds:
        whisker = '<path d="M-9 -4v8M-9 0h18M9 -4v8" stroke="currentColor" stroke-width="2"/>'
        circle = f'<circle r="5" {neutral}/>'
        items.append(
            f'<li class="brief-ov-kind brief-ov-kind-vague">{_swatch(whisker + circle)}'
            "known only to the month or year, or approximate</li>"
        )
    lines = "\n".join(items)
    return f'<ul class="brief-ov-key">\n{lines}\n</ul>\n'

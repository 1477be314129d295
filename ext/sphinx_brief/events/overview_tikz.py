"""The overview as a TikZ picture (the PDF), and its key.

The same drawing as the website's (:mod:`.overview_layout`: the stretched axis, the lanes),
in the PDF's own vector drawing and fonts: x in ``\\linewidth`` (an inset keeps the end
marks inside the text block), y in points downwards.  Marks are solid shapes 9 pt across in
the light colours (:mod:`.overview_marks`, defined inside the overview's group), so a grey
print keeps them dark and tells them apart by shape; each is a link to its entry.  The key
below the picture is text with a small picture per entry, so it wraps like text and never
makes an overfull line.
"""

from __future__ import annotations

from collections.abc import Callable

from .overview_layout import HIT, Drawing, Mark, label_side
from .overview_marks import PT, light, style_of, tikz_path

#: How many marks the PDF's overview draws at most, and across how many columns of a lane
#: it gathers them beyond that: TeX keeps a whole picture in its main memory (5,000,000
#: words), which 10,000 marks and their links exceed ("TeX capacity exceeded").  A lane's
#: column then shows its first mark, linked to that event; the website draws every mark.
PDF_MARKS, PDF_COLUMNS = 800, 100
#: The margin left at each end of the axis (a fraction of the line), the lanes' pitch and
#: the space above the first, in points.
INSET, LANE, TOP = 0.02, 13.0, 2.0
#: Half a hit area, the whisker's half width, in points.
HALF = HIT / 2 * PT


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


def colours(drawing: Drawing) -> str:
    """The colours of the tags the drawing shows, as xcolor names ``briefovN``."""
    used = sorted({style_of(key).colour for key, _, _ in drawing.tags})
    return "".join(rf"\definecolor{{briefov{n}}}{{HTML}}{{{light(n)[1:].upper()}}}" for n in used)


def _x(fraction: float) -> str:
    return f"{INSET + (1 - 2 * INSET) * fraction:.4f}"


def _mark(mark: Mark, y: float, link: Callable[[str], str]) -> list[str]:
    style = style_of(mark.key)
    colour = f"briefov{style.colour}"
    x = _x(mark.start)
    at = f"shift={{({x},{y:.1f})}}"
    out = []
    if mark.kind == "range" and mark.end > mark.start:
        out.append(
            rf"\fill[{colour},rounded corners=1pt] ({x},{y - 2:.1f}) rectangle "
            rf"({_x(mark.end)},{y + 2:.1f});"
        )
    if mark.approximate or mark.kind == "vague":
        w = f"{HALF:.1f}pt"
        out.append(
            rf"\draw[{colour},line width=1.2pt,{at}] (-{w},-3pt) -- (-{w},3pt) "
            rf"(-{w},0pt) -- ({w},0pt) ({w},-3pt) -- ({w},3pt);"
        )
    near, far = "5pt", "15pt"
    if mark.open_start:
        out.append(rf"\draw[{colour},dotted,<-,line width=1pt,{at}] (-{far},0pt) -- (-{near},0pt);")
    if mark.open_end:
        end = f"shift={{({_x(mark.end)},{y:.1f})}}"
        out.append(rf"\draw[{colour},dotted,->,line width=1pt,{end}] ({near},0pt) -- ({far},0pt);")
    out.append(rf"\fill[{colour},even odd rule,{at}] {tikz_path(style)};")
    # the link: an invisible box over the mark (and a period's bar)
    width = (mark.end - mark.start) * (1 - 2 * INSET) if mark.kind == "range" else 0.0
    out.append(
        rf"\node[inner sep=0pt,anchor=west] at ([xshift=-5pt]{x},{y:.1f}) "
        rf"{{\hyperref[{link(mark.target)}]"
        rf"{{\rule[-5pt]{{0pt}}{{10pt}}\rule{{\dimexpr{width:.4f}\linewidth+10pt\relax}}{{0pt}}}}}};"
    )
    return out


def tikz(drawing: Drawing, link: Callable[[str], str]) -> str:
    """The drawing as a ``tikzpicture``; ``link`` gives the ``\\hyperref`` label of a target
    id (:func:`pdf_marks`: a large chronology's marks gathered)."""
    lanes = max(drawing.lanes, 1)
    axis = TOP + lanes * LANE + 2
    # (the colours' line ends with a comment: no space before the picture)
    out = [colours(drawing) + "%", r"\begin{tikzpicture}[x=\linewidth,y=-1pt]"]
    # exactly the text's width
    out.append(rf"\useasboundingbox (0,0) rectangle (1,{axis + 14:.1f});")
    out.append(rf"\draw[black,line width=0.5pt] (0,{axis:.1f}) -- (1,{axis:.1f});")
    for position in drawing.minor:
        out.append(rf"\draw[black,line width=0.4pt] ({_x(position)},{axis:.1f}) -- ++(0,2);")
    for position, text in drawing.ticks:
        anchor = {-1: "north west", 0: "north", 1: "north east"}[label_side(position)]
        out.append(
            rf"\draw[black,line width=0.5pt] ({_x(position)},{axis:.1f}) -- ++(0,3);"
            rf"\node[font=\sffamily\scriptsize,inner sep=1pt,anchor={anchor}] "
            rf"at ({_x(position)},{axis + 4:.1f}) {{{text}}};"
        )
    for mark in pdf_marks(drawing):
        out += _mark(mark, TOP + mark.lane * LANE + LANE / 2, link)
    out.append(r"\end{tikzpicture}\par")
    return "\n".join(out) + "\n"


def key(drawing: Drawing, encode: Callable[[str], str]) -> str:
    """The key below the picture: each tag's shape in its colour beside its label, then a
    period's bar and the whiskers, when the drawing has them (``encode``: LaTeX's escaping)."""
    sep = r"\hskip 1em plus 0.5em minus 0.2em "
    items = []
    for number, text, _ in drawing.tags:
        style = style_of(number)
        items.append(
            rf"\mbox{{\tikz[baseline=-0.6ex]\fill[briefov{style.colour},even odd rule] "
            rf"{tikz_path(style)};\kern0.3em {encode(text)}}}"
        )
    kinds = {m.kind for m in drawing.marks} | {"vague" for m in drawing.marks if m.approximate}
    if "range" in kinds:
        items.append(
            r"\mbox{\tikz[baseline=-0.6ex]{\fill[black!70,rounded corners=1pt] (0pt,-2pt) "
            r"rectangle (16pt,2pt);\fill[black!70] (0pt,0pt) circle[radius=3pt];}"
            r"\kern0.3em a period}"
        )
    if "vague" in kinds:
        items.append(
            r"\mbox{\tikz[baseline=-0.6ex]{\draw[black!70,line width=1.2pt] (-6pt,-3pt) -- "
            r"(-6pt,3pt) (-6pt,0pt) -- (6pt,0pt) (6pt,-3pt) -- (6pt,3pt);"
            r"\fill[black!70] (0pt,0pt) circle[radius=3pt];}\kern0.3em known only to the month or "
            r"year, or approximate}"
        )
    return (
        r"\par\nobreak\smallskip{\raggedright\footnotesize\noindent " + sep.join(items) + "\\par}\n"
    )

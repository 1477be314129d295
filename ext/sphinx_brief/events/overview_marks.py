"""What a mark of the timeline overview looks like: its tag's colour and shape.

Each declared tag (``brief_tags``, in its order) has a *key*, its number from 1 (0: an
event with no declared tag).  A key gives a colour and a shape (:func:`style_of`):

- the colour is one of eight, after Okabe and Ito's colour-blind-safe set, in two sets: the
  light one (the page, the ePub, the PDF) darkened where needed so that every mark stands
  out at least 3:1 from white (WCAG 2.2 1.4.11; Okabe–Ito's orange, sky blue and yellow
  do not), the dark one for furo's dark background (``#131416``).  The colour is the
  legend chips' (``brief-tag-N``, N cycling through the eight as
  :data:`~.collect.TAG_COLOURS` does);
- the shape is one of eight (circle, square, triangle, diamond, triangle down, plus, star,
  cross), so that the first eight tags differ by colour *and* by shape: colour alone does
  not separate eight colours for every reader (deuteranopia, protanopia, a grey print);
- from the ninth tag on, the shape moves on by one each round of eight colours and has a
  hole in its middle (the ninth: the first colour, a square with a hole): any two of 64
  tags differ in colour or shape, any two of 16 in shape or hole alone (what a grey print
  keeps).

The shapes are paths centred on the origin, about 14 CSS pixels across (9 pt in the PDF),
with the hole cut by the even-odd rule, so they need no background colour.
"""

from __future__ import annotations

import math
from typing import NamedTuple

#: Light colours: on white (the website's light scheme, the ePub, the PDF), each ≥ 3:1.
LIGHT = (
    "#0072b2",  # blue
    "#d55e00",  # vermillion
    "#009e73",  # bluish green
    "#b8609a",  # reddish purple, darkened
    "#9a5a00",  # orange, darkened to ochre
    "#5d3a9b",  # violet (Okabe–Ito's sky blue, darkened, is too close to its blue)
    "#7a8500",  # yellow, darkened to olive
    "#000000",  # black
)
#: Dark colours: the same hues on furo's dark background ``#131416``, each ≥ 3:1.
DARK = (
    "#56b4e9",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#a58bd6",
    "#f0e442",
    "#e3e3e3",
)
#: An event with no declared tag: grey, in either scheme.
NONE_LIGHT, NONE_DARK = "#6c757d", "#9aa3ab"
COLOURS = len(LIGHT)
SHAPE_NAMES = ("circle", "square", "triangle", "diamond", "triangle down", "plus", "star", "cross")
#: Radius of the hole of the ninth to sixteenth shapes, in CSS pixels.
HOLE = 2.6


class Style(NamedTuple):
    colour: int  # 1 … 8 (``brief-tag-N``), 0: no declared tag
    shape: int  # 0 … 7, an index of SHAPE_NAMES
    hole: bool


def style_of(key: int) -> Style:
    """The colour, shape and hole of the tag numbered ``key`` (1: the first declared)."""
    if key <= 0:
        return Style(0, 0, False)
    index = key - 1
    rounds = index // COLOURS
    return Style(index % COLOURS + 1, (index + rounds) % len(SHAPE_NAMES), rounds % 2 == 1)


def light(colour: int) -> str:
    return LIGHT[colour - 1] if colour else NONE_LIGHT


def dark(colour: int) -> str:
    return DARK[colour - 1] if colour else NONE_DARK


def describe(style: Style) -> str:
    """In words, for the PDF's and the ePub's text (never needed to read the drawing)."""
    return SHAPE_NAMES[style.shape] + (" with a hole" if style.hole else "")


# -- the shapes, as polygons (y downwards, CSS pixels) -------------------------------------
def _regular(
    points: int, outer: float, inner: float, turn: float = 0.0
) -> list[tuple[float, float]]:
    """A star (``inner`` < ``outer``) or a polygon (``inner`` = 0), a point upwards."""
    step = math.pi / points
    made = []
    for i in range(points * 2 if inner else points):
        radius = outer if (i % 2 == 0 or not inner) else inner
        angle = -math.pi / 2 + turn + i * (step if inner else 2 * step)
        made.append((radius * math.cos(angle), radius * math.sin(angle)))
    return made


def _plus(half: float, arm: float, turn: float = 0.0) -> list[tuple[float, float]]:
    a, h = arm / 2, half
    corners = [(-a, -h), (a, -h), (a, -a), (h, -a), (h, a), (a, a)]
    corners += [(a, h), (-a, h), (-a, a), (-h, a), (-h, -a), (-a, -a)]
    cos, sin = math.cos(turn), math.sin(turn)
    return [(x * cos - y * sin, x * sin + y * cos) for x, y in corners]


#: The polygons of the shapes (None: the circle, of radius :data:`RADIUS`).
RADIUS = 7.0
POLYGONS: tuple[list[tuple[float, float]] | None, ...] = (
    None,
    [(-6.3, -6.3), (6.3, -6.3), (6.3, 6.3), (-6.3, 6.3)],
    [(0.0, -8.6), (8.6, 6.2), (-8.6, 6.2)],
    [(0.0, -8.8), (8.8, 0.0), (0.0, 8.8), (-8.8, 0.0)],
    [(0.0, 8.6), (8.6, -6.2), (-8.6, -6.2)],
    _plus(8.2, 5.4),
    _regular(5, 9.4, 4.0),
    _plus(8.6, 5.4, math.pi / 4),
)


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_path(style: Style) -> str:
    """The ``d`` of the shape's path (its hole a second subpath: fill it even-odd)."""
    polygon = POLYGONS[style.shape]
    if polygon is None:
        r = _number(RADIUS)
        d = f"M-{r} 0a{r} {r} 0 1 0 {2 * RADIUS:g} 0a{r} {r} 0 1 0 -{2 * RADIUS:g} 0z"
    else:
        d = "M" + "L".join(f"{_number(x)} {_number(y)}" for x, y in polygon) + "z"
    if style.hole:
        h = _number(HOLE)
        d += f"M-{h} 0a{h} {h} 0 1 0 {_number(2 * HOLE)} 0a{h} {h} 0 1 0 -{_number(2 * HOLE)} 0z"
    return d


#: CSS pixels to TeX points in the PDF's drawing: a 14-pixel mark is 9 pt there.
PT = 0.66


def tikz_path(style: Style) -> str:
    """The shape as a TikZ path in points about the origin (y upwards, as TikZ's)."""
    polygon = POLYGONS[style.shape]
    if polygon is None:
        path = f"(0,0) circle[radius={RADIUS * PT:.2f}pt]"
    else:
        path = " -- ".join(f"({x * PT:.2f}pt,{-y * PT:.2f}pt)" for x, y in polygon) + " -- cycle"
    if style.hole:
        path += f" (0,0) circle[radius={HOLE * PT:.2f}pt]"
    return path

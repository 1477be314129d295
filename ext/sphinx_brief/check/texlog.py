"""What the LaTeX log says a reader of the PDF would miss: characters no font has, and
lines that stick out into the margin.

TeX does not stop for either: a character the font lacks is left out of the PDF ("Missing
character"), and a line it cannot break sticks out ("Overfull \\hbox (12.5pt too wide)").
Only boxes more than 1 pt too wide count: less cannot be seen.
"""

from __future__ import annotations

import re

from .brief import Brief
from .faults import Fault

_MISSING = re.compile(
    r"Missing character: There is no (?P<char>\S+?)(?: \((?P<code>U\+[0-9A-F]+)\))?"
    r" in font (?P<font>[^!\n]+)!?"
)
_OVERFULL = re.compile(
    r"Overfull \\[hv]box \((?P<pt>[\d.]+)pt too (?:wide|high)\) (?P<where>[^\n]*)"
)
#: TeX's notation of a font and of hidden material in a box's log line.
_TEX_NOISE = re.compile(r"\\[A-Z0-9]+/[^ ]+|\[\]|\$|\\[a-zA-Z@]+|[{}]")
#: Most that one fault is reported of each kind (the rest follow from the same cause).
_AT_MOST = 20


def missing_characters(brief: Brief, log: str) -> list[Fault]:
    """Each character a font of the PDF does not have, once, located in the sources."""
    faults: list[Fault] = []
    seen: set[str] = set()
    for match in _MISSING.finditer(log):
        char = match.group("char")
        if char in seen:
            continue
        seen.add(char)
        code = match.group("code") or (f"U+{ord(char):04X}" if len(char) == 1 else char)
        where = brief.locate_anywhere(char) if len(char) == 1 else None
        faults.append(
            Fault(
                where or brief.relative(brief.srcdir),
                "latexpdf",
                "missing-character",
                f"the PDF leaves out {char!r} ({code}): "
                f"font {match.group('font').strip()} has no such glyph",
            )
        )
    return faults[:_AT_MOST]


def overfull_boxes(brief: Brief, log: str, *, tolerance: float = 1.0) -> list[Fault]:
    """Each box more than ``tolerance`` points too wide (or high), with the words in it."""
    faults: list[Fault] = []
    lines = log.splitlines()
    for number, line in enumerate(lines):
        match = _OVERFULL.search(line)
        if match is None or float(match.group("pt")) <= tolerance:
            continue
        context = " ".join(lines[number + 1 : number + 3])
        words = " ".join(_TEX_NOISE.sub(" ", context).split())
        sample = max(
            re.findall(r"[^\W\d_][\w'’.,;:-]*(?: [^\W\d_][\w'’.,;:-]*){2,}", words) or [words],
            key=len,
        )
        where = brief.locate_anywhere(*_shorter(sample)) if sample else None
        faults.append(
            Fault(
                where or brief.relative(brief.srcdir),
                "latexpdf",
                "overfull",
                f"a line {match.group('pt')}pt too wide "
                f"{match.group('where').strip()}: {sample[:80]!r}",
            )
        )
    return faults[:_AT_MOST]


def _shorter(sample: str) -> list[str]:
    """The words of a log line, then shorter runs of them (TeX hyphenates and breaks)."""
    words = sample.split()
    runs = [sample]
    for size in (6, 4, 3):
        runs += [" ".join(words[i : i + size]) for i in range(0, max(1, len(words) - size + 1))]
    return runs

"""The quotation marks inside a title, paired: where a note's comma or full stop goes, and
which marks a short title cut inside a quotation must close.

American usage, which Chicago follows, puts a comma or full stop inside every closing
quotation mark it follows, single and double alike: “Iran’s ‘Grand Strategy,’” and not
“Iran’s ‘Grand Strategy’,”.  A title that ends with a quoted phrase therefore takes the
note's punctuation before the closing marks of that phrase.

Titles hold curly marks (‘…’, also after :func:`nest_quotes`) or straight ones
('…'), which Sphinx's SmartQuotes educates later; both are read here.  A right single
mark is also the apostrophe, so it closes a quotation only where one is open:

- ``‘`` and ``“`` always open; a straight ``'`` or ``"`` opens at the start of a word
  (after a space, an opening bracket, a dash or another opening mark) and not before a
  decade ("the '90s");
- a mark closes when it follows a non-space, is not followed by a letter or digit (the
  apostrophe of "Iran’s" is inside a word) and the innermost open quotation is one it
  closes; otherwise it is an apostrophe ("Kyodo News’", "the ’90s");
- an opening mark never closed is the author's (an elision such as "'Tis"): it is left as
  written, and never closed by a short title either.

A plural possessive just before the end of a quoted phrase ("‘The Boys’ Club’") reads as
the phrase's close, as it does to SmartQuotes; such titles are rare, and the marks are then
left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening marks and the mark that closes each (a straight mark closes itself).
_CLOSES = {"‘": "’", "“": "”", "'": "'", '"': '"'}
_CLOSERS = frozenset(_CLOSES.values())
#: What a straight opening mark may follow: the start, a space, a bracket, a dash, a mark.
_BEFORE_OPENING = "([{—–-/‘“'\""
#: A decade after an apostrophe ("the '90s", "'60s"): no quotation.
_DECADE = re.compile(r"\d\d(?:s|\b)")


@dataclass(frozen=True)
class Quotation:
    """A quotation inside a title: where its opening mark stands, where its closing mark
    stands (None if the title never closes it), and the mark that closes it."""

    opens: int
    closes: int | None
    closing: str


def _closes(text: str, i: int) -> bool:
    """Whether the mark at ``i`` may close a quotation: after a non-space, and not inside
    a word (the apostrophe of "Iran’s")."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return bool(before) and not before.isspace() and not after.isalnum()


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation: a curly opening mark always; a straight
    one at the start of a word, and not before a decade."""
    char = text[i]
    if char in "‘“":
        return True
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return (
        char in "'\""
        and (not before or before.isspace() or before in _BEFORE_OPENING)
        and bool(after)
        and not after.isspace()
        and not (char == "'" and _DECADE.match(text, i + 1))
    )


def quotations(text: str) -> list[Quotation]:
    """The quotations of ``text`` in the order they open, each with its closing mark."""
    found: list[Quotation] = []
    stack: list[int] = []  # indexes into ``found`` of the quotations still open
    for i, char in enumerate(text):
        innermost = found[stack[-1]] if stack else None
        if innermost is not None and innermost.closing == char and _closes(text, i):
            found[stack.pop()] = Quotation(innermost.opens, i, char)
        elif _opens(text, i):
            stack.append(len(found))
            found.append(Quotation(i, None, _CLOSES[char]))
    return found


def closing_run(text: str) -> int | None:
    """Where the closing marks that end ``text`` start, if it ends with the close of a
    quotation ("Iran’s ‘Grand Strategy’" → before "’"): a comma or full stop that follows
    the title goes there.  None if the text ends otherwise ("Kyodo News’" ends with an
    apostrophe)."""
    ends = {q.closes for q in quotations(text) if q.closes is not None}
    at = len(text)
    while at and at - 1 in ends:
        at -= 1
    return at if at < len(text) else None


def left_open(text: str, cut: int) -> str:
    """The marks that close, innermost first, the quotations that ``text[:cut]`` opens and
    the rest of ``text`` closes: what a title cut at ``cut`` must add to be balanced."""
    return "".join(
        q.closing
        for q in reversed(quotations(text))
        if q.opens < cut and q.closes is not None and q.closes >= cut
    )


def curly_first_quotation(latex: str) -> str:
    """A straight single quotation that opens the title made curly (“'Axis' Returns” →
    “‘Axis’ Returns”): set right after the note's curly opening mark, SmartQuotes would read
    its straight mark as a closing one (“’Axis”), which it reads well elsewhere."""
    start = len(latex) - len(latex.lstrip("{ "))
    if latex[start : start + 1] != "'":
        return latex
    first = quotations(latex)
    if not first or first[0].opens != start or first[0].closes is None:
        return latex
    end = first[0].closes
    return f"{latex[:start]}‘{latex[start + 1 : end]}’{latex[end + 1 :]}"


def nest_quotes(latex: str) -> str:
    """The title's quotations nested inside the note's double marks: those the title opens
    first set in single marks, those inside them in double, and so on, whichever marks
    the author typed ("“A ‘b’ c”" → “‘A “b” c’”); a straight single quotation that opens
    the title made curly (“‘Axis’ Returns”).  A double mark that pairs with none is set
    single; a single one that pairs with none is an apostrophe, and stays."""
    latex = latex.replace("``", "“").replace("''", "”")
    chars = list(latex)
    open_until: list[int] = []  # where each enclosing quotation closes
    paired: set[int] = set()
    for quotation in quotations(latex):
        while open_until and open_until[-1] < quotation.opens:
            open_until.pop()
        if quotation.closes is None:
            continue
        inner = len(open_until) % 2 == 1  # inside a quotation of the title: double again
        if inner:
            chars[quotation.opens], chars[quotation.closes] = "“", "”"
        elif latex[quotation.opens] not in "'‘":  # single marks stay as typed
            chars[quotation.opens], chars[quotation.closes] = "‘", "’"
        open_until.append(quotation.closes)
        paired.update((quotation.opens, quotation.closes))
    unpaired = {"“": "‘", "”": "’"}
    out, opening = [], True
    for i, char in enumerate(chars):
        if i in paired:
            out.append(char)
        elif char == '"':  # a straight double mark left unpaired
            out.append("‘" if opening else "’")
            opening = not opening
        elif char in unpaired:
            out.append(unpaired[char])
        else:
            out.append(char)
    return curly_first_quotation("".join(out))

"""Sentences: where one ends (abbreviations and initials do not end one), and the check
that each source line of the brief holds at most one.

One sentence per line makes a reviewer's comment land on one sentence, and a changed
sentence a changed line.  ``python -m tools.review.sentences FILE...`` (the pre-commit
hook) prints ``file:line: ...`` for each line of MyST prose that holds more than one
sentence, and exits 1 if there is one.  Code blocks, directive options, tables, comments
and front matter are not prose and are not checked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Words written with a full stop that do not end a sentence (compared without case).
_WORDS = (
    "mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep pres st jr sr rev hon "
    "ed eds dept univ corp inc ltd co bros vs cf al approx ca est mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
ABBREVIATIONS = frozenset(_WORDS.split())
#: Abbreviations only before a number ("No. 5", "p. 12"); "No." elsewhere ends a sentence.
NUMBERED = frozenset(["no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "ch", "sec", "art"])
# A sentence ends at . ! ? (with any closing quotes or brackets after it), then space,
# then what can start a sentence: a capital, a digit, an opening quote or bracket.
_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")
_INITIALS = re.compile(r"(?:^|[\s(\"“‘])(?:[A-Za-z]\.)+$")  # U.S. / J. / e.g.


def _is_abbreviation(before: str, after: str) -> bool:
    """True if the text before a full stop ends with an abbreviation or initials."""
    if _INITIALS.search(before + "."):
        return True
    found = re.search(r"([A-Za-z]+)$", before)
    word = found.group(1).lower() if found else ""
    return word in ABBREVIATIONS or (word in NUMBERED and after.lstrip()[:1].isdigit())


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end inside ``text`` (not its last one)."""
    ends: list[int] = []
    for match in _END.finditer(text):
        stop = match.start()
        if text[stop] == "." and _is_abbreviation(text[:stop], text[match.end() :]):
            continue
        ends.append(match.end())
    return ends


def split_sentences(text: str) -> list[str]:
    """``text`` cut into its sentences (whitespace kept with the sentence before it)."""
    pieces, start = [], 0
    for end in sentence_ends(text):
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
_NOT_PROSE = re.compile(r"^\s*(?::[\w-]+:(?:\s|$)|%|\||<|\.\. |\{[\w.-]+\}`|\$\$)")
_CODE = ("code", "math", "literalinclude", "eval-rst", "raw", "csv-table", "mermaid")
_MARKUP = re.compile(r"\{[\w:.-]+\}`[^`]*`|`[^`]*`|\]\([^)]*\)|https?://\S+")


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a MyST page that are prose, with their numbers (from 1).

    Directive bodies (``:::{name}`` or a backtick fence with ``{name}``) are prose; code
    (a fence without a directive, or ``{code-block}``, ``{code}``, ``{math}``...) is not.
    """
    code: str | None = None  # the fence that closes the code block we are in
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    for number, line in enumerate(lines[start:], start + 1):
        opening = _FENCE.match(line)
        if code is not None:
            if opening and line.strip() == opening.group(1) and opening.group(1).startswith(code):
                code = None
            continue
        if opening:
            fence, rest = opening.group(1), line.strip()[len(opening.group(1)) :].strip()
            name = rest[1:].split("}")[0] if rest.startswith("{") else None
            if fence[0] != ":" and (name is None or name.startswith(_CODE)):
                code = fence
            continue
        if not line.strip() or _NOT_PROSE.match(line) or line.lstrip().startswith("#"):
            continue
        yield number, line


def check_text(text: str) -> list[tuple[int, int]]:
    """(line number, sentences) for each prose line that holds more than one sentence."""
    problems = []
    for number, line in prose_lines(text):
        plain = _MARKUP.sub("x", line)
        count = len(split_sentences(plain))
        if count > 1:
            problems.append((number, count))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    paths = list(sys.argv[1:] if argv is None else argv)
    failed = False
    for name in paths:
        text = Path(name).read_text(encoding="utf-8")
        for number, count in check_text(text):
            failed = True
            print(f"{name}:{number}: {count} sentences on one line; put each on its own line")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

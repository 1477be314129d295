"""Markdown for the report: escaped text, code spans, fences and tables.

Everything the report shows of a brief is text a pull request wrote (its pages, refs.bib,
records, warnings), posted as a comment in the bot's name.  So every piece of it is text to
GitHub, never markup: Markdown's and HTML's special characters are escaped, a run of lines
is one line (no new block can begin inside a piece), ``@name`` mentions no one and ``#12``,
``GH-12`` and ``owner/repo#12`` refer to nothing (an invisible word joiner, U+2060, follows
the ``@``, the ``#`` and the ``GH-``, which GitHub's autolinking needs directly before the
name or number), and a web address is a code span, not a link.  Control and bidirectional
formatting characters are dropped (they could make text read otherwise than it is).
Code spans and fences show their text as it is: GitHub makes no mention or link in them.

This module and :mod:`.render` use the standard library only: the comment job runs them
with the runner's Python, nothing installed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence

#: Invisible, and no word boundary: what keeps ``@`` and ``#`` from being references.
WORD_JOINER = "\u2060"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"|`]+[^\s<>\"|`.,;:!?)\]”’]", re.I)
#: ``@name``, ``#12``, ``GH-12``: what GitHub would turn into a mention or a reference.
_REFERENCE = re.compile(r"(@)(?=[\w-])|(#)(?=\d)|(\bGH-)(?=\d)", re.I)
#: Bidirectional formatting characters (they reorder what is shown).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean(text: str) -> str:
    """Text without control or bidirectional formatting characters; tabs are spaces."""
    return "".join(
        " " if char == "\t" else char
        for char in text
        if char in "\n\t" or (char not in _BIDI and unicodedata.category(char) not in ("Cc", "Cs"))
    )


def _escape(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _REFERENCE.sub(lambda m: m.group(0) + WORD_JOINER, escaped)


def md_text(text: str) -> str:
    """Plain text as Markdown on one line: special characters escaped, mentions and issue
    references defused, web addresses as code spans."""
    flat = " ".join(clean(text).split()) if "\n" in text else clean(text)
    out: list[str] = []
    position = 0
    for match in _URL.finditer(flat):
        out.append(_escape(flat[position : match.start()]))
        out.append(md_code(match.group(0)))
        position = match.end()
    out.append(_escape(flat[position:]))
    return "".join(out)


class Markdown(str):
    """Text that is Markdown already: written as it is."""


def md_cell(value: object) -> str:
    """A table cell: escaped text on one line (``|`` escaped, newlines as ``<br>``)."""
    if isinstance(value, Markdown):
        return str(value)
    text = _display(value)
    return "<br>".join(md_text(line) for line in text.splitlines()) if text else ""


def md_code(text: str, *, in_table: bool = False) -> str:
    """An inline code span of one line that survives any backticks in ``text``."""
    text = " ".join(clean(text).split()) if "\n" in text else clean(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{ticks}{pad}{text}{pad}{ticks}"
    return span.replace("|", "\\|") if in_table else span


def md_fence(body: str, info: str = "") -> str:
    """A fenced code block longer than any backtick fence inside ``body``."""
    body = clean(body)
    longest = max((len(run) for run in re.findall(r"`{3,}", body)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{info}\n{body.rstrip(chr(10))}\n{fence}"


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_display(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"

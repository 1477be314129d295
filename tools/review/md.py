"""Markdown for the report: escaped text, code spans, fences and tables."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_URL = re.compile(r"https?://[^\s<>\"|`]+[^\s<>\"|`.,;:!?)\]”’]")


def md_text(text: str) -> str:
    """Plain text as Markdown: special characters escaped, web addresses as autolinks."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        out.append(_MD_SPECIAL.sub(r"\\\1", text[position : match.start()]))
        out.append(f"<{match.group(0)}>")
        position = match.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", text[position:]))
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
    """An inline code span that survives any backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{ticks}{pad}{text}{pad}{ticks}"
    return span.replace("|", "\\|") if in_table else span


def md_fence(body: str, info: str = "") -> str:
    """A fenced code block longer than any backtick fence inside ``body``."""
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

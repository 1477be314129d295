"""REFERENCE.md's table of entry types: each example of :mod:`.entry_types` in the four
forms the note style gives it (full note, short note, the short citation of collected
lists, the Sources page).

``python -m sphinx_brief.citations.examples`` prints the table; ``tests/test_entry_types.py``
checks that REFERENCE holds exactly it, so the table always says what the code does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from pybtex.database import parse_string
from pybtex.richtext import Text

from .bibentry import compose_entry
from .compose import Cited, compose_note
from .entry_types import EXAMPLES
from .settings import NoteSettings
from .short import short_citation
from .style import BriefStyle


def _markdown(text: Text) -> str:
    """The text as REFERENCE writes it: italics between asterisks, an address as text."""
    rendered = str(text.render_as("html"))
    rendered = re.sub(r"</?em>", "*", rendered)
    rendered = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", rendered)
    rendered = re.sub(r"</?span[^>]*>", "", rendered)  # BibTeX's protected capitals
    return html.unescape(rendered).replace("|", "\\|")


def rows() -> Iterator[tuple[str, str, str, str, str, str]]:
    """Each example: kind, fields, full note, short note, collected lists, Sources page."""
    style = BriefStyle(settings=NoteSettings(cache=False, archive_links=False))
    for example in EXAMPLES:
        entry = parse_string(example.bibtex, "bibtex").entries["a"]
        parts = style.note_parts(entry, [])
        fields = ", ".join(
            f"`{name}`" for name in [entry.type, *entry.persons, *entry.fields] if name
        )
        collected = "".join(
            f"*{node.astext()}*" if node.tagname == "emphasis" else node.astext()
            for node in short_citation(entry, "en", titled=False)
        )
        yield (
            example.kind,
            fields.replace(f"`{entry.type}`", f"`@{entry.type}`", 1),
            _markdown(compose_note([Cited(parts)])),
            _markdown(compose_note([Cited(parts, form="short")])),
            collected.replace("|", "\\|"),
            _markdown(compose_entry(parts)),
        )


def reference_table() -> str:
    """REFERENCE.md's table of entry types, as the code sets each example."""
    lines = [
        "| kind | entry | full note | short note | collected lists | Sources page |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(reference_table(), end="")

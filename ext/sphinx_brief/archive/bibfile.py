"""A bib file's entries as pybtex's grammar reads them, with where each lies in the text;
fields added to an entry by inserting text, every other byte of the file left as it is.

pybtex's ``LowLevelParser`` (the grammar sphinxcontrib-bibtex's reading runs) finds the
entries: ``@type{key, …}`` and ``@type(key, …)``, braces and quoted strings, ``@string``
macros, ``@comment`` and the text between entries.  Where a command starts and where its
closing brace or parenthesis ends is the span edited, so what is edited is exactly what the
build reads.  An entry the grammar cannot read (an unbalanced brace, a missing comma) is
left alone with the error as the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

#: Commands that are no entries (``@comment`` the grammar skips itself).
_NOT_ENTRIES = {"string", "preamble"}


@dataclass(frozen=True)
class BibEntry:
    """One entry: its key and type as written, its fields (names in lower case, values as
    pybtex flattens them: macros expanded, whitespace normalised), where it lies in the
    text (``start`` at its ``@``, ``end`` just after its closing delimiter) and, if the
    grammar could not read it, why."""

    key: str
    type: str
    start: int
    end: int
    fields: dict[str, str]
    names: tuple[str, ...]
    line: int
    problem: str | None = None

    def moved(self, offset: int) -> BibEntry:
        """The same entry, its text ``offset`` characters further on."""
        return BibEntry(
            self.key,
            self.type,
            self.start + offset,
            self.end + offset,
            self.fields,
            self.names,
            self.line,
            self.problem,
        )


class EditError(ValueError):
    """The fields could not be inserted (the text is not the entry it was)."""


@dataclass
class BibText:
    """A bib file's text read: its entries in file order, and the ``@string`` macros the
    file defines (to read an edited entry again)."""

    entries: list[BibEntry]
    macros: Any


def _grammar(text: str, filename: str, macros: Any) -> tuple[Any, list[PybtexSyntaxError]]:
    errors: list[PybtexSyntaxError] = []
    grammar = LowLevelParser(text, macros=macros, filename=filename, handle_error=errors.append)
    return grammar, errors


def read(text: str, filename: str = "") -> BibText:
    """The entries of a bib file's text."""
    macros = CaseInsensitiveDict(month_names)
    grammar, errors = _grammar(text, filename, macros)
    entries: list[BibEntry] = []
    # lines counted from one entry to the next, once over the file
    line, counted = 1, 0
    for command, body in grammar:
        start, end = grammar.command_start, grammar.pos
        if command.lower() in _NOT_ENTRIES:
            continue
        key, parsed = body
        if key is None:
            continue
        fields: dict[str, str] = {}
        names: list[str] = []
        for name, parts in parsed:
            names.append(name)
            # the first of a repeated field counts, as in pybtex's reading
            fields.setdefault(name.lower(), normalize_whitespace("".join(parts)))
        # an error raised inside this command names the command's start (the errors
        # so far are this command's, or those of commands before it that yielded nothing)
        own = [e for e in errors if e.error_context_info[0] == start]
        errors.clear()
        problem = str(own[0]) if own else None
        if problem is None and text[end - 1 : end] not in ("}", ")"):
            problem = "its end was not found"
        line += text.count("\n", counted, start)
        counted = start
        entries.append(BibEntry(key, command, start, end, fields, tuple(names), line, problem))
    return BibText(entries, macros)


#: A field at the start of a line: its indentation, name, and the spaces around ``=``.
_FIELD_LINE = r"(?m)^([ \t]*)({names})([ \t]*)=([ \t]*)"
#: A field anywhere (an entry on one line).
_FIELD = r"(?<![^\s,{{(])({names})([ \t]*)=([ \t]*)"


@dataclass(frozen=True)
class _Style:
    indent: str
    before: str
    after: str
    column: int | None  # the column of the aligned "=", if the entry aligns them

    def field(self, name: str, value: str) -> str:
        before = self.before
        if self.column is not None:
            width = self.column - len(self.indent) - len(name)
            before = " " * width if width > 0 else (" " if self.before else "")
        return f"{self.indent}{name}{before}={self.after}{{{value}}}"


def _most_common(values: Sequence[str], default: str) -> str:
    return Counter(values).most_common(1)[0][0] if values else default


def _style(body: str, names: Sequence[str], multiline: bool) -> _Style:
    """How the entry writes its fields: the indentation and the spaces around ``=`` most
    of its fields have; a column when every field's ``=`` stands in one column though
    their names differ in length."""
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    if not alternatives:
        return _Style("  " if multiline else "", " ", " ", None)
    if multiline:
        # the lines after the entry's first (which may hold its key and a field)
        found = re.findall(_FIELD_LINE.format(names=alternatives), body[body.find("\n") + 1 :])
        if found:
            columns = {len(indent) + len(name) + len(before) for indent, name, before, _ in found}
            befores = [before for _, _, before, _ in found]
            aligned = len(found) > 1 and len(columns) == 1 and len(set(befores)) > 1
            return _Style(
                _most_common([indent for indent, _, _, _ in found], "  "),
                _most_common(befores, " "),
                _most_common([after for _, _, _, after in found], " "),
                columns.pop() if aligned else None,
            )
    inline = re.findall(_FIELD.format(names=alternatives), body)
    return _Style(
        "",
        _most_common([before for _, before, _ in inline], " "),
        _most_common([after for _, _, after in inline], " "),
        None,
    )


def insertion(text: str, entry: BibEntry, fields: Sequence[tuple[str, str]]) -> tuple[int, str]:
    """Where the new ``fields`` go in ``text`` and the text inserted there: after the
    entry's last field (and its comma, if it has one), each on a line of its own indented
    like the entry's fields, or on the same line for an entry written on one line."""
    close = entry.end - 1
    if text[entry.start : entry.start + 1] != "@" or text[close : close + 1] not in ("}", ")"):
        raise EditError(f"{entry.key}: the entry is no longer where it was read")
    at = close
    while at > entry.start and text[at - 1].isspace():
        at -= 1
    comma = text[at - 1] == ","
    head = text.find(",", entry.start, close)
    if head < 0:
        raise EditError(f"{entry.key}: the entry has no field")
    body = text[head + 1 : close]
    multiline = "\n" in text[head:at]
    newline = "\r\n" if "\r\n" in text[entry.start : entry.end] else "\n"
    style = _style(body, entry.names, multiline)
    written = [style.field(name, value) for name, value in fields]
    if multiline:
        added = ("" if comma else ",") + newline + ("," + newline).join(written)
    else:
        added = ("" if comma else ",") + " " + ", ".join(written)
    return at, added + ("," if comma else "")


def insert(
    text: str, entry: BibEntry, fields: Sequence[tuple[str, str]], macros: Any = None
) -> str:
    """``text`` with ``fields`` added to ``entry``; the entry is read again by the
    grammar to make sure it holds exactly its fields and the new ones."""
    at, added = insertion(text, entry, fields)
    changed = text[:at] + added + text[at:]
    edited = changed[entry.start : entry.end + len(added)]
    grammar, errors = _grammar(
        edited, "", CaseInsensitiveDict(macros if macros is not None else month_names)
    )
    read_again = [body for command, body in grammar if command.lower() not in _NOT_ENTRIES]
    expected = [*(n.lower() for n in entry.names), *(name.lower() for name, _ in fields)]
    if (
        errors
        or len(read_again) != 1
        or read_again[0][0] != entry.key
        or [name.lower() for name, _ in read_again[0][1]] != expected
        or any(
            "".join(parts) != value
            for (_, parts), (_, value) in zip(read_again[0][1][-len(fields) :], fields, strict=True)
        )
    ):
        raise EditError(f"{entry.key}: the entry would not read back as written; left alone")
    return changed

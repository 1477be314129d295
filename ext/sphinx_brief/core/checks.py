"""Checks the directives share: options read as plain text, and directives out of place.

Every problem is a warning of type ``brief`` that names the file and the line (the option's
own line where it has one), and the directive goes on with what it could read:

- an option value is text: control characters (and U+FFFD, which stands for a NUL or an
  unreadable byte of the source) are removed, white space collapses, and a value made only
  of invisible characters (spaces, direction marks, joiners) counts as empty;
- an option given but left empty (``:date:`` with nothing after it) is reported, since the
  author meant to give it;
- an option given twice is reported (MyST keeps the last one without a word; reST refuses
  the directive itself);
- a directive in the body of another where it cannot work (a timeline in a quote, a quote in
  an event …) is reported and left out: the outer directive says, while its body is parsed,
  that it encloses it (:func:`enclosing`), and the inner one asks (:func:`misplaced`);
- a note in the body of a directive that cannot keep it (an event's): the outer directive
  gives its rule (:class:`BodyNotes`) with :func:`enclosing`, and the ``{note}`` role asks
  (:func:`body_note_rule`), so that the warning names the role's own line and a note that
  is left out is never made (no number used up, no empty note).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .logs import warn

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; U+FFFD
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# "key" of an option line: ":key: value" (MyST and reST) or "key: value" (a MyST --- block)
_OPTION = re.compile(r"^\s*:?([A-Za-z][\w-]*):(?:\s|$)")


def is_invisible(text: str) -> bool:
    """True if ``text`` shows nothing: white space and format characters only (Cf)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def option_lines(directive: SphinxDirective) -> list[tuple[str, int]]:
    """The ``(key, line)`` of every option line of the directive, in order, repeats too."""
    lines = directive.block_text.splitlines()[1:]
    found: list[tuple[str, int]] = []
    yaml_block = bool(lines) and lines[0].strip() == "---"
    for offset, line in enumerate(lines[1:] if yaml_block else lines, start=2 if yaml_block else 1):
        if yaml_block and line.strip() == "---":
            break
        stripped = line.strip()
        if not yaml_block and (not stripped.startswith(":") or stripped.startswith(":::")):
            break  # the options end where the body starts
        match = _OPTION.match(line)
        if match is not None:
            found.append((match.group(1), directive.lineno + offset))
    return found


def location(directive: SphinxDirective, key: str | None = None) -> str:
    """``file:line`` of the directive, or of the (last) line that gives option ``key``."""
    source, line = directive.get_source_info()
    if key is not None:
        lines = [number for name, number in option_lines(directive) if name == key]
        if lines:
            line = lines[-1]
    return f"{source}:{line}"


def option_text(directive: SphinxDirective, key: str, what: str) -> str:
    """The value of an option as one line of plain text ("" if not given or invisible)."""
    value = directive.options.get(key)
    if value is None:
        return ""
    text = str(value)
    bad = sorted(set(_CONTROL.findall(text)))
    if bad:
        names = ", ".join(f"U+{ord(char):04X}" for char in bad)
        warn(
            "control-character",
            f"{what}: the :{key}: option holds control or replacement characters "
            f"({names}); they are removed",
            location=location(directive, key),
        )
        text = _CONTROL.sub("", text)
    text = " ".join(text.split())
    return "" if is_invisible(text) else text


def check_options(directive: SphinxDirective, what: str, may_not_be_empty: Iterable[str]) -> None:
    """Report options given twice, and options of ``may_not_be_empty`` given without value."""
    seen: dict[str, int] = {}
    for key, line in option_lines(directive):
        if key in seen:
            warn(
                "repeated-option",
                f"{what}: the :{key}: option is given twice (lines {seen[key]} and {line}); "
                "the last one is used",
                location=f"{directive.get_source_info()[0]}:{line}",
            )
        seen.setdefault(key, line)
    for key in may_not_be_empty:
        if key in directive.options and is_invisible(str(directive.options[key] or "")):
            warn(
                "empty-option",
                f"{what}: the :{key}: option is empty (give a value, or leave the option out)",
                location=location(directive, key),
            )


#: The directives of the extension whose body is being parsed, innermost last.
_ENCLOSING = "brief_enclosing"
#: The rules for notes of the bodies being parsed (:class:`BodyNotes`), innermost last.
_BODY_NOTES = "brief_body_notes"


@dataclass(frozen=True)
class BodyNotes:
    """What becomes of a note in the body of a directive that has no place for it.

    The ``{note}`` role warns with ``message`` (code ``body-note``) at its own line, and
    makes nothing unless ``kept`` (a note is kept where the body is shown on its page).
    """

    message: str
    kept: bool


@contextmanager
def enclosing(
    directive: SphinxDirective, name: str, notes: BodyNotes | None = None
) -> Iterator[None]:
    """While the body of ``directive`` (called ``name``: "a quote") is parsed; ``notes``,
    if given, is the rule for the notes in it."""
    document = directive.env.current_document
    stack = document.get(_ENCLOSING)
    if not isinstance(stack, list):
        stack = document[_ENCLOSING] = []
    rules = document.get(_BODY_NOTES)
    if not isinstance(rules, list):
        rules = document[_BODY_NOTES] = []
    stack.append(name)
    if notes is not None:
        rules.append(notes)
    try:
        yield
    finally:
        stack.pop()
        if notes is not None:
            rules.pop()


def enclosed_by(directive: SphinxDirective) -> str | None:
    """The name of the directive whose body holds ``directive`` ("a timeline"), or None."""
    stack = directive.env.current_document.get(_ENCLOSING) or []
    return str(stack[-1]) if stack else None


def body_note_rule(env: BuildEnvironment) -> BodyNotes | None:
    """The rule for a note in the body being parsed, or None where notes are at home."""
    rules = env.current_document.get(_BODY_NOTES) or []
    rule = rules[-1] if rules else None
    return rule if isinstance(rule, BodyNotes) else None


def misplaced(directive: SphinxDirective, name: str, allowed_in: Collection[str] = ()) -> bool:
    """True, and a warning, if the directive stands in the body of one it cannot stand in.

    The directive then makes nothing at all (no node, no note, no record, no label), so that
    nothing half-made is left behind: a quote in an event's body, a timeline in a quote …
    """
    stack = directive.env.current_document.get(_ENCLOSING) or []
    if not stack or stack[-1] in allowed_in:
        return False
    warn(
        "nesting",
        f"{name} cannot stand inside {stack[-1]}; it is left out",
        location=location(directive),
    )
    return True

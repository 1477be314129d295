"""Paragraphs compared by content, word by word (not by how a builder wraps them).

Each side's probe reads its pages' paragraphs from the doctrees, notes as single tokens
(``\\x00label\\x00content\\x00``): a note is the same note when its content is, whatever its
number, so a note added early in a page does not make every later paragraph "changed".
Paragraphs of a page are aligned with :class:`difflib.SequenceMatcher`; within a changed
stretch each new paragraph is paired with the most similar old one, in order.  A changed
paragraph is shown as the sentences that hold a change, ~~removed~~ **added** words marked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .md import md_text
from .sentences import _is_abbreviation

#: How alike two paragraphs must be (difflib ratio of their words) to be one, changed.
SIMILAR = 0.5
_CLOSING = "\"'”’)]"


@dataclass
class Paragraph:
    text: str
    section: str = ""
    line: int = 0
    notes: list[str] = field(default_factory=list)
    covered: bool = False
    explained: str | None = None

    @property
    def tokens(self) -> list[str]:
        return self.text.split()

    @property
    def keys(self) -> list[str]:
        return [token_key(t) for t in self.tokens]


def paragraphs_of(page: Mapping[str, Any]) -> list[Paragraph]:
    out = []
    for item in page.get("paragraphs", []):
        out.append(
            Paragraph(
                text=str(item.get("text", "")),
                section=str(item.get("section", "")),
                line=int(item.get("line") or 0),
                notes=[str(n) for n in item.get("notes", [])],
                covered=bool(item.get("covered")),
                explained=item.get("explained"),
            )
        )
    return out


def token_key(token: str) -> str:
    """What a token is compared by: a note by its content, a word as it is."""
    if token.startswith("\x00"):
        return "\x00" + token.split("\x00")[2]
    return token


def token_text(token: str) -> str:
    """A token as a reader sees it: a note as its marker, ``[label]``."""
    if token.startswith("\x00"):
        return f"[{token.split(chr(0))[1]}]"
    return token


def plain(paragraph: Paragraph) -> str:
    return " ".join(token_text(t) for t in paragraph.tokens)


@dataclass
class ParagraphChanges:
    changed: list[tuple[Paragraph, Paragraph]] = field(default_factory=list)
    added: list[Paragraph] = field(default_factory=list)
    removed: list[Paragraph] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def similarity(a: Paragraph, b: Paragraph) -> float:
    return difflib.SequenceMatcher(None, a.keys, b.keys, autojunk=False).ratio()


def compare_paragraphs(base: Sequence[Paragraph], head: Sequence[Paragraph]) -> ParagraphChanges:
    changes = ParagraphChanges()
    matcher = difflib.SequenceMatcher(
        None, [" ".join(p.keys) for p in base], [" ".join(p.keys) for p in head], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = list(base[i1:i2]), list(head[j1:j2])
        last = -1
        paired: set[int] = set()
        for after in new:
            scored = [
                (similarity(before, after), index)
                for index, before in enumerate(old)
                if index > last and index not in paired
            ]
            best = max(scored, default=(0.0, -1))
            if best[0] >= SIMILAR:
                last = best[1]
                paired.add(best[1])
                changes.changed.append((old[best[1]], after))
            else:
                changes.added.append(after)
        changes.removed += [p for index, p in enumerate(old) if index not in paired]
    return changes


def _is_note(token: str) -> bool:
    return token.startswith("\x00")


def _ends_sentence(tokens: Sequence[str], index: int) -> bool:
    """True if a sentence ends after ``tokens[index]`` (its notes go with it)."""
    if index + 1 < len(tokens) and _is_note(tokens[index + 1]):
        return False  # the sentence ends after its notes
    position = index
    while position >= 0 and _is_note(tokens[position]):
        position -= 1
    if position < 0:
        return False
    word = token_text(tokens[position]).rstrip(_CLOSING)
    if not word or word[-1] not in ".!?…":
        return False
    following = token_text(tokens[index + 1]) if index + 1 < len(tokens) else ""
    if word.endswith(".") and _is_abbreviation(word[:-1], following):
        return False
    return not following or bool(re.match(r"[\"'“‘(\[]*[A-Z0-9]", following))


def _words(tokens: Sequence[str]) -> str:
    return md_text(" ".join(token_text(t) for t in tokens))


def word_diff(before: Paragraph, after: Paragraph) -> str:
    """The sentences of ``after`` that hold a change, with ~~removed~~ **added** words."""
    old, new = before.tokens, after.tokens
    matcher = difflib.SequenceMatcher(None, before.keys, after.keys, autojunk=False)
    # (markdown, changed, ends a sentence) per item; an item is a word or a change
    items: list[tuple[str, bool, bool]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for j in range(j1, j2):
                items.append((_words([new[j]]), False, _ends_sentence(new, j)))
            continue
        parts = []
        same_label = [token_text(t) for t in old[i1:i2]] == [token_text(t) for t in new[j1:j2]]
        if same_label and all(_is_note(t) for t in new[j1:j2]):
            # the same marker, another content: the note's source changed
            note = f"{_words(new[j1:j2])} *(note changed)*"
            items.append((note, True, _ends_sentence(new, j2 - 1)))
            continue
        if i2 > i1:
            parts.append(f"~~{_words(old[i1:i2])}~~")
        if j2 > j1:
            parts.append(f"**{_words(new[j1:j2])}**")
        ends = _ends_sentence(new, j2 - 1) if j2 > j1 else _ends_sentence(old, i2 - 1)
        items.append((" ".join(parts), True, ends))
    sentences: list[list[tuple[str, bool, bool]]] = [[]]
    for item in items:
        sentences[-1].append(item)
        if item[2]:
            sentences.append([])
    sentences = [s for s in sentences if s]
    shown: list[str] = []
    previous = -2
    for index, sentence in enumerate(sentences):
        if not any(changed for _md, changed, _end in sentence):
            continue
        if shown and index != previous + 1:
            shown.append("…")
        shown.append(" ".join(md for md, _changed, _end in sentence))
        previous = index
    if not shown:
        return ""
    first = next(i for i, s in enumerate(sentences) if any(c for _m, c, _e in s))
    text = " ".join(shown)
    if first > 0:
        text = "… " + text
    if previous < len(sentences) - 1:
        text += " …"
    return text


def excerpt(paragraph: Paragraph, limit: int = 300) -> str:
    text = plain(paragraph)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return md_text(text)

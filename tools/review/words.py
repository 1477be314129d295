"""Paragraphs compared by content, word by word (not by how a builder wraps them).

Each side's probe reads its pages' paragraphs from the doctrees, notes as single tokens
(``\\x00label\\x00content\\x00``): a note is the same note when its content is, whatever its
number, so a note added early in a page does not make every later paragraph "changed".
Paragraphs of a page are aligned with :class:`difflib.SequenceMatcher`; within a changed
stretch each new paragraph is paired with the most similar old one, in order.  A changed
paragraph is shown as the sentences that hold a change, ~~removed~~ **added** words marked
(:func:`word_segments` says which, as text; :mod:`.render` writes the Markdown).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
        return tokenize(self.text)

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


_PIECE = re.compile(r"\x00[^\x00]*\x00[^\x00]*\x00|[^\x00]+")
_PUNCTUATION = re.compile(r"^([“‘\"'(\[]*)(.*?)([,.;:!?…\"'”’)\]]*)$", re.S)
GLUE = "\x02"  # a token that follows the one before it without a space


def tokenize(text: str) -> list[str]:
    """Words, notes and the punctuation around words, as tokens.

    Punctuation is a token of its own, so "Kim," → "Kim Yong-Nam," is one added word, not a
    changed one; a token written right after the one before it starts with :data:`GLUE`.
    """
    tokens: list[str] = []
    for chunk in text.split():
        pieces: list[str] = []
        for piece in _PIECE.findall(chunk):
            match = _PUNCTUATION.match(piece)
            if piece.startswith("\x00") or match is None or not match.group(2):
                pieces.append(piece)
            else:
                pieces += [part for part in match.groups() if part]
        tokens += [piece if i == 0 else GLUE + piece for i, piece in enumerate(pieces)]
    return tokens


def _bare(token: str) -> str:
    return token[1:] if token.startswith(GLUE) else token


def token_key(token: str) -> str:
    """What a token is compared by: a note by its content, a word as it is."""
    token = _bare(token)
    if token.startswith("\x00"):
        return "\x00" + token.split("\x00")[2]
    return token


def token_text(token: str) -> str:
    """A token as a reader sees it: a note as its marker, ``[label]``."""
    token = _bare(token)
    if token.startswith("\x00"):
        return "[" + token.split("\x00")[1].replace("\x01", " ") + "]"
    return token


def join(tokens: Sequence[str]) -> str:
    """Tokens as text: a space between them, except before a glued one."""
    out = ""
    for index, token in enumerate(tokens):
        if index and not token.startswith(GLUE):
            out += " "
        out += token_text(token)
    return out


def plain(paragraph: Paragraph) -> str:
    return join(paragraph.tokens)


def is_word(token: str) -> bool:
    """A token that is a word (not a note, not punctuation)."""
    return not _is_note(token) and any(c.isalnum() for c in token_text(token))


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
    return _bare(token).startswith("\x00")


def _ends_sentence(tokens: Sequence[str], index: int) -> bool:
    """True if a sentence ends after ``tokens[index]`` (its notes and quotes go with it)."""
    if index + 1 < len(tokens) and tokens[index + 1].startswith(GLUE):
        return False  # the word goes on: punctuation or a note follows
    start = index
    while start > 0 and tokens[start].startswith(GLUE):
        start -= 1
    word = "".join(token_text(t) for t in tokens[start : index + 1] if not _is_note(t))
    word = word.rstrip(_CLOSING)
    if not word or word[-1] not in ".!?…":
        return False
    following = join(tokens[index + 1 : index + 3]) if index + 1 < len(tokens) else ""
    if word.endswith(".") and _is_abbreviation(word[:-1], following):
        return False
    return not following or bool(re.match(r"[\"'“‘(\[]*[A-Z0-9]", following))


#: One piece of a changed paragraph as the report shows it: ``[kind, text]``, kind one of
#: "text" (unchanged words, and the spaces between pieces), "removed", "added", "note"
#: (a note whose source changed, shown by its marker) and "gap" (sentences left out).
Segment = list[str]


def word_segments(before: Paragraph, after: Paragraph) -> list[Segment]:
    """The sentences of ``after`` that hold a change, as :data:`Segment` pieces (text, not
    Markdown: the report escapes them, :func:`.render.render_segments`)."""
    old, new = before.tokens, after.tokens
    matcher = difflib.SequenceMatcher(None, before.keys, after.keys, autojunk=False)
    # (pieces, changed, ends a sentence, glued to the item before) per item; an item is
    # a token or a change
    items: list[tuple[list[Segment], bool, bool, bool]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for j in range(j1, j2):
                glued = new[j].startswith(GLUE)
                items.append(([["text", join([new[j]])]], False, _ends_sentence(new, j), glued))
            continue
        first = new[j1] if j2 > j1 else old[i1]
        glued = first.startswith(GLUE)
        ends = _ends_sentence(new, j2 - 1) if j2 > j1 else _ends_sentence(old, i2 - 1)
        same_label = [token_text(t) for t in old[i1:i2]] == [token_text(t) for t in new[j1:j2]]
        if same_label and all(_is_note(t) for t in new[j1:j2]):
            # the same marker, another content: the note's source changed
            items.append(([["note", join(new[j1:j2])]], True, ends, glued))
            continue
        pieces: list[Segment] = []
        if i2 > i1:
            pieces.append(["removed", join(old[i1:i2])])
        if j2 > j1:
            if pieces:
                pieces.append(["text", " "])
            pieces.append(["added", join(new[j1:j2])])
        items.append((pieces, True, ends, glued))
    sentences: list[list[tuple[list[Segment], bool, bool, bool]]] = [[]]
    for item in items:
        sentences[-1].append(item)
        if item[2]:
            sentences.append([])
    sentences = [s for s in sentences if s]
    changed = [i for i, s in enumerate(sentences) if any(item[1] for item in s)]
    if not changed:
        return []
    out: list[Segment] = []
    if changed[0] > 0:
        out += [["gap", "…"], ["text", " "]]
    for position, index in enumerate(changed):
        if position:
            out.append(["text", " "])
            if index != changed[position - 1] + 1:
                out += [["gap", "…"], ["text", " "]]
        for number, (pieces, _changed, _end, glued) in enumerate(sentences[index]):
            if number and not glued:
                out.append(["text", " "])
            out += pieces
    if changed[-1] < len(sentences) - 1:
        out += [["text", " "], ["gap", "…"]]
    return out


def word_diff(before: Paragraph, after: Paragraph) -> str:
    """The sentences of ``after`` that hold a change, with ~~removed~~ **added** words."""
    from .render import render_segments

    return render_segments(word_segments(before, after))


def excerpt(paragraph: Paragraph, limit: int = 300) -> str:
    """The paragraph's words, cut at ``limit`` characters (plain text)."""
    text = plain(paragraph)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text

"""Emphasis in an option's text: ``*National Drug Control Strategy*`` in a quote's
``:role:`` or an event's ``:title:`` is set in italics, as the same words in the prose are.

Options are plain text (:mod:`.checks`): nothing in them is read as markup but emphasis,
which authors write there as they write it everywhere else (a title of a work in a role,
Chicago sets in italics), and which printed with its asterisks reads as a slip.  The forms
are Markdown's: ``*words*`` or ``_words_`` for emphasis, ``**words**`` or ``__words__`` for
strong, the words starting and ending with a character that is not a space; an underscore
inside a word (``snake_case``), a lone mark (``2 * 3``) and a mark after a backslash stay
text, and so does every backslash (an option's text is what its author typed).  What has no plain
form of its own (JSON, JSON-LD, the overview's labels, an index entry) takes :func:`plain`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docutils import nodes

#: One run of emphasis (group ``mark``: the delimiter; ``words``: what it sets).  A
#: delimiter opens after a space, a punctuation mark or the start (never inside a word, nor
#: after a mark of its own kind or a backslash), and closes likewise.
_RUN = re.compile(
    r"(?<![\w*\\])(?P<mark>\*\*|\*)(?P<words>[^\s*](?:[^*]*?[^\s*\\])?)(?P=mark)(?![\w*])"
    r"|(?<![\w_\\])(?P<umark>__|_)(?P<uwords>[^\s_](?:[^_]*?[^\s_\\])?)(?P=umark)(?![\w_])"
)

#: What a run is set in: emphasis for one mark, strong for two.
Run = tuple[str, str]  # (kind: "" | "emphasis" | "strong", text)


@lru_cache(maxsize=4096)
def runs(text: str) -> tuple[Run, ...]:
    """The text's runs in order, each plain ("") or set in emphasis or strong."""
    found: list[Run] = []
    at = 0

    def add(kind: str, words: str) -> None:
        if not words:
            return
        if found and found[-1][0] == kind:
            found[-1] = (kind, found[-1][1] + words)
        else:
            found.append((kind, words))

    for match in _RUN.finditer(text):
        add("", text[at : match.start()])
        mark = match["mark"] or match["umark"]
        words = match["words"] if match["mark"] else match["uwords"]
        add("strong" if len(mark) == 2 else "emphasis", words)
        at = match.end()
    add("", text[at:])
    return tuple(found)


def plain(text: str) -> str:
    """The text without its marks of emphasis (for what has no italics)."""
    if "*" not in text and "_" not in text:
        return text
    return "".join(words for _, words in runs(text))


def emphasised(text: str) -> bool:
    """Whether the text sets some of its words in emphasis or strong."""
    return any(kind for kind, _ in runs(text))


def to_nodes(text: str) -> list[nodes.Node]:
    """The text as docutils nodes: Text, with ``emphasis`` and ``strong`` around the words
    so marked.  Every character is text to every writer (escaped for its format)."""
    made: list[nodes.Node] = []
    for kind, words in runs(text):
        if kind == "emphasis":
            made.append(nodes.emphasis(words, words))
        elif kind == "strong":
            made.append(nodes.strong(words, words))
        else:
            made.append(nodes.Text(words))
    return made

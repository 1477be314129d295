"""Writing systems in a brief's text: the runs written in another script, and their language.

A brief in English quotes an Arabic name, cites a Korean source, gives a Chinese title.  Each
format must know where such a run starts and ends, and what it is:

- right-to-left scripts (Arabic, Hebrew) are set in a run of their own, isolated from the
  English around it, so that the sentence's punctuation and an editor's note's brackets stay
  outside it and the run reads right to left (HTML and ePub: ``<bdi dir="rtl">``; LaTeX: a
  babel language, :mod:`sphinx_brief.site.pdfscripts`);
- every run carries its language where its letters say it (``lang``): readers' fonts,
  hyphenation and screen readers depend on it (Han characters are drawn differently in
  Chinese and Japanese).

A run is the text from a letter of the script to the last character of the script after it,
across spaces, digits, combining marks and joiners, and across punctuation inside a word
(``צה"ל``); other punctuation ends it, so ", “" between an entry's author and title, or
brackets around a word, stay outside.  Runs are marked with :class:`brief_script_run` in a
page's nodes (:func:`mark`), or written as HTML strings (:func:`html_text`) where text is
written without nodes.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from docutils import nodes

#: Unicode blocks (inclusive) of the scripts runs are marked for, and the script's group.
#: The CJK group holds Han, kana, Hangul and their punctuation: one run may mix them.
BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "CJK"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1C90, 0x1CBF, "Geor"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2D00, 0x2D2F, "Geor"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x2E80, 0x2FDF, "CJK"),
    (0x2FF0, 0x9FFF, "CJK"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0xA960, 0xA97F, "CJK"),
    (0xAC00, 0xD7FF, "CJK"),
    (0xF900, 0xFAFF, "CJK"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE30, 0xFE4F, "CJK"),
    (0xFE70, 0xFEFE, "Arab"),
    (0xFF00, 0xFFEF, "CJK"),
    (0x20000, 0x323AF, "CJK"),
)
_STARTS = [start for start, _, _ in BLOCKS]
#: Any character of a marked script: most text has none, and is left at once.
ANY = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, _ in BLOCKS) + "]")

#: Scripts written right to left.
RTL = frozenset({"Arab", "Hebr"})
#: Characters that belong to the character before them (marks, joiners, variation selectors).
_ATTACHED = re.compile("[\u200c\u200d\ufe00-\ufe0f]")

#: Letters that tell a language apart from the others written in its script.
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06d2]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_YIDDISH = re.compile("[\u05f0-\u05f2]")
_BELARUSIAN = re.compile("[\u040e\u045e]")
_UKRAINIAN = re.compile("[\u0404\u0406\u0407\u0454\u0456\u0457\u0490\u0491]")
_MACEDONIAN = re.compile("[\u0403\u040c\u0405\u0453\u045c\u0455]")
_SERBIAN = re.compile("[\u0402\u040b\u0409\u040a\u040f\u0408\u0452\u045b\u0459\u045a\u045f\u0458]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")

#: The language of each script where its letters do not tell another (BCP 47).
DEFAULT_LANGUAGES = {
    "Arab": "ar",
    "Hebr": "he",
    "Cyrl": "ru",
    "Grek": "el",
    "Deva": "hi",
    "Thai": "th",
    "Armn": "hy",
    "Geor": "ka",
    "Hani": "zh",
    "Jpan": "ja",
    "Kore": "ko",
}


def group(char: str) -> str | None:
    """The script group of ``char`` (``"Arab"``, ``"CJK"`` …), or None."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= BLOCKS[index][1]:
        return BLOCKS[index][2]
    return None


def script(run: str, group_name: str) -> str:
    """The script of a run (ISO 15924): a CJK run is Japanese with kana, Korean with
    Hangul, Han otherwise."""
    if group_name != "CJK":
        return group_name
    if _KANA.search(run):
        return "Jpan"
    if _HANGUL.search(run):
        return "Kore"
    return "Hani"


def language(
    run: str, script_code: str, hint: str = "", overrides: Mapping[str, str] | None = None
) -> str:
    """The language of a run (BCP 47; "" when the author says it is not known): what
    ``brief_script_languages`` gives for its script, else what its letters tell (or those
    of the paragraph it stands in, ``hint``), else the script's usual language."""
    if overrides and script_code in overrides:
        return str(overrides[script_code])
    for text, around in ((run, False), (hint, True)):
        if around and script_code != "Hani":
            break  # only Han characters take their language from the text around them
        if script_code == "Arab":
            if _URDU.search(text):
                return "ur"
            if _PERSIAN.search(text):
                return "fa"
        elif script_code == "Hebr" and _YIDDISH.search(text):
            return "yi"
        elif script_code == "Cyrl":
            for pattern, tag in (
                (_BELARUSIAN, "be"),
                (_UKRAINIAN, "uk"),
                (_MACEDONIAN, "mk"),
                (_SERBIAN, "sr"),
            ):
                if pattern.search(text):
                    return tag
        elif script_code == "Hani" and around:
            # Han characters in a paragraph (a note) with kana or Hangul are Japanese or
            # Korean, such as the author and journal of a Japanese title
            if _KANA.search(text):
                return "ja"
            if _HANGUL.search(text):
                return "ko"
    return DEFAULT_LANGUAGES.get(script_code, "")


@dataclass(frozen=True)
class Run:
    """A run of text in one script: ``text[start:end]``."""

    start: int
    end: int
    script: str
    language: str


def _spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, group)`` of each run of ``text`` (see the module's description)."""
    index, size = 0, len(text)
    while index < size:
        match = ANY.search(text, index)
        if match is None:
            return
        start = match.start()
        name = group(text[start])
        assert name is not None
        last, position, letters = start, start + 1, unicodedata.category(text[start])[0] == "L"
        while position < size:
            char = text[position]
            kind = unicodedata.category(char)
            if group(char) == name:
                last, letters = position, letters or kind[0] == "L"
            elif kind[0] == "M" or _ATTACHED.match(char):
                if last == position - 1:
                    last = position  # a mark or joiner belongs to the letter before it
            elif kind in ("Zs", "Nd") or char in "\n\t":
                pass  # between two words of the run, or after its end
            elif (
                kind[0] in "PS"
                and last == position - 1
                and position + 1 < size
                and group(text[position + 1]) == name
            ):
                pass  # punctuation inside a word: צה"ל, кто-то
            else:
                break
            position += 1
        if letters:
            yield start, last + 1, name
        index = last + 1


#: What ends a sentence, and is a sentence's own in a run that is the whole sentence.
_FULL_STOPS = frozenset(".!?…\u061f\u06d4 ")


def runs(
    text: str,
    main: str = "",
    hint: str = "",
    overrides: Mapping[str, str] | None = None,
    *,
    whole: bool = False,
) -> list[Run]:
    """The runs of ``text`` to mark: those not in the brief's own language ``main``.
    ``whole``: ``text`` is all of its paragraph's (a sentence's full stop after a run that
    is the rest of it belongs to the run)."""
    if ANY.search(text) is None:
        return []
    found = []
    main_language = primary(main)
    spans = list(_spans(text))
    if whole and len(spans) == 1 and not text[: spans[0][0]].strip():
        # a paragraph that is one run and its full stop (a quotation in Arabic): the full
        # stop is the run's, at its end (on the left if it is Arabic); brackets, quotation
        # marks and commas are not (they belong to the text around a run)
        start, end, name = spans[0]
        rest = text[end:].rstrip()
        if rest and set(rest) <= _FULL_STOPS:
            spans = [(start, len(rest) + end, name)]
    for start, end, name in spans:
        code = script(text[start:end], name)
        tag = language(text[start:end], code, hint or text, overrides)
        if tag and primary(tag) == main_language:
            continue
        if not tag and code not in RTL:
            continue  # nothing to say of it: no language, no direction
        found.append(Run(start, end, code, tag))
    return found


def primary(tag: str | None) -> str:
    """The primary language subtag: ``pt_BR`` → ``pt``."""
    return (tag or "").replace("_", "-").split("-")[0].lower()


class brief_script_run(nodes.inline):
    """A run in another script: ``lang`` (BCP 47, may be empty), ``script`` (ISO 15924)."""


#: Nodes whose text is not prose: written as it stands, or not at all.
SKIPPED = (
    nodes.FixedTextElement,  # literal blocks, doctest, math blocks, comments, raw
    nodes.math,
    nodes.raw,
    nodes.Invisible,
    brief_script_run,
)


def _block(node: nodes.Element) -> nodes.Element:
    """The paragraph (title, …) an inline node stands in."""
    while isinstance(node, nodes.Inline) and isinstance(node.parent, nodes.Element):
        node = node.parent
    return node


def _own_text(block: nodes.Element) -> str:
    """The text of a paragraph (title, …) without the notes or other blocks in it."""
    parts: list[str] = []
    stack: list[nodes.Node] = [block]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            parts.append(str(node))
        elif node is block or isinstance(node, nodes.Inline):
            stack.extend(reversed(node.children))
    return "".join(parts)


def _mark_children(
    element: nodes.Element, main: str, overrides: Mapping[str, str] | None, hints: dict[int, str]
) -> None:
    index = 0
    while index < len(element.children):
        if not isinstance(element.children[index], nodes.Text):
            index += 1
            continue
        end = index
        while end < len(element.children) and isinstance(element.children[end], nodes.Text):
            end += 1
        text = "".join(str(child) for child in element.children[index:end])
        if ANY.search(text) is None:
            index = end
            continue
        block = _block(element)
        if id(block) not in hints:
            hints[id(block)] = _own_text(block)
        hint = hints[id(block)]
        found = runs(text, main, hint, overrides, whole=text.strip() == hint.strip())
        if not found:
            index = end
            continue
        made: list[nodes.Node] = []
        position = 0
        for run in found:
            if run.start > position:
                made.append(nodes.Text(text[position : run.start]))
            made.append(
                brief_script_run(
                    "", nodes.Text(text[run.start : run.end]), lang=run.language, script=run.script
                )
            )
            position = run.end
        if position < len(text):
            made.append(nodes.Text(text[position:]))
        for child in element.children[index:end]:
            child.parent = None
        element.children[index:end] = []
        for offset, node in enumerate(made):
            element.insert(index + offset, node)
        index += len(made)


def mark(root: nodes.Element, main: str = "", overrides: Mapping[str, str] | None = None) -> None:
    """Mark every run of ``root``'s prose with a :class:`brief_script_run` (in place)."""
    hints: dict[int, str] = {}
    stack: list[nodes.Element] = [root]
    while stack:
        element = stack.pop()
        if isinstance(element, SKIPPED):
            continue
        if isinstance(element, nodes.TextElement) and any(
            isinstance(child, nodes.Text) for child in element.children
        ):
            _mark_children(element, main, overrides, hints)
        stack.extend(child for child in element.children if isinstance(child, nodes.Element))


# -- HTML ---------------------------------------------------------------------------------
def html_open(script_code: str, lang: str, xhtml: bool = False) -> str:
    """The start tag of a run: ``<bdi dir="rtl" lang="ar">`` (an isolated right-to-left
    run), ``<span lang="ko">``; ``xml:lang`` too in XHTML (the ePub)."""
    attributes = ' dir="rtl"' if script_code in RTL else ""
    if lang:
        attributes += f' lang="{lang}"' + (f' xml:lang="{lang}"' if xhtml else "")
    return f"<{html_tag(script_code)}{attributes}>"


def html_tag(script_code: str) -> str:
    return "bdi" if script_code in RTL else "span"


def html_text(
    text: str,
    encode: Callable[[str], str],
    main: str = "",
    overrides: Mapping[str, str] | None = None,
    xhtml: bool = False,
    hint: str = "",
) -> str:
    """``text`` as HTML (each piece through ``encode``), its runs marked as
    :class:`brief_script_run` nodes are written (``hint``: its paragraph's text)."""
    found = runs(text, main, hint or text, overrides)
    if not found:
        return encode(text)
    parts, position = [], 0
    for run in found:
        parts.append(encode(text[position : run.start]))
        parts.append(html_open(run.script, run.language, xhtml))
        parts.append(encode(text[run.start : run.end]))
        parts.append(f"</{html_tag(run.script)}>")
        position = run.end
    parts.append(encode(text[position:]))
    return "".join(parts)

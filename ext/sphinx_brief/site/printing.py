"""The PDF's pages as publishers set them: running heads, page numbers, no widows or
orphans, names never hyphenated.

``sphinxbriefpage.sty`` defines how; this module writes, at the head of the LaTeX preamble
(before the author's own ``latex_elements["preamble"]``, which may change any of it):

- ``\\sphinxbriefrunninghead{short title}{date}``: a running head on every page but the
  first, the brief's short title (``html_short_title`` if ``conf.py`` sets it, else the
  title, shortened: the part before its subtitle, or its first words) and its date
  (``brief_date`` as readers write it); the page number at the foot of every page;
- ``\\sphinxbriefnowidows``: ``\\widowpenalty`` and ``\\clubpenalty`` 10000;
- ``\\sphinxbriefraggedindex``: the index set ragged right (its columns are narrow);
- ``\\sphinxbriefnames{…}``: each word of every name the brief's records know (speakers
  of quotations, places of events, entries of the index) as a hyphenation exception
  without a hyphen point, so TeX never breaks it at a line's end ("Py-ongyang").

Why exceptions, and not ``\\mbox`` around the names the components write: most names stand
in the author's prose ("Gholam Ali Khushroo" in a paragraph, "Pyongyang" in a note), which
no component writes; an exception holds wherever the word is set, in every language babel
selects.  It is a word, not a phrase: a name's words are listed one by one, and only its
capitalised words (particles such as "bin" or "of" stay ordinary words).  A word with a
letter the engine cannot read in ``\\hyphenation`` is left out: pdflatex reads ASCII letters
and the letters of the T1 encoding (tested one by one: "Łukasiewicz", "Erdoğan"), not
letters it sets with an accent command ("Tōkyō") nor digits; lualatex and xelatex read every
letter.  ``brief_defaults = False`` leaves the pages as Sphinx sets them.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import texescape

from ..core import dates
from ..core.component import add_latex_package
from ..core.domain import get_domain
from ..events.records import KIND as EVENTS
from ..quotes.records import KIND as QUOTES
from .defaults import given

STY = "sphinxbriefpage.sty"

#: A running head longer than this is shortened (characters).
LONGEST_HEAD = 48
#: Where a title's subtitle starts.
_SUBTITLE = (": ", " — ", " – ", " - ")

#: The letters pdflatex reads in ``\hyphenation`` (its T1 encoding's, beside ASCII's).
PDFLATEX_LETTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "ĂăĄąĆćČčĎďĐđĘęĚěĞğİıĲĳĹĺĽľŁłŃńŇňŊŋŐőŒœŔŕŘřŚśŞşŠšŢţŤťŮůŰűŸŹźŻżŽž"
)
#: Engines that read every letter of Unicode.
_UNICODE_ENGINES = ("lualatex", "xelatex")
_LETTERS = re.compile(r"[^\W\d_]+")


def shortened(title: str, longest: int = LONGEST_HEAD) -> str:
    """The title as a running head: whole if short; else the part before its subtitle, or
    without a closing parenthesis, or its first words and "…"."""
    title = " ".join(title.split())
    if len(title) <= longest:
        return title
    for mark in _SUBTITLE:
        head = title.split(mark, 1)[0]
        if mark in title and 3 <= len(head) <= longest:
            return head
    head = re.sub(r"\s*\([^()]*\)$", "", title)
    if len(head) <= longest:
        return head
    words = title[: longest + 1].rsplit(" ", 1)[0] if " " in title[:longest] else title[:longest]
    return words.rstrip(" ,;:.–—-") + "…"


def short_title(config: Config) -> str:
    """``html_short_title`` where ``conf.py`` sets it, else the title shortened."""
    if given(config, "html_short_title") and str(config.html_short_title or "").strip():
        return " ".join(str(config.html_short_title).split())
    return shortened(str(config.project or ""))


def running_date(config: Config) -> str:
    """``brief_date`` as readers write it; "" without a usable one (defaults.py warns)."""
    text = config.brief_date
    if not isinstance(text, str) or not text.strip():
        return ""
    try:
        return dates.parse(text).display(config.language)
    except dates.DateError:
        return ""


def record_names(env: BuildEnvironment) -> Iterator[str]:
    """Every name the brief's records know: speakers, event places, index entries.  A
    document that speaks (a law, a resolution: ``speaker_type`` document) is a title, not a
    name, and its words are ordinary words: it is left out, with its index entry."""
    domain = get_domain(env)
    titles = set()
    for _, _, quote in domain.records(QUOTES):
        if quote.speaker_type == "document":
            titles.update({quote.speaker, quote.index_name, quote.person})
            continue
        yield quote.speaker
        yield quote.person
    for _, _, event in domain.records(EVENTS):
        yield event.place
    for entries in env.domains.index_domain.entries.values():
        for _, value, _, _, _ in entries:
            if value not in titles:
                yield from value.split(";")


def name_words(names: Iterable[str], engine: str) -> list[str]:
    """The words of the names that TeX may be told never to hyphenate, once each (TeX's
    exceptions ignore case), in alphabetical order."""
    readable = None if engine in _UNICODE_ENGINES else PDFLATEX_LETTERS
    words: dict[str, str] = {}
    for name in names:
        for word in _LETTERS.findall(unicodedata.normalize("NFC", name)):
            if len(word) < 2 or not word[0].isupper():
                continue  # a particle, an initial, a word of a script without case
            if readable is not None and not readable.issuperset(word):
                continue
            words.setdefault(word.casefold(), word)
    return sorted(words.values(), key=lambda word: (word.casefold(), word))


def preamble(app: Sphinx) -> str:
    """The lines this module writes at the head of the preamble."""
    config = app.config
    engine = str(config.latex_engine)
    title = texescape.escape(short_title(config), engine)
    date = texescape.escape(running_date(config), engine)
    lines = [
        "% sphinx_brief (site/printing.py): running head, no widows, names never hyphenated",
        f"\\sphinxbriefrunninghead{{{title}}}{{{date}}}",
        "\\sphinxbriefnowidows",
        "\\sphinxbriefraggedindex",
    ]
    words = name_words(record_names(app.env), engine)
    if words:
        listed = textwrap.wrap(" ".join(words), 90, break_on_hyphens=False)
        lines.append("\\sphinxbriefnames{%\n" + "\n".join(listed) + "}")
    return "\n".join(lines) + "\n"


def write_preamble(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, LaTeX builders, when the records are known: the lines before the
    author's preamble, in the builder's template context (after site/pdffonts.py, which
    makes the context again from the configuration when it chooses the engine)."""
    builder = app.builder
    context = getattr(builder, "context", None)
    if builder.format != "latex" or not app.config.brief_defaults or context is None:
        return
    texescape.init()  # filled when the LaTeX builder starts; the same, idempotent call
    elements = app.config.latex_elements if isinstance(app.config.latex_elements, dict) else {}
    context["preamble"] = preamble(app) + str(elements.get("preamble") or "")


def setup(app: Sphinx) -> None:
    add_latex_package(app, STY)
    app.connect("env-updated", write_preamble, priority=950)

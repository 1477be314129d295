"""The PDF of a brief in every script it holds: the engine and fonts chosen from its text.

pdflatex, Sphinx's engine for a brief in a Latin language, sets the characters of LaTeX's
T1 and text-companion encodings (:mod:`.pdflatex_chars`) and stops at any other: a Korean
author's name in ``refs.bib`` ("Unicode character 국 (U+AD6D) not set up"), an Arabic word
in the text.  Once the pages are read and before the LaTeX is written (``env-updated``),
what the PDF will hold is known (:func:`.scripts.holdings`: the title block, its pages, the
bib entries they cite).  When pdflatex cannot set all of it and ``conf.py`` chose neither
the engine nor the fonts, the PDF is made with LuaLaTeX and babel:

- Noto Serif and Noto Sans for Latin, Greek and Cyrillic; for each other script the brief
  holds, babel's language of it (``\\babelprovide``) and its Noto font (Noto Sans Arabic,
  Noto Serif CJK …, ``brief_latex_fonts`` overrides any), chosen by babel for every
  character of the script (``onchar``) and for each run the pages mark
  (``\\foreignlanguage``, :mod:`.scripts`);
- babel's bidi algorithm when a right-to-left script is held: Arabic letters joined, each
  run in logical order, isolated from the punctuation around it; Chinese and Japanese text
  breaks between its characters (babel's line breaking), Korean at the spaces between its
  words, as Korean is set today.

A Latin brief keeps pdflatex and its look.  The values are set as ``conf.py`` would set them
(``latex_engine``, ``latex_elements``' ``polyglossia``, ``babel`` and ``fontpkg``,
``latex_use_xindy``), each only where ``conf.py`` leaves it unset, and the LaTeX builder's
template context is made again from them (its own ``init_context`` and
``init_multilingual``).  Where the engine or the fonts ``conf.py`` chose cannot set a
character the brief holds, a warning (``brief.script``) names the first one and its place.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.latex.util import ExtBabel
from sphinx.environment import BuildEnvironment

from ..core import scripts
from ..core.logs import warn
from .defaults import given
from .pdflatex_chars import RANGES
from .scripts import PDF_LANGUAGES, Held, holdings, pdf_documents

#: Language tag → babel's name of the language, and the script whose font sets it.
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("arabic", "Arab"),
    "fa": ("persian", "Arab"),
    "ur": ("urdu", "Arab"),
    "he": ("hebrew", "Hebr"),
    "yi": ("yiddish", "Hebr"),
    "ru": ("russian", "Cyrl"),
    "uk": ("ukrainian", "Cyrl"),
    "be": ("belarusian", "Cyrl"),
    "sr": ("serbian-cyrillic", "Cyrl"),
    "mk": ("macedonian", "Cyrl"),
    "bg": ("bulgarian", "Cyrl"),
    "el": ("greek", "Grek"),
    "hi": ("hindi", "Deva"),
    "th": ("thai", "Thai"),
    "hy": ("armenian", "Armn"),
    "ka": ("georgian", "Geor"),
    "zh": ("chinese", "Hani"),
    "ja": ("japanese", "Jpan"),
    "ko": ("korean", "Kore"),
}
#: The fonts (Debian: fonts-noto-core, fonts-noto-cjk): each script's serif, sans serif
#: and monospaced (Sphinx sets the index's entries and code in it).  Greek and Cyrillic
#: are in the Latin text's fonts (:data:`MAIN_FONTS`).
FONTS: dict[str, tuple[str, str, str]] = {
    "Arab": ("Noto Sans Arabic", "Noto Sans Arabic", "Noto Sans Arabic"),
    "Hebr": ("Noto Serif Hebrew", "Noto Sans Hebrew", "Noto Sans Hebrew"),
    "Deva": ("Noto Serif Devanagari", "Noto Sans Devanagari", "Noto Sans Devanagari"),
    "Thai": ("Noto Serif Thai", "Noto Sans Thai", "Noto Sans Thai"),
    "Armn": ("Noto Serif Armenian", "Noto Sans Armenian", "Noto Sans Armenian"),
    "Geor": ("Noto Serif Georgian", "Noto Sans Georgian", "Noto Sans Georgian"),
    "Hani": ("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans Mono CJK SC"),
    "Jpan": ("Noto Serif CJK JP", "Noto Sans CJK JP", "Noto Sans Mono CJK JP"),
    "Kore": ("Noto Serif CJK KR", "Noto Sans CJK KR", "Noto Sans Mono CJK KR"),
}
#: The Latin, Greek and Cyrillic text's (DejaVu Sans Mono: fonts-dejavu-core, which
#: Debian's fontconfig brings).
MAIN_FONTS = {"main": "Noto Serif", "sans": "Noto Sans", "mono": "DejaVu Sans Mono"}
#: The scripts the Latin text's fonts set.
IN_MAIN_FONT = frozenset({"Cyrl", "Grek"})
#: ``latex_elements`` keys by which conf.py chooses the fonts and languages itself.
OWN_FONT_KEYS = ("babel", "polyglossia", "fontpkg", "fontenc")
_STARTS = [start for start, _ in RANGES]


def pdflatex_sets(char: str) -> bool:
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= RANGES[index][1]


def _latin_or_neutral(char: str) -> bool:
    """A Latin letter, a mark, or no letter at all (punctuation, symbols, digits,
    spaces): what the Latin text's fonts are trusted to set."""
    kind = unicodedata.category(char)
    if kind[0] not in "LM":
        return True
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "COMBINING", "MODIFIER LETTER"))


@dataclass(frozen=True)
class Setup:
    """How the PDF is made: its engine; ``fonts``: whether the extension chose the fonts
    (then ``languages`` are the babel languages it declares, by tag, and ``scripts``
    the scripts it has a font for); ``own``: conf.py chose them (nothing can be said)."""

    engine: str
    fonts: bool = False
    own: bool = False
    languages: Mapping[str, str] | None = None
    scripts: frozenset[str] = frozenset()

    def sets(self, char: str) -> bool:
        """Whether the PDF can set ``char``."""
        if self.own or pdflatex_sets(char):
            return True
        group = scripts.group(char)
        if self.fonts:
            if group is None:
                return _latin_or_neutral(char)
            return group in IN_MAIN_FONT or scripts.script(char, group) in self.scripts
        if self.engine in ("xelatex", "lualatex"):
            # Sphinx's fonts for them (FreeSerif …): Latin, Greek, Cyrillic, without
            # right-to-left order or CJK line breaking
            return group in IN_MAIN_FONT or (group is None and _latin_or_neutral(char))
        if self.engine in ("platex", "uplatex"):
            return group == "CJK" or (group is None and unicodedata.category(char)[0] not in "LM")
        return False


def fonts(config: Any) -> dict[str, str]:
    """The fonts: the defaults, then ``brief_latex_fonts`` (script or main/sans/mono →
    font name)."""
    chosen = {**MAIN_FONTS, **{key: serif for key, (serif, _, _) in FONTS.items()}}
    given_fonts = config.brief_latex_fonts if isinstance(config.brief_latex_fonts, dict) else {}
    chosen.update({str(k): str(v or "") for k, v in given_fonts.items()})
    return chosen


def languages(held: Iterable[Held], overrides: Mapping[str, str]) -> dict[str, str]:
    """The babel language of each language tag the brief's runs may be in, by tag."""
    tags: set[str] = set()
    for item in held:
        group = scripts.group(item.char)
        if group is None or unicodedata.category(item.char)[0] != "L":
            continue
        code = scripts.script(item.char, group)
        tag = scripts.language(item.char, code, "", overrides)
        # a script whose language conf.py leaves unsaid still needs its font
        tags.add(tag if tag in LANGUAGES else scripts.DEFAULT_LANGUAGES.get(code, ""))
    return {tag: LANGUAGES[tag][0] for tag in sorted(tags) if tag in LANGUAGES}


#: Symbols the Latin text's fonts lack (→ ≤ ∞ ★ ⚠), from the fonts that have them
#: (luaotfload's fallback fonts).
SYMBOLS = (
    "\\directlua{luaotfload.add_fallback('briefsymbols', {'Noto Sans Math:mode=node;', "
    "'Noto Sans Symbols:mode=node;', 'Noto Sans Symbols2:mode=node;', "
    "'DejaVu Sans:mode=node;'})}"
)
#: The index's entries, which makeindex writes without the pages' marks, each set as a
#: whole (a box, right to left inside if it is Arabic), so that the page numbers after
#: it stay on its right.
INDEX_ENTRIES = r"""\AtBeginDocument{\let\sphinxbriefindexentry\sphinxstyleindexentry
  \protected\def\sphinxstyleindexentry#1{\leavevmode\hbox{\sphinxbriefindexentry{#1}}}}"""
#: Which of a script's languages babel gives the script's characters to wherever they
#: stand (``onchar``): text the pages do not mark, such as the index's entries.  Chinese
#: and Japanese share the Han characters: one of them takes them.
_ONCHAR_ORDER = ("ar", "fa", "ur", "he", "yi", "hi", "th", "hy", "ka", "ko", "zh", "ja")


def _onchar(declared: Mapping[str, str], chosen: Mapping[str, str]) -> set[str]:
    owners: dict[str, str] = {}
    for tag in _ONCHAR_ORDER:
        script = LANGUAGES[tag][1]
        if tag in declared and chosen.get(script):
            owners.setdefault("Han" if script in ("Hani", "Jpan") else script, tag)
    return set(owners.values())


def babel_preamble(declared: Mapping[str, str], chosen: Mapping[str, str]) -> tuple[str, str]:
    """``latex_elements``' ``babel`` and ``fontpkg``: the languages (babel's bidi when one
    is written right to left), the Latin text's fonts and each script's."""
    bidi = any(LANGUAGES[tag][1] in scripts.RTL for tag in declared)
    # provide=*: the brief's own language from babel's locale files too, which every
    # language has (not every one has the older .ldf file: Russian needs TeX Live's
    # Cyrillic packages for it, Korean has none)
    options = "bidi=basic, provide=*" if bidi else "provide=*"
    babel = [f"\\usepackage[{options}]{{babel}}"]
    owners = _onchar(declared, chosen)
    for tag, name in declared.items():
        onchar = ", onchar=ids fonts" if tag in owners else ""
        # Korean is written with spaces between its words and broken there, as Latin
        # text is: babel's locale would break it between any two syllables, as Chinese,
        # and stretch the space between them to justify a line ("홍 지 은")
        breaking = ", intraspace=0 0 0, intrapenalty=10000" if tag == "ko" else ""
        babel.append(f"\\babelprovide[import{onchar}{breaking}]{{{name}}}")
    if bidi:
        babel.append(INDEX_ENTRIES)
    fallback = "RawFeature={fallback=briefsymbols}"
    fontpkg = [
        SYMBOLS,
        f"\\babelfont{{rm}}[{fallback}]{{{chosen['main']}}}",
        f"\\babelfont{{sf}}[{fallback}]{{{chosen['sans']}}}",
    ]
    if chosen.get("mono"):
        fontpkg.append(f"\\babelfont{{tt}}[Scale=MatchLowercase, {fallback}]{{{chosen['mono']}}}")
    for script in sorted({LANGUAGES[tag][1] for tag in declared} - IN_MAIN_FONT):
        serif = chosen.get(script, "")
        if not serif:
            continue
        names = ",".join(name for tag, name in declared.items() if LANGUAGES[tag][1] == script)
        # a font conf.py chose is the script's in every family
        families = FONTS[script] if serif == FONTS[script][0] else (serif, serif, serif)
        for family, font in zip(("rm", "sf", "tt"), families, strict=True):
            # these scripts have no italic: emphasis keeps the upright face, no warning
            fontpkg.append(f"\\babelfont[{names}]{{{family}}}[ItalicFont=*]{{{font}}}")
    return "\n".join(babel), "\n".join(fontpkg)


def _element_given(config: Any, key: str) -> bool:
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    elements = raw.get("latex_elements")
    return isinstance(elements, dict) and key in elements


def choose(app: Sphinx, held: list[Held]) -> Setup:
    """The PDF's engine and fonts for what it holds, set where conf.py leaves them."""
    config = app.config
    own = any(_element_given(config, key) for key in OWN_FONT_KEYS)
    engine_given = given(config, "latex_engine")
    engine = str(config.latex_engine)
    needs = any(not pdflatex_sets(item.char) for item in held)
    if own:
        return Setup(engine, own=True)
    if not config.brief_defaults:
        return Setup(engine)  # Sphinx's own engine and fonts, as for every other default
    if not engine_given and needs:
        engine = "lualatex"
    if engine != "lualatex":
        return Setup(engine)
    overrides = config.brief_script_languages
    # the brief's own language is babel's main language already (Sphinx names it in the
    # document class's options: English where babel has no name for it)
    main = ExtBabel(str(config.language or "en"), False).get_language()
    declared = {
        tag: name
        for tag, name in languages(held, overrides if isinstance(overrides, dict) else {}).items()
        if name != main
    }
    chosen = fonts(config)
    babel, fontpkg = babel_preamble(declared, chosen)
    config.latex_engine = engine
    config.latex_elements = {
        "polyglossia": "",
        "babel": babel,
        "fontpkg": fontpkg,
        **config.latex_elements,
    }
    if not given(config, "latex_use_xindy"):
        config.latex_use_xindy = False  # makeindex, as for pdflatex (xindy is rarely installed)
    have = frozenset(key for key in FONTS if chosen.get(key))
    return Setup(engine, fonts=True, languages=declared, scripts=have)


def check(app: Sphinx, setup: Setup, held: list[Held]) -> None:
    """One warning for the first character the PDF cannot set, if any."""
    missing = [item for item in held if not setup.sets(item.char)]
    if not missing:
        return
    first = missing[0]
    char = first.char
    name = unicodedata.name(char, "")
    what = f" in {first.what}" if first.what else ""
    others = f" (and {len(missing) - 1} other characters)" if len(missing) > 1 else ""
    group = scripts.group(char)
    if setup.fonts and group is not None:
        answer = f"give a font for {scripts.script(char, group)} in brief_latex_fonts"
    elif setup.fonts:
        answer = (
            "sphinx_brief has no font for its script: give fonts and babel languages of "
            "your own in latex_elements['fontpkg'] and ['babel']"
        )
    elif given(app.config, "latex_engine"):
        answer = "leave latex_engine unset (sphinx_brief then uses lualatex and Noto fonts)"
    else:
        answer = "set latex_engine = 'lualatex' in conf.py"
    warn(
        "script",
        "the PDF cannot set %s (U+%04X%s)%s with latex_engine %r%s; %s",
        char,
        ord(char),
        f" {name}" if name else "",
        what,
        setup.engine,
        others,
        answer,
        location=first.location,
    )


def settle(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, LaTeX builders: the engine and fonts from what the PDF holds, the
    builder's template context made again from them, and the check."""
    builder = app.builder
    if builder.format != "latex":
        return
    held = holdings(app, pdf_documents(app))
    before = (app.config.latex_engine, dict(app.config.latex_elements))
    setup = choose(app, held)
    if setup.fonts:
        PDF_LANGUAGES[builder] = dict(setup.languages or {})
    else:
        PDF_LANGUAGES.pop(builder, None)
    if (app.config.latex_engine, dict(app.config.latex_elements)) != before:
        builder.init_context()  # type: ignore[attr-defined]
        builder.init_multilingual()  # type: ignore[attr-defined]
    check(app, setup, held)


#: How the latexmkrc Sphinx writes runs makeindex, and what runs it instead.
_MAKEINDEX = "$makeindex = 'makeindex "
_UPMENDEX = "$makeindex = 'upmendex "


def index_with_upmendex(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the PDF made for other scripts sorts its index with upmendex
    (TeX Live's makeindex for Unicode, with the same style file).  makeindex reads bytes:
    the letter heading of "김정은" would be the first byte of its UTF-8, which stops
    LuaTeX ("String contains an invalid utf-8 sequence"); Sphinx's other choice, xindy,
    is seldom installed."""
    builder = app.builder
    if exception is not None or builder not in PDF_LANGUAGES or app.config.latex_use_xindy:
        return
    latexmkrc = Path(builder.outdir) / "latexmkrc"
    if latexmkrc.is_file():
        text = latexmkrc.read_text(encoding="utf-8")
        if _MAKEINDEX in text:
            latexmkrc.write_text(text.replace(_MAKEINDEX, _UPMENDEX), encoding="utf-8")


def setup(app: Sphinx) -> None:
    # after sphinxcontrib-bibtex has listed the bibliographies' entries (priority 500)
    app.connect("env-updated", settle, priority=900)
    app.connect("build-finished", index_with_upmendex)

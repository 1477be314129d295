"""A source's language, as a note names it ("in Korean"), from biblatex's ``language``
field.

Chicago names the language of a source whose title is given only in translation (or whose
language a reader could not tell from its title); a title given in its own words with its
translation (``titleaddon``, in brackets after it) needs no such words.  As in biblatex,
``language`` is what the author asks to print, and ``langid`` only the language the
entry's words are hyphenated in: it names nothing.  The language is named in the brief's
language, through Babel (CLDR): "in Korean", "auf Koreanisch", "en coréen".  A source in
the brief's own language is not marked.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from pybtex.database import Entry

#: biblatex's ``langid`` values (babel's and polyglossia's language names) whose code
#: CLDR's English names do not give: the regional and old names.
BABEL_NAMES = {
    "american": "en",
    "british": "en",
    "canadian": "en",
    "australian": "en",
    "newzealand": "en",
    "UKenglish": "en",
    "USenglish": "en",
    "ngerman": "de",
    "austrian": "de",
    "naustrian": "de",
    "swissgerman": "de",
    "nswissgerman": "de",
    "acadian": "fr",
    "canadien": "fr",
    "francais": "fr",
    "brazil": "pt",
    "brazilian": "pt",
    "portuges": "pt",
    "farsi": "fa",
    "bahasa": "id",
    "bahasai": "id",
    "bahasam": "ms",
    "nynorsk": "nn",
    "norsk": "nb",
    "spanishmx": "es",
    "usorbian": "hsb",
    "lsorbian": "dsb",
    "chinese-simplified": "zh",
    "chinese-traditional": "zh",
}

#: The word before a language's name where a note says a source is in it, by the brief's
#: language (CLDR gives the names, not the phrase); others read "in …".
IN = {"en": "in ", "de": "auf ", "fr": "en ", "es": "en ", "it": "in ", "pt": "em "}


class UnknownLanguage(ValueError):
    """A ``langid``/``language`` value that names no language Babel knows."""


@cache
def _english_names() -> dict[str, str]:
    return {name.casefold(): code for code, name in Locale("en").languages.items()}


def language_code(value: str) -> str:
    """The ISO 639 code of a ``langid``/``language`` value: a code ("ko", "pt-BR"), a
    babel name ("korean", "ngerman") or an English name ("Korean")."""
    text = " ".join(value.split())
    folded = text.casefold()
    for name, code in BABEL_NAMES.items():
        if folded == name.casefold():
            return code
    named = _english_names().get(folded)
    if named is not None:
        return named.split("_")[0]
    try:
        return Locale.parse(text.replace("-", "_")).language
    except (ValueError, TypeError, UnknownLocaleError):
        raise UnknownLanguage(
            f"its language {text!r} is not a language code or name (ko, korean, Korean); "
            "it is not named in the note"
        ) from None


def _brief_locale(language: str) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale("en")


def source_language(entry: Entry) -> str | None:
    """The entry's ``language`` as written, None if it gives none."""
    value = entry.fields.get("language", "").strip().strip("{}").strip()
    return value or None


def named_language(entry: Entry, brief_language: str) -> str | None:
    """The words that name the entry's language in a note ("in Korean"), None where its
    language is the brief's or unknown (:class:`UnknownLanguage` for a value that names no
    language)."""
    value = source_language(entry)
    if value is None:
        return None
    code = language_code(value)
    locale = _brief_locale(brief_language)
    if code == locale.language:
        return None
    name = locale.languages.get(code) or Locale("en").languages.get(code) or code
    return IN.get(locale.language, "in ") + name

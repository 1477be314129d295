"""The words around dates, per language, that CLDR (hence Babel) does not have: "circa",
and the phrases of an interval with an open or unknown end ("since …", "until …").

CLDR has month names and date and interval patterns (Babel formats the dates with them),
but no word for an approximate date (only the number symbol "~") and none for "since" or
"until": those are written here.  A language not listed uses the English words around the
locale's own date ("since 24 de fevereiro de 2022"); add a language here to give it its own.

An approximate known side is not the standalone form put inside the phrase: German writes
"um 1993" but "seit ca. 1993" (never "seit um 1993"), French "vers 1993" but "depuis
environ 1993" and "jusque vers 1990", Italian "dal 1993 circa"; a ``…-circa`` phrase gives
that form.  An uncertain date keeps its question mark right after the date ("seit 1993?"),
or where a phrase puts it (``{q}``: "dal 1993 circa?").
"""

from __future__ import annotations

import re

#: Per language: how each form is written around the date (``{}``), as readers of the
#: language write it.  Keys:
#:
#: - ``circa``: an approximate date standing alone ("c. 1993");
#: - ``since`` (open end), ``until`` (open start), ``end-unknown``, ``start-unknown``;
#: - the same with ``-circa`` for an approximate known side ("seit ca. {}"); without one,
#:   the side is the ``circa`` form inside the plain phrase ("since c. 1993");
#: - any key with ``-day`` added: used when the date is a day ("depuis le 24 février");
#: - ``{q}`` in a phrase: where an uncertain date's question mark goes, if not right after
#:   the date.
#:
#: Languages not listed use the English words.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "circa": "c. {}",
        "since": "since {}",
        "until": "until {}",
        "end-unknown": "from {} (end unknown)",
        "start-unknown": "until {} (start unknown)",
    },
    "de": {
        "circa": "um {}",
        "circa-day": "um den {}",
        "since": "seit {}",
        "until": "bis {}",
        "end-unknown": "ab {} (Ende unbekannt)",
        "start-unknown": "bis {} (Beginn unbekannt)",
        "since-circa": "seit ca. {}",
        "until-circa": "bis ca. {}",
        "end-unknown-circa": "ab ca. {} (Ende unbekannt)",
        "start-unknown-circa": "bis ca. {} (Beginn unbekannt)",
    },
    "fr": {
        "circa": "vers {}",
        "circa-day": "vers le {}",
        "since": "depuis {}",
        "since-day": "depuis le {}",
        "until": "jusqu’en {}",
        "until-day": "jusqu’au {}",
        "end-unknown": "à partir de {} (fin inconnue)",
        "end-unknown-day": "à partir du {} (fin inconnue)",
        "start-unknown": "jusqu’en {} (début inconnu)",
        "start-unknown-day": "jusqu’au {} (début inconnu)",
        "since-circa": "depuis environ {}",
        "since-circa-day": "depuis environ le {}",
        "until-circa": "jusque vers {}",
        "until-circa-day": "jusque vers le {}",
        "end-unknown-circa": "à partir d’environ {} (fin inconnue)",
        "end-unknown-circa-day": "à partir du {} environ{q} (fin inconnue)",
        "start-unknown-circa": "jusque vers {} (début inconnu)",
        "start-unknown-circa-day": "jusque vers le {} (début inconnu)",
    },
    "es": {
        "circa": "c. {}",
        "since": "desde {}",
        "since-day": "desde el {}",
        "until": "hasta {}",
        "until-day": "hasta el {}",
        "end-unknown": "desde {} (fin desconocido)",
        "end-unknown-day": "desde el {} (fin desconocido)",
        "start-unknown": "hasta {} (inicio desconocido)",
        "start-unknown-day": "hasta el {} (inicio desconocido)",
        "since-circa": "desde aproximadamente {}",
        "since-circa-day": "desde aproximadamente el {}",
        "until-circa": "hasta aproximadamente {}",
        "until-circa-day": "hasta aproximadamente el {}",
        "end-unknown-circa": "desde aproximadamente {} (fin desconocido)",
        "end-unknown-circa-day": "desde aproximadamente el {} (fin desconocido)",
        "start-unknown-circa": "hasta aproximadamente {} (inicio desconocido)",
        "start-unknown-circa-day": "hasta aproximadamente el {} (inicio desconocido)",
    },
    "it": {
        "circa": "ca. {}",
        "since": "dal {}",
        "until": "fino al {}",
        "end-unknown": "dal {} (fine sconosciuta)",
        "start-unknown": "fino al {} (inizio sconosciuto)",
        "since-circa": "dal {} circa{q}",
        "until-circa": "fino al {} circa{q}",
        "end-unknown-circa": "dal {} circa{q} (fine sconosciuta)",
        "start-unknown-circa": "fino al {} circa{q} (inizio sconosciuto)",
    },
}

#: What is read with a vowel sound in Italian: a vowel, or the numbers "otto", "undici",
#: "ottanta…", "ottocento…" (l’8 marzo, dall’11 settembre).
_IT_VOWEL = r"(?=[aeiouAEIOU]|(?:8|11|8\d|8\d\d)(?!\d))"

#: Elisions of an article or preposition before the date, per language: "à partir d’avril"
#: (not "de avril"), "dall’aprile", "fino all’agosto", "il" before "8" is "l’8".
ELISIONS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "fr": ((re.compile(r"\bde (?=[aeiouyàâéèêîôûAEIOUY])"), "d’"),),
    "it": (
        (re.compile(rf"\bdal {_IT_VOWEL}"), "dall’"),
        (re.compile(rf"\bal {_IT_VOWEL}"), "all’"),
        (re.compile(rf"\bil {_IT_VOWEL}"), "l’"),
    ),
}


def _words(language: str) -> dict[str, str]:
    return PHRASES.get(language, PHRASES["en"])


def _form(words: dict[str, str], key: str, day: bool) -> str | None:
    return (words.get(f"{key}-day") if day else None) or words.get(key)


def _elided(language: str, text: str) -> str:
    for pattern, replacement in ELISIONS.get(language, ()):
        text = pattern.sub(replacement, text)
    return text


#: EDTF's seasons (21 spring … 24 winter) as each language names one with its year, as
#: written at the head of a chronology's entry.  CLDR has no seasons; a language not listed
#: shows a season as its months ("June–August 1955"), never the English words.
SEASONS: dict[str, tuple[str, str, str, str]] = {
    "en": ("Spring {}", "Summer {}", "Autumn {}", "Winter {}"),
    "de": ("Frühling {}", "Sommer {}", "Herbst {}", "Winter {}"),
    "fr": ("printemps {}", "été {}", "automne {}", "hiver {}"),
    "es": ("primavera de {}", "verano de {}", "otoño de {}", "invierno de {}"),
    "it": ("primavera {}", "estate {}", "autunno {}", "inverno {}"),
}


def season(language: str, code: int, year: int) -> str | None:
    """An EDTF season (``code`` 21–24) of ``year`` in ``language``, or None if the language
    has no words here (or the code is no season of the four)."""
    names = SEASONS.get(language)
    if names is None or not 21 <= code <= 24:
        return None
    return names[code - 21].format(year)


def circa(language: str, date: str, *, day: bool = False) -> str:
    """An approximate date standing alone: "c. 1993", "um 1993", "vers le 8 février 2022"."""
    form = _form(_words(language), "circa", day) or PHRASES["en"]["circa"]
    return _elided(language, form.format(date))


def open_phrase(
    language: str, key: str, date: str, *, day: bool, approximate: bool, uncertain: bool
) -> str:
    """The known side ``date`` in the phrase of its open or unknown side (``key``:
    ``since``, ``until``, ``end-unknown``, ``start-unknown``)."""
    words = _words(language)
    mark = "?" if uncertain else ""
    form = _form(words, f"{key}-circa", day) if approximate else None
    if form is None:
        form = _form(words, key, day) or PHRASES["en"][key]
        if approximate:
            date = circa(language, date, day=day)
    if "{q}" in form:
        return _elided(language, form.replace("{q}", mark).format(date))
    return _elided(language, form.format(date + mark))

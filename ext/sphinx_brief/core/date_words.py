"""The words around dates, per language, that CLDR (hence Babel) does not have: "circa",
and the phrases of an interval with an open or unknown end ("since …", "until …").

A language not listed uses the English words around the locale's own date ("since 24 de
fevereiro de 2022"); add a language here to give it its own.
"""

from __future__ import annotations

#: "circa" as readers of each language write it; languages not listed use the English form.
CIRCA = {"en": "c. {}", "fr": "vers {}", "de": "um {}", "es": "c. {}", "it": "ca. {}"}

#: How an open or unknown side is written, per language (CLDR, hence Babel, has no words
#: for it): ``since`` (open end), ``until`` (open start), ``end-unknown``, ``start-unknown``;
#: a key ending in ``-day`` is used when the known side is a day ("depuis le 24 février").
#: Languages not listed use the English phrases.
OPEN_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "since": "since {}",
        "until": "until {}",
        "end-unknown": "from {} (end unknown)",
        "start-unknown": "until {} (start unknown)",
    },
    "de": {
        "since": "seit {}",
        "until": "bis {}",
        "end-unknown": "ab {} (Ende unbekannt)",
        "start-unknown": "bis {} (Beginn unbekannt)",
    },
    "fr": {
        "since": "depuis {}",
        "since-day": "depuis le {}",
        "until": "jusqu’en {}",
        "until-day": "jusqu’au {}",
        "end-unknown": "à partir de {} (fin inconnue)",
        "end-unknown-day": "à partir du {} (fin inconnue)",
        "start-unknown": "jusqu’en {} (début inconnu)",
        "start-unknown-day": "jusqu’au {} (début inconnu)",
    },
    "es": {
        "since": "desde {}",
        "since-day": "desde el {}",
        "until": "hasta {}",
        "until-day": "hasta el {}",
        "end-unknown": "desde {} (fin desconocido)",
        "end-unknown-day": "desde el {} (fin desconocido)",
        "start-unknown": "hasta {} (inicio desconocido)",
        "start-unknown-day": "hasta el {} (inicio desconocido)",
    },
    "it": {
        "since": "dal {}",
        "until": "fino al {}",
        "end-unknown": "dal {} (fine sconosciuta)",
        "start-unknown": "fino al {} (inizio sconosciuto)",
    },
}

"""Open and unknown ends of approximate and uncertain dates, as each language's readers
write them, in the built HTML: "seit ca. 1993" (not "seit um 1993"), "depuis environ
1993" (not "depuis vers 1993"), "dal 1993 circa", with the language's elisions ("à partir
d’avril", "dall’8 febbraio"); the machine forms (``<time datetime>``, events.json's EDTF)
are those of the date as written, whatever the language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import run_sphinx
from .test_events import entries, event, make_project, md

# a source published after every event, so no event is dated after its source
REFS = "@article{later, title = {{Later}}, journal = {Journal}, date = {2030-01-01}}\n"

#: EDTF, machine form of its known side, and what each language shows.
DATES: list[tuple[str, str, dict[str, str]]] = [
    (
        "1993~/..",
        "1993",
        {
            "en": "since c. 1993",
            "de": "seit ca. 1993",
            "fr": "depuis environ 1993",
            "es": "desde aproximadamente 1993",
            "it": "dal 1993 circa",
        },
    ),
    (
        "../1990~",
        "1990",
        {
            "en": "until c. 1990",
            "de": "bis ca. 1990",
            "fr": "jusque vers 1990",
            "es": "hasta aproximadamente 1990",
            "it": "fino al 1990 circa",
        },
    ),
    (
        "1993~/",
        "1993",
        {
            "en": "from c. 1993 (end unknown)",
            "de": "ab ca. 1993 (Ende unbekannt)",
            "fr": "à partir d’environ 1993 (fin inconnue)",
            "es": "desde aproximadamente 1993 (fin desconocido)",
            "it": "dal 1993 circa (fine sconosciuta)",
        },
    ),
    (
        "/1990~",
        "1990",
        {
            "en": "until c. 1990 (start unknown)",
            "de": "bis ca. 1990 (Beginn unbekannt)",
            "fr": "jusque vers 1990 (début inconnu)",
            "es": "hasta aproximadamente 1990 (inicio desconocido)",
            "it": "fino al 1990 circa (inizio sconosciuto)",
        },
    ),
    (
        "1994?/..",
        "1994",
        {
            "en": "since 1994?",
            "de": "seit 1994?",
            "fr": "depuis 1994?",
            "es": "desde 1994?",
            "it": "dal 1994?",
        },
    ),
    (
        "../1991?",
        "1991",
        {
            "en": "until 1991?",
            "de": "bis 1991?",
            "fr": "jusqu’en 1991?",
            "es": "hasta 1991?",
            "it": "fino al 1991?",
        },
    ),
    (
        "/1991?",
        "1991",
        {
            "en": "until 1991? (start unknown)",
            "de": "bis 1991? (Beginn unbekannt)",
            "fr": "jusqu’en 1991? (début inconnu)",
            "es": "hasta 1991? (inicio desconocido)",
            "it": "fino al 1991? (inizio sconosciuto)",
        },
    ),
    (
        "1995%/..",
        "1995",
        {
            "en": "since c. 1995?",
            "de": "seit ca. 1995?",
            "fr": "depuis environ 1995?",
            "es": "desde aproximadamente 1995?",
            "it": "dal 1995 circa?",
        },
    ),
    (
        "2022-02-08~/..",
        "2022-02-08",
        {
            "en": "since c. February 8, 2022",
            "de": "seit ca. 8. Februar 2022",
            "fr": "depuis environ le 8 février 2022",
            "es": "desde aproximadamente el 8 de febrero de 2022",
            "it": "dall’8 febbraio 2022 circa",
        },
    ),
    (
        "../2021-02-08~",
        "2021-02-08",
        {
            "en": "until c. February 8, 2021",
            "de": "bis ca. 8. Februar 2021",
            "fr": "jusque vers le 8 février 2021",
            "es": "hasta aproximadamente el 8 de febrero de 2021",
            "it": "fino all’8 febbraio 2021 circa",
        },
    ),
    (
        "1996-04/",
        "1996-04",
        {
            "en": "from April 1996 (end unknown)",
            "de": "ab April 1996 (Ende unbekannt)",
            "fr": "à partir d’avril 1996 (fin inconnue)",
            "es": "desde abril de 1996 (fin desconocido)",
            "it": "dall’aprile 1996 (fine sconosciuta)",
        },
    ),
    (
        "../1997-08",
        "1997-08",
        {
            "en": "until August 1997",
            "de": "bis August 1997",
            "fr": "jusqu’en août 1997",
            "es": "hasta agosto de 1997",
            "it": "fino all’agosto 1997",
        },
    ),
    (
        "2022-02-11/..",
        "2022-02-11",
        {
            "en": "since February 11, 2022",
            "de": "seit 11. Februar 2022",
            "fr": "depuis le 11 février 2022",
            "es": "desde el 11 de febrero de 2022",
            "it": "dall’11 febbraio 2022",
        },
    ),
]
LANGUAGES = ("en", "de", "fr", "es", "it")


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_ends_read_as_the_language_writes_them(language: str, tmp_path: Path) -> None:
    events = "".join(
        event(date, f"Event {number}", source="later") for number, (date, _, _) in enumerate(DATES)
    )
    src = make_project(
        tmp_path,
        {"index": md("# Dates", "::::{timeline}\n" + events + "::::")},
        refs=REFS,
        conf=f'language = "{language}"\n',
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    (ol,) = BeautifulSoup(build.read("index.html"), "lxml").select("ol.brief-timeline")
    shown = {entry["title"]: entry for entry in entries(ol)}
    exported = {item["title"]: item for item in json.loads(build.read("events.json"))}
    for number, (date, machine, words) in enumerate(DATES):
        entry, record = shown[f"Event {number}"], exported[f"Event {number}"]
        assert entry["date"] == words[language], date
        assert record["date_display"] == words[language], date
        # the machine forms do not depend on the language
        assert entry["datetime"] == machine, date
        assert record["date"] == date

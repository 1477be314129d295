"""EDTF parsing, ordering and display as readers write dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sphinx_brief.core import dates


@pytest.mark.parametrize(
    ("text", "english", "machine"),
    [
        ("2009", "2009", "2009"),
        ("2009-06", "June 2009", "2009-06"),
        ("2010-03-05", "March 5, 2010", "2010-03-05"),
        ("1980/1988", "1980–1988", "1980"),
        ("2007-01/2007-02", "January–February 2007", "2007-01"),
        ("1993~", "c. 1993", "1993"),
        ("2009-11?", "November 2009?", "2009-11"),
        ("2009-11%", "c. November 2009?", "2009-11"),
        ("1993~/1995", "c. 1993–1995", "1993"),
        ("1985/2009-06", "1985–June 2009", "1985"),
        ("199X", "1990–1999", "1990"),
    ],
)
def test_display_and_machine_form(text: str, english: str, machine: str) -> None:
    date = dates.parse(text)
    assert date.display("en") == english
    assert date.machine == machine


def test_display_follows_language() -> None:
    assert dates.parse("2009-06").display("fr") == "juin 2009"
    assert dates.parse("2010-03-05").display("de") == "5. März 2010"
    assert dates.parse("1993~").display("fr") == "vers 1993"
    # an unknown language falls back to English rather than failing
    assert dates.parse("2009-06").display("xx-unknown") == "June 2009"


def test_bounds() -> None:
    date = dates.parse("1980/1988")
    assert (date.start, date.end) == (dt.date(1980, 1, 1), dt.date(1988, 12, 31))
    month = dates.parse("2009-02")
    assert month.end == dt.date(2009, 2, 28)


def test_order_by_start_then_less_precise_first() -> None:
    texts = ["2009-06-15", "2009-06", "2009", "2008/2010", "2009-01-01", "2010", "1993~"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key)
    assert ordered == ["1993~", "2008/2010", "2009", "2009-01-01", "2009-06", "2009-06-15", "2010"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "garbage", "2009-13", "2009-02-30", "../..", "/", "2010/2009", "June 2009"],
)
def test_unusable_dates_raise_a_reason(text: str) -> None:
    with pytest.raises(dates.DateError) as info:
        dates.parse(text)
    assert str(info.value)
    assert not dates.is_valid(text)


def test_starts_after_uses_the_latest_possible_day() -> None:
    source = dates.parse("2009-10")  # any day of October
    assert not dates.starts_after(dates.parse("2009-10-31"), source)
    assert dates.starts_after(dates.parse("2009-11"), source)
    assert dates.starts_after(dates.parse("2008-12"), dates.parse("2008-09-24"))


# Every form of EDTF date the extension accepts, as readers write it in English and German:
# one style of date per language (months in full in single dates, ranges and intervals).
EVERY_FORM = [
    # (EDTF, English, German)
    ("2009", "2009", "2009"),
    ("2009-06", "June 2009", "Juni 2009"),
    ("2010-03-05", "March 5, 2010", "5. März 2010"),
    ("1993~", "c. 1993", "um 1993"),
    ("2009-11?", "November 2009?", "November 2009?"),
    ("2009-11%", "c. November 2009?", "um November 2009?"),
    ("2010-03-05~", "c. March 5, 2010", "um den 5. März 2010"),
    ("1980/1988", "1980–1988", "1980–1988"),
    ("2007-01/2007-02", "January–February 2007", "Januar–Februar 2007"),
    ("2021-10/2022-12", "October 2021–December 2022", "Oktober 2021–Dezember 2022"),
    ("1962-10-16/1962-10-28", "October 16–28, 1962", "16.–28. Oktober 1962"),
    ("1962-10-16/1962-11-02", "October 16–November 2, 1962", "16. Oktober–2. November 1962"),
    (
        "1962-12-30/1963-01-02",
        "December 30, 1962–January 2, 1963",
        "30. Dezember 1962–2. Januar 1963",
    ),
    ("1985/2009-06", "1985–June 2009", "1985–Juni 2009"),
    ("2009-06/2009-06-15", "June 2009–June 15, 2009", "Juni 2009–15. Juni 2009"),
    ("1993~/1995", "c. 1993–1995", "um 1993–1995"),
    # each side keeps its own qualifier (issue 21): never "c. 1870–1899" for 1870~/1899~
    ("2025-10~/2025-12~", "c. October 2025–c. December 2025", "um Oktober 2025–um Dezember 2025"),
    ("1870~/1899~", "c. 1870–c. 1899", "um 1870–um 1899"),
    ("1870/1899~", "1870–c. 1899", "1870–um 1899"),
    ("1950?/1960", "1950?–1960", "1950?–1960"),
    ("199X", "1990–1999", "1990–1999"),
    ("2009-10-XX", "October 2009", "Oktober 2009"),
    # a season by its name, never as invented months (issue 21)
    ("2022-21", "Spring 2022", "Frühling 2022"),
    ("1955-22", "Summer 1955", "Sommer 1955"),
    ("1955-23", "Autumn 1955", "Herbst 1955"),
    # from one season to another, each by its name and year
    ("1955-22/1956-21", "Summer 1955–Spring 1956", "Sommer 1955–Frühling 1956"),
    ("2025-24/2026-22", "Winter 2025–Summer 2026", "Winter 2025–Sommer 2026"),
    # a qualified side: the months, with their marks (a season's name has no place for one)
    ("1955-22?/1956-21", "June 1955–May 1956?", "Juni 1955–Mai 1956?"),
    # a season to a year: the span of their months
    ("1955-22/1956", "June 1955–December 1956", "Juni 1955–Dezember 1956"),
    ("2022-02-24/..", "since February 24, 2022", "seit 24. Februar 2022"),
    ("2022-02/..", "since February 2022", "seit Februar 2022"),
    ("../1990", "until 1990", "bis 1990"),
    ("../1990-06-12", "until June 12, 1990", "bis 12. Juni 1990"),
    ("2022-02-24/", "from February 24, 2022 (end unknown)", "ab 24. Februar 2022 (Ende unbekannt)"),
    ("/1990", "until 1990 (start unknown)", "bis 1990 (Beginn unbekannt)"),
    ("1993~/..", "since c. 1993", "seit ca. 1993"),
]

#: Abbreviated month names of either language: none may appear in a date.
_ABBREVIATED = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Okt|Dez)\b\.?")


def test_one_qualified_end_qualifies_the_interval() -> None:
    """The flags say whether any end is approximate or uncertain (the filters and the
    exports read them); each end keeps its own mark in the display."""
    date = dates.parse("1950?/1960")
    assert date.uncertain and not date.approximate
    assert (date.start_qualifier, date.end_qualifier) == ("?", "")
    later = dates.parse("1950/1960~")
    assert later.approximate and not later.uncertain
    assert (later.start_qualifier, later.end_qualifier) == ("", "~")


def test_a_season_in_a_language_without_its_words_shows_its_months() -> None:
    assert dates.parse("1955-22").display("ja") == "1955年6月～8月"
    assert dates.parse("1955-22/1956-21").display("ja") == "1955年6月～1956年5月"


def test_an_open_interval_from_unspecified_digits_is_read() -> None:
    date = dates.parse("199X/..")
    assert (date.start.year, date.open_end) == (1990, dates.OPEN)
    assert date.display("en") == "since 1990–1999"


@pytest.mark.parametrize(("text", "english", "german"), EVERY_FORM)
def test_every_form_in_two_languages(text: str, english: str, german: str) -> None:
    date = dates.parse(text)
    assert date.display("en") == english
    assert date.display("de") == german
    for shown in (english, german):
        assert not _ABBREVIATED.search(shown)


def test_months_are_written_alike_in_dates_ranges_and_intervals() -> None:
    # "October" in a single date, a day range, a month range and a cross-year interval
    for language, month in (("en", "October"), ("de", "Oktober"), ("fr", "octobre")):
        for text in ("1962-10-16", "1962-10-16/1962-10-28", "1962-10/1962-12", "1962-10/1963-01"):
            assert month in dates.parse(text).display(language), (language, text)


def test_open_and_unknown_ends_in_french_and_a_fallback() -> None:
    assert dates.parse("2022-02-24/..").display("fr") == "depuis le 24 février 2022"
    assert dates.parse("../1990").display("fr") == "jusqu’en 1990"
    assert dates.parse("2022-02/").display("fr") == "à partir de février 2022 (fin inconnue)"
    # a language without phrases of its own: English phrases, the locale's date
    assert dates.parse("2022-02-24/..").display("pt") == "since 24 de fevereiro de 2022"


def test_an_approximate_day_takes_the_article_its_language_needs() -> None:
    assert dates.parse("2022-02-08~").display("fr") == "vers le 8 février 2022"
    assert dates.parse("2022-02-08~").display("de") == "um den 8. Februar 2022"
    assert dates.parse("2022-02-08~").display("en") == "c. February 8, 2022"
    # a language without words of its own: the English ones, around the locale's date
    assert dates.parse("2022-02-08~/..").display("pt") == "since c. 8 de fevereiro de 2022"


def test_open_sides_keep_the_known_bounds() -> None:
    since = dates.parse("2022-02/..")
    assert (since.open_start, since.open_end) == ("", "open")
    assert (since.start, since.end) == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert since.known_end is None and since.machine == "2022-02"
    until = dates.parse("../1990")
    assert (until.open_start, until.open_end) == ("open", "")
    assert (until.start, until.end) == (dt.date(1990, 1, 1), dt.date(1990, 12, 31))
    unknown = dates.parse("2022-02-24/")
    assert unknown.open_end == "unknown" and unknown.end == dt.date(2022, 2, 24)
    assert dates.parse("/1990").open_start == "unknown"


def test_open_dates_sort_by_their_known_start_the_open_one_first_on_a_tie() -> None:
    texts = ["2022-03", "2022-02-24", "2022-02-24/..", "../2021", "2021/2023"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key)
    assert ordered == ["../2021", "2021/2023", "2022-02-24/..", "2022-02-24", "2022-03"]


def test_starts_after_reads_the_known_sides() -> None:
    source = dates.parse("2020-05")
    # an event since 2022 started after a source of 2020 was published
    assert dates.starts_after(dates.parse("2022-02-24/.."), source)
    # an event until 2022 may have begun long before
    assert not dates.starts_after(dates.parse("../2022"), source)
    assert not dates.starts_after(dates.parse("/2022"), source)
    # a source published since 2019 (still published) may report anything
    assert not dates.starts_after(dates.parse("2022-02"), dates.parse("2019/.."))
    # its known end is what counts for a closed source
    assert dates.starts_after(dates.parse("2022-02"), dates.parse("2019/2021"))
    assert not dates.starts_after(dates.parse("2021-12"), dates.parse("2019/2021"))

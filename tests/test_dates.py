"""EDTF parsing, ordering and display as readers write dates."""

from __future__ import annotations

import datetime as dt

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
    "text", ["", "   ", "garbage", "2009-13", "2009-02-30", "../2009", "2010/2009", "June 2009"]
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

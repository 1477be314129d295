"""What a timeline's date filters keep (``:from:``/``:until:`` overlap, ``:within:`` wholly
inside), on ranges, approximate and open dates; and open dates as a build shows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core import dates
from sphinx_brief.events.records import EventRecord, TimelineFilter

from .conftest import run_sphinx
from .test_events import REFS, event, make_project, md
from .test_jsonld import jsonld


def record(date: str) -> EventRecord:
    return EventRecord.dated(dates.parse(date), "en", title=date, anchor="a")


def keeps(date: str, **options: str) -> bool:
    return TimelineFilter.of(
        (), options.get("start", ""), options.get("until", ""), options.get("within", "")
    ).accepts(record(date))


@pytest.mark.parametrize(
    ("date", "overlaps", "within"),
    [
        # against the range 2009–2010
        ("2009-06", True, True),
        ("2009/2010", True, True),
        ("2009-03/2009-05", True, True),
        ("2008/2009", True, False),  # overlaps, but starts before
        ("2010-12/2011-02", True, False),
        ("2008", False, False),
        ("2011-01-01", False, False),
        ("2009~", True, True),  # approximate: by its stated bounds
        ("2008~", False, False),
        ("2010-11?", True, True),
        ("2022-21", False, False),  # a season
        ("199X", False, False),
        # open and unknown sides reach as far as they can
        ("2009-06/..", True, False),
        ("2005/..", True, False),
        ("2011/..", False, False),
        ("../2009", True, False),
        ("../2008", False, False),
        ("2009-06/", True, False),
        ("/2010-03", True, False),
    ],
)
def test_from_until_overlap_and_within_is_wholly_inside(
    date: str, overlaps: bool, within: bool
) -> None:
    assert keeps(date, start="2009", until="2010") is overlaps
    assert keeps(date, within="2009/2010") is within


def test_within_an_open_range() -> None:
    assert keeps("2022-02-24/..", within="2022/..")
    assert keeps("2023-05", within="2022/..")
    assert not keeps("2021/..", within="2022/..")
    assert not keeps("../2023", within="2022/..")
    assert keeps("../1990", within="../1995")
    # an open bound of from/until is no bound
    assert keeps("1950", start="../2000")
    assert keeps("2050", until="2000/..")


def test_within_combines_with_from_and_until() -> None:
    assert keeps("2009-06", start="2009-05", within="2009")
    assert not keeps("2009-03", start="2009-05", within="2009")


REFS_2023 = (
    REFS + "@article{wire2023, title = {{A War Goes On}}, journal = {Wire}, date = {2023-01-10}}\n"
)


def test_filters_and_open_dates_in_a_build(tmp_path: Path) -> None:
    events = "".join(
        [
            event("2022-02-24/..", "Invasion", source="wire2023", place="Ukraine"),
            event("../1990", "Cold War", source="wire2023"),
            event("2022-10/2022-12", "Autumn", source="wire2023"),
            event("2022-02-24/", "Sanctions", source="wire2023"),
            event("2022~", "Talks", source="wire2023"),
        ]
    )
    src = make_project(
        tmp_path,
        {
            "index": md(
                "# Filters",
                events,
                "::::{timeline}\n::::",
                "::::{timeline}\n:from: 2022-06\n:until: 2022-11\n::::",
                "::::{timeline}\n:within: 2022\n::::",
                "::::{timeline}\n:within: 2022/..\n::::",
                "::::{timeline}\n:until: 1950\n::::",
            )
        },
        refs=REFS_2023,
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    lists = page.select("ol.brief-timeline")
    titles = [[t.get_text() for t in ol.select(".brief-timeline-title")] for ol in lists]
    assert titles == [
        # by known start; the open end first on a tie with its known start
        ["Cold War", "Talks", "Invasion", "Sanctions", "Autumn"],
        ["Talks", "Invasion", "Sanctions", "Autumn"],  # overlaps June–November 2022
        ["Talks", "Autumn"],  # wholly in 2022
        ["Talks", "Invasion", "Sanctions", "Autumn"],  # wholly since 2022
        ["Cold War"],  # an open start reaches back
    ]
    shown = {
        time.get_text(): time["datetime"] for time in lists[0].select("time.brief-timeline-date")
    }
    assert shown == {
        "until 1990": "1990",
        "c. 2022": "2022",
        "since February 24, 2022": "2022-02-24",
        "from February 24, 2022 (end unknown)": "2022-02-24",
        "October–December 2022": "2022-10",
    }
    # events.json keeps the EDTF as written
    exported = {item["title"]: item for item in json.loads(build.read("events.json"))}
    assert exported["Invasion"]["date"] == "2022-02-24/.."
    assert exported["Invasion"]["date_display"] == "since February 24, 2022"
    assert exported["Cold War"]["date"] == "../1990"
    assert exported["Sanctions"]["date"] == "2022-02-24/"
    # schema.org: an open or unknown side has no date of its own
    graph = {item.get("name"): item for item in jsonld(build.read("index.html"))}
    assert graph["Invasion"]["startDate"] == "2022-02-24" and "endDate" not in graph["Invasion"]
    assert graph["Cold War"]["endDate"] == "1990" and "startDate" not in graph["Cold War"]
    assert graph["Autumn"]["startDate"] == "2022-10" and graph["Autumn"]["endDate"] == "2022-12"


@pytest.mark.parametrize("option", ["from", "until", "within"])
def test_a_filter_that_cannot_be_read_keeps_no_event(tmp_path: Path, option: str) -> None:
    """Issue 21: ":within: garbage" was warned, then showed every event of the project."""
    events = event("2022~", "Talks", source="wire2023") + event("1990", "Wall", source="wire2023")
    src = make_project(
        tmp_path,
        {"index": md("# Filters", events, f"::::{{timeline}}\n:{option}: garbage\n::::")},
        refs=REFS_2023,
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert f"unusable :{option}: date" in build.warnings
    assert "shows no event until it is corrected" in build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    assert page.select(".brief-timeline-title") == []


def test_the_date_against_source_check_on_open_dates(tmp_path: Path) -> None:
    # times2009 was published on 2009-06-15
    events = "".join(
        [
            event("2010/..", "Since after the source", source="times2009"),
            event("../2012", "Until after the source", source="times2009"),
            event("2009-06-15/", "Since the day of the source", source="times2009"),
        ]
    )
    src = make_project(tmp_path, {"index": md("# Checks", events, "::::{timeline}\n::::")})
    build = run_sphinx(src, "html", tmp_path / "html")
    warnings = [line for line in build.warnings.splitlines() if "WARNING" in line]
    assert len(warnings) == 1, build.warnings
    assert "'Since after the source' is dated since 2010 (2010/..)" in warnings[0]
    assert warnings[0].endswith("[brief.date-source]")

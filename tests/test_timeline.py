"""Timelines: order, filters, and the same output whatever the build's parallelism or history."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core import dates
from sphinx_brief.events.records import EventRecord, TimelineFilter, in_timeline_order, select

from .conftest import Build, run_sphinx
from .test_events import event, make_project, md, write_page


def record(date: str, title: str = "", tags: tuple[str, ...] = ()) -> EventRecord:
    return EventRecord.dated(dates.parse(date), "en", title=title or date, anchor="a", tags=tags)


# -- order ---------------------------------------------------------------------------------
def test_order_by_start_then_less_precise_then_declaration() -> None:
    declared = [
        ("b", 0, "2009-06"),
        ("a", 0, "2009-06-15"),
        ("a", 1, "2009"),
        ("a", 2, "2009-06"),
        ("b", 1, "2009-06-01"),
        ("c", 0, "2008/2010"),
        ("c", 1, "1993~"),
        ("c", 2, "2009-11?"),
        ("c", 3, "2009-01-01"),
        ("c", 4, "2009/2010"),
        ("c", 5, "2009-01"),
        ("d", 0, "2009~"),
    ]
    items = [(doc, pos, record(date, f"{doc}{pos}"), None) for doc, pos, date in declared]
    ordered = [(item[2].date, item[0] + str(item[1])) for item in in_timeline_order(items)]
    assert ordered == [
        ("1993~", "c1"),
        ("2008/2010", "c0"),
        ("2009/2010", "c4"),  # same start as 2009: the longer span first
        ("2009", "a1"),
        ("2009~", "d0"),  # same interval as 2009: declaration order (page a before d)
        ("2009-01", "c5"),
        ("2009-01-01", "c3"),
        ("2009-06", "a2"),  # a tie: page a before page b
        ("2009-06", "b0"),
        ("2009-06-01", "b1"),
        ("2009-06-15", "a0"),
        ("2009-11?", "c2"),
    ]


def test_order_does_not_depend_on_input_order() -> None:
    items = [
        (d, p, record(t), None)
        for d, p, t in [("x", 0, "2009"), ("x", 1, "2009"), ("w", 3, "2009"), ("w", 0, "2010")]
    ]
    one = in_timeline_order(items)
    assert in_timeline_order(reversed(items)) == one
    assert [(d, p) for d, p, *_ in one] == [("w", 3), ("x", 0), ("x", 1), ("w", 0)]


# -- filters -------------------------------------------------------------------------------
def bounds(start: str = "", end: str = "", tags: tuple[str, ...] = ()) -> TimelineFilter:
    return TimelineFilter.of(tags, start, end)


@pytest.mark.parametrize(
    ("date", "passes"),
    [
        ("2009", True),  # may have happened in June or later
        ("2009-05", False),
        ("2009-05-31", False),
        ("2009-06-01", True),
        ("2008/2010", True),
        ("1980/1988", False),
        ("2009~", True),
        ("2010-11?", True),
    ],
)
def test_from_keeps_events_that_may_be_on_or_after_it(date: str, passes: bool) -> None:
    assert bounds(start="2009-06").accepts(record(date)) is passes


@pytest.mark.parametrize(
    ("date", "passes"),
    [("1980/1989", True), ("1988-12-31", True), ("1989", False), ("1988~", True)],
)
def test_until_keeps_events_that_may_be_on_or_before_it(date: str, passes: bool) -> None:
    assert bounds(end="1988").accepts(record(date)) is passes


def test_tags_are_any_of_and_combine_with_dates() -> None:
    wanted = bounds("2009", "2009", tags=("arms", "missiles"))
    assert wanted.accepts(record("2009-06", tags=("arms",)))
    assert wanted.accepts(record("2009-06", tags=("diplomacy", "missiles")))
    assert not wanted.accepts(record("2009-06", tags=("diplomacy",)))
    assert not wanted.accepts(record("2009-06"))
    assert not wanted.accepts(record("2010", tags=("arms",)))
    assert TimelineFilter().accepts(record("1979"))


def test_select_filters_then_orders() -> None:
    records = [
        ("a", 0, record("2010", "late", ("arms",))),
        ("a", 1, record("2001", "early", ("arms",))),
        ("b", 0, record("2005", "other", ("trade",))),
    ]
    assert [r.title for _, _, r in select(records, bounds(tags=("arms",)))] == ["early", "late"]


def test_filters_in_a_build(tmp_path: Path) -> None:
    events = "".join(
        [
            event("2009-06", "June", tags="arms", source="times2009"),
            event("1985", "Eighties", tags="missiles", source="times2009"),
            event("2009", "Year", tags="diplomacy", source="times2009"),
        ]
    )
    src = make_project(
        tmp_path,
        {
            "index": md(
                "# Filters",
                events,
                "::::{timeline}\n:tags: arms, missiles\n::::",
                "::::{timeline}\n:from: 2009-06\n::::",
                "::::{timeline}\n:until: 2008\n::::",
                "::::{timeline}\n:tags: diplomacy\n:from: 2000\n:until: 2009-01\n::::",
            )
        },
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    titles = [
        [t.get_text() for t in ol.select(".brief-timeline-title")]
        for ol in page.select("ol.brief-timeline")
    ]
    assert titles == [["Eighties", "June"], ["Year", "June"], ["Eighties"], ["Year"]]


# -- parallel ------------------------------------------------------------------------------
def many_pages(root: Path) -> Path:
    """Enough pages (more than 5) for Sphinx to read and write in parallel."""
    pages = {
        "index": md("# Index", "::::{timeline}\n::::", "```{toctree}\n:glob:\n\np*\nsources\n```")
    }
    for number in range(8):
        # the same dates on every page: only declaration order can break the ties
        pages[f"p{number}"] = md(
            f"# Page {number}",
            event("2009-06", f"June event of page {number}", source="times2009", tags="arms"),
            f"Text of page {number}.",
            event(
                "2009",
                f"Year event of page {number}",
                source="times2009",
                body=f"Body *{number}* with a link to {{doc}}`p{(number + 1) % 8}`.",
            ),
            "::::{timeline}\n:from: 2009-06\n::::",
        )
    return make_project(root, pages)


def html_files(build: Build) -> dict[str, str]:
    return {
        str(p.relative_to(build.outdir)): p.read_text(encoding="utf-8")
        for p in sorted(build.outdir.rglob("*.html"))
    } | {"events.json": build.read("events.json")}


@pytest.mark.slow
def test_parallel_output_is_identical_to_serial(tmp_path: Path) -> None:
    src = many_pages(tmp_path)
    serial = run_sphinx(src, "html", tmp_path / "serial")
    parallel = run_sphinx(src, "html", tmp_path / "parallel", parallel=2)
    assert serial.warnings == parallel.warnings == ""
    # it really ran in parallel: pages are read in chunks ("index .. p3")
    assert re.search(r"reading sources\.\.\. \[[ 0-9]+%\] \S+ \.\. \S+", parallel.status)
    assert parallel.app.builder.parallel_ok
    one, two = html_files(serial), html_files(parallel)
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name
    index = BeautifulSoup(one["index.html"], "lxml")
    titles = [t.get_text() for t in index.select("ol.brief-timeline .brief-timeline-title")]
    assert titles == [f"Year event of page {n}" for n in range(8)] + [
        f"June event of page {n}" for n in range(8)
    ]


# -- incremental ---------------------------------------------------------------------------
def timeline_html(build: Build, page: str = "index.html") -> list[str]:
    soup = BeautifulSoup(build.read(page), "lxml")
    return [str(ol) for ol in soup.select("ol.brief-timeline")]


def written(build: Build) -> set[str]:
    """The pages a (serial) build wrote."""
    return set(re.findall(r"writing output\.\.\. \[[ 0-9]+%\] (\S+)", build.status))


def touch_later(path: Path) -> None:
    """Make sure Sphinx sees the file as changed, however fast the test runs."""
    later = time.time() + 5
    os.utime(path, (later, later))


class Incremental:
    """A project built once, then edited and rebuilt in place, against clean builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.src = make_project(
            root,
            {
                "index": md("# Chronology", "::::{timeline}\n::::"),
                "a": md(
                    "---\norphan: true\n---",
                    "# A",
                    "Text.",
                    event("2009-06", "Event A", source="times2009"),
                ),
                "b": md(
                    "---\norphan: true\n---",
                    "# B",
                    "Text.",
                    event("2008-12", "Event B", source="irna2008", date_note="Reported early."),
                ),
            },
        )
        self.first = run_sphinx(self.src, "html", root / "incremental")
        assert self.first.warnings == "", self.first.warnings

    def rebuild(self) -> Build:
        return run_sphinx(self.src, "html", self.root / "incremental", freshenv=False)

    def clean(self, name: str) -> Build:
        copy = self.root / f"clean-{name}"
        shutil.copytree(self.src, copy)
        return run_sphinx(copy, "html", self.root / f"clean-{name}-out")

    def check(self, name: str) -> list[str]:
        again = self.rebuild()
        assert "Traceback" not in again.warnings
        assert "index" in written(again), "the collecting page was not rewritten"
        fresh = self.clean(name)
        assert timeline_html(again) == timeline_html(fresh)
        return [
            t.get_text()
            for t in BeautifulSoup(again.read("index.html"), "lxml").select(".brief-timeline-title")
        ]


@pytest.fixture
def incremental(tmp_path: Path) -> Incremental:
    return Incremental(tmp_path)


def test_editing_an_event_rewrites_the_collector(incremental: Incremental) -> None:
    page = incremental.src / "a.md"
    page.write_text(page.read_text().replace("2009-06", "2007-06").replace("Event A", "Edited"))
    touch_later(page)
    assert incremental.check("edit") == ["Edited", "Event B"]


def test_adding_an_event_rewrites_the_collector(incremental: Incremental) -> None:
    page = incremental.src / "b.md"
    page.write_text(page.read_text() + "\n" + event("2010", "Added", source="times2009"))
    touch_later(page)
    assert incremental.check("add") == ["Event B", "Event A", "Added"]


def test_adding_a_page_rewrites_the_collector(incremental: Incremental) -> None:
    write_page(
        incremental.src,
        "c",
        md("---\norphan: true\n---", "# C", event("1999", "New page", source="times2009")),
    )
    assert incremental.check("add-page") == ["New page", "Event B", "Event A"]


def test_deleting_an_event_rewrites_the_collector(incremental: Incremental) -> None:
    page = incremental.src / "a.md"
    text = page.read_text()
    page.write_text(text[: text.index(":::{event}")])
    touch_later(page)
    assert incremental.check("delete") == ["Event B"]


def test_deleting_a_page_rewrites_the_collector(incremental: Incremental) -> None:
    (incremental.src / "b.md").unlink()
    assert incremental.check("delete-page") == ["Event A"]


def test_an_unrelated_edit_leaves_the_collector_alone(incremental: Incremental) -> None:
    page = incremental.src / "a.md"
    page.write_text(page.read_text().replace("Text.", "Other text."))
    touch_later(page)
    again = incremental.rebuild()
    assert written(again) == {"a"}
    assert timeline_html(again) == timeline_html(incremental.first)

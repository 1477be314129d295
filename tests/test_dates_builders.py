"""One style of date per language in every builder: a project in German shows single dates,
day and month ranges and open intervals with the months in full, in HTML, LaTeX and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import run_sphinx
from .test_events import event, make_project, md

# in timeline order: by start, the longer span first (an open or unknown end the longest)
EVENTS = [
    ("1962-10/1962-12", "Monate", "Oktober–Dezember 1962"),
    ("1962-10-16/..", "Offen", "seit 16. Oktober 1962"),
    ("1962-10-16/", "Unbekannt", "ab 16. Oktober 1962 (Ende unbekannt)"),
    ("1962-10-16/1962-10-28", "Tage", "16.–28. Oktober 1962"),
    ("1962-10-16", "Ein Tag", "16. Oktober 1962"),
]


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("german")
    events = "".join(event(date, title, source="times2009") for date, title, _ in EVENTS)
    return make_project(
        root,
        {"index": md("# Daten", "::::{timeline}\n" + events + "::::")},
        conf='language = "de"\n',
    )


def test_html(german: Path, tmp_path: Path) -> None:
    build = run_sphinx(german, "html", tmp_path / "html")
    assert build.warnings == "", build.warnings
    page = BeautifulSoup(build.read("index.html"), "lxml")
    shown = [time.get_text() for time in page.select("time.brief-timeline-date")]
    assert shown == [text for _, _, text in EVENTS]


def test_latex(german: Path, tmp_path: Path) -> None:
    build = run_sphinx(german, "latex", tmp_path / "latex")
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8").replace("\\textendash{}", "–")
    for _, _, text in EVENTS:
        assert f"\\sphinxbriefitem{{{text}}}" in tex


def test_text(german: Path, tmp_path: Path) -> None:
    text = run_sphinx(german, "text", tmp_path / "text").read("index.txt")
    for _, title, shown in EVENTS:
        assert f"{shown} — **{title}**" in text

"""A PDF chronology that fits its dates: the column as wide as the widest date, a date too
wide for it above its entry, no date hyphenated, no overfull box, links upright (the short
citations' italics those of the web)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_events import REFS, event, make_project, md

REFS_LATE = (
    # an article: its journal is italic in a short citation (a report's institution is not)
    REFS + "@article{fink2026forces, author = {Fink, Anya}, title = {{Russia's Nuclear Forces}},"
    " journal = {Arms Control Today}, date = {2026-04-22}}\n"
)

LONG_DATES = [
    ("2022-10/2022-12", "Exercises are held", "October–December 2022"),
    ("2025-10~/2025-12~", "Talks may resume", "c. October 2025–c. December 2025"),
    ("2022-02-24/..", "The war goes on", "since February 24, 2022"),
    ("../1991-12-26", "The Soviet era", "until December 26, 1991"),
    ("2023-02-21/", "A treaty is suspended", "from February 21, 2023 (end unknown)"),
    ("1962-10-16/1962-10-28", "The Cuban crisis", "October 16–28, 1962"),
    ("2024", "A short date", "2024"),
]


def long_dates_project(root: Path, extra: str = "") -> Path:
    events = "".join(
        event(date, title, source="fink2026forces", body="A line of description. " * 5)
        for date, title, _ in LONG_DATES
    )
    return make_project(
        root,
        {
            "index": md(
                "# Long dates",
                "::::{timeline}\n" + events + "::::",
                extra,
                "```{toctree}\nsources\n```",
            )
        },
        refs=REFS_LATE,
    )


def test_the_column_is_measured_on_the_timeline_s_longest_dates(tmp_path: Path) -> None:
    build = run_sphinx(long_dates_project(tmp_path), "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    opening = re.search(r"\\begin\{sphinxbrieftimeline\}\{(.*)\}\n", tex)
    assert opening is not None
    measured = re.findall(r"\\sphinxbriefdate\{((?:[^{}]|\{\})*)\}", opening.group(1))
    # the longest first; each date once
    assert measured[0] == "from February 21, 2023 (end unknown)"
    assert "c. October 2025\\textendash{}c. December 2025" in measured
    assert len(measured) == len(set(measured)) == len(LONG_DATES)
    assert r"\par\nobreak" in tex  # an entry's first line stays with what follows


@pytest.mark.slow
def test_long_dates_fit_in_the_pdf(tmp_path: Path) -> None:
    require_tool("pdftotext")
    build = run_sphinx(long_dates_project(tmp_path), "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    pdf = compile_pdf(build.outdir)
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Overfull" not in log, re.findall(r"Overfull.*", log)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for _, title, shown in LONG_DATES:
        assert shown in flat, shown  # whole: never hyphenated, never broken
        assert title in flat
    assert "Octo-" not in text and "Decem-" not in text and "Febru-" not in text
    # a date that fits is beside its title, on one line of the layout
    lines = text.splitlines()
    assert any(re.search(r"October–December 2022\s+Exercises are held", line) for line in lines)
    assert any(re.search(r"^\s*2024\s+A short date", line) for line in lines)


def test_short_citations_keep_the_web_s_italics(tmp_path: Path) -> None:
    build = run_sphinx(long_dates_project(tmp_path), "latex", tmp_path / "latex")
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    # the link is \sphinxcrossref, upright inside a chronology: only the publication is
    # italic, as on the web
    assert r"\sphinxcrossref{Fink, \sphinxstyleemphasis{" in tex
    sty = (build.outdir / "sphinxbrieftimeline.sty").read_text(encoding="utf-8")
    assert r"\DeclareRobustCommand*{\sphinxcrossref}[1]{##1}" in sty


def test_a_date_too_wide_for_the_column_goes_above_its_entry(tmp_path: Path) -> None:
    require_tool("pdftotext")
    src = long_dates_project(tmp_path)
    # a narrow column: the long dates cannot stand in it
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8")
        + "latex_elements = {'preamble': r'\\renewcommand{\\sphinxbriefmaxdatewidth}{6em}'}\n",
        encoding="utf-8",
    )
    build: Build = run_sphinx(src, "latex", tmp_path / "latex")
    pdf = compile_pdf(build.outdir)
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Overfull" not in log, re.findall(r"Overfull.*", log)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines()]
    # the wide date on a line of its own, the title on the next
    at = lines.index("from February 21, 2023 (end unknown)")
    assert lines[at + 1].startswith("A treaty is suspended")
    assert any(re.search(r"^2024\s+A short date", line) for line in lines)


def test_the_brief_s_pdf_has_no_overfull_box(brief_pdf: Path) -> None:
    log = brief_pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "Overfull" not in log, re.findall(r"Overfull.*", log)
    text = subprocess.run(
        ["pdftotext", "-layout", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the chronology's longest date, whole, on its own line above its entry (too wide for
    # the column); the others beside their titles
    assert re.search(r"^September 1980–August 1988\n\s+Pyongyang supplies Iran", text, re.M)
    assert re.search(r"^March 5, 2010\s+Jane’s Information Group", text, re.M)
    assert "Octo-" not in text and "Septem-" not in text

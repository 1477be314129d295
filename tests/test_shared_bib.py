"""A shared refs.bib costs a brief what the entries it cites cost (issue 24, point 5).

An institution keeps one bib file for all its briefs; a brief cites a few of its entries.
These tests count, never time (``make bench`` times it: bench/RESULTS.md): each cited entry
is formatted once per build per form (its note, its bibliography entry, its schema.org
work), no entry it does not cite is formatted, the file is read into entries once (by
sphinxcontrib-bibtex: the extension's syntax check makes none), and where entries start is
worked out only when a warning needs it, in one pass over the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pybtex.database.input.bibtex as pybtex_bibtex
import pytest

from sphinx_brief import bibtex
from sphinx_brief.citations import BriefStyle, style
from sphinx_brief.site import jsonld

from .conftest import Build, run_sphinx
from .test_perf import load_bench

sharedbib = load_bench("sharedbib")

ENTRIES, CITED = 600, 12


def corpus(tmp_path: Path, *, only_cited: bool = False, name: str = "src") -> Path:
    src = tmp_path / name
    options = sharedbib.Options(ENTRIES, CITED, only_cited=only_cited, pages=3, theme="basic")
    sharedbib.generate(options, src)
    return src


class Counts:
    """Calls counted while a build runs (monkeypatched wrappers of the real functions)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entries_read = 0
        self.bibliography_entries: list[str] = []
        self.works: list[str] = []
        self.scans = 0
        self.footcite_ids = 0
        read, compose, work = (
            pybtex_bibtex.Parser.process_entry,
            style.compose_entry,
            jsonld._work,
        )
        scan, footcite_ids = bibtex.scan, jsonld._footcite_ids

        def process_entry(parser: Any, *args: Any) -> Any:
            self.entries_read += 1
            return read(parser, *args)

        def compose_entry(parts: Any) -> Any:
            self.bibliography_entries.append(str(parts.title))
            return compose(parts)

        def made_work(entry: Any, archive_links: bool) -> Any:
            self.works.append(entry.key)
            return work(entry, archive_links)

        def scanned(paths: Any) -> Any:
            self.scans += 1
            return scan(paths)

        def footcites(*args: Any) -> Any:
            self.footcite_ids += 1
            return footcite_ids(*args)

        monkeypatch.setattr(pybtex_bibtex.Parser, "process_entry", process_entry)
        monkeypatch.setattr(style, "compose_entry", compose_entry)
        monkeypatch.setattr(jsonld, "_work", made_work)
        monkeypatch.setattr(bibtex, "scan", scanned)
        monkeypatch.setattr(jsonld, "_footcite_ids", footcites)
        jsonld._WORKS.clear()


def test_the_generated_shared_file_is_realistic_and_the_cited_entries_the_same(
    tmp_path: Path,
) -> None:
    shared = corpus(tmp_path)
    own = corpus(tmp_path, only_cited=True, name="own")
    text = (shared / "refs.bib").read_text(encoding="utf-8")
    assert text.count("\n@") + 1 == ENTRIES
    for kind in ("@article{", "@online{", "@report{", "@book{", "@incollection{", "@misc{"):
        assert kind in text, kind
    for field in ("url ", "abstract ", "address ", "shorttitle ", "library "):
        assert field in text, field
    own_text = (own / "refs.bib").read_text(encoding="utf-8")
    assert own_text.count("\n@") + 1 == CITED
    # the brief's own file holds the very entries of the shared one
    assert all(chunk in text for chunk in own_text.split("\n\n"))
    assert (shared / "part001.md").read_text() == (own / "part001.md").read_text()


def test_only_the_cited_entries_are_formatted_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = Counts(monkeypatch)
    before = BriefStyle.formatted_count
    build: Build = run_sphinx(corpus(tmp_path), "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    # each cited entry read into its note's parts once (cited twice on its page, listed
    # on the Sources page, with sphinxcontrib-bibtex's tooltip): none of the others
    assert BriefStyle.formatted_count - before == CITED
    assert len(counts.bibliography_entries) == CITED  # the Sources page's form, once each
    assert len(counts.works) == len(set(counts.works)) == CITED  # the schema.org works
    # the shared file made into entries once: by sphinxcontrib-bibtex, not by the check
    assert counts.entries_read == ENTRIES
    # no warning needed to say where an entry starts, no {footcite} to find by its id
    assert counts.scans == 0 and counts.footcite_ids == 0
    sources = build.read("sources.html")
    assert sources.count('class="citation"') + sources.count("<li") >= CITED


def test_a_bibliography_of_every_entry_formats_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = corpus(tmp_path)
    (src / "sources.md").write_text("# Sources\n\n```{bibliography}\n:all:\n:list: bullet\n```\n")
    counts = Counts(monkeypatch)
    before = BriefStyle.formatted_count
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert BriefStyle.formatted_count - before == ENTRIES
    assert len(counts.bibliography_entries) == ENTRIES
    assert len(counts.works) == len(set(counts.works)) == ENTRIES
    assert counts.entries_read == ENTRIES


def test_where_entries_start_is_worked_out_once_when_a_warning_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = corpus(tmp_path)
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    # two entries the note style cannot read well (an unreadable date), far apart
    lines = text.splitlines()
    keys = (
        sharedbib.entry_key(sharedbib.cited_indexes(ENTRIES, CITED)[0]),
        sharedbib.entry_key(sharedbib.cited_indexes(ENTRIES, CITED)[-1]),
    )
    for key in keys:
        start = lines.index(next(line for line in lines if line.endswith(f"{{{key},")))
        date = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("date"))
        lines[date] = "  date       = {someday},"
    bib.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = Counts(monkeypatch)
    build = run_sphinx(src, "html", tmp_path / "out")
    warned = [line for line in build.warnings.splitlines() if "[brief.bibtex]" in line]
    assert len(warned) == 2, build.warnings
    for key in keys:
        number = next(n for n, text in enumerate(lines, start=1) if text.endswith(f"{{{key},"))
        start = f"{bib}:{number}: WARNING: bib entry '{key}'"
        assert any(line.startswith(start) for line in warned), (start, warned)
    assert counts.scans == 1


def test_scan_counts_lines_as_the_file_has_them(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "% a comment\n@string{x = {y}}\n\n@article{one,\n title = {A}}\n"
        "@comment{skipped, x}\n\n\n@book(two, title = {B})\n@article{one, title={again}}\n",
        encoding="utf-8",
    )
    assert bibtex.scan([bib]) == {"one": [(str(bib), 4), (str(bib), 10)], "two": [(str(bib), 9)]}


def test_the_syntax_check_finds_what_pybtex_finds(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.bib", tmp_path / "bad.bib"
    good.write_text("@string{j = {Journal}}\n@article{a, journal = j, month = jun}\n")
    bad.write_text("@article{b, title = {Open\n@article{c, title = undefined}\n")
    assert bibtex.syntax_errors([good], "utf-8") == []
    found = bibtex.syntax_errors([good, bad, tmp_path / "missing.bib"], "utf-8")
    assert found and all(error.filename == str(bad) for error in found)


def test_the_bench_section_times_the_shared_file_against_the_cited_entries(
    tmp_path: Path,
) -> None:
    bench = load_bench("run")
    output = tmp_path / "RESULTS.md"
    code = bench.main(
        [
            "--reps",
            "1",
            "--sections",
            "sharedbib",
            "--shared-entries",
            "60",
            "--shared-cited",
            "3,6",
            "--output",
            str(output),
            "--workdir",
            str(tmp_path / "work"),
        ]
    )
    assert code == 0
    report = output.read_text(encoding="utf-8")
    assert "## A shared refs.bib" in report and "**failed**" not in report, report
    assert "| cites 3; refs.bib: only those 3 |" in report
    assert "| cites 6; refs.bib: the shared 60 |" in report
    assert "shared refs.bib (60 entries): a brief citing 6 ≤ 1.2 × the same with only those 6" in (
        report
    )

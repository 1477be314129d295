"""The benchmark tools keep working: the corpus generator and the harness, at a tiny size.

Benchmarks are not timed tests: nothing here asserts a duration.
"""

from __future__ import annotations

import ast
import contextlib
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core import dates

from .conftest import Build, require_tool, run_sphinx
from .test_perf import load_bench

generate = load_bench("generate")
bench = load_bench("run")


def make(tmp_path: Path, name: str = "src", **sizes: object) -> Path:
    out = tmp_path / name
    generate.generate(generate.Options(**sizes), out)
    return out


def conf_values(src: Path) -> dict[str, object]:
    """The literal assignments of a generated conf.py."""
    values: dict[str, object] = {}
    for node in ast.parse((src / "conf.py").read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def test_generated_project_shape(tmp_path: Path) -> None:
    pandoc = tmp_path / "pandoc" / "corpus.md"
    src = make(
        tmp_path,
        pages=3,
        paragraphs=2,
        footcites=4,
        keys=2,
        quotes=3,
        events=7,
        timeline=True,
        quotations=True,
        pandoc=pandoc,
    )
    pages = sorted(p.name for p in (src / "pages").iterdir())
    assert pages == ["page0001.md", "page0002.md", "page0003.md"]
    for name in (
        "conf.py",
        "index.md",
        "refs.bib",
        "timeline.md",
        "quotations.md",
        "_bench_timing.py",
    ):
        assert (src / name).is_file(), name
    conf = conf_values(src)
    assert conf["extensions"] == ["myst_parser", "sphinxcontrib.bibtex", "sphinx_brief"]
    assert conf["bibtex_default_style"] == "brief"
    tags = conf["brief_tags"]
    assert isinstance(tags, dict) and tags

    bib = (src / "refs.bib").read_text()
    assert bib.count("@article{") == 2
    for field in ("author", "title", "journal", "date", "url", "urldate"):
        assert bib.count(f"  {field} = ") == 2, field

    text = "\n".join((src / "pages" / p).read_text() for p in pages)
    assert len(re.findall(r"\{footcite\}`src000[01]`", text)) == 12
    assert text.count(":::{quote}") == 3
    events = re.findall(r":::\{event\} (\S+)", text)
    assert len(events) == 7
    for date in events:
        dates.parse(date)  # every date is valid EDTF
    for line in re.findall(r":tags: (.*)", text):
        assert {tag.strip() for tag in line.split(",")} <= set(tags)
    assert text.count("{footbibliography}") == 3
    index = (src / "index.md").read_text()
    assert "timeline\nquotations\npages/page0001" in index

    assert pandoc.exists() and (pandoc.parent / "refs.bib").exists()
    assert len(re.findall(r"\[@src000[01]\]", pandoc.read_text())) == 12


def test_variants(tmp_path: Path) -> None:
    stock = make(tmp_path, "stock", pages=2, footcites=3, variant="stock")
    conf = conf_values(stock)
    assert "sphinx_brief" not in conf["extensions"]  # type: ignore[operator]
    assert conf["bibtex_default_style"] == "unsrt"
    assert "year = {2010}" in (stock / "refs.bib").read_text()
    nocite = make(tmp_path, "nocite", pages=2, footcites=3, variant="nocite")
    assert "{footcite}" not in (nocite / "pages" / "page0001.md").read_text()
    with pytest.raises(ValueError, match="stock"):
        make(tmp_path, "bad", variant="stock", events=3)
    # the same arguments write the same bytes
    again = make(tmp_path, "stock2", pages=2, footcites=3, variant="stock")
    assert (again / "pages" / "page0002.md").read_bytes() == (
        stock / "pages" / "page0002.md"
    ).read_bytes()


def test_generated_corpus_builds_without_warnings(tmp_path: Path) -> None:
    src = make(
        tmp_path,
        pages=2,
        paragraphs=2,
        footcites=3,
        keys=2,
        quotes=2,
        events=6,
        timeline=True,
        quotations=True,
        theme="alabaster",
    )
    build: Build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("timeline.html"), "lxml")
    assert len(soup.select("time[datetime]")) >= 6


def harness(tmp_path: Path, sections: str, *sizes: str) -> tuple[Path, str]:
    """bench/run.py at a tiny size, one run of each command: the report's path and text."""
    output = tmp_path / "RESULTS.md"
    where = ("--output", str(output), "--workdir", str(tmp_path / "work"))
    code = bench.main(["--reps", "1", "--sections", sections, *sizes, *where])
    assert code == 0
    return output, output.read_text()


def test_harness_writes_a_report(tmp_path: Path) -> None:
    output, report = harness(
        tmp_path,
        "citations,timeline",
        *("--citation-pages", "2", "--citation-footcites", "3"),
        *("--timeline-events", "4,8", "--timeline-pages", "2", "--no-pandoc"),
    )
    assert "## Machine" in report and "sphinxcontrib-bibtex 2.7" in report
    assert "## The citation corpus" in report and "## The timeline at scale" in report
    assert "**failed**" not in report, report
    assert re.search(r"\| this project \(`brief` style, sphinx_brief\) \| \d+\.\d\d s", report)
    assert re.search(r"Output against stock: \d+ HTML pages compared", report)
    assert "**identical**" in report
    assert re.search(r"8 events / 2 pages \| [\d.]+ s \|.*\| [\d.]+ s \|", report)
    assert "time(8) / time(4)" in report
    assert output.resolve() != (bench.HERE / "RESULTS.md").resolve()


def test_harness_helpers(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text("The government said. Another government.\n")
    bench.toggle_word(page)
    assert page.read_text() == "The administration said. Another government.\n"
    bench.toggle_word(page)
    assert page.read_text() == "The government said. Another government.\n"

    run = bench.Run(
        1.0,
        1.0,
        1000,
        0,
        "writing output... [ 50%] index\nwriting output... [100%] chronology\n",
        "",
    )
    assert bench.written_pages(run) == ["chronology", "index"]

    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    (out / "index.html").write_text(
        '<link rel="stylesheet" href="_static/a.css?v=1"><script src="_static/b.js"></script>'
        '<img src="https://example.org/x.png"><link rel="icon" href="_static/i.svg">'
    )
    (out / "_static" / "a.css").write_text("@font-face{src:url('f.woff2')} body{}")
    (out / "_static" / "f.woff2").write_bytes(b"\0" * 100)
    (out / "_static" / "b.js").write_text("var x;")
    (out / "_static" / "i.svg").write_text("<svg/>")
    rows = {name: raw for name, raw, _ in bench.page_transfer(out)}
    assert rows == {
        "index.html": len((out / "index.html").read_bytes()),
        "_static/a.css": 37,
        "_static/f.woff2": 100,
        "_static/b.js": 6,
        "_static/i.svg": 6,
    }


def test_a_failed_run_is_tried_again_and_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(bench, "RETRY_PAUSE", 0)
    flag = tmp_path / "flag"
    script = (
        f"import pathlib, sys; p = pathlib.Path({str(flag)!r}); "
        "ok = p.exists(); p.touch(); sys.exit(0 if ok else 3)"
    )
    case = bench.Case("flaky", [sys.executable, "-c", script], tmp_path)
    assert case.run_once().ok
    assert len(case.runs) == 1 and len(case.failed) == 1 and case.ok
    assert "1 failed run(s) left out: exit 3" in case.label_note
    assert bench.case_row(case).startswith("| flaky (1 failed run(s)")


def test_rounds_and_instruction_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import sys

    def case(label: str, *seconds: float) -> Any:
        made = bench.Case(label, [sys.executable, "-c", "pass"], tmp_path)
        made.runs = [bench.Run(s, s, 1000, 0, "", "") for s in seconds]
        return made

    # round by round: a slow spell (the third round) is in both, and drops out of the ratio
    slow, fast = case("a", 1.2, 1.2, 3.6), case("b", 1.0, 1.0, 3.0)
    assert bench.round_ratio(slow, fast) == pytest.approx(1.2)
    assert bench.ratio(slow, fast) == pytest.approx(1.2)
    assert bench.round_ratio(case("a", 1.0), case("b")) is None

    quiet = bench.Case("quiet", [sys.executable, "-c", "pass"], tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert bench.count_instructions([quiet]) == [None]
    monkeypatch.undo()
    require_tool("valgrind")
    small = bench.Case("small", [sys.executable, "-c", "pass"], tmp_path)
    big = bench.Case("big", [sys.executable, "-c", "sum(range(3_000_000))"], tmp_path)
    failing = bench.Case("failing", [sys.executable, "-c", "raise SystemExit(2)"], tmp_path)
    counts = bench.count_instructions([small, big, failing])
    assert counts[0] and counts[1] and counts[1] > counts[0] * 1.5
    assert counts[2] is None


def test_the_marks_variant_is_an_empty_node_per_note(tmp_path: Path) -> None:
    """The floor under the notes' cost: the ``{note}`` roles of the ``note`` variant, each
    read as a role and made one empty node, with no note, number or source anywhere."""
    src = make(tmp_path, "marks", pages=2, footcites=4, paragraphs=2, keys=2, variant="marks")
    text = (src / "pages" / "page0001.md").read_text()
    assert text.count("{note}`@") == 4
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("pages/page0001.html"), "lxml")
    body = soup.select_one("article")
    assert body is not None
    assert len(body.select("span:not([class]):empty")) == 4
    assert not soup.select("a.footnote-reference, aside.footnote")
    assert "{note}" not in body.get_text()


def test_the_shapes_section_reports_each_ratio_and_its_floor(tmp_path: Path) -> None:
    _, report = harness(tmp_path, "notes", "--citation-pages", "2", "--citation-footcites", "4")
    assert "**failed**" not in report, report
    for shape in ("bench", "prose", "mixed"):
        assert re.search(rf"\| {shape}: an empty node per note \| \d+\.\d\d s", report), shape
        row = re.search(rf"^\| {shape} \| .*$", report, re.M)
        assert row is not None, shape
        # note / no citations, CPU, rounds, instructions (not counted), the floor
        cells = [c.strip() for c in row.group().strip("|").split("|")]
        assert re.fullmatch(r"\*\*\d+\.\d\d×\*\*", cells[2]) and cells[5] == "—", cells
        assert re.fullmatch(r"\d+\.\d\d×, —", cells[6]), cells

"""Citation-heavy builds: the notes memoised per build (the note style's settings) and the
EDTF shortcut.  These count calls, never time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pybtex.plugin
import pybtex.style.formatting
import pytest

from sphinx_brief.citations import BriefStyle
from sphinx_brief.citations.settings import NoteSettings
from sphinx_brief.core import dates

from .conftest import ROOT, run_sphinx


def load_bench(name: str) -> ModuleType:
    """A module of bench/ (a folder of scripts, not a package)."""
    module_name = f"_bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def test_pybtex_and_sphinxcontrib_bibtex_keep_their_own_functions(tmp_path: Path) -> None:
    """The extension replaces no function of another library, before or after a build."""
    import sphinxcontrib.bibtex.foot_roles as foot_roles

    original = pybtex.plugin.find_plugin
    assert original.__module__ == "pybtex.plugin"
    src = _corpus(tmp_path, pages=1, paragraphs=1, footcites=2, keys=1)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert pybtex.plugin.find_plugin is original
    assert pybtex.style.formatting.find_plugin is original  # type: ignore[attr-defined]
    assert foot_roles.find_plugin is original


def test_styles_made_alike_share_their_plugins() -> None:
    first, second = BriefStyle(), BriefStyle()
    assert first.name_style is second.name_style
    assert first.label_style is second.label_style and first.sort == second.sort
    other = BriefStyle(abbreviate_names=True)
    assert other.abbreviate_names and not second.abbreviate_names
    uncached = NoteSettings(cache=False)
    assert BriefStyle(settings=uncached).name_style is not BriefStyle(settings=uncached).name_style


def _corpus(tmp_path: Path, **sizes: int) -> Path:
    generate = load_bench("generate")
    src = tmp_path / "src"
    generate.generate(generate.Options(theme="alabaster", **sizes), src)  # type: ignore[arg-type]
    return src


def test_a_note_is_formatted_once_for_many_citations(tmp_path: Path) -> None:
    src = _corpus(tmp_path, pages=3, paragraphs=2, footcites=20, keys=2)
    before = BriefStyle.formatted_count
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert BriefStyle.formatted_count - before == 2  # 60 citations of 2 keys


def test_a_pages_json_ld_work_is_made_once_per_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_brief.site import jsonld

    made: list[str] = []
    real = jsonld._work

    def counting(entry: Any, archive_links: bool) -> Any:
        made.append(entry.key)
        return real(entry, archive_links)

    monkeypatch.setattr(jsonld, "_work", counting)
    jsonld._WORKS.clear()
    src = _corpus(tmp_path, pages=4, paragraphs=2, footcites=6, keys=2)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert sorted(made) == ["src0000", "src0001"]  # cited on 4 pages, made once each
    assert build.read("pages/page0004.html").count('"@type":"Article"') >= 2


def test_output_is_identical_with_and_without_the_caches(tmp_path: Path) -> None:
    src = _corpus(tmp_path, pages=2, paragraphs=2, footcites=8, keys=3)
    cached = run_sphinx(src, "html", tmp_path / "cached")
    before = BriefStyle.formatted_count
    plain = run_sphinx(
        src, "html", tmp_path / "plain", confoverrides={"brief_citation_cache": False}
    )
    assert BriefStyle.formatted_count - before == 16  # every citation formatted anew
    assert cached.warnings == plain.warnings == ""

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and p.name != ".buildinfo" and ".doctrees" not in p.parts
        }

    ours, theirs = files(cached.outdir), files(plain.outdir)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "“" in ours["pages/page0001.html"].decode()  # the brief style's notes are there


def test_warnings_are_still_given_once_per_build_with_the_cache(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_brief"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "brief"\n'
    )
    # (an undated entry is "n.d.", no fault: a date that cannot be read is one)
    (src / "refs.bib").write_text(
        "@article{baddate, title = {Undated}, journal = {J}, date = {someday}}\n"
    )
    (src / "index.md").write_text(
        "# T\n\nA{footcite}`baddate`. B{footcite}`baddate`. C{note}`@baddate, 4`.\n\n"
        "```{footbibliography}\n```\n"
    )
    for attempt in range(2):  # each build reports again, once
        build = run_sphinx(src, "html", tmp_path / f"out{attempt}")
        assert build.warnings.count("bib entry 'baddate': its date cannot be read") == 1, attempt


def _edtf_grammar_only(text: str) -> object:
    """dates.parse with the Level 0 shortcut turned off: what the EDTF grammar gives."""
    from unittest import mock

    with mock.patch.object(dates, "_level0", return_value=None):
        dates.parse.cache_clear()
        try:
            return dates.parse(text)
        except dates.DateError as exc:
            return f"DateError: {exc}"
        finally:
            dates.parse.cache_clear()


def _with_shortcut(text: str) -> object:
    dates.parse.cache_clear()
    try:
        return dates.parse(text)
    except dates.DateError as exc:
        return f"DateError: {exc}"
    finally:
        dates.parse.cache_clear()


LEVEL0_SAMPLES = [
    "2009",
    "0000",
    "1999",
    "2009-06",
    "2009-01",
    "2009-12",
    "2010-03-05",
    "2008-02-29",
    "2009-02-29",
    "2009-02-30",
    "2009-04-31",
    "2009-04-30",
    "2009-06-31",
    "2009-13",
    "2009-00",
    "2009-06-00",
    "2009-06-32",
    "1980/1988",
    "2007-01/2007-02",
    "1980/1979",
    "2009-06-15/2009-07",
    "1999-12-31/2000-01-01",
    "2009-11?",
    "1993~",
    "2009-%",
    "2009-21",
    "200X",
    "2009-06 ",
    "2009/..",
    "../2009",
    "-0500",
    "20090",
    "2009-6",
    "2009-06-5",
    "1950/2009-02-30",
    "1950/2009-02-28",
    "2009%",
    "2009-06-15~",
    "1980~/1988",
    "1980/1988?",
    "2009-02-30?",
    "2009-04-31~",
    "2009?~",
]


@pytest.mark.parametrize("text", LEVEL0_SAMPLES)
def test_level0_shortcut_reads_dates_as_the_edtf_grammar_does(text: str) -> None:
    assert _with_shortcut(text) == _edtf_grammar_only(text)


def test_level0_shortcut_takes_the_common_forms_only() -> None:
    taken = [text for text in LEVEL0_SAMPLES if dates._level0(text.strip()) is not None]
    assert "2009" in taken and "1980/1988" in taken and "2010-03-05" in taken
    assert "2009-11?" in taken and "1993~" in taken
    for text in ("2009-21", "2009-02-30", "2009-04-31", "200X", "1980~/1988", "2009-%"):
        assert dates._level0(text) is None, text


def test_generated_event_dates_agree_with_the_grammar() -> None:
    import random

    generate = load_bench("generate")
    rng = random.Random(7)
    for index in range(300):
        text = generate.event_date(rng, index)
        assert _with_shortcut(text) == _edtf_grammar_only(text), text


def test_every_month_length_agrees_with_the_grammar() -> None:
    for year in ("2008", "2009"):
        for month in range(0, 14):
            for day in ("00", "01", "28", "29", "30", "31", "32"):
                text = f"{year}-{month:02d}-{day}"
                assert _with_shortcut(text) == _edtf_grammar_only(text), text

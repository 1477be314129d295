"""Parallel and incremental builds write what a clean serial build writes (issue 5, point 4).

On a copy of the real brief: ``-j 2`` gives the same HTML tree as ``-j 1``, and after each
kind of edit an incremental build (same output and doctree folders, environment reused)
gives the same tree as a clean build of the same sources.  Every file is compared byte for
byte; nothing is excluded, because nothing in the tree may legitimately differ: a
difference is a bug (see ``sphinx_brief/incremental.py`` for the ones this test found).

The brief is built once for the module; each scenario restores that build (sources,
doctrees and output, with their modification times, at the same path, so the pickled
environment is valid), edits it, and costs two builds: the incremental one and the clean one.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Build, copy_project, run_sphinx
from .test_reproducible import tree_differences

# -- edits -----------------------------------------------------------------------------------
# Each edit takes the project folder (docs/ and refs.bib) and changes one thing, as an author
# would.  Every replacement must match exactly once, so an edit of the brief that moves the
# text fails here loudly rather than testing nothing.


def touch_later(path: Path) -> None:
    """A modification time Sphinx cannot mistake for the last build's, however fast we are."""
    later = time.time() + 5
    os.utime(path, (later, later))


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch_later(path)


def cut_block(path: Path, opening: str) -> None:
    """Delete the directive block that starts with ``opening`` (up to its closing fence)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(opening) == 1, opening
    start = text.index(opening)
    end = text.index("\n:::\n", start) + len("\n:::\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    touch_later(path)


ADDED_EVENT = """
:::{event} 2009-06
:title: North Korean state media report the congratulations
:tags: diplomacy, media
:source: afp2009protests
:place: Pyongyang, North Korea

The message was read on state radio.
:::
"""

ADDED_QUOTE = """
:::{quote}
:speaker: A Spokesman of the Foreign Ministry
:role: spokesman
:date: 2009-06
:source: afp2009protests
:name: added-quote

The *added* words of a spokesman.
:::
"""

ADDED_PAGE = (
    """# Annex

A page added to the brief, with an event and a quotation of its own.
"""
    + ADDED_EVENT.replace("2009-06", "2009-05")
    + ADDED_QUOTE.replace("added-quote", "annex-quote")
)

ECONOMY = "\n## Economic Relationship\n"
CONGRATULATES = ":title: North Korea congratulates Mahmoud Ahmadinejad on his re-election"


def _index(project: Path) -> Path:
    return project / "docs" / "index.md"


def edit_sentence(project: Path) -> None:
    replace_once(
        _index(project),
        "In June 2009, the North Korean government congratulated",
        "In June 2009, the government of North Korea congratulated",
    )


def edit_sentence_elsewhere(project: Path) -> None:
    replace_once(
        project / "docs" / "chronology.md",
        "Every dated event the brief reports",
        "Each dated event that the brief reports",
    )


def add_event(project: Path) -> None:
    replace_once(_index(project), ECONOMY, ADDED_EVENT + ECONOMY)


def edit_event(project: Path) -> None:
    # a new date (it moves in the chronology) and a new title
    replace_once(
        _index(project),
        ":::{event} 2009-06\n" + CONGRATULATES,
        ":::{event} 2009-06-14\n:title: Pyongyang congratulates Ahmadinejad",
    )


def delete_event(project: Path) -> None:
    cut_block(_index(project), ":::{event} 2009-06\n" + CONGRATULATES)


def add_quote(project: Path) -> None:
    replace_once(_index(project), ECONOMY, ADDED_QUOTE + ECONOMY)


def edit_quote(project: Path) -> None:
    replace_once(_index(project), ":speaker: Kim Yong-Nam\n", ":speaker: Kim Yong Nam\n")
    replace_once(_index(project), "sincerely wished [Ahmadinejad]", "truly wished [Ahmadinejad]")


def delete_quote(project: Path) -> None:
    # its words (and so their entries in the search index) are on no other page
    cut_block(_index(project), ":::{quote}\n:speaker: Kim Yong-Nam")


def delete_page(project: Path, name: str) -> None:
    (project / "docs" / f"{name}.md").unlink()
    replace_once(_index(project), f"\n{name}\n", "\n")


def add_page(project: Path) -> None:
    (project / "docs" / "annex.md").write_text(ADDED_PAGE, encoding="utf-8")
    replace_once(_index(project), "\nsources\n```", "\nsources\nannex\n```")


def retitle_section(project: Path) -> None:
    # the section's title is the context of its events and quotes, and in every page's toc
    replace_once(_index(project), ECONOMY, "\n## The Economic Relationship\n")


def change_bib_title(project: Path) -> None:
    replace_once(
        project / "refs.bib",
        "{{North Korea Arms Plane Bound for Hezbollah}}",
        "{{North Korean Arms Plane Bound for Hezbollah}}",
    )


def change_bib_date(project: Path) -> None:
    # the source's date is in its notes, and in the short citations of the chronology
    replace_once(project / "refs.bib", "date    = {2010-05-13}", "date    = {2010-05-14}")


EDITS: dict[str, Callable[[Path], None]] = {
    "edit a sentence": edit_sentence,
    "edit a sentence of another page": edit_sentence_elsewhere,
    "add an event": add_event,
    "edit an event": edit_event,
    "delete an event": delete_event,
    "add a quote": add_quote,
    "edit a quote": edit_quote,
    "delete a quote": delete_quote,
    "delete a page": lambda project: delete_page(project, "quotations"),
    "delete the chronology page": lambda project: delete_page(project, "chronology"),
    "add a page": add_page,
    "retitle a section": retitle_section,
    "change a refs.bib title": change_bib_title,
    "change a refs.bib date": change_bib_date,
}


# -- comparing ---------------------------------------------------------------------------------
def explain(left: Path, right: Path, differences: list[str]) -> str:
    """The differing files, with the first lines that differ in each text file."""
    out = []
    for name in differences:
        out.append(f"== {name}")
        a, b = left / name, right / name
        if not (a.is_file() and b.is_file()):
            out.append("   only in " + str(left if a.exists() else right))
            continue
        try:
            lines = difflib.unified_diff(
                a.read_text(encoding="utf-8").splitlines(),
                b.read_text(encoding="utf-8").splitlines(),
                "incremental/parallel",
                "clean/serial",
                n=0,
                lineterm="",
            )
            out.extend(line[:300] for line in list(lines)[:12])
        except UnicodeDecodeError:
            out.append("   (binary)")
    return "\n".join(out)


def assert_same_tree(left: Build, right: Build) -> None:
    differences = tree_differences(left.outdir, right.outdir)
    assert differences == [], explain(left.outdir, right.outdir, differences)


def updating_line(build: Build) -> str:
    found = re.search(r"updating environment: .*", build.status)
    assert found is not None, build.status
    return found.group(0)


# -- parallel ----------------------------------------------------------------------------------
def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = copy_project(tmp_path)
    serial = run_sphinx(src, "html", tmp_path / "j1", parallel=1)
    parallel = run_sphinx(src, "html", tmp_path / "j2", parallel=2)
    assert serial.warnings == parallel.warnings == ""
    # it really read and wrote in parallel: pages read in chunks ("chronology .. index")
    assert re.search(r"reading sources\.\.\. \[[ 0-9]+%\] \S+ \.\. \S+", parallel.status)
    assert parallel.app.builder.parallel_ok
    assert_same_tree(parallel, serial)


# -- incremental -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The brief built once at ``work/`` (sources, doctrees, html) and a snapshot of it."""
    root = tmp_path_factory.mktemp("equivalence")
    work = root / "work"
    first = run_sphinx(copy_project(work), "html", work / "build")
    assert first.warnings == "", first.warnings
    snapshot = root / "snapshot"
    shutil.copytree(work, snapshot)  # copy2: modification times are kept
    return work, snapshot


@pytest.fixture
def built(pristine: tuple[Path, Path]) -> Path:
    """The built brief, restored at the path its environment was pickled with."""
    work, snapshot = pristine
    shutil.rmtree(work)
    shutil.copytree(snapshot, work)
    return work


def rebuild(project: Path, *, parallel: int = 0) -> Build:
    """An incremental build in the folders of the first one, its environment reused."""
    return run_sphinx(
        project / "docs", "html", project / "build", freshenv=False, parallel=parallel
    )


def test_a_rebuild_without_edits_changes_nothing(built: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in (built / "build" / "html").rglob("*") if p.is_file()}
    again = rebuild(built)
    assert "updating environment: 0 added, 0 changed, 0 removed" in again.status
    after = {p: p.read_bytes() for p in again.outdir.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_build_equals_clean_build(built: Path, tmp_path: Path, edit: str) -> None:
    EDITS[edit](built)
    incremental = rebuild(built)
    # really incremental: the pickled environment was used, not thrown away
    line = updating_line(incremental)
    assert "[new config]" not in line and "changed" in line, line
    assert not re.search(r"\[(config|extensions) changed", line), line
    clean = run_sphinx(built / "docs", "html", tmp_path / "clean")
    assert "Traceback" not in incremental.status + incremental.warnings
    assert incremental.warnings == clean.warnings == ""
    assert_same_tree(incremental, clean)


def test_parallel_incremental_build_equals_clean_build(built: Path, tmp_path: Path) -> None:
    for edit in ("edit an event", "add a quote", "delete a page", "change a refs.bib date"):
        EDITS[edit](built)
    incremental = rebuild(built, parallel=2)
    assert "[new config]" not in updating_line(incremental)
    clean = run_sphinx(built / "docs", "html", tmp_path / "clean")
    assert incremental.warnings == clean.warnings == ""
    assert_same_tree(incremental, clean)

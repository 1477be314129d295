"""Every kind of source in Chicago's forms (issue 23, item 1): REFERENCE's table of entry
types is what the code makes of each example, row by row; an entry that lacks what its type
needs is a warning naming it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_brief.citations import entry_types, examples

from .conftest import ROOT, run_sphinx

TABLE = re.compile(r"<!-- entry-types:[^>]*-->\n(.*?)<!-- /entry-types -->", re.S)


def _reference_rows() -> list[str]:
    found = TABLE.search((ROOT / "REFERENCE.md").read_text(encoding="utf-8"))
    assert found is not None, "REFERENCE.md has no generated table of entry types"
    return found.group(1).strip().splitlines()


GENERATED = examples.reference_table().strip().splitlines()


def test_the_table_has_a_row_for_every_example() -> None:
    assert len(_reference_rows()) == len(entry_types.EXAMPLES) + 2


@pytest.mark.parametrize("number", range(len(entry_types.EXAMPLES)))
def test_each_row_is_what_the_code_makes(number: int) -> None:
    # header and rule first; run `python -m sphinx_brief.citations.examples` to renew
    assert _reference_rows()[number + 2] == GENERATED[number + 2]


def test_the_kinds_the_issue_names_are_all_there() -> None:
    kinds = " ".join(example.kind.lower() for example in entry_types.EXAMPLES)
    for kind in ("article", "report", "book", "chapter", "journal", "testimony", "treaty",
                 "press release", "web page", "dataset", "social media"):  # fmt: skip
        assert kind in kinds, kind


@pytest.mark.parametrize(
    ("entry", "lack"),
    [
        ("@article{k, title = {T}, date = {2001}}", "an @article names no journaltitle or journal"),
        ("@incollection{k, title = {T}, date = {2001}}", "an @incollection names no booktitle"),
        ("@report{k, title = {T}, date = {2001}}", "an @report names no institution or author"),
    ],
)
def test_an_entry_that_lacks_what_its_type_needs_is_named(
    tmp_path: Path, entry: str, lack: str
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_brief"]\n', encoding="utf-8")
    (src / "refs.bib").write_text(entry + "\n", encoding="utf-8")
    (src / "index.md").write_text("# T\n\nA claim.{note}`@k`\n", encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert re.search(rf"refs\.bib:1: WARNING: bib entry 'k': {re.escape(lack)}", build.warnings)


def test_a_report_by_its_body_needs_no_institution() -> None:
    from pybtex.database import parse_string

    entry = parse_string("@report{k, author = {{White House}}, title = {T}}", "bibtex")
    assert entry_types.missing(entry.entries["k"]) == []

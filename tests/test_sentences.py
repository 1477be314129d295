"""One sentence per source line of the brief: the check, its abbreviations, and docs/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.review.sentences import check_text, split_sentences

from .conftest import DOCS, ROOT


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("According to the U.S. State Department, it did.", 1),
        ("Dr. Kim met J. R. Smith in Jan. 2009 in Pyongyang.", 1),
        ("The U.N. Security Council met. It decided nothing.", 2),
        ("He said “No.” Then he left.", 2),
        ("See No. 5 on p. 12 of the report.", 1),
        ("Is it true? Yes! It is.", 3),
        ("Version 2.0 was out in 2010.", 1),
    ],
)
def test_sentence_ends(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count, split_sentences(text)


def test_only_prose_lines_are_checked() -> None:
    page = (
        "# Title. With a dot. In a heading\n\n"
        "One sentence. Two sentences.\n"
        "One sentence only, after the U.S. said so.\n\n"
        ":::{event} 2009\n:title: An option. Not prose.\n:::\n\n"
        "```python\nx = 1. Two = 2\n```\n\n"
        "% A comment. With two.\n"
        "| a table. | Two. |\n"
    )
    assert check_text(page) == [(3, 2)]


def test_the_brief_has_one_sentence_per_line() -> None:
    problems = {
        path.name: check_text(path.read_text(encoding="utf-8")) for path in DOCS.glob("*.md")
    }
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_hook_reports_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nFirst. Second.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.review.sentences", str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"{page}:3: 2 sentences on one line" in result.stdout
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: .venv/bin/python -m tools.review.sentences" in config

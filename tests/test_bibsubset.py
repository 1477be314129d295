"""A large shared bib file is read for the entries the brief can cite (issue 24, point 5):
the same pages as with a refs.bib of only those entries, every line a warning names the
line of the shared file, and a whole reading wherever a subset could differ from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pybtex.database.input.bibtex as pybtex_bibtex
import pytest
from bs4 import BeautifulSoup

from sphinx_brief import bibsubset

from .conftest import run_sphinx
from .test_perf import load_bench

sharedbib = load_bench("sharedbib")

ENTRIES, CITED = bibsubset.SUBSET_FROM + 200, 12


def corpus(root: Path, *, only_cited: bool = False, name: str = "src") -> Path:
    src = root / name
    options = sharedbib.Options(ENTRIES, CITED, only_cited=only_cited, pages=3, theme="basic")
    sharedbib.generate(options, src)
    return src


@pytest.fixture
def entries_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys pybtex makes into entries while a build runs."""
    read: list[str] = []
    process = pybtex_bibtex.Parser.process_entry

    def counted(parser: Any, entry_type: str, key: str, *args: Any) -> Any:
        read.append(key)
        return process(parser, entry_type, key, *args)

    monkeypatch.setattr(pybtex_bibtex.Parser, "process_entry", counted)
    return read


def _page_text(build: Any, name: str) -> str:
    soup = BeautifulSoup(build.read(name), "lxml")
    main = soup.select_one('[role="main"]') or soup.body
    assert main is not None
    return main.get_text(" ", strip=True)


def test_the_pages_are_those_of_a_file_of_the_cited_entries(
    tmp_path: Path, entries_read: list[str]
) -> None:
    shared = run_sphinx(corpus(tmp_path), "html", tmp_path / "shared")
    assert shared.warnings == "", shared.warnings
    assert len(entries_read) == CITED  # not ENTRIES: the others are never made
    own = run_sphinx(corpus(tmp_path, only_cited=True, name="own"), "html", tmp_path / "own")
    assert own.warnings == ""
    for page in ("sources.html", "part001.html", "part002.html", "part003.html"):
        assert _page_text(shared, page) == _page_text(own, page), page
    listed = BeautifulSoup(shared.read("sources.html"), "lxml").select("ul.brief-bibliography li")
    assert len(listed) == CITED


def test_a_key_cited_later_is_read_and_listed_without_a_warning(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    out = tmp_path / "out"
    first = run_sphinx(src, "html", out)
    assert first.warnings == ""
    # an entry no page named in the first build
    new = sharedbib.entry_key(1)
    (src / "part001.md").write_text(
        (src / "part001.md").read_text(encoding="utf-8") + f"\nOne more.{{note}}`@{new}`\n",
        encoding="utf-8",
    )
    again = run_sphinx(src, "html", out, freshenv=False)
    assert again.warnings == "", again.warnings
    listed = BeautifulSoup(again.read("sources.html"), "lxml").select("ul.brief-bibliography li")
    assert len(listed) == CITED + 1
    assert f"cite-{new}" in {li.get("id") for li in listed}


@pytest.mark.parametrize("option", [":all:", ":filter: type == 'article'"])
def test_a_bibliography_that_may_list_any_entry_reads_the_whole_file(
    tmp_path: Path, entries_read: list[str], option: str
) -> None:
    src = corpus(tmp_path)
    (src / "sources.md").write_text(
        f"# Sources\n\n```{{bibliography}}\n{option}\n:list: bullet\n```\n", encoding="utf-8"
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == ""
    assert len(entries_read) == ENTRIES


def test_warnings_name_the_lines_of_the_shared_file(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    key = sharedbib.entry_key(sharedbib.cited_indexes(ENTRIES, CITED)[-1])
    start = text.index("{" + key + ",")
    line = text.count("\n", 0, start) + 1
    # a language the style cannot read, in a cited entry near the end of the file
    end = text.index("\n}", start)
    bib.write_text(text[:end] + ",\n  language = {klingonish}" + text[end:], encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert f"refs.bib:{line}: WARNING: bib entry '{key}'" in build.warnings, build.warnings


def test_a_file_the_braces_cannot_split_is_read_whole_and_its_error_reported(
    tmp_path: Path, entries_read: list[str]
) -> None:
    src = corpus(tmp_path)
    bib = src / "refs.bib"
    # an entry no page cites, its title's brace never closed
    text = bib.read_text(encoding="utf-8")
    broken = "@article{unclosed2001,\n  title = {{Never closed},\n  journal = {J},\n}\n\n"
    bib.write_text(text + "\n" + broken, encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "Traceback" not in build.status
    assert "refs.bib" in build.warnings and "[brief.bibtex]" in build.warnings
    assert len(entries_read) >= ENTRIES  # the whole file, as before


def test_crossrefs_and_string_macros_of_the_cited_entries_are_kept(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(
        "@string{kcna = {Korean Central News Agency}}\n\n"
        + text
        + "\n\n@incollection{chapter2009,\n  author = {Lee, Anna},\n"
        "  title = {{A Chapter}},\n  crossref = {volume2009},\n  booktitle = {{The Volume}},\n"
        "  date = {2009},\n"
        "  publisher = kcna,\n}\n\n@book{volume2009,\n  title = {{The Volume}},\n"
        "  publisher = {Press},\n  date = {2009},\n}\n",
        encoding="utf-8",
    )
    (src / "part001.md").write_text(
        (src / "part001.md").read_text(encoding="utf-8") + "\nA chapter.{note}`@chapter2009`\n",
        encoding="utf-8",
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    notes = _page_text(build, "part001.html")
    assert "Anna Lee, “A Chapter,” in The Volume (Korean Central News Agency, 2009)." in notes


def test_spans_follow_the_braces() -> None:
    text = (
        "% a comment with an address: someone@example.org\n"
        "@string{x = {y}}\n"
        "@article{a1, title = {{Nested {braces}} and @ at}, note = {}}\n"
        "junk between entries\n"
        "@Book{B2,\n  title = {T},\n}\n"
    )
    found = bibsubset.spans(text)
    assert found is not None
    assert [(s.kind, s.key) for s in found] == [("string", ""), ("article", "a1"), ("book", "B2")]
    # a block runs to where the next begins: the text between them is skipped by BibTeX
    assert text[found[1].start : found[1].end].rstrip().endswith("junk between entries")
    assert text[found[2].start :].startswith("@Book{B2")
    # an "@" at a line's start inside a value: the braces are walked one by one
    inside = "@article{a1, abstract = {x\n@ y}, note = {z}}\n@book{b2, title = {T}}\n"
    walked = bibsubset.spans(inside)
    assert walked is not None and [s.key for s in walked] == ["a1", "b2"]
    assert inside[walked[0].start : walked[0].end].endswith("note = {z}}")
    assert bibsubset.spans("@article(a1, title = {T})") is None
    assert bibsubset.spans("@article{a1, title = {T}") is None


def test_the_words_of_a_project(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "See.{note}`@Smith2001, 12; see @jones:2002. More` and {footcite}`lee-3,kim_4`\n",
        encoding="utf-8",
    )
    (tmp_path / "_build").mkdir()
    (tmp_path / "_build" / "old.md").write_text("@stale2000", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("@hidden2000", encoding="utf-8")
    words, lists_any = bibsubset.project_words(tmp_path, [tmp_path / "_build"])
    assert {"smith2001", "jones:2002", "lee-3", "kim_4"} <= words
    assert not {"stale2000", "hidden2000"} & words
    assert lists_any is False
    (tmp_path / "s.md").write_text("```{bibliography}\n:all:\n```\n", encoding="utf-8")
    assert bibsubset.project_words(tmp_path)[1] is True

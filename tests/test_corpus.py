"""The corpus: real briefs, each built in every format, with ``sphinx-brief check``'s invariants.

``tests/corpus/`` holds real public-domain texts ported into briefs by authors who read only
README, REFERENCE and CONTRIBUTING (each credited in its ``CREDIT.txt``); this repository's
own brief (``docs/``) is checked with them.  Each brief is built once per format (html,
epub, latex, then the PDF), in a background pool of two, while the checks of the briefs
before it run; every check of every format is a test of its own, so that a fault names its
brief, its format and its check.

The invariants: no traceback, no warning (``-n``); every internal link resolves in the
website, the ePub and the PDF; the same notes, in the same order, with the same words, in
the website, the ePub, the LaTeX and the PDF; every printed address is its link; no
control character; no character the PDF's fonts lack and no line more than 1 pt too wide;
epubcheck, Ace by DAISY, the Nu Html Checker and axe at 0.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from sphinx_brief.check.builds import FORMATS, MissingTool
from sphinx_brief.check.checker import VALIDATORS, Checker
from sphinx_brief.check.faults import Fault, describe

from .conftest import DOCS, ROOT
from .validators import TOOLS, require

CORPUS = ROOT / "tests" / "corpus"
#: Every brief of the corpus, by name, and the repository's own.
BRIEFS = {
    **{p.name: p for p in sorted(CORPUS.glob("*/conf.py")) for p in [p.parent]},
    "north-korea-iran": DOCS,
}


@pytest.fixture(scope="session")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Checker]]:
    """Each brief's :class:`Checker`; every brief's formats are built ahead, two at a time,
    in the order of the tests."""
    root = tmp_path_factory.mktemp("corpus")
    checkers = {name: Checker(src, root / name, tools=TOOLS) for name, src in BRIEFS.items()}
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="corpus-build")
    ahead: list[Future[None]] = []

    def build_all(checker: Checker) -> None:
        for fmt in FORMATS:
            try:
                checker.output(fmt)
            except MissingTool:
                return  # the test that needs it says so

    _warm_luaotfload()
    ahead = [pool.submit(build_all, checkers[name]) for name in BRIEFS]
    try:
        yield checkers.__getitem__
    finally:
        for future in ahead:
            future.cancel()
        pool.shutdown(wait=True)
        for checker in checkers.values():
            checker.close()


def _warm_luaotfload() -> None:
    """LuaLaTeX's font names database, made once before two PDFs are made at a time: two
    first runs of lualatex on a fresh machine both write it, and one of them fails."""
    tool = shutil.which("luaotfload-tool")
    if tool is not None:
        subprocess.run(
            [tool, "--update"], capture_output=True, timeout=1200, stdin=subprocess.DEVNULL
        )


def no_fault(found: Callable[[], list[Fault]]) -> None:
    try:
        faults = found()
    except MissingTool as missing:
        require(missing)
        raise
    assert not faults, "\n" + describe(faults)


def finished(checker: Checker, fmt: str) -> None:
    try:
        output = checker.output(fmt)
    except MissingTool as missing:
        require(missing)
        raise
    assert output.finished, "\n" + describe(output.faults)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("brief", BRIEFS)
def test_builds_without_traceback_or_warning(
    checked: Callable[[str], Checker], brief: str, fmt: str
) -> None:
    checker = checked(brief)
    no_fault(lambda: checker.build_faults(fmt))
    finished(checker, fmt)


@pytest.mark.parametrize("fmt", ["html", "epub", "latexpdf"])
@pytest.mark.parametrize("brief", BRIEFS)
def test_every_link_resolves(checked: Callable[[str], Checker], brief: str, fmt: str) -> None:
    checker = checked(brief)
    finished(checker, fmt)
    no_fault(lambda: checker.links(fmt))


@pytest.mark.parametrize("fmt", ["html", "epub", "latex", "latexpdf"])
@pytest.mark.parametrize("brief", BRIEFS)
def test_the_same_notes_in_the_same_order(
    checked: Callable[[str], Checker], brief: str, fmt: str
) -> None:
    checker = checked(brief)
    finished(checker, "html")
    finished(checker, fmt)
    no_fault(lambda: checker.notes(fmt))


@pytest.mark.parametrize("fmt", ["html", "epub", "latexpdf"])
@pytest.mark.parametrize("brief", BRIEFS)
def test_every_printed_address_is_its_link(
    checked: Callable[[str], Checker], brief: str, fmt: str
) -> None:
    checker = checked(brief)
    finished(checker, "html")
    finished(checker, fmt)
    no_fault(lambda: checker.urls(fmt))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("brief", BRIEFS)
def test_no_control_character_in_any_output(
    checked: Callable[[str], Checker], brief: str, fmt: str
) -> None:
    checker = checked(brief)
    finished(checker, fmt)
    no_fault(lambda: checker.controls(fmt))


@pytest.mark.parametrize("brief", BRIEFS)
def test_the_latex_log_misses_no_character_and_no_line_sticks_out(
    checked: Callable[[str], Checker], brief: str
) -> None:
    checker = checked(brief)
    finished(checker, "latexpdf")
    no_fault(checker.latex_log)


@pytest.mark.slow
@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize("brief", BRIEFS)
def test_the_validators_find_nothing(
    checked: Callable[[str], Checker], brief: str, validator: str
) -> None:
    checker = checked(brief)
    finished(checker, "epub" if validator in ("epubcheck", "ace") else "html")
    no_fault(lambda: checker.validator(validator))


# -- the corpus itself -------------------------------------------------------------------------


@pytest.mark.parametrize("brief", [name for name in BRIEFS if BRIEFS[name] != DOCS])
def test_every_corpus_brief_is_credited(brief: str) -> None:
    """Where the text comes from, who wrote it, why it may be published here."""
    credit = (BRIEFS[brief] / "CREDIT.txt").read_text(encoding="utf-8")
    assert re.search(r"https?://\S+", credit), "the address the text was read at"
    assert re.search(r"public domain", credit, re.I), "why the text may be published here"
    assert not (BRIEFS[brief] / "_build").exists()


def _sources(brief: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(brief.rglob("*"))
        if p.suffix in {".md", ".bib", ".py"} and "_build" not in p.parts
    )


#: What issue 21 asks the corpus to hold, each as a test on a brief's sources.
COVERAGE: dict[str, Callable[[Path], bool]] = {
    "Chinese, Japanese or Korean script": lambda b: bool(
        re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", _sources(b))
    ),
    "Arabic or Persian script": lambda b: bool(re.search(r"[\u0600-\u06ff]", _sources(b))),
    "Cyrillic script": lambda b: bool(re.search(r"[\u0400-\u04ff]", _sources(b))),
    "a toctree at the top of the first page": lambda b: _toctree_at(b, top=True),
    "a toctree at the end of the first page": lambda b: _toctree_at(b, top=False),
    "a plain bibliography": lambda b: any(":list:" not in o for o in _bibliographies(b)),
    "a bullet-list bibliography": lambda b: any(":list: bullet" in o for o in _bibliographies(b)),
    "a page with its own footbibliography": lambda b: "{footbibliography}" in _sources(b),
    "{note} notes": lambda b: "{note}`" in _sources(b),
    "{footcite} notes": lambda b: "{footcite}`" in _sources(b),
    "MyST [^x] notes": lambda b: bool(re.search(r"^\[\^[^\]]+\]:", _sources(b), re.M)),
    "{note} and [^x] on one page": lambda b: any(
        "{note}`" in t and re.search(r"^\[\^[^\]]+\]:", t, re.M)
        for t in (p.read_text(encoding="utf-8") for p in b.glob("*.md"))
    ),
    "open periods": lambda b: bool(re.search(r"\{event\}\s+\S*/(?:\.\.)?\s", _sources(b))),
    "approximate dates": lambda b: bool(re.search(r"\{event\}\s+\S*[~%]", _sources(b))),
    "page locators": lambda b: bool(re.search(r"\{note\}`[^`]*@[\w:-]+, \d", _sources(b))),
    "books or journal articles": lambda b: bool(
        re.search(r"@(?:book|incollection|article)\{", _sources(b))
    ),
    "run-in quotations": lambda b: ":display: run-in" in _sources(b),
    "block quotations": lambda b: bool(re.search(r"\{quote\}(?:(?!:::)[\s\S])*?\n\n", _sources(b))),
}


def _bibliographies(brief: Path) -> list[str]:
    """The option lines of each ``bibliography`` directive of the brief's pages."""
    found = []
    for match in re.finditer(r"\{bibliography\}[^\n]*\n((?::[^\n]*\n)*)", _sources(brief)):
        found.append(match.group(1))
    return found


def _toctree_at(brief: Path, *, top: bool) -> bool:
    for index in brief.glob("index.*"):
        text = index.read_text(encoding="utf-8")
        at = text.find("{toctree}")
        if at < 0:
            continue
        before = text[:at].split("\n")
        headings = [line for line in before if line.startswith("#")]
        prose = [
            line for line in before if line.strip() and not line.startswith(("#", "%", "`", ":"))
        ]
        if top and len(headings) <= 1 and not prose:
            return True
        if not top and text[at:].count("\n## ") == 0 and prose:
            return True
    return False


def test_the_corpus_holds_every_kind_of_brief_issue_21_names() -> None:
    corpus = [p for p in BRIEFS.values() if p != DOCS]
    assert len(corpus) >= 8
    missing = [kind for kind, holds in COVERAGE.items() if not any(holds(b) for b in corpus)]
    assert not missing, f"no corpus brief has: {missing}"

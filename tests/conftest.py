"""Shared fixtures: the brief built once per session into temporary folders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

# tests/data/ is test data, not tests: it holds sphinxcontrib-bibtex's own suite
# (tests/test_bibtex_upstream.py runs it in copies), which our run must not collect;
# tests/corpus/ holds real briefs (tests/test_corpus.py builds them).
collect_ignore = ["data", "corpus"]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = Path(__file__).resolve().parent / "data"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Sphinx colours its messages when it thinks it writes to a terminal.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def require_tool(*names: str) -> str:
    """The path of the first tool found; skip if none is (fail under CI=true)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"system tool not installed: {' or '.join(names)}"
    if CI:
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


def require_file(path: str) -> Path:
    if Path(path).exists():
        return Path(path)
    message = f"system file not installed: {path}"
    if CI:
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


@dataclass
class Build:
    """A finished Sphinx build: where it wrote, and what it said."""

    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    status: str
    warnings: str

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def copy_project(dest: Path) -> Path:
    """Copy the brief's sources (docs/ and refs.bib) into ``dest``; return the docs folder."""
    shutil.copytree(DOCS, dest / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy2(ROOT / "refs.bib", dest / "refs.bib")
    return dest / "docs"


def run_sphinx(
    srcdir: Path,
    builder: str,
    builddir: Path,
    *,
    parallel: int = 0,
    confoverrides: dict[str, Any] | None = None,
    freshenv: bool = True,
    **kwargs: Any,
) -> Build:
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        status=status,
        warning=warning,
        freshenv=freshenv,
        parallel=parallel,
        confoverrides={"nitpicky": True, **(confoverrides or {})},
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(
        app,
        srcdir,
        Path(app.outdir),
        _ANSI.sub("", status.getvalue()),
        _ANSI.sub("", warning.getvalue()),
    )


@pytest.fixture(scope="session")
def brief_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("brief"))


def _session_build(builder: str) -> Callable[..., Build]:
    @pytest.fixture(scope="session")
    def fixture(brief_src: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
        return run_sphinx(brief_src, builder, tmp_path_factory.mktemp(f"build-{builder}"))

    return fixture


brief_html = _session_build("html")
brief_latex = _session_build("latex")
brief_epub = _session_build("epub")
brief_text = _session_build("text")


# The engine latexmk runs, as the latexmkrc Sphinx writes names it ("$pdflatex = 'xelatex …").
_ENGINE = re.compile(r"^\$pdflatex\s*=\s*'(\S+)", re.M)


def compile_pdf(
    outdir: Path,
    *,
    env: Mapping[str, str] | None = None,
    wrapper: Sequence[str] = (),
    timeout: int = 600,
) -> Path:
    """Compile the PDF of a Sphinx LaTeX build with the Makefile Sphinx wrote; return it.

    ``env`` adds variables to the environment (SOURCE_DATE_EPOCH, …); ``wrapper`` is a
    command to run ``make`` under (``["unshare", "-rn"]``).  The tools are checked with
    ``require_tool`` (skip locally, fail under CI=true), the engine being the one the
    build's latexmkrc names (pdflatex, xelatex, lualatex).  A failed compilation fails the
    test with the end of the LaTeX log, which says what TeX stopped at.
    """
    outdir = Path(outdir)
    require_tool("make")
    require_tool("latexmk")
    latexmkrc = outdir / "latexmkrc"
    engine = _ENGINE.search(latexmkrc.read_text(encoding="utf-8")) if latexmkrc.exists() else None
    require_tool(engine.group(1) if engine else "pdflatex")
    documents = sorted(outdir.glob("*.tex"))
    if len(documents) != 1:
        pytest.fail(f"compile_pdf expects one LaTeX document in {outdir}, found {documents}")
    (tex,) = documents
    command = [
        *wrapper,
        "make",
        "-C",
        str(outdir),
        "all-pdf",
        "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error",
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env} if env else None,
        stdin=subprocess.DEVNULL,  # TeX never waits for an answer
    )
    pdf = tex.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        log = tex.with_suffix(".log")
        told = (
            f"end of {log.name}:\n{log.read_text(encoding='latin-1')[-3000:]}"
            if log.exists()
            else f"no {log.name} was written"
        )
        pytest.fail(
            f"{' '.join(command)} failed (exit {result.returncode}, "
            f"{pdf.name} {'written' if pdf.exists() else 'not written'}); {told}\n"
            f"end of make's output:\n{result.stdout[-1500:]}{result.stderr[-1500:]}"
        )
    return pdf


@pytest.fixture(scope="session")
def brief_pdf(brief_latex: Build) -> Path:
    """The PDF, compiled from the LaTeX build with the Makefile Sphinx writes."""
    pdf = compile_pdf(brief_latex.outdir)
    assert pdf.name == "north-korea-iran-brief.pdf"
    return pdf


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the brief for a test that edits it."""
    yield copy_project(tmp_path)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, driven by Playwright (never a browser download), with the flags
    of the site's audit (tools/audit.py); a failure, not a skip, under CI when missing."""
    chrome = require_tool("chromium", "chromium-browser")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import audit
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chrome, args=list(audit.CHROME_FLAGS[1:])
        )
        yield launched
        launched.close()

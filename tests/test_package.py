"""From the outside: the built wheel in a fresh virtual environment, a new brief, every format.

The wheel and the sdist are built from a copy of this repository (``python -m build
--no-isolation``: the build back-end of requirements.lock, offline).  The wheel is
installed with ``--no-deps`` into a new virtual environment whose dependencies come from
the test environment's site-packages through a ``.pth`` line: that adds the folder to
``sys.path`` without running the ``.pth`` files inside it, so the editable install of this
tree is not seen, and the test checks that ``sphinx_brief`` is imported from the wheel.
``sphinx-brief new`` then writes a starter into a temporary folder, and the starter's own
Makefile builds html, epub, latex and latexpdf with ``-W --keep-going -n``.

The ``starter_brief`` fixture gives the built starter's paths (its ePub for validators).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import CI, ROOT, require_tool
from .pdftools import pdf_info, pdf_languages, section_titles
from .validators import run_epubcheck

pytestmark = pytest.mark.slow

TITLE = "Iran–Venezuela Relations"
AUTHOR = "Jane Analyst"
DATE = "2010-07-01"
BASENAME = "iran-venezuela-relations"

#: What the wheel must carry besides the modules.
PACKAGE_DATA = (
    "sphinx_brief/static/brief-quote.css",
    "sphinx_brief/static/brief-timeline.css",
    "sphinx_brief/latex/sphinxbriefpage.sty",
    "sphinx_brief/latex/sphinxbriefquote.sty",
    "sphinx_brief/latex/sphinxbrieftimeline.sty",
    "sphinx_brief/latex/sphinxbriefurls.sty",
    "sphinx_brief/templates/starter/conf.py.jinja",
    "sphinx_brief/templates/starter/index.md.jinja",
    "sphinx_brief/templates/starter/gitignore",
    "sphinx_brief/templates/starter/Makefile",
    "sphinx_brief/templates/starter/refs.bib",
    "sphinx_brief/py.typed",
)

_COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "_build", "node_modules", "__pycache__", "*.egg-info", "build", "dist"
)


def run(
    args: Sequence[str | Path], cwd: Path, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@dataclass
class Dist:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    try:
        import build  # noqa: F401
    except ImportError:
        message = "the 'build' package is not installed (make venv)"
        if CI:
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path_factory.mktemp("source") / "sphinx-brief"
    shutil.copytree(ROOT, source, ignore=_COPY_IGNORE)
    out = tmp_path_factory.mktemp("dist")
    result = run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--wheel",
            "--sdist",
            "--outdir",
            out,
            source,
        ],
        cwd=source,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dist(wheel, sdist)


def fresh_venv(home: Path, package: Path, *pip_options: str) -> Path:
    """A new virtual environment with ``package`` installed, its dependencies borrowed."""
    venv.EnvBuilder(with_pip=False, symlinks=True).create(home)
    python = home / "bin" / "python"
    purelib = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home
    ).stdout.strip()
    here = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies from the test environment: a path line, whose own .pth files (the
    # editable install of this tree) are not processed.
    (Path(purelib) / "brief-test-dependencies.pth").write_text(here + "\n", encoding="utf-8")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            *pip_options,
            package,
        ],
        cwd=home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return python


@pytest.fixture(scope="session")
def clean_python(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a new virtual environment with the wheel installed, not this tree."""
    return fresh_venv(tmp_path_factory.mktemp("venv") / "venv", dist.wheel)


@dataclass
class StarterBrief:
    """A starter brief made and built by the installed package."""

    root: Path
    python: Path
    html: Path
    epub: Path
    latex: Path
    pdf: Path | None
    logs: dict[str, str] = field(default_factory=dict)


def _make(root: Path, python: Path, target: str) -> str:
    result = run(
        ["make", "-C", root, target, f"SPHINXBUILD={python} -m sphinx"], cwd=root, timeout=900
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"make {target} failed:\n{output[-5000:]}"
    return output


@pytest.fixture(scope="session")
def starter_brief(clean_python: Path, tmp_path_factory: pytest.TempPathFactory) -> StarterBrief:
    require_tool("make")
    work = tmp_path_factory.mktemp("author")
    script = clean_python.parent / "sphinx-brief"
    result = run(
        [script, "new", "my-brief", "--title", TITLE, "--author", AUTHOR, "--date", DATE],
        cwd=work,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = work / "my-brief"
    logs = {target: _make(root, clean_python, target) for target in ("html", "epub", "latex")}
    pdf = None
    if shutil.which("latexmk") and shutil.which("pdflatex"):
        logs["latexpdf"] = _make(root, clean_python, "latexpdf")
        pdf = root / "_build" / "latex" / f"{BASENAME}.pdf"
    return StarterBrief(
        root=root,
        python=clean_python,
        html=root / "_build" / "html",
        epub=root / "_build" / "epub" / f"{BASENAME}.epub",
        latex=root / "_build" / "latex",
        pdf=pdf,
        logs=logs,
    )


def test_wheel_and_sdist_carry_the_package_data(dist: Dist) -> None:
    names = set(zipfile.ZipFile(dist.wheel).namelist())
    for name in PACKAGE_DATA:
        assert name in names, f"{name} is not in the wheel"
    info = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = zipfile.ZipFile(dist.wheel).read(info).decode()
    assert "Requires-Python: >=3.11" in metadata
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in metadata
    assert "Framework :: Sphinx :: Extension" in metadata
    assert re.search(r"^Requires-Dist: sphinx<10,>=9\.0$", metadata, re.M), metadata
    assert "License-Expression: MIT" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    entry_points = zipfile.ZipFile(dist.wheel).read(info.replace("METADATA", "entry_points.txt"))
    assert b"sphinx-brief = sphinx_brief.cli:main" in entry_points
    with tarfile.open(dist.sdist) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    for name in PACKAGE_DATA:
        assert f"ext/{name}" in members, f"{name} is not in the sdist"
    for name in ("LICENSE", "README.md", "CHANGELOG.md", "REFERENCE.md", "pyproject.toml"):
        assert name in members, f"{name} is not in the sdist"
    # not the brief of this repository, nor tests that need its fixtures and data
    assert not {m for m in members if m.startswith(("tests/", "docs/", "bench/"))}


def test_the_wheel_not_this_tree_is_imported(clean_python: Path, tmp_path: Path) -> None:
    result = run(
        [clean_python, "-c", "import sphinx_brief; print(sphinx_brief.__file__)"], cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    where = Path(result.stdout.strip()).resolve()
    assert where.is_relative_to(clean_python.parent.parent.resolve()), where
    assert not where.is_relative_to(ROOT.resolve())
    module = run([clean_python, "-m", "sphinx_brief", "new", "--help"], cwd=tmp_path)
    assert module.returncode == 0 and "--title" in module.stdout


def test_the_sdist_installs_with_its_package_data(dist: Dist, tmp_path: Path) -> None:
    # built by the target environment's own back-end (setuptools of the lock), offline
    python = fresh_venv(tmp_path / "venv", dist.sdist, "--no-build-isolation")
    where = run([python, "-c", "import sphinx_brief; print(sphinx_brief.__file__)"], cwd=tmp_path)
    package = Path(where.stdout.strip()).parent
    assert package.resolve().is_relative_to((tmp_path / "venv").resolve()), package
    for name in PACKAGE_DATA:
        assert (package.parent / name).is_file(), f"{name} was not installed from the sdist"
    made = run([python.parent / "sphinx-brief", "new", tmp_path / "brief"], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "brief" / ".gitignore").is_file()


def test_builds_are_silent(starter_brief: StarterBrief) -> None:
    for target, log in starter_brief.logs.items():
        assert "WARNING" not in log and "ERROR" not in log, f"make {target}:\n{log[-3000:]}"
        assert "matplotlib" not in log
        assert "unknown mimetype" not in log


def test_html_chronology_and_quotations_are_filled(starter_brief: StarterBrief) -> None:
    def text(page: str) -> str:
        soup = BeautifulSoup((starter_brief.html / page).read_text(encoding="utf-8"), "lxml")
        main = soup.select_one('[role="main"]') or soup.body
        assert main is not None
        return " ".join(main.get_text(" ").split())

    assert TITLE in text("index.html")
    chronology = text("chronology.html")
    assert re.search(r"January 2024 — Talks are announced", chronology)
    assert re.search(r"March 12, 2024 — The two delegations meet in the capital", chronology)
    assert "c. May 2024 — Trade between the two countries is counted" in chronology
    quotations = text("quotations.html")
    assert "Jane Example" in quotations and "We will continue the talks next month." in quotations
    assert "Delegations Meet in Example City" in quotations  # the quotation's source in full


def test_pdf_is_an_article_with_the_brief_s_date(starter_brief: StarterBrief) -> None:
    tex = (starter_brief.latex / f"{BASENAME}.tex").read_text(encoding="utf-8")
    assert "{sphinxhowto}" in tex and r"\chapter" not in tex
    if starter_brief.pdf is None:
        require_tool("latexmk")
        require_tool("pdflatex")
        pytest.fail("the starter's PDF was not made although latexmk and pdflatex are here")
    require_tool("pdftotext")
    text = run(["pdftotext", starter_brief.pdf, "-"], cwd=starter_brief.root).stdout
    assert TITLE in text and AUTHOR in text
    assert "July 1, 2010" in text  # the brief's date …
    today = dt.date.today()
    for build_date in (today.strftime("%B %-d, %Y"), today.strftime("%b %d, %Y")):
        assert build_date not in text  # … never the build date
    assert not re.search(r"chapter", text, re.I)
    assert "Contents" not in text  # the toctree's caption is not a running head
    for heading in ("A quotation and its source", "Chronology", "Who said what", "Sources"):
        assert heading in text
    assert "Talks are announced" in text and "We will continue the talks next month." in text


def test_pdf_log_metadata_and_bookmarks(starter_brief: StarterBrief) -> None:
    if starter_brief.pdf is None:
        require_tool("latexmk")
        require_tool("pdflatex")
        pytest.fail("the starter's PDF was not made although latexmk and pdflatex are here")
    pdf = starter_brief.pdf
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "undefined" not in log.lower(), re.findall(r".*undefined.*", log, re.I)
    assert "Missing character" not in log
    assert not re.search(r"Overfull \\hbox \((\d{2,}|[3-9])\.", log)
    require_tool("pdfinfo")
    fields = pdf_info(pdf)
    assert fields["Title"] == TITLE
    assert fields["Author"] == AUTHOR
    assert fields["Subject"] == f"A sourced brief: {TITLE}."
    assert fields["Keywords"] == "Diplomacy, Trade"
    assert pdf_languages(pdf) == ["en"]
    tex = (starter_brief.latex / f"{BASENAME}.tex").read_text(encoding="utf-8")
    sections = section_titles(tex)
    outline = pdf.with_suffix(".out").read_text(encoding="latin-1")
    assert outline.count(r"\BOOKMARK") == len(sections) > 5  # every section, subsections too
    require_tool("pdffonts")
    fonts = run(["pdffonts", pdf], cwd=pdf.parent).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_epub_passes_epubcheck(starter_brief: StarterBrief) -> None:
    findings = run_epubcheck(starter_brief.epub)
    assert findings == [], "\n".join(map(str, findings))
    with zipfile.ZipFile(starter_brief.epub) as epub:
        opf = epub.read("content.opf").decode()
    assert f'<dc:identifier id="{BASENAME}-{DATE}">{BASENAME}-{DATE}</dc:identifier>' in opf
    assert f"<dc:rights>2010, {AUTHOR}</dc:rights>" in opf
    assert f"<dc:title>{TITLE}</dc:title>" in opf


def test_starter_epub_and_site_pass_ace_and_the_nu_checker(starter_brief: StarterBrief) -> None:
    """A new author's brief, straight from ``sphinx-brief new``, passes the checkers its
    readers' tools trust: Ace by DAISY (0 violations) and the Nu HTML Checker (0 errors)."""
    from .validators import run_ace, run_vnu

    assert run_ace(starter_brief.epub) == []
    pages = sorted(starter_brief.html.rglob("*.html"))
    assert pages
    assert run_vnu(pages) == []

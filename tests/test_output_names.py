"""Output names stay inside the output folder (issue 24, point 4).

``brief_basename`` names the ePub, the ``.tex`` and the PDF; ``epub_basename`` and
``latex_documents`` are the names Sphinx writes them under.  A name that is a path (``..``,
a folder, an absolute path, a drive) or holds a control character is a warning naming
``conf.py`` and its line, and a safe name is used: nothing is written outside the output
folder.  The files the extension writes itself go through ``core.paths.output_file``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_brief.core.paths import output_file, safe_name, unsafe

from .conftest import run_sphinx

CONF = """\
project = "Output names"
author = "Tester"
extensions = ["sphinx_brief"]
bibtex_bibfiles = []
html_theme = "basic"
{more}
"""
INDEX = "# Output names\n\nA page.\n"


def project(tmp_path: Path, more: str) -> Path:
    src = tmp_path / "deep" / "er" / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF.format(more=more), encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    return src


def files_outside(root: Path, outdir: Path, src: Path) -> list[str]:
    """Every file under ``root`` that is neither in the build folder nor a source."""
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and outdir not in path.parents and src not in path.parents
    )


ESCAPES = [
    pytest.param('"../../escape"', "escape", "it holds path separators", id="dot-dot"),
    pytest.param('"{tmp}/abs/brief"', "{tmpslug}-abs-brief", "absolute path", id="absolute"),
    pytest.param('"nul\\x00name"', "nul-name", "control characters", id="nul"),
    pytest.param('"folder/sub\\\\name"', "folder-sub-name", "path separators", id="separators"),
]


@pytest.mark.parametrize(("value", "safe", "why"), ESCAPES)
@pytest.mark.parametrize("builder", ["epub", "latex"])
def test_brief_basename_that_is_a_path_gets_a_safe_name(
    tmp_path: Path, value: str, safe: str, why: str, builder: str
) -> None:
    value = value.format(tmp=tmp_path)
    safe = safe.format(tmpslug=str(tmp_path).strip("/").replace("/", "-"))
    src = project(tmp_path, f"brief_basename = {value}")
    line = 6  # brief_basename's line of conf.py
    builddir = tmp_path / "deep" / "er" / "_build"  # the output and the doctrees
    build = run_sphinx(src, builder, builddir)
    warnings = build.warnings.splitlines()
    assert len(warnings) == 1, build.warnings
    assert warnings[0].startswith(f"{src / 'conf.py'}:{line}: WARNING: brief_basename = ")
    assert why in warnings[0] and f"{safe!r} is used" in warnings[0]
    assert warnings[0].endswith("[brief.output-name]")
    suffix = ".epub" if builder == "epub" else ".tex"
    assert (build.outdir / f"{safe}{suffix}").is_file()
    assert files_outside(tmp_path, builddir, src) == []
    assert "Traceback" not in build.status + build.warnings


def test_a_plain_basename_is_kept_and_not_warned(tmp_path: Path) -> None:
    src = project(tmp_path, 'brief_basename = "Bogotá brief-2024.v2"')
    build = run_sphinx(src, "epub", tmp_path / "_build")
    assert build.warnings == ""
    assert (build.outdir / "Bogotá brief-2024.v2.epub").is_file()


def test_sphinx_values_that_are_paths_are_checked_too(tmp_path: Path) -> None:
    src = project(
        tmp_path,
        'epub_basename = "../../elsewhere"\n'
        'latex_documents = [("index", "../../../elsewhere.tex", "T", "A", "howto")]',
    )
    conf = re.escape(str(src / "conf.py"))
    expected = (
        rf"{conf}:6: WARNING: epub_basename = '../../elsewhere' would write outside the "
        r"output folder \(it holds path separators\): 'elsewhere' is used; give a file name "
        r"without a folder \[brief.output-name\]\n"
        rf"{conf}:7: WARNING: latex_documents = '../../../elsewhere.tex' would write outside "
        r"the output folder \(it holds path separators\): 'elsewhere.tex' is used; give a "
        r"file name without a folder \[brief.output-name\]\n"
    )
    epub = run_sphinx(src, "epub", tmp_path / "_build")
    assert re.fullmatch(expected, epub.warnings), epub.warnings
    assert (epub.outdir / "elsewhere.epub").is_file()
    latex = run_sphinx(src, "latex", tmp_path / "_build")
    assert re.fullmatch(expected, latex.warnings), latex.warnings
    assert (latex.outdir / "elsewhere.tex").is_file()
    assert files_outside(tmp_path, tmp_path / "_build", src) == []


@pytest.mark.parametrize(
    ("name", "why", "safe"),
    [
        ("../../escape", "it holds path separators", "escape"),
        ("/etc/brief", "it is an absolute path or names a drive", "etc-brief"),
        ("C:brief", "it is an absolute path or names a drive", "C-brief"),
        ("..\\..\\brief", "it holds path separators", "brief"),
        ("a\x00b", "it holds control characters", "a-b"),
        ("line\nbreak", "it holds control characters", "line-break"),
        ("..", "it names no file", "brief"),
        ("  ", "it names no file", "brief"),
        ("north-korea-iran-brief", None, "north-korea-iran-brief"),
        ("Bogotá brief", None, "Bogotá brief"),
    ],
)
def test_unsafe_names_and_their_safe_forms(name: str, why: str | None, safe: str) -> None:
    assert unsafe(name) == why
    assert safe_name(name) == safe
    assert unsafe(safe_name(name)) is None


def test_the_extensions_own_files_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    assert output_file(tmp_path, "events.json") == tmp_path / "events.json"
    assert output_file(tmp_path, "_images", "x.svg") == tmp_path / "_images" / "x.svg"
    for parts in (("..", "events.json"), ("/etc/passwd",), ("_images", "..", "..", "x")):
        with pytest.raises(ValueError, match="is not inside the output folder"):
            output_file(tmp_path, *parts)

"""The editor-note role and the print layout, on small projects."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import run_sphinx

CONF = """
extensions = ["myst_parser", "sphinx_brief"]
bibtex_bibfiles = []
"""


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    for name, text in pages.items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return src


NOTE_PAGE = """
# Page

The war ran from 1980 to 1989. {editor-note}`It ended in 1988 <script>alert(1)</script> & \\input{x} $%#_~^.`

Empty: {editor-note}` `
"""


@pytest.mark.parametrize("builder", ["html", "latex", "text", "man", "texinfo"])
def test_editor_note_in_every_builder(tmp_path: Path, builder: str) -> None:
    build = run_sphinx(project(tmp_path, {"index.md": NOTE_PAGE}), builder, tmp_path / "out")
    assert "Traceback" not in build.status + build.warnings
    # the empty note is a warning with file and line, and the page still builds
    assert "index.md:6" in build.warnings and "editor-note: the note is empty" in build.warnings
    out = next(
        p
        for p in build.outdir.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".tex", ".txt", ".1", ".texi"}
        and p.name != "genindex.html"
        and p.name != "search.html"
        and "sphinx" not in p.name
    )
    text = out.read_text(encoding="utf-8")
    if builder == "html":
        soup = BeautifulSoup(text, "lxml")
        note = soup.select_one(".brief-editor-note")
        assert note is not None
        assert note.get_text() == (
            "[Editor’s note: It ended in 1988 <script>alert(1)</script> & \\input{x} $%#_~^.]"
        )
        assert soup.find("script", string="alert(1)") is None
    elif builder == "latex":
        assert r"\sphinxstyleemphasis{Editor’s note:}" in text
        assert r"\textbackslash{}input\{x\} \$\%\#\_\textasciitilde{}\textasciicircum{}." in text
    else:
        assert "Editor’s note:" in text and "It ended in 1988" in text


def test_included_pages_become_top_level_sections_in_latex(tmp_path: Path) -> None:
    src = project(
        tmp_path,
        {
            "index.md": """
            # Brief

            ## First

            Text.

            ## Last

            More text.

            ```{toctree}
            :hidden:

            annex
            ```
        """,
            "annex.md": "# Annex\n\nAnnex text.\n\n## Part\n\nPart text.\n",
        },
    )
    build = run_sphinx(
        src,
        "latex",
        tmp_path / "out",
        confoverrides={"latex_documents": [("index", "b.tex", "B", "A", "howto")]},
    )
    tex = build.read("b.tex")
    assert r"\section{Annex}" in tex and r"\subsection{Part}" in tex
    assert tex.index(r"\section{Last}") < tex.index(r"\section{Annex}")
    html = run_sphinx(src, "html", tmp_path / "html")
    assert "Annex" in html.read("annex.html")  # other builders are untouched

"""`sphinx-brief new` and the defaults that make a brief, in this source tree.

The same starter installed from the wheel, built in every format and checked with the
readers' tools, is tests/test_package.py.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief import cli

from .conftest import compile_pdf, require_tool, run_sphinx
from .pdftools import pdf_info

FACTS = ["--author", "Jane Analyst", "--date", "2010-07-01", "--language", "en"]


def new_brief(tmp_path: Path, *args: str) -> Path:
    root = tmp_path / "brief"
    assert (
        cli.main(["new", str(root), *(args or ("--title", "Iran–Venezuela Relations")), *FACTS])
        == 0
    )
    return root


def test_new_writes_the_starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_brief(tmp_path)
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert names == [
        ".gitignore",
        "Makefile",
        "README.md",
        "chronology.md",
        "conf.py",
        "index.md",
        "quotations.md",
        "refs.bib",
        "sources.md",
    ]
    assert "make html" in capsys.readouterr().out
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    for target in ("html", "latexpdf", "epub", "livehtml"):
        assert re.search(rf"^(\S+ )*{target}( \S+)*:", makefile, re.M), target
    assert "\t$(SPHINXBUILD) -M $@" in makefile  # recipes are indented with tabs
    conf = ast.parse((root / "conf.py").read_text(encoding="utf-8"))
    assigned = {
        t.id
        for node in conf.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    # only the brief's own facts: no layout, no LaTeX, no ePub settings
    assert not {
        name for name in assigned if name.startswith(("latex_", "epub_", "myst_", "bibtex_"))
    }
    assert {"project", "author", "brief_date", "language", "extensions"} <= assigned


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "brief"
    root.mkdir()
    (root / "index.md").write_text("# My own words\n", encoding="utf-8")
    assert cli.main(["new", str(root)]) == 1
    err = capsys.readouterr().err
    assert "index.md" in err and "not overwriting" in err
    assert (root / "index.md").read_text(encoding="utf-8") == "# My own words\n"
    assert sorted(p.name for p in root.iterdir()) == ["index.md"]  # nothing else written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "July 2010"], "is not an EDTF date"),
        (["--language", "klingon-xx"], "is not a language code"),
    ],
)
def test_new_rejects_bad_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", str(tmp_path / "brief"), *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "brief").exists()


TRICKY = (
    'Iran\'s "Look East" {policy} *2010* — \\input{x} <b> [1] $x$ U.S.-Iran (2010) #tag &amp; `c` #'
)


def test_facts_are_escaped_for_each_file(tmp_path: Path) -> None:
    root = new_brief(tmp_path, "--title", TRICKY)
    conf: dict[str, object] = {}
    exec((root / "conf.py").read_text(encoding="utf-8"), conf)
    assert conf["project"] == TRICKY and conf["author"] == "Jane Analyst"
    build = run_sphinx(root, "html", tmp_path / "out", confoverrides={"smartquotes": False})
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    heading = soup.select_one("h1")
    assert heading is not None
    for link in heading.select("a.headerlink"):
        link.decompose()
    assert heading.get_text() == TRICKY
    latex = run_sphinx(root, "latex", tmp_path / "latex")
    assert latex.warnings == "", latex.warnings
    (tex,) = latex.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\input{x}" not in text  # the title is text in the PDF, never LaTeX


@pytest.fixture(scope="module")
def starter_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = new_brief(tmp_path_factory.mktemp("starter"))
    build = run_sphinx(root, "html", root / "_build")
    assert build.warnings == "", build.warnings
    return build.outdir


def test_starter_fills_chronology_and_quotations(starter_html: Path) -> None:
    chronology = BeautifulSoup((starter_html / "chronology.html").read_text("utf-8"), "lxml")
    text = " ".join(chronology.get_text(" ").split())
    for title in (
        "Talks are announced",
        "The two delegations meet in the capital",
        "Trade between the two countries is counted",
    ):
        assert title in text
    assert "Example Wire Service" in text
    # source links go to the Sources page's stable anchors
    hrefs = {str(a["href"]) for a in chronology.select("a[href]")}
    assert "sources.html#cite-example2024wire" in hrefs
    sources = BeautifulSoup((starter_html / "sources.html").read_text("utf-8"), "lxml")
    assert sources.select_one("#cite-example2024wire") is not None
    quotes = BeautifulSoup((starter_html / "quotations.html").read_text("utf-8"), "lxml")
    quoted = " ".join(quotes.get_text(" ").split())
    assert "Jane Example" in quoted and "We will continue the talks next month." in quoted


def test_editor_note_glued_to_a_word_gets_its_space(starter_html: Path) -> None:
    soup = BeautifulSoup((starter_html / "index.html").read_text("utf-8"), "lxml")
    note = soup.select_one(".brief-editor-note")
    assert note is not None and note.parent is not None
    text = note.parent.get_text()
    assert "first of its kind [Editor’s note: An earlier meeting" in text


EDITOR_NOTES = """\
# Notes

Senator{editor-note}`The senator was a deputy.` spoke.

Before a quote: “{editor-note}`inside`” and (plain{editor-note}`x`) and a space {editor-note}`y`.
"""


def test_editor_note_spacing(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n', encoding="utf-8"
    )
    (src / "index.md").write_text(EDITOR_NOTES, encoding="utf-8")
    build = run_sphinx(src, "text", tmp_path / "out")
    text = " ".join(build.read("index.txt").replace("*", "").split())
    assert "Senator [Editor’s note: The senator was a deputy.] spoke." in text
    assert "“[Editor’s note: inside]”" in text  # after an opening quote: no space
    assert "(plain [Editor’s note: x])" in text
    assert "a space [Editor’s note: y]." in text  # the author's space is not doubled


def brief_project(tmp_path: Path, conf: str, page: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "Test Brief"\nauthor = "Tester"\nextensions = ["sphinx_brief"]\n'
        + textwrap.dedent(conf),
        encoding="utf-8",
    )
    (src / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    (src / "refs.bib").write_text(
        "@article{wire2009, title = {{Wire Report}}, journal = {Wire}, date = {2009-06-15}}\n",
        encoding="utf-8",
    )
    return src


EVENT_PAGE = """\
# Test Brief

Something happened.

:::{event} 2009-06
:title: It happened
:source: wire2009
:::

:::{timeline}
:::
"""


def test_colon_fence_is_on_by_default(tmp_path: Path) -> None:
    build = run_sphinx(brief_project(tmp_path, "", EVENT_PAGE), "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    assert "It happened" in build.read("index.html")
    assert ":::{event}" not in build.read("index.html")


def test_a_directive_left_as_text_is_a_warning_with_its_line(tmp_path: Path) -> None:
    src = brief_project(tmp_path, 'myst_enable_extensions = ["deflist"]\n', EVENT_PAGE)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "Traceback" not in build.warnings
    assert re.search(
        r"index\.md:5: WARNING: :::\{event\}: the event directive is left as text", build.warnings
    ), build.warnings
    assert "colon_fence" in build.warnings
    assert "[brief.myst]" in build.warnings


def test_defaults_give_way_to_conf_py(tmp_path: Path) -> None:
    conf = """
    brief_date = "2009-06-20"
    bibtex_cite_id = "src-{key}"
    latex_elements = {"preamble": "% the author's own preamble", "pointsize": "12pt"}
    epub_basename = "my-book"
    today = "Midsummer 2009"
    """
    src = brief_project(tmp_path, conf, EVENT_PAGE + "\n```{bibliography}\n:all:\n```\n")
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert latex.warnings == "", latex.warnings
    (tex,) = latex.outdir.glob("*.tex")
    assert tex.name == "test-brief.tex"
    text = tex.read_text(encoding="utf-8")
    assert "% the author's own preamble" in text
    assert "12pt" in text and "11pt" not in text
    assert r"\date{Midsummer 2009}" in text
    assert "pdftitle={Test Brief}" in text and r"\usepackage{xurl}" in text  # other keys kept
    assert r"{sphinxhowto}" in text
    epub = run_sphinx(src, "epub", tmp_path / "epub")
    assert (epub.outdir / "my-book.epub").exists()
    assert epub.app.config.epub_identifier == "test-brief-2009-06-20"
    assert epub.app.config.copyright == "2009, Tester"
    html = run_sphinx(src, "html", tmp_path / "html")
    assert 'id="src-wire2009"' in html.read("index.html")


def test_no_date_means_no_date_line_not_the_build_date(tmp_path: Path) -> None:
    latex = run_sphinx(brief_project(tmp_path, "", EVENT_PAGE), "latex", tmp_path / "latex")
    (tex,) = latex.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    maketitle = text[text.index(r"\begin{document}") :]
    assert r"\@date" not in maketitle.split(r"\end{center}")[0]


def test_bad_brief_date_is_a_warning_naming_conf_py(tmp_path: Path) -> None:
    src = brief_project(tmp_path, 'brief_date = "the first of July"\n', EVENT_PAGE)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert re.search(
        r"conf\.py:4: WARNING: brief_date is not usable: 'the first of July'", build.warnings
    ), build.warnings


def test_plain_sphinx_build_epub_is_quiet(tmp_path: Path) -> None:
    """``sphinx-build -b epub SRC OUT`` (the environment in OUT/.doctrees), opengraph loaded."""
    conf = 'extensions = ["sphinx_brief", "sphinxext.opengraph"]\nbrief_date = "2009-07"\n'
    src = brief_project(tmp_path, conf, EVENT_PAGE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "epub",
            str(src),
            str(tmp_path / "out"),
            "-W",
            "--keep-going",
            "-n",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unknown mimetype" not in result.stderr
    assert "matplotlib" not in result.stdout + result.stderr
    assert (tmp_path / "out" / ".doctrees").is_dir()  # the case the default is for


@pytest.mark.slow
def test_pdf_metadata_of_a_tricky_title(tmp_path: Path) -> None:
    require_tool("pdfinfo")
    root = new_brief(tmp_path, "--title", TRICKY + " % ~ ^ _")
    latex = run_sphinx(root, "latex", tmp_path / "latex")
    assert latex.warnings == "", latex.warnings
    pdf = compile_pdf(latex.outdir)
    info = pdf_info(pdf)
    assert info["Title"] == TRICKY + " % ~ ^ _"  # "U.S.-Iran" keeps its hyphen
    assert info["Author"] == "Jane Analyst"


def test_brief_defaults_false_leaves_sphinx_s_own(tmp_path: Path) -> None:
    conf = 'brief_defaults = False\nmyst_enable_extensions = ["colon_fence"]\nbibtex_bibfiles = ["refs.bib"]\n'
    src = brief_project(tmp_path, conf, EVENT_PAGE)
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    (tex,) = latex.outdir.glob("*.tex")
    assert tex.name == "testbrief.tex"  # Sphinx's own file name
    text = tex.read_text(encoding="utf-8")
    assert "{sphinxmanual}" in text and "pdftitle" not in text
    assert latex.app.config.bibtex_default_style == "alpha"
    assert latex.app.config.bibtex_cite_id == ""


def test_a_project_that_loads_sphinxcontrib_bibtex_configures_it(tmp_path: Path) -> None:
    conf = 'extensions = ["sphinxcontrib.bibtex", "sphinx_brief"]\nbibtex_bibfiles = ["refs.bib"]\n'
    src = brief_project(tmp_path, conf, "# Test Brief\n\nText.{cite}`wire2009`\n")
    build = run_sphinx(src, "html", tmp_path / "out")
    # sphinxcontrib-bibtex's own defaults, exactly as without sphinx_brief …
    assert build.app.config.bibtex_default_style == "alpha"
    assert build.app.config.bibtex_cite_id == ""
    # … and the brief's other defaults still apply
    assert build.app.config.html_title == "Test Brief"
    assert "colon_fence" in build.app.config.myst_enable_extensions

"""``sphinx-brief check``: each check reports what it is trusted for, located in the brief.

Each check is shown to find a known fault on an output spoiled on purpose (so that a silent
check cannot pass the corpus's tests, tests/test_corpus.py), and the command is run on a
brief that is clean and on briefs that are not: its report and its exit status.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from sphinx_brief.check import controls, links, notes, texlog, urls
from sphinx_brief.check.brief import Brief
from sphinx_brief.check.builds import warning_faults
from sphinx_brief.check.pages import Page, Tree, epub_reading_order, html_reading_order

from .conftest import ROOT, require_tool
from .validators import NODE_MODULES

BIB = """
@article{kim2020talks,
  title = {{Talks Resume}},
  journal = {Wire},
  date = {2020-05-01},
  url = {https://example.org/talks/'resume'},
}
"""


@pytest.fixture
def brief(tmp_path: Path) -> Brief:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_brief"]\n', encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(
        "# Brief\n\nThe talks resumed.{note}`@kim2020talks`\n\n(later)=\n## Later\n",
        encoding="utf-8",
    )
    (src / "sources.md").write_text("# Sources\n", encoding="utf-8")
    return Brief.read(src)


def site(root: Path, pages: dict[str, str]) -> Tree:
    for name, markup in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markup, encoding="utf-8")
    return Tree.folder(root)


def html(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


NOTES = (
    '<p>One.<a class="footnote-reference" href="#n1" id="r1">[1]</a> '
    'Two.<a class="footnote-reference" href="#n2" id="r2">[2]</a></p>'
    '<aside class="footnote-list"><aside class="footnote" id="n1"><span class="label">'
    '<span class="fn-bracket">[</span><a href="#r1">1</a><span class="fn-bracket">]</span>'
    "</span><p>“Talks Resume,” <em>Wire</em>, May 1, 2020.</p></aside>"
    '<aside class="footnote" id="n2"><span class="label">[2]</span>'
    "<p>Ibid.</p></aside></aside>"
)


# -- where a fault comes from --------------------------------------------------------------


def test_brief_locates_pages_lines_and_bib_entries(brief: Brief) -> None:
    assert set(brief.pages) == {"index", "sources"}
    assert brief.root_doc == "index"
    assert brief.locate("index", "(later)=") == "index.md:5"
    assert brief.locate("index", "nowhere") == "index.md"
    assert brief.entry_holding("https://example.org/talks/'resume'") == (
        "refs.bib:6 (entry kim2020talks)"
    )
    assert brief.locate_anywhere("The talks resumed") == "index.md:3"


def test_warnings_are_faults_where_sphinx_located_them(brief: Brief) -> None:
    stream = (
        f"{brief.srcdir}/index.md:3: WARNING: unknown source 'x' [brief.unknown-source]\n"
        "  a second line of it\n"
        "WARNING: no location\n"
    )
    faults = warning_faults(brief, "html", stream)
    assert [(f.where, f.check) for f in faults] == [
        ("index.md:3", "warning"),
        ("(no location)", "warning"),
    ]
    assert faults[0].message.endswith("a second line of it")


# -- links -------------------------------------------------------------------------------


def test_dead_links_of_a_site_are_found(brief: Brief, tmp_path: Path) -> None:
    tree = site(
        tmp_path / "site",
        {
            "index.html": html(
                '<h2 id="later">Later</h2><a href="#later">ok</a><a href="#gone">dead id</a>'
                '<a href="sources.html#later">dead id elsewhere</a><a href="missing.html">no file</a>'
                '<a href="https://example.org/x">web</a><img src="_images/x.png" alt="x">'
            ),
            "sources.html": html("<h1>Sources</h1>"),
        },
    )
    faults = links.tree_links(brief, tree, "html")
    found = {f.message.split(": ", 1)[1] for f in faults}
    assert found == {
        "link to #gone resolves to no id 'gone' in index.html",
        "link to sources.html#later resolves to no id 'later' in sources.html",
        "link to missing.html resolves to no file missing.html",
        "link to _images/x.png resolves to no file _images/x.png",
    }
    # the dead link to the page's own label is located at the label's line
    assert {f.where for f in faults if "#later" in f.message} == {"index.md:5"}


def test_dead_links_of_an_epub_and_its_package_are_found(brief: Brief, tmp_path: Path) -> None:
    epub = tmp_path / "b.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>',
        )
        archive.writestr(
            "content.opf",
            '<package><manifest><item id="i" href="index.xhtml"/><item id="g" href="ghost.xhtml"/>'
            '</manifest><spine><itemref idref="i"/></spine></package>',
        )
        archive.writestr("toc.ncx", '<ncx><navMap><content src="index.xhtml#nope"/></navMap></ncx>')
        archive.writestr("index.xhtml", html('<p id="a"><a href="index.xhtml#b">x</a></p>'))
    tree = Tree.epub(epub)
    try:
        assert [p.name for p in epub_reading_order(tree)] == ["index.xhtml"]
        assert [f.message for f in links.tree_links(brief, tree, "epub")] == [
            "index.xhtml: link to index.xhtml#b resolves to no id 'b' in index.xhtml"
        ]
        package = sorted(f.message for f in links.epub_package_links(brief, tree))
        assert package == [
            "content.opf names ghost.xhtml: no such file",
            "toc.ncx names index.xhtml#nope: no such id",
        ]
    finally:
        tree.close()


def test_undefined_references_of_the_latex_log_are_found(brief: Brief) -> None:
    log = (
        "LaTeX Warning: Hyper reference `sources:cite-kim2020talks' on page 2 undefined on input line 9.\n"
        "LaTeX Warning: Reference `index:later' on page 1 undefined on input line 12.\n"
        "pdfTeX warning (dest): name{index:later} has been referenced but does not exist, replaced by a fixed one\n"
    )
    faults = links.latex_log_links(brief, log)
    assert [(f.where, f.message) for f in faults] == [
        ("index.md:5", "reference to index:later is undefined (2 times)"),
        ("refs.bib:2 (entry kim2020talks)", "reference to sources:cite-kim2020talks is undefined"),
    ]


def test_a_pdf_link_to_a_destination_it_lacks_is_found(brief: Brief, tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    writer.add_named_destination("index:later", 0)
    for name in ("index:later", "sources:cite-kim2020talks"):
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 10, 10)]),
                NameObject("/Dest"): TextStringObject(name),
            }
        )
        writer.add_annotation(page, annotation)
    # an explicit destination (a page of this PDF) and a link that names none are no
    # destinations to look up
    for extra in (
        {NameObject("/Dest"): ArrayObject([page.indirect_reference, NameObject("/Fit")])},
        {},
    ):
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 10, 10)]),
                **extra,
            }
        )
        writer.add_annotation(page, annotation)
    pdf = tmp_path / "b.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    faults = links.pdf_links(brief, pdf)
    assert [(f.where, f.message) for f in faults] == [
        (
            "refs.bib:2 (entry kim2020talks)",
            "page 1: a link to 'sources:cite-kim2020talks', a destination the PDF does not have",
        )
    ]


# -- notes ---------------------------------------------------------------------------------


def test_a_pages_notes_are_read_as_readers_read_them(tmp_path: Path) -> None:
    page = Page("index.html", html(NOTES))
    assert notes.page_notes(page) == [
        notes.Note("index", "1", "“Talks Resume,” Wire, May 1, 2020."),
        notes.Note("index", "2", "Ibid."),
    ]


def test_a_run_in_quotation_in_a_note_reads_with_the_marks_the_browser_sets() -> None:
    body = (
        '<aside class="footnote" id="n1"><span class="label">[1]</span>'
        "<p>He said <q>they are <q>old</q> here.</q> See Wire.</p></aside>"
    )
    (note,) = notes.page_notes(Page("index.html", html(body)))
    assert note.text == "He said “they are ‘old’ here.” See Wire."


def test_the_pdfs_text_loses_its_folios_and_poppler_s_embeddings(
    brief: Brief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address cut by a page break (the folio between its halves), a note with a run of
    Arabic (poppler sets it in drawing order, between U+202B and U+202C)."""
    text = "at https://example.org/crs-pro\n49\n\n\fduct/R1.\nSee \u202bحبيب\u202c, 2016.\n"
    told = subprocess.CompletedProcess([], 0, stdout=text.encode("utf-8"), stderr=b"")
    monkeypatch.setattr(notes.subprocess, "run", lambda *args, **kwargs: told)
    cleaned = notes.pdf_text(tmp_path / "b.pdf")
    assert "\u202b" not in cleaned and "49" not in cleaned
    assert notes.flat("https://example.org/crs-product/R1") in notes.flat(cleaned)
    website = [notes.Note("index", "1", "See حبيب, 2016.")]
    assert notes.flat_ltr(website[0].text) == "See"
    assert notes.in_pdf(brief, website, cleaned) == []
    assert controls.in_text(brief, "latexpdf", "the PDF's text", cleaned) == []


def test_notes_out_of_their_marks_order_are_found(brief: Brief) -> None:
    good = Page("index.html", html(NOTES))
    assert notes.numbering(brief, "html", good) == []
    swapped = Page("index.html", html(NOTES.replace('href="#n1" id="r1"', 'href="#nX" id="r1"')))
    messages = [f.message for f in notes.numbering(brief, "html", swapped)]
    assert "index.html: marks of no note: ['nX']" in messages
    assert "index.html: notes no mark shows: ['n1']" in messages
    reordered = Page(
        "index.html",
        html(
            NOTES.replace('href="#n1" id="r1"', 'href="#n2" id="r0"').replace(
                'href="#n2" id="r2"', 'href="#n1" id="r2"'
            )
        ),
    )
    assert [f.message for f in notes.numbering(brief, "html", reordered)] == [
        "index.html: the notes are not in their marks' order"
    ]


def test_notes_of_another_format_are_compared_with_the_websites(brief: Brief) -> None:
    website = [notes.Note("index", "1", "A."), notes.Note("index", "2", "B.")]
    assert notes.compare(brief, "epub", website, list(website)) == []
    faults = notes.compare(brief, "epub", website, [website[0], notes.Note("index", "2", "C.")])
    assert [f.message for f in faults] == [
        "note 2 reads 2: 'C.' in the epub, 2: 'B.' on the website"
    ]
    faults = notes.compare(brief, "epub", website, website[:1])
    assert [f.message for f in faults] == ["1 notes in the epub, 2 on the website"]


def test_the_pdfs_notes_are_found_in_order_whatever_its_line_breaks(brief: Brief) -> None:
    website = [
        notes.Note(
            "index", "1", "“Talks Resume,” Wire, May 1, 2020, https://example.org/talks/'resume'."
        ),
        notes.Note("index", "2", "Ibid."),
    ]
    text = "Body text.1\n\f1\n“Talks Resume,” Wire, May 1, 2020, https://exam-\nple.org/talks/'resume'.\nMore.2\n2 Ibid.\n"
    assert notes.in_pdf(brief, website, text) == []
    out_of_order = (
        "2 Ibid.\n1 “Talks Resume,” Wire, May 1, 2020, https://example.org/talks/'resume'.\n"
    )
    assert [f.message for f in notes.in_pdf(brief, website, out_of_order)] == [
        "note 2 of the document ('Ibid.') is out of order in the PDF"
    ]
    curly = text.replace("'resume'", "‘resume’")
    faults = notes.in_pdf(brief, website, curly)
    assert len(faults) == 1 and "is not in the PDF with these words" in faults[0].message
    assert faults[0].where == "index.md: note 1"
    # a note at the very start of the PDF's text is found there
    assert notes.in_pdf(brief, website[1:], "Ibid. and the rest") == []


def test_the_latex_notes_are_numbered_in_the_order_they_are_set(brief: Brief) -> None:
    website = [notes.Note("index", str(n), "x") for n in (1, 2, 3)]
    good = r"a\begin{footnote}[1]x\end{footnote} \begin{footnote}[2]\end{footnote} \sphinxfootnotemark[2] \begin{footnote}[3]"
    assert notes.in_latex(brief, website, good, through=True) == []
    moved = (
        r"\begin{footnote}[3]\end{footnote} \begin{footnote}[1]\end{footnote} \begin{footnote}[2]"
    )
    messages = [f.message for f in notes.in_latex(brief, website, moved, through=True)]
    assert messages == [
        "note 1 of the document is numbered 3 (…[3, 1, 2]…): not numbered in the order the notes are set"
    ]
    early = r"\sphinxfootnotemark[1] \begin{footnote}[1]\end{footnote}"
    messages = [f.message for f in notes.in_latex(brief, website[:1], early, through=True)]
    assert messages == ["a mark of note 1 before the note"]
    assert [f.message for f in notes.in_latex(brief, website, good[:40], through=True)] == [
        "1 notes in the LaTeX, 3 on the website"
    ]


# -- addresses, control characters, the LaTeX log ------------------------------------------


def test_an_address_printed_otherwise_than_its_link_is_found(brief: Brief, tmp_path: Path) -> None:
    url = "https://example.org/talks/'resume'"
    tree = site(
        tmp_path / "site",
        {
            "index.html": html(
                f'<a href="{url}">https://example.org/talks/‘resume’</a>'
                '<a href="mailto:a@example.org">a@example.org</a>'
                '<a href="https://example.org/ok">https://example.org/ok</a>'
                '<a href="https://example.org/y">the report</a>'
            )
        },
    )
    faults = urls.tree_urls(brief, tree, "html")
    assert [(f.where, f.message) for f in faults] == [
        (
            "refs.bib:6 (entry kim2020talks)",
            f"prints 'https://example.org/talks/‘resume’' for the link {url!r}",
        )
    ]
    fine = site(tmp_path / "fine", {"index.html": html(f'<a href="{url}">{url}</a>')})
    assert urls.tree_urls(brief, fine, "html") == []
    assert urls.pdf_urls(brief, fine, "see https://example.org/talks/\n'resume'.") == []
    faults = urls.pdf_urls(brief, fine, "see https://example.org/talks/‘resume’.")
    assert [f.message for f in faults] == [f"the PDF does not print {url!r}"]
    # an address printed on two pages and missing from the PDF: one fault
    twice = site(
        tmp_path / "twice",
        {
            "index.html": html(f'<a href="{url}">{url}</a>'),
            "b.html": html(f'<a href="{url}">{url}</a>'),
        },
    )
    faults = urls.pdf_urls(brief, twice, "see https://example.org/talks/‘resume’.")
    assert [f.message for f in faults] == [f"the PDF does not print {url!r}"]


def test_control_characters_in_any_output_are_found(brief: Brief, tmp_path: Path) -> None:
    (brief.srcdir / "index.md").write_text("# Brief\n\nBell\x07 here.\n", encoding="utf-8")
    tree = site(
        tmp_path / "site", {"index.html": html("<p>Bell\x07 here.</p>"), "ok.html": html("ok")}
    )
    faults = controls.in_tree(brief, tree, "html")
    assert [(f.where, f.message) for f in faults] == [("index.md:3", "index.html:1 holds U+0007")]
    assert controls.in_text(brief, "latexpdf", "the PDF's text", "page one\fpage two") == []
    # the PDF's text file keeps pdftotext's page breaks, which are no fault there; a text
    # file of another format with a form feed is one
    text = {"brief.txt": "page one\fpage two", "index.html": html("ok")}
    assert controls.in_tree(brief, site(tmp_path / "pdf", text), "latexpdf") == []
    faults = controls.in_tree(brief, site(tmp_path / "text", text), "html")
    assert [f.message.split(" holds ")[1] for f in faults] == ["U+000C"]
    faults = controls.in_text(brief, "latexpdf", "the PDF's text", "a\u202eb")
    assert [f.message for f in faults] == ["the PDF's text:1 holds U+202E"]


def test_missing_characters_and_overfull_lines_of_the_log_are_found(brief: Brief) -> None:
    (brief.srcdir / "index.md").write_text("# Brief\n\nThe 국 character.\n", encoding="utf-8")
    log = (
        "Missing character: There is no 국 (U+AD6D) in font [lmroman10-regular]:mapping=tex-text;!\n"
        "Missing character: There is no 국 (U+AD6D) in font [lmroman10-regular]:mapping=tex-text;!\n"
        "Overfull \\hbox (0.5pt too wide) in paragraph at lines 10--11\n"
        "[]\\T1/qtm/m/n/10.95 small\n\n"
        "Overfull \\hbox (12.25pt too wide) in paragraph at lines 20--22\n"
        "[]\\T1/qtm/m/n/10.95 The 국 character sticks out\n"
    )
    missing = texlog.missing_characters(brief, log)
    assert [(f.where, f.check) for f in missing] == [("index.md:3", "missing-character")]
    assert "U+AD6D" in missing[0].message
    overfull = texlog.overfull_boxes(brief, log)
    assert len(overfull) == 1 and "12.25pt" in overfull[0].message
    assert overfull[0].where == "index.md:3"


def test_the_reading_order_of_a_site_follows_its_next_links(tmp_path: Path) -> None:
    tree = site(
        tmp_path / "site",
        {
            "index.html": html("", '<link rel="next" href="b/two.html">'),
            "b/two.html": html("", '<link rel="next" href="../a.html">'),
            "a.html": html("", '<link rel="next" href="index.html">'),
        },
    )
    assert [p.name for p in html_reading_order(tree, "index")] == [
        "index.html",
        "b/two.html",
        "a.html",
    ]


# -- the command ---------------------------------------------------------------------------


def sphinx_brief(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_brief", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=1800,
    )


def test_the_report_says_each_fault_once_and_what_did_not_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sphinx_brief.check.checker import Result
    from sphinx_brief.check.command import report
    from sphinx_brief.check.faults import Fault

    role = Fault("sources.md (sources.xhtml)", "epub", "ace", "aria-deprecated-role")
    other = Fault("index.md:3", "html", "warning", "unknown source")
    report(
        Result(faults=[other, role, role, role], ran=["html build"], missing={"axe": "chromium"})
    )
    assert capsys.readouterr().out.splitlines() == [
        "index.md:3: [html warning] unknown source",
        "sources.md (sources.xhtml): [epub ace] aria-deprecated-role (×3)",
        "not checked: axe (not installed: chromium)",
        "4 faults; 1 checks ran, 1 could not run",
    ]
    report(
        Result(
            faults=[],
            ran=["html build"],
            missing={"ace": "Ace by DAISY (npm package @daisy/ace-cli)"},
        )
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "not checked: ace (not installed: Ace by DAISY (npm package @daisy/ace-cli))"
    assert "--node-modules DIR" in out[1] and "./node_modules" in out[1]
    assert out[2] == "no fault; 1 checks ran, 1 could not run"


def test_check_refuses_a_folder_that_is_no_brief(tmp_path: Path) -> None:
    result = sphinx_brief("check", str(tmp_path))
    assert result.returncode == 2
    assert "no conf.py" in result.stderr


def test_check_reports_a_crash_and_a_warning_with_their_page(tmp_path: Path) -> None:
    """A traceback is a fault located at the page Sphinx was at; a warning where Sphinx
    put it; the exit status is 1."""
    src = tmp_path / "brief"
    src.mkdir()
    (src / "crash.py").write_text(
        textwrap.dedent(
            """
            def setup(app):
                def crash(app, doctree, docname):
                    if docname == "second":
                        raise RuntimeError("the extension broke")
                app.connect("doctree-resolved", crash)
                return {"parallel_read_safe": True}
            """
        ),
        encoding="utf-8",
    )
    (src / "conf.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'extensions = ["sphinx_brief", "crash"]\nbibtex_bibfiles = []\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Brief\n\n```{toctree}\nsecond\n```\n", encoding="utf-8")
    (src / "second.md").write_text("# Second\n\nA {unknown-role}`x` here.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = sphinx_brief("check", str(src), "--format", "html", "--json", str(report))
    assert result.returncode == 1, result.stdout + result.stderr
    faults = json.loads(report.read_text(encoding="utf-8"))["faults"]
    crash = [f for f in faults if f["check"] == "traceback"]
    assert len(crash) == 1 and "the extension broke" in crash[0]["message"]
    assert crash[0]["where"] == "second.md"
    warnings = [f for f in faults if f["check"] in {"warning", "error"}]
    assert any(f["where"] == "second.md:3" and "unknown-role" in f["message"] for f in warnings), (
        faults
    )
    assert "fault" in result.stdout.splitlines()[-1]


@pytest.mark.slow
def test_check_passes_the_starter_brief_in_every_format(tmp_path: Path) -> None:
    """The starter of ``sphinx-brief new``, as it is: no fault in html, epub, latex and
    latexpdf with every validator (exit 0); the report says which checks ran."""
    require_tool("latexmk")
    src = tmp_path / "starter"
    assert sphinx_brief("new", str(src), "--date", "2024-05-17").returncode == 0
    report = tmp_path / "report.json"
    result = sphinx_brief(
        "check",
        str(src),
        "--require-tools",
        "--node-modules",
        str(NODE_MODULES),
        "--json",
        str(report),
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert data["faults"] == [] and data["missing"] == {}
    assert set(data["ran"]) >= {
        "html build", "epub build", "latex build", "latexpdf build", "html links", "epub links",
        "latexpdf links", "epub notes", "latexpdf notes", "latex notes", "latexpdf urls",
        "latex log", "epubcheck", "ace", "vnu", "axe",
    }  # fmt: skip
    assert result.stdout.splitlines()[-1].startswith("no fault;")


def test_readme_shows_check_as_the_last_step_before_publishing() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sphinx-brief check" in readme
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "sphinx-brief check" in contributing.split("## Reviewer's checklist", 1)[1]

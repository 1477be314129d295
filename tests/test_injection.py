"""Injection (issue 5, point 6): every text field of every directive, and every ``refs.bib``
field the note style prints, given each payload, comes out as text in every format.

One project holds every field × every payload, each value tagged with a marker
("Speaker 3 …") so it can be found.  It is built three times: HTML (pages and the JSON
exports), LaTeX, and the PDF compiled from it.  The checks:

- HTML: no element or attribute the page would not have (no ``<img>``, no ``on…``
  attribute, no ``<script>`` but Sphinx's own and the JSON-LD data blocks), and the
  payload text is where it belongs;
- LaTeX: the document compiles, shows every payload as text (pdftotext), and runs none
  (``\\input{/etc/passwd}`` is printed, the file is not read; ``\\def`` defines nothing);
- JSON exports (``events.json``, ``quotes.json``): they parse and hold the values verbatim.

What "verbatim" means where the input has a syntax of its own:

- **Directive options** are MyST's ``:key: value`` lines, whose values are YAML-like: an
  unquoted ``#`` starts a comment.  Every value is given single-quoted (``:title: '…'``),
  as MyST's documentation says to; inside single quotes every character is literal.
- **Bodies** are MyST Markdown.  ``<script>`` in a MyST body is raw HTML, which MyST passes
  through on purpose: it is the author's own markup, not an injection.  So the two HTML
  payloads are given in a body as Markdown text, escaped (``\\<script>``), and as inline
  code; the other payloads are not Markdown syntax in the middle of a sentence and are given
  as they are.
- **Dates** are parsed, not printed: a payload as a date is an unreadable date, reported by
  a warning that shows it quoted (``repr``), and left out.  Likewise a payload as a bib key
  (``:source:``) is an unknown key.
- **refs.bib fields** are BibTeX, whose values are LaTeX (pybtex reads them with
  ``Text.from_latex``).  Braces group and are not printed, so a lone ``{`` or ``}`` is
  impossible in BibTeX (it is unbalanced, a syntax error, even as ``\\{``): those two
  payloads are left out of the bib fields.  ``%`` begins a LaTeX comment, so a percent sign
  is written ``\\%`` (an unescaped one is reported: see ``test_an_unescaped_percent``); a
  lone ``~`` is a no-break space, so a tilde is written ``\\textasciitilde{}``.
  ``\\input{/etc/passwd}`` and ``\\def\\x{}`` are LaTeX commands there: pybtex keeps a
  command it does not know as its name and drops the braces, so the note prints
  "\\input /etc/passwd" and "\\def \\x" — as text, which Sphinx's LaTeX writer escapes, so
  they never reach TeX as commands.  The expected text of a bib field is therefore what
  pybtex reads (``Text.from_latex``), and the test checks that reading is what is printed.
  ``url`` and ``archiveurl`` are taken as written (not LaTeX), so they hold the payloads
  as they are.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils.parsers.rst import directives
from pybtex.richtext import Text

from sphinx_brief.citations.style import nest_quotes

from .conftest import Build, compile_pdf, require_tool, run_sphinx

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    r"\input{/etc/passwd}",
    r"\def\x{}",
    "%",
    "$",
    "#",
    "_",
    "~",
    "^",
    "{",
    "}",
]
HTML_PAYLOADS = {p for p in PAYLOADS if "<" in p}
PASSWD = "root:x:0:0"  # the first line of /etc/passwd, which must never be printed

CONF = """
project = "Injection"
author = "Tester"
copyright = "2010, Tester"
version = release = "1"
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "brief"
brief_archive_links = True
html_theme = "basic"
language = "en"
# Typography, not escaping: straight quotes stay straight, so values compare verbatim.
smartquotes = False
latex_documents = [("index", "injection.tex", "Injection", "Tester", "howto")]
"""


# -- how a payload is written in each kind of input ----------------------------------------
def option(value: str) -> str:
    """A MyST option value, single-quoted: every character literal (a quote is doubled)."""
    return "'" + value.replace("'", "''") + "'"


def markdown(payload: str) -> str:
    """The payload as Markdown text: HTML payloads escaped, and again as inline code."""
    if payload in HTML_PAYLOADS:
        return payload.replace("<", "\\<") + " and `" + payload + "`"
    return payload


def shown_in_body(payload: str) -> str:
    return f"{payload} and {payload}" if payload in HTML_PAYLOADS else payload


def bib_form(payload: str) -> str | None:
    """The payload in a LaTeX-read bib field (None: impossible in BibTeX, see above)."""
    if payload in {"{", "}"}:
        return None
    return {"%": r"\%", "~": r"\textasciitilde{}"}.get(payload, payload)


def bib_text(marker: str, payload: str, *, quoted: bool = False) -> str:
    """What the note prints for the field ``{marker} {payload}``: pybtex's reading.

    A ``quoted`` field (an article's title, which the note puts in double quotation marks)
    has its own double quotes made single ones first, as the style does ("A ‘b’ c").
    """
    form = bib_form(payload)
    latex = f"{marker} {form}" if form else marker
    return " ".join(str(Text.from_latex(nest_quotes(latex) if quoted else latex)).split())


def url_form(payload: str) -> str:
    return "" if payload in {"{", "}"} else payload


# -- the project -------------------------------------------------------------------------------
def bib(i: int, p: str) -> str:
    form = bib_form(p) or ""
    url = url_form(p)
    entries = f"""
@article{{inj{i}a,
  author     = {{Author{i} {form}, First{i}}},
  title      = {{BibTitle {i} {form}}},
  journal    = {{Journal {i} {form}}},
  date       = {{2009-06-15}},
  url        = {{https://example.org/u{i}/{url}}},
  urldate    = {{2010-07-01}},
  note       = {{BibNote {i} {form}}},
  library    = {{Library {i} {form}}},
  archiveurl = {{https://archive.example.org/a{i}/{url}}},
}}
@report{{inj{i}r,
  title       = {{Report {i}}},
  type        = {{Type{i} {form}}},
  number      = {{Number{i} {form}}},
  institution = {{Institution {i} {form}}},
  date        = {{2009}},
}}
@book{{inj{i}b, title = {{Book {i}}}, publisher = {{Publisher {i} {form}}}, date = {{2009}}}}
"""
    if form:  # an unreadable access date: reported with the payload quoted
        entries += f"@article{{inj{i}d, title = {{Undated {i}}}, journal = {{J}}, date = {{2009}}, urldate = {{{form}}}}}\n"
    return entries


def quote_block(i: int, p: str) -> str:
    return "\n".join(
        [
            ":::{quote}",
            f":speaker: {option(f'Speaker {i} {p}')}",
            f":role: {option(f'Role {i} {p}')}",
            ":date: 2009-06",
            f":source: inj{i}a",
            f":name: {option(f'quote{i} {p}')}",
            f":class: {option(f'cls{i} {p}')}",
            "",
            f"Quote body {i}: {markdown(p)}",
            ":::",
            "",
            ":::{quote}",
            f":speaker: Keyed {i}",
            f":date: {option(p)}",
            f":source: {option(f'inj{i}a, {p}')}",
            "",
            f"Words {i}.",
            ":::",
        ]
    )


def event_block(i: int, p: str) -> str:
    return "\n".join(
        [
            ":::{event} 2010",
            f":title: {option(f'Title {i} {p}')}",
            f":tags: {option(f'tag{i} {p}')}",
            f":source: inj{i}a",
            f":place: {option(f'Place {i} {p}')}",
            f":date-note: {option(f'DateNote {i} {p}')}",
            f":name: {option(f'event{i} {p}')}",
            "",
            f"Event body {i}: {markdown(p)}",
            ":::",
        ]
    )


def index_page() -> str:
    parts = ["# Injected brief", ""]
    for i, p in enumerate(PAYLOADS):
        cites = f"inj{i}a,inj{i}r,inj{i}b" + (f",inj{i}d" if bib_form(p) else "")
        parts += [
            f"## Section {i}",
            "",
            f"Paragraph {i}.{{footcite}}`{cites}` {{editor-note}}`Editor {i} {p}`",
            "",
            quote_block(i, p),
            "",
            event_block(i, p),
            "",
        ]
    parts += ["```{footbibliography}", "```", "", "```{toctree}", "chrono", "who", "sources", "```"]
    return "\n".join(parts) + "\n"


def chrono_page() -> str:
    parts = ["# Chronology", "", "::::{timeline}", "::::", ""]
    for i, p in enumerate(PAYLOADS):
        parts += [
            f"## Filtered {i}",
            "",
            "::::{timeline}",
            f":tags: {option(f'tag{i} {p}')}",
            "::::",
            "",
        ]
    return "\n".join(parts)


NOBODY = "Nobody <script>alert(1)</script>"


def who_page() -> str:
    parts = ["# Who said what", "", "```{quotations}", "```", ""]
    for i, p in enumerate(PAYLOADS):
        parts += [
            f"## By {i}",
            "",
            "```{quotations}",
            f":speaker: {option(f'Speaker {i} {p}')}",
            "```",
            "",
        ]
    parts += ["## Nobody", "", "```{quotations}", f":speaker: {option(NOBODY)}", "```", ""]
    return "\n".join(parts)


SOURCES = "# Sources\n\n```{bibliography}\n:all:\n```\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("injection") / "src"
    src.mkdir()
    tags = {f"tag{i} {p}": f"Label {i} {p}" for i, p in enumerate(PAYLOADS)}
    (src / "conf.py").write_text(CONF + f"brief_tags = {tags!r}\n", encoding="utf-8")
    (src / "refs.bib").write_text("".join(bib(i, p) for i, p in enumerate(PAYLOADS)), "utf-8")
    pages = {"index": index_page(), "chrono": chrono_page(), "who": who_page(), "sources": SOURCES}
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def html(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_sphinx(project, "html", tmp_path_factory.mktemp("injection-html"))


@pytest.fixture(scope="module")
def latex(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_sphinx(project, "latex", tmp_path_factory.mktemp("injection-latex"))


# -- warnings: only the reported ones, each quoting its payload ---------------------------
def expected_warnings() -> Iterator[str]:
    for i, p in enumerate(PAYLOADS):
        yield f"quote :date: cannot be read: {p!r} is not an EDTF date"
        yield f"quote cites {p!r}, which is not a key of the bibliography"
        form = bib_form(p)
        if form:
            read = str(Text.from_latex(form)).strip()
            yield f"bib entry 'inj{i}d': its urldate cannot be read: {read!r} is not an EDTF date"
        try:
            directives.class_option(f"cls{i} {p}")
        except ValueError:
            yield f"'quote': Invalid option value for 'class': cls{i} {p}"
    yield f"quotations: no quote has the speaker {NOBODY!r}"


@pytest.mark.parametrize("build_name", ["html", "latex"])
def test_only_the_expected_warnings(build_name: str, request: pytest.FixtureRequest) -> None:
    build: Build = request.getfixturevalue(build_name)
    output = build.status + build.warnings
    assert "Traceback" not in output
    lines = [line for line in build.warnings.splitlines() if line.strip()]
    expected = list(expected_warnings())
    for message in expected:
        assert any(message in line for line in lines), message
    unexpected = [line for line in lines if not any(m in line for m in expected)]
    assert unexpected == [], "\n".join(unexpected)


# -- HTML ----------------------------------------------------------------------------------
def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "lxml")


PAGES = ["index.html", "chrono.html", "who.html", "sources.html"]
#: The inline scripts of the theme (basic), which every page has.
THEME_SCRIPTS = {"document.getElementById('searchbox').style.display = \"block\""}


@pytest.mark.parametrize("page", PAGES)
def test_html_has_no_injected_element_or_attribute(html: Build, page: str) -> None:
    document = soup(html, page)
    assert document.find("img") is None  # the project has no image
    for element in document.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], element
    for script in document.find_all("script"):
        if script.get("src"):  # Sphinx's own scripts
            assert str(script["src"]).startswith("_static/"), script
            continue
        if script.string in THEME_SCRIPTS:
            continue
        # data, not code: the JSON-LD block, which parses and cannot close its element
        assert script.get("type") == "application/ld+json", script
        assert "</" not in script.string
        json.loads(script.string)
    # every class and id the payloads reached was made an identifier
    for element in document.select("[class*=cls]"):
        assert all(re.fullmatch(r"[a-z0-9-]+", c) for c in element["class"]), element


def texts(elements: list[Tag]) -> list[str]:
    return [" ".join(e.get_text().split()) for e in elements]


def test_html_quote_fields_are_text(html: Build) -> None:
    page = soup(html, "index.html")
    speakers = texts(page.select("figcaption .brief-speaker"))
    roles = texts(page.select("figcaption .brief-role"))
    bodies = texts(page.select("figure.brief-quote blockquote"))
    notes = texts(page.select(".brief-editor-note"))
    for i, p in enumerate(PAYLOADS):
        assert f"Speaker {i} {p}" in speakers
        assert f"Role {i} {p}" in roles
        assert f"Quote body {i}: {shown_in_body(p)}" in bodies
        assert f"[Editor’s note: Editor {i} {p}]" in notes
    # a quote whose date and key could not be read is shown without them
    assert "Keyed 0" in speakers and "Words 0." in bodies


def entries_of(ol: Tag) -> list[Tag]:
    return ol.find_all("li", recursive=False)


def test_html_event_fields_are_text(html: Build) -> None:
    page = soup(html, "chrono.html")
    full, *filtered = page.select("div.brief-chronology")
    rows = {
        " ".join(li.select_one(".brief-timeline-title").get_text().split()): li
        for li in entries_of(full.select_one("ol.brief-timeline"))
    }
    for i, p in enumerate(PAYLOADS):
        li = rows[f"Title {i} {p}"]
        assert texts(li.select(".brief-tag")) == [f"Label {i} {p}"]
        assert texts(li.select(".brief-timeline-place")) == [f"Place {i} {p}"]
        note = li.select_one(".brief-timeline-note")
        assert note is not None
        assert " ".join(note.get_text().split()) == f"[Editor’s note: DateNote {i} {p}]"
        body = " ".join(li.find("p", class_=False).get_text().split())
        assert body == f"Event body {i}: {shown_in_body(p)}"
        # the short citation (publication, date) links to the full note, titled with its title
        source = li.select_one(".brief-timeline-sources a")
        assert source is not None
        assert bib_text(f"Journal {i}", p) in " ".join(source.get_text().split())
        assert " ".join(str(source["title"]).split()) == bib_text(f"BibTitle {i}", p)
        # each tag filter keeps its own event, and nothing else
        assert texts(filtered[i].select(".brief-timeline-title")) == [f"Title {i} {p}"]
        assert f"Label {i} {p}" in texts(filtered[i].select(".brief-timeline-legend .brief-tag"))


def test_html_quotations_fields_are_text(html: Build) -> None:
    page = soup(html, "who.html")
    headings = texts(page.select(".brief-quotations .rubric"))
    for i, p in enumerate(PAYLOADS):
        assert headings.count(f"Speaker {i} {p}") == 2  # the full list and the filtered one
    section = page.select_one("section#nobody")
    assert section is not None
    assert f"No quotation of {NOBODY}." in " ".join(section.get_text().split())


#: The markers of the LaTeX-read fields the notes print (besides the author's name).
BIB_FIELDS = [
    "BibTitle",
    "Journal",
    "BibNote",
    "Library",
    "Type{i}",
    "Number{i}",
    "Institution",
    "Publisher",
]


def bib_expectations(i: int, p: str) -> Iterator[str]:
    """What the notes of payload ``i`` print, field by field."""
    yield bib_text(f"Author{i}", p)
    for marker in BIB_FIELDS:
        name = marker.format(i=i) if "{i}" in marker else f"{marker} {i}"
        yield bib_text(name, p, quoted=marker == "BibTitle")
    if url_form(p):
        yield f"https://example.org/u{i}/{p}"
        yield f"https://archive.example.org/a{i}/{p}"


@pytest.mark.parametrize("page", ["index.html", "sources.html"])
def test_html_bib_fields_are_text(html: Build, page: str) -> None:
    document = soup(html, page)
    shown = " ".join(document.get_text().split())
    hrefs = {a["href"] for a in document.find_all("a", href=True)}
    for i, p in enumerate(PAYLOADS):
        for text in bib_expectations(i, p):
            assert text in shown, (i, text)
        if url_form(p):
            assert f"https://example.org/u{i}/{p}" in hrefs


# -- JSON exports ----------------------------------------------------------------------------
def test_json_exports_hold_the_values_verbatim(html: Build) -> None:
    events = {e["title"]: e for e in json.loads(html.read("events.json"))}
    quotes = {q["speaker"]: q for q in json.loads(html.read("quotes.json"))}
    for i, p in enumerate(PAYLOADS):
        event = events[f"Title {i} {p}"]
        assert event["place"] == f"Place {i} {p}"
        assert event["tags"] == [f"tag{i} {p}"]
        assert event["sources"] == [f"inj{i}a"]
        assert re.fullmatch(r"index\.html#[a-z0-9-]+", event["url"])
        quote = quotes[f"Speaker {i} {p}"]
        assert quote["role"] == f"Role {i} {p}"
        assert quote["text"] == f"Quote body {i}: {shown_in_body(p)}"
        assert re.fullmatch(r"index\.html#[a-z0-9-]+", quote["url"])
        keyed = quotes[f"Keyed {i}"]
        assert keyed["date"] is None and keyed["sources"] == [f"inj{i}a"]


# -- LaTeX and PDF ---------------------------------------------------------------------------
def test_latex_holds_no_command_from_the_input(latex: Build) -> None:
    (tex_file,) = latex.outdir.glob("injection.tex")
    tex = tex_file.read_text(encoding="utf-8")
    assert r"\input{/etc/passwd}" not in tex and r"\input /etc/passwd" not in tex
    assert r"\def\x" not in tex and r"\def \x" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex  # from an option or a body
    assert r"\textbackslash{}input /etc/passwd" in tex  # from refs.bib, as pybtex reads it


def flat(text: str) -> str:
    """Text as pdftotext gives it, compared without layout: no white space or hyphens."""
    return re.sub(r"[\s\-\u00ad]", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf_text(latex: Build) -> str:
    pdftotext = require_tool("pdftotext")
    pdf = compile_pdf(latex.outdir)
    assert pdf.name == "injection.pdf"
    return subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
def test_pdf_prints_every_payload_and_runs_none(pdf_text: str) -> None:
    shown = flat(pdf_text)
    assert PASSWD not in pdf_text
    # no escape is printed instead of its character (as \url did: "u/\T1\textless{}")
    assert not re.search(r"\\(T1|text[a-z]+|protect)\b", pdf_text), pdf_text
    for i, p in enumerate(PAYLOADS):
        for text in [
            f"Speaker {i} {p}",
            f"Role {i} {p}",
            f"Quote body {i}: {shown_in_body(p)}",
            f"Editor {i} {p}",
            f"Title {i} {p}",
            f"Label {i} {p}",
            f"Place {i} {p}",
            f"DateNote {i} {p}",
            f"Event body {i}: {shown_in_body(p)}",
            *bib_expectations(i, p),
        ]:
            assert flat(text) in shown, (i, text)


def test_an_unescaped_percent(tmp_path: Path) -> None:
    """``%`` in a LaTeX-read bib field is a comment to LaTeX: it is reported (with the
    entry's line); the notes print the percent sign it means, as for ``\\%``; a title in
    double braces, where pybtex's LaTeX reader would fail on the braces the comment
    swallows, is no traceback."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(
        "@article{raw, title = {Prices up 10% in May}, journal = {J}, date = {2009}}\n"
        "@article{escaped, title = {Prices up 10\\% in May}, journal = {J}, date = {2009}}\n"
        "@article{braced, title = {{SQM Sells 23.77% Stake}}, journal = {J}, date = {2009}}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Percent\n\nRaw.{footcite}`raw` Escaped.{footcite}`escaped` B.{footcite}`braced`\n\n"
        "```{footbibliography}\n```\n",
        encoding="utf-8",
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings.splitlines() == [
        f"{src / 'refs.bib'}:{line}: WARNING: bib entry '{key}': its title holds an unescaped "
        "% (LaTeX, and tools that read the field as LaTeX, take what follows for a comment; "
        "the notes print a percent sign); write \\% for a percent sign [brief.bibtex]"
        for line, key in ((1, "raw"), (3, "braced"))
    ]
    notes = texts(soup(build, "index.html").select("aside.footnote"))
    assert notes == [
        "[1] “Prices up 10% in May,” J, 2009.",
        "[2] “Prices up 10% in May,” J, 2009.",
        "[3] “SQM Sells 23.77% Stake,” J, 2009.",
    ]

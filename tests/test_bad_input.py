"""Malformed input to the extension (issue 5, point 5): located warnings, never a traceback.

Table-driven.  Each case is a small project of three pages (``index``, ``good``, ``bad``)
plus a ``conf.py`` and a ``refs.bib``; the bad input is on the ``bad`` page (or in the
configuration, or in the bibliography).  Each case must give a warning or error that names
the file and the line of the bad input, no traceback, and every page must still be built
with its content: the good page's event, quote, timeline and quotation list, the bad page's
paragraphs around the bad input, and the JSON exports.

The existing per-component suites (``test_quotes_checks``, ``test_events``,
``test_editorial``, ``test_citations``) check each message in depth; this table is about
breadth: every kind of malformed input, the same guarantees for each.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

CONF = """
project = "Bad input"
author = "Tester"
copyright = "2010, Tester"
version = release = "1"
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "brief"
brief_archive_links = False
html_theme = "basic"
epub_identifier = epub_uid = "bad-input"
epub_scheme = "unknown"
brief_tags = {"arms": "Arms transfers", "diplomacy": "Diplomacy"}
"""

BIB = """
@article{wire2009, title = {{Wire Report}}, journal = {Wire}, date = {2009-06-15}}
@article{paper2010, title = {{Paper Report}}, journal = {Paper}, date = {2010-03-08}}
"""

INDEX = """# Index

The index page.

```{toctree}
good
bad
```
"""

GOOD = """# Good page

The good page still builds.{footcite}`paper2010`

:::{event} 2009-06
:title: The good event
:tags: arms
:source: wire2009
:::

:::{quote}
:speaker: Good Speaker
:date: 2009-06
:source: wire2009

The good words.
:::

::::{timeline}
::::

```{quotations}
```

```{footbibliography}
```
"""

BEFORE = "The paragraph before."
AFTER = "The paragraph after."


def bad_page(body: str) -> str:
    return f"# Bad page\n\n{BEFORE}\n\n{body}\n\n{AFTER}\n\n```{{footbibliography}}\n```\n"


@dataclass(frozen=True)
class Case:
    """One malformed input and the warning it must give.

    ``at`` starts the line the warning must name, in ``file`` (its first occurrence;
    ``offset`` lines further); ``message`` is in the warning, which ends with ``[tag]``.
    """

    page: str
    at: str
    message: str
    tag: str
    offset: int = 0
    file: str = "bad.md"
    conf: str = ""
    bib: str = ""


def directive(name: str, argument: str, options: tuple[str, ...], body: str, fence: str) -> str:
    """A MyST directive: the name and argument, the option lines, a blank line, the body."""
    head = f"{fence}{{{name}}} {argument}".rstrip()
    return "\n".join([head, *options]) + (f"\n\n{body}" if body else "") + f"\n{fence}"


def quote(*options: str, body: str = "Some words.", fence: str = ":::") -> str:
    return directive("quote", "", options, body, fence)


def event(date: str, *options: str, body: str = "", fence: str = ":::") -> str:
    return directive("event", date, options, body, fence)


def timeline(*options: str, body: str = "", fence: str = "::::") -> str:
    return directive("timeline", "", options, body, fence)


HUGE = "\n\n".join(f"Paragraph {number} of a very long body." for number in range(5000))
SOURCED = ":source: wire2009"

CASES: dict[str, Case] = {
    # -- quote: missing, empty and unreadable options -----------------------------------
    "quote without speaker": Case(
        quote(":role: minister", SOURCED),
        ":::{quote}",
        "quote has no :speaker:",
        "brief.missing",
    ),
    "quote with an empty speaker": Case(
        quote(":speaker:", SOURCED), ":::{quote}", "quote has no :speaker:", "brief.missing"
    ),
    "quote whose speaker is only a direction mark and a joiner": Case(
        quote(":speaker: \u200f\u200d", SOURCED),
        ":::{quote}",
        "quote has no :speaker:",
        "brief.missing",
    ),
    "quote with an empty date": Case(
        quote(":speaker: A", ":date:", SOURCED),
        ":date:",
        "the :date: option is empty",
        "brief.empty-option",
    ),
    "quote with an impossible date": Case(
        quote(":speaker: A", ":date: 2009-02-30", SOURCED),
        ":::{quote}",
        "'2009-02-30' is not an EDTF date",
        "brief.date",
    ),
    "quote date with a trailing right-to-left mark": Case(
        quote(":speaker: A", ":date: 2009-06\u200f", SOURCED),
        ":::{quote}",
        r"'2009-06\u200f' is not an EDTF date",
        "brief.date",
    ),
    "quote citing an unknown key": Case(
        quote(":speaker: A", ":source: wire2009, nosuchkey"),
        ":::{quote}",
        "quote cites 'nosuchkey', which is not a key of the bibliography",
        "brief.unknown-source",
    ),
    "quote without source": Case(
        quote(":speaker: A"), ":::{quote}", "quote has no :source:", "brief.missing-source"
    ),
    "quote with an empty source": Case(
        quote(":speaker: A", ":source:"),
        ":::{quote}",
        "quote has no :source:",
        "brief.missing-source",
    ),
    "quote with an empty body": Case(
        quote(":speaker: A", SOURCED, body=""),
        ":::{quote}",
        "quote has no quoted text",
        "brief.missing",
    ),
    "quote with an unknown option": Case(
        quote(":speaker: A", ":colour: red", SOURCED),
        ":colour:",
        "Unknown option key: 'colour'",
        "myst.directive_option",
    ),
    "quote with an option given twice": Case(
        quote(":speaker: A", ":speaker: B", SOURCED),
        ":speaker: B",
        "the :speaker: option is given twice",
        "brief.repeated-option",
    ),
    "quote with a class that is no class name": Case(
        quote(":speaker: A", ":class: !!!", SOURCED),
        ":class:",
        'cannot make "!!!" into a class name',
        "myst.directive_option",
    ),
    "two quotes with the same name": Case(
        quote(":speaker: A", ":name: same", SOURCED)
        + "\n\n"
        + quote(":speaker: B", ":name: same", SOURCED),
        ":speaker: B",
        'Duplicate explicit target name: "same"',
        "docutils",
        offset=-1,
    ),
    "a huge quote (5,000 paragraphs), then a bad date": Case(
        quote(":speaker: A", SOURCED, body=HUGE)
        + "\n\n"
        + quote(":speaker: B", ":date: someday", SOURCED),
        ":speaker: B",
        "'someday' is not an EDTF date",
        "brief.date",
        offset=-1,
    ),
    # -- event ----------------------------------------------------------------------------
    "event without date": Case(
        event("", ":title: Undated", SOURCED), ":::{event}", "the date is missing", "brief.missing"
    ),
    "event with an unparseable date and an emoji in its title": Case(
        event("2009-13", ":title: Rocket \U0001f680 launch", SOURCED),
        ":::{event}",
        "event 'Rocket \U0001f680 launch': unusable date: '2009-13' is not an EDTF date",
        "brief.date",
    ),
    "event with two dates": Case(
        event("2009 2010", ":title: Two dates", SOURCED),
        ":::{event}",
        "'2009 2010' is not an EDTF date",
        "brief.date",
    ),
    "event without title": Case(
        event("2009", SOURCED), ":::{event}", "the :title: option is missing", "brief.missing"
    ),
    "event with an empty title": Case(
        event("2009", ":title:", SOURCED),
        ":::{event}",
        "the :title: option is missing",
        "brief.missing",
    ),
    "event with an undeclared tag": Case(
        event("2009", ":title: Tagged", ":tags: arms, nope", SOURCED),
        ":::{event}",
        "tag 'nope' is not declared in brief_tags",
        "brief.tag",
    ),
    "event tag with a zero-width joiner": Case(
        event("2009", ":title: Joined", ":tags: arms\u200d", SOURCED),
        ":::{event}",
        r"tag 'arms\u200d' is not declared",
        "brief.tag",
    ),
    "event with empty tags": Case(
        event("2009", ":title: Untagged", ":tags:", SOURCED),
        ":tags:",
        "the :tags: option is empty",
        "brief.empty-option",
    ),
    "event citing an unknown key": Case(
        event("2009", ":title: Unknown", ":source: nokey"),
        ":::{event}",
        "cites 'nokey', which is not a key of the bibliography",
        "brief.unknown-source",
    ),
    "event dated after its source": Case(
        event("2010", ":title: Too late", SOURCED),
        ":::{event}",
        "a source cannot report what had not happened yet",
        "brief.date-source",
    ),
    "date-note without a conflicting source": Case(
        event(
            "2009-06", ":title: Explained for nothing", SOURCED, ":date-note: Nothing to explain."
        ),
        ":::{event}",
        "has a :date-note:, but it is not dated after any of its sources",
        "brief.date-note",
    ),
    "two events with the same name": Case(
        event("2009", ":title: One", ":name: same", SOURCED)
        + "\n\n"
        + event("2009", ":title: Two", ":name: same", SOURCED),
        ":title: Two",
        'Duplicate explicit target name: "same"',
        "docutils",
        offset=-1,
    ),
    "event with an option given twice": Case(
        event("2009", ":title: First", ":title: Second", SOURCED),
        ":title: Second",
        "the :title: option is given twice (lines",
        "brief.repeated-option",
    ),
    "event with an unknown option": Case(
        event("2009", ":title: Unknown option", ":when: now", SOURCED),
        ":when:",
        "Unknown option key: 'when'",
        "myst.directive_option",
    ),
    "event with control characters in its options": Case(
        event("2009", ":title: Con\x01tr\x1bol\x7f", ":place: Teh\x00ran", SOURCED),
        ":title: Con",
        "the :title: option holds control or replacement characters (U+0001, U+001B, U+007F)",
        "brief.control-character",
    ),
    "a huge event body (5,000 paragraphs) with an undeclared tag": Case(
        event("2009", ":title: Huge", ":tags: nope", SOURCED, body=HUGE),
        ":::{event}",
        "tag 'nope' is not declared",
        "brief.tag",
    ),
    # -- timeline ---------------------------------------------------------------------------
    "timeline with an unreadable bound": Case(
        timeline(":from: someday"), "::::{timeline}", "unusable :from: date", "brief.date"
    ),
    "timeline from after until": Case(
        timeline(":from: 2010", ":until: 2009"),
        "::::{timeline}",
        ":from: 2010 is after :until: 2009",
        "brief.range",
    ),
    "timeline filtering on an undeclared tag": Case(
        timeline(":tags: zzz"), "::::{timeline}", "timeline: tag 'zzz' is not declared", "brief.tag"
    ),
    "timeline with an empty bound": Case(
        timeline(":until:"), ":until:", "the :until: option is empty", "brief.empty-option"
    ),
    "timeline with a stray paragraph": Case(
        timeline(body=event("2009", ":title: Inside", SOURCED) + "\n\nStray paragraph."),
        "::::{timeline}",
        "only event directives belong in a timeline's body; 'paragraph' left out",
        "brief.content",
    ),
    # -- nested misuse ------------------------------------------------------------------------
    "timeline inside a quote": Case(
        quote(":speaker: A", SOURCED, body="Words.\n\n" + timeline(), fence="::::::"),
        "::::{timeline}",
        "a timeline cannot stand inside a quote; it is left out",
        "brief.nesting",
    ),
    "quote inside an event body": Case(
        event("2009", ":title: Outer", SOURCED, body=quote(":speaker: B", SOURCED), fence="::::"),
        ":::{quote}",
        "a quote cannot stand inside an event; it is left out",
        "brief.nesting",
    ),
    "timeline inside a timeline": Case(
        timeline(body=timeline(), fence="::::::"),
        "::::{timeline}",
        "a timeline cannot stand inside a timeline; it is left out",
        "brief.nesting",
    ),
    "event inside a quote": Case(
        quote(
            ":speaker: A",
            SOURCED,
            body="Words.\n\n" + event("2009", ":title: In", SOURCED),
            fence="::::",
        ),
        ":::{event}",
        "an event cannot stand inside a quote; it is left out",
        "brief.nesting",
    ),
    "event inside an event body": Case(
        event(
            "2009",
            ":title: Outer",
            SOURCED,
            body=event("2009", ":title: In", SOURCED),
            fence="::::",
        ),
        ":::{event}",
        "an event cannot stand inside an event; it is left out",
        "brief.nesting",
    ),
    "timeline inside an event body": Case(
        event("2009", ":title: Outer", SOURCED, body=timeline(), fence="::::::"),
        "::::{timeline}",
        "a timeline cannot stand inside an event; it is left out",
        "brief.nesting",
    ),
    "quote inside a timeline": Case(
        timeline(body=quote(":speaker: B", SOURCED)),
        ":::{quote}",
        "a quote cannot stand inside a timeline; it is left out",
        "brief.nesting",
    ),
    "quotations inside a quote": Case(
        quote(":speaker: A", SOURCED, body="Words.\n\n```{quotations}\n```"),
        "```{quotations}",
        "a quotations list cannot stand inside a quote; it is left out",
        "brief.nesting",
    ),
    # -- quotations -------------------------------------------------------------------------
    "quotations of a speaker nobody is": Case(
        "```{quotations}\n:speaker: Nobody\n```",
        "```{quotations}",
        "quotations: no quote has the speaker 'Nobody'",
        "brief.no-quotations",
    ),
    "quotations of a zero-width speaker": Case(
        "```{quotations}\n:speaker: \u200b\n```",
        ":speaker:",
        "quotations: the :speaker: option is empty",
        "brief.empty-option",
    ),
    "quotations with content": Case(
        "```{quotations}\nSome content.\n```",
        "```{quotations}",
        "Has content, but none permitted",
        "myst.directive_parse",
    ),
    # -- editor's notes ---------------------------------------------------------------------
    "editor-note with nothing in it": Case(
        "An empty note {editor-note}`` here.",
        "An empty note",
        "editor-note: the note is empty or not closed",
        "brief.editor-note",
    ),
    "editor-note with only a space": Case(
        "A blank note {editor-note}` ` here.",
        "A blank note",
        "editor-note: the note is empty",
        "docutils",
    ),
    # -- configuration ----------------------------------------------------------------------
    "brief_tags as a list": Case(
        "Text.",
        "brief_tags = [",
        "brief_tags must be a dict of tag → label",
        "brief.config",
        file="conf.py",
        conf='brief_tags = ["arms", "diplomacy"]\n',
    ),
    "brief_tags with a label that is no text": Case(
        "Text.",
        "brief_tags = {1",
        "brief_tags must be a dict of tag → label",
        "brief.config",
        file="conf.py",
        conf='brief_tags = {1: 2, "arms": "Arms", "diplomacy": "Diplomacy"}\n',
    ),
    "brief_require_sources as a string": Case(
        "Text.",
        "brief_require_sources =",
        "brief_require_sources must be True or False, not 'yes'; read as True",
        "brief.config",
        file="conf.py",
        conf='brief_require_sources = "yes"\n',
    ),
    "brief_archive_links as a number": Case(
        "Text.",
        "brief_archive_links = 7",
        'brief_archive_links must be True, False or "lookup", not 7; read as True (archiveurl only)',
        "brief.config",
        file="conf.py",
        conf="brief_archive_links = 7\n",
    ),
    "project as a number": Case(
        "Text.",
        "project = 42",
        "project must be text, not 42; read as '42'",
        "brief.config",
        file="conf.py",
        conf="project = 42\n",
    ),
    "author as None": Case(
        "Text.",
        "author = None",
        "author must be text, not None; read as ''",
        "brief.config",
        file="conf.py",
        conf="author = None\n",
    ),
    # -- the bibliography -------------------------------------------------------------------
    "bib entry without title": Case(
        "Cited.{footcite}`notitle`",
        "@article{notitle",
        "bib entry 'notitle': it has no title",
        "brief.bibtex",
        file="refs.bib",
        bib="@article{notitle, journal = {J}, date = {2009}}\n",
    ),
    "bib entry with an unreadable date": Case(
        "Cited.{footcite}`baddate`",
        "@article{baddate",
        "bib entry 'baddate': its date cannot be read",
        "brief.bibtex",
        file="refs.bib",
        bib="@article{baddate, title = {T}, journal = {J}, date = {someday}}\n",
    ),
    "bib entry whose date has no year": Case(
        "Cited.{footcite}`noyear`",
        "@article{noyear",
        "bib entry 'noyear': its date cannot be read",
        "brief.bibtex",
        file="refs.bib",
        bib="@article{noyear, title = {T}, journal = {J}, date = {--06-15}}\n",
    ),
    "bib entry with a month that is none": Case(
        "Cited.{footcite}`badmonth`",
        "@article{badmonth",
        "its month 'smarch' is not a month",
        "brief.bibtex",
        file="refs.bib",
        bib="@article{badmonth, title = {T}, journal = {J}, year = {2009}, month = {Smarch}}\n",
    ),
    "bib entry with a name pybtex cannot read": Case(
        "Cited.{footcite}`wire2009`",
        "@article{commas",
        "bib entry 'commas': Too many commas in 'One, Two, Three, Four'",
        "brief.bibtex",
        file="refs.bib",
        bib="\n@article{commas,\n author = {One, Two, Three, Four}, title = {T}, journal = {J}}\n",
    ),
    "bib entry with an unclosed brace": Case(
        "Cited.{footcite}`wire2009`",
        "@article{broken",
        "syntax error in line",
        "brief.bibtex",
        file="refs.bib",
        bib="\n@article{broken, title = {Unclosed, journal = {J}\n",
    ),
}


def project(root: Path, case: Case) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + case.conf, encoding="utf-8")
    (src / "refs.bib").write_text(BIB + case.bib, encoding="utf-8")
    pages = {"index": INDEX, "good": GOOD, "bad": bad_page(case.page)}
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


def expected_location(src: Path, case: Case) -> str:
    lines = (src / case.file).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith(case.at))
    return f"{src / case.file}:{number + case.offset}"


def records(warnings: str) -> list[str]:
    """The warnings, one string each (a record may run over several lines)."""
    return [r for r in re.split(r"\n(?=\S)", warnings.strip()) if r]


def test_the_table_is_broad() -> None:
    assert len(CASES) >= 25
    assert len({case.tag for case in CASES.values()}) >= 15


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_warns_where_it_is_and_the_rest_builds(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    src = project(tmp_path, case)
    build = run_sphinx(src, "html", tmp_path / "out")  # raises if the build crashes
    output = build.status + build.warnings
    assert "Traceback" not in output and "Exception occurred" not in output

    where = expected_location(src, case)
    found = records(build.warnings)
    assert any(
        r.startswith(f"{where}: ") and case.message in r and r.rstrip().endswith(f"[{case.tag}]")
        for r in found
    ), f"expected at {where}: {case.message!r} [{case.tag}]; got:\n{build.warnings}"
    # every warning names where it comes from, and none is about the other pages
    for record in found:
        assert record.startswith(str(src)), record
        assert not record.startswith((str(src / "good.md"), str(src / "index.md"))), record

    assert_every_page_built(build)


def assert_every_page_built(build: Build) -> None:
    def text(page: str) -> str:
        return BeautifulSoup(build.read(page), "lxml").get_text(" ")

    assert "The index page." in text("index.html")
    good = BeautifulSoup(build.read("good.html"), "lxml")
    assert "The good page still builds." in good.get_text(" ")
    titles = [t.get_text() for t in good.select(".brief-timeline-title")]
    assert "The good event" in titles
    assert "The good words." in good.select_one(".brief-quotations").get_text(" ")
    assert good.select("aside.footnote"), "the good page's notes"
    bad = text("bad.html")
    assert BEFORE in bad and AFTER in bad
    events = json.loads(build.read("events.json"))
    quotes = json.loads(build.read("quotes.json"))
    assert "The good event" in [e["title"] for e in events]
    assert "Good Speaker" in [q["speaker"] for q in quotes]


def test_huge_bodies_are_kept_whole(tmp_path: Path) -> None:
    case = CASES["a huge quote (5,000 paragraphs), then a bad date"]
    build = run_sphinx(project(tmp_path, case), "html", tmp_path / "out")
    (huge,) = [q for q in json.loads(build.read("quotes.json")) if q["speaker"] == "A"]
    assert huge["text"].count("\n\n") == 4999
    assert huge["text"].endswith("Paragraph 4999 of a very long body.")


@pytest.fixture(scope="module")
def every_bad_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project with every page-level case as a page of its own (the config is sane)."""
    root = tmp_path_factory.mktemp("every-bad-page")
    src = root / "src"
    src.mkdir()
    # the configuration is one per project, and a broken bib file would break the others'
    cases = {
        name: case
        for name, case in CASES.items()
        if case.file == "bad.md"
        or (case.file == "refs.bib" and "Again" not in case.bib and "Unclosed" not in case.bib)
    }
    names = {name: f"bad{number:02d}" for number, name in enumerate(cases)}
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB + "".join(c.bib for c in cases.values()), encoding="utf-8")
    toctree = "\n".join(["good", *names.values()])
    (src / "index.md").write_text(INDEX.replace("good\nbad", toctree), encoding="utf-8")
    (src / "good.md").write_text(GOOD, encoding="utf-8")
    for name, case in cases.items():
        (src / f"{names[name]}.md").write_text(bad_page(case.page), encoding="utf-8")
    return src


@pytest.mark.parametrize("builder", ["latex", "text", "epub"])
def test_other_builders_survive_every_bad_page(
    every_bad_page: Path, tmp_path: Path, builder: str
) -> None:
    build = run_sphinx(every_bad_page, builder, tmp_path / builder)
    output = build.status + build.warnings
    assert "Traceback" not in output and "Exception occurred" not in output
    assert "WARNING" in build.warnings  # the bad input was reported
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in build.outdir.rglob("*")
        if p.suffix in {".tex", ".txt", ".xhtml"}
    )
    assert "The good page still builds." in written
    assert written.count(AFTER) >= len(list(every_bad_page.glob("bad*.md")))


def test_a_repeated_bib_key_is_sphinxcontrib_bibtexs_own_warning(tmp_path: Path) -> None:
    """A data error is reported by sphinxcontrib-bibtex, with its own type, so a project's
    ``suppress_warnings = ["bibtex.bibfile_data_error"]`` keeps working (issue 10)."""
    case = Case(
        "Cited.{footcite}`wire2009`",
        "@article{wire2009, title = {Again",
        "repeated bibliography entry: wire2009",
        "bibtex.bibfile_data_error",
        file="refs.bib",
        bib="@article{wire2009, title = {Again}, journal = {J}, date = {2009}}\n",
    )
    src = project(tmp_path, case)
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "Traceback" not in build.status + build.warnings
    found = [r for r in records(build.warnings) if case.message in r]
    assert len(found) == 1, build.warnings
    assert str(src / "refs.bib") in found[0]
    assert found[0].rstrip().endswith("[bibtex.bibfile_data_error]"), found[0]
    assert "brief.bibtex" not in build.warnings
    quiet = run_sphinx(
        src,
        "html",
        tmp_path / "quiet",
        confoverrides={"suppress_warnings": ["bibtex.bibfile_data_error"]},
    )
    assert case.message not in quiet.warnings

"""The ``event`` and ``timeline`` directives: checks, output per builder, events.json, escaping.

Small projects in temporary folders; the brief itself is tested in test_events_brief.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .validators import run_epubcheck

CONF = """
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "brief"
bibtex_cite_id = "cite-{{key}}"
brief_archive_links = False
brief_tags = {tags!r}
project = "Events"
author = "Tester"
version = release = "1"
copyright = "2010, Tester"
language = "en"
"""

REFS = """
@article{times2009, author = {Hilder, James}, title = {{Arms Plane Bound for Hezbollah}},
         journal = {The Times}, date = {2009-06-15}}
@article{irna2008, title = {{Iran-Japan-North Korea}}, journal = {IRNA}, date = {2008-09-24}}
@article{xinhua2009, title = {{Ready to Mediate}}, journal = {Xinhua}, date = {2009-10-18}}
"""

SOURCES = """---
orphan: true
---
# Sources

```{bibliography}
:list: bullet
:all:
```
"""

TAGS = {"arms": "Arms transfers", "diplomacy": "Diplomacy", "missiles": "Missiles"}


def make_project(
    root: Path,
    pages: dict[str, str],
    *,
    tags: dict[str, str] | None = None,
    refs: str = REFS,
    conf: str = "",
) -> Path:
    """A MyST project: ``pages`` (name → text, dedented) plus a Sources page."""
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        CONF.format(tags=TAGS if tags is None else tags) + conf, encoding="utf-8"
    )
    (src / "refs.bib").write_text(refs, encoding="utf-8")
    for name, text in {"sources": SOURCES, **pages}.items():
        write_page(src, name, text)
    return src


def write_page(src: Path, name: str, text: str) -> None:
    (src / f"{name}.md").write_text(text, encoding="utf-8")


def md(*blocks: str) -> str:
    """A page from blocks (each dedented on its own), separated by blank lines."""
    return "\n\n".join(textwrap.dedent(block).strip("\n") for block in blocks) + "\n"


def event(date: str, title: str, **options: str) -> str:
    """An event directive in MyST; options are given with underscores for dashes."""
    body = options.pop("body", "")
    lines = [f":::{{event}} {date}", f":title: {title}"]
    lines += [f":{key.replace('_', '-')}: {value}" for key, value in options.items()]
    if body:
        lines += ["", body]
    lines.append(":::")
    return "\n".join(lines) + "\n"


def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "lxml")


def timelines(build: Build, page: str = "index.html") -> list[Tag]:
    return soup(build, page).select("ol.brief-timeline")


def entries(ol: Tag) -> list[dict[str, Any]]:
    """What a reader sees of each entry: date, machine date, title, the rest as text."""
    out = []
    for li in ol.find_all("li", recursive=False):
        time = li.select_one("time")
        title = li.select_one(".brief-timeline-title")
        assert time is not None and title is not None
        out.append(
            {
                "date": time.get_text(),
                "datetime": time["datetime"],
                "title": title.get_text(),
                "li": li,
                "text": li.get_text(" ", strip=True),
            }
        )
    return out


# -- rendering ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    root = tmp_path_factory.mktemp("basic")
    src = make_project(
        root,
        {
            "index": md(
                "# Brief",
                "In June 2009 something happened.{footcite}`times2009`",
                event(
                    "2009-06",
                    "Something happened",
                    tags="arms",
                    source="times2009",
                    name="something",
                    place="Tehran, Iran",
                ),
                "In December 2008 diplomats denied it.{footcite}`irna2008`",
                event(
                    "2008-12",
                    "A denial",
                    tags="diplomacy, arms",
                    source="irna2008",
                    date_note="The source predates the date.",
                    body="Said *at length*, see {ref}`something`.",
                ),
                "See {ref}`something` and {ref}`local-war`.",
                """
            ```{footbibliography}
            ```

            ```{toctree}
            chrono
            sources
            ```
            """,
            ),
            "chrono": md(
                "# Chronology",
                "::::{timeline}\n::::",
                "## Local",
                "::::{timeline}\n"
                + event("1980/1988", "A war", source="irna2008", name="local-war")
                + event("1993~", "About then", source="times2009", tags="missiles")
                + "::::",
                "## Empty",
                "::::{timeline}\n:tags: missiles\n:from: 2000\n::::",
            ),
        },
    )
    return src, run_sphinx(src, "html", root / "html")


def test_builds_cleanly(basic: tuple[Path, Build]) -> None:
    _, build = basic
    assert build.warnings == "", build.warnings


def test_event_outside_a_timeline_is_only_an_anchor(basic: tuple[Path, Build]) -> None:
    _, build = basic
    page = soup(build, "index.html")
    anchor = page.select_one("#something")
    assert anchor is not None and anchor.name == "span" and anchor.get_text() == ""
    assert "brief-event" in anchor["class"]
    body = page.select_one("div.body") or page.body
    assert body is not None
    text = body.get_text(" ", strip=True)
    for hidden in ("Something happened", "A denial", "at length", "Editor", "Tehran"):
        assert hidden not in text.replace("See Something happened", ""), hidden


def test_ref_to_an_event_shows_its_title(basic: tuple[Path, Build]) -> None:
    _, build = basic
    page = soup(build, "index.html")
    links = {a.get_text(): a["href"] for a in page.select("a.reference.internal")}
    assert links["Something happened"] == "#something"
    assert links["A war"] == "chrono.html#local-war"  # an entry of a local timeline


def test_collected_timeline_in_order_with_everything(basic: tuple[Path, Build]) -> None:
    _, build = basic
    full, _local, *rest = timelines(build, "chrono.html")
    assert rest == []  # the empty timeline has no list
    items = entries(full)
    assert [(e["date"], e["title"]) for e in items] == [
        ("1980–1988", "A war"),
        ("c. 1993", "About then"),
        ("December 2008", "A denial"),
        ("June 2009", "Something happened"),
    ]
    assert [e["datetime"] for e in items] == ["1980", "1993", "2008-12", "2009-06"]
    denial = items[2]["li"]
    assert denial.select_one(".brief-timeline-meta").get_text(" ", strip=True) == (
        "Tags: Diplomacy , Arms transfers"
    )
    assert "Said at length , see Something happened ." in items[2]["text"]
    note = denial.select_one(".brief-editor-note")
    assert note is not None and "The source predates the date." in note.get_text()
    assert "Place: Tehran, Iran" in items[3]["text"]
    # sources: short citations linking to the full entry on the Sources page
    cited = items[3]["li"].select_one(".brief-timeline-sources a")
    assert cited is not None and cited["href"] == "sources.html#cite-times2009"
    assert cited.get_text() == "Hilder, The Times, June 15, 2009"
    assert cited["title"] == "Arms Plane Bound for Hezbollah"
    sources_page = soup(build, "sources.html")
    assert sources_page.select_one("#cite-times2009") is not None
    # links back to where each event is told, and they land
    back = [li.select_one(".brief-timeline-context a") for li in full.find_all("li")]
    assert [a["href"] for a in back] == [
        "#local-war",
        "#event-1993-about-then",
        "index.html#event-2008-12-a-denial",
        "index.html#something",
    ]
    assert back[3].get_text() == "In context: Brief"
    assert back[0].get_text() == "In context: Local"
    index_ids = {t["id"] for t in soup(build, "index.html").select("[id]")}
    assert {"something", "event-2008-12-a-denial"} <= index_ids
    # no id is used twice on the page (collected copies carry none)
    ids = [t["id"] for t in soup(build, "chrono.html").select("[id]")]
    assert len(ids) == len(set(ids))


def test_legend_counts_the_tags_in_declaration_order(basic: tuple[Path, Build]) -> None:
    _, build = basic
    legend = soup(build, "chrono.html").select_one(".brief-timeline-legend")
    assert legend is not None
    assert legend.get_text(" ", strip=True) == (
        "Tags: Arms transfers (2), Diplomacy (1), Missiles (1)"
    )
    assert [s["class"] for s in legend.select(".brief-tag")] == [
        ["brief-tag", "brief-tag-1"],
        ["brief-tag", "brief-tag-2"],
        ["brief-tag", "brief-tag-3"],
    ]


def test_local_timeline_holds_its_events_with_their_ids(basic: tuple[Path, Build]) -> None:
    _, build = basic
    _, local = timelines(build, "chrono.html")
    items = entries(local)
    assert [e["title"] for e in items] == ["A war", "About then"]
    assert items[0]["li"]["id"] == "local-war"
    assert items[0]["li"].select_one(".brief-timeline-context") is None  # it is the place


def test_empty_timeline_says_so(basic: tuple[Path, Build]) -> None:
    _, build = basic
    empty = soup(build, "chrono.html").select_one("section#empty .brief-timeline-empty")
    assert empty is not None and empty.get_text() == "No event is in this chronology."


def test_stylesheet_is_added_for_html(basic: tuple[Path, Build]) -> None:
    _, build = basic
    assert soup(build, "chrono.html").select_one('link[href^="_static/brief-timeline.css"]')
    assert (build.outdir / "_static" / "brief-timeline.css").exists()


def test_events_json(basic: tuple[Path, Build]) -> None:
    _, build = basic
    data = json.loads(build.read("events.json"))
    assert [e["title"] for e in data] == ["A war", "About then", "A denial", "Something happened"]
    assert data[3] == {
        "date": "2009-06",
        "date_display": "June 2009",
        "title": "Something happened",
        "tags": ["arms"],
        "place": "Tehran, Iran",
        "sources": ["times2009"],
        "unsourced": None,
        "url": "index.html#something",
    }
    assert data[0]["date"] == "1980/1988" and data[0]["date_display"] == "1980–1988"
    for item in data:
        page, anchor = item["url"].split("#")
        assert soup(build, page).select_one(f"#{anchor}") is not None


@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "singlehtml", "dirhtml", "xml"])
def test_other_builders_do_not_crash(
    basic: tuple[Path, Build], builder: str, tmp_path: Path
) -> None:
    src, _ = basic
    build = run_sphinx(src, builder, tmp_path / builder)
    assert "Traceback" not in build.warnings + build.status
    assert build.warnings == "", build.warnings


def test_text_builder_is_readable(basic: tuple[Path, Build], tmp_path: Path) -> None:
    src, _ = basic
    text = run_sphinx(src, "text", tmp_path / "text").read("chrono.txt")
    assert "* June 2009 — **Something happened**" in text
    assert "Tags: Arms transfers" in text and "Place: Tehran, Iran" in text
    assert "Source: Hilder, *The Times*, June 15, 2009" in text
    assert "[*Editor’s note:* The source predates the date.]" in text
    index = run_sphinx(src, "text", tmp_path / "text2").read("index.txt")
    assert "Something happened" not in index.replace("See Something happened", "")


def test_latex_chronology(basic: tuple[Path, Build], tmp_path: Path) -> None:
    src, _ = basic
    build = run_sphinx(src, "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    assert r"\usepackage{sphinxbrieftimeline}" in tex
    assert (build.outdir / "sphinxbrieftimeline.sty").exists()
    assert tex.count(r"\begin{sphinxbrieftimeline}") == 2  # the empty one has no list
    assert r"\sphinxbriefitem{June 2009}" in tex
    assert r"\sphinxbriefitem{1980\textendash{}1988}" in tex
    # every link the chronology makes lands on a label
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    for target in re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex):
        assert target in labels, target
    assert "sources:cite-times2009" in labels
    assert "index:something" in labels


@pytest.mark.slow
def test_latex_compiles_and_breaks_across_pages(tmp_path: Path) -> None:
    require_tool("pdftotext")
    many = "\n".join(
        event(
            f"{1950 + i}",
            f"Event number {i} of a long chronology",
            source="times2009",
            body="A line of description. " * 6,
        )
        for i in range(40)
    )
    src = make_project(
        tmp_path,
        {"index": md("# Long", "::::{timeline}\n" + many + "\n::::", "```{toctree}\nsources\n```")},
    )
    build = run_sphinx(src, "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    pdf = compile_pdf(build.outdir)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    with_events = [p for p in pages if "Event number" in p]
    assert len(with_events) >= 3, "a long chronology runs over several pages"
    assert "1950" in text and "Event number 39" in text
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    assert "undefined references" not in log and "Overfull" not in log


@pytest.mark.slow
def test_epub_is_valid(basic: tuple[Path, Build], tmp_path: Path) -> None:
    src, _ = basic
    build = run_sphinx(src, "epub", tmp_path / "epub")
    assert build.warnings == "", build.warnings
    assert not (build.outdir / "events.json").exists()  # not in the ePub container
    (epub,) = build.outdir.glob("*.epub")
    findings = run_epubcheck(epub)
    assert findings == [], "\n".join(map(str, findings))


# -- checks --------------------------------------------------------------------------------
CHECKS = f"""
# Checks

Para.

{event("June 2009", "Bad date", source="times2009")}
:::{{event}}
:title: No date
:source: times2009
:::

:::{{event}} 2009
:source: times2009
:::

{event("2009", "Bad tag", tags="arms, nope", source="times2009")}
{event("2009", "Unknown key", source="times2009, nokey")}
{event("2009", "No source")}
{event("2008-12", "After its source", source="irna2008")}
{event("2009-11", "Explained", source="xinhua2009", date_note="Xinhua reported it early.")}
::::{{timeline}}
:tags: zzz
:from: 2010
:until: 2009
::::

::::{{timeline}}
:from: someday
::::

::::{{timeline}}

{event("2009-13", "Nested bad date", source="times2009")}
Stray paragraph.
::::
"""

OTHER = f"""---
orphan: true
---
# Other page

Still built.

{event("2009-06", "Fine event", source="times2009")}

::::{{timeline}}
::::
"""


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    root = tmp_path_factory.mktemp("checks")
    src = make_project(root, {"index": CHECKS, "other": OTHER})
    return src, run_sphinx(src, "html", root / "html")


EVENT, TIMELINE = ":::{event}", "::::{timeline}"


@pytest.mark.parametrize(
    ("needle", "opener", "subtype", "message"),
    [
        ("Bad date", EVENT, "date", "'June 2009' is not an EDTF date"),
        ("No date", EVENT, "missing", "the date is missing"),
        (":::{event} 2009\n:source:", EVENT, "missing", "the :title: option is missing"),
        ("Bad tag", EVENT, "tag", "tag 'nope' is not declared in brief_tags"),
        ("Unknown key", EVENT, "unknown-source", "'nokey'"),
        ("No source", EVENT, "missing-source", "has no :source:"),
        (
            "After its source",
            EVENT,
            "date-source",
            "dated December 2008 (2008-12) but its source 'irna2008' was published "
            "September 24, 2008 (2008-09-24): a source cannot report what had not happened yet",
        ),
        (":tags: zzz", TIMELINE, "tag", "timeline: tag 'zzz' is not declared"),
        (":tags: zzz", TIMELINE, "range", ":from: 2010 is after :until: 2009"),
        (":from: someday", TIMELINE, "date", "unusable :from: date"),
        ("Nested bad date", EVENT, "date", "'2009-13' is not an EDTF date"),
        ("Stray paragraph", TIMELINE, "content", "only event directives belong"),
    ],
)
def test_each_check_warns_with_file_and_line(
    checks: tuple[Path, Build], needle: str, opener: str, subtype: str, message: str
) -> None:
    src, build = checks
    text = (src / "index.md").read_text(encoding="utf-8")
    lines = text[: text.index(needle) + len(opener)].splitlines()
    # the line of the directive that holds the needle (the first line of it, if it is one)
    line = max(i for i, content in enumerate(lines) if content.startswith(opener)) + 1
    expected = f"{src / 'index.md'}:{line}: WARNING: "
    found = [
        w
        for w in build.warnings.splitlines()
        if w.startswith(expected) and w.endswith(f"[brief.{subtype}]")
    ]
    assert any(message in w for w in found), (expected, subtype, build.warnings)


def test_checks_never_traceback_and_the_rest_builds(checks: tuple[Path, Build]) -> None:
    _, build = checks
    assert "Traceback" not in build.warnings + build.status
    assert "Fine event" in build.read("events.json")
    assert soup(build, "other.html").select_one("#event-2009-06-fine-event") is not None
    titles = [e["title"] for e in json.loads(build.read("events.json"))]
    # events that cannot be placed are left out; the others are all there
    assert titles == [
        "After its source",
        "Bad tag",
        "Unknown key",
        "No source",
        "Fine event",
        "Explained",
    ]


def test_a_date_note_explains_and_shows(checks: tuple[Path, Build]) -> None:
    _, build = checks
    assert "'Explained'" not in build.warnings
    page = soup(build, "index.html")
    anchor = page.select_one("#event-2009-11-explained")
    assert anchor is not None and anchor.get_text() == ""
    # a timeline whose :from: cannot be read shows no event (issue 21); the project's
    # chronology on the other page shows the event with its note
    assert not any(e["title"] == "Explained" for ol in page.select("ol.brief-timeline")
                   for e in entries(ol))  # fmt: skip
    other = soup(build, "other.html")
    (explained,) = [
        e
        for ol in other.select("ol.brief-timeline")
        for e in entries(ol)
        if e["title"] == "Explained"
    ]
    note = explained["li"].select_one(".brief-timeline-note .brief-editor-note")
    assert note is not None
    assert note.get_text(" ", strip=True) == "[ Editor’s note: Xinhua reported it early.]"


def test_every_check_is_one_warning(checks: tuple[Path, Build]) -> None:
    _, build = checks
    brief = [w for w in build.warnings.splitlines() if "[brief." in w]
    assert len(brief) == 12, "\n".join(brief)


def test_sources_can_be_optional(tmp_path: Path) -> None:
    src = make_project(
        tmp_path,
        {"index": "# T\n\n" + event("2009", "No source")},
        conf="brief_require_sources = False\n",
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert "no :source:" not in build.warnings


def test_a_note_in_the_body_is_reported(tmp_path: Path) -> None:
    src = make_project(
        tmp_path,
        {
            "index": "# T\n\n"
            + event("2009", "Noted", source="times2009", body="Body.{footcite}`times2009`")
            + """
```{footbibliography}
```
"""
        },
    )
    build = run_sphinx(src, "html", tmp_path / "html")
    assert "[brief.body-note]" in build.warnings
    assert "Traceback" not in build.warnings


# -- escaping ------------------------------------------------------------------------------
INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    r"\input{/etc/passwd}",
    "%$#_~^{}&",
]


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("injected")
    tags = {f"t{i}": text for i, text in enumerate(INJECTIONS)}
    tags.update({text: f"Label {i}" for i, text in enumerate(INJECTIONS) if "," not in text})
    events = []
    for i, text in enumerate(INJECTIONS):
        events.append(
            event(
                f"201{i}",  # after the source (2009): the :date-note: explains it
                f"Title {text}",
                tags=f"t{i}, {text}",
                source="times2009",
                place=f"Place {text}",
                date_note=f"Note {text}",
                name=f"Name {text}",
            )
        )
    events.append(
        event(
            "2009",
            "Escaped body",
            source="times2009",
            body=r"Body \input{/etc/passwd} and %$#_~^{}&",
        )
    )
    src = make_project(
        root,
        {
            "index": "# Injected\n\n"
            + "\n".join(events)
            + """
::::{timeline}
::::

```{toctree}
sources
```
"""
        },
        tags=tags,
        # the payloads' straight quotes as written (smart quotes would curl them, as the
        # prose's: tests/test_typography.py), so that the escaping of each is tested
        conf="smartquotes = False\n",
    )
    return src, root


def test_injections_are_text_in_html_and_json(injected: tuple[Path, Path]) -> None:
    src, root = injected
    build = run_sphinx(src, "html", root / "html")
    assert build.warnings == "", build.warnings
    page = soup(build, "index.html")
    assert not page.select("img"), "no element was injected"
    for element in page.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs), element
    for script in page.select("script"):
        if script.get("type") == "application/ld+json":
            # data, not code: it parses, and no "<" reaches the HTML parser
            json.loads(script.get_text())
            assert "<" not in script.get_text()
            continue
        assert "alert" not in script.get_text() and "alert" not in str(script.get("src"))
    text = page.get_text()
    for value in INJECTIONS:
        for shown in (f"Title {value}", f"Place {value}", f"Note {value}"):
            assert shown in text, shown
    data = json.loads(build.read("events.json"))
    by_title = {item["title"]: item for item in data}
    for i, value in enumerate(INJECTIONS):
        item = by_title[f"Title {value}"]
        assert item["place"] == f"Place {value}"
        assert item["tags"] == [f"t{i}", value]
        assert item["url"].startswith("index.html#")


@pytest.mark.slow
def test_injections_are_escaped_in_latex(injected: tuple[Path, Path]) -> None:
    src, root = injected
    build = run_sphinx(src, "latex", root / "latex")
    assert build.warnings == "", build.warnings
    (tex_file,) = build.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    assert r"\input{/etc/passwd}" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    assert r"\%\$\#\_\textasciitilde{}\textasciicircum{}\{\}\&" in tex
    require_tool("pdftotext")
    pdf = compile_pdf(build.outdir)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for value in INJECTIONS:
        assert re.sub(r"\s+", "", f"Title {value}") in flat, value
    assert re.sub(r"\s+", "", r"Body \input{/etc/passwd} and %$#_~^{}&") in flat


def test_collected_bodies_carry_no_anchor_or_note(tmp_path: Path) -> None:
    body = "(in-body)=\n\nBody *text*.{footcite}`times2009`"
    src = make_project(
        tmp_path,
        {
            "index": md(
                "# Brief",
                event("2009", "With a body", source="times2009", body=body),
                "See {ref}`the body <in-body>`.",
                "::::{timeline}\n::::",
                "```{footbibliography}\n```",
                "```{toctree}\nother\nsources\n```",
            ),
            "other": md("# Other", "::::{timeline}\n::::", "::::{timeline}\n::::"),
        },
    )
    html = run_sphinx(src, "html", tmp_path / "html")
    assert [w for w in html.warnings.splitlines() if w] == [
        w for w in html.warnings.splitlines() if "[brief.body-note]" in w
    ]
    for page in ("index.html", "other.html"):
        ids = [t["id"] for t in soup(html, page).select("[id]")]
        assert len(ids) == len(set(ids)), page
    # a label inside the body still lands, on the event's anchor
    link = soup(html, "index.html").find("a", string="the body")
    assert link is not None and link["href"] == "#in-body"
    assert soup(html, "index.html").select_one("#in-body") is not None
    other = soup(html, "other.html")
    assert [p.get_text() for p in other.select("ol.brief-timeline li > p:not([class])")] == [
        "Body text."
    ] * 2
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    (tex_file,) = latex.outdir.glob("*.tex")
    labels = re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex_file.read_text("utf-8"))
    assert len(labels) == len(set(labels)), "no label is written twice"

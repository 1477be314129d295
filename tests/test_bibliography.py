"""The Sources page in Chicago's bibliography form (issue 11, item 5), read where readers
read it: the built HTML, the .tex and the ePub; beside it, the notes of the same sources,
which keep the note form (``{note}``, ``{footcite}``, a collected quotation list)."""

from __future__ import annotations

import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from sphinx_brief.citations import BriefStyle
from sphinx_brief.citations.compose import Cited, compose_note
from sphinx_brief.citations.settings import NoteSettings

from .brieftext import normalise, notes
from .conftest import Build, run_sphinx
from .validators import run_epubcheck

BIB = r"""
@article{landay2010,
  author  = {Landay, Jonathan S. and Strobel, Warren P.},
  title   = {{Sanctions Bite in Tehran}},
  journal = {McClatchy Newspapers},
  date    = {2010-06-01},
  url     = {http://example.org/~landay/story.php?id=7&page=2},
  urldate = {2010-07-01},
}
@report{squassoni2006,
  author      = {Squassoni, Sharon},
  title       = {{Weapons of Mass Destruction: Trade Between North Korea and Pakistan}},
  type        = {CRS Report for Congress},
  number      = {RL31900},
  institution = {Congressional Research Service},
  address     = {Washington, DC},
  date        = {2006-11-28},
}
@article{agency2009,
  title   = {{The Election Crackdown}},
  journal = {Agence France-Presse},
  date    = {2009-06-15},
}
@misc{leaflet,
  title        = {{Leaflet on Cooperation}},
  howpublished = {Ministry of Foreign Affairs},
}
@article{hall2010,
  author  = {Hall, Kevin},
  title   = {{Will the Sanctions Work?}},
  journal = {The Times},
  date    = {2010-05-13},
}
@article{doe2008,
  author  = {Doe, John Q.},
  title   = {{Notes from Pyongyang}},
  journal = {IRNA},
  date    = {2008-09-24},
}
"""

INDEX = """\
# Brief

Two reporters.{note}`@landay2010` A report.{note}`@squassoni2006, 12`
An agency.{note}`@agency2009` A leaflet.{note}`@leaflet` A question.{note}`@hall2010`
A name with an initial.{footcite}`doe2008`

:::{quote}
:speaker: Kevin Hall
:source: hall2010

Sanctions take time.
:::

```{footbibliography}
```

```{toctree}
who
sources
```
"""

WHO = "# Who said what\n\n:::{quotations}\n:::\n"
SOURCES = "# Sources\n\n```{bibliography}\n:list: bullet\n:all:\n```\n"

#: The Sources page, as readers read it (quotation marks made straight), in Chicago's order.
ENTRIES = [
    'Doe, John Q. "Notes from Pyongyang." IRNA, September 24, 2008.',
    '"The Election Crackdown." Agence France-Presse, June 15, 2009.',
    'Hall, Kevin. "Will the Sanctions Work?" The Times, May 13, 2010.',
    'Landay, Jonathan S., and Warren P. Strobel. "Sanctions Bite in Tehran." McClatchy '
    "Newspapers, June 1, 2010. Accessed July 1, 2010. "
    "http://example.org/~landay/story.php?id=7&page=2. Archived at "
    "https://web.archive.org/web/20100701/http://example.org/~landay/story.php?id=7&page=2.",
    '"Leaflet on Cooperation." Ministry of Foreign Affairs, n.d.',
    "Squassoni, Sharon. Weapons of Mass Destruction: Trade Between North Korea and Pakistan. "
    "CRS Report for Congress RL31900. Washington, DC: Congressional Research Service, "
    "November 28, 2006.",
]
URL = "http://example.org/~landay/story.php?id=7&page=2"


def _project(root: Path) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Sources"\nauthor = "Editor"\nlanguage = "en"\n'
        'extensions = ["sphinx_brief"]\nbrief_date = "2010-07-01"\n'
        # the lookup address too: the bibliography's form of an archived copy
        'brief_archive_links = "lookup"\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    for name, text in {"index.md": INDEX, "who.md": WHO, "sources.md": SOURCES}.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("bibliography")
    src = _project(root)
    return {b: run_sphinx(src, b, root / f"out-{b}") for b in ("html", "latex", "epub")}


def _entries(html: str) -> list[BeautifulSoup]:
    soup = BeautifulSoup(html, "lxml")
    listing = soup.select_one("ul.brief-bibliography")
    assert listing is not None
    return listing.find_all("li", recursive=False)


# -- HTML -----------------------------------------------------------------------------------
def test_the_sources_page_is_a_chicago_bibliography(builds: dict[str, Build]) -> None:
    build = builds["html"]
    assert build.warnings == "", build.warnings
    items = _entries(build.read("sources.html"))
    assert [normalise(li.get_text()) for li in items] == ENTRIES
    # the anchors notes and lists link to, one per entry, in Chicago's order
    assert [li["id"] for li in items] == [
        "cite-doe2008",
        "cite-agency2009",
        "cite-hall2010",
        "cite-landay2010",
        "cite-leaflet",
        "cite-squassoni2006",
    ]
    # titles: a whole work in italics, a periodical in italics, an article in quotation marks
    report = items[5]
    assert [em.get_text() for em in report.find_all("em")] == [
        "Weapons of Mass Destruction: Trade Between North Korea and Pakistan"
    ]
    assert [em.get_text() for em in items[3].find_all("em")] == ["McClatchy Newspapers"]
    assert items[3].get_text().count("“") == 1 and "Tehran.”" in items[3].get_text()
    # the address exactly as in refs.bib: its text and its target, & and ~ as written
    links = items[3].select("a.reference.external")
    assert links[0].get_text() == links[0]["href"] == URL
    assert links[1]["href"] == f"https://web.archive.org/web/20100701/{URL}"


def test_notes_quotation_lists_and_footcite_keep_the_note_form(
    builds: dict[str, Build],
) -> None:
    build = builds["html"]
    found = dict(notes(build.read("index.html")))
    flat = " ".join(normalise(text) for text in found.values())
    assert 'Jonathan S. Landay and Warren P. Strobel, "Sanctions Bite in Tehran,"' in flat
    assert "(Washington, DC: Congressional Research Service, November 28, 2006), 12." in flat
    assert 'John Q. Doe, "Notes from Pyongyang," IRNA, September 24, 2008.' in flat
    who = normalise(BeautifulSoup(build.read("who.html"), "lxml").get_text())
    assert 'Kevin Hall, "Will the Sanctions Work?" The Times, May 13, 2010' in who
    assert "Hall, Kevin." not in who


# -- LaTeX ----------------------------------------------------------------------------------
def test_the_tex_sets_the_bibliography_form_with_its_labels(builds: dict[str, Build]) -> None:
    build = builds["latex"]
    assert build.warnings == "", build.warnings
    (tex_path,) = Path(build.outdir).glob("*.tex")
    tex = tex_path.read_text(encoding="utf-8")
    sources = tex[tex.index(r"\label{\detokenize{sources:cite-doe2008}}") :]
    # in Chicago's order, each entry after the label the notes and lists link to
    starts = [
        sources.index(r"\label{\detokenize{sources:cite-" + key + "}}")
        for key in ("doe2008", "agency2009", "hall2010", "landay2010", "leaflet", "squassoni2006")
    ]
    assert starts == sorted(starts)
    assert "Doe, John Q. “Notes from Pyongyang.” \\sphinxstyleemphasis{IRNA}" in sources
    assert "Landay, Jonathan S., and Warren P. Strobel. “Sanctions Bite in Tehran.”" in sources
    assert "Hall, Kevin. “Will the Sanctions Work?” \\sphinxstyleemphasis{The Times}" in sources
    assert "“Leaflet on Cooperation.” Ministry of Foreign Affairs, n.d." in sources
    assert (
        "Squassoni, Sharon. \\sphinxstyleemphasis{Weapons of Mass Destruction: Trade Between "
        "North Korea and Pakistan}. CRS Report for Congress RL31900. Washington, DC: "
        "Congressional Research Service, November 28, 2006."
    ) in re.sub(r"\s+", " ", sources)
    # the address as written: LaTeX escapes & and ~ in the link and its text, no quote
    # marks are made smart in it, and the entry's full stop follows it
    assert (
        r"June 1, 2010. Accessed July 1, 2010. "
        r"\sphinxurl{http://example.org/~landay/story.php?id=7\&page=2}. Archived at "
    ) in sources
    # the notes keep theirs
    notes_part = tex[: tex.index(r"\label{\detokenize{sources:cite-doe2008}}")]
    assert "Jonathan S. Landay and Warren P. Strobel, “Sanctions Bite in Tehran,”" in notes_part


# -- ePub -----------------------------------------------------------------------------------
def test_the_epub_shows_the_same_entries(builds: dict[str, Build]) -> None:
    build = builds["epub"]
    assert build.warnings == "", build.warnings
    (epub,) = Path(build.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        name = next(n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "sources.xhtml")
        page = archive.read(name).decode("utf-8")
    items = _entries(page)
    assert [normalise(li.get_text()) for li in items] == ENTRIES
    link = items[3].select_one("a")
    assert link is not None and link.get_text() == link["href"] == URL
    assert run_epubcheck(epub) == []


# -- the form itself, from the style -------------------------------------------------------
def entry(bibtex: str) -> str:
    data = parse_string(textwrap.dedent(bibtex), "bibtex")
    (only,) = data.entries.values()
    style = BriefStyle(settings=NoteSettings(archive_links=False))
    return str(style.format_bibliography_entry(only))


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        # three authors: the first inverted, a comma before "and"
        (
            "@article{k, author = {A, Ann and B, Bob and C, Cy}, title = {T}, journal = {J},"
            " year = 2001}",
            "A, Ann, Bob B, and Cy C. “T.” J, 2001.",
        ),
        # an agency as author (one part): not inverted, no comma before "and"
        (
            "@article{k, author = {{Reuters} and Doe, Jane}, title = {T}, journal = {J},"
            " year = 2001}",
            "Reuters and Jane Doe. “T.” J, 2001.",
        ),
        # seven authors: the first three, then et al. (Chicago, 18th ed.)
        (
            "@article{k, author = {A, A and B, B and C, C and D, D and E, E and F, F and G, G},"
            " title = {T}, journal = {J}, year = 2001}",
            "A, A, B B, C C et al. “T.” J, 2001.",
        ),
        # a suffix and a particle
        (
            "@article{k, author = {King, Jr., Martin Luther}, title = {T}, journal = {J},"
            " year = 1963}",
            "King, Martin Luther, Jr. “T.” J, 1963.",
        ),
        (
            "@article{k, author = {de Gaulle, Charles}, title = {T}, journal = {J}, year = 1960}",
            "de Gaulle, Charles. “T.” J, 1960.",
        ),
        # an italic title ending in "?" takes no full stop; nor a quoted full stop
        (
            "@book{k, author = {Roe, Ann}, title = {Why Sanctions?}, publisher = {Press},"
            " address = {Chicago}, year = 2001}",
            "Roe, Ann. Why Sanctions? Chicago: Press, 2001.",
        ),
        (
            "@article{k, title = {{‘Move to Lebanon.’}}, journal = {J}, date = {2001}}",
            "“‘Move to Lebanon.’” J, 2001.",
        ),
        # a chapter in a book; the note field after the date
        (
            "@incollection{k, author = {Doe, Jane}, title = {Ch}, booktitle = {Book},"
            " year = 1999, note = {reprinted 2004}}",
            "Doe, Jane. “Ch.” In Book, 1999, reprinted 2004.",
        ),
        # nothing but a title: "N.d." starts its element
        ("@misc{k, title = {Communiqué}}", "“Communiqué.” N.d."),
        # a database and its access date, before the (absent) address
        (
            "@article{k, title = {T}, journal = {Kyodo}, date = {2007-07-04},"
            " library = {LexisNexis}, urldate = {2009-02-11}}",
            "“T.” Kyodo, July 4, 2007. Accessed February 11, 2009. LexisNexis.",
        ),
    ],
)
def test_the_bibliography_form(bibtex: str, expected: str) -> None:
    assert entry(bibtex) == expected


def test_a_one_page_brief_with_its_sources_at_the_end(tmp_path: Path) -> None:
    """The Sources on the root page itself: the PDF has them in the bibliography form too
    (their ids are not in the one doctree's table of ids, which was taken as "no
    bibliography here")."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "P"\nauthor = "A"\nextensions = ["sphinx_brief"]\nbrief_date = "2024"\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(
        "@article{obrien, author = {O'Brien, Siobhán}, title = {Corfo's Quotas},"
        " journal = {Diario Financiero}, date = {2024-01-30}}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# P\n\nA claim.{note}`@obrien`\n\n## Sources\n\n```{bibliography}\n:list: bullet\n"
        ":all:\n```\n",
        encoding="utf-8",
    )
    for builder in ("latex", "html"):
        build = run_sphinx(src, builder, tmp_path / builder)
        assert build.warnings == ""
        text = build.read("p.tex") if builder == "latex" else build.read("index.html")
        assert "O’Brien, Siobhán. “Corfo’s Quotas.”" in text, builder
        if builder == "latex":
            assert "\\begin{itemize}" not in text  # paragraphs with a hanging indent


JOURNAL = (
    "@article{k, author = {Ortiz, Ana}, title = {Lithium Rents}, journal = {Resource Policy},"
    " volume = {12}, number = {3}, pages = {112--15}, date = {2021-06}}"
)
PAPER = (
    "@article{k, author = {Ortiz, Ana}, title = {Lithium Rents}, journal = {The Times},"
    " pages = {A4}, date = {2021-06-03}}"
)


@pytest.mark.parametrize(
    ("bibtex", "form", "locator", "expected"),
    [
        # a journal: volume, issue, the date in parentheses, the pages after a colon
        (
            JOURNAL,
            "full",
            "",
            "Ana Ortiz, “Lithium Rents,” Resource Policy 12, no. 3 (June 2021): 112–15.",
        ),
        # the page cited stands where the article's pages stood
        (
            JOURNAL,
            "full",
            "114",
            "Ana Ortiz, “Lithium Rents,” Resource Policy 12, no. 3 (June 2021): 114.",
        ),
        (JOURNAL, "short", "114", "Ortiz, “Lithium Rents,” 114."),
        # a newspaper: no volume, its page after the date
        (PAPER, "full", "", "Ana Ortiz, “Lithium Rents,” The Times, June 3, 2021, A4."),
    ],
)
def test_an_articles_volume_issue_and_pages(
    bibtex: str, form: str, locator: str, expected: str
) -> None:
    (only,) = parse_string(bibtex, "bibtex").entries.values()
    style = BriefStyle(settings=NoteSettings(archive_links=False))
    note = compose_note([Cited(style.parts(only), form, "", locator)])  # type: ignore[arg-type]
    assert str(note) == expected


def test_an_articles_volume_issue_and_pages_in_the_bibliography() -> None:
    assert (
        entry(JOURNAL)
        == "Ortiz, Ana. “Lithium Rents.” Resource Policy 12, no. 3 (June 2021): 112–15."
    )
    assert entry(PAPER) == "Ortiz, Ana. “Lithium Rents.” The Times, June 3, 2021, A4."


def test_a_note_names_four_or_more_authors_by_the_first_and_et_al() -> None:
    (only,) = parse_string(
        "@article{k, author = {A, Ann and B, Bob and C, Cy and D, Di}, title = {T},"
        " journal = {J}, year = 2001}",
        "bibtex",
    ).entries.values()
    parts = BriefStyle(settings=NoteSettings(archive_links=False)).parts(only)
    assert str(compose_note([Cited(parts)])) == "Ann A et al., “T,” J, 2001."
    assert entry(
        "@article{k, author = {A, Ann and B, Bob and C, Cy and D, Di}, title = {T},"
        " journal = {J}, year = 2001}"
    ).startswith("A, Ann, Bob B, Cy C, and Di D.")


@pytest.mark.parametrize(
    ("author", "note", "listed"),
    [
        # Japanese and Chinese names in their script: family name first, no space, never
        # inverted (Chicago 8.15); a Korean name in Hangul likewise
        ("幸内, 康 and 仲川, 高志", "幸内康 and 仲川高志", "幸内康 and 仲川高志."),
        ("홍, 지은", "홍지은", "홍지은."),
        ("习, 近平", "习近平", "习近平."),
        # beside a name in Latin letters, each name as its language writes it
        (
            "Landay, Jonathan and 仲川, 高志",
            "Jonathan Landay and 仲川高志",
            "Landay, Jonathan, and 仲川高志.",
        ),
    ],
)
def test_east_asian_names_are_written_family_name_first(
    author: str, note: str, listed: str
) -> None:
    bib = f"@article{{k, author = {{{author}}}, title = {{T}}, journal = {{J}}, year = 2001}}"
    (only,) = parse_string(bib, "bibtex").entries.values()
    parts = BriefStyle(settings=NoteSettings(archive_links=False)).parts(only)
    assert str(compose_note([Cited(parts)])).startswith(f"{note}, “T,”")
    assert entry(bib).startswith(f"{listed} “T.”")

"""The ``brief`` pybtex style: the note form, dates, and entries it cannot fully read."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from sphinx_brief.citations import BriefStyle, publication_date
from sphinx_brief.citations.settings import NoteSettings, current

from .conftest import run_sphinx


def note(bibtex: str, *, archive: bool = False, lookup: bool = False) -> str:
    data = parse_string(textwrap.dedent(bibtex), "bibtex")
    (entry,) = data.entries.values()
    style = BriefStyle(settings=NoteSettings(archive_links=archive, archive_lookup=lookup))
    return style.format_entry("", entry).text.render_as("text")


def test_style_is_a_pybtex_plugin() -> None:
    import sphinx_brief  # noqa: F401  (registers the plugin in-process)

    assert find_plugin("pybtex.style.formatting", "brief") is BriefStyle


def test_full_note_form() -> None:
    assert note("""
        @article{hilder2010,
          author = {Hilder, James},
          title = {{North Korea Arms Plane Bound for Hezbollah}},
          journal = {The Times},
          date = {2010-05-13},
          url = {http://example.org/a?b=1&c=2},
          urldate = {2010-07-01},
        }""") == (
        "James Hilder, “North Korea Arms Plane Bound for Hezbollah,” The Times, "
        "May 13, 2010, http://example.org/a?b=1&c=2 (accessed July 1, 2010)."
    )


def test_titles_keep_their_capitals_even_unprotected() -> None:
    text = note("""@article{k, title = {Iran To Strengthen Relations With North Korea},
                   journal = {Iran Daily}, date = {2008-11-12}}""")
    assert text == (
        "“Iran To Strengthen Relations With North Korea,” Iran Daily, November 12, 2008."
    )


def test_year_month_day_fields_and_two_authors() -> None:
    text = note("""@article{k, author = {Landay, Jonathan and Hall, Kevin},
                   title = {{Sanctions}}, journal = {McClatchy Newspapers},
                   year = {2009}, month = jun, day = {30}}""")
    assert text == (
        "Jonathan Landay and Kevin Hall, “Sanctions,” McClatchy Newspapers, June 30, 2009."
    )


def test_three_authors_and_numeric_month() -> None:
    text = note("""@article{k, author = {A, Ann and B, Bob and C, Cy}, title = {T},
                   journal = {J}, year = 2001, month = {3}}""")
    assert text.startswith("Ann A, Bob B, and Cy C, “T,” J, March 2001")


def test_date_range_and_database_access() -> None:
    assert note("""@article{k, title = {T}, journal = {Arms Control Today},
                   date = {2007-01/2007-02}}""") == (
        "“T,” Arms Control Today, January–February 2007."
    )
    assert note("""@article{k, title = {T}, journal = {Kyodo}, date = {2007-07-04},
                   library = {LexisNexis}, urldate = {2009-02-11}}""") == (
        "“T,” Kyodo, July 4, 2007 (accessed from LexisNexis on February 11, 2009)."
    )


def test_nested_quotes_become_single_and_question_marks_take_no_comma() -> None:
    assert (
        note("""@article{k, title = {{Supply - "source"}}, journal = {Kyodo},
                   date = {2007}}""")
        == "“Supply - ‘source,’” Kyodo, 2007."
    )
    assert note("""@article{k, title = {Why?}, journal = {J}, date = {2007}}""") == (
        "“Why?” J, 2007."
    )


def html_note(bibtex: str) -> str:
    data = parse_string(textwrap.dedent(bibtex), "bibtex")
    (entry,) = data.entries.values()
    style = BriefStyle(settings=NoteSettings(archive_links=False))
    return style.format_entry("", entry).text.render_as("html")


def test_report_and_book() -> None:
    # Chicago: a report or book title in italics, its facts in parentheses (issue 16, 7)
    report = """@report{k, author = {Squassoni, Sharon}, title = {{WMD Trade}},
                   type = {CRS Report for Congress}, number = {RL31900},
                   institution = {Congressional Research Service}, date = {2006-11-28}}"""
    assert note(report) == (
        "Sharon Squassoni, WMD Trade, CRS Report for Congress RL31900 "
        "(Congressional Research Service, November 28, 2006)."
    )
    assert re.sub(r"</?span[^>]*>", "", html_note(report)).startswith(
        "Sharon Squassoni, <em>WMD Trade</em>, CRS Report"
    )
    book = """@book{k, author = {Doe, Jane}, title = {A Book}, publisher = {Press},
                   address = {Chicago}, year = 1999, url = {http://x.org/b}}"""
    assert note(book) == "Jane Doe, A Book (Chicago: Press, 1999), http://x.org/b."
    assert note(book.replace("address = {Chicago},", "")) == (
        "Jane Doe, A Book (Press, 1999), http://x.org/b."
    )


def test_note_field_howpublished_and_undated_entries() -> None:
    # the note field is a publication fact (before the address); howpublished in roman
    text = note("""@misc{k, title = {Cable}, howpublished = {Department of State},
                   date = {1998-03-02}, note = {declassified September 2024},
                   url = {http://x.org/c}}""")
    assert text == (
        "“Cable,” Department of State, March 2, 1998, declassified September 2024, http://x.org/c."
    )
    assert "<em>" not in html_note("""@misc{k, title = {Cable}, howpublished = {D},
                   date = {1998}}""")
    assert note("""@article{k, title = {Undated}, journal = {J}}""") == "“Undated,” J, n.d."


def test_a_quoted_full_stop_takes_no_comma() -> None:
    assert (
        note("""@article{k, title = {{‘Move to Lebanon.’}}, journal = {J},
                   date = {2001}}""")
        == "“‘Move to Lebanon.’” J, 2001."
    )


def test_web_sources_get_an_archived_copy() -> None:
    web = """@online{k, title = {T}, journal = {J}, date = {2010-05-13},
                        url = {http://x.org/a?b=1}, urldate = {2010-07-01}}"""
    # by default only a copy the entry names (issue 23, item 2): a lookup address is no
    # copy anyone saw
    assert (
        note(web, archive=True)
        == "“T,” J, May 13, 2010, http://x.org/a?b=1 (accessed July 1, 2010)."
    )
    looked_up = note(web, archive=True, lookup=True)
    assert looked_up == (
        "“T,” J, May 13, 2010, http://x.org/a?b=1 (accessed July 1, 2010; "
        "archived at https://web.archive.org/web/20100701/http://x.org/a?b=1)."
    )
    explicit = note(
        """@online{k, title = {T}, journal = {J}, date = {2010-05-13},
                       url = {http://x.org/}, archiveurl = {https://archive.example/abc}}""",
        archive=True,
    )
    assert explicit.endswith("http://x.org/ (archived at https://archive.example/abc).")
    # without an access date, the lookup is at the publication date
    assert "web.archive.org/web/20100513/http://x.org/" in note(
        """@online{k, title = {T}, date = {2010-05-13}, url = {http://x.org/}}""",
        archive=True,
        lookup=True,
    )
    # a source read in a database has no web address to archive
    assert "archived" not in note(
        """@article{k, title = {T}, journal = {Kyodo}, date = {2007},
                                     library = {LexisNexis}, urldate = {2009-02-11}}""",
        archive=True,
    )


def test_no_visited_on() -> None:
    text = note("""@online{k, title = {T}, url = {http://x.org}, urldate = {2010-07-01},
                   date = {2010}}""")
    assert "visited" not in text and "(accessed July 1, 2010)" in text


def test_publication_date_sources() -> None:
    def entry(fields: str):  # type: ignore[no-untyped-def]
        return next(iter(parse_string(f"@misc{{k, {fields}}}", "bibtex").entries.values()))

    assert publication_date(entry("date = {2008-09-24}")).machine == "2008-09-24"
    assert publication_date(entry("year = 2009, month = oct")).machine == "2009-10"
    assert publication_date(entry("title = {x}")) is None


PROBLEM_BIB = """
@article{nodate, title = {Undated}, journal = {J}}
@article{notitle, journal = {J}, date = {2009}}
@article{baddate, title = {T}, journal = {J}, date = {someday}}
@article{badmonth, title = {T}, journal = {J}, year = {2009}, month = {Smarch}}
@article{dateonly, title = {Dated}, journal = {J}, date = {2009-06-15}}
"""


@pytest.fixture
def problem_project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        textwrap.dedent("""
        extensions = ["myst_parser", "sphinx_brief"]
        bibtex_bibfiles = ["refs.bib"]
        bibtex_default_style = "brief"
    """)
    )
    (src / "refs.bib").write_text(PROBLEM_BIB)
    (src / "index.md").write_text(
        textwrap.dedent("""
        # Problems

        One{footcite}`nodate`. Two{footcite}`notitle`. Three{footcite}`baddate`.
        Four{footcite}`badmonth`. Five{footcite}`dateonly`. Again{footcite}`nodate`.

        ```{footbibliography}
        ```
    """)
    )
    return src


def test_incomplete_entries_warn_by_key_and_still_render(
    problem_project: Path, tmp_path: Path
) -> None:
    build = run_sphinx(problem_project, "html", tmp_path / "out")
    assert "Traceback" not in build.warnings + build.status
    warnings = build.warnings
    assert "'nodate'" not in warnings  # an undated source is "n.d.", no fault (issue 11)
    assert "bib entry 'notitle': it has no title" in warnings
    assert "bib entry 'baddate': its date cannot be read" in warnings
    assert "bib entry 'badmonth': its month 'smarch' is not a month" in warnings
    assert "dateonly" not in warnings  # a biblatex date without year is fine
    assert warnings.count("'baddate'") == 1  # reported once
    assert "refs.bib:4" in warnings.split("'baddate'")[0].rsplit("\n", 1)[-1]  # its line
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    notes = [n.get_text(" ", strip=True) for n in soup.select("aside.footnote")]
    assert len(notes) == 5
    assert any("“Dated,” J , June 15, 2009." in n for n in notes)
    assert any("“Undated,” J , n.d." in n for n in notes)


def test_only_web_addresses_become_links() -> None:
    from sphinx_brief.citations.style import _link

    assert "javascript" in str(_link("javascript:alert(1)"))
    assert not any(
        isinstance(part, type(_link("http://x.org").parts[0])) and hasattr(part, "url")
        for part in _link("javascript:alert(1)").parts
    )
    assert hasattr(_link("https://x.org/").parts[0], "url")


def _cited_project(root: Path, language: str, archive: bool) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_brief"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "brief"\n'
        f"language = {language!r}\n"
        f"brief_archive_links = {'lookup' if archive else False!r}\n",
        encoding="utf-8",
    )
    (root / "refs.bib").write_text(
        "@online{web2009, title = {{A Page}}, organization = {Site}, date = {2009-06-15},\n"
        "  url = {https://example.org/page}, urldate = {2009-07-01}}\n",
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# T\n\nCited.{footcite}`web2009`\n\n```{footbibliography}\n```\n", encoding="utf-8"
    )
    return root


def _note_text(build_dir: Path) -> str:
    soup = BeautifulSoup((build_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    (aside,) = soup.select("aside.footnote")
    return aside.get_text(" ", strip=True)


def test_two_applications_in_one_process_keep_their_own_settings(tmp_path: Path) -> None:
    """Settings are the building application's: a German app made first and built last does
    not make the English one's notes German, nor lose its archive links (issue 10)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    german_src = _cited_project(tmp_path / "de", "de", False)
    english_src = _cited_project(tmp_path / "en", "en", True)
    apps = {}
    for name, src in (("de", german_src), ("en", english_src)):
        apps[name] = SphinxTestApp(
            "html",
            srcdir=src,
            builddir=tmp_path / f"out-{name}",
            status=StringIO(),
            warning=StringIO(),
            freshenv=True,
        )
    try:
        for name in ("en", "de", "en"):
            apps[name].build(force_all=True)
            text = _note_text(Path(apps[name].outdir))
            if name == "en":
                assert "June 15, 2009" in text and "archived at" in text, text
            else:
                assert "15. Juni 2009" in text and "archived" not in text, text
    finally:
        for app in apps.values():
            app.cleanup()
    assert current() == NoteSettings()  # nothing of either app is left behind


def test_short_citations_of_collected_lists_set_titles_as_notes_do() -> None:
    """A book's title in italics, a report's in quotation marks, an untitled source's
    description capitalised and roman (the short citation of chronologies and Who said
    what, citations/short.py)."""
    from docutils import nodes
    from pybtex.database import parse_string

    from sphinx_brief.citations.short import short_citation

    bib = parse_string(
        "@book{cha, author = {Cha, Victor}, title = {The Impossible State}, "
        "publisher = {Ecco}, date = {2012}}\n"
        "@misc{brief, titleaddon = {press briefing by the spokesperson}, "
        "howpublished = {Ministry of Foreign Affairs}, date = {2010-05-04}}",
        "bibtex",
    ).entries

    def shown(key: str) -> list[tuple[str, str]]:
        return [
            ("em" if isinstance(n, nodes.emphasis) else "", n.astext())
            for n in short_citation(bib[key])
        ]

    assert shown("cha") == [
        ("", "Cha"),
        ("", ", "),
        ("em", "The Impossible State"),
        ("", ", "),
        ("", "2012"),
    ]
    described = "".join(text for _, text in shown("brief"))
    assert described.startswith("Ministry of Foreign Affairs, Press briefing"), described
    assert all(kind == "" for kind, _ in shown("brief"))


def test_words_after_a_source_that_start_a_sentence_end_it_inside_its_marks() -> None:
    """“Talks.” In 2026, … — the full stop inside the closing mark, whether the source
    ends the note or another follows it."""
    from pybtex.database import parse_string

    from sphinx_brief.citations.compose import Cited, compose_note
    from sphinx_brief.citations.settings import NoteSettings
    from sphinx_brief.citations.style import BriefStyle

    bib = parse_string(
        "@misc{k, title={Talks}, howpublished={Wire}, date={2020-05-01}}\n"
        "@misc{j, title={Other}, howpublished={Paper}, date={2021}}",
        "bibtex",
    ).entries
    style = BriefStyle(settings=NoteSettings(cache=False))
    talks, other = style.note_parts(bib["k"], []), style.note_parts(bib["j"], [])
    after = ". In 2026, talks resumed"
    assert str(compose_note([Cited(talks, form="short", locator=after), Cited(other)])) == (
        "“Talks.” In 2026, talks resumed; “Other,” Paper, 2021."
    )
    assert str(compose_note([Cited(talks, form="short", locator=after)])) == (
        "“Talks.” In 2026, talks resumed."
    )

"""Sources in other languages and sources without a title (issue 23, items 4 and 5): the
language named as Chicago names it, in the brief's language; a title with its translation
in brackets (``titleaddon``); a description of an untitled source set as a description;
the Sources page in the Unicode Collation Algorithm's order (``sortkey`` for a romanised
place).  Read in the HTML notes, the Sources page, the .tex, the ePub and the PDF."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from sphinx_brief.citations import BriefStyle
from sphinx_brief.citations.compose import Cited, compose_note
from sphinx_brief.citations.languages import UnknownLanguage, language_code, named_language
from sphinx_brief.citations.settings import NoteSettings

from .brieftext import normalise, notes
from .conftest import Build, compile_pdf, require_tool, run_sphinx

BIB = r"""
@article{ivanov2010,
  author   = {Ivanov, Ivan},
  title    = {{Relations Between Russia and Iran}},
  journal  = {Mezhdunarodnaya Zhizn},
  date     = {2010-03},
  language = {Russian},
}
@report{park2009,
  author      = {Park, Jiwon},
  title       = {{북한의 대이란 무기 수출}},
  titleaddon  = {North Korea's Arms Exports to Iran},
  institution = {Korea Institute for National Unification},
  date        = {2009},
  langid      = {korean},
  sortkey     = {Park Jiwon},
}
@misc{briefing2010,
  titleaddon   = {press briefing by the spokesperson, May 4, 2010},
  howpublished = {Ministry of Foreign Affairs},
  date         = {2010-05-04},
}
@article{eluard2008,
  author  = {Éluard, Paul},
  title   = {{Notes on Tehran}},
  journal = {Le Monde},
  date    = {2008},
  language = {French},
}
@article{zhang2007,
  author  = {Zhang, Wei},
  title   = {{Trade Routes}},
  journal = {The Diplomat},
  date    = {2007},
  langid  = {american},
}
@article{aaron2006,
  author  = {Aaron, Ann},
  title   = {{First in Line}},
  journal = {The Diplomat},
  date    = {2006},
}
@article{kim2005,
  author  = {김, 정일},
  title   = {{조선중앙통신 논평}},
  journal = {KCNA},
  date    = {2005},
}
"""

INDEX = """\
# Brief

A Russian view.{note}`@ivanov2010, 12` A Korean report.{note}`@park2009`
A briefing.{note}`@briefing2010` A French article.{note}`@eluard2008`
Again the report.{note}`@park2009, 3` Again the briefing.{note}`@briefing2010`
Trade.{note}`@zhang2007` First.{note}`@aaron2006` A commentary.{note}`@kim2005`

```{toctree}
sources
```
"""

SOURCES = "# Sources\n\n```{bibliography}\n:list: bullet\n```\n"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("languages")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "Languages"\nauthor = "Editor"\nlanguage = "en"\n'
        'extensions = ["sphinx_brief"]\nbrief_date = "2010-07-01"\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "sources.md").write_text(SOURCES, encoding="utf-8")
    return {b: run_sphinx(src, b, root / f"out-{b}") for b in ("html", "latex", "epub")}


NOTES = [
    'Ivan Ivanov, "Relations Between Russia and Iran" (in Russian), Mezhdunarodnaya Zhizn, '
    "March 2010, 12.",
    "Jiwon Park, 북한의 대이란 무기 수출 [North Korea's Arms Exports to Iran] (Korea Institute "
    "for National Unification, 2009).",
    "Press briefing by the spokesperson, May 4, 2010, Ministry of Foreign Affairs, May 4, 2010.",
    'Paul Éluard, "Notes on Tehran" (in French), Le Monde, 2008.',
    "Park, 북한의 대이란 무기 수출, 3.",
    "Press briefing.",  # the short form: the description shortened, as a short title
    'Wei Zhang, "Trade Routes," The Diplomat, 2007.',
    'Ann Aaron, "First in Line," The Diplomat, 2006.',
    '김정일, "조선중앙통신 논평," KCNA, 2005.',  # family name first; no langid: no language named
]

#: Chicago's order by the Unicode Collation Algorithm: Éluard beside E, not after Zhang;
#: the romanised sortkey places Park among the Ps; the Hangul name after the Latin ones.
ORDER = [
    "cite-aaron2006",
    "cite-eluard2008",
    "cite-ivanov2010",
    "cite-park2009",
    "cite-briefing2010",
    "cite-zhang2007",
    "cite-kim2005",
]


def test_notes_name_the_language_and_give_the_translation(builds: dict[str, Build]) -> None:
    build = builds["html"]
    assert build.warnings == "", build.warnings
    found = [normalise(text) for _number, text in notes(build.read("index.html"))]
    assert found == NOTES


def test_a_description_is_roman_without_quotation_marks(builds: dict[str, Build]) -> None:
    soup = BeautifulSoup(builds["html"].read("index.html"), "lxml")
    note = next(
        li for li in soup.select("aside.footnote, li, div.footnote") if "Press briefing" in li.text
    )
    assert "“" not in note.get_text()
    assert all("Press briefing" not in em.get_text() for em in note.find_all("em"))


def test_the_sources_page_in_collation_order(builds: dict[str, Build]) -> None:
    soup = BeautifulSoup(builds["html"].read("sources.html"), "lxml")
    items = soup.select('[id^="cite-"]')
    assert [item["id"] for item in items] == ORDER
    texts = {item["id"]: normalise(item.get_text()) for item in items}
    assert texts["cite-park2009"].startswith(
        "Park, Jiwon. 북한의 대이란 무기 수출 [North Korea's Arms Exports to Iran]. Korea"
    )
    assert texts["cite-ivanov2010"].startswith(
        'Ivanov, Ivan. "Relations Between Russia and Iran" (in Russian). Mezhdunarodnaya'
    )
    assert texts["cite-briefing2010"].startswith(
        "Press briefing by the spokesperson, May 4, 2010. Ministry of Foreign Affairs"
    )


def test_latex_and_epub_say_the_same(builds: dict[str, Build]) -> None:
    latex = builds["latex"]
    assert latex.warnings == "", latex.warnings
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "“Relations Between Russia and Iran” (in Russian), \\sphinxstyleemphasis{" in tex
    assert "{[}North Korea's Arms Exports to Iran{]}" in tex or (
        "{[}North Korea’s Arms Exports to Iran{]}" in tex
    )
    starts = [tex.index(r"\label{\detokenize{sources:" + key + "}}") for key in ORDER]
    assert starts == sorted(starts)
    epub = builds["epub"]
    assert epub.warnings == "", epub.warnings
    (book,) = Path(epub.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        page = archive.read("index.xhtml").decode("utf-8")
    text = normalise(BeautifulSoup(page, "lxml").get_text())
    assert '"Relations Between Russia and Iran" (in Russian)' in text
    assert "Press briefing by the spokesperson, May 4, 2010, Ministry" in text


def test_the_pdf_sets_the_translation_and_the_korean(builds: dict[str, Build]) -> None:
    require_tool("pdftotext")
    pdf = compile_pdf(Path(builds["latex"].outdir))
    text = normalise(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    )
    assert "북한의 대이란 무기 수출 [North Korea's Arms Exports to Iran]" in text
    assert '"Relations Between Russia and Iran" (in Russian)' in text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("ko", "ko"),
        ("korean", "ko"),
        ("Korean", "ko"),
        ("ngerman", "de"),
        ("american", "en"),
        ("pt-BR", "pt"),
        ("Farsi", "fa"),
        ("  Russian ", "ru"),
    ],
)
def test_language_values_as_biblatex_authors_write_them(value: str, code: str) -> None:
    assert language_code(value) == code


def test_a_language_in_the_briefs_own_language_words() -> None:
    entry = parse_string("@misc{k, title={T}, language={korean}}", "bibtex").entries["k"]
    assert named_language(entry, "en") == "in Korean"
    assert named_language(entry, "de") == "auf Koreanisch"
    assert named_language(entry, "fr") == "en coréen"
    assert named_language(entry, "ko") is None
    english = parse_string("@misc{e, title={T}, language={british}}", "bibtex").entries["e"]
    assert named_language(english, "en_US") is None
    with pytest.raises(UnknownLanguage):
        language_code("klingonish")


def test_an_unknown_language_is_a_warning_naming_the_entry(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "L"\nextensions = ["sphinx_brief"]\nlanguage = "en"\n', encoding="utf-8"
    )
    (src / "refs.bib").write_text(
        "@article{odd,\n  title = {Odd},\n  journal = {J},\n  date = {2001},\n"
        "  language = {klingonish},\n}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# T\n\nClaim.{note}`@odd`\n", encoding="utf-8")
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "refs.bib:1:" in build.warnings
    assert "bib entry 'odd': its language 'klingonish' is not a language" in build.warnings
    text = normalise(BeautifulSoup(build.read("index.html"), "lxml").get_text())
    assert '"Odd," J, 2001.' in text  # the note itself is kept


def test_a_translation_written_in_brackets_is_not_bracketed_twice() -> None:
    entry = parse_string(
        "@book{b, author={Kim, A}, title={원제}, titleaddon={[The Title]}, publisher={P}, "
        "date={2001}}",
        "bibtex",
    ).entries["b"]
    style = BriefStyle(settings=NoteSettings(cache=False))
    text = str(compose_note([Cited(style.note_parts(entry, []))]))
    assert text == "A Kim, 원제 [The Title] (P, 2001)."


def test_a_descriptions_shorter_form_is_set_as_the_description() -> None:
    """``shorttitle`` beside a description (``titleaddon`` without ``title``): capitalised
    in short notes, as the description is, whatever case the author wrote it in."""
    entry = parse_string(
        "@misc{r, titleaddon={report on the target year of the transfer}, "
        "shorttitle={report on the target year}, howpublished={Yonhap}, date={2026-02-04}}",
        "bibtex",
    ).entries["r"]
    style = BriefStyle(settings=NoteSettings(cache=False))
    parts = style.note_parts(entry, [])
    full = str(compose_note([Cited(parts)]))
    short = str(compose_note([Cited(parts, form="short")]))
    assert full.startswith("Report on the target year of the transfer, Yonhap"), full
    assert short.startswith("Report on the target year"), short

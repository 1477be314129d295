"""The PDF as publishers set it (issue 22, item 3).

A brief made to provoke what a careless layout gets wrong: names at the ends of justified
lines, long addresses, quotations and chronology entries of every length across page
breaks, filtered timelines that would print the chronology again.  Built with pdflatex (and
the names with lualatex, chosen for an Arabic word), its ``.tex``, its LaTeX log and its
PDF's text (pdftotext, per page) say:

- a running head (short title, date) on every page but the first, and page numbers;
- no name of the records broken with a hyphen at a line's end;
- no address set letter-spaced;
- a quotation's attribution and its "Source:" line on the page of its last words, and a
  chronology entry's "Source:" line on the page of its title;
- the chronology's dates in the text's (serif) typeface;
- ``:print:`` full, short and reference, with a working page reference to the chronology,
  and a warning for a value it does not know.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.site import printing

from .conftest import Build, compile_pdf, require_tool, run_sphinx

CONF = """
project = "Arms & Oil: Pyongyang and Tehran Since the Islamic Revolution of 1979"
author = "Jane Analyst"
brief_date = "2010-07-01"
language = "en"
extensions = ["sphinx_brief"]
brief_tags = {"arms": "Arms transfers", "diplomacy": "Diplomacy", "missiles": "Missiles"}
html_theme = "basic"
"""

# Speakers, their roles, and the lengths of their words (sentences): every length, so that
# some quotations end near the foot of a page.
SPEAKERS = [
    ("Gholam Ali Khushroo", 1),
    ("Manouchehr Mottaki", 4),
    ("Kazem Vaziri Hamaneh", 2),
    ("Mahmoud Ahmadinejad", 6),
    ("Ali Larijani", 3),
    ("Mohammad Akbari", 5),
    ("Kim Yong-Nam", 2),
    ("Morteza Moradian", 7),
    ("Avigdor Lieberman", 1),
    ("Tōkyō Shimbun", 3),
    ("Gholam-Hussein Eslami-Fard", 4),
    ("Cho’ng Yo’ng-ch’o’l", 2),
    ("Hassan Qashqavi", 5),
    ("Saeed Jalili", 3),
]
PLACES = [
    "Pyongyang, North Korea",
    "Semnan, Iran",
    "Bandar Abbas, Iran",
    "Yongbyon, North Korea",
    "Tehran, Iran",
    "Isfahan, Iran",
    "Nampo, North Korea",
    "Kazakhstan",
]
INDEXED = ["Hezbollah", "Ahmadinejad", "Khamenei", "Rafsanjani"]
TAGS = ["arms", "diplomacy", "missiles"]
#: How many events the brief declares (bodies of every length: some entries end near the
#: foot of a page).
EVENTS = 40

#: Words of the prose around the names: long ordinary words, which TeX does hyphenate.
_PROSE = (
    "The delegation from Pyongyang met Gholam Ali Khushroo and Manouchehr Mottaki in Semnan "
    "while Ahmadinejad considered the extraordinary proposals of Larijani and Hamaneh about "
    "Yongbyon, Rafsanjani, Khamenei and Hezbollah; representatives of Moradian and Qashqavi "
    "negotiated unprecedented arrangements concerning Isfahan, Nampo and Kazakhstan."
)
WORDS = _PROSE.split(" ")

SENTENCE = (
    "Cooperation between the two governments continued despite international "
    "disapproval and several unsuccessful attempts at interdiction. "
)
ADDRESS = (
    "https://www.example.org/analysis/north-korea-iran-foreign-relations/"
    "extraordinarily-long-address-segment-{i}-without-any-natural-break.html"
)


def prose(seed: int, length: int) -> str:
    """A paragraph of ``length`` words that starts at a different place for each seed."""
    words = [WORDS[(seed * 7 + n) % len(WORDS)] for n in range(length)]
    return " ".join(words) + "."


def refs() -> str:
    entries = [
        f"@article{{q{i:02d}, title = {{{{Quoted Report Q{i:02d}}}}}, "
        f"journal = {{Agency A{i:02d}}}, date = {{2009-06-{i + 1:02d}}}}}"
        for i in range(len(SPEAKERS))
    ]
    entries += [
        f"@article{{e{i:02d}, title = {{{{Event Report E{i:02d}}}}}, "
        f"journal = {{Gazette G{i:02d}}}, date = {{2010-0{1 + i % 9}-01}}}}"
        for i in range(EVENTS)
    ]
    entries.append(
        "@online{web, title = {{A Page With a Long Address}}, date = {2010-01-01}, "
        "url = {" + ADDRESS.format(i=0) + "}}"
    )
    return "\n".join(entries) + "\n"


def quote(i: int, speaker: str, sentences: int) -> str:
    words = " ".join(
        f"Sentence {n} of the words of quotation {i} says that cooperation continues."
        for n in range(sentences)
    )
    return (
        f":::{{quote}}\n:speaker: {speaker}\n:role: Role R{i:02d}\n:date: 2009-06\n"
        f":source: q{i:02d}\n\n{words} Words W{i:02d}X end here.\n:::\n"
    )


def event(i: int) -> str:
    body = (SENTENCE * (1 + i * 7 % 6)).strip()
    return (
        f":::{{event}} 2009-{1 + i % 12:02d}-{1 + i % 28:02d}\n:title: Event title T{i:02d}X\n"
        f":tags: {TAGS[i % 3]}\n:place: {PLACES[i % len(PLACES)]}\n:source: e{i:02d}\n\n"
        f"{body}\n:::\n"
    )


def index_page(arabic: bool) -> str:
    blocks = ["# The brief"]
    if arabic:
        blocks.append("The city is called طهران in Arabic.{note}`@web`")
    for i, (speaker, sentences) in enumerate(SPEAKERS):
        blocks.append(prose(i, 40 + 9 * i) + "{note}`@web`")
        if i < len(INDEXED):
            blocks.append(f"The report names {{index}}`{INDEXED[i]}`.{{note}}`@web`")
        blocks.append(quote(i, speaker, sentences))
    for i in range(EVENTS):
        blocks.append(prose(i + 3, 30 + 5 * i) + "{note}`@web`")
        blocks.append(event(i))
    for i in range(1, 8):
        # a long address at the end of a justified line, after words of every length
        words = prose(i, 3 + 4 * i)
        blocks.append(f"{words} See <{ADDRESS.format(i=i)}>.{{note}}`@web`")
    blocks.append("```{toctree}\n:hidden:\n\nchronology\nquotations\nsources\n```")
    return "\n\n".join(blocks) + "\n"


CHRONOLOGY = """\
# Chronology

Every event of the brief.

:::{timeline}
:overview: no
:::

## Arms, short by default

:::{timeline}
:tags: arms
:::

## Diplomacy, short

:::{timeline}
:tags: diplomacy
:print: short
:::

## Missiles, a reference

:::{timeline}
:tags: missiles
:print: reference
:::

## Arms, in full

:::{timeline}
:tags: arms
:print: full
:::
"""

QUOTATIONS = "# Who said what\n\n```{quotations}\n```\n"
SOURCES = "# Sources\n\n```{bibliography}\n:list: bullet\n:all:\n```\n"


def make(root: Path, conf: str = "", *, arabic: bool = False) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + textwrap.dedent(conf), encoding="utf-8")
    (src / "refs.bib").write_text(refs(), encoding="utf-8")
    pages = {
        "index": index_page(arabic),
        "chronology": CHRONOLOGY,
        "quotations": QUOTATIONS,
        "sources": SOURCES,
    }
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


@dataclass
class Printed:
    """A LaTeX build, its PDF and what pdftotext reads in it."""

    build: Build
    pdf: Path

    @property
    def tex(self) -> str:
        (tex,) = self.build.outdir.glob("*.tex")
        return tex.read_text(encoding="utf-8")

    @property
    def log(self) -> str:
        return self.pdf.with_suffix(".log").read_text(encoding="latin-1")

    def pages(self, *options: str) -> list[str]:
        return pdf_pages(self.pdf, *options)


def pdf_pages(pdf: Path, *options: str) -> list[str]:
    """The text of each page of the PDF (the first is index 0)."""
    text = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def printed(root: Path, conf: str = "", *, arabic: bool = False) -> Printed:
    require_tool("pdftotext")
    build = run_sphinx(make(root, conf, arabic=arabic), "latex", root / "latex")
    assert build.warnings == "", build.warnings
    return Printed(build, compile_pdf(build.outdir))


@pytest.fixture(scope="module")
def pdflatex(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return printed(tmp_path_factory.mktemp("print"))


def flat(text: str) -> str:
    return " ".join(text.split())


def page_of(pages: list[str], needle: str, occurrence: int = 0) -> int:
    """The page (from 0) of the ``occurrence``-th appearance of ``needle`` (-1: the last)."""
    found = [n for n, page in enumerate(pages) for _ in range(flat(page).count(needle))]
    assert found, f"{needle!r} is not in the PDF"
    return found[occurrence]


# -- the running head and the page numbers ----------------------------------------------------
def test_a_running_head_on_every_page_but_the_first(pdflatex: Printed) -> None:
    pages = pdflatex.pages("-layout")
    assert len(pages) > 4
    head = re.compile(r"^\s*Arms & Oil\s{3,}July 1, 2010\s*$")
    first_lines = [next(line for line in page.splitlines() if line.strip()) for page in pages]
    assert not head.match(first_lines[0])
    assert "Arms & Oil: Pyongyang and Tehran" in first_lines[0]  # the title block
    for number, line in enumerate(first_lines[1:], start=2):
        assert head.match(line), (number, line)


def test_every_page_is_numbered(pdflatex: Printed) -> None:
    for number, page in enumerate(pdflatex.pages("-layout"), start=1):
        last = [line.strip() for line in page.splitlines() if line.strip()][-1]
        assert last == str(number)


def test_the_running_head_s_title_is_escaped_in_the_tex(pdflatex: Printed) -> None:
    assert "\\sphinxbriefrunninghead{Arms \\& Oil}{July 1, 2010}" in pdflatex.tex


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("North Korea–Iran Foreign Relations", "North Korea–Iran Foreign Relations"),
        ("Haiti in Crisis: Developments Related to the Multinational Mission", "Haiti in Crisis"),
        (
            "A Chronology of Events in the Long Year (December 2019–January 2020)",
            "A Chronology of Events in the Long Year",
        ),
        ("Words " * 12, "Words Words Words Words Words Words Words Words…"),
    ],
)
def test_a_long_title_is_shortened(title: str, head: str) -> None:
    assert printing.shortened(title) == head


def test_html_short_title_is_the_running_head(tmp_path: Path) -> None:
    src = make(tmp_path, 'html_short_title = "A & B"\nbrief_date = "2010-07"\n')
    build = run_sphinx(src, "latex", tmp_path / "latex")
    (tex,) = build.outdir.glob("*.tex")
    assert "\\sphinxbriefrunninghead{A \\& B}{July 2010}" in tex.read_text(encoding="utf-8")


def test_an_author_s_page_style_wins(tmp_path: Path) -> None:
    own = r"""
    latex_elements = {"preamble": r'''
    \fancypagestyle{normal}{\fancyhf{}\fancyhead[C]{OWN HEAD}\fancyfoot[C]{\thepage}}
    \widowpenalty=150
    '''}
    """
    made = printed(tmp_path, own)
    second = made.pages("-layout")[1]
    assert "OWN HEAD" in second and "July 1, 2010" not in second.splitlines()[0]
    # the extension's lines come first, the author's after them
    assert made.tex.index("\\sphinxbriefnowidows") < made.tex.index("OWN HEAD")


# -- names -------------------------------------------------------------------------------------
def broken_names(pages: list[str], names: set[str]) -> list[str]:
    """Words of ``names`` broken with a hyphen at a line's end ("Py-\\nongyang")."""
    text = "\n".join(pages)
    broken = []
    for match in re.finditer(r"(\w+)-\n\s*(\w+)", text):
        if (match.group(1) + match.group(2)).casefold() in names:
            broken.append(f"{match.group(1)}-{match.group(2)}")
    return broken


def name_set() -> set[str]:
    words = re.findall(r"[^\W\d_]+", " ".join([s for s, _ in SPEAKERS] + PLACES + INDEXED))
    return {word.casefold() for word in words if word[0].isupper() and len(word) > 1}


def hyphenated(pages: list[str]) -> list[str]:
    return re.findall(r"\w+-\n\s*\w+", "\n".join(pages))


def test_the_tex_lists_the_words_of_every_name(pdflatex: Printed) -> None:
    match = re.search(r"\\sphinxbriefnames\{%\n(.*?)\}", pdflatex.tex, re.S)
    assert match is not None
    listed = match.group(1).split()
    # speakers, places and {index} entries, capitalised words only; not "Tōkyō" (pdflatex
    # cannot read it in \hyphenation), nor digits
    for word in (
        "Khushroo",
        "Gholam",
        "Pyongyang",
        "Yongbyon",
        "Hezbollah",
        "Rafsanjani",
        "Eslami",
        "Fard",
        "Shimbun",
    ):
        assert word in listed
    assert "Tōkyō" not in listed and "Cooperation" not in listed
    assert listed == sorted(listed, key=lambda word: (word.casefold(), word))
    assert "Improper \\hyphenation" not in pdflatex.log


def test_no_name_is_hyphenated_with_pdflatex(pdflatex: Printed) -> None:
    pages = pdflatex.pages("-raw")
    assert hyphenated(pages), "the text hyphenates ordinary words"
    assert broken_names(pages, name_set()) == []


def test_without_the_exceptions_names_would_be_hyphenated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same text without the exceptions breaks names."""
    monkeypatch.setattr(printing, "name_words", lambda names, engine: [])
    made = printed(tmp_path)
    assert "\\sphinxbriefnames{" not in made.tex
    assert broken_names(made.pages("-raw"), name_set())


@pytest.mark.slow
def test_no_name_is_hyphenated_with_lualatex(tmp_path: Path) -> None:
    made = printed(tmp_path, arabic=True)
    assert "$pdflatex = 'lualatex" in (made.build.outdir / "latexmkrc").read_text()
    assert "Tōkyō" in made.tex.split("\\sphinxbriefnames{")[1].split("}")[0]
    pages = made.pages("-raw")
    assert hyphenated(pages)
    assert broken_names(pages, name_set()) == []
    assert "Improper \\hyphenation" not in made.log


@pytest.mark.slow
def test_no_name_is_hyphenated_with_xelatex(tmp_path: Path) -> None:
    """polyglossia, not babel: the exceptions go to the main language."""
    xelatex = r"""
    latex_engine = "xelatex"
    latex_elements = {"fontpkg": r"\setmainfont{Noto Serif}\setsansfont{Noto Sans}"}
    """
    made = printed(tmp_path, xelatex)
    assert "\\usepackage{polyglossia}" in made.tex
    pages = made.pages("-raw")
    assert hyphenated(pages)
    assert broken_names(pages, name_set()) == []
    assert "Improper \\hyphenation" not in made.log


def test_name_words() -> None:
    names = [
        "Gholam Ali Khushroo",
        "Osama bin Laden",
        "Il-76",
        "Tōkyō Shimbun",
        "Łukasiewicz",
        "김정은",
        "Jane’s Information Group",
        "Nguyễn Văn",
        "IRNA",
    ]
    assert printing.name_words(names, "pdflatex") == [
        "Ali", "Gholam", "Group", "Il", "Information", "IRNA", "Jane", "Khushroo", "Laden",
        "Osama", "Shimbun", "Văn", "Łukasiewicz",
    ]  # fmt: skip
    unicode = printing.name_words(names, "lualatex")
    assert {"Tōkyō", "Nguyễn", "Văn"} <= set(unicode) and "김정은" not in unicode


# -- addresses ---------------------------------------------------------------------------------
def test_no_address_is_letter_spaced(pdflatex: Printed) -> None:
    addresses = [
        re.sub(r"\\(.)", r"\1", url)
        for url in re.findall(r"\\sphinxurl\{((?:[^{}]|\{\})*)\}", pdflatex.tex)
    ]
    assert len(addresses) >= 8
    # pdftotext reads a gap between two characters as a space: a letter-spaced address
    # would not be found whole (the running head and page numbers taken out between pages)
    furniture = re.compile(r"^(Arms & Oil|July 1, 2010|\d+)$", re.M)
    text = "".join(furniture.sub("", page) for page in pdflatex.pages()).replace("\n", "")
    short = {url: n for url, n in Counter(addresses).items() if text.count(url) < n}
    assert short == {}
    assert "\\Urlmuskip=0mu" in (pdflatex.build.outdir / "sphinxbriefurls.sty").read_text()


# -- what stays on the page of what -----------------------------------------------------------
def test_a_quotation_s_attribution_and_source_stay_with_its_words(pdflatex: Printed) -> None:
    pages = pdflatex.pages()
    assert pdflatex.tex.count("\\sphinxbriefquotekeep") == len(SPEAKERS)  # Who said what
    for i in range(len(SPEAKERS)):
        words, role = f"W{i:02d}X end here", f"Role R{i:02d}"
        # in the text: the words, then the attribution
        assert page_of(pages, words) == page_of(pages, role), i
        # in Who said what: the words, the attribution and the "Source:" line
        last = page_of(pages, words, -1)
        assert last == page_of(pages, role, -1), i
        assert last == page_of(pages, f"Source: “Quoted Report Q{i:02d}"), i


def stranded_sources(pages: list[str]) -> list[int]:
    """The chronology's entries whose "Source:" line stands at the head of a page without
    its title, and without the last lines of its body before it."""
    stranded = []
    for i in range(EVENTS):
        # the chronology comes first on its page; its entry's source is a short citation
        title, source = page_of(pages, f"Event title T{i:02d}X"), page_of(pages, f"G{i:02d},")
        before = flat(pages[source]).split(f"G{i:02d},")[0].rsplit("Source:", 1)[0]
        if title != source and not before.rstrip().endswith("interdiction."):
            stranded.append(i)
    return stranded


def test_a_chronology_entry_s_sources_stay_with_its_words(pdflatex: Printed) -> None:
    assert stranded_sources(pdflatex.pages()) == []
    assert "\\begin{sphinxuseclass}{brief-timeline-end}" in pdflatex.tex


def test_no_overfull_line_and_no_undefined_reference(pdflatex: Printed) -> None:
    log = pdflatex.log
    over = [
        float(points) for points in re.findall(r"Overfull \\hbox \((\d+\.?\d*)pt too wide", log)
    ]
    assert all(points <= 1 for points in over), over
    assert "undefined" not in log.lower(), re.findall(r".*undefined.*", log, re.I)


# -- the chronology's typeface ----------------------------------------------------------------
def test_the_chronology_is_set_in_the_text_s_typeface(pdflatex: Printed) -> None:
    sty = (pdflatex.build.outdir / "sphinxbrieftimeline.sty").read_text(encoding="utf-8")
    assert "\\sffamily" not in sty and "\\textsf" not in sty
    from pypdf import PdfReader

    reader = PdfReader(pdflatex.pdf)
    start = page_of(pdflatex.pages(), "Every event of the brief.")
    # the fonts of the chronology's bold text that holds the year: its dates (titles have none)
    fonts: set[str] = set()

    def visit(
        text: str, cm: object, tm: object, font: dict[str, object] | None, size: float
    ) -> None:
        if font is not None and "2009" in text:
            fonts.add(str(font.get("/BaseFont", "")))

    for page in reader.pages[start : start + 3]:
        page.extract_text(visitor_text=visit)
    bold = {name for name in fonts if "Bold" in name}
    assert bold, fonts
    assert all("TeXGyreTermes" in name for name in bold), bold  # Times, as the text


# -- :print: -----------------------------------------------------------------------------------
def timeline_part(tex: str, heading: str) -> str:
    """The LaTeX of a section of the chronology page, up to the next heading."""
    return tex.split(f"{{{heading}}}", 1)[1].split("\\subsection", 1)[0]


def test_print_full_short_and_reference_in_the_tex(pdflatex: Printed) -> None:
    tex = pdflatex.tex
    label = "\\detokenize{chronology:brief-chronology}"
    assert f"\\phantomsection\\label{{{label}}}" in tex  # the chronology's list
    # short, by default for a filtered timeline and asked for: date and linked title
    for heading in ("Arms, short by default", "Diplomacy, short"):
        part = timeline_part(tex, heading)
        assert "\\begin{sphinxbriefshorttimeline}" in part
        assert "Source:" not in part and "Tags:" not in part
        assert f"\\pageref{{{label}}}" in part
        assert "\\hyperref[\\detokenize{chronology:chronology-index-event-2009" in part
    # reference: one sentence
    part = timeline_part(tex, "Missiles, a reference")
    assert "sphinxbrieftimeline" not in part and "Event title" not in part
    assert f"See {{\\hyperref[{label}]{{\\sphinxcrossref{{the chronology}}}}}}" in part
    # full: as the chronology
    part = timeline_part(tex, "Arms, in full")
    assert "\\begin{sphinxbrieftimeline}" in part and "Source:" in part


def test_print_reference_gives_the_chronology_s_page(pdflatex: Printed) -> None:
    pages = pdflatex.pages()
    found = re.search(r"See the chronology, p\. (\d+), for these events\.", flat("".join(pages)))
    assert found is not None
    page = int(found.group(1)) - 1
    # the chronology (its first entry, the earliest event) starts on that page or the next
    first = page_of(pages, "Event title T00X")
    assert page <= first <= page + 1
    told = re.findall(
        r"Each event below is told in full in the chronology, p\. (\d+)\.", flat("".join(pages))
    )
    assert told == [found.group(1)] * 2
    # a short timeline's entries are one line each: no source, no body
    arms = [i for i in range(EVENTS) if i % 3 == 0]
    short = flat(pages[page_of(pages, "Arms, short by default")])
    assert f"Event title T{arms[0]:02d}X" in short


def test_print_leaves_the_website_unchanged(tmp_path: Path) -> None:
    src = make(tmp_path)
    html = run_sphinx(src, "html", tmp_path / "html")
    assert html.warnings == ""
    soup = BeautifulSoup(html.read("chronology.html"), "lxml")
    lists = soup.select("ol.brief-timeline")
    assert [len(ol.select("li")) for ol in lists] == [40, 14, 13, 13, 14]
    assert all(ol.select("li .brief-timeline-sources") for ol in lists)
    assert "told in full" not in soup.get_text() and "See the chronology" not in soup.get_text()


def test_an_unknown_print_value_is_a_warning(tmp_path: Path) -> None:
    src = make(tmp_path)
    page = src / "chronology.md"
    page.write_text(page.read_text().replace(":print: short", ":print: compact"))
    build = run_sphinx(src, "html", tmp_path / "html")
    assert re.search(
        r"chronology\.md:\d+: WARNING: timeline: :print: is full, short or reference, not "
        r"'compact'; the default is used \[brief\.option-value\]",
        build.warnings,
    ), build.warnings


def test_print_reference_without_a_chronology_is_a_warning(tmp_path: Path) -> None:
    src = make(tmp_path)
    page = src / "chronology.md"
    page.write_text(page.read_text().replace(":::{timeline}\n:overview: no\n:::\n", "", 1))
    build = run_sphinx(src, "latex", tmp_path / "latex")
    assert re.search(
        r"chronology\.md:\d+: WARNING: timeline: :print: reference refers to the chronology, "
        r"but the PDF has none .* \[brief\.option-value\]",
        build.warnings,
    ), build.warnings
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    # short, linked to the events in the text; no page to refer to
    assert "\\pageref" not in text
    assert "\\hyperref[\\detokenize{index:event-2009" in timeline_part(
        text, "Missiles, a reference"
    )


# -- the repository's brief --------------------------------------------------------------------
def test_the_brief_s_pdf_is_set_as_publishers_set_it(brief_pdf: Path) -> None:
    require_tool("pdftotext")
    pages = pdf_pages(brief_pdf, "-layout")
    assert "NK–Iran brief" not in pages[0].splitlines()[0]
    assert re.match(r"^\s*NK–Iran brief\s{3,}July 1, 2010\s*$", pages[1].splitlines()[0])
    names = {"pyongyang", "gholam", "khushroo", "mottaki", "larijani", "hamaneh", "semnan"}
    assert broken_names(pdf_pages(brief_pdf, "-raw"), names) == []
    assert "See the chronology" not in flat("".join(pages))
    assert "Each event below is told in full in the chronology, p." in flat("".join(pages))


LONG_NAMES = [
    "Office of the Director of National Intelligence",
    "Multilateral Sanctions Monitoring Team of the United Nations",
    "Korea Mining Development Trading Corporation",
    "Islamic Revolutionary Guard Corps Aerospace Force",
]


@pytest.mark.parametrize("defaults", [True, False])
def test_the_index_is_set_ragged_right(tmp_path: Path, defaults: bool) -> None:
    """The index's narrow columns: a long entry justified there is spread with wide gaps,
    which TeX reports as an underfull line; set ragged right, none is."""
    require_tool("pdftotext")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        CONF
        + f"brief_defaults = {defaults}\nbibtex_bibfiles = ['refs.bib']\n"
        + "latex_elements = {'printindex': r'\\printindex'}\n",
        encoding="utf-8",
    )
    words = " ".join(f"The report names {{index}}`{name}`." for name in LONG_NAMES)
    (src / "index.md").write_text(f"# The brief\n\n{words}\n", encoding="utf-8")
    (src / "refs.bib").write_text("", encoding="utf-8")
    build = run_sphinx(src, "latex", tmp_path / "latex")
    assert build.warnings == "", build.warnings
    pdf = compile_pdf(build.outdir)
    log = pdf.with_suffix(".log").read_text(encoding="latin-1")
    index = log[log.index(".ind") :]
    underfull = re.findall(r"Underfull \\hbox", index)
    assert pdf_pages(pdf)[-1].count("Office of the Director") == 1
    assert ("\\sphinxbriefraggedindex" in next(build.outdir.glob("*.tex")).read_text()) is defaults
    assert bool(underfull) is not defaults, index[:2000]

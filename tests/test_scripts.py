"""Every script a brief holds reaches every format (issue 21, item 4).

Small briefs in English that hold Korean (Hangul in a bib author), Chinese, Japanese,
Russian, Arabic and Persian, in their text and in their sources, built as HTML, ePub and
LaTeX and compiled to PDF: the PDF is made with LuaLaTeX and Noto fonts (a Latin brief keeps
pdflatex), every word is in it (pdftotext), the HTML and the ePub mark each run of another
script with its language and right-to-left runs with ``dir="rtl"``, punctuation outside;
where conf.py chose an engine that cannot set a character, a warning names it.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core import scripts
from sphinx_brief.events import collect as timeline

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .validators import run_ace, run_epubcheck, run_vnu

CONF = """
project = "Scripts"
author = "Jane Analyst"
brief_date = "2024-05-17"
language = "en"
extensions = ["sphinx_brief"]
brief_tags = {"diplomacy": "Diplomacy"}
html_theme = "furo"
"""

SOURCES = """# Sources

```{bibliography}
:list: bullet
:all:
```
"""

TOCTREE = "\n```{toctree}\n:hidden:\n\nsources\n```\n"


@dataclass(frozen=True)
class Case:
    """A brief that holds one language: its bib entries and its page, the runs the HTML
    marks (text, language), and the words the PDF shows."""

    refs: str
    page: str
    runs: tuple[tuple[str, str], ...]
    words: tuple[str, ...]


CASES = {
    "ko": Case(
        refs="""@article{kim2020, author = {김국진}, title = {{북한과 이란의 관계}},
                 journal = {Korea Times}, date = {2020-03-01}}""",
        page="""
        # Korea

        The Korean source names the party.{note}`@kim2020`
        In Korean: 정부는 국방개혁을 꾸준히 추진하고 연합훈련을 계속하며 동맹국들과의 협력을 강화하여 한반도의 평화와 안정을 지켜 나가겠다고 밝혔습니다. 전문가들은 이러한 결정이 지역 안보 환경에 중요한 영향을 미칠 것이라고 평가했습니다. 정부는 국방개혁을 꾸준히 추진하고 연합훈련을 계속하며 동맹국들과의 협력을 강화하여 한반도의 평화와 안정을 지켜 나가겠다고 밝혔습니다.
        """,
        runs=(("김국진", "ko"), ("북한과 이란의 관계", "ko")),
        # Korean breaks at the spaces between its words, never inside one, and is never
        # letter-spaced to fill a line: each word reads whole in the PDF's text
        words=(
            "김국진",
            "북한과",
            "이란의",
            "관계",
            "국방개혁을",
            "연합훈련을",
            "동맹국들과의",
            "한반도의",
            "나가겠다고",
            "밝혔습니다.",
            "전문가들은",
            "평가했습니다.",
        ),
    ),
    "zh": Case(
        refs="""@article{wang2019, author = {王小明}, title = {{中国与伊朗的关系}},
                 journal = {人民日报}, date = {2019}}""",
        page="""
        # China

        The Chinese source says so.{note}`@wang2019`
        In Chinese: 中华人民共和国和伊朗伊斯兰共和国的关系非常复杂而且历史悠久，两国之间的合作涉及能源、贸易、外交和军事等多个领域。
        """,
        runs=(("王小明", "zh"), ("中国与伊朗的关系", "zh"), ("人民日报", "zh")),
        words=("王小明", "中国与伊朗的关系", "人民日报", "两国之间的合作涉及能源"),
    ),
    "ja": Case(
        refs="""@article{yamada2018, author = {山田太郎}, title = {{北朝鮮とイランの関係について}},
                 journal = {朝日新聞}, date = {2018}}""",
        page="""
        # Japan

        The Japanese source agrees.{note}`@yamada2018`
        """,
        # Han alone (the author, the journal) is Japanese beside the kana of the title
        runs=(("山田太郎", "ja"), ("北朝鮮とイランの関係について", "ja"), ("朝日新聞", "ja")),
        words=("山田太郎", "北朝鮮とイランの関係について", "朝日新聞"),
    ),
    "ru": Case(
        refs="""@article{ivanov2017, author = {Иванов, Иван}, title = {{Россия и Иран}},
                 journal = {Коммерсантъ}, date = {2017}}""",
        page="""
        # Russia

        The Russian source calls it «стратегическое партнёрство».{note}`@ivanov2017`
        """,
        runs=(("стратегическое партнёрство", "ru"), ("Иван Иванов", "ru"), ("Коммерсантъ", "ru")),
        words=("стратегическое", "партнёрство", "Иванов", "Россия", "Коммерсантъ"),
    ),
    "ar": Case(
        refs="""@article{ahram2016, author = {{وكالة الأنباء}},
                 title = {{العلاقات بين إيران وكوريا الشمالية}}, journal = {الأهرام},
                 date = {2016}}""",
        page="""
        # Arabic

        The party (حزب الله) said{editor-note}`the word is حزب` that it would.{note}`@ahram2016`

        :::{event} 2015
        :title: A meeting in طهران
        :place: طهران
        :source: ahram2016
        :tags: diplomacy
        :::

        ::::{timeline}
        ::::
        """,
        runs=(
            ("حزب الله", "ar"),
            ("حزب", "ar"),
            ("وكالة الأنباء", "ar"),
            ("العلاقات بين إيران وكوريا الشمالية", "ar"),
            ("الأهرام", "ar"),
            ("طهران", "ar"),
        ),
        words=("حزب الله", "وكالة الأنباء", "العلاقات بين إيران وكوريا الشمالية", "الأهرام"),
    ),
    "fa": Case(
        refs="""@article{kayhan2015, title = {{روابط ایران و کره‌ی شمالی}}, journal = {کیهان},
                 date = {2015}}""",
        page="""
        # Persian

        The Persian title reads روابط ایران و کره‌ی شمالی in full.{note}`@kayhan2015`
        """,
        runs=(("روابط ایران و کره\u200cی شمالی", "fa"), ("کیهان", "fa")),
        # the zero-width non-joiner is no glyph: the PDF's text is without it
        words=("روابط ایران و کرهی شمالی", "کیهان"),
    ),
}
RTL = {"ar", "fa"}


def make(root: Path, page: str, refs: str, conf: str = "") -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (src / "refs.bib").write_text(textwrap.dedent(refs) + "\n", encoding="utf-8")
    (src / "index.md").write_text(textwrap.dedent(page).lstrip("\n") + TOCTREE, encoding="utf-8")
    (src / "sources.md").write_text(SOURCES, encoding="utf-8")
    return src


@dataclass
class Built:
    html: Build
    epub: Build
    latex: Build

    @property
    def tex(self) -> str:
        return self.latex.read("scripts.tex")


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each language's brief, built once for the module's tests (filled as they ask)."""
    return {}


def brief(lang: str, briefs: dict[str, Built], factory: pytest.TempPathFactory) -> Built:
    if lang not in briefs:
        case = CASES[lang]
        root = factory.mktemp(f"scripts-{lang}")
        src = make(root, case.page, case.refs)
        briefs[lang] = Built(*(run_sphinx(src, b, root / b) for b in ("html", "epub", "latex")))
    return briefs[lang]


@pytest.fixture(scope="module", params=sorted(CASES))
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def built(lang: str, briefs: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> Built:
    return brief(lang, briefs, tmp_path_factory)


def test_every_format_builds_without_a_warning(built: Built) -> None:
    for build in (built.html, built.epub, built.latex):
        assert build.warnings == "", build.warnings


def marked(html: str) -> list[tuple[str, str, str | None]]:
    """Each run the page marks: its text, language, and direction."""
    soup = BeautifulSoup(html, "lxml")
    return [
        (tag.get_text(), str(tag.get("lang")), tag.get("dir"))  # type: ignore[misc]
        for tag in soup.select("bdi, span[lang]")
    ]


def test_the_html_marks_each_run_with_its_language(lang: str, built: Built) -> None:
    runs = marked(built.html.read("index.html"))
    direction = "rtl" if lang in RTL else None
    for text, tag in CASES[lang].runs:
        assert (text, tag, direction) in runs, runs
    for text, _, _ in runs:  # no punctuation of the sentence inside a run
        assert not re.search(r"[()\[\],“”«».]", text), text


def test_the_epub_marks_each_run_and_passes_epubcheck(lang: str, built: Built) -> None:
    (epub,) = built.epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("index.xhtml").decode()
    runs = marked(page)
    for text, tag in CASES[lang].runs:
        assert any(run[:2] == (text, tag) for run in runs), runs
    assert f'lang="{CASES[lang].runs[0][1]}" xml:lang="{CASES[lang].runs[0][1]}"' in page
    if lang in RTL:
        assert '<bdi dir="rtl"' in page
    assert run_epubcheck(epub) == []


def test_the_latex_is_for_lualatex_with_babel_and_noto_fonts(lang: str, built: Built) -> None:
    assert "$pdflatex = 'lualatex" in (built.latex.outdir / "latexmkrc").read_text()
    tex = built.tex
    assert r"\usepackage{fontspec}" in tex
    assert re.search(r"\\babelfont\{rm\}\[[^]]*\]\{Noto Serif\}", tex)
    assert r"\usepackage{polyglossia}" not in tex
    assert ("bidi=basic" in tex) == (lang in RTL)
    assert "provide=*" in tex
    # Korean broken between its words only (babel's locale breaks it between syllables)
    assert ("intraspace=0 0 0, intrapenalty=10000]{korean}" in tex) == (lang == "ko")
    for text, tag in CASES[lang].runs:
        name = {"ko": "korean", "zh": "chinese", "ja": "japanese", "ru": "russian"}.get(
            tag, {"ar": "arabic", "fa": "persian"}.get(tag)
        )
        assert f"\\foreignlanguage{{{name}}}{{{text}}}" in tex


def pdf_text(pdf: Path, *options: str) -> str:
    require_tool("pdftotext")
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


#: What pdftotext adds around right-to-left text, and the white space of its lines.
_BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.mark.slow
def test_the_pdf_shows_every_word(lang: str, built: Built) -> None:
    pdf = compile_pdf(built.latex.outdir)
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "Overfull \\hbox" not in log  # CJK text breaks between its characters
    raw = pdf_text(pdf)
    # pdftotext gives the shaped Arabic letters as Unicode's presentation forms, which
    # NFKC maps to the letters; it reads right-to-left runs back into logical order
    # (so a run set left to right would come out reversed)
    text = _BIDI_MARKS.sub("", unicodedata.normalize("NFKC", raw))
    if lang in ("zh", "ja"):
        text = re.sub(r"(?<=\S)\n(?=\S)", "", text)  # a line broken inside the text
    for word in CASES[lang].words:
        assert word in text, (word, text)
    if lang in RTL:
        # joined: letters in their initial and medial forms, not each one alone
        forms = {unicodedata.decomposition(char).split(" ")[0] for char in raw}
        assert {"<initial>", "<medial>", "<final>"} <= forms


def visual_lines(pdf: Path, page: int = 1) -> list[str]:
    """A page's lines as they stand on it, from left to right (pdftotext's words
    and their places): a group of right-to-left letters side by side is written in the
    order it reads, right to left, without its spaces (``<حزبالله>``)."""
    words = []
    for match in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
        pdf_text(pdf, "-bbox", "-f", str(page), "-l", str(page)),
    ):
        left, top, bottom, word = match.groups()
        middle = (float(top) + float(bottom)) / 2
        words.append((middle, float(left), unicodedata.normalize("NFKC", word)))
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for middle, left, word in sorted(words):
        if lines and abs(lines[-1][0] - middle) < 4:
            lines[-1][1].append((left, word))
        else:
            lines.append((middle, [(left, word)]))
    shown = []
    for _, line in lines:
        tokens: list[str] = []
        rtl: list[str] = []  # glyphs (a ligature's letters in their order) left to right
        for _, word in [*sorted(line), (0.0, "")]:
            if word and _RTL_LETTERS.fullmatch(word):
                rtl.append(word)
                continue
            if rtl:
                tokens.append(f"<{''.join(reversed(rtl))}>")
                rtl = []
            tokens.append(word)
        shown.append(" ".join(tokens).strip())
    return shown


_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]+")
#: The lines of the right-to-left briefs' first page, as :func:`visual_lines` gives them.
LINES = {
    "ar": (
        "The party ( <حزبالله> ) said [Editor’s note: the word is <حزب> ] that it would. 1",
        "Tags: Diplomacy — Place: <طهران>",
        "Source: <وكالةالأنباء> , <الأهرام> , 2016",
        "1 <وكالةالأنباء> , “ <العلاقاتبينإيرانوكورياالشمالية> ,” <الأهرام> , 2016.",
    ),
    "fa": (
        "The Persian title reads <روابطایرانوکرهیشمالی> in full. 1",
        "1 “ <روابطایرانوکرهیشمالی> ,” <کیهان> , 2015.",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("rtl", sorted(LINES))
def test_right_to_left_runs_read_right_to_left_between_their_punctuation(
    rtl: str, briefs: dict[str, Built], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each run is set right to left (its first letter rightmost), in its place in the
    English sentence: brackets, an editor's note's bracket, a note's commas and quotation
    marks stand outside it, on either side."""
    pdf = compile_pdf(brief(rtl, briefs, tmp_path_factory).latex.outdir)
    lines = visual_lines(pdf)
    for expected in LINES[rtl]:
        assert expected in lines, lines


@pytest.mark.slow
def test_the_checkers_pass_the_marked_runs(
    briefs: dict[str, Built], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The Nu Html Checker on the pages with Arabic and Korean runs, Ace by DAISY on the
    Arabic ePub: ``bdi``, ``dir`` and ``lang`` as HTML and EPUB Accessibility want them."""
    pages = []
    for lang in ("ar", "ko"):
        pages += sorted(brief(lang, briefs, tmp_path_factory).html.outdir.glob("*.html"))
    assert run_vnu(pages) == []
    (epub,) = brief("ar", briefs, tmp_path_factory).epub.outdir.glob("*.epub")
    assert run_ace(epub) == []


MIXED = """
# Relations of حزب الله and 북한

## The party حزب الله

The leader said
:::{quote}
:speaker: 김정은
:source: kim2020
:display: run-in
우리는 친구다
:::
. Then the party (حزب الله) spoke.{note}`@ahram2016`

:::{quote}
:speaker: حسن نصر الله
:source: ahram2016

نحن مع إيران في كل شيء، وهذا موقفنا الثابت.
:::

The {index}`طهران` meeting was long.
"""
MIXED_CONF = """
latex_elements = {"makeindex": r"\\makeindex", "printindex": r"\\printindex"}
brief_people = {"김정은": "김정은"}
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    """A brief with Arabic and Korean in its headings, quotations (run in and set apart)
    and its index."""
    root = tmp_path_factory.mktemp("scripts-mixed")
    refs = CASES["ko"].refs + "\n" + CASES["ar"].refs
    src = make(root, MIXED, refs, MIXED_CONF)
    return run_sphinx(src, "html", root / "html"), run_sphinx(src, "latex", root / "latex")


def test_quotations_headings_and_the_index_mark_their_runs(mixed: tuple[Build, Build]) -> None:
    html, latex = mixed
    assert html.warnings == latex.warnings == ""
    runs = marked(html.read("index.html"))
    assert ("우리는 친구다", "ko", None) in runs  # run in: inside the language's quotes
    # a paragraph that is one Arabic sentence: its full stop is the run's, on its left
    assert ("نحن مع إيران في كل شيء، وهذا موقفنا الثابت.", "ar", "rtl") in runs
    assert ("حسن نصر الله", "ar", "rtl") in runs  # the attribution
    tex = latex.read("scripts.tex")
    assert r"\section{The party \foreignlanguage{arabic}{حزب الله}}" in tex
    # the index is sorted by upmendex: makeindex would cut a Hangul letter in its bytes
    rc = (latex.outdir / "latexmkrc").read_text()
    assert "$makeindex = 'upmendex -s python.ist" in rc


@pytest.mark.slow
def test_the_pdf_sets_quotations_headings_and_the_index(mixed: tuple[Build, Build]) -> None:
    _, latex = mixed
    pdf = compile_pdf(latex.outdir)
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    lines = visual_lines(pdf)
    assert "The leader said “우리는 친구다.” 1 Then the party ( <حزبالله> ) spoke. 2" in lines
    assert ". <نحنمعإيرانفيكلشيء،وهذاموقفناالثابت>" in lines  # the full stop on the left
    # the index: Hangul and Arabic entries, each with its page number on its right
    head, *index = visual_lines(pdf, 2)
    assert head == "Scripts May 17, 2024"  # the running head: short title, date
    assert index[0] == "Index"
    assert "김정은, 1" in index and "<طهران> , 1" in index, index
    bookmarks = pdf.with_suffix(".out").read_text(encoding="latin-1")
    assert r"\006\055\006\062\006\050" in bookmarks  # حزب in the section's bookmark


# -- a Latin brief, conf.py's choices, the warning ---------------------------------------
def test_a_latin_brief_keeps_pdflatex(tmp_path: Path) -> None:
    page = """
    # Latin

    A café’s “naïve” résumé — Gdańsk, Øresund, 10 €.
    """
    src = make(tmp_path, page, "@article{a, title = {{Título}}, journal = {J}, date = {2009}}")
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert latex.warnings == ""
    tex = latex.read("scripts.tex")
    assert "$pdflatex = 'pdflatex" in (latex.outdir / "latexmkrc").read_text()
    assert r"\usepackage{tgtermes}" in tex
    assert "babelprovide" not in tex and "foreignlanguage" not in tex
    html = run_sphinx(src, "html", tmp_path / "html")
    assert "<bdi" not in html.read("index.html") and "span lang" not in html.read("index.html")


@pytest.mark.slow
def test_symbols_beyond_pdflatex_are_set_from_fallback_fonts(tmp_path: Path) -> None:
    """≤ stops pdflatex, and Noto Serif has no ≤, → or ★: the symbol fonts set them."""
    page = """
    # Symbols

    Within ≤ 5 km → north ★, “quoted”.
    """
    src = make(tmp_path, page, "@article{a, title = {{A}}, journal = {J}, date = {2009}}")
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert latex.warnings == ""
    assert "$pdflatex = 'lualatex" in (latex.outdir / "latexmkrc").read_text()
    pdf = compile_pdf(latex.outdir)
    assert "Missing character" not in pdf.with_suffix(".log").read_text(errors="replace")
    assert "Within ≤ 5 km → north ★, “quoted”." in pdf_text(pdf)


def test_an_incremental_build_follows_what_the_brief_holds(tmp_path: Path) -> None:
    """The characters of pages that are not read again are kept with the environment."""
    src = make(
        tmp_path,
        "# Latin\n\nPlain text.\n",
        "@article{a, title = {{A}}, journal = {J}, date = {2009}}",
    )
    (src / "other.md").write_text("# Other\n\nMore text.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text() + "\n```{toctree}\nother\n```\n", encoding="utf-8")
    out = tmp_path / "latex"
    latexmkrc = out / "latex" / "latexmkrc"
    assert run_sphinx(src, "latex", out).warnings == ""
    assert "$pdflatex = 'pdflatex" in latexmkrc.read_text()
    (src / "other.md").write_text("# Other\n\nMore (حزب الله) text.\n", encoding="utf-8")
    assert run_sphinx(src, "latex", out, freshenv=False).warnings == ""
    assert "$pdflatex = 'lualatex" in latexmkrc.read_text()
    # other.md is not read again: its characters are kept with the environment
    index.write_text(index.read_text().replace("Plain text.", "See 김국진."), encoding="utf-8")
    latex = run_sphinx(src, "latex", out, freshenv=False)
    assert "reading sources... [100%] index" in latex.status
    assert "other" not in latex.status.split("reading sources")[1].split("\n")[0]
    assert "\\foreignlanguage{korean}{김국진}" in latex.read("scripts.tex")
    assert "\\foreignlanguage{arabic}{حزب الله}" in latex.read("scripts.tex")


def test_the_brief_of_this_repository_keeps_pdflatex(brief_latex: Build) -> None:
    tex = brief_latex.read("north-korea-iran-brief.tex")
    assert "$pdflatex = 'pdflatex" in (brief_latex.outdir / "latexmkrc").read_text()
    assert r"\usepackage{tgtermes}" in tex and "fontspec" not in tex


def test_pdflatex_chosen_in_conf_py_is_warned_at_the_bib_entry(tmp_path: Path) -> None:
    case = CASES["ko"]
    page = case.page.split("In Korean:")[0]  # Korean in the bib entry only
    src = make(tmp_path, page, case.refs, conf='latex_engine = "pdflatex"\n')
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert "$pdflatex = 'pdflatex" in (latex.outdir / "latexmkrc").read_text()
    warnings = latex.warnings.strip().splitlines()
    assert len(warnings) == 1, warnings
    (warning,) = warnings
    assert f"{src / 'refs.bib'}:1:" in warning
    assert "김 (U+AE40 HANGUL SYLLABLE GIM)" in warning
    assert "'kim2020' (author)" in warning
    assert "latex_engine 'pdflatex'" in warning and "[brief.script]" in warning
    # the HTML builder says nothing of the PDF
    assert run_sphinx(src, "html", tmp_path / "html").warnings == ""


def test_xelatex_chosen_in_conf_py_is_warned_at_the_page_s_line(tmp_path: Path) -> None:
    case = CASES["ar"]
    src = make(tmp_path, case.page, case.refs, conf='latex_engine = "xelatex"\n')
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    (warning,) = latex.warnings.strip().splitlines()
    assert f"{src / 'index.md'}:3:" in warning
    assert "ح (U+062D ARABIC LETTER HAH)" in warning and "other characters" in warning
    assert "[brief.script]" in warning


def test_an_included_file_is_warned_at_its_own_line(tmp_path: Path) -> None:
    page = """
    # Included

    ```{include} part.txt
    ```
    """
    conf = 'latex_engine = "pdflatex"\nexclude_patterns = ["part.txt"]\n'
    src = make(tmp_path, page, "@article{a, title = {{A}}, journal = {J}, date = {2009}}", conf)
    (src / "part.txt").write_text("First line.\n\nThe word حزب.\n", encoding="utf-8")
    (warning,) = run_sphinx(src, "latex", tmp_path / "latex").warnings.strip().splitlines()
    assert f"{src / 'part.txt'}:3:" in warning and "U+062D" in warning


def test_a_script_without_a_font_is_warned(tmp_path: Path) -> None:
    page = """
    # Ethiopic

    It is called ሰላም there.
    """
    src = make(tmp_path, page, "@article{a, title = {{A}}, journal = {J}, date = {2009}}")
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    (warning,) = latex.warnings.strip().splitlines()
    assert "ሰ (U+1230 ETHIOPIC SYLLABLE SA)" in warning and f"{src / 'index.md'}:3:" in warning
    assert "latex_elements['fontpkg']" in warning


def test_a_script_whose_font_conf_py_takes_away_is_warned(tmp_path: Path) -> None:
    case = CASES["ko"]
    page = case.page.split("In Korean:")[0]  # Korean in the bib entry only
    src = make(tmp_path, page, case.refs, conf='brief_latex_fonts = {"Kore": ""}\n')
    (warning,) = run_sphinx(src, "latex", tmp_path / "latex").warnings.strip().splitlines()
    assert "김 (U+AE40" in warning and "give a font for Kore in brief_latex_fonts" in warning


def test_conf_py_chooses_the_fonts(tmp_path: Path) -> None:
    case = CASES["ar"]
    conf = 'latex_engine = "lualatex"\nbrief_latex_fonts = {"Arab": "Noto Naskh Arabic"}\n'
    src = make(tmp_path, case.page, case.refs, conf=conf)
    tex = run_sphinx(src, "latex", tmp_path / "latex").read("scripts.tex")
    assert r"\babelfont[arabic]{rm}[ItalicFont=*]{Noto Naskh Arabic}" in tex
    own = 'latex_engine = "lualatex"\nlatex_elements = {"fontpkg": r"\\setmainfont{Amiri}"}\n'
    src = make(tmp_path / "own", case.page, case.refs, conf=own)
    latex = run_sphinx(src, "latex", tmp_path / "own" / "latex")
    assert latex.warnings == ""  # the fonts are the author's: nothing to say of them
    tex = latex.read("scripts.tex")
    assert r"\setmainfont{Amiri}" in tex and "babelfont" not in tex
    assert "foreignlanguage" not in tex


def test_conf_py_says_the_language_of_a_script(tmp_path: Path) -> None:
    case = CASES["zh"]
    src = make(tmp_path, case.page, case.refs, conf='brief_script_languages = {"Hani": "ja"}\n')
    html = run_sphinx(src, "html", tmp_path / "html")
    assert ("王小明", "ja", None) in marked(html.read("index.html"))
    tex = run_sphinx(src, "latex", tmp_path / "latex").read("scripts.tex")
    assert r"\foreignlanguage{japanese}{王小明}" in tex


def test_timeline_strings_mark_runs_as_the_nodes_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES["ar"]
    src = make(tmp_path, case.page, case.refs)
    pages = {}
    for strings in (False, True):
        with monkeypatch.context() as patch:
            patch.setattr(timeline, "HTML_STRINGS", strings)
            pages[strings] = run_sphinx(src, "html", tmp_path / str(strings)).read("index.html")
    assert pages[True] == pages[False]
    entry = BeautifulSoup(pages[True], "lxml").select_one("ol.brief-timeline li")
    assert entry is not None
    assert entry.select('bdi[dir="rtl"][lang="ar"]')[0].get_text() == "طهران"


# -- runs ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party (حزب الله) said", [("حزب الله", "Arab", "ar")]),
        ("[Editor’s note: the word is حزب]", [("حزب", "Arab", "ar")]),
        (
            "وكالة الأنباء, “العلاقات بين إيران,” الأهرام, 2016.",
            [
                ("وكالة الأنباء", "Arab", "ar"),
                ("العلاقات بين إيران", "Arab", "ar"),
                ("الأهرام", "Arab", "ar"),
            ],
        ),
        ("in the year عام 1979 م.", [("عام 1979 م", "Arab", "ar")]),
        ("روابط ایران و کره\u200cی شمالی", [("روابط ایران و کره\u200cی شمالی", "Arab", "fa")]),
        ('צה"ל said', [('צה"ל', "Hebr", "he")]),
        ("Иван Иванов, “Россия”", [("Иван Иванов", "Cyrl", "ru"), ("Россия", "Cyrl", "ru")]),
        ("Київ", [("Київ", "Cyrl", "uk")]),
        (
            "山田太郎, “北朝鮮とイラン,” 朝日新聞",
            [
                ("山田太郎", "Hani", "ja"),
                ("北朝鮮とイラン", "Jpan", "ja"),
                ("朝日新聞", "Hani", "ja"),
            ],
        ),
        ("人民日报", [("人民日报", "Hani", "zh")]),
        ("김국진", [("김국진", "Kore", "ko")]),
        ("Plain “Latin” text, café — ฿ 5", []),
    ],
)
def test_runs(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = scripts.runs(text, "en")
    assert [(text[r.start : r.end], r.script, r.language) for r in found] == expected


def test_a_paragraph_that_is_one_run_has_its_full_stop() -> None:
    """Only a whole paragraph's full stop: a comma or bracket after a run is the English
    sentence's (a note's "Author, Title")."""
    sentence = "نحن مع إيران في كل شيء."
    assert [(r.start, r.end) for r in scripts.runs(sentence, "en", whole=True)] == [(0, 23)]
    assert [(r.start, r.end) for r in scripts.runs(sentence, "en")] == [(0, 22)]
    after = scripts.runs("وكالة الأنباء, ", "en", whole=True)
    assert [(r.start, r.end) for r in after] == [(0, 13)]
    assert [(r.start, r.end) for r in scripts.runs("حزب الله)", "en", whole=True)] == [(0, 8)]


def test_no_run_in_the_brief_s_own_language() -> None:
    assert scripts.runs("Россия и Иран", "ru") == []
    assert [r.language for r in scripts.runs("Россия и Иран", "en")] == ["ru"]


JAPANESE_SOURCE = """@article{kouchi2026, author = {幸内, 康 and 仲川, 高志},
  title = {{北朝鮮とイランの関係について}}, journal = {読売新聞オンライン}, date = {2026-01-05}}"""
CHRONOLOGY_PAGE = """
# Japan

A Japanese report says so.{note}`@kouchi2026`

:::{event} 2026-01-05
:title: A Japanese report
:source: kouchi2026
:::

```{timeline}
```
"""


@pytest.mark.parametrize("fast", [True, False])
def test_han_names_beside_kana_are_japanese_in_a_chronology_too(tmp_path: Path, fast: bool) -> None:
    """A chronology's source line reads its Han characters by the kana of the whole line,
    as a note does: the authors of a Japanese newspaper are Japanese, whether the entries
    are written by the fast path or as nodes (a body makes an entry nodes)."""
    page = (
        CHRONOLOGY_PAGE
        if fast
        else CHRONOLOGY_PAGE.replace(
            ":source: kouchi2026\n:::", ":source: kouchi2026\n\nA body.\n:::"
        )
    )
    build = run_sphinx(make(tmp_path, page, JAPANESE_SOURCE), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    line = soup.select_one(".brief-timeline-sources")
    assert line is not None
    marked = {span.get_text(): span["lang"] for span in line.select("[lang]")}
    assert marked.get("幸内") == "ja" and marked.get("仲川") == "ja", marked  # short: family names
    assert set(marked.values()) == {"ja"}, marked
    note = soup.select_one("aside.footnote-list, .footnote-list, section.footnotes")
    assert note is not None and {s["lang"] for s in note.select("[lang]")} == {"ja"}


def test_the_index_heads_hangul_entries_by_their_letter(tmp_path: Path) -> None:
    """ "ㅈ", as readers (and the PDF's index) know the letter, not the conjoining jamo of
    the syllable's decomposition ("ᄌ", U+110C)."""
    page = "# Korea\n\nThe exercise {index}`자유의 방패` and {index}`Alpha`.\n"
    build = run_sphinx(make(tmp_path, page, CASES["ko"].refs), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("genindex.html"), "lxml")
    heads = [h.get_text(strip=True) for h in soup.select("section.genindex-section h2")]
    assert "ㅈ" in heads and "\u110c" not in heads, heads
    jump = [a["href"] for a in soup.select(".genindex-jumpbox a")]
    assert "#ㅈ" in jump and soup.find(id="ㅈ") is not None
    assert "자유의 방패" in soup.find(id="ㅈ").get_text()
    # a split index names its letters' pages by Sphinx's keys: left as Sphinx made them
    split = run_sphinx(
        make(tmp_path / "split", page, CASES["ko"].refs),
        "html",
        tmp_path / "split" / "o",
        confoverrides={"html_split_index": True},
    )
    assert split.warnings == "", split.warnings
    index = BeautifulSoup(split.read("genindex.html"), "lxml")
    for link in index.select("a[href^='genindex-']"):
        assert (split.outdir / unquote(link["href"].split("#")[0])).exists(), link["href"]


def test_han_in_an_italic_event_title_is_read_by_the_titles_kana(tmp_path: Path) -> None:
    """The fast path writes an event's title run by run (its emphasis): each run's Han
    characters read by the kana of the whole title, as the nodes' writer reads them."""
    page = CHRONOLOGY_PAGE.replace(":title: A Japanese report", ":title: 報道 *東京新聞* について")
    build = run_sphinx(make(tmp_path, page, JAPANESE_SOURCE), "html", tmp_path / "o")
    assert build.warnings == "", build.warnings
    title = BeautifulSoup(build.read("index.html"), "lxml").select_one(".brief-timeline-title")
    assert title is not None and title.select_one("em") is not None
    assert {span["lang"] for span in title.select("[lang]")} == {"ja"}, title

"""A fuzz test (issue 24, item 7): random and hostile text, from a seeded generator, in every
option of the quote, event and timeline directives, in their bodies, in the text around
them, in ``{note}`` roles and in every field of the bib entries, built in html, epub and
latex.  Whatever the text:

- no traceback, and the build finishes;
- no active markup in any output (no ``<script>`` or ``on…`` attribute but the theme's
  own, no ``javascript:`` or other address of no web as a link target, no ``\\input`` or
  ``\\write`` that TeX would run);
- no file written outside the output and doctree folders;
- every warning names where it comes from (a file and line, or a bib entry's file).

The seeds are fixed, so a failure comes back the same way; ``test_injection.py`` holds the
fixed payloads, this test the combinations nobody wrote by hand.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

#: Pieces hostile text is made of: markup of every format, separators of every syntax the
#: brief reads (MyST, EDTF, the note syntax, BibTeX), scripts and invisible characters.
PIECES = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<b>", "&amp;", "&#x3c;",
    r"\input{/etc/passwd}", r"\write18{ls}", r"\def\x{}", r"\href{javascript:alert(1)}{x}",
    "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://x.org", "https://ok.org/a_b",
    "%", "$", "#", "_", "~", "^", "&", "\\", "{", "}", "[", "]", "(", ")", "`", "*", "|", ":", ";",
    "@", "@k0", "@nosuch", "{note}", ":::", "---", "..", "/", "?", "2009", "2009-13", "1993~",
    "199X", "../2001", "’", "“", "«", "—", "ا", "مرحبا", "한국", "中文", "Ж", "\u202e", "\u200b",
    "\u00ad", "\x07", "\ufffd", "😀", " ", "  ", "\t",
]  # fmt: skip

SEEDS = tuple(range(1, 9))
OPTIONS = {
    "quote": (
        "speaker",
        "role",
        "date",
        "source",
        "speaker-sort",
        "speaker-type",
        "display",
        "unsourced",
    ),
    "event": ("title", "place", "tags", "source", "date-note", "unsourced"),
    "timeline": ("tags", "from", "until", "within", "overview"),
}
BIB_FIELDS = ("author", "journal", "publisher", "note", "url", "urldate", "date",
              "shorttitle", "archiveurl", "howpublished", "institution", "number")  # fmt: skip
ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "#")


def noise(rng: random.Random, pieces: int = 4) -> str:
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, pieces)))
    return text.replace("\n", " ")


def option_line(rng: random.Random, name: str) -> str:
    value = noise(rng)
    if rng.random() < 0.5:  # quoted as MyST says (every character literal), or bare
        value = "'" + value.replace("'", "''") + "'"
    return f":{name}: {value}"


def project(root: Path, seed: int) -> Path:
    rng = random.Random(seed)
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Fuzz"\nauthor = "Tester"\nextensions = ["sphinx_brief"]\n'
        'bibtex_bibfiles = ["refs.bib"]\nbrief_tags = {"arms": "Arms"}\n'
        'latex_documents = [("index", "fuzz.tex", "Fuzz", "Tester", "howto")]\n',
        encoding="utf-8",
    )
    entries = []
    for number in range(4):
        fields = ",\n".join(
            f"  {name} = {{{noise(rng).replace('{', '').replace('}', '')}}}"
            for name in rng.sample(BIB_FIELDS, 6)
        )
        entries.append(f"@misc{{k{number},\n  title = {{Title {number}}},\n{fields}\n}}\n")
    (src / "refs.bib").write_text("\n".join(entries), encoding="utf-8")
    blocks = ["# Fuzz", f"{noise(rng, 8)} text.{{note}}`@k0, {noise(rng)}`"]
    for _ in range(3):
        for kind, names in OPTIONS.items():
            lines = [f":::{{{kind}}}" + (f" {noise(rng, 2)}" if kind == "event" else "")]
            lines += [option_line(rng, name) for name in rng.sample(names, 3)]
            if kind != "timeline":
                lines.append(f":source: k{rng.randint(0, 3)}")
            body = f"{noise(rng, 6)} words {noise(rng)}."
            lines += ["", body, ":::"]
            blocks.append("\n".join(lines))
        blocks.append(f"{noise(rng, 6)} said.{{note}}`{noise(rng, 2)} @k{rng.randint(0, 3)}`")
        blocks.append(f"{noise(rng, 5)}[^n{len(blocks)}]\n\n[^n{len(blocks)}]: {noise(rng, 5)}")
    blocks.append("```{bibliography}\n:all:\n```")
    (src / "index.md").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return src


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Build]:
    root = tmp_path_factory.mktemp(f"fuzz{request.param}")
    src = project(root, request.param)
    before = _files(root)
    builds = {b: run_sphinx(src, b, root / b) for b in ("html", "epub", "latex")}
    written = _files(root) - before
    outside = [p for p in written if not any(p.is_relative_to(root / b) for b in builds)]
    assert outside == [], outside
    return builds


@pytest.mark.parametrize("builder", ["html", "epub", "latex"])
def test_no_traceback_and_every_warning_located(fuzzed: dict[str, Build], builder: str) -> None:
    build = fuzzed[builder]
    said = build.status + build.warnings
    assert "Traceback" not in said and "Exception occurred" not in said, said[-3000:]
    assert "build succeeded" in build.status or "build finished" in build.status
    records = [r for r in re.split(r"\n(?=\S)", build.warnings.strip()) if "WARNING" in r]
    # located by Sphinx's prefix, or (sphinxcontrib-bibtex's own, left as it makes them) by
    # the bib file its message names
    unlocated = [
        r
        for r in records
        if not re.match(r"\S+\.(md|bib|py|rst)(:\d+)?: ", r) and str(build.srcdir) not in r
    ]
    assert unlocated == [], unlocated


def test_no_active_markup_or_link_of_no_web_in_the_website(fuzzed: dict[str, Build]) -> None:
    build = fuzzed["html"]
    for page in build.outdir.glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            kind = script.get("type", "")
            src = str(script.get("src", ""))
            assert (
                kind == "application/ld+json"
                or src.startswith("_static/")
                or (not script.get_text().strip() or "alert" not in script.get_text())
            ), (page.name, str(script)[:200])
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert handlers == [], (page.name, str(element)[:200])
            if element.name == "img":
                assert element.get("src") != "x", (page.name, str(element)[:200])
        for link in soup.find_all("a", href=True):
            href = str(link["href"])
            internal = not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href)
            assert internal or href.lower().startswith(ALLOWED_SCHEMES), (page.name, href)


def test_no_tex_command_from_the_input(fuzzed: dict[str, Build]) -> None:
    (tex,) = fuzzed["latex"].outdir.glob("fuzz.tex")
    text = tex.read_text(encoding="utf-8")
    for command in (r"\input{/etc/passwd}", r"\write18", r"\def\x", r"\href{javascript:"):
        assert command not in text
    linked = re.findall(r"\\(?:sphinxurl|url|href)\{([^}]*)\}", text)
    assert all(u.lower().startswith(ALLOWED_SCHEMES) for u in linked), linked


def test_what_the_fuzz_found_stays_fixed(tmp_path: Path) -> None:
    """A colon fence named with TeX (MyST makes it a container of that class, which Sphinx's
    LaTeX writer set unescaped), and a bib field that ends in a lone backslash (latexcodec
    raised UnicodeDecodeError: a traceback)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "Found"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'latex_documents = [("index", "found.tex", "Found", "A", "howto")]\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(
        "@misc{k, title = {T}, howpublished = {Share C:\\}, date = {2010}}\n", encoding="utf-8"
    )
    (src / "index.md").write_text(
        "# Found\n\nCited.{note}`@k`\n\n:::\\input{/etc/passwd}\nInside.\n:::\n", encoding="utf-8"
    )
    latex = run_sphinx(src, "latex", tmp_path / "latex")
    assert "Traceback" not in latex.status + latex.warnings
    tex = latex.read("found.tex")
    assert r"\input{/etc/passwd}" not in tex
    assert r"\begin{sphinxuseclass}{input-etc-passwd}" in tex
    assert "Share C:" in tex and "Inside." in tex

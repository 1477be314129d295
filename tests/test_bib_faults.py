"""Faults of refs.bib that the build reports itself (issue 21, item 5), each a warning at the
bib file's line that names the entry, and nothing else lost:

- control characters (C0 but tab and line feed, DEL, C1) and bidirectional overrides and
  isolates (U+202A–U+202E, U+2066–U+2069) in any field or name: left out of every output,
  so that the PDF compiles and epubcheck passes;
- a ``crossref`` loop (A → B → A) or a ``crossref`` to a key no bib file has.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .validators import run_epubcheck

CONF = """\
project = "Faults"
author = "Editor"
language = "en"
extensions = ["sphinx_brief"]
brief_date = "2010-07-01"
"""

#: One entry with every kind of character, one a line (the lines are checked).
DIRTY = (
    "@article{dirty2009,\n"  # line 7
    "  author  = {Hall\x01, Kevin},\n"  # 8: C0 in a name
    "  title   = {{Sanctions \x1b[31mBite \u202eevil\u202c in Tehran}},\n"  # 9: C0, overrides
    "  journal = {The\x7f Times\x9b},\n"  # 10: DEL, C1
    "  note    = {an \u2066isolate\u2069},\n"  # 11: isolates
    "  url     = {https://example.org/a\x08b},\n"  # 12
    "  urldate = {2010-07-01},\n"
    "  date    = {2009-06-15},\n"
    "}\n"
)
CLEAN = "@article{clean2010,\n  title = {{Clean}},\n  journal = {Wire},\n  date = {2010},\n}\n"
BIB = CLEAN + "\n" + DIRTY
LINES = {
    8: "U+0001",
    9: "U+001B, U+202C, U+202E",
    10: "U+007F, U+009B",
    11: "U+2066, U+2069",
    12: "U+0008",
}
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

INDEX = """\
# Brief

A claim.{note}`@dirty2009` Another.{note}`@clean2010` Again.{note}`@dirty2009, 4`

:::{quote}
:speaker: Kevin Hall
:source: dirty2009

Words.
:::

:::{event} 2009-06
:title: Something happens
:source: dirty2009
:::

```{toctree}
chron
who
sources
```
"""
PAGES = {
    "index": INDEX,
    "chron": "# Chronology\n\n:::{timeline}\n:::\n",
    "who": "# Who said what\n\n:::{quotations}\n:::\n",
    "sources": "# Sources\n\n```{bibliography}\n:all:\n```\n\n```{bibliography}\n:list: bullet\n"
    ":all:\n:keyprefix: b-\n```\n",
}


def make_project(root: Path, bib: str, pages: dict[str, str] = PAGES) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(bib, encoding="utf-8")
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("dirty")
    src = make_project(root, BIB)
    return {
        builder: run_sphinx(src, builder, root / builder) for builder in ("html", "latex", "epub")
    }


def _records(build: Build) -> list[str]:
    return [r for r in re.split(r"\n(?=\S)", build.warnings.strip()) if r]


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_each_line_with_control_characters_is_warned_naming_the_entry(
    dirty: dict[str, Build], builder: str
) -> None:
    build = dirty[builder]
    bib = build.srcdir / "refs.bib"
    found = _records(build)
    expected = [
        f"{bib}:{line}: WARNING: bib entry 'dirty2009' holds control characters or "
        f"bidirectional overrides ({chars}); they are left out of every output "
        "[brief.control-character]"
        for line, chars in LINES.items()
    ]
    assert found == expected


def _outputs(build: Build) -> dict[str, str]:
    if build.app.builder.name == "epub":
        (epub,) = build.outdir.glob("*.epub")
        with zipfile.ZipFile(epub) as archive:
            return {
                name: archive.read(name).decode("utf-8")
                for name in archive.namelist()
                if name.endswith((".xhtml", ".opf", ".ncx"))
            }
    suffixes = {"html": (".html", ".js", ".json"), "latex": (".tex",)}[build.app.builder.name]
    return {
        str(path): path.read_text(encoding="utf-8")
        for path in build.outdir.rglob("*")
        if path.suffix in suffixes
    }


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_no_output_holds_them_and_the_rest_is_kept(dirty: dict[str, Build], builder: str) -> None:
    outputs = _outputs(dirty[builder])
    assert outputs
    for name, text in outputs.items():
        assert not UNSAFE.search(text), (name, UNSAFE.findall(text))
    everything = "\n".join(outputs.values())
    # the entry is there, without the characters
    assert "evil" in everything and "Tehran" in everything and "isolate" in everything
    assert "https://example.org/ab" in everything


@pytest.mark.slow
def test_the_pdf_compiles_and_holds_the_entry(dirty: dict[str, Build]) -> None:
    pdf = compile_pdf(dirty["latex"].outdir)
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext ends each page with a form feed
    assert "Tehran" in text and not UNSAFE.search(text.replace("\f", ""))


@pytest.mark.slow
def test_epubcheck_passes(dirty: dict[str, Build]) -> None:
    (epub,) = dirty["epub"].outdir.glob("*.epub")
    assert [str(f) for f in run_epubcheck(epub)] == []


# -- crossref ----------------------------------------------------------------------------------

CROSSREF = """\
@inproceedings{loopa,
  title    = {{Loop A}},
  crossref = {loopb},
}
@proceedings{loopb,
  title    = {{Loop B}},
  crossref = {loopa},
}
@inproceedings{lost,
  title    = {{Lost}},
  date     = {2001},
  crossref = {nowhere},
}
@inproceedings{child,
  title    = {{Child}},
  crossref = {Parent},
}
@proceedings{parent,
  title = {{Parent}},
  date  = {2002},
}
@article{self,
  title    = {{Self}},
  crossref = {self},
}
"""

CROSSREF_INDEX = (
    "# Brief\n\nA.{note}`@loopa` B.{note}`@lost` C.{note}`@child` D.{note}`@self`"
    " E.{note}`@loopb` F.{note}`@parent`\n"
)


def test_crossref_loops_and_missing_targets_are_warned(tmp_path: Path) -> None:
    src = make_project(tmp_path, CROSSREF, {"index": CROSSREF_INDEX})
    build = run_sphinx(src, "html", tmp_path / "out")
    bib = src / "refs.bib"
    assert _records(build) == [
        f"{bib}:1: WARNING: bib entry 'loopa': crossref loop loopa → loopb → loopa; each "
        "entry is shown with its own fields only [brief.bibtex]",
        f"{bib}:9: WARNING: bib entry 'lost': its crossref 'nowhere' is no entry of the bib "
        "files; it is shown with its own fields only [brief.bibtex]",
        f"{bib}:22: WARNING: bib entry 'self': crossref loop self → self; each entry is "
        "shown with its own fields only [brief.bibtex]",
    ]
    # the notes are still made, from each entry's own fields
    html = build.read("index.html")
    for title in ("Loop A", "Loop B", "Lost", "Child", "Self", "Parent"):
        assert f"{title}" in html, title

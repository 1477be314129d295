"""The brief's PDF as PDF readers and assistive technology see it (issue 13, item 2).

Title, Author, Subject and Keywords in the document information, the language in the
catalog (/Lang), a bookmark for every section, the brief's own date and not the build's.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from .conftest import DOCS, Build, require_tool
from .pdftools import pdf_info, pdf_languages, section_titles
from .test_formats import bookmarks

pytestmark = pytest.mark.slow


def conf_values() -> dict[str, object]:
    conf: dict[str, object] = {}
    exec((DOCS / "conf.py").read_text(encoding="utf-8"), conf)
    return conf


def test_pdf_document_information_and_language(brief_pdf: Path) -> None:
    require_tool("pdfinfo")
    conf = conf_values()
    info = pdf_info(brief_pdf)
    assert info["Title"] == conf["project"]
    assert info["Author"] == conf["author"]
    assert info["Subject"] == " ".join(str(conf["brief_description"]).split())
    tags = conf["brief_tags"]
    assert isinstance(tags, dict)
    assert info["Keywords"] == ", ".join(tags.values())
    assert pdf_languages(brief_pdf) == [conf["language"]]


def test_every_section_is_a_bookmark(brief_pdf: Path, brief_latex: Build) -> None:
    tex = (brief_latex.outdir / brief_pdf.with_suffix(".tex").name).read_text(encoding="utf-8")
    sections = section_titles(tex)
    outline = bookmarks(brief_pdf.with_suffix(".out")).splitlines()
    assert len(sections) > 3
    for title in sections:  # every section, subsections too (and the index, if any)
        assert title.replace("\\sphinxhyphen{}", "-") in outline, title


def test_the_brief_s_date_not_the_build_date(brief_pdf: Path) -> None:
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(brief_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "July 1, 2010" in text.split("Reaction to June 2009")[0]  # in the title block
    today = dt.date.today()
    for build_date in (today.strftime("%B %-d, %Y"), today.strftime("%b %d, %Y")):
        assert build_date not in text

"""Every output passes the checker its readers' tools trust.

* the ePub: Ace by DAISY (EPUB Accessibility 1.1, WCAG 2.1 AA through axe-core), no
  violation of any impact (epubcheck: tests/test_formats.py);
* every page of the website: the Nu Html Checker (vnu.jar), no error; epubcheck and axe
  are run on every output elsewhere (tests/test_formats.py, tests/test_accessibility.py).

Each checker is also shown to catch the mistake it is trusted for, on a copy of the output
spoiled on purpose, so that a silent checker cannot pass these tests.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .conftest import Build
from .validators import run_ace, run_axe, run_epubcheck, run_vnu


def site_pages(site: Path) -> list[Path]:
    return sorted(
        page
        for page in site.rglob("*.html")
        if "_static" not in page.parts and "_sources" not in page.parts
    )


def the_epub(build: Build) -> Path:
    (epub,) = build.outdir.glob("*.epub")
    return epub


def report(findings: list[object]) -> str:
    return "\n".join(map(str, findings))


def test_ace_finds_no_violation_in_the_epub(brief_epub: Build) -> None:
    violations = run_ace(the_epub(brief_epub))
    print("\n".join(["Ace by DAISY:", *map(str, violations)] if violations else ["Ace: 0"]))
    assert not violations, report(violations)


def test_vnu_finds_no_error_on_any_page(brief_html: Build) -> None:
    pages = site_pages(brief_html.outdir)
    assert {p.name for p in pages} >= {"index.html", "chronology.html", "sources.html"}
    errors = run_vnu(pages)
    assert not errors, report(errors)


def spoil(epub: Path, target: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of ``epub`` with ``edits`` (member: (pattern, replacement)) applied."""
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in edits:
                pattern, replacement = edits[info.filename]
                text, count = re.subn(pattern, replacement, data.decode("utf-8"))
                assert count, (info.filename, pattern)
                data = text.encode("utf-8")
            copy.writestr(info, data)
    return target


def test_ace_catches_what_it_is_trusted_for(brief_epub: Build, tmp_path: Path) -> None:
    spoiled = spoil(
        the_epub(brief_epub),
        tmp_path / "spoiled.epub",
        {
            "content.opf": (r'\s*<meta property="schema:accessMode">[^<]*</meta>', ""),
            "sources.xhtml": (r'(<html\b[^>]*?) lang="[^"]*" xml:lang="[^"]*"', r"\1"),
        },
    )
    rules = {(f.location, f.rule) for f in run_ace(spoiled)}
    assert ("content.opf", "metadata-accessmode") in rules, rules
    assert ("sources.xhtml", "html-has-lang") in rules, rules


def test_vnu_catches_an_invalid_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two</p><span><div>block</div></span></body></html>',
        encoding="utf-8",
    )
    errors = run_vnu([page])
    messages = " ".join(e.message for e in errors)
    assert "Duplicate ID" in messages, report(errors)
    assert all(e.location.endswith(f"{page.name}:1") for e in errors), report(errors)


def test_epubcheck_catches_a_broken_epub(brief_epub: Build, tmp_path: Path) -> None:
    """A page that is not well-formed XHTML, and a manifest naming a file that is not there."""
    spoiled = spoil(
        the_epub(brief_epub),
        tmp_path / "spoiled.epub",
        {
            "sources.xhtml": (r"</body>", "<p>unclosed</body>"),
            "content.opf": (
                r"(<manifest>)",
                r'\1<item id="ghost" href="ghost.xhtml" media-type="application/xhtml+xml"/>',
            ),
        },
    )
    findings = run_epubcheck(spoiled)
    where = {f.location.split(":")[0] for f in findings}
    assert any(f.severity in {"ERROR", "FATAL"} for f in findings), report(findings)
    assert "EPUB/sources.xhtml" in where or "sources.xhtml" in where, report(findings)
    assert any("ghost.xhtml" in f.message for f in findings), report(findings)


def test_axe_catches_an_inaccessible_page(tmp_path: Path) -> None:
    """An image without a text alternative and a page without a language: axe says so, in
    each colour scheme and width it is run at."""
    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body><main><h1>t</h1>"
        '<img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    findings = run_axe(tmp_path, ["page.html"], schemes=("light",), viewports=("phone", "desktop"))
    rules = {(f.location, f.rule) for f in findings}
    assert ("page.html (light, phone)", "image-alt") in rules, report(findings)
    assert ("page.html (light, desktop)", "html-has-lang") in rules, report(findings)

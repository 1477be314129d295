"""What a change does to a brief: one Markdown report, fit for a pull-request comment.

Run it from a git repository that holds a brief (a Sphinx source folder whose ``conf.py``
names its bib files in ``bibtex_bibfiles``)::

    python -m tools.review --base origin/main [--out _build/review.md] [--docs docs]

``BASE`` is checked out into a temporary ``git worktree`` (removed afterwards, also when
something fails); the working tree is used as it is, uncommitted changes included.  Each
side is built with Sphinx's ``text`` and ``html`` builders into temporary folders, in
subprocesses, with ``-q`` and warnings written to a file (``-W`` is dropped: the review
compares warnings, it never fails on them).  Each side builds with its own extension code:
the ``ext`` folder of that side, when there is one, comes first on ``PYTHONPATH``.

Each side also runs its probe (``probe.py``, with that side's code): bib entries and their
rendered notes, and the paragraphs of every page read from the doctrees.

The report's parts:

* **Pages**: for each changed page, a link to its pull-request preview (``--pr`` and
  ``--preview-url``), its changed paragraphs word by word (~~removed~~ **added**, in the
  sentences that hold the change; notes compared by content, so renumbering is no change),
  added and removed paragraphs, then the unified diff of the text builder's output (the
  rendered text, folded in ``<details>`` when the paragraphs are shown); added and
  removed pages are named.
* **Sources**: bib entries added, removed or changed, by key, with the rendered note before
  and after and each changed field.  Both sides' bib files are parsed with pybtex and
  rendered as plain text with the style each side's ``conf.py`` names in
  ``bibtex_default_style``.
* **Events** and **Quotations**: records added, removed or changed, from the HTML build's
  ``events.json`` and ``quotes.json`` (read through ``sphinx_brief.core.export``'s field
  lists), matched by identity, else by their page and the likeness of their words, and
  shown with the fields that changed.  A side without an export is said so.
* **Sourcing of the pages changed**: see :mod:`tools.review.sourcing`.
* **New warnings**: warnings of the working tree's builds that the base's builds do not
  give, compared without temporary paths and without line numbers (which shift whenever
  lines are added above), but with file names.

``--comment-out`` also writes the report as a pull-request comment, cut to GitHub's limit
(:mod:`tools.review.comment`); ``--sources-report`` writes the sourcing report of the
working tree alone (``make sources-report``).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from .bibentries import read_probe
from .comment import GITHUB_LIMIT, READTHEDOCS_PREVIEW, for_comment
from .gitrepo import ReviewError, git, repository_root, resolve_commit, worktree
from .jobs import FAILING_OPTIONS, Job, Side, _side_env, plan_jobs, run_jobs
from .records import EVENTS, QUOTES, load_records
from .render import render, sourcing_lines
from .report import Review, collect
from .sourcing import analyse


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
    preview_url: str | None = None,
    pr: str | None = None,
    data_out: Path | None = None,
) -> tuple[str, dict[str, Any]]:
    """Build both sides, write the report to ``out`` (and its data to ``data_out``), if
    given; return the report and its data."""
    docs = docs.resolve()
    root = repository_root(docs if docs.is_dir() else Path.cwd())
    try:
        relative_docs = docs.relative_to(root)
    except ValueError:
        raise ReviewError(f"{docs} is not inside the git repository {root}") from None
    if not (docs / "conf.py").is_file():
        raise ReviewError(f"{docs} has no conf.py")
    commit = resolve_commit(root, base_ref)
    head_commit = git("rev-parse", "HEAD", cwd=root)
    dirty = bool(git("status", "--porcelain", "--untracked-files=normal", "--", ".", cwd=root))
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
            data = collect(Review(base_ref, commit, head_commit, dirty, base, head, max_diff_lines))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = render(data, preview_url=preview_url, pr=pr)
    for path, text in ((out, report), (data_out, json.dumps(data, ensure_ascii=False))):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return report, data


def sources_report(
    *,
    docs: Path,
    out: Path | None,
    sphinxopts: Sequence[str] = (),
    ext: str | None = "ext",
    jobs: int = 2,
    timeout: float = 1800,
    workdir: Path | None = None,
) -> tuple[str, int]:
    """The sourcing report of the brief in ``docs`` (as it is), and its open findings."""
    docs = docs.resolve()
    if not (docs / "conf.py").is_file():
        raise ReviewError(f"{docs} has no conf.py")
    try:
        root = repository_root(docs)
    except ReviewError:
        root = docs.parent
    options = [o for o in sphinxopts if o not in FAILING_OPTIONS]
    tmp = Path(tempfile.mkdtemp(prefix="brief-sources-", dir=workdir))
    try:
        side = Side("head", "working tree", root, docs, tmp / "head")
        side.workdir.mkdir(parents=True)
        run_jobs(plan_jobs(side, options, _side_env(side, ext), ("html",)), jobs, timeout)
        probe = read_probe(side)
        lines = ["# Sourcing: what the brief states without a source", ""]
        if probe is None or "pages" not in probe:
            problems = [*(probe or {}).get("problems", []), *(probe or {}).get("page_problems", [])]
            job = side.jobs["sources"]
            raise ReviewError(
                "the brief's pages could not be read: "
                + ("; ".join(problems) or job.log_tail(10) or "the probe wrote no result")
            )
        records = {k.name: load_records(side.outdir("html"), k)[0] for k in (EVENTS, QUOTES)}
        sourcing = analyse(probe, records, None, uncited=True)
        lines += sourcing_lines(sourcing.to_data(), heading="#")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = "\n".join(lines).rstrip() + "\n"
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
    return report, sourcing.open_count


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a cancelled CI job) unwinds like Ctrl-C: the worktree is removed.
    raise SystemExit(128 + signum)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.review",
        description="Build a git ref and the working tree of a brief and write a Markdown "
        "report of what changed: rendered text per page, sources, events, "
        "quotations and new warnings.",
    )
    parser.add_argument("--base", help="the git ref to compare with (required for the review)")
    parser.add_argument(
        "--sources-report",
        action="store_true",
        help="write the sourcing report of the working tree instead (no --base); exits 1 "
        "if something is stated without a source and not explained on its page",
    )
    parser.add_argument("--pr", help="the pull request's number (for preview links)")
    parser.add_argument(
        "--preview-url",
        default=os.environ.get("REVIEW_PREVIEW_URL") or None,
        help="address of a page's pull-request preview, with {pr} and {page} (its HTML "
        f"file) or {{docname}}; Read the Docs: {READTHEDOCS_PREVIEW} "
        "(default: $REVIEW_PREVIEW_URL; no links without it or without --pr)",
    )
    parser.add_argument(
        "--comment-out",
        help="also write the report as a pull-request comment (a hidden marker first, cut "
        "to --comment-limit characters) to this file",
    )
    parser.add_argument(
        "--comment-limit",
        type=int,
        default=GITHUB_LIMIT,
        help="longest comment (default: %(default)s, GitHub's limit)",
    )
    parser.add_argument("--full-report-url", help="where a cut comment sends its reader")
    parser.add_argument(
        "--data-out",
        help="also write the review's data (JSON, what the comment job renders: "
        "tools/review/schema.py) to this file",
    )
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.sources_report and not args.base:
        parser.error("--base is required (or --sources-report)")
    previous = signal.signal(signal.SIGTERM, _terminate)
    status = 0
    try:
        out = None if args.out == "-" else Path(args.out)
        common: dict[str, Any] = {
            "docs": Path(args.docs),
            "out": out,
            "sphinxopts": shlex.split(args.sphinxopts),
            "ext": args.ext or None,
            "jobs": args.jobs,
            "timeout": args.timeout,
        }
        if args.sources_report:
            report, open_count = sources_report(**common)
            status = 1 if open_count else 0
        else:
            report, _data = review(
                base_ref=args.base,
                max_diff_lines=args.max_diff_lines,
                preview_url=args.preview_url,
                pr=args.pr,
                data_out=Path(args.data_out) if args.data_out else None,
                **common,
            )
    except ReviewError as exc:
        print(f"review: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    if args.comment_out:
        comment = for_comment(report, full_url=args.full_report_url, limit=args.comment_limit)
        Path(args.comment_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.comment_out).write_text(comment, encoding="utf-8")
    if out is None:
        sys.stdout.write(report)
    else:
        print(f"review: wrote {out}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())

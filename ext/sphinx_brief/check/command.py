"""The ``check`` command of ``sphinx-brief``: arguments, the report, the exit status.

Exit status: 0 when every check that ran found nothing (and, with ``--require-tools``,
every checker ran), 1 when a fault was found (or a checker is missing and required), 2 when
DIR is no brief.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from .builds import FORMATS
from .checker import VALIDATORS, Checker, Result
from .validators import Tools


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="build DIR in every format and check it before publishing",
        description="Build the brief in DIR (html, epub, latex, latexpdf) into a temporary "
        "folder and check what readers get: no traceback and no warning; every link "
        "resolves in every format; the same notes, in the same order, in the website, the "
        "ePub and the PDF; every printed address is its link; no control character; no "
        "character the PDF's fonts lack and no line sticking out of the page; epubcheck, "
        "Ace by DAISY, the Nu Html Checker and axe where they are installed. Each fault "
        "names its page and line or its bib entry.",
    )
    check.add_argument("directory", metavar="DIR", type=Path, nargs="?", default=Path("."))
    check.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="check only this format (repeat for several); default: all",
    )
    check.add_argument(
        "--outdir", type=Path, help="build into this folder and keep it (default: a temporary one)"
    )
    check.add_argument(
        "--skip",
        action="append",
        choices=VALIDATORS,
        default=[],
        help="do not run this checker (repeat for several)",
    )
    check.add_argument(
        "--require-tools",
        action="store_true",
        help="fail when a checker or a tool of a format is not installed (for CI)",
    )
    check.add_argument(
        "--node-modules",
        type=Path,
        action="append",
        default=[],
        help="a node_modules folder holding @daisy/ace-cli and vnu-jar",
    )
    check.add_argument("--json", type=Path, help="also write the faults as JSON to this file")


def run(args: argparse.Namespace) -> int:
    formats = [f for f in FORMATS if f in (args.formats or FORMATS)]
    if "latexpdf" in formats and "latex" not in formats:
        formats.insert(formats.index("latexpdf"), "latex")
    checkers = [c for c in VALIDATORS if c not in args.skip]
    tools = Tools.find(*args.node_modules)

    def progress(message: str) -> None:
        print(f"sphinx-brief check: {message}", file=sys.stderr, flush=True)

    try:
        with tempfile.TemporaryDirectory(prefix="sphinx-brief-check-") as scratch:
            workdir = args.outdir or Path(scratch)
            checker = Checker(args.directory, workdir, tools=tools, progress=progress)
            try:
                result = checker.run(formats, checkers=checkers)
            finally:
                checker.close()
    except FileNotFoundError as exc:
        print(f"sphinx-brief check: {exc}", file=sys.stderr)
        return 2
    report(result)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "faults": [asdict(f) for f in result.faults],
                    "ran": result.ran,
                    "missing": result.missing,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    if result.faults or (args.require_tools and result.missing):
        return 1
    return 0


#: Where the npm checkers are looked for, and how to put them there.
NPM_TOOLS = (
    "  (npm packages are looked for in --node-modules DIR, in the folders of "
    "$SPHINX_BRIEF_NODE_MODULES and in ./node_modules: `npm install @daisy/ace-cli "
    "vnu-jar` in the brief's folder installs both)"
)


def report(result: Result) -> None:
    """The faults, each once (a checker repeats a finding for every element it is on),
    then what could not run, then the verdict."""
    counts = Counter(result.faults)
    for fault, count in counts.items():
        print(f"{fault} (×{count})" if count > 1 else fault)
    for name, tool in result.missing.items():
        print(f"not checked: {name} (not installed: {tool})")
    if any("npm package" in tool for tool in result.missing.values()):
        print(NPM_TOOLS)
    count = len(result.faults)
    verdict = "no fault" if not count else f"{count} fault{'s' if count > 1 else ''}"
    print(
        f"{verdict}; {len(result.ran)} checks ran"
        + (f", {len(result.missing)} could not run" if result.missing else "")
    )

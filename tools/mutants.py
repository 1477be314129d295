"""A mutation run over sphinx_brief: do the tests fail when the code they guard is wrong?

Each mutant changes one thing on one line of a module of the package, as a slip of the pen
would (``==`` for ``!=``, ``and`` for ``or``, a ``not`` dropped, a number off by one, a
slice one longer, a call left out), in a scratch copy of the repository (a git worktree of
HEAD, so the working tree is never touched).  The tests that guard the module (the
``GUARDS`` table; never the slow ones) then run against it: the mutant is *killed* when
they fail, *survives* when they pass.  The score is the share killed.

    python tools/mutants.py                 # every guarded module, 6 mutants each
    python tools/mutants.py --per-module 10 --seed 3 citations/notes.py

Mutants are drawn at random from every candidate of a module (a fixed ``--seed`` draws the
same ones again); a mutant that does not even import is counted apart ("broken"), since a
test can only kill a mutant that runs.
"""

from __future__ import annotations

import argparse
import ast
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("ext") / "sphinx_brief"

#: Each module of the package under test, and the tests that guard it.
GUARDS: dict[str, list[str]] = {
    "citations/notes.py": [
        "tests/test_notes.py",
        "tests/test_note_kinds.py",
        "tests/test_note_nodes.py",
        "tests/test_note_places.py",
    ],
    "quotes/notes.py": ["tests/test_quote_notes.py", "tests/test_note_kinds.py"],
    "citations/syntax.py": ["tests/test_notes.py"],
    "citations/compose.py": ["tests/test_notes.py", "tests/test_citations.py"],
    "citations/short.py": ["tests/test_citations.py", "tests/test_inner_quotes.py"],
    "core/dates.py": ["tests/test_dates.py", "tests/test_open_dates_languages.py"],
    "events/collect.py": [
        "tests/test_timeline.py",
        "tests/test_timeline_filters.py",
        "tests/test_timeline_html.py",
    ],
    "quotes/collect.py": ["tests/test_quotes_collect.py"],
    "check/links.py": ["tests/test_check.py"],
    "check/notes.py": ["tests/test_check.py"],
    "check/urls.py": ["tests/test_check.py"],
    "check/texlog.py": ["tests/test_check.py"],
    "check/controls.py": ["tests/test_check.py"],
}

_COMPARE = {
    ast.Eq: "!=", ast.NotEq: "==", ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">",
    ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is",
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    before: str
    after: str
    what: str

    def __str__(self) -> str:
        change = f"{self.before.strip()!r} -> {self.after.strip()!r}"
        return f"{self.module}:{self.line}: {self.what}: {change}"


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    return lines


def candidates(module: str, source: str) -> Iterator[Mutant]:
    """Every one-line mutant of ``source``."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    skip = _docstring_lines(tree)

    def edit(line: int, start: int, end: int, text: str, what: str) -> Mutant | None:
        old = lines[line - 1]
        new = old[:start] + text + old[end:]
        return Mutant(module, line, old, new, what) if new != old else None

    for node in ast.walk(tree):
        lineno = getattr(node, "lineno", 0)
        if not lineno or lineno in skip or getattr(node, "end_lineno", lineno) != lineno:
            continue
        found: Mutant | None = None
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
            left, right = node.left, node.comparators[0]
            found = edit(
                lineno,
                left.end_col_offset or 0,
                right.col_offset,
                f" {_COMPARE[type(node.ops[0])]} ",
                "comparison flipped",
            )
        elif isinstance(node, ast.BoolOp) and len(node.values) == 2:
            a, b = node.values
            word = "or" if isinstance(node.op, ast.And) else "and"
            found = edit(lineno, a.end_col_offset or 0, b.col_offset, f" {word} ", "and/or swapped")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            found = edit(lineno, node.col_offset, node.operand.col_offset, "", "not dropped")
        elif isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value <= 10:
            found = edit(
                lineno, node.col_offset, node.end_col_offset or 0, str(node.value + 1), "number + 1"
            )
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            found = edit(lineno, node.col_offset, node.end_col_offset or 0, "pass", "call left out")
        elif (
            isinstance(node, ast.Return)
            and node.value is not None
            and not isinstance(node.value, ast.Constant)
        ):
            found = edit(
                lineno,
                node.value.col_offset,
                node.value.end_col_offset or 0,
                "None",
                "returns None",
            )
        if found is not None:
            yield found


def run(mutant: Mutant, scratch: Path, timeout: int) -> str:
    """Apply ``mutant`` in ``scratch``, run its module's guards: killed, survived, broken."""
    path = scratch / PACKAGE / mutant.module
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    lines[mutant.line - 1] = mutant.after
    path.write_text("".join(lines), encoding="utf-8")
    try:
        compiled = subprocess.run(
            [sys.executable, "-c", f"import sphinx_brief.{mutant.module[:-3].replace('/', '.')}"],
            cwd=scratch,
            env={"PYTHONPATH": str(scratch / "ext"), "PATH": "/usr/bin:/bin"},
            capture_output=True,
        )
        if compiled.returncode != 0:
            return "broken"
        tests = GUARDS[mutant.module]
        try:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-x",
                    "-q",
                    "-m",
                    "not slow",
                    "-p",
                    "no:cacheprovider",
                    *tests,
                ],
                cwd=scratch,
                env={**_env(), "PYTHONPATH": str(scratch / "ext")},
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return "killed"  # a mutant that makes the tests hang is caught too
        return "survived" if result.returncode == 0 else "killed"
    finally:
        path.write_text(original, encoding="utf-8")


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=sorted(GUARDS), metavar="MODULE")
    parser.add_argument("--per-module", type=int, default=6)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    chosen: list[Mutant] = []
    for module in args.modules:
        source = (ROOT / PACKAGE / module).read_text(encoding="utf-8")
        found = list(candidates(module, source))
        chosen += rng.sample(found, min(args.per_module, len(found)))
    scratch = Path(tempfile.mkdtemp(prefix="mutants-")) / "repo"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(scratch), "HEAD"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    for name in ("validators", "audit"):
        modules = ROOT / "tools" / name / "node_modules"
        if modules.exists():
            (scratch / "tools" / name / "node_modules").symlink_to(modules)
    outcomes: dict[str, list[Mutant]] = {"killed": [], "survived": [], "broken": []}
    try:
        for number, mutant in enumerate(chosen, 1):
            started = time.monotonic()
            outcome = run(mutant, scratch, args.timeout)
            outcomes[outcome].append(mutant)
            print(
                f"[{number}/{len(chosen)}] {outcome:8} {time.monotonic() - started:5.0f}s {mutant}",
                flush=True,
            )
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(scratch)], cwd=ROOT, capture_output=True
        )
        shutil.rmtree(scratch.parent, ignore_errors=True)
    live = len(outcomes["killed"]) + len(outcomes["survived"])
    score = len(outcomes["killed"]) / live if live else 1.0
    print(
        f"\n{len(outcomes['killed'])} killed, {len(outcomes['survived'])} survived, "
        f"{len(outcomes['broken'])} broken: score {score:.0%}"
    )
    for mutant in outcomes["survived"]:
        print(f"survived: {mutant}")
    return 0 if not outcomes["survived"] else 1


if __name__ == "__main__":
    sys.exit(main())

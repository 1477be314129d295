"""One warning code per kind of fault: every warning of the extension has a code of the
table in ``core/logs.py``, and CONTRIBUTING.md documents exactly that table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sphinx_brief.core import logs

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ext" / "sphinx_brief"


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments (codes may be named constants)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _parameters(tree: ast.Module) -> dict[ast.AST, set[str]]:
    """For every call, the parameter names of the functions that enclose it."""
    enclosing: dict[ast.AST, set[str]] = {}

    def walk(node: ast.AST, names: frozenset[str]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            names = names | {a.arg for a in every}
        if isinstance(node, ast.Call):
            enclosing[node] = set(names)
        for child in ast.iter_child_nodes(node):
            walk(child, names)

    walk(tree, frozenset())
    return enclosing


def warning_calls() -> list[tuple[str, int, str | None, str]]:
    """``(file, line, code or None if forwarded, how)`` of every warning call of the package:
    calls of ``warn``/``self.warn``/``logs.warn`` and ``logger.warning(..., type="brief")``."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        params = _parameters(tree)
        where = str(path.relative_to(ROOT))
        for node, names in params.items():
            assert isinstance(node, ast.Call)
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            code: ast.expr | None = None
            if name == "warn" and node.args:
                code = node.args[0]
            elif name == "warning":
                keywords = {k.arg: k.value for k in node.keywords}
                kind = keywords.get("type")
                if isinstance(kind, ast.Constant) and kind.value == "brief":
                    code = keywords.get("subtype")
                    assert code is not None, f"{where}:{node.lineno}: type brief without subtype"
            if code is None:
                continue
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                calls.append((where, node.lineno, code.value, name))
            elif isinstance(code, ast.Name) and code.id in constants:
                calls.append((where, node.lineno, constants[code.id], name))
            elif isinstance(code, ast.Name) and code.id in names:
                calls.append((where, node.lineno, None, name))  # a helper passing it on
            else:
                pytest.fail(f"{where}:{node.lineno}: the warning code is not a plain string")
    return calls


def test_every_warning_of_the_extension_has_a_declared_code() -> None:
    calls = warning_calls()
    codes = [code for _, _, code, _ in calls if code is not None]
    assert len(codes) > 20  # the scan finds the warnings (there are dozens)
    unknown = [(f, line, code) for f, line, code, _ in calls if code and code not in logs.CODES]
    assert not unknown, unknown
    # one way to warn: no warning of type brief made beside core/logs.py's warn()
    direct = {f for f, _, _, how in calls if how == "warning"}
    assert direct == {"ext/sphinx_brief/core/logs.py"}
    # every declared code is used (a code no warning has is a stale row of the table)
    assert set(codes) == set(logs.CODES)


def test_an_undeclared_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"brief\.no-such-fault"):
        logs.warn("no-such-fault", "never written")


def contributing_codes() -> dict[str, tuple[str, str]]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Warning codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `brief\.([\w-]+)` \| (.+?) \| (.+?) \|$", section, re.MULTILINE)
    return {code: (meaning, answer) for code, meaning, answer in rows}


def test_contributing_lists_exactly_the_codes() -> None:
    table = contributing_codes()
    assert list(table) == list(logs.CODES)
    for code, (meaning, answer) in table.items():
        assert meaning.strip() and answer.strip(), code

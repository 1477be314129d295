"""The package keeps the shape ARCHITECTURE.md describes: layers, no import cycles, short
modules, components of one shape."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from .conftest import ROOT

PACKAGE = ROOT / "ext" / "sphinx_brief"
#: The modules every component (a subpackage beside the others) is made of.
COMPONENT_SHAPE = {"__init__", "nodes", "records", "directives", "collect", "writers", "export"}
COMPONENTS = ("quotes", "events")
LONGEST = 450


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_layers_contract_of_pyproject_is_kept() -> None:
    """import-linter's contract (pyproject.toml): each layer imports only those below it."""
    exe = Path(sys.executable).parent / "lint-imports"
    command = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    result = subprocess.run(
        [*command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_no_import_cycle_anywhere_in_the_package() -> None:
    graph = grimp.build_graph("sphinx_brief", cache_dir=None)
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported == importer or not imported.startswith("sphinx_brief"):
                continue
            # A package's __init__ wires its own modules: that is not a cycle.
            if importer == "sphinx_brief" or imported.startswith(importer + "."):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycles.append(" -> ".join([importer, *back[1:]]))
    assert cycles == []


def test_a_package_init_is_imported_by_none_of_its_own_modules() -> None:
    """So moving an import to module level can never meet a partially initialised module."""
    graph = grimp.build_graph("sphinx_brief", cache_dir=None)
    offenders = [
        f"{importer} imports {package}"
        for package in sorted(graph.modules)
        if (PACKAGE.parent / package.replace(".", "/") / "__init__.py").exists()
        for importer in graph.find_modules_that_directly_import(package)
        if importer.startswith(package + ".")
    ]
    assert offenders == []


def test_modules_are_short_enough_to_read_in_one_sitting() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): count
        for path in modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}


def test_every_module_says_why_it_is_there() -> None:
    missing = [
        path.relative_to(PACKAGE).as_posix()
        for path in modules()
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_components_share_one_shape() -> None:
    for component in COMPONENTS:
        names = {path.stem for path in (PACKAGE / component).glob("*.py")}
        assert names >= COMPONENT_SHAPE, (component, COMPONENT_SHAPE - names)

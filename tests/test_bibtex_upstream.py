"""sphinxcontrib-bibtex's own test suite, run with and without ``sphinx_brief`` loaded.

A good citizen in the Sphinx process does not change what its peer does: the same upstream
tests must have the same outcomes when every one of upstream's test projects also loads
``sphinx_brief``.  The suite is sphinxcontrib-bibtex 2.7.0's, committed unchanged under
``tests/data/upstream/`` (see the README there).  It is copied twice into a temporary
folder; in the second copy each ``test/roots/*/conf.py`` gets ``sphinx_brief`` appended to
its ``extensions`` (and ``brief_raw_html = "allow"``: upstream's pages write raw LaTeX, which
a brief leaves out by its own policy); both copies are run by this interpreter in subprocesses (so the two runs
share no process state with each other or with ours), and the outcome of every test is
compared.

``sphinx_brief`` loads sphinxcontrib-bibtex, so the projects of the suite that do not use
sphinxcontrib-bibtex become its projects in the second copy.  Two differences are accepted
there, each only as the error that says why:

- a project that brings its own ``cite`` domain (upstream's ``natbib`` example) cannot load
  sphinxcontrib-bibtex, which registers a domain of that name: Sphinx's ``ExtensionError``
  about the ``cite`` domain;
- a project that neither loads sphinxcontrib-bibtex nor sets ``bibtex_bibfiles`` (plain
  docutils citations) now meets sphinxcontrib-bibtex's own refusal to start without
  ``bibtex_bibfiles``, in its words (hiding that error would change what it does where it is
  loaded on purpose: ``test_bibfiles_missing_conf``).

Projects are told apart by reading each project's ``conf.py`` and the extension modules of the
suite it names, not by a list of test names.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import DATA

UPSTREAM = DATA / "upstream" / "sphinxcontrib-bibtex-2.7.0"
EXTENSION = "sphinx_brief"
PEER = "sphinxcontrib.bibtex"
OWN_DOMAIN = "cite"  # the domain sphinxcontrib-bibtex registers

# Loaded into upstream's pytest run (``-p``): for every test, its outcome, the failure text,
# and the test project (``testroot``) that the ``sphinx`` marker asks sphinx.testing for.
RECORDER = '''\
"""Records each test's outcome and test project as JSON (for tests/test_bibtex_upstream.py)."""

import json
import os

RESULTS = {}


def _record(nodeid):
    return RESULTS.setdefault(nodeid, {"outcome": "passed", "text": "", "testroot": None})


def pytest_runtest_setup(item):
    for marker in item.iter_markers("sphinx"):
        if "testroot" in marker.kwargs:
            _record(item.nodeid)["testroot"] = marker.kwargs["testroot"]
            return
    _record(item.nodeid)["testroot"] = "root"  # sphinx.testing's default


def pytest_runtest_logreport(report):
    record = _record(report.nodeid)
    if record["outcome"] != "passed":
        return  # the first phase that did not pass says what happened
    if hasattr(report, "wasxfail"):
        outcome = "xfailed" if report.skipped else "xpassed"
    elif report.failed:
        outcome = "failed" if report.when == "call" else "error"
    elif report.skipped:
        outcome = "skipped"
    else:
        return
    record["outcome"] = outcome
    record["text"] = report.longreprtext


def pytest_collectreport(report):
    if report.failed:
        record = _record(report.nodeid)
        record["outcome"] = "error"
        record["text"] = report.longreprtext


def pytest_sessionfinish(session):
    with open(os.environ["BRIEF_UPSTREAM_RESULTS"], "w", encoding="utf-8") as out:
        json.dump(RESULTS, out, indent=1, sort_keys=True)
'''


@dataclass(frozen=True)
class Outcome:
    outcome: str
    text: str
    testroot: str | None


def add_extension(conf: Path) -> None:
    """Append ``sphinx_brief`` to the extensions of the project configured by ``conf``.

    Raw markup is published as written (``brief_raw_html = "allow"``): leaving it out is
    the brief's own policy on its pages (tests/test_raw_html.py), not a change of what
    sphinxcontrib-bibtex does, and upstream's LaTeX projects write raw LaTeX.
    """
    with conf.open("a", encoding="utf-8") as out:
        out.write(f'\nextensions = [*globals().get("extensions", []), "{EXTENSION}"]\n')
        out.write('brief_raw_html = "allow"\n')


def copy_suite(dest: Path, *, with_extension: bool) -> Path:
    shutil.copytree(UPSTREAM, dest, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "brief_recorder.py").write_text(RECORDER, encoding="utf-8")
    if with_extension:
        confs = sorted((dest / "test" / "roots").glob("*/conf.py"))
        assert confs, "no test projects found in upstream's suite"
        for conf in confs:
            add_extension(conf)
    return dest


def start(suite: Path) -> subprocess.Popen[str]:
    # Our own run's pytest options (PYTEST_ADDOPTS, ...) are not upstream's.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["BRIEF_UPSTREAM_RESULTS"] = str(suite / "results.json")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "brief_recorder",
            "-q",
            "--basetemp",
            str(suite.parent / f"{suite.name}-tmp"),
        ],
        cwd=suite,  # upstream's pytest.ini; ``python -m`` puts it on sys.path for ``test.*``
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str], suite: Path) -> dict[str, Outcome]:
    try:
        output, _ = process.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"upstream's suite did not finish in {suite.name}:\n{output[-4000:]}")
    results = suite / "results.json"
    assert results.is_file(), f"upstream's suite wrote no results in {suite.name}:\n{output}"
    raw = json.loads(results.read_text(encoding="utf-8"))
    return {nodeid: Outcome(**fields) for nodeid, fields in raw.items()}


def module_source(name: str, search: list[Path]) -> Path | None:
    """The file of extension module ``name`` if it lies in one of ``search`` (not installed)."""
    parts = name.split(".")
    for folder in search:
        for candidate in (
            folder.joinpath(*parts).with_suffix(".py"),
            folder.joinpath(*parts, "__init__.py"),
        ):
            if candidate.is_file():
                return candidate
    return None


def class_constant(cls: ast.ClassDef, attribute: str) -> object:
    """The constant a class body assigns to ``attribute`` (None if it assigns none)."""
    for statement in cls.body:
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == attribute for t in targets) and isinstance(
            statement.value, ast.Constant
        ):
            return statement.value.value
    return None


def registers_domain(tree: ast.Module, domain: str) -> bool:
    """Does the module define a class with ``name = domain`` and pass it to ``add_domain``?"""
    named = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and class_constant(node, "name") == domain
    }
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_domain"
        and bool(node.args)
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id in named
        for node in ast.walk(tree)
    )


def assigned(tree: ast.Module, name: str) -> list[ast.expr]:
    """The values a configuration file assigns to ``name`` at its top level, in order."""
    return [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]


def configured_extensions(tree: ast.Module) -> list[str]:
    values = [v for v in assigned(tree, "extensions") if isinstance(v, ast.List | ast.Tuple)]
    if not values:
        return []
    return [
        element.value
        for element in values[-1].elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    ]


@dataclass(frozen=True)
class Project:
    """What a test project's configuration says, read without running it."""

    own_cite_domain: bool  # its conf.py, or an extension of the suite it loads, adds one
    uses_peer: bool  # it loads sphinxcontrib-bibtex or configures its bib files


def read_projects(suite: Path) -> dict[str, Project]:
    """Each test project of the suite, by the name a test gives as ``testroot``."""
    found = {}
    for conf in sorted((suite / "test" / "roots").glob("*/conf.py")):
        tree = ast.parse(conf.read_text(encoding="utf-8"), filename=str(conf))
        extensions = configured_extensions(tree)
        modules = [tree]
        for name in extensions:
            source = module_source(name, [conf.parent, suite])
            if source is not None:
                modules.append(ast.parse(source.read_text(encoding="utf-8"), str(source)))
        found[conf.parent.name.removeprefix("test-")] = Project(
            own_cite_domain=any(registers_domain(module, OWN_DOMAIN) for module in modules),
            uses_peer=PEER in extensions or bool(assigned(tree, "bibtex_bibfiles")),
        )
    return found


def accepted_because(project: Project | None, after: Outcome) -> str | None:
    """Why this test's new outcome is accepted (None: it is not)."""
    if project is None or "ExtensionError" not in after.text:
        return None
    if project.own_cite_domain and OWN_DOMAIN in after.text:
        return "the project brings its own cite domain"
    if not project.uses_peer and "bibtex_bibfiles" in after.text:
        return "the project does not use sphinxcontrib-bibtex and sets no bibtex_bibfiles"
    return None


def describe(nodeid: str, before: Outcome | None, after: Outcome | None) -> str:
    was = before.outcome if before else "not run"
    now = after.outcome if after else "not run"
    text = (after.text if after and after.text else before.text if before else "").strip()
    if len(text) > 1500:
        text = "…\n" + text[-1500:]
    return f"{nodeid}: {was} without {EXTENSION}, {now} with it\n{text}\n"


@pytest.mark.slow
def test_upstream_outcomes_unchanged_by_the_extension(tmp_path: Path) -> None:
    plain = copy_suite(tmp_path / "plain", with_extension=False)
    extended = copy_suite(tmp_path / "with-brief", with_extension=True)
    processes = [(start(plain), plain), (start(extended), extended)]
    before, after = (finish(process, suite) for process, suite in processes)

    # The baseline is upstream's suite working as upstream meant it.
    assert sum(o.outcome == "passed" for o in before.values()) > len(before) / 2, before
    projects = read_projects(plain)
    assert any(p.own_cite_domain for p in projects.values()), "no own cite domain found"
    assert any(p.uses_peer for p in projects.values()), "no sphinxcontrib-bibtex project found"

    def outcome(results: dict[str, Outcome], nodeid: str) -> str:
        return results[nodeid].outcome if nodeid in results else "not run"

    changed = sorted(
        nodeid
        for nodeid in before.keys() | after.keys()
        if outcome(before, nodeid) != outcome(after, nodeid)
    )
    differing = [
        nodeid
        for nodeid in changed
        if nodeid not in before
        or nodeid not in after
        or accepted_because(projects.get(before[nodeid].testroot or ""), after[nodeid]) is None
    ]
    assert not differing, (
        f"{len(differing)} outcome(s) of sphinxcontrib-bibtex's own suite change when its "
        f"test projects load {EXTENSION}:\n\n"
        + "\n".join(describe(n, before.get(n), after.get(n)) for n in differing)
    )

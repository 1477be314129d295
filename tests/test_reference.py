"""REFERENCE.md against the code: every directive, option, role and brief_* value, defaults.

The registered directives (their ``option_spec``), roles and ``brief_*`` configuration
values are read from a Sphinx application that has loaded the extension, so a new option
or value, or a changed default, fails here until the reference says it.
"""

from __future__ import annotations

import ast
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils.parsers.rst import directives, roles
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOT

REFERENCE = ROOT / "REFERENCE.md"


def sections(text: str, level: str) -> dict[str, str]:
    """Heading → body, for the headings of one level (``"## "``, ``"### "``)."""
    parts = re.split(rf"(?m)^{re.escape(level)}(.+)$", text)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def first_cells(body: str) -> list[str]:
    """The backticked names in the first cell of each table row."""
    names = []
    for line in body.splitlines():
        match = re.match(r"\|\s*`([^`]+)`\s*\|", line)
        if match:
            names.append(match.group(1))
    return names


def name_of(heading: str) -> str:
    match = re.fullmatch(r"`([^`]+)`", heading)
    assert match, f"a heading of REFERENCE.md is not a backticked name: {heading!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    src = tmp_path_factory.mktemp("reference")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n', encoding="utf-8"
    )
    (src / "index.md").write_text("# Reference\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        found_directives = {
            name: cls
            for name, cls in directives._directives.items()
            if getattr(cls, "__module__", "").startswith("sphinx_brief")
        }
        found_roles = {
            name
            for name, role in roles._roles.items()
            if type(role).__module__.startswith("sphinx_brief")
            or getattr(role, "__module__", "").startswith("sphinx_brief")
        }
        values = {
            name: option.default
            for name, option in app.config._options.items()
            if name.startswith("brief_")
        }
    finally:
        app.cleanup()
    return {"directives": found_directives, "roles": found_roles, "values": values}


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return sections(REFERENCE.read_text(encoding="utf-8"), "## ")


def test_every_directive_and_option_is_documented(
    registered: dict[str, Any], reference: dict[str, str]
) -> None:
    documented = {
        name_of(heading): body
        for heading, body in sections(reference["Directives"], "### ").items()
    }
    assert set(documented) == set(registered["directives"]), "directives of REFERENCE.md"
    assert registered["directives"], "no directive of sphinx_brief was found"
    for name, cls in registered["directives"].items():
        options = set(first_cells(documented[name]))
        assert options == set(cls.option_spec or {}), f"options of {name} in REFERENCE.md"


def test_every_role_is_documented(registered: dict[str, Any], reference: dict[str, str]) -> None:
    documented = {name_of(heading) for heading in sections(reference["Roles"], "### ")}
    assert registered["roles"] and documented == registered["roles"]


def test_every_config_value_is_documented_with_its_default(
    registered: dict[str, Any], reference: dict[str, str]
) -> None:
    rows = {}
    for line in reference["Configuration"].splitlines():
        match = re.match(r"\|\s*`(brief_[a-z_]+)`\s*\|\s*`([^`]*)`\s*\|", line)
        if match:
            rows[match.group(1)] = ast.literal_eval(match.group(2))
    assert set(rows) == set(registered["values"]), "brief_* values of REFERENCE.md"
    for name, default in registered["values"].items():
        assert not callable(default), f"{name}: document a computed default by hand"
        assert rows[name] == default and type(rows[name]) is type(default), (
            f"{name}: REFERENCE.md says {rows[name]!r}, the code {default!r}"
        )


def test_the_reference_is_in_the_sdist_and_linked_from_the_readme() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert "REFERENCE.md" in manifest
    assert "REFERENCE.md" in Path(ROOT / "README.md").read_text(encoding="utf-8")

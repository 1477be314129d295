"""The checkers readers' tools trust, callable from any test.

* ``run_ace(epub)``: Ace by DAISY, the EPUB accessibility checker publishers use (EPUB
  Accessibility 1.1, WCAG through axe-core); every violation it reports.
* ``run_vnu(paths)``: the Nu Html Checker (vnu.jar, the W3C validator's engine); every error.
* ``run_epubcheck(epub)``: epubcheck (Debian's), every error and warning.
* ``run_axe(site, pages)``: axe-core in chromium, every rule, light and dark, phone and desktop.

They are ``sphinx-brief check``'s own (``sphinx_brief.check.validators``), run with the
tools of this repository: Ace and vnu.jar from the committed npm lockfile
``tools/validators/package-lock.json``, which ``make test`` installs with
``npm ci --ignore-scripts`` (no browser download; Ace drives Debian's chromium).  A missing
tool skips the test on a developer's machine and fails it under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from sphinx_brief.check import validators
from sphinx_brief.check.builds import MissingTool
from sphinx_brief.check.validators import Finding

from .conftest import CI, ROOT

NODE_MODULES = ROOT / "tools" / "validators" / "node_modules"
TOOLS = validators.Tools([NODE_MODULES])

__all__ = ["TOOLS", "Finding", "require", "run_ace", "run_axe", "run_epubcheck", "run_vnu"]


def require(error: MissingTool) -> None:
    """A missing tool: skip (fail under CI=true)."""
    message = f"not installed: {error} (make test installs tools/validators; .ci/run the rest)"
    if CI:
        pytest.fail(message)
    pytest.skip(message)


def run_ace(epub: Path, *, timeout: int = 600) -> list[Finding]:
    try:
        return validators.run_ace(TOOLS, epub, timeout=timeout)
    except MissingTool as missing:
        require(missing)
        raise


def run_vnu(paths: list[Path], *, timeout: int = 600) -> list[Finding]:
    try:
        return validators.run_vnu(TOOLS, paths, timeout=timeout)
    except MissingTool as missing:
        require(missing)
        raise


def run_epubcheck(epub: Path, *, timeout: int = 300) -> list[Finding]:
    try:
        return validators.run_epubcheck(TOOLS, epub, timeout=timeout)
    except MissingTool as missing:
        require(missing)
        raise


def run_axe(site: Path, pages: Sequence[str], **kwargs: Sequence[str]) -> list[Finding]:
    try:
        return validators.run_axe(TOOLS, site, pages, **kwargs)
    except MissingTool as missing:
        require(missing)
        raise

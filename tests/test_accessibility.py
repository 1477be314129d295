"""Accessibility in a real browser (axe-core, every rule) and Lighthouse on every page.

Chromium is Debian's, driven by Playwright for Python with ``executable_path`` (no browser
download); axe-core is the copy that axe-playwright-python ships. Every page is checked in
furo's light and dark schemes, at a phone and a desktop width.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import CI, ROOT, Build, require_tool

sys.path.insert(0, str(ROOT / "tools"))
import audit

VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")
# Every rule axe has (best practices, AAA and experimental ones included), none off.
ALL_RULES = "axe.getRules().map(rule => rule.ruleId)"


@pytest.fixture(scope="module")
def site(brief_html: Build) -> Iterator[tuple[str, list[str]]]:
    with audit.serve(brief_html.outdir) as base:
        yield base, audit.pages(brief_html.outdir)


def describe(violations: list[dict[str, object]]) -> str:
    lines = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [n.get("target") for n in nodes][:3]  # type: ignore[union-attr]
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} at {targets}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation(
    site: tuple[str, list[str]], browser: object, scheme: str, viewport: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base, pages = site
    context = browser.new_context(
        color_scheme=scheme,  # type: ignore[attr-defined]
        viewport=VIEWPORTS[viewport],
    )
    # furo follows the system scheme unless a choice was stored; store it explicitly too
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page = context.new_page()
    axe = Axe()
    problems = {}
    for name in pages:
        page.goto(base + name, wait_until="load")
        assert page.evaluate("document.body.dataset.theme") == scheme
        page.evaluate(axe.axe_script)
        rules = page.evaluate(ALL_RULES)
        assert len(rules) > 90
        result = axe.run(
            page,
            options={"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": rules}},
        )
        violations = result.response["violations"]
        if violations:
            problems[name] = describe(violations)
    context.close()
    assert not problems, "\n".join(f"{page}:\n{text}" for page, text in problems.items())


@pytest.fixture(scope="module")
def lighthouse_scores(site: tuple[str, list[str]]) -> dict[str, dict[str, float]]:
    chrome = require_tool("chromium", "chromium-browser")
    require_tool("node")
    if not audit.LIGHTHOUSE.exists():
        message = "Lighthouse is not installed (make test installs it: tools/audit/)"
        if CI:
            pytest.fail(message)
        pytest.skip(message)
    base, pages = site
    return {page: audit.lighthouse(base + page, chrome=chrome) for page in pages}


def test_lighthouse_accessibility_best_practices_seo_are_100(
    lighthouse_scores: dict[str, dict[str, float]],
) -> None:
    report = "\n".join(
        f"{page}: " + ", ".join(f"{c} {s[c]}" for c in audit.CATEGORIES)
        for page, s in lighthouse_scores.items()
    )
    print("\nLighthouse (desktop)\n" + report)  # performance is reported, not asserted
    for page, scores in lighthouse_scores.items():
        for category in audit.REQUIRED:
            assert scores[category] == 100, f"{page} {category}: {scores['failed']}"


def test_audit_script_lists_every_page(brief_html: Build) -> None:
    pages = audit.pages(brief_html.outdir)
    assert "index.html" in pages and "sources.html" in pages
    assert not any(p.startswith("_static") for p in pages)
    assert os.path.basename(audit.__file__) == "audit.py"
    assert Path(audit.LIGHTHOUSE).name == "index.js"

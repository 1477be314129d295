"""The checkers readers' tools trust, callable from any test.

* ``run_ace(epub)``: Ace by DAISY, the EPUB accessibility checker publishers use (EPUB
  Accessibility 1.1, WCAG through axe-core); every violation it reports.
* ``run_vnu(paths)``: the Nu Html Checker (vnu.jar, the W3C validator's engine); every error.
* ``run_epubcheck(epub)``: epubcheck (Debian's), every error and warning.

Ace and vnu.jar come from the committed npm lockfile ``tools/validators/package-lock.json``,
which ``make test`` installs with ``npm ci --ignore-scripts`` (no browser download): Ace
drives Debian's chromium through ``PUPPETEER_EXECUTABLE_PATH``.  A missing tool skips the
test on a developer's machine and fails it under ``CI=true``, like ``require_tool``.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CI, ROOT, require_file, require_tool

NODE_MODULES = ROOT / "tools" / "validators" / "node_modules"
ACE = NODE_MODULES / "@daisy" / "ace-cli" / "bin" / "ace.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
EPUBCHECK = "/usr/share/java/epubcheck.jar"


@dataclass(frozen=True)
class Finding:
    """One problem a checker reported: where, which rule, how bad, what it says."""

    location: str
    rule: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.rule} ({self.severity}): {self.message}"


def require_installed(path: Path) -> Path:
    """``path`` from ``tools/validators/node_modules``; skip if absent (fail under CI)."""
    if path.exists():
        return path
    message = f"not installed: {path.relative_to(ROOT)} (make test installs tools/validators)"
    if CI:
        pytest.fail(message)
    pytest.skip(message)


def run_ace(epub: Path, *, timeout: int = 600) -> list[Finding]:
    """Every violation Ace by DAISY reports on ``epub`` (an empty list: it passes)."""
    node = require_tool("node")
    chromium = require_tool("chromium", "chromium-browser")
    ace = require_installed(ACE)
    with tempfile.TemporaryDirectory(prefix="ace-") as scratch:
        out = Path(scratch) / "report"
        env = {
            **os.environ,
            "PUPPETEER_EXECUTABLE_PATH": chromium,
            "PUPPETEER_SKIP_DOWNLOAD": "1",
            # Ace and chromium keep their settings under the XDG folders: a scratch one
            "XDG_CONFIG_HOME": str(Path(scratch) / "config"),
            "XDG_CACHE_HOME": str(Path(scratch) / "cache"),
        }
        report_path = out / "report.json"
        # Ace drives chromium through puppeteer; on a loaded machine its browser can fail
        # to start.  That is no finding about the ePub: Ace is run once more, verbosely, so
        # a second failure says why.
        for flags in (["--silent"], ["--verbose"]):
            result = subprocess.run(
                [node, str(ace), *flags, "--force", "--outdir", str(out), str(epub)],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=env,
            )
            if result.returncode == 0 and report_path.exists():
                break
        assert result.returncode == 0 and report_path.exists(), (
            f"Ace did not finish (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
        report = json.loads(report_path.read_text(encoding="utf-8"))
    findings = []
    for document in report.get("assertions", []):
        location = document.get("earl:testSubject", {}).get("url", "?")
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            findings.append(
                Finding(
                    location,
                    str(test.get("dct:title", "?")),
                    str(test.get("earl:impact", "?")),
                    str(assertion["earl:result"].get("dct:description", "")),
                )
            )
    if not findings:
        # the overall verdict too: a failure that lists no assertion is still a failure
        outcome = report.get("earl:result", {}).get("earl:outcome")
        assert outcome == "pass", f"Ace's verdict is {outcome!r} with no violation listed"
    return findings


def run_vnu(paths: list[Path], *, timeout: int = 600) -> list[Finding]:
    """Every error the Nu Html Checker reports on ``paths`` (HTML files; warnings kept out)."""
    java = require_tool("java")
    vnu = require_installed(VNU)
    if not paths:
        raise ValueError("run_vnu needs at least one file")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    # vnu writes its JSON report on the error stream
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"vnu wrote no report:\n{result.stdout}{result.stderr}") from None
    findings = []
    for message in report.get("messages", []):
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        where = message.get("url", "?").removeprefix("file:")
        if "lastLine" in message:
            where += f":{message['lastLine']}"
        findings.append(
            Finding(
                where, message["type"], message.get("subType", "error"), message.get("message", "")
            )
        )
    return findings


def run_epubcheck(epub: Path, *, timeout: int = 300) -> list[Finding]:
    """Every fatal error, error and warning epubcheck reports on ``epub``."""
    java = require_tool("java")
    jar = require_file(EPUBCHECK)
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as scratch:
        report_path = Path(scratch) / "report.json"
        result = subprocess.run(
            [java, "-jar", str(jar), "--json", str(report_path), str(epub)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert report_path.exists(), f"epubcheck wrote no report:\n{result.stdout}{result.stderr}"
        report = json.loads(report_path.read_text(encoding="utf-8"))
    findings = []
    for message in report.get("messages", []):
        if message.get("severity") not in {"FATAL", "ERROR", "WARNING"}:
            continue
        locations = message.get("locations") or [{}]
        first = locations[0]
        where = f"{first.get('path', '?')}:{first.get('line', '?')}"
        findings.append(Finding(where, message["ID"], message["severity"], message["message"]))
    if not findings:
        # the exit status too: a failure that lists no message is still a failure
        assert result.returncode == 0, (
            f"epubcheck exited {result.returncode} with no message listed:\n"
            f"{result.stdout}{result.stderr}"
        )
    return findings

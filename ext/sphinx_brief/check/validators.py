"""The checkers readers' tools trust, run where they are installed.

* epubcheck (the ePub's conformance; Debian's jar or an ``epubcheck`` command);
* Ace by DAISY (the ePub's accessibility: EPUB Accessibility 1.1, WCAG through axe-core;
  the npm package ``@daisy/ace-cli``, run by Node.js with chromium);
* the Nu Html Checker (vnu.jar, the W3C validator's engine; the npm package ``vnu-jar``);
* axe-core in chromium (every page of the website, every rule, light and dark, at a phone's
  and a desktop's width; the Python packages ``playwright`` and ``axe-playwright-python``).

:class:`Tools` finds them: in ``SPHINX_BRIEF_NODE_MODULES`` (folders separated like PATH),
``./node_modules``, on ``PATH``, or as ``EPUBCHECK_JAR``, ``VNU_JAR``, ``CHROMIUM`` say.
A tool that is not found raises :class:`MissingTool`, which names it: the caller says which
checkers did not run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .builds import MissingTool

ACE_JS = Path("@daisy") / "ace-cli" / "bin" / "ace.js"
VNU_JAR = Path("vnu-jar") / "build" / "dist" / "vnu.jar"
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
CHROME_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Finding:
    """One problem a checker reported: where, which rule, how bad, what it says."""

    location: str
    rule: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.rule} ({self.severity}): {self.message}"


@dataclass
class Tools:
    """Where the checkers are, found once."""

    node_modules: list[Path] = field(default_factory=list)

    @classmethod
    def find(cls, *extra: Path) -> Tools:
        folders = [
            Path(p) for p in os.environ.get("SPHINX_BRIEF_NODE_MODULES", "").split(os.pathsep) if p
        ]
        folders += [*extra, Path.cwd() / "node_modules"]
        return cls([f for f in folders if f.is_dir()])

    def _module(self, relative: Path) -> Path | None:
        return next((f / relative for f in self.node_modules if (f / relative).exists()), None)

    def chromium(self) -> str:
        for name in (
            os.environ.get("CHROMIUM", ""),
            "chromium",
            "chromium-browser",
            "google-chrome",
        ):
            found = shutil.which(name) if name else None
            if found:
                return found
        raise MissingTool("chromium")

    def _java(self) -> str:
        java = shutil.which("java")
        if java is None:
            raise MissingTool("java")
        return java

    def epubcheck(self) -> list[str]:
        jar = Path(os.environ.get("EPUBCHECK_JAR") or EPUBCHECK_JAR)
        if jar.exists():
            return [self._java(), "-jar", str(jar)]
        command = shutil.which("epubcheck")
        if command:
            return [command]
        raise MissingTool("epubcheck")

    def ace(self) -> list[str]:
        script = self._module(ACE_JS)
        node = shutil.which("node")
        if script is not None and node is not None:
            return [node, str(script)]
        command = shutil.which("ace")
        if command:
            return [command]
        raise MissingTool("Ace by DAISY (npm package @daisy/ace-cli)")

    def vnu(self) -> list[str]:
        jar = Path(os.environ["VNU_JAR"]) if os.environ.get("VNU_JAR") else self._module(VNU_JAR)
        if jar is not None and jar.exists():
            return [self._java(), "-jar", str(jar)]
        command = shutil.which("vnu")
        if command:
            return [command]
        raise MissingTool("the Nu Html Checker (npm package vnu-jar)")

    def axe(self) -> str:
        for module in ("playwright", "axe_playwright_python"):
            if importlib.util.find_spec(module) is None:
                raise MissingTool(f"axe (Python package {module.replace('_', '-')})")
        return self.chromium()


def run_epubcheck(tools: Tools, epub: Path, *, timeout: int = 300) -> list[Finding]:
    """Every fatal error, error and warning epubcheck reports on ``epub``."""
    command = tools.epubcheck()
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as scratch:
        report_path = Path(scratch) / "report.json"
        result = subprocess.run(
            [*command, "--json", str(report_path), str(epub)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if not report_path.exists():
            raise RuntimeError(f"epubcheck wrote no report:\n{result.stdout}{result.stderr}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    findings = []
    for message in report.get("messages", []):
        if message.get("severity") not in {"FATAL", "ERROR", "WARNING"}:
            continue
        first = (message.get("locations") or [{}])[0]
        where = f"{first.get('path', '?')}:{first.get('line', '?')}"
        findings.append(Finding(where, message["ID"], message["severity"], message["message"]))
    if not findings and result.returncode != 0:
        # a failure that lists no message is still a failure
        findings.append(
            Finding(epub.name, "exit", "ERROR", f"epubcheck exited {result.returncode}")
        )
    return findings


def run_ace(tools: Tools, epub: Path, *, timeout: int = 600) -> list[Finding]:
    """Every violation Ace by DAISY reports on ``epub``."""
    command = tools.ace()
    chromium = tools.chromium()
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
        # On a loaded machine chromium can fail to start: that is no finding about the
        # ePub, so Ace is run once more, verbosely, and a second failure says why.
        for flags in (["--silent"], ["--verbose"]):
            result = subprocess.run(
                [*command, *flags, "--force", "--outdir", str(out), str(epub)],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=env,
            )
            if result.returncode == 0 and report_path.exists():
                break
        else:
            raise RuntimeError(f"Ace did not finish (exit {result.returncode}):\n{result.stderr}")
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
    outcome = report.get("earl:result", {}).get("earl:outcome")
    if not findings and outcome != "pass":
        # the overall verdict too: a failure that lists no violation is still a failure
        findings.append(Finding(epub.name, "verdict", "?", f"Ace's verdict is {outcome!r}"))
    return findings


def run_vnu(tools: Tools, paths: Sequence[Path], *, timeout: int = 600) -> list[Finding]:
    """Every error the Nu Html Checker reports on the HTML files ``paths``."""
    if not paths:
        raise ValueError("run_vnu needs at least one file")
    command = tools.vnu()
    result = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    try:  # vnu writes its JSON report on the error stream
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu wrote no report:\n{result.stdout}{result.stderr}") from None
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_axe(
    tools: Tools,
    site: Path,
    pages: Sequence[str],
    *,
    schemes: Sequence[str] = SCHEMES,
    viewports: Sequence[str] = tuple(VIEWPORTS),
) -> list[Finding]:
    """Every violation axe-core reports (every rule it has, none off) on each page of
    ``site`` (names relative to it), in each colour scheme, at each width."""
    chromium = tools.axe()
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    findings = []
    axe = Axe()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROME_FLAGS))
        try:
            for scheme in schemes:
                for viewport in viewports:
                    context = browser.new_context(
                        color_scheme=scheme,  # type: ignore[arg-type]
                        viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
                    )
                    # furo follows the system's scheme unless a choice was stored
                    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
                    page = context.new_page()
                    for name in pages:
                        page.goto(base + name, wait_until="load")
                        page.evaluate(axe.axe_script)
                        rules = page.evaluate("axe.getRules().map(rule => rule.ruleId)")
                        result = axe.run(
                            page,
                            options={
                                "resultTypes": ["violations"],
                                "runOnly": {"type": "rule", "values": rules},
                            },
                        )
                        for violation in result.response["violations"]:
                            targets = [n.get("target") for n in violation.get("nodes", [])][:3]
                            findings.append(
                                Finding(
                                    f"{name} ({scheme}, {viewport})",
                                    str(violation["id"]),
                                    str(violation.get("impact")),
                                    f"{violation['help']} at {targets}",
                                )
                            )
                    context.close()
        finally:
            browser.close()
    return findings

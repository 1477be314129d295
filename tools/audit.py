"""Audit the built website: Lighthouse scores for every page, served on loopback.

``make audit`` runs ``python tools/audit.py _build/html``: it serves the folder on
127.0.0.1, runs Lighthouse (tools/audit/node_modules, from the committed lockfile) with
Debian's chromium on every HTML page, and prints the four category scores per page.
Exit status 1 if accessibility, best practices or SEO is below 100 on any page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sphinx_brief.check.validators import serve  # the loopback server the checks use

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REQUIRED = ("accessibility", "best-practices", "seo")

#: Chromium as these machines run it: no sandbox as root, and no background traffic
#: (the network is closed; Chromium's own connections would only be refused).
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def chromium() -> str | None:
    for name in (
        os.environ.get("CHROME_PATH", ""),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if name and (found := shutil.which(name)):
            return found
    return None


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to its root (``_static`` excluded)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


def lighthouse(url: str, *, chrome: str, form_factor: str = "desktop") -> dict[str, float]:
    """The four category scores (0-100) of one page."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        flags = " ".join((*CHROME_FLAGS, f"--user-data-dir={profile}"))
        command = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--max-wait-for-load=30000",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chrome}
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=300, check=False
        )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failed = [
        f"{audit['id']}: {audit.get('title', '')}"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in {"binary", "numeric"}
        and any(
            ref["id"] == audit["id"]
            for cat in REQUIRED
            for ref in report["categories"][cat]["auditRefs"]
        )
    ]
    scores["failed"] = failed  # type: ignore[assignment]
    return scores


def audit(site: Path, *, chrome: str) -> dict[str, dict[str, float]]:
    results = {}
    with serve(site) as base:
        for page in pages(site):
            results[page] = lighthouse(base + page, chrome=chrome)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML folder, e.g. _build/html")
    args = parser.parse_args(argv)
    chrome = chromium()
    if chrome is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix tools/audit", file=sys.stderr)
        return 2
    results = audit(args.site, chrome=chrome)
    width = max(len(page) for page in results)
    print(f"{'page':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    status = 0
    for page, scores in results.items():
        print(f"{page:<{width}}  " + "  ".join(f"{scores[c]:>14}" for c in CATEGORIES))
        for failure in scores["failed"]:  # type: ignore[attr-defined]
            print(f"{'':<{width}}    fails {failure}")
        if any(scores[c] < 100 for c in REQUIRED):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

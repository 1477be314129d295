"""Build a brief in each format, as an author's ``make`` would, into a folder of our own.

Each format is one ``sphinx-build`` process (``-n --keep-going``, warnings written to a
file, tracebacks shown in full), so that a crash is seen as the author would see it and
nothing of one build leaks into the next.  The PDF is compiled from the LaTeX build with the
Makefile Sphinx writes (latexmk and the engine its latexmkrc names).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .brief import Brief
from .faults import Fault

#: The formats a brief is published in, in the order they are built.
FORMATS = ("html", "epub", "latex", "latexpdf")

#: A warning's first line: ``path:line: WARNING: message`` (the location is optional).
_WARNING = re.compile(
    r"^(?:(?P<where>.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<text>.*)$"
)
_ENGINE = re.compile(r"^\$pdflatex\s*=\s*'(\S+)", re.M)


@dataclass
class Output:
    """What one build wrote and said."""

    fmt: str
    outdir: Path
    finished: bool
    faults: list[Fault] = field(default_factory=list)
    #: the compiled PDF (latexpdf) and the LaTeX log
    pdf: Path | None = None
    log: str = ""


class MissingTool(Exception):
    """A tool a format needs is not installed (the message names it)."""


def sphinx_build(brief: Brief, fmt: str, outdir: Path, *, timeout: int = 1800) -> Output:
    """Build ``brief`` with the builder ``fmt`` (html, epub, latex …) into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    warnfile = outdir.parent / f"{outdir.name}-warnings.txt"
    doctrees = outdir.parent / f"{outdir.name}-doctrees"
    command = [
        sys.executable, "-m", "sphinx", "-b", fmt, "-n", "--keep-going", "-T", "--no-color",
        "-w", str(warnfile), "-d", str(doctrees), str(brief.srcdir), str(outdir),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    warnings = warnfile.read_text(encoding="utf-8", errors="replace") if warnfile.exists() else ""
    output = Output(fmt, outdir, finished=result.returncode == 0)
    output.faults.extend(warning_faults(brief, fmt, warnings))
    if result.returncode != 0:
        output.faults.append(_failure(brief, fmt, result.returncode, result.stderr, result.stdout))
    return output


def warning_faults(brief: Brief, fmt: str, warnings: str) -> list[Fault]:
    """One fault per warning of a build's warning stream, located as Sphinx located it."""
    faults: list[Fault] = []
    for line in warnings.splitlines():
        match = _WARNING.match(line.strip())
        if match is None:
            if faults and line.strip():  # a continuation line of the warning before
                last = faults[-1]
                faults[-1] = Fault(
                    last.where, last.fmt, last.check, f"{last.message} {line.strip()}"
                )
            continue
        where = match.group("where") or "(no location)"
        path, sep, rest = where.partition(":")
        if path and Path(path).is_absolute():
            where = brief.relative(Path(path)) + sep + rest
        faults.append(Fault(where, fmt, match.group("level").lower(), match.group("text")))
    return faults


def _failure(brief: Brief, fmt: str, returncode: int, stderr: str, stdout: str) -> Fault:
    if "Traceback (most recent call last)" in stderr:
        lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()][-6:]
        where = _traceback_location(brief, stdout) or brief.relative(brief.srcdir / "conf.py")
        return Fault(where, fmt, "traceback", " | ".join(lines))
    told = " | ".join(stderr.strip().splitlines()[-4:])
    return Fault(brief.relative(brief.srcdir), fmt, "build", f"failed (exit {returncode}): {told}")


def _traceback_location(brief: Brief, status: str) -> str | None:
    """The page Sphinx was reading or writing when it crashed, as its status says."""
    found = re.findall(r"(?:reading sources|writing output)\.\.\. \[[^\]]*\] (\S+)", status)
    return brief.page(found[-1]) if found else None


#: LuaLaTeX and XeLaTeX write their font caches on a font's first use: two PDFs made at
#: once in one process (the corpus tests build two briefs at a time) fail each other.
_PDF_LOCK = threading.Lock()


def _make_pdf(outdir: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-C", str(outdir), "all-pdf",
         "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error -file-line-error"],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def compile_pdf(brief: Brief, latex: Output, *, timeout: int = 1800) -> Output:
    """The PDF of a LaTeX build, made by the Makefile Sphinx wrote (``make all-pdf``)."""
    output = Output("latexpdf", latex.outdir, finished=False)
    if not latex.finished:
        output.faults.append(
            Fault(brief.relative(brief.srcdir), "latexpdf", "build", "the LaTeX build failed")
        )
        return output
    latexmkrc = latex.outdir / "latexmkrc"
    engine = _ENGINE.search(latexmkrc.read_text(encoding="utf-8")) if latexmkrc.exists() else None
    for tool in ("make", "latexmk", engine.group(1) if engine else "pdflatex"):
        if shutil.which(tool) is None:
            raise MissingTool(tool)
    documents = sorted(latex.outdir.glob("*.tex"))
    with _PDF_LOCK:  # one PDF at a time in a process (see _PDF_LOCK)
        result = _make_pdf(latex.outdir, timeout)
    logs = [tex.with_suffix(".log") for tex in documents]
    output.log = "\n".join(
        log.read_text(encoding="utf-8", errors="replace") for log in logs if log.exists()
    )
    pdfs = [tex.with_suffix(".pdf") for tex in documents if tex.with_suffix(".pdf").exists()]
    output.pdf = pdfs[0] if pdfs else None
    output.finished = result.returncode == 0 and len(pdfs) == len(documents) > 0
    if not output.finished:
        errors = [
            line
            for line in output.log.splitlines()
            if line.startswith("!") or ":error:" in line or re.match(r"^\S+\.tex:\d+: ", line)
        ]
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-3:]
        told = " | ".join(errors[:3]) or f"exit {result.returncode}: " + " | ".join(said)
        output.faults.append(
            Fault(brief.relative(brief.srcdir), "latexpdf", "latex", f"the PDF failed: {told}")
        )
    return output

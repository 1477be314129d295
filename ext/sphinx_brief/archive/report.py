"""What a run of ``sphinx-brief archive`` did, for the author: as text (stdout) and as
Markdown (``--report FILE``).

Four lists: archived (key → snapshot, its date), no snapshot (the archive's answer),
errors (timeouts, HTTP errors, answers that are no JSON: asked again on a rerun) and
skipped (already archived, not a web page, found without a snapshot before, a repeated
key, an entry pybtex cannot read).  Entries without a ``url`` are no web sources: counted,
not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Why an entry is skipped.
ALREADY = "already archived"
NOT_WEB = "not a web page"
ASKED = "no snapshot when last asked (--retry-missing asks again)"
REPEATED = "a repeated key (the first entry of that key counts)"
UNREADABLE = "pybtex cannot read it"
HALF = "an archivedate without an archiveurl (write the archiveurl, or delete the date)"
EMPTY = "an empty archiveurl (delete it, and the command fills it in)"


@dataclass(frozen=True)
class Archived:
    key: str
    file: str
    url: str
    snapshot: str
    date: str


@dataclass(frozen=True)
class Missing:
    key: str
    file: str
    url: str
    answer: str


@dataclass(frozen=True)
class Failed:
    key: str
    file: str
    url: str
    error: str


@dataclass(frozen=True)
class Skipped:
    key: str
    file: str
    why: str
    detail: str = ""


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


@dataclass
class Report:
    dry_run: bool = False
    archived: list[Archived] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    errors: list[Failed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Entries without a ``url``.
    no_url: int = 0
    requests: int = 0
    files: list[str] = field(default_factory=list)
    #: Web sources not asked about because the run was interrupted.
    left: int = 0
    left_in: str = ""
    interrupted: bool = False
    #: Why the run stopped before the end (a bib file changed on disk), if it did.
    stopped: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors) or self.stopped is not None

    def _key(self, key: str, file: str) -> str:
        return f"{key} ({file})" if len(self.files) > 1 else key

    def summary(self) -> str:
        done = "would be archived" if self.dry_run else "archived"
        parts = [
            f"{len(self.archived)} {done}",
            f"{len(self.missing)} without a snapshot",
            _plural(len(self.errors), "error"),
            f"{len(self.skipped)} skipped",
            f"{_plural(self.no_url, 'entry', 'entries')} without a url",
        ]
        return f"{', '.join(parts)}; {_plural(self.requests, 'request')}."

    def _endings(self) -> list[str]:
        lines = list(self.notes)
        if self.stopped:
            lines.append(f"Stopped: {self.stopped}")
        if self.interrupted:
            lines.append(
                f"Interrupted: {_plural(self.left, 'web source')} of {self.left_in} not asked "
                "about (nor the bib files after it); what was found is written. Run the "
                "command again to go on."
            )
        if self.dry_run:
            lines.append("Dry run: nothing written.")
        return lines

    def text(self) -> str:
        lines = [f"{'Would archive' if self.dry_run else 'Archived'} ({len(self.archived)}):"]
        lines += [f"  {self._key(a.key, a.file)}  {a.date}  {a.snapshot}" for a in self.archived]
        lines.append(f"No snapshot ({len(self.missing)}):")
        lines += [f"  {self._key(m.key, m.file)}  {m.url}: {m.answer}" for m in self.missing]
        lines.append(f"Errors ({len(self.errors)}):")
        lines += [f"  {self._key(e.key, e.file)}  {e.url}: {e.error}" for e in self.errors]
        lines.append(f"Skipped ({len(self.skipped)}):")
        for why, items in self._skipped_by_reason():
            listed = ", ".join(
                self._key(s.key, s.file) + (f" ({s.detail})" if s.detail else "") for s in items
            )
            lines.append(f"  {why}: {listed}")
        lines.append(self.summary())
        lines += self._endings()
        return "\n".join(lines) + "\n"

    def _skipped_by_reason(self) -> Iterable[tuple[str, list[Skipped]]]:
        reasons: dict[str, list[Skipped]] = {}
        for item in self.skipped:
            reasons.setdefault(item.why, []).append(item)
        return reasons.items()

    def markdown(self) -> str:
        lines = ["# Archived copies of the web sources", "", _cell(self.summary()), ""]
        lines += [f"{_cell(line)}" for line in self._endings()]
        if self._endings():
            lines.append("")
        lines += _table(
            "Would be archived" if self.dry_run else "Archived",
            ("key", "snapshot", "date", "bib file"),
            [(_code(a.key), _link(a.snapshot), a.date, _cell(a.file)) for a in self.archived],
        )
        lines += _table(
            "No snapshot",
            ("key", "address", "answer", "bib file"),
            [(_code(m.key), _link(m.url), _cell(m.answer), _cell(m.file)) for m in self.missing],
        )
        lines += _table(
            "Errors",
            ("key", "address", "error", "bib file"),
            [(_code(e.key), _link(e.url), _cell(e.error), _cell(e.file)) for e in self.errors],
        )
        lines += _table(
            "Skipped",
            ("key", "why", "bib file"),
            [
                (
                    _code(s.key),
                    _cell(s.why + (f": {s.detail}" if s.detail else "")),
                    _cell(s.file),
                )
                for s in self.skipped
            ],
        )
        return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell or paragraph: its pipes and markup characters
    escaped, on one line."""
    return re.sub(r"([\\`*_{}\[\]<>#|~^$&!])", r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text and "|" not in text else _cell(text)


def _link(url: str) -> str:
    """An address as a Markdown autolink where it can be one."""
    return f"<{url}>" if re.fullmatch(r"[^\s<>|`\\]+", url) else _cell(url)


def _table(title: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A section with a table of ``rows``, whose cells are Markdown already."""
    lines = [f"## {title} ({len(rows)})", ""]
    if not rows:
        return [*lines, "None.", ""]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + " --- |" * len(head))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]

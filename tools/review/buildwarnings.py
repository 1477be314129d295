"""The warnings of each side's builds; the new ones are those the base does not give."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from .jobs import Side, strip_ansi

_WARNING_START = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL|SEVERE):")
_LOCATION_LINE = re.compile(r"^(?P<loc>.*?)(?::\d+)+(?=: (?:WARNING|ERROR|CRITICAL|SEVERE):)")


def read_warnings(side: Side) -> list[str]:
    """The side's warnings (every builder), paths made relative, in order, deduplicated."""
    replacements = _path_replacements(side)
    seen: dict[str, None] = {}
    for job in side.jobs.values():
        if job.warnfile is None:
            continue
        try:
            text = job.warnfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for warning in split_warnings(strip_ansi(text)):
            for old, new in replacements:
                warning = warning.replace(old, new)
            seen.setdefault(warning, None)
    return list(seen)


def _path_replacements(side: Side) -> list[tuple[str, str]]:
    pairs: dict[str, str] = {}
    for path, new in ((side.workdir, "<build>/"), (side.root, "")):
        for variant in {str(path), str(path.resolve())}:
            pairs[variant + os.sep] = new
    return sorted(pairs.items(), key=lambda item: -len(item[0]))


def split_warnings(text: str) -> list[str]:
    """A warning file's warnings; continuation lines stay with their warning."""
    warnings: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if _WARNING_START.search(line) or not warnings:
            warnings.append(line.rstrip())
        else:
            warnings[-1] += "\n" + line.rstrip()
    return warnings


def warning_identity(warning: str) -> str:
    """A warning without the line numbers of its location (they shift; file names stay)."""
    return _LOCATION_LINE.sub(lambda m: m.group("loc"), warning, count=1)


def new_warnings(base: Sequence[str], head: Sequence[str]) -> tuple[list[str], int]:
    """Warnings only the head gives, and how many of the base's are gone."""
    base_ids = {warning_identity(w) for w in base}
    head_ids = {warning_identity(w) for w in head}
    return ([w for w in head if warning_identity(w) not in base_ids], len(base_ids - head_ids))

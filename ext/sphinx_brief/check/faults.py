"""What ``sphinx-brief check`` finds: one :class:`Fault` per problem, located in the brief.

A fault names where it comes from as an author reads it: the page and line
(``index.md:12``), or the bibliography entry (``refs.bib: entry kim2020``), or, when the
source cannot be told, the output file and what in it (``sources.xhtml:40``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Fault:
    """One problem: where, in which format, which check found it, what it is."""

    where: str
    fmt: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.fmt} {self.check}] {self.message}"


def describe(faults: list[Fault]) -> str:
    """The faults, one a line (for an assertion's message or the terminal)."""
    return "\n".join(map(str, faults))

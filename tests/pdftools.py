"""Reading what PDF readers read: the document information and the catalog's language."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields (Title, Author, Subject, Keywords, …)."""
    output = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^(\w+):\s+(.*)$", output, re.M))


def pdf_languages(pdf: Path) -> list[str]:
    """The /Lang entries of the PDF (the catalog's), in plain or compressed objects.

    pdfinfo does not show the document language; pdflatex writes the catalog into a
    compressed object stream, so each stream is inflated and searched.
    """
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return [m.decode() for chunk in chunks for m in re.findall(rb"/Lang\s*\(([^)]*)\)", chunk)]


def section_titles(tex: str) -> list[str]:
    """The titles of every \\section, \\subsection, … of a LaTeX file."""
    return re.findall(r"\\(?:sub)*section\{([^}]*)\}", tex)

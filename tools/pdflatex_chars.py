"""Write ``ext/sphinx_brief/site/pdflatex_chars.py``: the characters pdflatex can set in
the LaTeX that Sphinx writes for a brief.

Sphinx's pdflatex preamble reads the text as UTF-8 (``inputenc``) with the T1 font encoding
(``fontenc``) and no Greek or Cyrillic encoding.  LaTeX then sets exactly the characters
declared for the encodings a document has (OT1, OMS and T1, and TS1 through the kernel's
text companion), in its ``<enc>enc.dfu`` files, the few its ``utf8.def`` declares for every
encoding, the ones Sphinx declares itself (``utf8extra``) and those Sphinx's escaping turns
into commands (``sphinx.util.texescape``).  Any other character stops pdflatex with "Unicode
character … not set up for use with LaTeX".

Run ``python tools/pdflatex_chars.py`` with TeX Live installed (it finds the files with
``kpsewhich``) after a TeX Live or Sphinx upgrade, and commit the module it writes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sphinx.util import texescape

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "ext" / "sphinx_brief" / "site" / "pdflatex_chars.py"
#: The encodings of a document Sphinx writes for pdflatex (T1 by ``fontenc``; OT1, OMS by
#: the kernel; TS1, the text companion, which the kernel loads on demand).
ENCODINGS = ("ot1", "oms", "t1", "ts1")
#: ``utf8extra`` of Sphinx's pdflatex settings (sphinx/builders/latex/constants.py).
SPHINX_DECLARED = (0x00A0, 0x2500, 0x2502, 0x2514, 0x251C, 0x2572)
_DECLARED = re.compile(r"^\\DeclareUnicodeCharacter\{([0-9A-Fa-f]{4,6})\}", re.M)


def _kpsewhich(name: str) -> Path:
    found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def settable() -> set[int]:
    codes = set(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
    for name in ("utf8.def", *(f"{encoding}enc.dfu" for encoding in ENCODINGS)):
        text = _kpsewhich(name).read_text(encoding="latin-1")
        codes |= {int(code, 16) for code in _DECLARED.findall(text)}
    codes |= set(SPHINX_DECLARED)
    codes |= {ord(char) for char, _ in texescape.tex_replacements}
    codes |= {ord(char) for char, _ in texescape.unicode_tex_replacements}
    return codes


def ranges(codes: set[int]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for code in sorted(codes):
        if found and found[-1][1] == code - 1:
            found[-1] = (found[-1][0], code)
        else:
            found.append((code, code))
    return found


def module(codes: set[int]) -> str:
    lines = [
        '"""The characters pdflatex sets in the LaTeX Sphinx writes for a brief (T1, UTF-8).',
        "",
        "Written by tools/pdflatex_chars.py from TeX Live's encoding files and Sphinx's own",
        "declarations and escapes: do not edit; run the tool again after an upgrade.",
        '"""',
        "",
        "#: Inclusive ranges of code points.",
        "RANGES: tuple[tuple[int, int], ...] = (",
    ]
    lines += [f"    (0x{start:04X}, 0x{end:04X})," for start, end in ranges(codes)]
    lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    TARGET.write_text(module(settable()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Byte-identical outputs when ``SOURCE_DATE_EPOCH`` is set (reproducible-builds.org).

Sphinx already honours the variable in its HTML and in the ePub's metadata, and pdfTeX in
the PDF's dates.  Two things still carry the wall clock:

* the ePub's zip entries take their files' modification times.  We rewrite the archive in
  the order Sphinx wrote it — ``mimetype`` first and stored, as the OCF spec requires; a
  generic zip normaliser that sorts entries breaks that (epubcheck PKG-006) — with every
  entry's time set to the epoch and fixed permissions;
* PDFs that cairo converts from SVG (the LaTeX builder's images) carry a ``/CreationDate``.
  We overwrite it in place with the epoch, keeping its length so the PDF's cross-reference
  offsets stay valid.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

from sphinx.application import Sphinx

from ..core.logs import warn

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


def source_date() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        warn("reproducible", "SOURCE_DATE_EPOCH=%r is not a number of seconds; ignored", value)
        return None


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite a zip with fixed entry times and attributes, keeping the entries' order."""
    # zip stores local time with two-second resolution and nothing before 1980
    stamp = max(when.replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    temporary = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for old, data in entries:
            info = zipfile.ZipInfo(old.filename, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = (
                zipfile.ZIP_STORED if old.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            info.create_system = 3  # unix, whatever the building machine
            info.external_attr = 0o100644 << 16
            target.writestr(info, data, compresslevel=9)
    temporary.replace(path)


def normalise_pdf_dates(path: Path, when: dt.datetime) -> None:
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data = path.read_bytes()

    def fixed(match: re.Match[bytes]) -> bytes:
        # keep the field's length: the PDF's xref table holds byte offsets
        suffix = b"Z".ljust(len(match.group(3)), b" ") if match.group(3) else b""
        return b"/" + match.group(1) + b" (D:" + stamp + suffix + b")"

    new = _PDF_DATE.sub(fixed, data)
    if new != data:
        path.write_bytes(new)


def build_finished(app: Sphinx, exception: BaseException | None) -> None:
    when = source_date()
    if exception is not None or when is None:
        return
    outdir = Path(app.outdir)
    if app.builder.name == "epub":
        for epub in outdir.glob("*.epub"):
            normalise_zip(epub, when)
    elif app.builder.format == "latex":
        for pdf in outdir.glob("*.pdf"):  # images converted for LaTeX; the brief comes later
            normalise_pdf_dates(pdf, when)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", build_finished)

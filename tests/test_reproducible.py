"""With SOURCE_DATE_EPOCH set, two clean builds give byte-identical HTML, ePub and PDF."""

from __future__ import annotations

import filecmp
import time
import zipfile
from pathlib import Path

import pytest

from sphinx_brief.site.reproducible import normalise_pdf_dates, normalise_zip

from .conftest import compile_pdf, copy_project, run_sphinx
from .validators import run_epubcheck

EPOCH = "1277942400"  # the brief's date, July 1, 2010


def tree_differences(left: Path, right: Path) -> list[str]:
    differences: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differences.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differences.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return differences


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Path]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    runs = []
    try:
        for run in range(2):
            base = tmp_path_factory.mktemp(f"repro{run}")
            src = copy_project(base)  # a fresh copy: nothing shared between the two builds
            out: dict[str, Path] = {}
            for builder in ("html", "epub", "latex"):
                build = run_sphinx(src, builder, base / "out" / builder)
                assert build.warnings == ""
                out[builder] = build.outdir
            runs.append(out)
            time.sleep(1.1)  # a clock that leaks into the output shows up as a difference
    finally:
        mp.undo()
    return runs


def test_html_tree_is_byte_identical(twice: list[dict[str, Path]]) -> None:
    assert tree_differences(twice[0]["html"], twice[1]["html"]) == []


def test_epub_is_byte_identical_and_valid(twice: list[dict[str, Path]]) -> None:
    (first,) = twice[0]["epub"].glob("*.epub")
    (second,) = twice[1]["epub"].glob("*.epub")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in infos} == {(2010, 7, 1, 0, 0, 0)}
    findings = run_epubcheck(first)
    assert findings == [], "\n".join(map(str, findings))


def test_pdf_is_byte_identical(twice: list[dict[str, Path]]) -> None:
    pdfs = [compile_pdf(run["latex"], env={"SOURCE_DATE_EPOCH": EPOCH}) for run in twice]
    assert [pdf.name for pdf in pdfs] == ["north-korea-iran-brief.pdf"] * 2
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()


def test_zip_normaliser_keeps_order_and_stores_mimetype(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "a.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("z.xhtml", "<z/>")
        archive.writestr("a.xhtml", "<a/>")
    normalise_zip(path, dt.datetime(2010, 7, 1, tzinfo=dt.UTC))
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["mimetype", "z.xhtml", "a.xhtml"]
        assert archive.read("a.xhtml") == b"<a/>"
    # the mimetype entry's data starts at byte 38, uncompressed (OCF)
    assert path.read_bytes()[30:38] == b"mimetype"
    assert path.read_bytes()[38:58] == b"application/epub+zip"


def test_pdf_date_rewrite_keeps_length(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "x.pdf"
    original = b"<< /CreationDate (D:20261127235418Z) /ModDate (D:20261127235418+01'00) >>"
    path.write_bytes(original)
    normalise_pdf_dates(path, dt.datetime(2010, 7, 1, tzinfo=dt.UTC))
    data = path.read_bytes()
    assert len(data) == len(original)
    assert b"(D:20100701000000Z)" in data and b"(D:20100701000000Z     )" in data

"""What a build says to the author (issue 21): no dump of MyST's configuration, and a page
no toctree links to named with what to do."""

from __future__ import annotations

import logging
from pathlib import Path

from .conftest import run_sphinx

CONF = 'project = "Brief"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n'


def project(root: Path, conf: str = "") -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (src / "index.md").write_text("# Brief\n\nText.\n", encoding="utf-8")
    (src / "SOURCE.md").write_text("Notes to myself: where the text came from.\n", "utf-8")
    return src


def test_myst_s_configuration_is_not_printed_and_logging_is_left_as_it_was(
    tmp_path: Path,
) -> None:
    src = project(tmp_path, 'exclude_patterns = ["SOURCE.md"]\n')
    myst = logging.getLogger("sphinx.myst_parser.sphinx_ext.main")
    before = list(myst.filters)
    build = run_sphinx(src, "html", tmp_path / "html")
    assert "MdParserConfig" not in build.status + build.warnings
    assert build.warnings == ""
    assert myst.filters == before


def test_a_file_no_toctree_links_to_is_named_with_what_to_do(tmp_path: Path) -> None:
    build = run_sphinx(project(tmp_path), "html", tmp_path / "html")
    (warning,) = [w for w in build.warnings.splitlines() if "WARNING" in w]
    assert warning.startswith(f"{build.srcdir / 'SOURCE.md'}: WARNING: SOURCE.md is read as a")
    assert "exclude_patterns in conf.py" in warning and warning.endswith("[brief.page]")
    assert "isn't included in any toctree" not in build.warnings  # said once, by the brief


def test_an_orphan_or_excluded_file_or_brief_defaults_off_is_left_alone(tmp_path: Path) -> None:
    src = project(tmp_path)
    (src / "SOURCE.md").write_text("---\norphan: true\n---\n\nNotes.\n", encoding="utf-8")
    assert run_sphinx(src, "html", tmp_path / "a").warnings == ""
    (src / "SOURCE.md").write_text("Notes.\n", encoding="utf-8")
    off = run_sphinx(src, "html", tmp_path / "b", confoverrides={"brief_defaults": False}).warnings
    assert "brief.page" not in off and "isn't included in any toctree" in off  # Sphinx's

"""Tables every reader can use (site/tables.py): furo's scrolling wrapper without the
table's ids and reachable by keyboard, an empty heading cell warned at its table, a table
of many columns set in smaller type in the PDF so that its dates fit their columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

CONF = """\
project = "Tables"
author = "Editor"
extensions = ["sphinx_brief"]
bibtex_bibfiles = []
html_theme = "furo"
latex_documents = [("index", "tables.tex", "Tables", "Editor", "howto")]
"""

WIDE = "| Bill | " + " | ".join(f"Step {n}" for n in range(1, 9)) + " |\n"
WIDE += "| --- |" + " --- |" * 8 + "\n"
WIDE += "| A bill | " + " | ".join("12/31/1970." for _ in range(8)) + " |\n"

INDEX = f"""\
# Tables

See {{ref}}`Table 1 <table-1>`.

(table-1)=
:::{{table}} Table 1. Funding (dollars in millions)
| Program | FY2022 | FY2023 |
| --- | ---: | ---: |
| Drug Court Grants | $88.0 | $95.0 |
:::

:::{{table}} Table 2. Nine columns
{WIDE}:::

:::{{table}} Table 3. A corner left empty
|  | FY2022 | FY2023 |
| --- | ---: | ---: |
| Grants | $1.0 | $2.0 |
:::
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("tables")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    return {b: run_sphinx(src, b, root / b) for b in ("html", "latex")}


def test_no_id_twice_and_each_wide_table_is_a_named_focusable_region(
    builds: dict[str, Build],
) -> None:
    markup = builds["html"].read("index.html")
    ids = re.findall(r'\sid="([^"]+)"', markup)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    soup = BeautifulSoup(markup, "html.parser")
    regions = soup.select("div.table-wrapper")
    assert len(regions) == 3
    for region, table in zip(regions, soup.select("table"), strict=True):
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert not region.get("id")
        caption = table.find("caption")
        assert caption is not None
        assert region["aria-label"] == " ".join(caption.get_text().split()).rstrip("¶ ")
    # the link to the table still finds it
    link = soup.find("a", href="#table-1")
    assert link is not None and soup.find(id="table-1") is not None


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_an_empty_heading_cell_is_warned_at_its_table(
    builds: dict[str, Build], builder: str
) -> None:
    build = builds[builder]
    warnings = [w for w in build.warnings.splitlines() if "WARNING" in w]
    assert len(warnings) == 1, build.warnings
    (warning,) = warnings
    assert f"{build.srcdir / 'index.md'}:" in warning
    assert "1 heading cell of the table 'Table 3. A corner left empty' is empty" in warning
    assert warning.endswith("[brief.table]")


def test_a_table_of_many_columns_is_set_smaller_in_the_pdf(builds: dict[str, Build]) -> None:
    tex = builds["latex"].read("tables.tex")
    assert tex.count(r"\begingroup\scriptsize") == 1  # the nine columns; not the three
    start = tex.index(r"\begingroup\scriptsize")
    assert "Nine columns" in tex[start : tex.index(r"\endgroup", start)]
    assert r"\begingroup\small" not in tex and r"\begingroup\footnotesize" not in tex


def test_other_formats_write_the_table_without_a_region(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    build = run_sphinx(src, "text", tmp_path / "text")
    text = build.read("index.txt")
    assert "Drug Court Grants" in text and "Table 1. Funding" in text


def test_the_pdf_sets_cells_ragged_and_drops_a_caption_s_own_number(
    builds: dict[str, Build],
) -> None:
    """LaTeX numbers an article's tables itself ("Table 1: "): a caption that starts with
    that same number loses it; every table's cells are set ragged right."""
    tex = builds["latex"].read("tables.tex")
    captions = re.findall(r"\\sphinxcaption\{(.*?)\}|\\caption\{(.*?)\\strut\}", tex)
    texts = [a or b for a, b in captions]
    assert texts == ["Funding (dollars in millions)", "Nine columns", "A corner left empty"]
    assert tex.count(r"\def\sphinxAtStartPar{\raggedright\sphinxbriefAtStartPar}") == 3
    assert tex.count(r"\begingroup") == tex.count(r"\endgroup") == 3


def test_a_caption_numbered_otherwise_keeps_its_words(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    page = ":::{table} Table 7. Not the first\n| A | B |\n| --- | --- |\n| 1 | 2 |\n:::\n"
    (src / "index.md").write_text("# Tables\n\n" + page, encoding="utf-8")
    build = run_sphinx(src, "latex", tmp_path / "latex")
    assert "Table 7. Not the first" in build.read("tables.tex")

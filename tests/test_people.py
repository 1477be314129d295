"""People once (issue 23, item 7): ``brief_people`` gives a person's or a body's index form,
role (changing with the date), type and other spellings; a quote then needs only the name,
every spelling is one speaker and one index entry while the text keeps it as written, and a
spelling that only looks like a declared one is a warning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_brief.core import dates, people

from .conftest import Build, run_sphinx
from .test_quotes import quote_project

CONF = """
brief_people = {
    "Kim Yong-Nam": {
        "sort": "Kim Yong-Nam",
        "role": "de facto head of state of North Korea",
        "also": ["Kim Yong Nam"],
    },
    "Mahmoud Ahmadinejad": {
        "role": {"2005-08": "President of Iran", "1993": "Governor of Ardabil"},
    },
    "Multilateral Sanctions Monitoring Team": {"type": "organization"},
}
"""

PAGE = """
# Brief

## Congratulations

Kim Yong Nam wished him success, and {index}`Kim Yong Nam` was named in the index.

:::{quote}
:speaker: Kim Yong-Nam
:date: 2009-06
:source: wire2009
First words.
:::

:::{quote}
:speaker: Kim Yong Nam
:date: 2009-07
:source: paper2010
Second words, spelled otherwise.
:::

:::{quote}
:speaker: Mahmoud Ahmadinejad
:date: 2009-06
:source: wire2009
Words of a president.
:::

:::{quote}
:speaker: Mahmoud Ahmadinejad
:date: 1995
:source: agency2010
Words of a governor.
:::

:::{quote}
:speaker: Multilateral Sanctions Monitoring Team
:source: agency2010
Words of a body.
:::

## Who said what

```{quotations}
```
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("people")
    return run_sphinx(quote_project(root, {"index.md": PAGE}, CONF), "html", root / "out")


def test_declared_people_need_no_warning(build: Build) -> None:
    assert build.warnings == "", build.warnings


def test_every_spelling_is_one_speaker_and_the_text_keeps_each(build: Build) -> None:
    quotes = json.loads(build.read("quotes.json"))
    kim = [q for q in quotes if q["speaker"].startswith("Kim")]
    # one person in the data too: the declared name, whichever spelling the text uses
    assert [q["speaker"] for q in kim] == ["Kim Yong-Nam", "Kim Yong-Nam"]
    ld = BeautifulSoup(build.read("index.html"), "lxml").select_one(
        'script[type="application/ld+json"]'
    )
    creators = {
        item["creator"]["name"]
        for item in json.loads(ld.get_text())["@graph"]
        if item.get("@type") == "Quotation" and "creator" in item
    }
    assert "Kim Yong Nam" not in creators and "Kim Yong-Nam" in creators
    soup = BeautifulSoup(build.read("index.html"), "lxml")
    groups = [
        h.get_text(" ", strip=True)
        for h in soup.select(".brief-quotations h3, .brief-quotations .brief-speaker")
    ]
    text = soup.get_text(" ")
    assert "Second words, spelled otherwise." in text
    # one group for Kim, under the declared name
    assert sum("Kim Yong" in g for g in groups) == 1, groups


def test_roles_come_from_brief_people_at_the_quotations_date(build: Build) -> None:
    quotes = {q["text"]: q for q in json.loads(build.read("quotes.json"))}
    assert quotes["Words of a president."]["role"] == "President of Iran"
    assert quotes["Words of a governor."]["role"] == "Governor of Ardabil"
    assert quotes["First words."]["role"] == "de facto head of state of North Korea"


def test_one_index_entry_per_person_and_bodies_not_inverted(build: Build) -> None:
    index = BeautifulSoup(build.read("genindex.html"), "lxml").get_text(" ")
    entries = re.findall(r"Kim Yong[ -]Nam", index)
    assert entries == ["Kim Yong-Nam"], entries
    assert "Ahmadinejad, Mahmoud" in index
    assert "Multilateral Sanctions Monitoring Team" in index
    assert "Team, Multilateral" not in index


@pytest.mark.parametrize(
    ("speaker", "index_name"),
    [("Kim Yongnam", "Kim-Yong-Nam"), ("KimYong-Nam", "Kim Yongnam")],
)
def test_a_spelling_that_only_looks_declared_is_a_warning(
    tmp_path: Path, speaker: str, index_name: str
) -> None:
    page = (
        f"# Brief\n\nThe index names {{index}}`{index_name}`.\n\n"
        f":::{{quote}}\n:speaker: {speaker}\n:source: wire2009\nWords.\n:::\n"
    )
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}, CONF), "html", tmp_path / "o")
    lines = build.warnings.strip().splitlines()
    assert any(
        re.search(r"index\.md:5: WARNING: quote :speaker: .* looks like 'Kim Yong-Nam'", line)
        and line.endswith("[brief.people]")
        for line in lines
    ), lines
    assert any(
        "index entry" in line and "looks like 'Kim Yong-Nam'" in line and "index.md:3" in line
        for line in lines
    ), lines


def test_an_unreadable_entry_is_a_warning_naming_conf_py(tmp_path: Path) -> None:
    conf = 'brief_people = {"A B": {"role": {"someday": "Envoy"}, "colour": "red", "type": "x"}}\n'
    page = "# Brief\n\n:::{quote}\n:speaker: A B\n:source: wire2009\nWords.\n:::\n"
    build = run_sphinx(quote_project(tmp_path, {"index.md": page}, conf), "html", tmp_path / "o")
    assert "conf.py:" in build.warnings
    assert "unknown field(s) colour" in build.warnings
    assert "'someday' is not an EDTF date" in build.warnings
    assert "type must be one of person, organization, document, not 'x'" in build.warnings
    assert "Traceback" not in build.status


def test_the_register_reads_both_forms() -> None:
    book = people.read({"Kim Yong-Nam": "Kim Yong-Nam", "X": {"also": "Ex"}})
    assert book.problems == []
    assert book.get("kim  yong-nam") is not None and book.get("Ex").name == "X"  # type: ignore[union-attr]
    assert book.near("Kim Yong Nam") is not None and book.near("Kim Yong-Nam") is None
    roles = people.read({"P": {"role": {"2005": "B", "1990": "A"}}}).entries[0]
    assert roles.role_at(dates.parse("1999")) == "A"
    assert roles.role_at(dates.parse("2006-03")) == "B"
    assert roles.role_at(dates.parse("1980")) == ""
    assert roles.role_at(None) == ""

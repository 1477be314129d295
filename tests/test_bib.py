"""``refs.bib`` upkeep: every entry has what the ``brief`` style needs, and is cited.

The rules, by entry type, are those of the note
``Author, “Title,” Publication, Month Day, Year, URL (accessed Month Day, Year).``:
a title, a publication, a date; a report's institution; the access date of a web page
(``url``) or of a database (``library``).  Citations are read from the pages' ``{footcite}``
and ``{cite}`` roles and from the ``:source:`` option of quotes and events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, Entry, parse_file

from sphinx_brief import citations
from sphinx_brief.core import dates

from .conftest import DOCS, ROOT

BIB = ROOT / "refs.bib"

#: Every entry needs one field of each group.
ALWAYS: tuple[tuple[str, ...], ...] = (
    ("title",),
    citations.PUBLICATION_FIELDS,
    ("date", "year"),
)
#: And, by type, one field of each of these groups.
BY_TYPE: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journal", "journaltitle"),),
    "report": (("institution",),),
    "techreport": (("institution",),),
    "book": (("publisher",),),
    "inbook": (("publisher",),),
    "incollection": (("booktitle",),),
    "inproceedings": (("booktitle",),),
    "thesis": (("institution", "school"),),
}
#: A field that needs another: the access date of a web page or of a database.
NEEDS = {"url": "urldate", "library": "urldate"}
#: Web sources whose original note gives no access date (notes 3, 4 and 8 of the seed): an
#: access date is never invented.  An entry leaves this list when its date is known.
NO_ACCESS_DATE_IN_ORIGINAL = frozenset(
    {"armscontrol2007missile", "telegraph2007nuclear", "nti2010launchpad"}
)

_ROLE = re.compile(r"[{:](?:foot)?cite(?::\w+)?[}:]`([^`]+)`")
_SOURCE = re.compile(r"^\s*:source:\s*(.+?)\s*$", re.M)
#: ``{note}`see @a, 4; @b``` cites a and b
_NOTE = re.compile(r"[{:]note[}:]`([^`]+)`")
_NOTE_KEY = re.compile(r"(?<![\w@])@([^\s,;@]+)")


@pytest.fixture(scope="module")
def bib() -> BibliographyData:
    return parse_file(str(BIB), bib_format="bibtex")


def pages() -> Iterator[Path]:
    for path in sorted(DOCS.rglob("*")):
        if path.suffix in {".md", ".rst"} and "_build" not in path.parts:
            yield path


def citations_in_docs() -> dict[str, list[str]]:
    """Cited key → where (``page:line``), from roles and ``:source:`` options."""
    cited: dict[str, list[str]] = {}
    for path in pages():
        text = path.read_text(encoding="utf-8")
        for match in _NOTE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            for key in _NOTE_KEY.findall(match.group(1)):
                cited.setdefault(key, []).append(f"{path.name}:{line}")
        for pattern in (_ROLE, _SOURCE):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                for key in match.group(1).split(","):
                    if key.strip():
                        where = f"{path.relative_to(ROOT)}:{line}"
                        cited.setdefault(key.strip(), []).append(where)
    return cited


def missing_fields(entry: Entry) -> list[str]:
    fields = {name.lower() for name, value in entry.fields.items() if str(value).strip()}
    groups = ALWAYS + BY_TYPE.get(entry.type.lower(), ())
    missing = [" or ".join(group) for group in groups if not fields & set(group)]
    for field, needed in NEEDS.items():
        if field in fields and needed not in fields:
            if field == "url" and entry.key in NO_ACCESS_DATE_IN_ORIGINAL:
                continue
            missing.append(f"{needed} (it has {field})")
    return missing


def test_the_bib_file_has_entries(bib: BibliographyData) -> None:
    assert len(bib.entries) >= 22


def test_every_entry_has_the_fields_its_type_needs(bib: BibliographyData) -> None:
    problems = {key: missing_fields(entry) for key, entry in bib.entries.items()}
    problems = {key: missing for key, missing in problems.items() if missing}
    assert not problems, "\n".join(f"{k}: needs {', '.join(v)}" for k, v in problems.items())


def test_dates_are_readable(bib: BibliographyData) -> None:
    for key, entry in bib.entries.items():
        assert citations.publication_date(entry) is not None, key
        if "urldate" in entry.fields:
            accessed = dates.parse(entry.fields["urldate"])
            published = citations.publication_date(entry)
            assert published is not None and accessed.start >= published.start, (
                f"{key}: accessed before it was published"
            )


def test_the_style_renders_every_entry_without_a_problem(bib: BibliographyData) -> None:
    style = citations.BriefStyle()
    for key, entry in bib.entries.items():
        problems: list[str] = []
        note = style.format_note(entry, problems)
        assert not problems, f"{key}: {problems}"
        assert str(note).endswith((".", "?", "!", "…")), key


def test_only_entries_without_an_access_date_are_excused(bib: BibliographyData) -> None:
    without = {
        key for key, e in bib.entries.items() if "url" in e.fields and "urldate" not in e.fields
    }
    assert without == NO_ACCESS_DATE_IN_ORIGINAL


def test_every_entry_is_cited_somewhere(bib: BibliographyData) -> None:
    cited = citations_in_docs()
    uncited = sorted(key for key in bib.entries if key not in cited)
    assert not uncited, f"never cited in docs/: {uncited}"


def test_every_citation_names_a_known_key(bib: BibliographyData) -> None:
    known = set(bib.entries.keys())
    unknown = {key: where for key, where in citations_in_docs().items() if key not in known}
    assert not unknown, f"unknown keys cited: {unknown}"


def test_the_checks_find_faults(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{a, title = {{T}}, date = {2009}, url = {http://x.org}}\n"
        "@report{b, title = {{R}}, publisher = {P}, date = {2009-01-02}}\n"
        "@article{c, title = {{T}}, journal = {J}, year = {2009}, library = {LexisNexis}}\n"
        "@article{d, journal = {J}, date = {2010}, url = {http://y.org}, urldate = {2010-02-01}}\n",
        encoding="utf-8",
    )
    entries = parse_file(str(bib), bib_format="bibtex").entries
    assert missing_fields(entries["a"]) == [
        " or ".join(citations.PUBLICATION_FIELDS),
        "journal or journaltitle",
        "urldate (it has url)",
    ]
    assert missing_fields(entries["b"]) == ["institution"]
    assert missing_fields(entries["c"]) == ["urldate (it has library)"]
    assert missing_fields(entries["d"]) == ["title"]
    page = tmp_path / "page.md"
    page.write_text(
        "A.{footcite}`a,b`\n:::{quote}\n:source: c, d\n:::\nB {cite:p}`e`. C {note}`see @f, 4; @g`\n"
    )
    text = page.read_text()
    keys = [k.strip() for m in _ROLE.finditer(text) for k in m.group(1).split(",")]
    keys += [k.strip() for m in _SOURCE.finditer(text) for k in m.group(1).split(",")]
    keys += [k for m in _NOTE.finditer(text) for k in _NOTE_KEY.findall(m.group(1))]
    assert sorted(keys) == ["a", "b", "c", "d", "e", "f", "g"]

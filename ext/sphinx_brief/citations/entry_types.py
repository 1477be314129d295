"""The kinds of source a brief cites, as the note style sets each: what an entry of each
type needs, and one example per kind in its four forms (full note, short note, the short
citation of collected lists, the Sources page).

REFERENCE.md's table of entry types is :func:`reference_table` (``python -m
sphinx_brief.citations.entry_types`` prints it); ``tests/test_entry_types.py`` checks that
REFERENCE holds exactly it, so the table always says what the code does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pybtex.database import Entry, parse_string
from pybtex.richtext import Text

#: What an entry of a type must name for its note to say where it was published: one of
#: the fields of each group (an institution that is also the author counts).
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journaltitle", "journal"),),
    "incollection": (("booktitle",),),
    "inbook": (("booktitle", "title"),),
    "inproceedings": (("booktitle",),),
    "report": (("institution", "author", "organization", "publisher"),),
    "techreport": (("institution", "author", "organization", "publisher"),),
}


def missing(entry: Entry) -> list[str]:
    """What ``entry`` lacks of what its type needs, as warnings say it."""
    have = {name for name, value in entry.fields.items() if str(value).strip()}
    have |= {role for role, people in entry.persons.items() if people}
    found = []
    for group in REQUIRED.get(entry.type.lower(), ()):
        if not have & set(group):
            names = " or ".join(group)
            found.append(
                f"an @{entry.type.lower()} names no {names}: its note cannot say where it was "
                "published"
            )
    return found


@dataclass(frozen=True)
class Example:
    """One kind of source: what a brief calls it, its entry, and why it is set so."""

    kind: str
    bibtex: str


EXAMPLES = (
    Example(
        "News article",
        "@article{a, author = {Hilder, James}, title = {{North Korea Arms Plane Bound for "
        "Hezbollah}}, journal = {The Times}, date = {2010-05-13}}",
    ),
    Example(
        "Unsigned news item",
        "@article{a, title = {{Statement}}, journal = {IRNA}, date = {2007-08-26}}",
    ),
    Example(
        "Journal article (volume, issue, pages)",
        "@article{a, author = {Pollack, Joshua}, title = {{Ballistic Trajectory}}, "
        "journaltitle = {Nonproliferation Review}, volume = {18}, number = {2}, "
        "date = {2011-07}, pages = {411--29}}",
    ),
    Example(
        "Report (institution, type, number)",
        "@report{a, author = {Squassoni, Sharon}, title = {{Weapons of Mass Destruction}}, "
        "type = {CRS Report}, number = {RL31900}, institution = {Congressional Research "
        "Service}, address = {Washington, DC}, date = {2006-11-28}}",
    ),
    Example(
        "Report of a body (no author)",
        "@report{a, title = {{Country Reports on Terrorism 2024}}, institution = {U.S. "
        "Department of State}, date = {2025-06}}",
    ),
    Example(
        "Book",
        "@book{a, author = {Cha, Victor}, title = {{The Impossible State}}, publisher = "
        "{Ecco}, address = {New York}, date = {2012}}",
    ),
    Example(
        "Chapter in a book",
        "@incollection{a, author = {Lee, Anna}, title = {{Arms and Oil}}, booktitle = "
        "{{Iran and Asia}}, publisher = {Routledge}, date = {2015}, pages = {45--67}}",
    ),
    Example(
        "Testimony or hearing",
        "@misc{a, author = {Litwak, Robert}, title = {{Iran and North Korea}}, howpublished "
        "= {Testimony before the Senate Foreign Relations Committee}, date = {2010-03-04}}",
    ),
    Example(
        "Treaty or law",
        "@legislation{a, title = {Treaty on Comprehensive Strategic Partnership}, date = "
        "{2024-06-19}}",
    ),
    Example(
        "Press release or briefing (described, no title)",
        "@misc{a, titleaddon = {press briefing by the spokesperson}, howpublished = "
        "{Ministry of Foreign Affairs}, date = {2010-05-04}}",
    ),
    Example(
        "Web page",
        "@online{a, title = {{Iran Country Profile}}, organization = {Nuclear Threat "
        "Initiative}, date = {2010-03}, url = {https://www.nti.org/iran}, urldate = "
        "{2010-07-01}}",
    ),
    Example(
        "Dataset",
        "@dataset{a, title = {{Armed Conflict Location and Event Data}}, publisher = "
        "{ACLED}, date = {2026}, url = {https://acleddata.com}}",
    ),
    Example(
        "Social media post",
        "@online{a, author = {{U.S. Embassy Manama}}, title = {{Travel Alert}}, "
        "organization = {X}, date = {2026-01-05}, url = {https://x.com/USEmbassyBH}}",
    ),
    Example(
        "Source in another language (with translation)",
        "@article{a, author = {Kim, Min}, title = {{북한과 이란}}, titleaddon = {North Korea "
        "and Iran}, journal = {Yonhap}, date = {2009-06-15}}",
    ),
    Example(
        "Source named in translation (language)",
        "@article{a, author = {Ivanov, Ivan}, title = {{Russia and Iran}}, journal = "
        "{Mezhdunarodnaya Zhizn}, date = {2010-03}, language = {Russian}}",
    ),
)


def _markdown(text: Text) -> str:
    """The text as REFERENCE writes it: italics between asterisks, an address as text."""
    rendered = str(text.render_as("html"))
    rendered = re.sub(r"</?em>", "*", rendered)
    rendered = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", rendered)
    rendered = re.sub(r"</?span[^>]*>", "", rendered)  # BibTeX's protected capitals
    return html.unescape(rendered).replace("|", "\\|")


def rows() -> Iterator[tuple[str, str, str, str, str, str]]:
    """Each example: kind, fields, full note, short note, collected lists, Sources page."""
    # here, not at the top: the style imports this module (its warnings)
    from .bibentry import compose_entry
    from .compose import Cited, compose_note
    from .settings import NoteSettings
    from .short import short_citation
    from .style import BriefStyle

    style = BriefStyle(settings=NoteSettings(cache=False, archive_links=False))
    for example in EXAMPLES:
        entry = parse_string(example.bibtex, "bibtex").entries["a"]
        parts = style.note_parts(entry, [])
        fields = ", ".join(
            f"`{name}`" for name in [entry.type, *entry.persons, *entry.fields] if name
        )
        collected = "".join(
            f"*{node.astext()}*" if node.tagname == "emphasis" else node.astext()
            for node in short_citation(entry, "en", titled=False)
        )
        yield (
            example.kind,
            fields.replace(f"`{entry.type}`", f"`@{entry.type}`", 1),
            _markdown(compose_note([Cited(parts)])),
            _markdown(compose_note([Cited(parts, form="short")])),
            collected.replace("|", "\\|"),
            _markdown(compose_entry(parts)),
        )


def reference_table() -> str:
    """REFERENCE.md's table of entry types, as the code sets each example."""
    lines = [
        "| kind | entry | full note | short note | collected lists | Sources page |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(reference_table(), end="")

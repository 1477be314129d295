"""The kinds of source a brief cites: what an entry of each type needs (warned by the note
style when it lacks it), and one example of each kind, which :mod:`.examples` sets in its
four forms for REFERENCE's table of entry types.
"""

from __future__ import annotations

from dataclasses import dataclass

from pybtex.database import Entry

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
    """What ``entry`` lacks of what its type needs, as warnings say it.  An entry with a
    ``crossref`` or ``xdata`` takes fields from another entry: the crossref checks
    (:mod:`.bibfaults`) own it."""
    if any(entry.fields.get(name, "").strip() for name in ("crossref", "xdata")):
        return []
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

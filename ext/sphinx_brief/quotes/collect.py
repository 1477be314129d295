"""The ``quotations`` list, filled when its page is written from every page's records.

Speakers stand in the order of the index: by the name's index form, family name first
(:mod:`..core.names`), so "Kim Yong-Nam" sorts under K and "Gholam Ali Khushroo" under K
too, after him.  Each quotation links back to where it is quoted: "in “Economic
Relationship”", the title of its section, in quotation marks.

The list on another page cannot use the quoting page's notes (they belong to that page), so
it shows a source as its full note text the first time a speaker's group cites it; later
quotations of the group refer to it briefly (the short citation, linked to the Sources
page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from ..citations import sources
from ..citations.short import SourceIndex
from ..core import dates, names, people
from ..core.domain import get_domain
from ..core.links import refnode
from ..core.logs import warn
from ..core.text import quotation_marks
from .nodes import (
    attribution_parts,
    brief_attribution,
    brief_quotations,
    brief_quote,
    brief_quote_body,
)
from .records import KIND, QuoteRecord, speaker_key


def collected(
    env: BuildEnvironment, speaker: str = ""
) -> list[tuple[str, list[tuple[str, QuoteRecord]]]]:
    """Quotes grouped by speaker: ``[(speaker, [(docname, record), …]), …]``.

    Speakers in name order; a speaker's quotes by date (undated last), then in declaration
    order (page name, then position in the page), whatever the build's parallelism.
    """
    declared = people.of(env.config.brief_people).get(speaker) if speaker else None
    wanted = speaker_key(declared.name if declared is not None else speaker) if speaker else None
    groups: dict[str, list[tuple[str, int, QuoteRecord]]] = {}
    speakers: dict[str, str] = {}
    index_forms: dict[str, str] = {}
    for docname, position, record in get_domain(env).records(KIND):
        key = speaker_key(record.group_name)
        if wanted is not None and key != wanted:
            continue
        speakers.setdefault(key, record.group_name)
        index_forms.setdefault(key, record.index_name)
        groups.setdefault(key, []).append((docname, position, record))

    def order(item: tuple[str, int, QuoteRecord]) -> tuple[Any, ...]:
        docname, position, record = item
        date = _safe_date(record)
        when = (0, *date.sort_key) if date is not None else (1, 0, 0)
        return (*when, docname, position)

    return [
        (speakers[key], [(d, r) for d, _, r in sorted(groups[key], key=order)])
        for key in sorted(groups, key=lambda k: (names.sort_key(index_forms[k]), k))
    ]


def _safe_date(record: QuoteRecord) -> dates.BriefDate | None:
    try:
        return record.brief_date
    except dates.DateError:  # recorded by an older version of the parser
        return None


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _section_depth(node: nodes.Node) -> int:
    depth = 0
    for ancestor in _ancestors(node):
        if isinstance(ancestor, addnodes.start_of_file):
            break
        if isinstance(ancestor, nodes.section):
            depth += 1
    return depth


def _rendered_entry(
    app: Sphinx,
    fromdoc: str,
    docname: str,
    record: QuoteRecord,
    cited: set[str],
    short: SourceIndex,
) -> list[nodes.Node]:
    """A quotation of the list; ``cited`` holds the sources its speaker's group has given
    in full already (they are then cited briefly), and gains this one's."""
    env = app.env
    quote = brief_quote(classes=["brief-quote", "brief-collected"])
    # what the entry shows, for writers of metadata (JSON-LD) at write time
    quote["brief_record"], quote["brief_docname"] = record, docname
    body = brief_quote_body()
    for runs in record.paragraphs:
        paragraph = nodes.paragraph()
        for style, text in runs:
            if style == "emphasis":
                paragraph += nodes.emphasis(text, text)
            elif style == "strong":
                paragraph += nodes.strong(text, text)
            elif style == "literal":
                paragraph += nodes.literal(text, text)
            else:
                paragraph += nodes.Text(text)
        body += paragraph
    quote += body

    attribution = brief_attribution("", "", classes=["brief-attribution"])
    attribution.extend(attribution_parts("", record.role, _safe_date(record), env.config.language))
    context = record.context or (env.titles[docname].astext() if docname in env.titles else docname)
    opening, closing = quotation_marks(env.config.language)
    # the section's title, in quotation marks: a title, not a place
    title = nodes.inline("", "", nodes.Text(opening + context + closing), classes=["brief-section"])
    try:
        link: nodes.Node = refnode(app.builder, fromdoc, docname, record.anchor, title)
    except NoUri:  # a builder that does not write that page
        link = title
    if len(attribution):
        attribution += nodes.Text(", ")
    attribution += nodes.Text("in ")
    attribution += nodes.inline("", "", link, classes=["brief-context"])
    quote += attribution

    entry: list[nodes.Node] = [quote]
    notes: list[list[nodes.Node]] = []
    for key in record.sources:
        if key in cited:  # given in full above, in this speaker's group
            notes.append([short.citation(key, fromdoc), nodes.Text(".")])
            continue
        note = sources.format_note(env, key)
        if note:
            cited.add(key)
            notes.append(note)
    if notes:
        line = nodes.paragraph(classes=["brief-quote-sources"])
        line += nodes.Text("Sources: " if len(notes) > 1 else "Source: ")
        for number, note in enumerate(notes):
            if number:
                line += nodes.Text(" ")
            line.extend(note)
        if short.typography is not None:
            # made after Sphinx educated the page's prose: given its typography here, as the
            # notes of the quoting page have it (addresses kept as written)
            short.typography.nodes(line)
        entry.append(line)
    elif record.unsourced is not None and env.config.brief_unsourced_shown:
        said = nodes.paragraph(classes=["brief-quote-sources", "brief-unsourced"])
        said += nodes.Text(sources.unsourced_words(record.unsourced))
        entry.append(said)
    return entry


def fill_quotations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by the list it asks for."""
    for placeholder in list(doctree.findall(brief_quotations)):
        fromdoc = placeholder.get("docname", docname)
        speaker = placeholder.get("speaker", "")
        groups = collected(app.env, speaker)
        result = nodes.container(classes=placeholder["classes"])
        short = SourceIndex(app.env, doctree)
        level = _section_depth(placeholder) + 1
        for name, entries in groups:
            heading = nodes.rubric(name, name, classes=["brief-speaker"])
            if 1 <= level <= 6:
                heading["heading-level"] = level
            result += heading
            cited: set[str] = set()
            for page, record in entries:
                result.extend(_rendered_entry(app, fromdoc, page, record, cited, short))
        if not groups:
            text = f"No quotation of {speaker}." if speaker else "No quotation."
            result += nodes.paragraph(text, text)
            if speaker:
                warn(
                    "no-quotations",
                    "quotations: no quote has the speaker %r",
                    speaker,
                    location=placeholder,
                )
        placeholder.replace_self(result)


# -- quotes.json ---------------------------------------------------------------------------

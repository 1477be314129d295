"""A timeline in print: in full, short, or as a reference to the chronology (``:print:``).

The PDF sets every page of the brief in one document, where a filtered timeline (a
chronology's part on a page of its own, a section's missiles) would print again entries
that the chronology prints in full.  A timeline's ``:print:`` says how the PDF prints it:

- ``full``: every entry, as the chronology and the website show them;
- ``short``: one line an entry, its date and title, the title linked to the entry in the
  chronology (without a chronology, to the event where the brief tells it), under a
  sentence that gives the chronology's page;
- ``reference``: one sentence, "See the chronology, p. N, for these events.", linked.

The chronology is the document's first timeline that collects every event (no body, no
filter) and is printed in full; it is the target of those links (its entries get ids, its
list a label).  Without the option, a timeline that collects events through a filter
(``:tags:``, ``:from:``, ``:until:``, ``:within:``) is printed short where the PDF has a
chronology, since its entries are there already; every other timeline is printed in full
(with no chronology to refer to, its entries are printed nowhere else).

Only LaTeX builders read the option: the website's and the ePub's readers filter a
chronology with its tags, and their timelines are laid out as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..core import emphasis
from ..core.links import placeholder_link
from ..core.logs import warn
from .entries import SEE_CHRONOLOGY, SEPARATOR, THE_CHRONOLOGY, TOLD_IN_FULL, Shown
from .nodes import (
    brief_timeline,
    brief_timeline_date,
    brief_timeline_entry,
    brief_timeline_head,
    brief_timeline_list,
    brief_timeline_pageref,
)

FULL, SHORT, REFERENCE = "full", "short", "reference"
#: The values of ``:print:``.
PRINT_MODES = (FULL, SHORT, REFERENCE)
#: Where the decision is kept on a timeline node, for the layout (:mod:`.collect`).
DECIDED = "brief_printed"
#: The label of the chronology's list in the PDF, whose page the sentences give.
CHRONOLOGY_ID = "brief-chronology"


def filtered(timeline: brief_timeline) -> bool:
    """Whether a filter keeps some events out (an unreadable one keeps out every event)."""
    bounds = (timeline.get(key, "") for key in ("from", "until", "within"))
    return bool(timeline.get("tags") or any(bounds) or timeline.get("unreadable"))


def _is_chronology(timeline: brief_timeline) -> bool:
    return (
        bool(timeline.get("collect"))
        and not filtered(timeline)
        and timeline.get("print", "") in ("", FULL)
    )


def plan(timelines: Sequence[brief_timeline], latex: bool) -> brief_timeline | None:
    """How each timeline of the document is printed (kept on it as :data:`DECIDED`), and
    the chronology they refer to, if the document has one (LaTeX builders only)."""
    chronology = next((t for t in timelines if _is_chronology(t)), None) if latex else None
    if chronology is not None and CHRONOLOGY_ID not in chronology["ids"]:
        chronology["ids"].append(CHRONOLOGY_ID)
    for timeline in timelines:
        timeline[DECIDED] = _decide(timeline, chronology) if latex else FULL
    return chronology


def _decide(timeline: brief_timeline, chronology: brief_timeline | None) -> str:
    asked = timeline.get("print", "")
    if timeline is chronology or asked == FULL:
        return FULL
    if asked == REFERENCE and chronology is None:
        warn(
            "option-value",
            "timeline: :print: reference refers to the chronology, but the PDF has none (a "
            "timeline without body or filters, printed in full); the events are printed short",
            location=timeline,
        )
        return SHORT
    if asked:
        return str(asked)
    if timeline.get("collect") and filtered(timeline) and chronology is not None:
        return SHORT
    return FULL


def entry_id(docname: str, anchor: str) -> str:
    """The id of an event's entry in the chronology (unique in the PDF)."""
    return f"chronology-{nodes.make_id(docname)}-{anchor}"


def with_ids(shown: Sequence[Shown]) -> list[Shown]:
    """The chronology's entries, each with the id that short timelines link to."""
    return [
        item if item.ids else item._replace(ids=(entry_id(item.docname, item.record.anchor),))
        for item in shown
    ]


def _page_of(chronology: brief_timeline, fromdoc: str, words: tuple[str, str, str]) -> nodes.Node:
    """A sentence around "the chronology, p. N" (linked; N is LaTeX's ``\\pageref``)."""
    todoc = chronology["docname"]
    sentence = nodes.paragraph(classes=["brief-timeline-printed"])
    sentence += nodes.Text(words[0])
    link_text = nodes.Text(THE_CHRONOLOGY)
    sentence += placeholder_link(fromdoc, todoc, CHRONOLOGY_ID, [link_text])
    sentence += nodes.Text(words[1])
    sentence += brief_timeline_pageref("", "", brief_todoc=todoc, brief_toid=CHRONOLOGY_ID)
    sentence += nodes.Text(words[2])
    # a container: the LaTeX writer sets it in its class's environment (sphinxbrieftimeline.sty)
    return nodes.container("", sentence, classes=["brief-timeline-printed"])


def reference(chronology: brief_timeline, fromdoc: str) -> nodes.Node:
    """``reference``: the one sentence printed for the timeline."""
    return _page_of(chronology, fromdoc, SEE_CHRONOLOGY)


def short(
    shown: Sequence[Shown], fromdoc: str, chronology: brief_timeline | None
) -> list[nodes.Node]:
    """``short``: the sentence naming the chronology's page (if there is one) and the list,
    each entry its date and its title linked to the event's entry in the chronology (else
    to the event in the text; an entry that is the event itself is the target)."""
    items = []
    for item in shown:
        record = item.record
        entry = brief_timeline_entry(classes=["brief-timeline-entry"], ids=list(item.ids))
        entry["brief_record"], entry["brief_docname"] = record, item.back_to or fromdoc
        head = brief_timeline_head()
        head += brief_timeline_date(
            record.date_display, record.date_display, datetime=record.datetime
        )
        head += nodes.inline(SEPARATOR, SEPARATOR, classes=["brief-timeline-sep"])
        title = nodes.inline(
            emphasis.plain(record.title),
            "",
            *emphasis.to_nodes(record.title),
            classes=["brief-timeline-title"],
        )
        if chronology is not None:
            to = (chronology["docname"], entry_id(item.docname, record.anchor))
            head += placeholder_link(fromdoc, *to, [title])
        elif item.back_to is not None:  # collected: the event where the brief tells it
            head += placeholder_link(fromdoc, item.back_to, record.anchor, [title])
        else:
            head += title
        entry += head
        items.append(entry)
    printed: list[nodes.Node] = []
    if chronology is not None:
        printed.append(_page_of(chronology, fromdoc, TOLD_IN_FULL))
    printed.append(
        brief_timeline_list("", *items, classes=["brief-timeline", "brief-timeline-short"])
    )
    return printed


def kept_with_next(meta: nodes.Node) -> nodes.Node:
    """An entry's tags and place, in a container that the PDF keeps on the page of what
    follows it (the body's first lines, or the sources)."""
    return nodes.container("", meta, classes=["brief-timeline-start"])


def kept_together(parts: Sequence[nodes.Node]) -> nodes.Node:
    """An entry's last paragraphs (editor's note, sources, "In context") in one container,
    which the PDF keeps on the page of the lines before them (sphinxbrieftimeline.sty)."""
    return nodes.container("", *parts, classes=["brief-timeline-end"])

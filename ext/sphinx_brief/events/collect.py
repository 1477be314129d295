"""Timelines laid out at write time, when every page's events are known.

A post-transform (before references are resolved) turns each ``brief_timeline`` into a
legend and an ordered list of entries: date, title, tag labels, place, body, the date's
editor's note, short citations of the sources, and, for collected entries, a link back to
where the event is told.  Events outside timelines are left as bare anchors.

Bodies of collected entries are the nodes the declaring page stored when it was read (kept
apart from its doctree: :func:`.bodies.store_bodies`): they were parsed once,
in their own page's context, so roles and references in them mean what the author wrote.
The copies lose their ids (the original keeps them) and any note reference (the note
belongs to the declaring page; the event directive warns about it).

HTML builders get each list of entries as finished markup (:mod:`.html`,
the same markup in a fraction of the time); every other builder gets the nodes below.  A
LaTeX build lays out every timeline of the PDF at once: a timeline is printed in full,
short or as a reference to the chronology (``:print:``, :mod:`.printed`), and an entry's
tags and last paragraphs stand in containers the PDF keeps on the page of the lines beside
them.

Sources are short citations ("Hilder, *The Times*, May 13, 2010") linked to the full entry
of a ``bibliography`` (the Sources page): they need no note on the timeline's page, so a
timeline may stand on any page, in HTML, LaTeX and ePub alike.  Links are written as
placeholders and given their address on ``doctree-resolved``, where the builder is known.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import editorial
from ..citations.short import SourceIndex
from ..citations.sources import unsourced_words
from ..core import emphasis
from ..core.domain import get_domain
from ..core.links import placeholder_link
from . import html as timeline_html
from . import overview, printed
from .bodies import DROPPED, Markup, StoredBodies, stored_bodies
from .entries import EMPTY, IN_CONTEXT, PLACE, SEPARATOR, SOURCE, SOURCES, TAGS, Shown
from .nodes import (
    brief_event,
    brief_timeline,
    brief_timeline_date,
    brief_timeline_entry,
    brief_timeline_head,
    brief_timeline_list,
)
from .records import KIND, EventRecord, TimelineFilter, in_timeline_order, record_from_node, select

#: HTML builders get entries as finished markup (:mod:`sphinx_brief.timeline_html`); False
#: gives them nodes, as every other builder (the tests compare the two).
HTML_STRINGS = True

#: How many colours the stylesheets give tags (``brief-tag-1`` …); tags cycle through them,
#: as the overview's marks do (overview_marks.COLOURS: shapes tell the rounds apart).
TAG_COLOURS = 8


def _label(text: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["brief-timeline-label"])


def _detached(body: Sequence[nodes.Node], fromdoc: str, *, copy: bool = True) -> list[nodes.Node]:
    """A body for another place (copies, or the nodes themselves if ``copy`` is False):
    no ids or anchors, no note references, no tie to the document it was read from."""
    holder = nodes.container()
    holder.extend([child.deepcopy() for child in body] if copy else body)
    for node in list(holder.findall(include_self=False)):
        # the document is the one the body is placed in (a copy has none either)
        node.document = None
        if not isinstance(node, nodes.Element):
            continue
        if isinstance(node, DROPPED):
            # a note belongs to its page; an anchor to its original
            node.parent.remove(node)
            continue
        node["ids"] = []
        node["names"] = []
        if isinstance(node, addnodes.pending_xref) and node.get("reftype") != "doc":
            # resolve relative to the page the copy is written on (a same-page link
            # of the declaring page would otherwise point into this one)
            node["refdoc"] = fromdoc
    return list(holder.children)


class _Layout:
    """Builds the entries of the timelines of one document."""

    def __init__(
        self,
        env: BuildEnvironment,
        app: Sphinx | None = None,
        document: nodes.document | None = None,
    ) -> None:
        self.env = env
        self.tags: dict[str, str] = dict(env.config.brief_tags)
        # short citations set as the prose of the page they are written on (smart quotes)
        self.sources = SourceIndex(env, document)
        self.shows_unsourced = bool(env.config.brief_unsourced_shown)
        self._kept_bodies: dict[str, StoredBodies | None] = {}
        self._bodies: dict[str, dict[str, list[nodes.Node]]] = {}
        self._markup: dict[str, dict[str, tuple[Markup, ...]]] = {}
        self._placed: set[tuple[str, str]] = set()  # stored bodies placed in the document
        self.overviews = 0  # overviews drawn in the document (their ids are numbered)
        # the PDF: entries' last paragraphs kept together; timelines printed short or as a
        # reference to the chronology, if the document has one (:mod:`.printed`)
        self.latex = app is not None and app.builder.format == "latex"
        self.chronology: brief_timeline | None = None
        # HTML builders: entries as finished markup (see timeline_html); others: nodes
        self.html: timeline_html.HtmlEntries | None = None
        if app is not None and HTML_STRINGS and timeline_html.applies(app):
            self.html = timeline_html.HtmlEntries(app, self.label, self.sources)

    def tag_colour(self, tag: str) -> int:
        """The number of the tag's colour (``brief-tag-N``; 0 for an undeclared tag)."""
        order = list(self.tags)
        return order.index(tag) % TAG_COLOURS + 1 if tag in order else 0

    def tag_classes(self, tag: str) -> list[str]:
        return ["brief-tag", f"brief-tag-{self.tag_colour(tag)}"]

    def label(self, tag: str) -> tuple[str, list[str]]:
        """A tag's label and classes."""
        return self.tags.get(tag, tag), self.tag_classes(tag)

    def tag(self, tag: str) -> nodes.inline:
        label, classes = self.label(tag)
        return nodes.inline(label, label, classes=classes)

    def _kept(self, docname: str) -> StoredBodies | None:
        if docname not in self._kept_bodies:
            self._kept_bodies[docname] = stored_bodies(self.env, docname)
        return self._kept_bodies[docname]

    def stored_markup(self, docname: str, anchor: str) -> tuple[Markup, ...] | None:
        """An event's body as markup, if it is simple enough (:func:`.events.body_markup`)."""
        if docname not in self._markup:
            kept = self._kept(docname)
            self._markup[docname] = {} if kept is None else kept.markup()
        return self._markup[docname].get(anchor)

    def stored_body(self, docname: str, anchor: str) -> list[nodes.Node]:
        """The body of an event as its page stored it (one read of each page's bodies)."""
        if docname not in self._bodies:
            kept = self._kept(docname)
            if kept is not None:
                self._bodies[docname] = kept.bodies()
            else:  # not kept apart: the page's doctree has them
                doctree = self.env.get_doctree(docname)
                self._bodies[docname] = {
                    event["ids"][0]: list(event.children)
                    for event in doctree.findall(brief_event)
                    if event["ids"]
                }
        return self._bodies[docname].get(anchor, [])

    def entry(
        self,
        record: EventRecord,
        fromdoc: str,
        body: Sequence[nodes.Node],
        *,
        ids: Sequence[str] = (),
        back_to: str | None = None,
    ) -> brief_timeline_entry:
        entry = brief_timeline_entry(classes=["brief-timeline-entry"], ids=list(ids))
        # what the entry shows, for writers of metadata (JSON-LD) at write time
        entry["brief_record"], entry["brief_docname"] = record, back_to or fromdoc
        shown = record.date_display
        head = brief_timeline_head()
        head += brief_timeline_date(shown, shown, datetime=record.datetime)
        head += nodes.inline(SEPARATOR, SEPARATOR, classes=["brief-timeline-sep"])
        title = emphasis.to_nodes(record.title)  # a work's title in italics (core/emphasis.py)
        head += nodes.strong(
            emphasis.plain(record.title), "", *title, classes=["brief-timeline-title"]
        )
        entry += head
        if record.tags or record.place:
            meta = nodes.paragraph(classes=["brief-timeline-meta"])
            if record.tags:
                meta += _label(TAGS)
                for index, tag in enumerate(record.tags):
                    if index:
                        meta += nodes.Text(", ")
                    meta += self.tag(tag)
            if record.place:
                if record.tags:
                    meta += nodes.Text(SEPARATOR)
                meta += _label(PLACE)
                meta += nodes.inline(record.place, record.place, classes=["brief-timeline-place"])
            # the PDF: the title and the tags stay with what follows them
            entry += printed.kept_with_next(meta) if self.latex else meta
        entry.extend(body)
        end: list[nodes.Node] = []  # the last paragraphs, after the body
        if record.date_note:
            note = nodes.paragraph(classes=["brief-timeline-note"])
            note += editorial.make_note(record.date_note)
            end.append(note)
        if record.sources:
            cited = nodes.paragraph(classes=["brief-timeline-sources"])
            cited += nodes.Text(SOURCES if len(record.sources) > 1 else SOURCE)
            for index, key in enumerate(record.sources):
                if index:
                    cited += nodes.Text("; ")
                cited += self.sources.citation(key, fromdoc)
            end.append(cited)
        elif record.unsourced is not None and self.shows_unsourced:
            said = nodes.paragraph(classes=["brief-timeline-sources", "brief-unsourced"])
            said += nodes.Text(unsourced_words(record.unsourced))
            end.append(said)
        if back_to is not None:
            text = IN_CONTEXT + (record.context or back_to)
            back = nodes.paragraph(classes=["brief-timeline-context"])
            back += placeholder_link(fromdoc, back_to, record.anchor, [nodes.Text(text)])
            end.append(back)
        if self.latex and end:
            entry += printed.kept_together(end)  # never stranded at the head of a page
        else:
            entry.extend(end)
        return entry

    def legend(self, records: Sequence[EventRecord]) -> nodes.paragraph | None:
        counts: dict[str, int] = {}
        for record in records:
            for tag in record.tags:
                counts[tag] = counts.get(tag, 0) + 1
        if not counts:
            return None
        order = list(self.tags)
        used = sorted(
            counts, key=lambda t: (t not in order, order.index(t) if t in order else 0, t)
        )
        legend = nodes.paragraph(classes=["brief-timeline-legend"])
        legend += _label(TAGS)
        for index, tag in enumerate(used):
            if index:
                legend += nodes.Text(", ")
            legend += self.tag(tag)
            legend += nodes.Text(f" ({counts[tag]})")
        return legend

    def collected(self, fromdoc: str, timeline_filter: TimelineFilter) -> list[Shown]:
        """Every event of the project that passes the filter, with copies of its body."""
        out = []
        for docname, _, record in select(get_domain(self.env).records(KIND), timeline_filter):
            body: list[nodes.Node] = []
            markup = None
            if record.body.strip() and self.html is not None:
                markup = self.stored_markup(docname, record.anchor)  # HTML needs no node
            if record.body.strip() and markup is None:
                # the stored bodies were unpickled for this document: their nodes are
                # placed the first time, copied the next (an event in several timelines)
                first = (docname, record.anchor) not in self._placed
                self._placed.add((docname, record.anchor))
                stored = self.stored_body(docname, record.anchor)
                body = _detached(stored, fromdoc, copy=not first)
            out.append(Shown(record, docname, body, (), docname, markup))
        return out

    def nested(
        self, timeline: brief_timeline, timeline_filter: TimelineFilter
    ) -> tuple[list[Shown], list[nodes.Node]]:
        """The timeline's own events; anchors for those its filter leaves out."""
        fromdoc = timeline["docname"]
        kept: list[tuple[str, int, EventRecord, brief_event]] = []
        left_out: list[nodes.Node] = []
        for position, event in enumerate(timeline.findall(brief_event)):
            record = record_from_node(event)
            if record is not None and timeline_filter.accepts(record):
                kept.append((fromdoc, position, record, event))
            else:
                # not shown, but links to it still land here
                left_out.append(_to_anchor(event.deepcopy()))
        shown = [
            Shown(record, fromdoc, list(event.children), list(event["ids"]), None)
            for _, _, record, event in in_timeline_order(kept)
        ]
        return shown, left_out

    def render_all(self, timelines: Sequence[brief_timeline]) -> None:
        # the chronology first: timelines before it in the document refer to it
        self.chronology = printed.plan(timelines, self.latex)
        for timeline in timelines:
            self.render(timeline)
        self._bodies.clear()
        self._markup.clear()
        self._kept_bodies.clear()

    def render(self, timeline: brief_timeline) -> None:
        timeline_filter = _filter(timeline)
        fromdoc = timeline["docname"]
        left_out: list[nodes.Node] = []
        if timeline["collect"]:
            shown = self.collected(fromdoc, timeline_filter)
        else:
            shown, left_out = self.nested(timeline, timeline_filter)
        timeline.clear()
        timeline.extend(left_out)
        mode = timeline.get(printed.DECIDED, printed.FULL)
        if timeline is self.chronology:
            shown = printed.with_ids(shown)  # the entries short timelines link to
        if shown and mode == printed.REFERENCE and self.chronology is not None:
            timeline += printed.reference(self.chronology, fromdoc)
            return
        if shown and timeline.get("overview"):
            self.overviews += 1
            shown, drawn = overview.attach(shown, self.overviews, fromdoc, self.tags)
            # just before the chronology: a figure of its own, above the legend and list
            timeline.parent.insert(timeline.parent.index(timeline), drawn)
        if shown and mode == printed.SHORT:
            timeline.extend(printed.short(shown, fromdoc, self.chronology))
            return
        legend = self.legend([item.record for item in shown])
        if legend is not None:
            timeline += legend
        if not shown:
            timeline += nodes.paragraph(EMPTY, EMPTY, classes=["brief-timeline-empty"])
        elif self.html is not None:
            timeline += self.html.timeline_list(shown, fromdoc)
        else:
            items = [
                self.entry(s.record, fromdoc, s.body, ids=s.ids, back_to=s.back_to) for s in shown
            ]
            timeline += brief_timeline_list("", *items, classes=["brief-timeline"])


#: The filter of a timeline whose date filter could not be read: an empty chronology, never
#: every event of the project (what the author meant is unknown; the warning says why).
NOTHING = TimelineFilter(start=float("inf"), end=-float("inf"))


def _filter(timeline: brief_timeline) -> TimelineFilter:
    if timeline.get("unreadable"):
        return NOTHING  # a date filter that could not be read (warned) lets nothing pass
    return TimelineFilter.of(
        timeline["tags"],
        timeline.get("from", ""),
        timeline.get("until", ""),
        timeline.get("within", ""),
    )


def _to_anchor(event: brief_event) -> brief_event:
    """The event without its body, keeping the body's ids so links into it still land.

    The body stays in the stored doctree, where collected timelines copy it from.
    """
    inner = [i for e in event.findall(nodes.Element, include_self=False) for i in e["ids"]]
    event.clear()
    event["ids"].extend(i for i in inner if i not in event["ids"])
    return event


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a chronology is laid out.

    A collected chronology whose bodies must be nodes unpickles them and makes its entries:
    hundreds of thousands of objects at 10,000 events, most of which stay alive until the
    page is written, while the collector, triggered by the count of new objects, would
    walk the whole heap several times over (a third of the page's time, measured).
    Reference counting still frees what it can meanwhile; the collector runs again as
    soon as it is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class TimelineTransform(SphinxPostTransform):
    """Lay out every timeline of the document; leave other events as bare anchors."""

    # After sphinxcontrib-bibtex fills bibliographies (5); before references in copied
    # bodies are resolved (10).
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        timelines = list(self.document.findall(brief_timeline))
        if timelines:
            with _collector_paused():
                # the builder, as Sphinx's own post-transforms get it
                _Layout(self.env, self.env._app, self.document).render_all(timelines)
        for event in self.document.findall(brief_event):
            _to_anchor(event)


def setup(app: Sphinx) -> None:
    app.add_post_transform(TimelineTransform)

"""The ``event`` and ``timeline`` directives: parse, check, record.

An ``event`` becomes a ``brief_event`` node carrying its fields; when the page has been read,
every event of the page (nested ones too) is recorded in the brief domain, in document
order, with the title of the section that tells it.  A ``timeline`` becomes a
``brief_timeline`` node; one without body registers its page as a collector of events, so
the page is rewritten whenever any event changes.  The timeline post-transform
(:mod:`sphinx_brief.timeline`) lays timelines out at write time.

Every check is a warning of type ``brief`` naming the file and line; nothing here raises.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from . import checks, citations, dates, editorial, sources
from .domain import get_domain, register_kind
from .event_nodes import brief_event, brief_timeline
from .event_records import KIND, EventRecord, date_values, split_list

logger = logging.getLogger(__name__)

#: Options that have no check of their own when left empty (``title`` and ``source`` have).
_MAY_NOT_BE_EMPTY = ("tags", "place", "name", "date-note")


def warn(message: str, location: str, subtype: str) -> None:
    logger.warning(message, location=location, type="brief", subtype=subtype)


def bib_entries(env: BuildEnvironment) -> Mapping[str, Entry]:
    """Every entry of the project's bib files (sphinxcontrib-bibtex reads them on start)."""
    entries: Mapping[str, Entry] = env.get_domain("cite").bibdata.data.entries  # type: ignore[attr-defined]
    return entries


def _note_bib_dependency(env: BuildEnvironment) -> None:
    # A page whose checks or short citations read the bib files is re-read when they change.
    for path in sources.bibliography_files(env):
        env.note_dependency(path)


class EventDirective(SphinxDirective):
    """``event``: a dated event, shown in every chronology; an anchor where it stands."""

    has_content = True
    required_arguments = 0  # a missing date is our warning, not docutils' error
    optional_arguments = 1
    final_argument_whitespace = True  # "June 2009" is then reported as a bad EDTF date
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged,
        "tags": directives.unchanged,
        "source": directives.unchanged,
        "place": directives.unchanged,
        "name": directives.unchanged,
        "date-note": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "an event", allowed_in=("a timeline",)):
            return []
        location = self.get_location()
        date_text = (self.arguments[0] if self.arguments else "").strip()
        title = checks.option_text(self, "title", " ".join(("event", date_text)).strip())
        label = f"event {title!r}" if title else "event"
        checks.check_options(self, label, _MAY_NOT_BE_EMPTY)
        options = {"title": title}
        options.update(
            (key, checks.option_text(self, key, label)) for key in ("place", "date-note")
        )
        tags = split_list(checks.option_text(self, "tags", label))

        date: dates.BriefDate | None = None
        if not date_text:
            warn(
                f"{label}: the date is missing (give an EDTF date: .. event:: 2009-06)",
                location,
                "missing",
            )
        else:
            try:
                date = dates.parse(date_text)
            except dates.DateError as exc:
                warn(f"{label}: unusable date: {exc}", location, "date")
        if not title:
            where = f"event {date_text}" if date_text else "event"
            warn(f"{where}: the :title: option is missing", location, "missing")
        check_tags(tags, self.config.brief_tags, location, label)
        # unknown keys are reported (shared with quotes) and left out of the record
        keys = sources.check_sources(self, self.options.get("source"), what=label)
        if date is not None:
            check_date_against_sources(
                date,
                keys,
                bib_entries(self.env),
                location,
                label,
                explained=bool(options["date-note"]),
            )
        if keys:
            _note_bib_dependency(self.env)

        node = brief_event(
            **(date_values(date, self.config.language) if date else {"date": date_text}),
            title=title,
            tags=list(tags),
            sources=list(keys),
            place=options["place"],
            date_note=options["date-note"],
            body="\n".join(self.content),
            valid=date is not None and bool(title),
        )
        self.set_source_info(node)
        if self.content:
            with checks.enclosing(self, "an event"):
                node.extend(self.parse_content_to_nodes())
            if any(True for _ in node.findall(nodes.footnote_reference)):
                warn(
                    f"{label}: a note in an event's body cannot follow it into "
                    "chronologies on other pages; cite with :source:",
                    location,
                    "body-note",
                )
        name = checks.option_text(self, "name", label)
        if name:
            self.options["name"] = name
            self.add_name(node)  # its id derives from the name, a stable link target
        if not node["ids"]:
            node["ids"].append(
                make_id(self.env, self.state.document, "event", _id_term(date_text, title))
            )
            self.state.document.set_id(node)
        return [node]


def _id_term(date_text: str, title: str) -> str:
    # The date and the first words of the title, punctuation dropped ("u.s." would end an
    # id with a dot): readable, and short enough for a URL.
    return " ".join(re.findall(r"\w+", f"{date_text} {title}")[:8]).lower()


def check_tags(tags: Iterable[str], declared: Mapping[str, str], location: str, label: str) -> None:
    for tag in tags:
        if tag not in declared:
            known = ", ".join(sorted(declared)) or "none"
            warn(
                f"{label}: tag {tag!r} is not declared in brief_tags (declared: {known})",
                location,
                "tag",
            )


def check_date_against_sources(
    date: dates.BriefDate,
    keys: Iterable[str],
    entries: Mapping[str, Entry],
    location: str,
    label: str,
    *,
    explained: bool,
) -> None:
    """An event that starts after its source was published is reported, unless explained.

    A ``:date-note:`` is for such an event; on an event dated within what its sources could
    report (or without any source) it explains nothing, and is reported too: most often the
    date was corrected and the note left behind.
    """
    keys = list(keys)
    conflicts: list[tuple[str, dates.BriefDate]] = []
    undated = 0  # sources whose date is unknown: one of them may be the one explained
    for key in keys:
        entry = entries.get(key)
        try:
            published = citations.publication_date(entry) if entry is not None else None
        except citations.EntryProblem:
            published = None  # the note style reports the unreadable date by key
        if published is None:
            undated += 1
        elif dates.starts_after(date, published):
            conflicts.append((key, published))
    if explained:
        if not keys or (not undated and not conflicts):
            which = "any of its sources" if keys else "a source (it has none)"
            warn(
                f"{label} has a :date-note:, but it is not dated after {which}: the note "
                "explains nothing (it is for an event dated after the source that reports "
                "it); remove it, or check the date",
                location,
                "date-note",
            )
        return
    for key, published in conflicts:
        warn(
            f"{label} is dated {date.display()} ({date.edtf}) but its source {key!r} "
            f"was published {published.display()} ({published.edtf}): a source cannot "
            "report what had not happened yet; correct the date or explain it with "
            ":date-note:",
            location,
            "date-source",
        )


class TimelineDirective(SphinxDirective):
    """``timeline``: every event of the project that passes the filters, or its own events."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "from": directives.unchanged,
        "until": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a timeline"):
            return []
        location = self.get_location()
        checks.check_options(self, "timeline", ("tags", "from", "until"))
        tags = split_list(checks.option_text(self, "tags", "timeline"))
        check_tags(tags, self.config.brief_tags, location, "timeline")
        bounds: dict[str, dates.BriefDate | None] = {}
        for option in ("from", "until"):
            text = checks.option_text(self, option, "timeline")
            bounds[option] = None
            if text:
                try:
                    bounds[option] = dates.parse(text)
                except dates.DateError as exc:
                    warn(f"timeline: unusable :{option}: date: {exc}", location, "date")
        start, end = bounds["from"], bounds["until"]
        if start is not None and end is not None and start.start > end.end:
            warn(
                f"timeline: :from: {start.edtf} is after :until: {end.edtf}; "
                "no event can pass both",
                location,
                "range",
            )

        node = brief_timeline(
            tags=list(tags),
            collect=not any(s.strip() for s in self.content),
            **{"from": start.edtf if start else "", "until": end.edtf if end else ""},
        )
        self.set_source_info(node)
        _note_bib_dependency(self.env)
        if not node["collect"]:
            with checks.enclosing(self, "a timeline"):
                children = self.parse_content_to_nodes()
            for child in children:
                if isinstance(child, brief_event):
                    node += child
                elif not isinstance(child, nodes.comment):
                    warn(
                        "timeline: only event directives belong in a timeline's body; "
                        f"{child.tagname!r} left out",
                        location,
                        "content",
                    )
        return [node]


def _context(node: nodes.Element, doctree: nodes.document) -> str:
    """The title of the section that holds ``node`` (or the page's first title)."""
    parent = node.parent
    while parent is not None:
        if (
            isinstance(parent, nodes.section)
            and parent.children
            and isinstance(parent[0], nodes.title)
        ):
            return parent[0].astext()
        parent = parent.parent
    title = doctree.next_node(nodes.title)
    return title.astext() if title is not None else ""


def record_from_node(node: brief_event, context: str = "") -> EventRecord | None:
    if not node.get("valid") or not node["ids"]:
        return None
    return EventRecord(
        date=node["date"],
        date_display=node["date_display"],
        datetime=node["datetime"],
        start=node["start"],
        end=node["end"],
        title=node["title"],
        anchor=node["ids"][0],
        tags=tuple(node["tags"]),
        sources=tuple(node["sources"]),
        place=node["place"],
        date_note=node["date_note"],
        body=node["body"],
        context=context,
    )


def record_events(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the page's events in document order; note its collectors."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    labels = env.domains.standard_domain.labels
    for node in doctree.findall(brief_event):
        record = record_from_node(node, _context(node, doctree))
        if record is None:
            continue
        domain.add_record(KIND, docname, record)
        for name in node["names"]:
            # The standard domain keeps a bare anchor as an anonymous label; give it the
            # event's title so that {ref}`name` works without an explicit link text.
            labels.setdefault(name, (docname, record.anchor, record.title))
    for timeline in doctree.findall(brief_timeline):
        timeline["docname"] = docname
        if timeline["collect"]:
            domain.add_collector(KIND, docname)


#: Inline markup as plain values: ``(node type name, classes, children)``, each child a
#: string (text) or markup.  Builder-independent, cheap to pickle and to read.
Markup = tuple[str, tuple[str, ...], tuple["Markup | str", ...]]

#: The nodes a body may be made of to be kept as :data:`Markup` (exact types: a subclass
#: may be another extension's node, written its own way).
MARKUP_NODES = frozenset(
    {
        nodes.paragraph,
        nodes.emphasis,
        nodes.strong,
        nodes.subscript,
        nodes.superscript,
        editorial.brief_editor_note,
    }
)

#: What a body loses in a chronology on another page (``timeline._detached``): a note
#: belongs to its page, an anchor to the original.
DROPPED = (nodes.footnote_reference, nodes.target)


@dataclass(frozen=True)
class StoredBodies:
    """The bodies of one page's events, kept apart from its doctree (:func:`store_bodies`)."""

    #: ``{anchor: body nodes}``, the nodes tied to no document
    pickled_nodes: bytes
    #: ``{anchor: markup}`` for the bodies made of paragraphs of text and simple inline
    #: markup, as a chronology on another page shows them (:func:`body_markup`): HTML
    #: builders write them without making a node
    pickled_markup: bytes
    # (Pickled: bytes are one object to the garbage collector and to the environment's
    # pickle, however many bodies they hold, and are only read by a chronology.)

    def bodies(self) -> dict[str, list[nodes.Node]]:
        """Every body, as new nodes."""
        bodies: dict[str, list[nodes.Node]] = pickle.loads(self.pickled_nodes)
        return bodies

    def markup(self) -> dict[str, tuple[Markup, ...]]:
        """The simple bodies, as markup."""
        markup: dict[str, tuple[Markup, ...]] = pickle.loads(self.pickled_markup)
        return markup


def store_bodies(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after other handlers: the bodies of the page's events, kept apart
    in the domain for the chronologies that collect them on other pages.

    Such a chronology then reads the bodies of the events it shows, not the whole stored
    doctree of every page that declares one (unpickling a page makes every node of it, and
    a hundred of them, then dropped, cost more than the rest of the chronology).
    """
    bodies: dict[str, list[nodes.Node]] = {}
    markup: dict[str, tuple[Markup, ...]] = {}
    for node in doctree.findall(brief_event):
        if node.get("valid") and node["ids"] and node["body"].strip():
            anchor = node["ids"][0]
            bodies[anchor] = [_standalone(child) for child in node.children]
            simple = body_markup(bodies[anchor])
            if simple is not None:
                markup[anchor] = simple
    if bodies:
        stored = StoredBodies(
            pickle.dumps(bodies, protocol=pickle.HIGHEST_PROTOCOL),
            pickle.dumps(markup, protocol=pickle.HIGHEST_PROTOCOL),
        )
        get_domain(app.env).store(KIND, app.env.docname, stored)


def stored_bodies(env: BuildEnvironment, docname: str) -> StoredBodies | None:
    """What :func:`store_bodies` kept for a page; None if it kept nothing."""
    stored = get_domain(env).stored(KIND, docname)
    return stored if isinstance(stored, StoredBodies) else None


def body_markup(body: Iterable[nodes.Node]) -> tuple[Markup, ...] | None:
    """A body of paragraphs of text, emphasis, strong, sub- and superscripts and editor's
    notes, as :data:`Markup`, once its note references and anchors are dropped and without
    ids, as a chronology on another page shows it (``timeline._detached``); None for any
    other body."""
    paragraphs = []
    for node in body:
        if isinstance(node, DROPPED):
            continue
        if type(node) is not nodes.paragraph:
            return None
        markup = _markup(node)
        if markup is None:
            return None
        paragraphs.append(markup)
    return tuple(paragraphs)


def _markup(node: nodes.Element) -> Markup | None:
    if type(node) not in MARKUP_NODES:
        return None
    classes = tuple(node["classes"])
    if any(name.startswith("language-") for name in classes):
        return None  # writers make such a class an attribute
    if isinstance(node, editorial.brief_editor_note) and classes != (editorial.CLASS,):
        return None  # an inline's class may name the HTML element it is written as
    children: list[Markup | str] = []
    for child in node.children:
        if type(child) is nodes.Text:
            children.append(child.astext())
        elif not isinstance(child, DROPPED):
            markup = _markup(child)
            if markup is None:
                return None
            children.append(markup)
    return (node.tagname, classes, tuple(children))


def _standalone(node: nodes.Node) -> nodes.Node:
    """A copy of a node tied to no document (pickling it would take the document along)."""
    copy = node.deepcopy()
    for part in copy.findall():
        part.document = None
    return copy


def setup(app: Sphinx) -> None:
    """Register the directives, nodes, transforms and outputs of events and timelines."""
    from . import event_export, event_writers, timeline

    register_kind(KIND)
    app.add_directive("event", EventDirective)
    app.add_directive("timeline", TimelineDirective)
    app.connect("doctree-read", record_events)
    app.connect("doctree-read", store_bodies, priority=900)  # the body as it is stored
    event_writers.setup(app)
    timeline.setup(app)
    event_export.setup(app)

"""The ``event`` and ``timeline`` directives: parse and check.

An ``event`` becomes a ``brief_event`` node carrying its fields; when the page has been read
it is recorded in the brief domain (:mod:`.records`).  A ``timeline`` becomes a
``brief_timeline`` node; one without body collects every event of the project, and is laid
out when the page is written (:mod:`.collect`).

Every check is a warning of type ``brief`` naming the file and line; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.util.nodes import make_id

from .. import bibtex
from ..citations import fields, sources
from ..citations.marks import brief_note_ref
from ..core import checks, dates
from ..core.component import BriefDirective
from ..core.logs import warn
from ..core.text import split_list
from ..core.typography import educated
from .nodes import brief_event, brief_timeline
from .printed import PRINT_MODES
from .records import date_values

#: Options that have no check of their own when left empty (``title`` and ``source`` have).
_MAY_NOT_BE_EMPTY = ("tags", "place", "name", "date-note")


class EventDirective(BriefDirective):
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
        "unsourced": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "an event", allowed_in=("a timeline",)):
            return []
        date_text = (self.arguments[0] if self.arguments else "").strip()
        self.what = " ".join(("event", date_text)).strip()
        title = self.option("title")
        self.what = f"event {title!r}" if title else "event"
        checks.check_options(self, self.what, _MAY_NOT_BE_EMPTY)
        place, date_note = self.option("place"), self.option("date-note")
        tags = split_list(self.option("tags"))

        date: dates.BriefDate | None = None
        if not date_text:
            self.warn(
                "missing",
                f"{self.what}: the date is missing (give an EDTF date: .. event:: 2009-06)",
            )
        else:
            try:
                date = dates.parse(date_text)
            except dates.DateError as exc:
                self.warn("date", f"{self.what}: unusable date: {exc}")
        if not title:
            where = f"event {date_text}" if date_text else "event"
            self.warn("missing", f"{where}: the :title: option is missing")
        location = self.get_location()
        check_tags(tags, self.config.brief_tags, location, self.what)
        # unknown keys are reported (shared with quotes) and left out of the record
        unsourced = sources.declared_unsourced(self, self.what)
        keys = sources.check_sources(
            self, self.options.get("source"), what=self.what, declared=unsourced is not None
        )
        if date is not None:
            check_date_against_sources(
                date,
                keys,
                bibtex.entries(self.env),
                location,
                self.what,
                explained=bool(date_note),
            )
        if keys:
            sources.note_bib_dependency(self.env)

        node = brief_event(
            **(date_values(date, self.config.language) if date else {"date": date_text}),
            # set as the prose around them: quotes, dashes, apostrophes
            title=educated(self, title),
            tags=list(tags),
            sources=list(keys),
            place=educated(self, place),
            date_note=educated(self, date_note),
            # None: sources required; a string: the original gives none, and why
            unsourced=None if unsourced is None else educated(self, unsourced),
            body="\n".join(self.content),
            valid=date is not None and bool(title),
        )
        self.set_source_info(node)
        if self.content:
            with checks.enclosing(self, "an event", notes=self._body_notes()):
                node.extend(self.parse_content_to_nodes())
            # A {note} says so itself, at its own line (the rule above); other notes
            # (footcite, [^x]) cannot tell where they stand: said at the event.
            if any(
                not isinstance(r, brief_note_ref) for r in node.findall(nodes.footnote_reference)
            ):
                self.warn(
                    "body-note",
                    f"{self.what}: a note in an event's body cannot follow it into "
                    "chronologies on other pages; cite with :source:",
                )
        name = self.option("name")
        if name:
            self.options["name"] = name
            self.add_name(node)  # its id derives from the name, a stable link target
        if not node["ids"]:
            node["ids"].append(
                make_id(self.env, self.state.document, "event", _id_term(date_text, title))
            )
            self.state.document.set_id(node)
        return [node]

    def _body_notes(self) -> checks.BodyNotes:
        """The rule for a ``{note}`` in the body: kept in a timeline on the event's page,
        which shows the body, but not followed into chronologies on other pages; left out
        of an event outside a timeline, whose body is shown only by chronologies."""
        if checks.enclosed_by(self) == "a timeline":
            return checks.BodyNotes(
                f"{self.what}: a note in an event's body cannot follow it into chronologies "
                "on other pages; cite with :source:",
                kept=True,
            )
        return checks.BodyNotes(
            f"{self.what}: a note in an event's body is left out (the body is shown only in "
            "chronologies, and a note cannot follow it there); cite with :source:",
            kept=False,
        )


def _id_term(date_text: str, title: str) -> str:
    # The date and the first words of the title, punctuation dropped ("u.s." would end an
    # id with a dot): readable, and short enough for a URL.
    return " ".join(re.findall(r"\w+", f"{date_text} {title}")[:8]).lower()


def check_tags(tags: Iterable[str], declared: Mapping[str, str], location: str, label: str) -> None:
    for tag in tags:
        if tag not in declared:
            known = ", ".join(sorted(declared)) or "none"
            warn(
                "tag",
                f"{label}: tag {tag!r} is not declared in brief_tags (declared: {known})",
                location=location,
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
            published = fields.publication_date(entry) if entry is not None else None
        except fields.EntryProblem:
            published = None  # the note style reports the unreadable date by key
        if published is None:
            undated += 1
        elif dates.starts_after(date, published):
            conflicts.append((key, published))
    if explained:
        if not keys or (not undated and not conflicts):
            which = "any of its sources" if keys else "a source (it has none)"
            warn(
                "date-note",
                f"{label} has a :date-note:, but it is not dated after {which}: the note "
                "explains nothing (it is for an event dated after the source that reports "
                "it); remove it, or check the date",
                location=location,
            )
        return
    for key, published in conflicts:
        warn(
            "date-source",
            f"{label} is dated {date.display()} ({date.edtf}) but its source {key!r} "
            f"was published {published.display()} ({published.edtf}): a source cannot "
            "report what had not happened yet; correct the date or explain it with "
            ":date-note:",
            location=location,
        )


#: The date filters of a timeline (see :mod:`.records` for what each keeps).
_DATE_FILTERS = ("from", "until", "within")


class TimelineDirective(BriefDirective):
    """``timeline``: every event of the project that passes the filters, or its own events.

    ``:from:``/``:until:`` keep the events whose date overlaps the range; ``:within:`` those
    wholly inside its date.  ``:print:`` says how the PDF prints it (:mod:`.printed`).
    """

    what = "timeline"
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        **dict.fromkeys(_DATE_FILTERS, directives.unchanged),
        "overview": directives.unchanged,
        "print": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a timeline"):
            return []
        checks.check_options(self, "timeline", ("tags", *_DATE_FILTERS, "print"))
        tags = split_list(self.option("tags"))
        check_tags(tags, self.config.brief_tags, self.get_location(), "timeline")
        bounds: dict[str, dates.BriefDate | None] = {}
        unreadable = False
        for option in _DATE_FILTERS:
            text = self.option(option)
            bounds[option] = None
            if text:
                try:
                    bounds[option] = dates.parse(text)
                except dates.DateError as exc:
                    unreadable = True
                    self.warn(
                        "date",
                        f"timeline: unusable :{option}: date: {exc}; the timeline shows no "
                        "event until it is corrected",
                    )
        start, end = bounds["from"], bounds["until"]
        if (
            start is not None
            and end is not None
            and dates.lowest(start.start.toordinal(), start.open_start)
            > dates.highest(end.end.toordinal(), end.open_end)
        ):
            self.warn(
                "range",
                f"timeline: :from: {start.edtf} is after :until: {end.edtf}; "
                "no event can pass both",
            )

        collect = not any(s.strip() for s in self.content)
        node = brief_timeline(
            tags=list(tags),
            collect=collect,
            # drawn by default for the project-wide chronology: no body, no filter
            overview=self._overview(collect and not (tags or any(bounds.values()))),
            print=self._print(),
            **{key: date.edtf if date else "" for key, date in bounds.items()},
        )
        if unreadable:
            node["unreadable"] = True
        self.set_source_info(node)
        sources.note_bib_dependency(self.env)
        if not node["collect"]:
            with checks.enclosing(self, "a timeline"):
                children = self.parse_content_to_nodes()
            for child in children:
                if isinstance(child, brief_event):
                    node += child
                elif not isinstance(child, nodes.comment):
                    self.warn(
                        "content",
                        "timeline: only event directives belong in a timeline's body; "
                        f"{child.tagname!r} left out",
                    )
        return [node]

    def _print(self) -> str:
        """``:print:`` full, short or reference; "" (the default, decided when the PDF is
        laid out: :mod:`.printed`) if not given or unreadable."""
        value = self.option("print").lower()
        if not value or value in PRINT_MODES:
            return value
        self.warn(
            "option-value",
            f"timeline: :print: is {', '.join(PRINT_MODES[:-1])} or {PRINT_MODES[-1]}, "
            f"not {value!r}; the default is used",
            option="print",
        )
        return ""

    def _overview(self, default: bool) -> bool:
        """``:overview:`` yes or no (given empty: yes); the default otherwise."""
        if "overview" not in self.options:
            return default
        value = self.option("overview").lower()
        if value in ("", "yes", "true", "on"):
            return True
        if value in ("no", "false", "off"):
            return False
        self.warn(
            "option-value",
            f"timeline: :overview: is yes or no, not {value!r}",
            option="overview",
        )
        return default

"""The ``quote`` and ``quotations`` directives.

A ``quote`` renders as a block quotation with an attribution line (speaker, role, date as
readers write it) and its sources as the page's ordinary notes (:mod:`.notes`); a
``quotations`` directive leaves a placeholder, filled when its page is written
(:mod:`.collect`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..citations import sources
from ..core import agents, checks, dates, names, people
from ..core.component import BriefDirective
from ..core.domain import get_domain
from ..core.typography import educated
from . import runin
from .nodes import (
    attribution_parts,
    brief_attribution,
    brief_quotations,
    brief_quote,
    brief_quote_body,
    brief_run_in_notes,
)
from .records import KIND

#: The values of ``:display:``: a block of its own, or set inside the running text.
DISPLAYS = ("block", "run-in")


class QuoteDirective(BriefDirective):
    """``quote``: an attributed quotation (see the module docstring)."""

    what = "quote"
    has_content = True
    # Every option is read as plain text: a missing or empty one is this directive's own
    # warning, not docutils' generic error that would drop the whole quotation.
    option_spec: ClassVar[dict[str, Any]] = {
        "speaker": directives.unchanged,
        "speaker-type": directives.unchanged,
        "role": directives.unchanged,
        "date": directives.unchanged,
        "source": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
        "display": directives.unchanged,
        "speaker-sort": directives.unchanged,
        "unsourced": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a quote"):
            return []
        checks.check_options(
            self, "quote", ("speaker-type", "role", "date", "name", "display", "speaker-sort")
        )
        speaker = self.option("speaker")
        person = self._person(speaker)
        if not speaker:
            self.warn(
                "missing",
                "quote has no :speaker: (it is shown without one and not collected)",
            )
        if not "\n".join(self.content).strip():
            self.warn("missing", "quote has no quoted text; it is left out")
            return []

        date: dates.BriefDate | None = None
        date_text = self.option("date")
        if date_text:
            try:
                date = dates.parse(date_text)
            except dates.DateError as exc:
                self.warn("date", "quote :date: cannot be read: %s", exc)
        # set as the prose around it; brief_people's role at the date, unless given
        role = educated(
            self, self.option("role") or (person.role_at(date) if person is not None else "")
        )
        unsourced = sources.declared_unsourced(self, "quote")
        keys = sources.check_sources(
            self, self.options.get("source"), what="quote", declared=unsourced is not None
        )

        body_nodes = self._body()
        words = runin.words(self, body_nodes) if self._display() == "run-in" else None
        classes = ["brief-quote", *self.options.get("class", [])]
        node = runin.node(self, classes) if words is not None else brief_quote(classes=classes)
        node["speaker"], node["role"] = speaker, role
        node["speaker_type"] = kind = self._speaker_type(speaker, person)
        # the declared name (brief_people), whichever spelling the text uses
        node["person"] = person.name if person is not None else ""
        node["sort_name"] = (
            names.index_form(speaker, self.option("speaker-sort"), self.config.brief_people, kind)
            if speaker
            else ""
        )
        node["date"] = date.edtf if date is not None else ""
        node["sources"] = list(keys)
        if unsourced is not None:
            node["unsourced"] = educated(self, unsourced)
        shown = date.display(self.config.language) if date is not None else ""
        node["label_title"] = ", ".join(part for part in (speaker or "quotation", shown) if part)
        self.set_source_info(node)

        if words is not None:
            node += words
            # After the words, so that notes the quoted words cite come first; the
            # sentence names the speaker, the notes are all that follows the words.
            notes = brief_run_in_notes("", "", *sources.cite(self, keys))
            notes["classes"].append("brief-run-in-notes")
            self.set_source_info(notes)
            node += notes
        else:
            body = brief_quote_body()
            body.extend(body_nodes)
            node += body
            attribution = brief_attribution("", "", classes=["brief-attribution"])
            attribution.extend(attribution_parts(speaker, role, date, self.config.language))
            if unsourced is not None and self.config.brief_unsourced_shown:
                # In the attribution, where a note would stand, in an editor's brackets.
                # Run in, the sentence goes on after the words: the collected lists say it.
                attribution += nodes.inline(
                    "",
                    f" [{sources.unsourced_words(node['unsourced'])}]",
                    classes=["brief-unsourced"],
                )
            attribution.extend(sources.cite(self, keys))
            self.set_source_info(attribution)
            node += attribution

        name = self.option("name")
        if name:
            self.options["name"] = name
            self.add_name(node)
        else:
            node["ids"].append(self._free_id(speaker))
            self.state.document.set_id(node)
        return [node]

    def _person(self, speaker: str) -> people.Person | None:
        """The speaker as ``brief_people`` declares them; a spelling that only looks like
        a declared name is a warning (the index would list the person twice)."""
        if not speaker:
            return None
        book = people.of(self.config.brief_people)
        person = book.get(speaker)
        near = book.near(speaker) if person is None else None
        if near is not None:
            self.warn(
                "people",
                "quote :speaker: %r looks like %r of brief_people: write it as declared, "
                "or add it to that entry's 'also' list if it is the same person",
                speaker,
                near.name,
            )
        return person

    def _speaker_type(self, speaker: str, person: people.Person | None = None) -> agents.Kind:
        """``:speaker-type:`` if it is one of :data:`agents.KINDS`, else brief_people's
        type, else the guess."""
        given = self.option("speaker-type").casefold()
        for kind in agents.KINDS:
            if given == kind:
                return kind
        declared = person.kind if person is not None else ""
        guessed = next((kind for kind in agents.KINDS if kind == declared), agents.guess(speaker))
        if given:
            self.warn(
                "option-value",
                "quote :speaker-type: must be %s, not %r; %r is used (the guess from the name)",
                ", ".join(agents.KINDS[:-1]) + " or " + agents.KINDS[-1],
                self.option("speaker-type"),
                guessed,
            )
        return guessed

    def _body(self) -> list[nodes.Node]:
        with checks.enclosing(self, "a quote"):
            return self.parse_content_to_nodes()

    def _display(self) -> str:
        display = self.option("display") or "block"
        if display not in DISPLAYS:
            self.warn(
                "option-value",
                "quote :display: must be one of %s, not %r; shown as a block",
                ", ".join(DISPLAYS),
                display,
                option="display",
            )
            return "block"
        return display

    def _free_id(self, speaker: str) -> str:
        base = nodes.make_id(f"quote-{speaker}") or "quote"
        anchor, number = base, 1
        while anchor in self.state.document.ids:
            number += 1
            anchor = f"{base}-{number}"
        return anchor


def label_title(node: nodes.Element) -> str:
    """The text of a ``{ref}`` to a quote without one of its own."""
    return str(node.get("label_title", ""))


class QuotationsDirective(BriefDirective):
    """``quotations``: every quote of the project, grouped by speaker."""

    what = "quotations"
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "speaker": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a quotations list"):
            return []
        checks.check_options(self, "quotations", ("speaker",))
        node = brief_quotations(classes=["brief-quotations", *self.options.get("class", [])])
        node["speaker"] = self.option("speaker")
        node["docname"] = self.env.docname
        self.set_source_info(node)
        get_domain(self.env).add_collector(KIND, self.env.docname)
        # The list shows notes from the bibliography: follow its changes.
        sources.note_bib_dependency(self.env)
        return [node]

"""Short citations of sources ("Hilder, *The Times*, May 13, 2010"), linked to the full
entry of the bibliography (the Sources page).

Collected lists (timelines, quotation lists) stand on any page: they cite with these, which
need no note on the page, in HTML, LaTeX and ePub alike.  Links are placeholders
(:mod:`..core.links`) given their address when the page is written.
"""

from __future__ import annotations

from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import Text
from sphinx.environment import BuildEnvironment

from .. import bibtex
from ..core.links import placeholder_link
from .compose import shorten_title
from .fields import PUBLICATION_FIELDS, EntryProblem, publication_date


class SourceIndex:
    """Short citations of bib entries, and where each entry stands in a bibliography."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.entries = bibtex.entries(env)
        self.language = env.config.language or "en"
        self._short: dict[str, list[nodes.Node]] = {}
        self._signatures: dict[tuple[str, ...], set[str]] | None = None
        self.targets = bibtex.citation_targets(env)

    def target(self, key: str, fromdoc: str) -> tuple[str, str] | None:
        places = self.targets.get(key)
        if not places:
            return None
        # a bibliography on the timeline's own page first, then the others by page name
        docname, _, citation_id = min(places, key=lambda p: (p[0] != fromdoc, p))
        return docname, citation_id

    def short(self, key: str) -> list[nodes.Node] | None:
        """The short citation of an entry (shared: copy before use); None if unknown."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if key not in self._short:  # pybtex's LaTeX parsing is slow; a source recurs
            titled = len(self._alike().get(_signature(entry), ())) > 1
            self._short[key] = short_citation(entry, self.language, titled=titled)
        return self._short[key]

    def _alike(self) -> dict[tuple[str, ...], set[str]]:
        """Entries by what their short citation says (who, where, when): two that would
        print the same are told apart by their short titles."""
        if self._signatures is None:
            self._signatures = {}
            for key, entry in self.entries.items():
                self._signatures.setdefault(_signature(entry), set()).add(key)
        return self._signatures

    def title(self, key: str) -> str:
        """The entry's title as plain text (a link's tooltip)."""
        entry = self.entries.get(key)
        return bibtex.field_text(entry, "title") if entry is not None else ""

    def citation(self, key: str, fromdoc: str) -> nodes.Node:
        short = self.short(key)
        if short is None:  # reported when the event was read
            return nodes.inline(key, key, classes=["brief-source"])
        content = [node.deepcopy() for node in short]
        place = self.target(key, fromdoc)
        if place is None:
            return nodes.inline("", "", *content, classes=["brief-source"])
        return placeholder_link(fromdoc, *place, content, self.title(key))


def _signature(entry: Entry) -> tuple[str, ...]:
    """What the short citation shows, read from the raw fields (cheap, for comparing)."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    who = ";".join(" ".join(p.last_names) for p in people)
    where = next((entry.fields[f] for f in PUBLICATION_FIELDS if entry.fields.get(f)), "")
    when = tuple(entry.fields.get(f, "").strip() for f in ("date", "year", "month", "day"))
    return (who.lower(), where.strip().lower(), *when)


def short_citation(entry: Entry, language: str = "en", *, titled: bool = False) -> list[nodes.Node]:
    """Authors' last names, publication, date: "Hilder, *The Times*, May 13, 2010"; with
    ``titled``, the short title too ("Reuters, “Iran Deal,” April 8, 2026"), to tell apart
    sources that would otherwise print the same."""
    parts: list[list[nodes.Node]] = []
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(str(Text.from_latex(n)) for n in p.last_names) for p in people]
    if names:
        who = names[0] + " et al." if len(names) > 2 else " and ".join(names)
        parts.append([nodes.Text(who)])
    publication = next((f for f in PUBLICATION_FIELDS if bibtex.field_text(entry, f)), None)
    if publication:
        text = bibtex.field_text(entry, publication)
        parts.append([nodes.emphasis(text, text)])
    title = bibtex.field_text(entry, "shorttitle") or shorten_title(
        bibtex.field_text(entry, "title")
    )
    quoted = -1
    if titled and title:
        quoted = len(parts)
        parts.append([nodes.Text(f"“{title}”")])
    try:
        published = publication_date(entry)
    except EntryProblem:
        published = None
    if published is not None:
        parts.append([nodes.Text(published.display(language))])
    if not parts:
        title = bibtex.field_text(entry, "title") or entry.key
        parts.append([nodes.Text(title)])
    out: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index == quoted + 1 and quoted >= 0:
            # Chicago: the comma inside the closing quotation mark (“Iran Deal,” April 8)
            out[-1] = nodes.Text(f"“{title},” ")
        elif index:
            out.append(nodes.Text(", "))
        out.extend(part)
    return out

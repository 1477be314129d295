"""A note's text as docutils nodes, made once per build for each way a note is written.

A note is written as its sources are shown: ``(prefix, key, locator, form)`` for each, the
form being "full", "short" or "ibid" (:mod:`.notes` decides).  The text is put together from
the entries' parts (:mod:`.compose`), rendered by pybtex's docutils backend, and kept for the
build (``brief_citation_cache``): a note written the same way again is a copy.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from docutils import nodes
from pybtex.richtext import Text
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxSmartQuotes

from .. import bibtex
from ..core import scripts
from .addresses import keep_verbatim
from .bibliography import educate
from .compose import Cited
from .compose import compose_note as compose
from .marks import Shown
from .style import BriefStyle


def _rendered(env: BuildEnvironment, text: Text, foreign: bool = False) -> nodes.paragraph:
    paragraph = nodes.paragraph("", "", *text.render(bibtex.backend(env)))
    # an address is printed exactly as in the bib file: never made "smart"
    keep_verbatim(paragraph, every_link=True)
    if foreign:
        # runs of other scripts (an Arabic title, a Korean author) marked for every
        # format: notes are written after the pages' runs are marked (..site.scripts)
        overrides = env.config.brief_script_languages
        scripts.mark(
            paragraph, env.config.language, overrides if isinstance(overrides, dict) else {}
        )
    return paragraph


def _holds_runs(entry: Any) -> bool:
    """Whether a bib entry holds text in a script whose runs are marked."""
    persons = (str(person) for people in entry.persons.values() for person in people)
    return any(scripts.ANY.search(value) for value in (*entry.fields.values(), *persons))


class NoteTexts:
    """The notes' texts of one page being read or written (a style and a teacher of smart
    quotes made once for all its notes)."""

    def __init__(self, env: BuildEnvironment, document: nodes.document | None = None) -> None:
        self.env = env
        self.style = BriefStyle()
        settings = self.style.settings
        self.cache = settings.rendered if settings.cache else None
        self.entries = bibtex.entries(env)
        self.teacher: SphinxSmartQuotes | None = None
        if document is not None:
            teacher = SphinxSmartQuotes(document, startnode=None)
            if teacher.is_available():
                self.teacher = teacher
        self.action = str(env.config.smartquotes_action)
        #: per entry (by identity, for this page): whether it holds runs to mark
        self._foreign: dict[int, bool] = {}
        self.language = env.settings.get("language_code")

    def _sources(self, shown: tuple[Shown, ...]) -> tuple[Any, ...]:
        return tuple(self.entries[key] for _, key, _, _ in shown)

    def _found(self, key: Hashable, sources: tuple[Any, ...]) -> Any:
        """What this build kept under ``key``, if made from these very entries."""
        if self.cache is None:
            return None
        hit = self.cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
            return hit[1]
        return None

    def _keep(self, key: Hashable, sources: tuple[Any, ...], value: Any) -> None:
        if self.cache is not None:
            self.cache[key] = (sources, value)

    def _hit(self, key: Hashable, sources: tuple[Any, ...]) -> nodes.paragraph | None:
        found = self._found(key, sources)
        return None if found is None else cast("nodes.paragraph", copy_nodes(found))

    def markup(self, key: Hashable, shown: tuple[Shown, ...]) -> str | None:
        """What a writer wrote for this note's text before in this build (:meth:`keep_markup`),
        if its entries are still those it was written from."""
        found = self._found(key, self._sources(shown))
        return None if found is None else str(found)

    def keep_markup(self, key: Hashable, shown: tuple[Shown, ...], markup: str) -> None:
        self._keep(key, self._sources(shown), markup)

    def paragraph(self, shown: tuple[Shown, ...]) -> nodes.paragraph:
        """The note's text as a new paragraph (its quotes as the entries have them)."""
        sources = self._sources(shown)
        found = self._hit(shown, sources)
        if found is not None:
            return found
        cited = [
            Cited(self.style.parts(entry), form, prefix, locator)
            for (prefix, _, locator, form), entry in zip(shown, sources, strict=True)
        ]
        paragraph = _rendered(self.env, compose(cited), self._holds_runs(shown, sources))
        self._keep(shown, sources, copy_nodes(paragraph))
        return paragraph

    def _holds_runs(self, shown: tuple[Shown, ...], sources: tuple[Any, ...]) -> bool:
        """Whether the note may hold runs of other scripts: in its entries, its prefixes
        or locators (most notes hold none, and are not walked for them)."""
        for entry in sources:
            if id(entry) not in self._foreign:
                self._foreign[id(entry)] = _holds_runs(entry)
        if any(self._foreign[id(entry)] for entry in sources):
            return True
        return any(scripts.ANY.search(f"{prefix}{locator}") for prefix, _, locator, _ in shown)

    def words(self, shown: tuple[Shown, ...]) -> str:
        """The note's text as readers see it, as plain text (for the search index)."""
        key: Hashable = ("words", self.language, self.action, shown)
        sources = self._sources(shown)
        found = self._found(key, sources)
        if found is not None:
            return str(found)
        text = self.educated(shown).astext()
        self._keep(key, sources, text)
        return text

    def educated(self, shown: tuple[Shown, ...]) -> nodes.paragraph:
        """The note's text with the quotes, dashes and ellipses of the page's prose, as
        Sphinx's SmartQuotes transform makes them (its settings, builder and language):
        for notes written after the page's transforms have run (:mod:`.written`)."""
        if self.teacher is None:
            return self.paragraph(shown)
        key: Hashable = ("educated", self.language, self.action, shown)
        sources = self._sources(shown)
        found = self._hit(key, sources)
        if found is not None:
            return found
        holder = nodes.Element()
        holder += self.paragraph(shown)
        educate(holder, self.teacher, self.action)
        paragraph = cast("nodes.paragraph", holder[0])
        holder.remove(paragraph)
        self._keep(key, sources, copy_nodes(paragraph))
        return paragraph


def copy_nodes(node: nodes.Element) -> Any:
    """A copy of a note's nodes (text, emphasis, links): what ``deepcopy`` does, for the
    few kinds of node a note holds, without its cost per note."""
    attributes = {k: v[:] if isinstance(v, list) else v for k, v in node.attributes.items()}
    copy = node.__class__("", **attributes)
    copy.extend(
        nodes.Text(str(child)) if isinstance(child, nodes.Text) else copy_nodes(child)
        for child in node.children
    )
    return copy

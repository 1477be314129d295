"""Sources of a brief's components: bib keys checked against the bibliography, cited as notes.

Components (``quote``, ``event``) name their sources with a ``:source:`` option: bib keys
separated by commas.  This module is what they share:

- :func:`split_keys` reads the option (:func:`..core.text.split_list`);
- :func:`check_sources` keeps the keys the bibliography defines and warns, with the
  directive's file and line, about each unknown key (subtype ``unknown-source``) and about a
  component without sources while ``brief_require_sources`` is true (``missing-source``),
  unless it says the original gives none (``:unsourced:``, :func:`declared_unsourced`);
- :func:`cite` turns keys into one note of the page, as the ``{note}`` role makes it
  (:mod:`.notes`), numbered in sequence with the others;
- :func:`format_note` renders one source as the full note text (the ``brief`` style), for
  pages that collect components from other pages and so cannot use the page's notes;
- :class:`PlacePendingNotes` places the notes that no ``footbibliography`` placed at the end
  of the page.  Without it a reST page that cites without a ``footbibliography`` leaves
  references to notes that are nowhere in the document, which crashes the LaTeX writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.bibtex.transforms import node_text_transform

from .. import bibtex
from ..core.logs import warn
from ..core.text import split_list
from .notes import make_note
from .syntax import Item

#: Warning subtypes (``type="brief"``), so a project can silence one check.
UNKNOWN_SOURCE = "unknown-source"
MISSING_SOURCE = "missing-source"
UNSOURCED = "unsourced"

#: What readers see of a record the original gives without a source (``:unsourced:``).
NO_SOURCE = "No source in the original"


def declared_unsourced(directive: SphinxDirective, what: str) -> str | None:
    """The reason of a component's ``:unsourced:`` option, None without one.

    The option says that the original states the quotation or event without a source: the
    component is then not warned about (``missing-source``), it is listed as explained in
    the sourcing report, and readers are told (``brief_unsourced_shown``).  An empty reason
    or sources given as well are warnings: the reason is what a reviewer reads.
    """
    if "unsourced" not in directive.options:
        return None
    reason = " ".join(str(directive.options.get("unsourced") or "").split())
    location = directive.get_location()
    if directive.options.get("source", "").strip():
        warn(
            UNSOURCED,
            "%s has both :source: and :unsourced:; its sources are kept (remove "
            ":unsourced:, or the sources if the original gives none)",
            what,
            location=location,
        )
        return None
    if not reason:
        warn(
            UNSOURCED,
            "%s: :unsourced: gives no reason (say why the original gives no source: "
            ":unsourced: stated by the report as common knowledge)",
            what,
            location=location,
        )
    return reason


def unsourced_words(reason: str) -> str:
    """The words readers see for a record declared unsourced: its reason after them."""
    return f"{NO_SOURCE}: {reason}" if reason else NO_SOURCE


def split_keys(text: str | None) -> list[str]:
    """The bib keys of a ``:source:`` value, in order, without blanks or repeats."""
    return list(split_list(text))


def check_sources(
    directive: SphinxDirective, text: str | None, *, what: str, declared: bool = False
) -> list[str]:
    """The keys of ``text`` that the bibliography defines.

    Each unknown key is a warning; so is a ``what`` (e.g. "quote") without any source while
    ``brief_require_sources`` is true, unless it is ``declared`` unsourced.  The warnings
    name the directive's file and line.
    """
    keys = split_keys(text)
    location = directive.get_location()
    if not keys:
        if directive.config.brief_require_sources and not declared:
            warn(
                MISSING_SOURCE,
                "%s has no :source: (give the bib keys of its sources, :unsourced: with "
                "the reason if the original gives none, or set brief_require_sources = False)",
                what,
                location=location,
            )
        return []
    known = bibtex.known_keys(directive.env)
    for key in keys:
        if key not in known:
            warn(
                UNKNOWN_SOURCE,
                "%s cites %r, which is not a key of the bibliography (bibtex_bibfiles)",
                what,
                key,
                location=location,
            )
    cited = [key for key in keys if key in known]
    bibtex.note_citations(directive.env, cited)
    return cited


def cite(directive: SphinxDirective, keys: Sequence[str]) -> list[nodes.Node]:
    """One note of ``keys``, in order, as ``{note}`@k1; @k2``` in the text makes it.

    The note joins the page's notes (numbered with them in reading order; a source cited
    before on the page is given in its short form).  Pass only known keys
    (:func:`check_sources`).
    """
    if not keys:
        return []
    items = [Item(key) for key in keys]
    if in_a_note(_parent(directive)):
        # a quotation in the text of a note (a MyST [^x] note): its sources are written
        # there, unless the note's own text cites them (notes.FillNotes); a note has no notes
        place = make_note(directive.env, directive.state.document, items, inline=True)
        place["quoted"] = True
        return [place]
    return [make_note(directive.env, directive.state.document, items)]


def _parent(directive: SphinxDirective) -> object:
    """Where the directive's nodes go: reST's state knows it; MyST's mock state does not
    (it raises on what it lacks), its inliner does."""
    state = directive.state
    try:
        return state.parent
    except Exception:  # MyST's MockingError
        return getattr(getattr(state, "inliner", None), "parent", None)


def in_a_note(parent: object) -> bool:
    """Whether ``parent`` (where a directive's nodes go) is in the text of a footnote."""
    node = parent if isinstance(parent, nodes.Node) else None
    while node is not None and not isinstance(node, nodes.document):
        if isinstance(node, nodes.footnote):
            return True
        node = node.parent
    return False


def format_note(env: BuildEnvironment, key: str) -> list[nodes.Node]:
    """The full note of one source, as nodes (text, emphasis, links), or ``[]`` if unknown."""
    entry = bibtex.entries(env).get(key)
    if entry is None:
        return []
    style = find_plugin("pybtex.style.formatting", env.config.bibtex_default_style)()
    paragraph = bibtex.backend(env).paragraph(style.format_entry(label="", entry=entry))
    node_text_transform(paragraph)  # what sphinxcontrib-bibtex does to its own notes
    return list(paragraph.children)


def note_bib_dependency(env: BuildEnvironment) -> None:
    """The page being read shows what the bib files hold: re-read it when they change."""
    for path in bibtex.bibfiles(env):
        env.note_dependency(path)


class RecordCitations(SphinxTransform):
    """The page's citations recorded for sphinxcontrib-bibtex's bibliographies
    (:func:`..bibtex.record_citations`), once the page has been parsed."""

    default_priority = 900

    def apply(self, **kwargs: Any) -> None:
        bibtex.record_citations(self.env)


class PlacePendingNotes(SphinxTransform):
    """Put the notes cited after the page's last ``footbibliography`` (or on a page without
    one) at the end of the page, as a ``footbibliography`` there would.

    sphinxcontrib-bibtex keeps such notes aside, in the environment, until a
    ``footbibliography`` directive places them; after the page is read they are lost.
    Runs before docutils numbers the notes (priority 620).
    """

    default_priority = 610

    def apply(self, **kwargs: Any) -> None:
        temp = self.env.temp_data
        pending: set[str] | None = temp.get("bibtex_foot_new_refs")
        notes: nodes.Element | None = temp.get("bibtex_foot_bibliography")
        if not pending or notes is None or not notes.children:
            return
        placed: set[str] = temp.get("bibtex_foot_old_refs") or set()
        temp["bibtex_foot_old_refs"] = placed | pending
        pending.clear()
        temp["bibtex_foot_bibliography"] = nodes.container()
        target: nodes.Element = self.document
        while target.children and isinstance(target[-1], nodes.section):
            target = target[-1]
        for note in list(notes.children):
            notes.remove(note)
            target += note

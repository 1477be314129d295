"""Notes as briefs write them: one note per claim (the ``{note}`` role, :mod:`.role`).

``{note}`@key```, ``{note}`@key, 112–15```, ``{note}`see @key1, 4; @key2``` (the syntax is
read by :mod:`.syntax`).  Each role makes ONE note: a mark where the role stands, numbered
with every other note of the page (MyST ``[^x]`` footnotes and ``{footcite}`` included) in
reading order, and so written as ``\\footnote`` at the foot of the PDF page and in the
notes at the end of the web and ePub page.  No closing directive is needed: the notes are
placed at the end of the page (:class:`FillNotes`).

A note's form is settled once the page has been read (:class:`FillNotes`), in reading order,
because what a source looks like depends on the notes before it: the first citation of a
source on a page is its full note, later ones are short notes (``brief_note_repeat``), or
"Ibid." when the previous note cites only the same source (``brief_note_ibid``).  Each page
starts afresh.  The text is made of docutils nodes from the entry's parts, which are read
once per build (:meth:`.style.BriefStyle.parts`); nothing is generated as markup to re-parse.

A page's ``{note}``s (and its quotes' and events' sources) are kept as light nodes
(:mod:`.marks`), numbered here and written by :mod:`.written`; on a page with other notes as
well they are numbered with those once docutils has numbered them (:mod:`.together`).  A
page with a note numbered by hand or an anonymous one (:func:`.together.light_beside`), or a
project with ``brief_note_footnotes = True``, gets docutils footnotes, which docutils numbers
with the others.  A note in a section's title is left out with a
warning (:data:`IN_A_HEADING`).  A ``{note}`` in the text of a note (a MyST ``[^x]``
note) cannot be a note of a note: its sources are written into that note's text, in the
form the page's order gives them (:func:`make_note` with ``inline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from .. import bibtex
from ..core.logs import warn
from .compose import Form
from .innotes import cited_by_its_note, glued, reading_order, without_full_stop
from .marks import CLASS, Shown, brief_cited_inline, brief_note_ref, brief_notes
from .syntax import Item, commentary
from .texts import NoteTexts
from .together import TOGETHER, Waiting, light_beside, reading

#: A note's sources as stored: ((prefix, key, locator), …); tuples of strings, which the
#: garbage collector soon stops looking at (see marks.brief_notes).
Items = tuple[tuple[str, str, str], ...]
#: The page's notes not yet filled in and placed: note name → its sources (temp data).
PENDING = "brief_pending_notes"
_COUNT = "brief_note_count"
#: The attribute of a note's footnote that holds its sources: [[prefix, key, locator], …].
ITEMS = "brief_items"
__all__ = [
    "CLASS",
    "IN_A_HEADING",
    "IN_A_NOTE",
    "ITEMS",
    "FillNotes",
    "cited_by_note",
    "make_note",
    "misplaced_note",
    "note_keys",
    "share",
]


def make_note(
    env: BuildEnvironment, document: nodes.document, items: Sequence[Item], inline: bool = False
) -> brief_note_ref | brief_cited_inline:
    """A mark of a new note of ``items`` (known keys), or with ``inline`` the place in a
    note's text where they are written.  The note waits in the page's temporary data until
    the page has been read (:class:`FillNotes`)."""
    temp = env.temp_data
    number = int(temp.get(_COUNT) or 0)
    while True:
        number += 1
        name = f"brief-note-{number}"
        if name not in document.nameids:
            break
    temp[_COUNT] = number
    bibtex.note_citations(env, [item.key for item in items])
    pending = cast("dict[str, Items]", temp.setdefault(PENDING, {}))
    pending[name] = tuple([(item.prefix, item.key, item.locator) for item in items])
    if inline:
        return brief_cited_inline("", refname=name, keys=[item.key for item in items])
    return brief_note_ref("", refname=name, classes=[CLASS])


def cited_by_note(node: nodes.Element) -> tuple[str, ...]:
    """The keys a ``{note}``'s footnote cites, in order (``()`` for any other node)."""
    return tuple(str(item[1]) for item in node.get(ITEMS, ()))


def note_keys(env: BuildEnvironment, refname: str) -> tuple[str, ...] | None:
    """The keys a footnote reference's note cites, in order: a ``{note}``'s or a
    ``{footcite}``'s (while the page is read); None for any other note."""
    pending = cast("dict[str, Items]", env.temp_data.get(PENDING) or {})
    if refname in pending:
        return tuple(item[1] for item in pending[refname])
    key = bibtex.footcite_keys(env).get(refname)
    return (key,) if key is not None else None


def share(
    env: BuildEnvironment, document: nodes.document, ref: nodes.footnote_reference, refname: str
) -> None:
    """Point ``ref`` (to a ``{note}`` of its own) at the note ``refname`` instead: the same
    note, shown with the same number; its own note goes, before the notes are numbered."""
    old = str(ref["refname"])
    if old == refname:
        return
    pending = cast("dict[str, Items]", env.temp_data.get(PENDING) or {})
    pending.pop(old, None)
    ref["refname"] = refname


def _has_other_notes(document: nodes.document) -> bool:
    """Whether the page has notes beside the extension's own (docutils registers them)."""
    return bool(
        document.autofootnotes
        or document.footnotes
        or document.symbol_footnotes
        or document.autofootnote_refs
        or document.footnote_refs
        or document.symbol_footnote_refs
    )


#: Why a note is left out of a section's title, and of a note.
IN_A_HEADING = (
    "a note in a heading is left out: a heading is copied (contents, links back from "
    "chronologies and who said what), where a note has no place; cite after the heading"
)
IN_A_NOTE = "in-a-note"  # not left out: written into the note's text (make_note)


def misplaced_note(parent: object) -> str | None:
    """Why a note cannot stand in ``parent`` (the node the role's text goes into, where the
    parser says: MyST's), or None: a section's title, a footnote.  (reST's parser names the
    section instead: a note in its titles is found when the page has been read.)"""
    node = parent if isinstance(parent, nodes.Node) else None
    while node is not None and not isinstance(node, nodes.section | nodes.document):
        if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
            return IN_A_HEADING
        if isinstance(node, nodes.footnote):
            return IN_A_NOTE
        node = node.parent
    return None


def _in_a_heading(mark: brief_note_ref) -> bool:
    """Whether a note stands in a section's title (reST: its role cannot tell,
    :func:`misplaced_note`)."""
    parent = mark.parent
    while parent is not None and not isinstance(parent, nodes.section | nodes.document):
        if isinstance(parent, nodes.title):
            return isinstance(parent.parent, nodes.section)
        parent = parent.parent
    return False


def _leave_out(env: BuildEnvironment, mark: brief_note_ref, pending: dict[str, Items]) -> None:
    """A note in a heading, left out with a warning at its role's line."""
    line = mark.line or get_source_line(mark)[1]
    warn("note", "%s", IN_A_HEADING, location=f"{env.doc2path(env.docname)}:{line}")
    pending.pop(str(mark.get("refname", "")), None)
    mark.parent.remove(mark)


class FillNotes(SphinxTransform):
    """Settle each ``{note}``'s form, in reading order, number the notes and place them at
    the end of the page.  After :class:`.sources.PlacePendingNotes` (610) and the
    attributions' shared notes (605), before MyST sorts and docutils numbers footnotes
    (618, 620)."""

    default_priority = 612

    def apply(self, **kwargs: Any) -> None:
        pending = cast("dict[str, Items]", self.env.temp_data.pop(PENDING, None) or {})
        if not pending and not self.env.temp_data.get(_COUNT):
            return  # no {note} was made on this page
        # Marks may remain with no note of their own left (an attribution sharing a
        # {footcite}'s note): they are still made footnote references or numbered below.
        footcites = bibtex.footcite_keys(self.env)
        short = self.config.brief_note_repeat != "full"
        ibid = bool(self.config.brief_note_ibid)
        seen: set[str] = set()
        # the previous note's sources and places: (key, locator) each
        previous: tuple[tuple[str, str], ...] | None = None
        placed: dict[str, tuple[Shown, ...]] = {}
        # notes shown alike share one tuple (stored once, see marks.brief_notes)
        alike: dict[tuple[Shown, ...], tuple[Shown, ...]] = {}
        marks: list[brief_note_ref] = []
        misplaced: list[brief_note_ref] = []
        inline: list[tuple[brief_cited_inline, tuple[Shown, ...]]] = []
        for ref in reading_order(self.document):
            if isinstance(ref, brief_cited_inline):
                sources: Items = pending.pop(str(ref["refname"]), ())
                if ref.get("quoted") and cited_by_its_note(ref):
                    sources = ()  # the note's own text cites the quotation's sources
                written = self._forms(sources, seen, previous, short, ibid)
                previous = tuple((item[1], item[2]) for item in sources) or previous
                inline.append((ref, written))
                continue
            if isinstance(ref, brief_note_ref):
                if _in_a_heading(ref):
                    misplaced.append(ref)
                    continue
                marks.append(ref)
            name = str(ref.get("refname", ""))
            items = pending.pop(name, None)
            if items is None:
                if name in placed:
                    continue  # a second reference to a note given already
                key = footcites.get(name)
                previous = ((key, ""),) if key is not None else None
                seen.update(key for key, _ in previous or ())
                continue
            settled = self._forms(items, seen, previous, short, ibid)
            previous = tuple((item[1], item[2]) for item in items)
            placed[name] = alike.setdefault(settled, settled)
        for mark in misplaced:
            _leave_out(self.env, mark, pending)
        if inline:
            texts = NoteTexts(self.env)
            for place, written in inline:
                if not written:
                    place.parent.remove(place)
                elif place.get("quoted"):  # after the quoted words: "(Source, 4)"
                    cited = without_full_stop(texts.paragraph(written).children)
                    place.replace_self([nodes.Text(" ("), *cited, nodes.Text(")")])
                else:
                    cited = list(texts.paragraph(written).children)
                    if glued(place):  # "in it.{note}`@a`": the sources after a space
                        cited.insert(0, nodes.Text(" "))
                    place.replace_self(cited)
        others = _has_other_notes(self.document)
        if self.config.brief_note_footnotes or (others and not light_beside(self.document)):
            self._as_footnotes(placed)
        else:
            self._as_marks(placed, marks, together=others)

    @staticmethod
    def _forms(
        items: Items,
        seen: set[str],
        previous: tuple[tuple[str, str], ...] | None,
        short: bool,
        ibid: bool,
    ) -> tuple[Shown, ...]:
        """Each source of a note in its form, after the notes before it (``seen`` grows).
        Ibid. as Chicago writes it: only after a note of that one source, alone ("Ibid.")
        at the same place, with the place where it differs ("Ibid., 16.")."""
        shown: list[Shown] = []
        for prefix, key, locator in items:
            form: Form = "full"
            if (
                ibid
                and len(items) == 1
                and previous
                and len(previous) == 1
                and previous[0][0] == key
            ):
                form = "ibid"
                if locator == previous[0][1] and not commentary(locator):
                    locator = ""  # the same place as the note before
            elif short and key in seen:
                form = "short"
            shown.append((prefix, key, locator, form))
            seen.add(key)
        return tuple(shown)

    def _as_footnotes(self, placed: dict[str, tuple[Shown, ...]]) -> None:
        """Docutils footnotes, registered as the parser registers ``[#]`` ones, in reading
        order with the page's other notes, for docutils to number them all together."""
        document = self.document
        texts = NoteTexts(self.env)
        footnotes: list[nodes.footnote] = []
        for name, shown in placed.items():
            footnote = nodes.footnote("", texts.paragraph(shown), auto=1, classes=[CLASS])
            footnote["names"].append(name)
            footnote[ITEMS] = [[prefix, key, locator] for prefix, key, locator, _ in shown]
            footnotes.append(footnote)
            document.note_autofootnote(footnote)
            document.note_explicit_target(footnote, footnote)
        for mark in list(document.findall(brief_note_ref)):
            ref = nodes.footnote_reference(
                "", refname=mark["refname"], auto=1, classes=mark["classes"][:]
            )
            mark.replace_self(ref)
            document.note_autofootnote_ref(ref)
            document.note_footnote_ref(ref)
        # what the parser would have registered in reading order, in reading order: the
        # marks were registered last
        order = {id(n): i for i, n in enumerate(reading(document))}
        end = len(order)
        document.autofootnote_refs.sort(key=lambda n: order.get(id(n), end))
        first: dict[str, int] = {}
        for ref in document.autofootnote_refs:
            first.setdefault(str(ref.get("refname", "")), order.get(id(ref), end))
        document.autofootnotes.sort(key=lambda f: _first_use(f, first, order, end))
        _place(document, footnotes)

    def _as_marks(
        self, placed: dict[str, tuple[Shown, ...]], marks: list[brief_note_ref], together: bool
    ) -> None:
        """The light nodes of :mod:`.marks` (``marks``: the page's, in reading order),
        numbered in reading order; ``together`` with the page's other notes, once docutils
        has numbered those (:mod:`.together`)."""
        document = self.document
        numbered: dict[str, tuple[str, str, list[str]]] = {}
        for mark in marks:
            name = str(mark["refname"])
            if name not in placed:
                if together and name in document.nameids:
                    # an attribution sharing another note (a {footcite}'s): a reference
                    # docutils resolves and numbers, as the parser registers one
                    ref = nodes.footnote_reference(
                        "", refname=name, auto=1, classes=mark["classes"][:]
                    )
                    mark.replace_self(ref)
                    document.note_autofootnote_ref(ref)
                    document.note_footnote_ref(ref)
                    continue
                mark.parent.remove(mark)  # its note is gone (not a known note)
                continue
            note = numbered.get(name)
            if note is None:
                note = numbered[name] = (_note_id(document, name), str(len(numbered) + 1), [])
            del mark["refname"]  # resolved, as docutils resolves a footnote reference
            mark["refid"] = note[0]
            mark["number"] = note[1]
            document.set_id(mark)
            note[2].append(mark["ids"][0])
        if not numbered:
            return
        listing = brief_notes(
            "",
            notes=tuple(
                (ident, number, tuple(backrefs), placed[name])
                for name, (ident, number, backrefs) in numbered.items()
            ),
        )
        listing["docname"] = self.env.docname
        listing["classes"].append(CLASS)
        for ident, _, _ in numbered.values():
            document.ids[ident] = listing
        collected = _collected_by_myst(document)
        if together:
            self.env.temp_data[TOGETHER] = Waiting(listing, collected, reading(document))
        if collected:
            # where MyST puts a page's footnotes: at its end, after a transition (MyST's
            # own, on a page with other notes: together.NumberTogether)
            if not together and getattr(document.settings, "myst_footnote_transition", False):
                transition = nodes.transition(classes=["footnotes"])
                transition.source = document.source
                document += transition
            document += listing
        else:
            _last_section(document).append(listing)


def _note_id(document: nodes.document, name: str) -> str:
    """The id docutils would give a footnote named ``name`` (``document.set_id``)."""
    ident = str(document.settings.id_prefix or "") + _made_id(name)
    if ident and ident not in document.ids:
        return ident
    stand_in = nodes.footnote("", names=[name])
    document.set_id(stand_in)
    return str(stand_in["ids"][0])


@lru_cache(maxsize=1024)
def _made_id(name: str) -> str:
    """``nodes.make_id``: the same few note names come back on every page."""
    return nodes.make_id(name)


def _first_use(
    footnote: nodes.footnote, first: dict[str, int], order: dict[int, int], end: int
) -> int:
    """Where a footnote is first referenced (reading order), else where it stands."""
    for name in footnote["names"]:
        if name in first:
            return first[name]
    return order.get(id(footnote), end)


def _collected_by_myst(document: nodes.document) -> bool:
    """Whether MyST moves this page's footnotes to its end (its CollectFootnotes transform
    is still to run: a MyST page, ``myst_footnote_sort`` on)."""
    if not getattr(document.settings, "myst_footnote_sort", False):
        return False
    return any(
        getattr(transform, "__name__", "") == "CollectFootnotes"
        for _, transform, _, _ in document.transformer.transforms
    )


def _last_section(document: nodes.document) -> nodes.Element:
    target: nodes.Element = document
    while target.children and isinstance(target[-1], nodes.section):
        target = target[-1]
    return target


def _place(document: nodes.document, notes: list[nodes.footnote]) -> None:
    """Put ``notes`` at the end of the page (its last section), in numbering order with the
    notes already there."""
    if not notes:
        return
    target = _last_section(document)
    target.extend(notes)
    tail: list[nodes.Node] = []
    for child in reversed(target.children):
        if not isinstance(child, nodes.footnote):
            break
        tail.insert(0, child)
    order = {id(f): n for n, f in enumerate(document.autofootnotes)}
    ordered = sorted(tail, key=lambda f: order.get(id(f), len(order)))
    del target.children[len(target.children) - len(tail) :]
    target.extend(ordered)

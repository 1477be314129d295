"""Notes as briefs write them: one note per claim (the ``{note}`` role, :mod:`.role`).

``{note}`@key```, ``{note}`@key, 112–15```, ``{note}`see @key1, 4; @key2``` (the syntax is
read by :mod:`.syntax`).  Each role makes ONE docutils footnote: a footnote reference where
the role stands, numbered by docutils with every other note of the page (MyST ``[^x]``
footnotes and ``{footcite}`` included) in reading order, and so written as ``\\footnote`` at
the foot of the PDF page and in the notes at the end of the web and ePub page.  No closing
directive is needed: the notes are placed at the end of the page (:class:`FillNotes`).

A note's text is made once the page has been read (:class:`FillNotes`), in reading order,
because what a source looks like depends on the notes before it: the first citation of a
source on a page is its full note, later ones are short notes (``brief_note_repeat``), or
"Ibid." when the previous note cites only the same source (``brief_note_ibid``).  Each page
starts afresh.  The text is made of docutils nodes from the entry's parts, which are read
once per build (:meth:`.style.BriefStyle.parts`); nothing is generated as markup to re-parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from docutils import nodes
from pybtex.richtext import Text
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from .. import bibtex
from .compose import Cited, Form, compose_note
from .style import BriefStyle
from .syntax import Item

#: The page's notes not yet filled in and placed: footnote name → footnote (temp data).
PENDING = "brief_pending_notes"
_COUNT = "brief_note_count"
#: The attribute of a note's footnote that holds its sources: [[prefix, key, locator], …].
ITEMS = "brief_items"
CLASS = "brief-note"


def make_note(
    env: BuildEnvironment, document: nodes.document, items: Sequence[Item]
) -> nodes.footnote_reference:
    """A footnote reference to a new note of ``items`` (known keys), registered with the
    document as an auto-numbered footnote is, so docutils numbers it with the others."""
    temp = env.temp_data
    number = int(temp.get(_COUNT) or 0)
    while True:
        number += 1
        name = f"brief-note-{number}"
        if name not in document.nameids:
            break
    temp[_COUNT] = number
    footnote = nodes.footnote("", auto=1, classes=[CLASS])
    footnote["names"].append(name)
    footnote[ITEMS] = [[item.prefix, item.key, item.locator] for item in items]
    document.note_autofootnote(footnote)
    document.note_explicit_target(footnote, footnote)
    pending = cast("dict[str, nodes.footnote]", temp.setdefault(PENDING, {}))
    pending[name] = footnote
    ref = nodes.footnote_reference("", refname=name, auto=1, classes=[CLASS])
    document.note_autofootnote_ref(ref)
    document.note_footnote_ref(ref)
    return ref


def cited_by_note(node: nodes.Element) -> tuple[str, ...]:
    """The keys a ``{note}``'s footnote cites, in order (``()`` for any other node)."""
    return tuple(str(item[1]) for item in node.get(ITEMS, ()))


def note_keys(env: BuildEnvironment, refname: str) -> tuple[str, ...] | None:
    """The keys a footnote reference's note cites, in order: a ``{note}``'s or a
    ``{footcite}``'s (while the page is read); None for any other note."""
    pending = cast("dict[str, nodes.footnote]", env.temp_data.get(PENDING) or {})
    if refname in pending:
        return tuple(str(item[1]) for item in pending[refname][ITEMS])
    key = bibtex.footcite_keys(env).get(refname)
    return (key,) if key is not None else None


def share(
    env: BuildEnvironment, document: nodes.document, ref: nodes.footnote_reference, refname: str
) -> None:
    """Point ``ref`` (to a ``{note}`` of its own) at the note ``refname`` instead: the same
    note, shown with the same number; its own note goes, before docutils numbers notes."""
    old = str(ref["refname"])
    if old == refname:
        return
    pending = cast("dict[str, nodes.footnote]", env.temp_data.get(PENDING) or {})
    footnote = pending.pop(old, None)
    if footnote is not None:
        if footnote in document.autofootnotes:
            document.autofootnotes.remove(footnote)
        for table in (document.nameids, document.nametypes):
            table.pop(old, None)
        for node_id in footnote["ids"]:
            document.ids.pop(node_id, None)
    for table in (document.footnote_refs, document.refnames):
        refs = table.get(old, [])
        if ref in refs:
            refs.remove(ref)
    ref["refname"] = refname
    document.note_footnote_ref(ref)


def _rendered(env: BuildEnvironment, text: Text) -> nodes.paragraph:
    paragraph = nodes.paragraph("", "", *text.render(bibtex.backend(env)))
    for ref in paragraph.findall(nodes.reference):
        # an address is printed exactly as in the bib file: never made "smart"
        ref["support_smartquotes"] = False
    return paragraph


class FillNotes(SphinxTransform):
    """Give each ``{note}`` its text, in reading order, and place the notes at the end of
    the page.  After :class:`.sources.PlacePendingNotes` (610) and the attributions' shared
    notes (605), before MyST sorts and docutils numbers the notes (618, 620)."""

    default_priority = 612

    def apply(self, **kwargs: Any) -> None:
        pending = cast("dict[str, nodes.footnote] | None", self.env.temp_data.pop(PENDING, None))
        if not pending:
            return
        style = BriefStyle()
        entries = bibtex.entries(self.env)
        footcites = bibtex.footcite_keys(self.env)
        short = self.config.brief_note_repeat != "full"
        ibid = bool(self.config.brief_note_ibid)
        seen: set[str] = set()
        previous: tuple[str, ...] | None = None
        placed: list[nodes.footnote] = []
        given: set[str] = set()
        for ref in self.document.findall(nodes.footnote_reference):
            name = str(ref.get("refname", ""))
            footnote = pending.pop(name, None)
            if footnote is None:
                if name in given:
                    continue  # a second reference to a note given already
                key = footcites.get(name)
                previous = (key,) if key is not None else None
                seen.update(previous or ())
                continue
            keys = tuple(str(item[1]) for item in footnote[ITEMS])
            shown: list[tuple[str, str, str, Form]] = []
            for prefix, key, locator in footnote[ITEMS]:
                form: Form = "full"
                if ibid and len(keys) == 1 and previous == (key,):
                    form = "ibid"
                elif short and key in seen:
                    form = "short"
                shown.append((str(prefix), str(key), str(locator), form))
                seen.add(key)
            previous = keys
            footnote += self._note(style, entries, tuple(shown))
            placed.append(footnote)
            given.add(name)
        for footnote in pending.values():  # its reference is gone: so is the note
            if footnote in self.document.autofootnotes:
                self.document.autofootnotes.remove(footnote)
        _place(self.document, placed)

    def _note(
        self, style: BriefStyle, entries: Any, shown: tuple[tuple[str, str, str, Form], ...]
    ) -> nodes.paragraph:
        """The note's text as nodes; a note written the same way before in this build (the
        same sources, forms, prefixes and locators) is copied rather than made again."""
        cache = style.settings.rendered if style.settings.cache else None
        sources = tuple(entries[key] for _, key, _, _ in shown)
        if cache is not None:
            hit = cache.get(shown)
            if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
                return _copy(hit[1])
        cited = [
            Cited(style.parts(entry), form, prefix, locator)
            for (prefix, _, locator, form), entry in zip(shown, sources, strict=True)
        ]
        paragraph = _rendered(self.env, compose_note(cited))
        if cache is not None:
            cache[shown] = (sources, _copy(paragraph))
        return paragraph


def _copy(node: nodes.Element) -> Any:
    """A copy of a note's nodes (text, emphasis, links): what ``deepcopy`` does, for the
    few kinds of node a note holds, without its cost per note."""
    attributes = {k: v[:] if isinstance(v, list) else v for k, v in node.attributes.items()}
    copy = node.__class__("", **attributes)
    copy.extend(
        nodes.Text(str(child)) if isinstance(child, nodes.Text) else _copy(child)
        for child in node.children
    )
    return copy


def _place(document: nodes.document, notes: list[nodes.footnote]) -> None:
    """Put ``notes`` at the end of the page (its last section), in numbering order with the
    notes already there."""
    if not notes:
        return
    target: nodes.Element = document
    while target.children and isinstance(target[-1], nodes.section):
        target = target[-1]
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

"""The light notes of :mod:`.marks` written as footnotes, by each writer's own code.

- HTML builders (website, ePub): a mark is written as the translator writes a footnote
  reference, and the page's notes as it writes footnotes (:func:`visit_mark_html`,
  :func:`visit_notes_html`), from footnote nodes made for the moment: the same markup as
  docutils footnotes, without them ever being in the page's doctree.
- Every other builder (LaTeX, text, man, Texinfo, …): :class:`ExpandNotes` puts real
  ``footnote_reference`` and ``footnote`` nodes in their place before its own transforms
  (LaTeX's footnote transforms, which place each note at its reference, included).

A note's text is made when the page is written (:mod:`.texts`, once per build for each way a
note is written) and educated as Sphinx educates the prose (its SmartQuotes transform has
run by then).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.visitors import Handlers, nothing, skip
from .marks import CLASS, NoteData, brief_note_ref, brief_notes, notes_of
from .notes import ITEMS
from .texts import NoteTexts, shown_of


def footnote_of(
    texts: NoteTexts, data: NoteData, docname: str, *, text: bool = True
) -> nodes.footnote:
    """The footnote docutils would have made of the note (numbered, with back-links);
    without its text if not ``text``."""
    footnote = nodes.footnote(
        "",
        nodes.label("", data.number),
        *([texts.educated(shown_of(data.shown))] if text else []),
        ids=[data.id],
        backrefs=list(data.backrefs),
        auto=1,
        classes=[CLASS],
        docname=docname,
    )
    footnote[ITEMS] = [[prefix, key, locator] for prefix, key, locator, _ in data.shown]
    return footnote


def reference_of(mark: brief_note_ref) -> nodes.footnote_reference:
    """The footnote reference docutils would have made of a mark."""
    attributes = {k: v for k, v in mark.attributes.items() if k not in ("number", "refname")}
    return nodes.footnote_reference("", str(mark["number"]), **attributes)


class ExpandNotes(SphinxPostTransform):
    """Builders that are not HTML: docutils footnotes in place of the light notes, before
    any other post-transform (LaTeX's footnote transforms need them)."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        for mark in list(self.document.findall(brief_note_ref)):
            mark.replace_self(reference_of(mark))
        texts: NoteTexts | None = None
        for listing in list(self.document.findall(brief_notes)):
            texts = texts or NoteTexts(self.env, self.document)
            docname = str(listing.get("docname", ""))
            listing.replace_self([footnote_of(texts, data, docname) for data in notes_of(listing)])


def add_expansion(app: Sphinx) -> None:
    """``builder-inited``: a builder that does not write HTML gets :class:`ExpandNotes`."""
    if app.builder.format != "html":
        app.add_post_transform(ExpandNotes)


def visit_mark_html(self: Any, node: brief_note_ref) -> None:
    self.visit_footnote_reference(node)
    self.body.append(self.encode(str(node["number"])))
    self.depart_footnote_reference(node)
    raise nodes.SkipNode


def visit_notes_html(self: Any, node: brief_notes) -> None:
    # The footnotes are siblings, as in a page: the translator groups them in one list.
    # A note's text is written once per build and translator: every note written the same
    # way (a short note, say) is the same markup, in the same place of a footnote.
    texts = NoteTexts(self.builder.env, node.document)
    docname = str(node.get("docname", ""))
    group = nodes.Element()
    group.document = node.document
    notes = notes_of(node)
    group.extend(footnote_of(texts, data, docname, text=False) for data in notes)
    for footnote, data in zip(group.children, notes, strict=True):
        shown = shown_of(data.shown)
        key = ("html", type(self).__qualname__, self.builder.name, shown)
        self.dispatch_visit(footnote)
        footnote[0].walkabout(self)  # the label, with its back-link
        markup = texts.markup(key, shown)
        if markup is None:
            start = len(self.body)
            texts.educated(shown).walkabout(self)
            texts.keep_markup(key, shown, "".join(self.body[start:]))
        else:
            self.body.append(markup)
        self.dispatch_departure(footnote)
    raise nodes.SkipNode


#: ``app.add_node`` handlers of the two nodes.
#: (Other builders never meet them: :class:`ExpandNotes` has replaced them.)
MARK: Handlers = {
    "html": (visit_mark_html, nothing),
    **{name: (skip, nothing) for name in ("latex", "text", "man", "texinfo")},
}
NOTES: Handlers = {
    "html": (visit_notes_html, nothing),
    **{name: (skip, nothing) for name in ("latex", "text", "man", "texinfo")},
}

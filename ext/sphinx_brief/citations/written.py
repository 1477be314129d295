"""The light notes of :mod:`.marks` written as footnotes, by each writer's own code.

- HTML builders (website, ePub): a mark is written as the translator writes a footnote
  reference, and the page's notes as it writes footnotes (:func:`visit_mark_html`,
  :func:`visit_notes_html`): the same markup as docutils footnotes, without them ever being
  in the page's doctree.  While the translator's footnote methods are docutils' own, the
  markup is written as the strings they write (:func:`_write_plainly`); otherwise from
  footnote nodes made for the moment, through the translator's own visitors.
- Every other builder (LaTeX, text, man, Texinfo, …): :class:`ExpandNotes` puts real
  ``footnote_reference`` and ``footnote`` nodes in their place before its own transforms
  (LaTeX's footnote transforms, which place each note at its reference, included).

A note's text is made when the page is written (:mod:`.texts`, once per build for each way a
note is written) and educated as Sphinx educates the prose (its SmartQuotes transform has
run by then).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..core.visitors import Handlers, nothing, skip
from .marks import CLASS, NoteData, Shown, brief_note_ref, brief_notes, in_order, notes_of
from .notes import ITEMS
from .texts import NoteTexts


def footnote_of(
    texts: NoteTexts, data: NoteData, docname: str, *, text: bool = True
) -> nodes.footnote:
    """The footnote docutils would have made of the note (numbered, with back-links);
    without its text if not ``text``."""
    footnote = nodes.footnote(
        "",
        nodes.label("", data.number),
        *([texts.educated(data.shown)] if text else []),
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
    attributes.setdefault("auto", 1)
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
            # (not replace_self, which would give the first footnote the node's class: an
            # author's own note may come first)
            listing.parent.replace(
                listing,
                [
                    note if isinstance(note, nodes.footnote) else footnote_of(texts, note, docname)
                    for note in in_order(listing)
                ],
            )


def index_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, HTML builders with a search index: the notes' words for
    Sphinx's indexer, as one text node in the notes' node, which the writers skip.  The
    indexer reads a page's text nodes, and light notes have none.  Each word once (the
    index records which pages have a word, not how often), and not the notes' numbers:
    Sphinx drops numbers from the index (Chinese and Japanese keep those of two digits or
    more, where docutils footnotes would put "12" in it)."""
    if app.builder.format != "html" or getattr(app.builder, "indexer", None) is None:
        return  # no search index is written (ePub, singlehtml, another format …)
    texts: NoteTexts | None = None
    for listing in doctree.findall(brief_notes):
        texts = texts or NoteTexts(app.env, doctree)
        # the index records which pages have a word, not how often: each word once (a
        # word never spans white space, so each white-space-separated token once)
        shown = dict.fromkeys(note.shown for note in notes_of(listing))
        tokens = dict.fromkeys(" ".join(texts.words(each) for each in shown).split())
        listing += nodes.Text(" ".join(tokens))


def add_expansion(app: Sphinx) -> None:
    """``builder-inited``: a builder that does not write HTML gets :class:`ExpandNotes`."""
    if app.builder.format != "html":
        app.add_post_transform(ExpandNotes)


def visit_mark_html(self: Any, node: brief_note_ref) -> None:
    number = self.encode(str(node["number"]))
    plain = _plain(self)
    if plain is not None:
        # what Sphinx's visit_footnote_reference writes (sphinx/writers/html5.py)
        classes = tuple(node["classes"])
        written = plain.get(classes)
        if written is None:
            style = self.settings.footnote_references
            written = plain[classes] = self.attval(
                " ".join(["footnote-reference", style, *classes])
            )
        body = self.body
        ids = node["ids"]
        if len(ids) > 1:
            body.extend(f'<span id="{self.attval(i)}"></span>' for i in ids[1:])
        ident = f' id="{self.attval(ids[0])}"' if ids else ""
        body.append(
            f'<a class="{written}"'
            f' href="#{self.attval(node["refid"])}"{ident} role="doc-noteref">'
            f'<span class="fn-bracket">[</span>{number}<span class="fn-bracket">]</span></a>'
        )
        raise nodes.SkipNode
    self.visit_footnote_reference(node)
    self.body.append(number)
    self.depart_footnote_reference(node)
    raise nodes.SkipNode


#: The translator's methods a footnote is written with: :func:`_plain` writes the
#: same markup as long as they are docutils' own (no extension or theme changed them).
_METHODS = (
    "visit_footnote",
    "depart_footnote",
    "visit_label",
    "depart_label",
    "visit_Text",
    "visit_footnote_reference",
    "depart_footnote_reference",
    "starttag",
)


#: Per translator (one per page written): ``None`` if :func:`_plain` does not hold, else
#: the class attribute of its marks by their classes (the same few on every mark).
_PLAIN: WeakKeyDictionary[Any, dict[tuple[str, ...], str] | None] = WeakKeyDictionary()


def _plain(translator: Any) -> dict[tuple[str, ...], str] | None:
    """Whether the translator writes footnotes with docutils' and Sphinx's own methods
    (not ``None``): an extension's ``app.add_node(nodes.footnote, override=True, html=…)``
    sets its own on the translator, a theme may subclass it."""
    known = _PLAIN.get(translator, _UNSEEN)
    if known is not _UNSEEN:
        return known
    plain = isinstance(translator, HTML5Translator) and all(
        getattr(getattr(translator, name, None), "__func__", None) is getattr(HTML5Translator, name)
        for name in _METHODS
    )
    known = _PLAIN[translator] = {} if plain else None
    return known


_UNSEEN: Any = object()


def _written_plainly(translator: Any) -> bool:
    return _plain(translator) is not None


def _text(
    self: Any,
    texts: NoteTexts,
    footnote: nodes.footnote | None,
    data: NoteData,
    docname: str = "",
) -> str:
    """The markup of a note's text, as the translator writes its paragraph in a footnote:
    written once per build and translator, for every note written the same way."""
    shown = data.shown
    key = ("html", type(self).__qualname__, self.builder.name, shown)
    markup = texts.markup(key, shown)
    if markup is None:
        if footnote is None:
            group = nodes.Element()
            group.document = self.document
            footnote = footnote_of(texts, data, docname, text=False)
            group += footnote
        paragraph = texts.educated(shown)
        footnote += paragraph  # where it stands decides how it is written (a <p>)
        start = len(self.body)
        paragraph.walkabout(self)
        markup = "".join(self.body[start:])
        del self.body[start:]
        footnote.remove(paragraph)
        texts.keep_markup(key, shown, markup)
    return markup


def visit_notes_html(self: Any, node: brief_notes) -> None:
    texts = NoteTexts(self.builder.env, node.document)
    docname = str(node.get("docname", ""))
    notes = in_order(node)
    if _plain(self) is not None:
        _write_plainly(self, texts, notes, docname)
        raise nodes.SkipNode
    # the footnotes are siblings, as in a page: the translator groups them in one list
    group = nodes.Element()
    group.document = node.document
    group.extend(
        note.deepcopy()  # a footnote of the page's other notes (together.py)
        if isinstance(note, nodes.footnote)
        else footnote_of(texts, note, docname, text=False)
        for note in notes
    )
    for footnote, data in zip(group.children, notes, strict=True):
        if isinstance(data, nodes.footnote):
            footnote.walkabout(self)
            continue
        self.dispatch_visit(footnote)
        footnote[0].walkabout(self)  # the label, with its back-link
        self.body.append(_text(self, texts, footnote, data))
        self.dispatch_departure(footnote)
    raise nodes.SkipNode


def _write_plainly(
    self: Any, texts: NoteTexts, notes: list[NoteData | nodes.footnote], docname: str
) -> None:
    """The markup docutils' visitors write for these footnotes (``visit_footnote``,
    ``visit_label`` and their departures, in docutils/writers/_html_base.py, and
    ``starttag``), written as strings: a page of many notes is written in a fraction of
    the time.  Only while the translator's methods are docutils' own;
    tests/test_note_nodes.py compares the result with docutils footnotes."""
    style = self.settings.footnote_references
    backlinks = self.settings.footnote_backlinks
    classes = self.attval(f"footnote {style} {CLASS}")
    body = self.body
    # notes shown alike are one tuple (marks.brief_notes): their text is looked up once
    written: dict[tuple[Shown, ...], str] = {}
    body.append(f'<aside class="footnote-list {style}">\n')
    for data in notes:
        if isinstance(data, nodes.footnote):
            # one of the page's other notes (together.py): as visit_footnote writes it,
            # in the list of notes this writes
            body.append(
                self.starttag(data, "aside", classes=[data.tagname, style], role="doc-footnote")
            )
            for child in data.children:
                child.walkabout(self)
            body.append("</aside>\n")
            continue
        body.append(f'<aside class="{classes}" id="{self.attval(data.id)}" role="doc-footnote">\n')
        number = self.encode(data.number)
        refs = data.backrefs if backlinks else ()
        body.append('<span class="label"><span class="fn-bracket">[</span>')
        if len(refs) == 1:
            body.append(f'<a role="doc-backlink" href="#{refs[0]}">{number}</a>')
        else:
            body.append(number)
        body.append('<span class="fn-bracket">]</span></span>\n')
        if len(refs) > 1:
            links = ",".join(
                f'<a role="doc-backlink" href="#{ref}">{i}</a>' for i, ref in enumerate(refs, 1)
            )
            body.append(f'<span class="backrefs">({links})</span>\n')
        text = written.get(data.shown)
        if text is None:
            text = written[data.shown] = _text(self, texts, None, data, docname)
        body.append(text)
        body.append("</aside>\n")
    body.append("</aside>\n")


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

"""Timeline entries written straight to HTML, for the builders that write HTML.

As nodes, an entry is some sixty docutils nodes (paragraphs, inlines, links, text), and a
chronology of 10,000 events is then 660,000 nodes, made one by one and walked by every
post-transform, the HTML writer and the search indexer: seconds for one page.  For HTML
builders each entry is written here as strings instead, with the markup the node writers
give it: the same elements, classes, ids, ``<time datetime>``, links and escaping (the
tests compare the two).  A timeline's ``<ol>`` then holds one
:class:`~.event_nodes.brief_timeline_html` node for each run of entries, whose child is
the text they show, for the search index.

A collected event's body is written from the markup its page kept when it was read
(:func:`sphinx_brief.events.body_markup`: paragraphs of text, emphasis, strong, sub- and
superscripts, editor's notes), without making a node.  Any other body (a reference, a
link, a list, literal text …) stays as its parsed nodes between two runs of markup, so it
is resolved and written as anywhere else; so do the bodies of a timeline's own events.

The markup is that of Sphinx's HTML5 writer: its escaping table, its order of attributes.
A builder whose translator writes any of the nodes involved in its own way (a translator
of its own, or a node's writer replaced with ``app.add_node(..., override=True)``) gets
the nodes instead, so readers see the same page either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.writers.html5 import HTML5Translator

from .. import editorial
from ..citations.short import SourceIndex
from ..citations.sources import unsourced_words
from ..core import emphasis, scripts
from ..core.links import with_anchor
from .bodies import Markup
from .entries import IN_CONTEXT, PLACE, SEPARATOR, SOURCE, SOURCES, TAGS, Shown
from .nodes import brief_timeline_html, brief_timeline_list
from .records import EventRecord

#: Docutils nodes an entry is made of: the translator must write them as Sphinx does.
_GENERIC = (
    "paragraph",
    "inline",
    "strong",
    "emphasis",
    "subscript",
    "superscript",
    "reference",
    "Text",
)
#: The translator's methods the strings reproduce.
_METHODS = (
    "starttag",
    "attval",
    "encode",
    *(f"{kind}_{name}" for name in _GENERIC for kind in ("visit", "depart")),
)
#: The HTML element each node of :data:`~.events.Markup` is written as, by the writer's
#: ``visit_`` method (an editor's note is an inline, whose class names no element).
_MARKUP_TAGS = {
    "paragraph": "p",
    "emphasis": "em",
    "strong": "strong",
    "subscript": "sub",
    "superscript": "sup",
    "brief_editor_note": "span",
}
_AFTER = {"paragraph": "\n"}
#: This package's nodes in an entry, whose writers must be this package's.
_OWN = (
    "brief_timeline_html",
    "brief_timeline_entry",
    "brief_timeline_head",
    "brief_timeline_date",
    "brief_editor_note",
    "brief_script_run",
)

_WHITESPACE = re.compile("[\n\r\t\v\f]")  # what ``attval`` makes spaces

#: An entry's markup before its body, after it, and its text.
_Html = tuple[str, str, str]


def _words(markup: Markup | str) -> str:
    return markup if isinstance(markup, str) else " ".join(map(_words, markup[2]))


def applies(app: Sphinx) -> bool:
    """Whether the builder writes HTML the way the strings are written."""
    builder = app.builder
    if builder.format != "html":
        return False
    translator = builder.get_translator_class()
    if not isinstance(translator, type) or not issubclass(translator, HTML5Translator):
        return False
    if any(getattr(translator, m, None) is not getattr(HTML5Translator, m) for m in _METHODS):
        return False
    handlers = app.registry.translation_handlers
    written: dict[str, Any] = handlers.get(builder.name, handlers.get(builder.format, {}))
    if any(name in written for name in _GENERIC):
        return False
    return all(
        name in written and written[name][0].__module__.startswith("sphinx_brief") for name in _OWN
    )


class HtmlEntries:
    """Entries of the timelines of one document, as HTML for the app's builder.

    ``tag`` gives a tag's label and classes; ``sources`` the short citations and where
    their full entries stand.  Strings are cached per entry and per page linked from, so
    an event shown in several timelines of a page is written once.
    """

    def __init__(
        self, app: Sphinx, tag: Callable[[str], tuple[str, list[str]]], sources: SourceIndex
    ) -> None:
        self.builder: Builder = app.builder
        self.tag_of = tag
        self.sources = sources
        self.shows_unsourced = bool(app.config.brief_unsourced_shown)
        # the writer's own escaping table (``encode``): & < > " and @ in Sphinx's
        table = app.builder.get_translator_class().special_characters  # type: ignore[attr-defined]
        self._table: dict[int, str] = dict(table)
        self._special = re.compile("[" + re.escape("".join(map(chr, self._table))) + "]")
        self._epub = hasattr(self.builder, "fix_fragment") and hasattr(self.builder, "refuri_re")
        # runs of other scripts, marked as the nodes' writer marks them (core/scripts.py)
        overrides = app.config.brief_script_languages
        self._scripts = (
            str(app.config.language or ""),
            overrides if isinstance(overrides, dict) else {},
            self.builder.name.startswith("epub"),
        )
        self._uris: dict[tuple[str, str], str | None] = {}
        self._tags: dict[str, tuple[str, str]] = {}
        self._cited: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._entries: dict[tuple[EventRecord, str, tuple[str, ...], str | None], _Html] = {}
        text = self.text
        self._sep = f'<span class="brief-timeline-sep">{text(SEPARATOR)}</span>'
        self._tags_label = f'<span class="brief-timeline-label">{text(TAGS)}</span>'
        self._place_label = f'<span class="brief-timeline-label">{text(PLACE)}</span>'

    # -- escaping, as the HTML5 writer's ``encode`` and ``attval`` -----------------------
    def _encode(self, text: str) -> str:
        if self._special.search(text) is None:  # most text: nothing to escape
            return text
        return text.translate(self._table)

    def text(self, text: str, hint: str = "") -> str:
        """A text node's content (``visit_Text``), its runs of other scripts marked (Han
        characters by the kana or Hangul of ``hint``, the paragraph's text, as
        :func:`.scripts.mark` reads them)."""
        if "\x00" in text:  # what ``Text.astext`` drops (docutils' backslash escapes)
            text = nodes.unescape(text)
        if scripts.ANY.search(text) is None:
            return self._encode(text)
        main, overrides, xhtml = self._scripts
        return scripts.html_text(text, self._encode, main, overrides, xhtml, hint)

    def emphasised(self, text: str) -> str:
        """An option's text with its emphasis (core/emphasis.py), as the writer sets
        ``emphasis`` and ``strong`` nodes."""
        if "*" not in text and "_" not in text:
            return self.text(text)
        tags = {"emphasis": "em", "strong": "strong"}
        hint = emphasis.plain(text)  # Han read by the kana of the whole title, as nodes are
        return "".join(
            f"<{tags[kind]}>{self.text(words, hint)}</{tags[kind]}>"
            if kind
            else self.text(words, hint)
            for kind, words in emphasis.runs(text)
        )

    def attr(self, text: str) -> str:
        """An attribute's value (``attval``)."""
        return self._encode(_WHITESPACE.sub(" ", text))

    def markup(self, node: nodes.Node, hint: str = "") -> str:
        """Text, and inlines, emphasis and strong with classes only (short citations,
        editor's notes), as the HTML5 writer writes them; ``hint``: the paragraph's text."""
        if isinstance(node, nodes.Text):
            return self.text(str(node), hint)
        if isinstance(node, nodes.emphasis):
            tag = "em"
        elif isinstance(node, nodes.strong):
            tag = "strong"
        elif isinstance(node, nodes.inline):
            tag = "span"
        else:
            raise TypeError(f"no HTML string for a {node.tagname} node")
        assert isinstance(node, nodes.Element) and not node["ids"]
        inner = "".join(self.markup(child, hint) for child in node.children)
        return f"{self._open(tag, node['classes'])}{inner}</{tag}>"

    def written(self, markup: Markup | str) -> str:
        """A body's :data:`~.events.Markup` as the HTML5 writer writes its nodes: classes
        only (a collected body has no ids), and a newline after a paragraph, which stands
        in an entry (``depart_paragraph``)."""
        if isinstance(markup, str):
            return self.text(markup)
        name, classes, children = markup
        tag = _MARKUP_TAGS[name]
        inner = "".join(map(self.written, children))
        return f"{self._open(tag, classes)}{inner}</{tag}>{_AFTER.get(name, '')}"

    def _open(self, tag: str, classes: Sequence[str], **attributes: str) -> str:
        """A start tag as ``starttag`` writes it: ``class`` first, then by name."""
        atts = dict(attributes)
        unique = [c for i, c in enumerate(classes) if c.strip() and c not in classes[:i]]
        if unique:
            atts["class"] = " ".join(unique)
        parts = "".join(f' {name}="{self.attr(value)}"' for name, value in sorted(atts.items()))
        return f"<{tag}{parts}>"

    # -- links, as ``make_refnode`` and the builder make them ----------------------------
    def href(self, fromdoc: str, todoc: str, toid: str) -> str | None:
        if fromdoc == todoc:
            uri = "#" + toid
            return self.builder.fix_fragment("", uri) if self._epub else uri  # type: ignore[attr-defined]
        key = (fromdoc, todoc)
        if key not in self._uris:
            try:
                self._uris[key] = self.builder.get_relative_uri(fromdoc, todoc)
            except NoUri:
                self._uris[key] = None
        base = self._uris[key]
        if base is None:
            return None
        uri = with_anchor(base, toid)
        if self._epub:  # the ePub builder's ``fix_ids``: no colon in a fragment
            match = self.builder.refuri_re.match(uri)  # type: ignore[attr-defined]
            if match:
                uri = self.builder.fix_fragment(match.group(1), match.group(2))  # type: ignore[attr-defined]
        return uri

    def link(self, href: str | None, inner: str, title: str = "") -> str:
        """A ``brief-link`` reference (``visit_reference``: class, href, title); a plain
        ``<span>`` where the builder has no page to link to."""
        if href is None:
            return f"<span>{inner}</span>"
        tooltip = f' title="{self.attr(title)}"' if title else ""
        return (
            f'<a class="brief-link reference internal" href="{self.attr(href)}"{tooltip}>'
            f"{inner}</a>"
        )

    # -- the parts of an entry ---------------------------------------------------------
    def tag(self, tag: str) -> tuple[str, str]:
        """A tag's ``<span>`` and label."""
        if tag not in self._tags:
            label, classes = self.tag_of(tag)
            self._tags[tag] = (f"{self._open('span', classes)}{self.text(label)}</span>", label)
        return self._tags[tag]

    def citation(self, key: str, fromdoc: str, hint: str = "") -> tuple[str, str]:
        """A short citation, linked to the full entry: HTML and plain text (``hint``: the
        text of the line it stands in)."""
        cache_key = (key, fromdoc, hint)
        if cache_key not in self._cited:
            short = self.sources.short(key)
            if short is None:  # reported when the event was read
                html, text = f'<span class="brief-source">{self.text(key)}</span>', key
            else:
                inner = "".join(self.markup(node, hint) for node in short)
                text = " ".join(node.astext() for node in short)
                place = self.sources.target(key, fromdoc)
                if place is None:
                    html = f'<span class="brief-source">{inner}</span>'
                else:
                    html = self.link(self.href(fromdoc, *place), inner, self.sources.title(key))
            self._cited[cache_key] = (html, text)
        return self._cited[cache_key]

    def entry(self, shown: Shown, fromdoc: str) -> _Html:
        """The entry's markup before its body, after it, and its text (for the index)."""
        key = (shown.record, fromdoc, tuple(shown.ids), shown.back_to)
        cached = self._entries.get(key)
        if cached is not None:
            return cached
        record, text = shown.record, self.text
        words = [record.date_display, SEPARATOR, emphasis.plain(record.title)]
        if shown.ids:
            first, *others = shown.ids
            before = [f'<li class="brief-timeline-entry" id="{self.attr(first)}">']
            before += [f'<span id="{self.attr(other)}"></span>' for other in others]
        else:
            before = ['<li class="brief-timeline-entry">']
        before.append(
            '<p class="brief-timeline-head">'
            f'<time class="brief-timeline-date" datetime="{self.attr(record.datetime)}">'
            f"{text(record.date_display)}</time>{self._sep}"
            f'<strong class="brief-timeline-title">{self.emphasised(record.title)}</strong></p>\n'
        )
        if record.tags or record.place:
            before.append('<p class="brief-timeline-meta">')
            if record.tags:
                tags = [self.tag(tag) for tag in record.tags]
                before += [self._tags_label, ", ".join(html for html, _ in tags)]
                words += [TAGS, *(label for _, label in tags)]
            if record.place:
                if record.tags:
                    before.append(text(SEPARATOR))
                before += [
                    self._place_label,
                    f'<span class="brief-timeline-place">{text(record.place)}</span>',
                ]
                words += [PLACE, record.place]
            before.append("</p>\n")
        after = []
        if record.date_note:
            note = editorial.make_note(record.date_note)
            after.append(f'<p class="brief-timeline-note">{self.markup(note)}</p>\n')
            words.append(" ".join(t.astext() for t in note.findall(nodes.Text)))
        if record.sources:
            label = SOURCES if len(record.sources) > 1 else SOURCE
            cited = [self.citation(key, fromdoc) for key in record.sources]
            line = label + "; ".join(plain for _, plain in cited)
            if scripts.ANY.search(line):
                # Han characters read by the kana or Hangul of the whole line, as the
                # nodes' writer reads the paragraph (a Japanese author beside a journal)
                cited = [self.citation(key, fromdoc, line) for key in record.sources]
            after += [
                f'<p class="brief-timeline-sources">{text(label)}',
                text("; ").join(html for html, _ in cited),
                "</p>\n",
            ]
            words += [label, *(plain for _, plain in cited)]
        elif record.unsourced is not None and self.shows_unsourced:
            said = unsourced_words(record.unsourced)
            after.append(f'<p class="brief-timeline-sources brief-unsourced">{text(said)}</p>\n')
            words.append(said)
        if shown.back_to is not None:
            back = IN_CONTEXT + (record.context or shown.back_to)
            href = self.href(fromdoc, shown.back_to, record.anchor)
            after.append(f'<p class="brief-timeline-context">{self.link(href, text(back))}</p>\n')
            words.append(back)
        after.append("</li>\n")
        result = ("".join(before), "".join(after), " ".join(words))
        self._entries[key] = result
        return result

    # -- the list ----------------------------------------------------------------------
    def timeline_list(self, shown: Sequence[Shown], fromdoc: str) -> brief_timeline_list:
        """The timeline's ``<ol>``: runs of markup, and the bodies that stay nodes."""
        ol = brief_timeline_list("", classes=["brief-timeline"])
        # what the list shows, for writers of metadata (JSON-LD) at write time
        ol["brief_entries"] = [(item.docname, item.record) for item in shown]
        html: list[str] = []
        words: list[str] = []

        def run() -> None:
            if html:
                text = [nodes.Text(" ".join(words))] if words else []
                ol.append(brief_timeline_html("", *text, html="".join(html)))
                html.clear()
                words.clear()

        for item in shown:
            before, after, text = self.entry(item, fromdoc)
            html.append(before)
            words.append(text)
            if item.markup is not None:
                html += [self.written(paragraph) for paragraph in item.markup]
                words += [_words(paragraph) for paragraph in item.markup]
            elif item.body:
                run()
                ol.extend(item.body)
            html.append(after)
        run()
        return ol

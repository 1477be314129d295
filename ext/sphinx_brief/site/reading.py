"""The website read on a screen: notes previewed at their marks, marks large enough to tap,
a heading over each page's notes, and the search field on the search page at a phone's
width.  Website builders only (html, dirhtml, singlehtml): the ePub's reading systems show
notes in place themselves (``epub:type``), and the PDF sets them at the foot of its pages.

- ``static/brief-note-preview.js`` (deferred, on the pages that have notes): a note's text
  shown beside its mark on hover, keyboard focus and tap, cloned from the note at the page's
  end (progressive enhancement: without it, the marks lead to the notes as before).
- ``static/brief-reading.css``: the preview in furo's light and dark colours; each mark's
  target at least 24 × 24 CSS px (WCAG 2.2, 2.5.8) by padding that leaves the lines'
  spacing as it was (screens only: a printed page keeps its marks); the notes' heading;
  the search page's own field where furo hides its sidebar (``templates/furo/search.html``).
- :class:`NotesHeading`: a level-two heading "Notes" (a ``rubric`` with a heading level,
  written by the translator's own code) before each page's notes at its end.  Not a
  section, so neither the table of contents nor the toctree ever lists it.

Both files stand in the components' static folder, which every HTML builder copies: the
ePub leaves them out of its container (:func:`not_in_epub`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..citations.marks import brief_notes
from ..core.component import STATIC, is_website

#: The note previews' script and the stylesheet of the website's reading aids.
PREVIEW_JS = "brief-note-preview.js"
READING_CSS = "brief-reading.css"
#: The class of the notes' heading, and the id it is given (made unique on the page).
HEADING_CLASS = "brief-notes-heading"
HEADING_ID = "notes"
#: The preview's link to the note at the page's end, per language (``{}``: its number);
#: a language not listed uses the English words.
GO_TO_NOTE = {
    "en": "Go to note {}",
    "de": "Zur Anmerkung {}",
    "fr": "Aller à la note {}",
    "es": "Ir a la nota {}",
    "it": "Vai alla nota {}",
}

_NOTES = (brief_notes, nodes.footnote)


class NotesHeading(SphinxPostTransform):
    """A heading "Notes" before the notes at the end of each page (of each page of a
    single-page website); none on a page without notes.

    The notes at a page's end are the last run of notes (the extension's own or docutils
    footnotes) and the heading goes before its first: after MyST's transition, if any.
    """

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        last: dict[int, nodes.Element] = {}  # page (its root node) → its last notes
        taken: set[str] = set(self.document.ids)
        for node in self.document.findall(nodes.Element):
            taken.update(node["ids"])
            if isinstance(node, _NOTES) and not isinstance(node.parent, brief_notes | None):
                last[id(_page_of(node))] = node  # (not the footnotes a brief_notes holds)
        for notes in last.values():
            first = notes
            while isinstance(previous := first.previous_sibling(), _NOTES):
                first = previous
            first.parent.insert(first.parent.index(first), self._heading(taken))

    @staticmethod
    def _heading(taken: set[str]) -> nodes.rubric:
        ident, number = HEADING_ID, 1
        while ident in taken:
            number += 1
            ident = f"{HEADING_ID}-{number}"
        taken.add(ident)
        heading = nodes.rubric("", str(_("Notes")), ids=[ident], classes=[HEADING_CLASS])
        heading["heading-level"] = 2
        return heading


def _page_of(node: nodes.Node) -> nodes.Node:
    """The page a node belongs to: its document, or in a single-page website the page the
    document took it from."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent
        node, parent = parent, parent.parent
    return node


def has_notes(doctree: nodes.document) -> bool:
    return any(next(iter(doctree.findall(kind)), None) is not None for kind in _NOTES)


def go_to_note(language: str | None) -> str:
    code = (language or "en").replace("-", "_").split("_")[0].lower()
    return GO_TO_NOTE.get(code, GO_TO_NOTE["en"])


def static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the components' static folder in ``html_static_path`` (before
    Sphinx compares the configuration with the last build's, as ``add_stylesheet`` does);
    the ePub leaves this module's files out of its container."""
    if str(STATIC) not in map(str, config.html_static_path):
        config.html_static_path.append(str(STATIC))
    excluded = [f"_static/{name}" for name in (PREVIEW_JS, READING_CSS)]
    missing = [name for name in excluded if name not in config.epub_exclude_files]
    if missing:
        config.epub_exclude_files = [*config.epub_exclude_files, *missing]


def builder_inited(app: Sphinx) -> None:
    """``builder-inited``: a website gets the stylesheet and the notes' heading."""
    if is_website(app.builder):
        app.add_css_file(READING_CSS)
        app.add_post_transform(NotesHeading)


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the previews' script for a website's page that has notes."""
    if doctree is not None and is_website(app.builder) and has_notes(doctree):
        attributes = {"data-go-to-note": go_to_note(app.config.language)}
        app.add_js_file(PREVIEW_JS, 500, "defer", **attributes)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", static_path)
    app.connect("builder-inited", builder_inited)
    app.connect("html-page-context", add_script)

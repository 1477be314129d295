"""The ePub as reading systems and accessibility checkers expect it (EPUB Accessibility 1.1).

Sphinx's ``epub`` builder writes a valid EPUB 3 that Ace by DAISY, the checker publishers use,
still fails: its package document has no accessibility metadata, its content documents no
language, its navigation document an ``epub:type`` without the matching ARIA role.  Its theme's
stylesheet also prints note markers twice bracketed ("[[1]]", the markup has brackets and
``epub.css`` adds more) and leaves quotations unset from the prose.  This module fixes each,
for the ``epub`` builder only, through Sphinx's own events:

* ``html-page-context``: every content document's ``<html>`` gets ``lang`` and ``xml:lang``
  (``epub_language``), as the navigation document already has them;
* ``html-collect-pages`` (run before the builder lists its files): the ePub's own stylesheet,
  ``brief-epub.css``, in ``_static`` (added with ``add_css_file``): note markers and notes,
  quotations and timelines as the website shows them, in plain values (reading systems that
  do not know CSS variables drop a whole declaration that uses one);
* ``build-finished`` (before the reproducible-zip step): the accessibility metadata go into
  ``content.opf`` and the ARIA roles into ``nav.xhtml``, then the builder's own
  ``build_epub()`` packs the archive again.  Sphinx writes both files from templates of its
  package with no hook between writing and zipping; editing them after the fact with an XML
  library is the one way that replaces nothing of the builder's.

The metadata (``schema:`` properties of schema.org, ``dcterms:conformsTo`` and
``a11y:certifiedBy``, all prefixes EPUB 3 reserves) are worked out from the ePub itself:
``accessMode`` is ``textual``, plus ``visual`` when it holds images; ``textual`` alone is
sufficient when every image has a text alternative; the features are
``structuralNavigation`` (headings), ``tableOfContents`` (the nav), ``readingOrder`` (the
spine) and ``alternativeText`` (images, all described); the hazards ``none``, or
``unknown`` when it holds audio or video.  The conformance claim is EPUB Accessibility 1.1
at WCAG 2.1 AA, evaluated by ``epub_publisher``.  ``brief_epub_accessibility`` (a dict)
overrides any of them by its schema.org name::

    brief_epub_accessibility = {
        "accessibilityHazard": ["noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"],
        "accessibilitySummary": "…",
        "certifiedBy": "Our Press",
    }

A value is a string or a list of strings; an empty list (or ``None``) leaves the property out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.dom import minidom

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset_file

from .. import config as brief_config
from ..core import dates
from ..core.logs import warn
from ..core.paths import output_file
from .epub_contents import add_root_sections
from .epub_xml import children as _children
from .epub_xml import parse as _parse
from .epub_xml import write as _write

STATIC = Path(__file__).parent / "static"
CSS = "brief-epub.css"

#: What the ePub claims by default: EPUB Accessibility 1.1 at WCAG 2.1 Level AA.
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

#: The properties ``brief_epub_accessibility`` may set, by their schema.org (or EPUB) name,
#: with the package-document property each becomes.
PROPERTIES = {
    "conformsTo": "dcterms:conformsTo",
    "certifiedBy": "a11y:certifiedBy",
    "accessMode": "schema:accessMode",
    "accessModeSufficient": "schema:accessModeSufficient",
    "accessibilityFeature": "schema:accessibilityFeature",
    "accessibilityHazard": "schema:accessibilityHazard",
    "accessibilitySummary": "schema:accessibilitySummary",
}

#: ``epub:type`` values of a navigation or content document and the DPUB-ARIA role each
#: needs (W3C, "EPUB Type to ARIA Role Authoring Guide").
ARIA_ROLES = {
    "toc": "doc-toc",
    "page-list": "doc-pagelist",
    "noteref": "doc-noteref",
    "footnote": "doc-footnote",
    "endnotes": "doc-endnotes",
    "bibliography": "doc-bibliography",
    "glossary": "doc-glossary",
    "index": "doc-index",
    "chapter": "doc-chapter",
    "part": "doc-part",
    "appendix": "doc-appendix",
    "epigraph": "doc-epigraph",
    "pagebreak": "doc-pagebreak",
}

_MEDIA_OF = {"audio": "auditory", "video": "visual"}


def _is_epub(app: Sphinx) -> bool:
    return isinstance(app.builder, Epub3Builder)


# -- content documents: lang and xml:lang --------------------------------------------------


def add_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``lang`` and ``xml:lang`` on the page's ``<html>``."""
    if not _is_epub(app):
        return
    tag = str(context.get("html_tag") or getattr(app.builder, "html_tag", ""))
    if not tag.endswith(">") or re.search(r"\slang=", tag):
        return
    lang = html.escape(app.config.epub_language or "en", quote=True)
    context["html_tag"] = f'{tag[:-1].rstrip()} lang="{lang}" xml:lang="{lang}">'


# -- the ePub's stylesheet -----------------------------------------------------------------


def add_stylesheet(app: Sphinx) -> None:
    """``builder-inited``: link ``brief-epub.css`` from every page of the ePub."""
    if _is_epub(app):
        # after the components' stylesheets (500), whose rules it adapts; before the
        # project's html_css_files (800), which stay the last word
        app.add_css_file(CSS, priority=600)


def copy_stylesheet(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the stylesheet into ``_static`` before the files are listed.

    The builder lists the ePub's files (its manifest) after this event, so the stylesheet is
    packed and declared like any other; no page is added.
    """
    if _is_epub(app):
        copy_asset_file(STATIC / CSS, output_file(app.builder.outdir, "_static"), force=True)
    return []


# -- package and navigation documents ------------------------------------------------------


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if str(item).strip()]
    return [str(value)]


class _Contents:
    """What the ePub holds, as the accessibility metadata describe it.

    Audio and video come from the manifest, headings from the content documents, images
    and whether each is described from the doctrees: the manifest also lists the theme's
    icons, and HTML writers put the file name into an ``alt`` the author left out, which
    the output cannot tell from a description.
    """

    def __init__(self, app: Sphinx, outdir: Path, manifest: Sequence[tuple[str, str]]) -> None:
        self.modes = {"textual"}
        self.timed_media = False
        self.headings = False
        for href, media_type in manifest:
            kind = media_type.split("/", 1)[0]
            # images are counted in the text below: the theme's icons are no content
            if kind in {"audio", "video"}:
                self.modes.add(_MEDIA_OF[kind])
                self.timed_media = True
            if media_type == "application/xhtml+xml" and not self.headings:
                self.headings = _has_headings(outdir / href)
        self.images = self.described = 0
        for docname in sorted(app.env.found_docs):
            try:
                doctree = app.env.get_doctree(docname)
            except (OSError, EOFError):
                continue
            for image in doctree.findall(nodes.image):
                self.images += 1
                self.described += bool(str(image.get("alt", "")).strip())
        if self.images:
            self.modes.add("visual")

    @property
    def all_described(self) -> bool:
        return self.described == self.images

    def defaults(self, publisher: str) -> dict[str, list[str]]:
        features = []
        if self.headings:
            features.append("structuralNavigation")
        features += ["tableOfContents", "readingOrder"]
        if self.images and self.all_described:
            features.append("alternativeText")
        sufficient = []
        if self.all_described and not self.timed_media:
            sufficient.append("textual")
        if len(self.modes) > 1:
            sufficient.append(",".join(sorted(self.modes)))
        summary = [f"This publication meets {CONFORMS_TO}."]
        if self.headings:
            summary.append("Its text is structured with headings.")
        summary.append("A table of contents links to every part.")
        if self.images and self.all_described:
            summary.append("Every image has a text alternative.")
        return {
            "conformsTo": [CONFORMS_TO],
            "certifiedBy": _texts(publisher),
            "accessMode": sorted(self.modes),
            "accessModeSufficient": sufficient,
            "accessibilityFeature": features,
            "accessibilityHazard": ["unknown" if self.timed_media else "none"],
            "accessibilitySummary": [" ".join(summary)],
        }


def _has_headings(path: Path) -> bool:
    try:
        document = minidom.parse(str(path))
    except Exception:
        return False
    return any(document.getElementsByTagName(f"h{level}") for level in range(1, 7))


def _settings(app: Sphinx, defaults: dict[str, list[str]]) -> dict[str, list[str]]:
    chosen = dict(defaults)
    for key, value in app.config.brief_epub_accessibility.items():
        if key in PROPERTIES:  # the others were reported at config-inited
            chosen[key] = _texts(value)
    return chosen


def _dated_and_credited(app: Sphinx, document: minidom.Document, metadata: minidom.Element) -> None:
    """The brief's date as the publication's (``dc:date``: Sphinx writes the day of the
    build, which ``dcterms:modified`` keeps), and no contributor called "unknown" (Sphinx's
    default ``epub_contributor``, which reading systems show)."""
    try:
        date = dates.parse(str(app.config.brief_date or ""))
    except dates.DateError:
        date = None
    if date is not None and not (date.open_start or date.open_end):
        for element in _children(metadata, "date"):
            for child in list(element.childNodes):
                element.removeChild(child)
            element.appendChild(document.createTextNode(date.machine))
    if app.config.epub_contributor == "unknown":
        for element in _children(metadata, "contributor"):
            if element.firstChild is not None and element.firstChild.nodeValue == "unknown":
                previous = element.previousSibling
                if previous is not None and previous.nodeType == previous.TEXT_NODE:
                    metadata.removeChild(previous)
                metadata.removeChild(element)


def write_metadata(app: Sphinx, opf: Path) -> None:
    """The accessibility metadata into the package document ``content.opf``."""
    document = _parse(opf)
    if document is None:
        return
    package = document.documentElement
    if package is None:
        return
    metadatas, manifests = _children(package, "metadata"), _children(package, "manifest")
    if not metadatas or not manifests:
        return
    metadata, manifest = metadatas[0], manifests[0]
    items = [
        (item.getAttribute("href"), item.getAttribute("media-type"))
        for item in _children(manifest, "item")
    ]
    contents = _Contents(app, opf.parent, items)
    chosen = _settings(app, contents.defaults(app.config.epub_publisher))
    _dated_and_credited(app, document, metadata)
    present = {meta.getAttribute("property") for meta in _children(metadata, "meta")}
    indent = "\n    "
    for key, prop in PROPERTIES.items():
        if prop in present:  # the project wrote its own (epub templates): keep them
            continue
        for value in chosen.get(key, []):
            meta = document.createElement("meta")
            meta.setAttribute("property", prop)
            meta.appendChild(document.createTextNode(value))
            metadata.insertBefore(document.createTextNode(indent), metadata.lastChild)
            metadata.insertBefore(meta, metadata.lastChild)
    _write(document, opf)


def add_roles(path: Path) -> bool:
    """The ARIA role of every ``epub:type`` that has one; True if the file changed."""
    document = _parse(path)
    if document is None:
        return False
    changed = False
    for element in document.getElementsByTagName("*"):
        types = element.getAttribute("epub:type").split()
        roles = [ARIA_ROLES[t] for t in types if t in ARIA_ROLES]
        if roles and not element.getAttribute("role"):
            element.setAttribute("role", roles[0])
            changed = True
    if changed:
        _write(document, path)
    return changed


def add_heading_levels(path: Path) -> bool:
    """An ``aria-level`` on every ``role="heading"`` that lacks one (a toctree's caption,
    as Sphinx writes it), which ARIA requires: one below the sections that hold it.
    True if the file changed."""
    if 'role="heading"' not in path.read_text(encoding="utf-8"):
        return False  # most pages: not worth parsing
    document = _parse(path)
    if document is None:
        return False
    changed = False
    for element in document.getElementsByTagName("*"):
        if element.getAttribute("role") != "heading" or element.hasAttribute("aria-level"):
            continue
        level, parent = 1, element.parentNode
        while parent is not None and parent.nodeType == parent.ELEMENT_NODE:
            level += parent.localName == "section"
            parent = parent.parentNode
        element.setAttribute("aria-level", str(level))
        changed = True
    if changed:
        _write(document, path)
    return changed


#: The ``epub:type`` of each DPUB-ARIA role of a note: reading systems (Apple Books, Kobo,
#: Thorium) show a note in place, over the text, from ``epub:type``, not from the role.
NOTE_TYPES = {"doc-noteref": "noteref", "doc-footnote": "footnote"}


def add_note_types(path: Path) -> bool:
    """The ``epub:type`` of every note mark and note (docutils writes their roles only).
    True if the file changed."""
    if "doc-noteref" not in path.read_text(encoding="utf-8"):
        return False  # a page without notes: not worth parsing
    document = _parse(path)
    if document is None:
        return False
    changed = False
    for element in document.getElementsByTagName("*"):
        kind = NOTE_TYPES.get(element.getAttribute("role"))
        if kind is None or kind in element.getAttribute("epub:type").split():
            continue
        types = element.getAttribute("epub:type").split()
        element.setAttribute("epub:type", " ".join([*types, kind]))
        changed = True
    if changed:
        root = document.documentElement
        if root is not None and not root.getAttribute("xmlns:epub"):
            root.setAttribute("xmlns:epub", "http://www.idpf.org/2007/ops")
        _write(document, path)
    return changed


def finish_epub(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: metadata and roles written, then the ePub packed again."""
    builder = app.builder
    if exception is not None or not isinstance(builder, Epub3Builder):
        return
    outdir = Path(builder.outdir)
    opf = outdir / "content.opf"
    if not opf.is_file():
        return
    write_metadata(app, opf)
    add_root_sections(app, outdir)
    add_roles(outdir / "nav.xhtml")
    # the content documents the builder packs (its manifest)
    for name in getattr(builder, "files", []):
        if str(name).endswith(".xhtml"):
            add_heading_levels(outdir / name)
            add_note_types(outdir / name)
    builder.build_epub()


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after config.py's type check): a key that is no property warns."""
    for key in config.brief_epub_accessibility:
        if key not in PROPERTIES:
            warn(
                "config",
                "brief_epub_accessibility: unknown property %r (known: %s); ignored",
                key,
                ", ".join(PROPERTIES),
                location=brief_config.location(app.confdir, "brief_epub_accessibility"),
            )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_config)
    app.connect("builder-inited", add_stylesheet)
    app.connect("html-page-context", add_language)
    app.connect("html-collect-pages", copy_stylesheet)
    # before reproducible.build_finished (500), which rewrites the archive's entry times
    app.connect("build-finished", finish_epub, priority=400)

"""What every component (quotes, events) is built from: one base directive, the section
that holds a node, the website test, and the assets a component ships.

A component is a subpackage with the same inner shape (``nodes``, ``records``,
``directives``, ``collect``, ``writers``, ``export``) and a ``setup(app)`` that registers
them; this module is the part they share, so each does these things one way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.transforms import SphinxContentsFilter
from sphinx.util.docutils import SphinxDirective
from sphinx.util.fileutil import copy_asset_file

from . import checks, logs
from .paths import output_file

PACKAGE = Path(__file__).resolve().parent.parent
#: The stylesheets of the components (HTML builders only).
STATIC = PACKAGE / "static"
#: The LaTeX packages of the components.
LATEX = PACKAGE / "latex"


class BriefDirective(SphinxDirective):
    """The base of the extension's directives: warnings at the directive (or the line of
    one of its options), and options read as one line of plain text."""

    #: How warnings name the directive: "quote", "event 'Title'" …
    what = "directive"

    def warn(self, subtype: str, message: str, *args: Any, option: str | None = None) -> None:
        """A warning at the directive, or at the line that gives ``option``."""
        where = checks.location(self, option) if option else self.get_location()
        logs.warn(subtype, message, *args, location=where)

    def option(self, key: str) -> str:
        """The option's value as one line of plain text ("" if not given or invisible)."""
        return checks.option_text(self, key, self.what)


def section_title(node: nodes.Node, document: nodes.document | None = None) -> str:
    """The title of the innermost section that holds ``node``; else the page's first title.

    Collected lists link back to a record with this text ("In context: Economic
    Relationship"): the title's words, as the table of contents copies them, without its
    notes' marks ("Heading[^1]" is "Heading").
    """
    document = document if document is not None else node.document
    parent = node.parent
    while parent is not None:
        if (
            isinstance(parent, nodes.section)
            and parent.children
            and isinstance(parent[0], nodes.title)
        ):
            return _title_text(parent[0], document)
        parent = parent.parent
    title = document.next_node(nodes.title) if document is not None else None
    return _title_text(title, document) if title is not None else ""


def _title_text(title: nodes.title, document: nodes.document | None) -> str:
    """A title's text as Sphinx's table of contents copies it: no note marks, images."""
    if document is None:
        return title.astext()
    copier = SphinxContentsFilter(document)
    title.walkabout(copier)
    return "".join(child.astext() for child in copier.get_entry_text())


def is_website(builder: Builder) -> bool:
    """A builder that writes a website (html, dirhtml, singlehtml), not the ePub (HTML in a
    container, whose manifest must list every file) nor HTML Help."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


def add_stylesheet(app: Sphinx, filename: str) -> None:
    """A stylesheet of :data:`STATIC`, for the builders that write HTML (the ePub too)."""

    def config_inited(app: Sphinx, config: Config) -> None:
        # Through html_static_path, so every HTML builder copies it before it packs its
        # output (the ePub is zipped before build-finished).  Added before Sphinx compares
        # the configuration with the last build's: added later, it would make every build
        # look reconfigured and read every page again.
        if str(STATIC) not in map(str, config.html_static_path):
            config.html_static_path.append(str(STATIC))

    def builder_inited(app: Sphinx) -> None:
        if app.builder.format == "html":
            app.add_css_file(filename)

    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)


def add_latex_package(app: Sphinx, filename: str) -> None:
    """A package of :data:`LATEX`, loaded by the LaTeX output and copied beside it."""
    path = LATEX / filename

    def build_finished(app: Sphinx, exception: BaseException | None) -> None:
        # The LaTeX Makefile compiles in the output folder: the package must be there (an
        # older copy is replaced).
        if exception is None and app.builder.format == "latex":
            copy_asset_file(path, output_file(app.outdir, path.name), force=True)

    app.add_latex_package(path.stem)
    app.connect("build-finished", build_finished)

"""How each builder writes events and timelines.

HTML (and ePub): an anchor ``<span>`` for an event outside a timeline; a timeline is a
``<div class="brief-chronology">`` holding its legend and an ``<ol class="brief-timeline">``
of ``<li>`` entries, each led by ``<time datetime="…">``.  Every attribute goes through the
translator's ``starttag`` (escaped); text through its ``encode``.  HTML builders are given
each list of entries as finished markup instead (:mod:`sphinx_brief.timeline_html`, the
same markup), which ``brief_timeline_html`` nodes carry to the writer.

LaTeX: the ``sphinxbrieftimeline`` environment of ``sphinxbrieftimeline.sty``, a list whose
item labels are the dates (a date column) and whose items are ``sphinxbriefentry`` boxes, so
a long date sits beside its entry and the chronology breaks across pages between entries.

Text, man and Texinfo: a bulleted list whose items start with "date — title".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

from .event_nodes import (
    brief_event,
    brief_timeline,
    brief_timeline_date,
    brief_timeline_entry,
    brief_timeline_head,
    brief_timeline_html,
    brief_timeline_list,
)

Visitor = Any  # the builders' translators share no useful base type

STATIC = Path(__file__).parent / "static"
CSS = "brief-timeline.css"
STY = Path(__file__).parent / "latex" / "sphinxbrieftimeline.sty"


def _skip(self: Visitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _nothing(self: Visitor, node: nodes.Element) -> None:
    pass


# -- HTML ------------------------------------------------------------------------------------
def _html_tag(tag: str, cls: str, close_newline: bool = True) -> tuple[Any, Any]:
    def visit(self: Visitor, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, "", CLASS=cls))

    def depart(self: Visitor, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>" + ("\n" if close_newline else ""))

    return visit, depart


def html_visit_event(self: Visitor, node: brief_event) -> None:
    if node["ids"]:
        self.body.append(self.starttag(node, "span", "", CLASS="brief-event") + "</span>\n")
    raise nodes.SkipNode


def html_visit_markup(self: Visitor, node: brief_timeline_html) -> None:
    self.body.append(node["html"])  # escaped when it was made
    raise nodes.SkipNode


def html_visit_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append(
        self.starttag(node, "time", "", datetime=node["datetime"], CLASS="brief-timeline-date")
    )


def html_depart_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append("</time>")


# -- LaTeX -----------------------------------------------------------------------------------
def latex_visit_event(self: Visitor, node: brief_event) -> None:
    if node["ids"]:
        index = node.parent.index(node)
        if index > 0 and isinstance(node.parent[index - 1], nodes.paragraph):
            self.body.append("\n")  # the anchor must not end the previous paragraph
        self.body.append(
            "".join(self.hypertarget(i, anchor=not self.in_title) for i in node["ids"]) + "\n"
        )
    raise nodes.SkipNode


def latex_visit_list(self: Visitor, node: brief_timeline_list) -> None:
    self.body.append("\n\\begin{sphinxbrieftimeline}\n")


def latex_depart_list(self: Visitor, node: brief_timeline_list) -> None:
    self.body.append("\\end{sphinxbrieftimeline}\n")


def latex_visit_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append("\\sphinxbriefitem{")


def latex_depart_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append("}\\begin{sphinxbriefentry}")
    entry = node.parent.parent
    if isinstance(entry, brief_timeline_entry):
        # an entry that is the event itself (local timeline) is the target of its links
        self.body.append("".join(self.hypertarget(i) for i in entry["ids"]))
    self.body.append("\n")


def latex_depart_head(self: Visitor, node: brief_timeline_head) -> None:
    self.body.append("\\par\n")


def latex_depart_entry(self: Visitor, node: brief_timeline_entry) -> None:
    self.body.append("\\end{sphinxbriefentry}\n")


# -- Text, man, Texinfo ----------------------------------------------------------------------
def _as(visit: str, depart: str) -> tuple[Any, Any]:
    """Write the node as the translator writes another kind of node."""

    def do_visit(self: Visitor, node: nodes.Element) -> None:
        getattr(self, visit)(node)

    def do_depart(self: Visitor, node: nodes.Element) -> None:
        getattr(self, depart)(node)

    return do_visit, do_depart


def texinfo_visit_event(self: Visitor, node: brief_event) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)
    raise nodes.SkipNode


PLAIN: dict[type[nodes.Element], tuple[Any, Any]] = {
    brief_timeline: (_nothing, _nothing),
    brief_timeline_list: _as("visit_bullet_list", "depart_bullet_list"),
    brief_timeline_entry: _as("visit_list_item", "depart_list_item"),
    brief_timeline_head: _as("visit_paragraph", "depart_paragraph"),
    brief_timeline_date: (_nothing, _nothing),
}


def _add_stylesheet(app: Sphinx) -> None:
    """``builder-inited``: the timeline stylesheet, for builders that write HTML only."""
    if app.builder.format != "html":
        return
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file(CSS)


def _copy_latex_package(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the package beside the .tex, before ``make`` compiles it."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(STY, app.builder.outdir, force=True)  # an older copy is replaced


def setup(app: Sphinx) -> None:
    app.add_latex_package(STY.stem)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("build-finished", _copy_latex_package)
    html = {
        brief_event: (html_visit_event, None),
        brief_timeline: _html_tag("div", "brief-chronology"),
        brief_timeline_list: _html_tag("ol", "brief-timeline"),
        brief_timeline_entry: _html_tag("li", "brief-timeline-entry"),
        brief_timeline_head: _html_tag("p", "brief-timeline-head"),
        brief_timeline_date: (html_visit_date, html_depart_date),
    }
    latex = {
        brief_event: (latex_visit_event, None),
        brief_timeline: (_nothing, _nothing),
        brief_timeline_list: (latex_visit_list, latex_depart_list),
        brief_timeline_entry: (_nothing, latex_depart_entry),
        brief_timeline_head: (_nothing, latex_depart_head),
        brief_timeline_date: (latex_visit_date, latex_depart_date),
    }
    # made for HTML builders only (timeline_html.py): finished markup
    app.add_node(brief_timeline_html, html=(html_visit_markup, None))
    for node_class in html:
        plain = PLAIN.get(node_class, (_skip, None))
        app.add_node(
            node_class,
            html=html[node_class],
            latex=latex[node_class],
            text=plain,
            man=plain,
            texinfo=(texinfo_visit_event, None) if node_class is brief_event else plain,
        )

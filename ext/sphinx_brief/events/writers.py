"""How each builder writes events and timelines.

HTML (and ePub): an anchor ``<span>`` for an event outside a timeline; a timeline is a
``<div class="brief-chronology">`` holding its legend and an ``<ol class="brief-timeline">``
of ``<li>`` entries, each led by ``<time datetime="…">``.  Every attribute goes through the
translator's ``starttag`` (escaped); text through its ``encode``.  HTML builders are given
each list of entries as finished markup instead (:mod:`sphinx_brief.timeline_html`, the
same markup), which ``brief_timeline_html`` nodes carry to the writer.

LaTeX: the ``sphinxbrieftimeline`` environment of ``sphinxbrieftimeline.sty``, a list whose
item labels are the dates: a date column as wide as the timeline's widest date (the list's
longest dates are given to LaTeX to measure), a date too wide for it set above its entry,
no date ever broken or hyphenated, and no entry's first line left alone at a page's foot.
A timeline printed short (:mod:`.printed`) is the ``sphinxbriefshorttimeline`` environment;
the chronology's list carries the label whose page (``\\pageref``) the others give.

Text, man and Texinfo: a bulleted list whose items start with "date — title".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..core.component import add_latex_package, add_stylesheet
from ..core.visitors import INLINE, nothing, skip, written_as
from .nodes import (
    brief_event,
    brief_timeline,
    brief_timeline_date,
    brief_timeline_entry,
    brief_timeline_head,
    brief_timeline_html,
    brief_timeline_list,
    brief_timeline_pageref,
)

Visitor = Any  # the builders' translators share no useful base type

CSS = "brief-timeline.css"
STY = "sphinxbrieftimeline.sty"


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


#: How many of a timeline's longest dates (by characters) LaTeX measures to size its date
#: column: the widest printed is among them, whatever the font.
LONGEST_DATES = 40


def latex_visit_timeline(self: Visitor, node: brief_timeline) -> None:
    if node["ids"]:  # the chronology's label (:mod:`.printed`)
        self.body.append("\n" + "".join(self.hypertarget(i) for i in node["ids"]) + "\n")


def _environment(node: brief_timeline_list) -> str:
    short = "brief-timeline-short" in node["classes"]
    return "sphinxbriefshorttimeline" if short else "sphinxbrieftimeline"


def latex_visit_list(self: Visitor, node: brief_timeline_list) -> None:
    shown = {date.astext() for date in node.findall(brief_timeline_date)}
    longest = sorted(shown, key=lambda text: (-len(text), text))[:LONGEST_DATES]
    measured = "".join(f"\\sphinxbriefdate{{{self.encode(text)}}}" for text in longest)
    self.body.append(f"\n\\begin{{{_environment(node)}}}{{{measured}}}\n")


def latex_depart_list(self: Visitor, node: brief_timeline_list) -> None:
    self.body.append(f"\\end{{{_environment(node)}}}\n")


def latex_visit_pageref(self: Visitor, node: brief_timeline_pageref) -> None:
    label = self.idescape(f"{node['brief_todoc']}:{node['brief_toid']}")
    self.body.append(f"\\pageref{{{label}}}")
    raise nodes.SkipNode


def latex_visit_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append("\\sphinxbriefitem{")


def latex_depart_date(self: Visitor, node: brief_timeline_date) -> None:
    self.body.append("}\\begin{sphinxbriefentry}")
    entry = node.parent.parent
    if isinstance(entry, brief_timeline_entry) and entry["ids"]:
        # the target of links to the entry (an event of a local timeline, an entry of the
        # chronology), inside the entry's first line: an anchor between the lines would
        # let a page break before the entry's first line
        targets = "".join(self.hypertarget(i) for i in entry["ids"])
        self.body.append(f"\\leavevmode{targets}%")
    self.body.append("\n")


def latex_depart_head(self: Visitor, node: brief_timeline_head) -> None:
    self.body.append("\\par\\nobreak\n")  # the entry's first line stays with the rest


def latex_depart_entry(self: Visitor, node: brief_timeline_entry) -> None:
    self.body.append("\\end{sphinxbriefentry}\n")


# -- Text, man, Texinfo ----------------------------------------------------------------------
def texinfo_visit_event(self: Visitor, node: brief_event) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)
    raise nodes.SkipNode


PLAIN: dict[type[nodes.Element], tuple[Any, Any]] = {
    brief_timeline: (nothing, nothing),
    brief_timeline_list: written_as("visit_bullet_list", "depart_bullet_list"),
    brief_timeline_entry: written_as("visit_list_item", "depart_list_item"),
    brief_timeline_head: written_as("visit_paragraph", "depart_paragraph"),
    brief_timeline_date: (nothing, nothing),
}


def setup(app: Sphinx) -> None:
    add_stylesheet(app, CSS)
    add_latex_package(app, STY)
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
        brief_timeline: (latex_visit_timeline, nothing),
        brief_timeline_list: (latex_visit_list, latex_depart_list),
        brief_timeline_entry: (nothing, latex_depart_entry),
        brief_timeline_head: (nothing, latex_depart_head),
        brief_timeline_date: (latex_visit_date, latex_depart_date),
    }
    # made for HTML builders only (timeline_html.py): finished markup
    app.add_node(brief_timeline_html, html=(html_visit_markup, None))
    # made for LaTeX builders only (printed.py): a page number; elsewhere its text
    pageref = {**INLINE, "latex": (latex_visit_pageref, None)}
    app.add_node(brief_timeline_pageref, override=False, **pageref)
    for node_class in html:
        plain = PLAIN.get(node_class, (skip, None))
        app.add_node(
            node_class,
            html=html[node_class],
            latex=latex[node_class],
            text=plain,
            man=plain,
            texinfo=(texinfo_visit_event, None) if node_class is brief_event else plain,
        )

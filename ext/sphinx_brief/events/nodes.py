"""The doctree nodes of events and timelines.

Directives produce ``brief_event`` and ``brief_timeline``; the timeline post-transform turns
each timeline into the generic nodes below, which every builder writes
(:mod:`sphinx_brief.event_writers`).  Everything else in an entry (title, tags, sources,
notes) is made of docutils' own paragraphs, inlines and references, so builders that know
nothing of briefs still write it.

HTML builders get a timeline's list as runs of finished markup instead
(:class:`brief_timeline_html`, :mod:`sphinx_brief.timeline_html`): a chronology of
thousands of events is then a handful of nodes, not sixty an entry.
"""

from __future__ import annotations

from docutils import nodes

from ..core.visitors import AnchorOnly


class brief_event(nodes.General, AnchorOnly, nodes.Element):
    """An ``event`` directive.

    Attributes hold the record's fields (``date``, ``title``, ``tags``, ``sources``,
    ``place``, ``date_note``, ``body``); children are the parsed body.  ``valid`` is False when
    a check failed so badly (no date, no title) that the event cannot join a chronology.
    Outside a timeline it is written as an anchor only.
    """


class brief_timeline(nodes.General, nodes.Element):
    """A ``timeline`` directive: filters in attributes, nested ``brief_event`` children.

    ``collect`` is True for a timeline without body, which collects every event of the
    project.  After the post-transform its children are the legend and the list.
    """


class brief_timeline_list(nodes.General, nodes.Element):
    """The ordered entries of a timeline (HTML ``<ol>``, LaTeX chronology environment)."""


class brief_timeline_entry(nodes.General, nodes.Element):
    """One event in a timeline (HTML ``<li>``, LaTeX item labelled with its date)."""


class brief_timeline_head(nodes.General, nodes.Element):
    """The entry's first line: its ``brief_timeline_date``, a separator and the title."""


class brief_timeline_date(nodes.Inline, nodes.TextElement):
    """The date as readers write it; ``datetime`` is its machine form (HTML ``<time>``)."""


class brief_timeline_pageref(nodes.Inline, nodes.TextElement):
    """The number of the page a target stands on, in the PDF (LaTeX ``\\pageref``): made
    only for a LaTeX build (:mod:`.printed`), where ``brief_todoc`` and ``brief_toid`` name
    the target; other builders write its text."""


class brief_timeline_html(nodes.General, nodes.Element):
    """Finished HTML of timeline entries (:mod:`sphinx_brief.timeline_html`), HTML only.

    ``html`` holds the markup, escaped, which the HTML writer copies as it is.  The one
    child, if any, is the text the markup shows, for the search index; writers never
    write it (readers see that text in the markup).
    """


#: Every node a builder must know how to write.
ALL = (
    brief_event,
    brief_timeline,
    brief_timeline_list,
    brief_timeline_entry,
    brief_timeline_head,
    brief_timeline_date,
    brief_timeline_pageref,
)

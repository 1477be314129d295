"""Tables that every reader can use: a wide table scrolls with the keyboard, no id twice,
and a heading cell that says nothing is the author's to fill.

furo wraps each table of a web page in a ``table-wrapper`` container, which scrolls
sideways on a phone.  It copies the table's attributes, ids included, onto the wrapper
(``update_all_atts``), so a table with a name (``:name: table-1``, a caption) has its ids
twice on the page, and the scrolling region cannot be reached with the keyboard (axe:
``duplicate-id``, ``scrollable-region-focusable``; the Nu checker: "Duplicate ID").  After
furo's post-transform, :class:`KeyboardTableWrappers` turns each such wrapper into a
:class:`brief_table_region`: the ids stay on the table alone, and the region is focusable
and named after the table's caption.  furo's own transform is left as it is.

A heading cell left empty (``|  | FY2022 |``, a second header row that fakes a span) gives
a column whose cells no heading describes to a screen reader (axe: ``empty-table-header``,
``td-has-header``): :class:`EmptyHeadings` warns at the table (``brief.table``).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator

from ..core.logs import warn

#: The class furo gives its wrapper.
WRAPPER = "table-wrapper"


class brief_table_region(nodes.General, nodes.Element):
    """A wide table's scrolling region on a web page: ``label`` names it (the caption)."""


def _caption(table: nodes.table) -> str:
    for title in table.findall(nodes.title):
        return " ".join(title.astext().split())
    return ""


class KeyboardTableWrappers(SphinxPostTransform):
    """furo's wrappers, focusable and without the table's ids (after furo's, 500)."""

    formats = ("html",)
    default_priority = 510

    def run(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.container)):
            if WRAPPER not in wrapper["classes"]:
                continue
            tables = [child for child in wrapper.children if isinstance(child, nodes.table)]
            if len(tables) != 1:
                continue
            region = brief_table_region("", *wrapper.children, classes=list(wrapper["classes"]))
            region["label"] = _caption(tables[0]) or "Table"
            region.source, region.line = wrapper.source, wrapper.line
            # not replace_self, which copies the wrapper's ids (the table's) onto the region
            wrapper.parent.replace(wrapper, region)


#: The type of a table of many columns in the PDF, from how many columns: a column of a
#: table of nine is narrower than "12/31/1970." in the text's size.
SIZES = ((9, r"\scriptsize"), (8, r"\footnotesize"), (6, r"\small"))
#: A table's cells set ragged right, as printed tables are: a narrow justified column
#: spreads its words apart.  (Sphinx starts each paragraph of a cell with
#: ``\sphinxAtStartPar``; each cell is a group, so nothing outlives it.)
RAGGED = (
    r"\let\sphinxbriefAtStartPar\sphinxAtStartPar"
    r"\def\sphinxAtStartPar{\raggedright\sphinxbriefAtStartPar}"
)


class PrintedTables(SphinxPostTransform):
    """Tables as the PDF sets them: cells ragged right; a table of many columns in smaller
    type, as printed reports set them, so that a date or a number fits its column (an
    overfull line otherwise); a caption that starts with the number LaTeX gives the table
    anyway ("Table 1. Farm Bills", where LaTeX prints "Table 1: ") without it."""

    formats = ("latex",)
    default_priority = 510

    def run(self, **kwargs: Any) -> None:
        numbered = _numbers_through(self.config, str(self.document.get("docname", "")))
        label = str(self.config.numfig_format.get("table", "Table %s"))
        number = 0
        for table in list(self.document.findall(nodes.table)):
            title = next(iter(table.findall(nodes.title)), None)
            if title is not None:
                number += 1
                if numbered:
                    _drop_own_number(title, label % number)
            columns = max(
                (int(group.get("cols", 0)) for group in table.findall(nodes.tgroup)), default=0
            )
            size = next((size for least, size in SIZES if columns >= least), "")
            parent, at = table.parent, table.parent.index(table)
            parent.insert(at + 1, nodes.raw("", "\\endgroup\n", format="latex"))
            parent.insert(at, nodes.raw("", f"\\begingroup{size}{RAGGED}\n", format="latex"))


def _numbers_through(config: Any, docname: str) -> bool:
    """Whether LaTeX numbers the document's tables 1, 2, 3 … (an article: ``howto``)."""
    for entry in config.latex_documents:
        if entry and entry[0] == docname:
            return len(entry) > 4 and entry[4] == "howto"
    return False


def _drop_own_number(title: nodes.title, own: str) -> None:
    """``own`` ("Table 1") and its "." or ":" out of the start of a table's caption."""
    first = title.next_node(nodes.Text)
    if first is None:
        return
    text = str(first)
    match = re.match(rf"\s*{re.escape(own)}[.:]\s+(?=\S)", text)
    if match is not None:
        first.parent.replace(first, nodes.Text(text[match.end() :]))


def visit_region_html(translator: SphinxTranslator, node: brief_table_region) -> None:
    translator.body.append(  # type: ignore[attr-defined]
        translator.starttag(  # type: ignore[attr-defined]
            node, "div", "", tabindex="0", role="region", **{"aria-label": node["label"]}
        )
    )


def depart_region_html(translator: SphinxTranslator, node: brief_table_region) -> None:
    translator.body.append("</div>\n")  # type: ignore[attr-defined]


def _pass(translator: SphinxTranslator, node: nodes.Node) -> None:
    """Other formats never see a region (furo wraps web pages only): its table is written."""


class EmptyHeadings(SphinxTransform):
    """A table's heading cell with no text: a warning at the table, once per table."""

    default_priority = 900

    def apply(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            empty = 0
            for head in table.findall(nodes.thead):
                for entry in head.findall(nodes.entry):
                    if not entry.astext().strip():
                        empty += 1
            if empty:
                caption = _caption(table)
                named = f" {caption!r}" if caption else ""
                warn(
                    "table",
                    "%d heading cell%s of the table%s %s empty: readers of a screen reader "
                    "hear no heading for %s column; write one (a stub column's heading "
                    "names what its rows are: 'Program', 'Year')",
                    empty,
                    "" if empty == 1 else "s",
                    named,
                    "is" if empty == 1 else "are",
                    "its" if empty == 1 else "their",
                    location=table,
                )


def setup(app: Sphinx) -> None:
    app.add_node(
        brief_table_region,
        html=(visit_region_html, depart_region_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.add_post_transform(KeyboardTableWrappers)
    app.add_post_transform(PrintedTables)
    app.add_transform(EmptyHeadings)

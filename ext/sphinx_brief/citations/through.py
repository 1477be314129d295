"""The PDF of an article: its notes numbered through the whole document.

Each page of a brief numbers its notes from 1 (a page is a chapter of a book-like PDF, and
the website shows one page at a time).  A ``howto`` (article) PDF sets the pages one after
the other as sections, though: two pages that share a PDF page would print notes 1–10 and
then 1–4 again at its foot.  There, :class:`NumberedThrough` numbers every note of the
document in reading order (the notes' texts, full or short, stay as each page has them).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def _theme(config: Any, docname: str) -> str | None:
    for entry in config.latex_documents:
        if entry and entry[0] == docname and len(entry) > 4:
            return str(entry[4])
    return None


class NumberedThrough(SphinxPostTransform):
    """LaTeX, a ``howto`` document of several pages: the notes' numbers run through it.

    After the light notes become footnotes (priority 1), before LaTeX's own footnote
    transforms, which copy the numbers into ``\\footnotemark``/``\\footnotetext``.  Only
    where every note is numbered automatically (an author's own ``[3]`` keeps its number,
    and so do the others), and not with ``latex_show_urls = "footnote"``, whose notes are
    numbered per page after ours.
    """

    default_priority = 2
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        document = self.document
        if _theme(self.config, str(document.get("docname", ""))) != "howto":
            return
        if self.config.latex_show_urls == "footnote":
            return
        if document.next_node(addnodes.start_of_file) is None:
            return  # one page: its numbers run through it already
        footnotes: dict[tuple[str, str], nodes.footnote] = {}
        for footnote in document.findall(nodes.footnote):
            if footnote.get("auto") == "*":
                continue  # marked with a symbol: not in the count
            if footnote.get("auto") != 1 or not footnote["ids"]:
                return  # a note numbered by hand: its number stays, and so do the others
            footnotes[(str(footnote.get("docname", "")), str(footnote["ids"][0]))] = footnote
        numbers: dict[tuple[str, str], str] = {}
        for ref in document.findall(nodes.footnote_reference):
            key = (str(ref.get("docname", "")), str(ref.get("refid", "")))
            if key not in footnotes:
                continue
            number = numbers.setdefault(key, str(len(numbers) + 1))
            ref.children = []
            ref += nodes.Text(number)
        for key, footnote in footnotes.items():
            label = footnote.next_node(nodes.label)
            if key in numbers and label is not None:
                label.children = []
                label += nodes.Text(numbers[key])

r"""How each builder writes a quotation (the nodes are defined in :mod:`sphinx_brief.quotes`).

- HTML (and ePub): ``<figure class="brief-quote">`` holding the ``<blockquote>`` and a
  ``<figcaption class="brief-attribution">``; the date in ``<time datetime="…">``.
- LaTeX: the environments of ``sphinxbriefquote.sty`` (the layout lives in the package,
  not here); the writer only opens and closes them, and escapes text as always.  A
  quotation of Who said what, which its "Source:" line follows, ends with
  ``\\sphinxbriefquotekeep``: the line stays on the page where the words end.
- text, man, Texinfo: the builder's own block quotation, the attribution after a dash.

A run-in quote (``brief_run_in``) is written inside its paragraph: HTML ``<span>`` with its
id around a ``<q>`` holding the language's marks as text (copied with the words; the
browser's own marks for ``<q>`` are switched off by the style sheet); LaTeX
``\\enquote{…}`` (csquotes, the marks of the document's language) after its anchor; text,
man and Texinfo the language's marks (Babel's).  Its notes follow the closing mark.

Every field reaches the output as docutils ``Text``, which each writer escapes; nothing
here writes a field's value unescaped.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.writers.manpage import Translator as ManTranslator
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from ..core.text import quotation_marks
from ..core.visitors import BUILDERS, INLINE, Handlers, nothing, skip

_BEGIN_QUOTE = "\n\\begin{sphinxbriefquote}\n"
_END_QUOTE = "\\end{sphinxbriefquote}\n"
_BEGIN_ATTRIBUTION = "\n\\begin{sphinxbriefattribution}"
_END_ATTRIBUTION = "\\end{sphinxbriefattribution}\n"


# -- the quotation ---------------------------------------------------------------------------
def visit_quote_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "figure"))


def depart_quote_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</figure>\n")


def visit_quote_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(_BEGIN_QUOTE)
    if node["ids"]:
        self.body.append(self.hypertarget_to(node, anchor=True) + "%\n")


#: The class of the "Source:" line that follows a quotation of a collected list.
SOURCES_LINE = "brief-quote-sources"
_KEEP = "\\sphinxbriefquotekeep\n"


def _sources_line_follows(node: nodes.Element) -> bool:
    parent = node.parent
    if parent is None:
        return False
    index = parent.index(node)
    following = parent[index + 1] if index + 1 < len(parent) else None
    return isinstance(following, nodes.paragraph) and SOURCES_LINE in following["classes"]


def depart_quote_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    if _sources_line_follows(node):
        self.body.append(_KEEP)  # its "Source:" line on the page where the words end
    self.body.append(_END_QUOTE)


def visit_quote_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state()


def depart_quote_text(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state()


def visit_quote_man(self: ManTranslator, node: nodes.Element) -> None:
    self.visit_block_quote(node)


def depart_quote_man(self: ManTranslator, node: nodes.Element) -> None:
    self.depart_block_quote(node)


def visit_quote_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.visit_block_quote(node)


def depart_quote_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.depart_block_quote(node)


QUOTE: Handlers = {
    "html": (visit_quote_html, depart_quote_html),
    "latex": (visit_quote_latex, depart_quote_latex),
    "text": (visit_quote_text, depart_quote_text),
    "man": (visit_quote_man, depart_quote_man),
    "texinfo": (visit_quote_texinfo, depart_quote_texinfo),
}


# -- the quoted words: a <blockquote> in HTML; elsewhere the quotation's own indent --------
def visit_body_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.visit_block_quote(node)


def depart_body_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.depart_block_quote(node)


BODY: Handlers = {
    "html": (visit_body_html, depart_body_html),
    "latex": (nothing, nothing),
    "text": (nothing, nothing),
    "man": (nothing, nothing),
    "texinfo": (nothing, nothing),
}


# -- the attribution -----------------------------------------------------------------------
def visit_attribution_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "figcaption", ""))


def depart_attribution_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</figcaption>\n")


def visit_attribution_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(_BEGIN_ATTRIBUTION)


def depart_attribution_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(_END_ATTRIBUTION)


def visit_attribution_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text("— ")


def depart_attribution_text(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state()


def visit_attribution_man(self: ManTranslator, node: nodes.Element) -> None:
    self.visit_paragraph(node)
    self.body.append("\\(em ")


def depart_attribution_man(self: ManTranslator, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_attribution_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.body.append("\n\n@flushright\n--- ")


def depart_attribution_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.ensure_eol()
    self.body.append("@end flushright\n")


ATTRIBUTION: Handlers = {
    "html": (visit_attribution_html, depart_attribution_html),
    "latex": (visit_attribution_latex, depart_attribution_latex),
    "text": (visit_attribution_text, depart_attribution_text),
    "man": (visit_attribution_man, depart_attribution_man),
    "texinfo": (visit_attribution_texinfo, depart_attribution_texinfo),
}


# -- dates ---------------------------------------------------------------------------------
def visit_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")


DATE: Handlers = {**INLINE, "html": (visit_date_html, depart_date_html)}


# -- run-in quotations ----------------------------------------------------------------------
def marks(translator: Any) -> tuple[str, str]:
    """The opening and closing quotation marks of the build's language."""
    return quotation_marks(translator.config.language)


def visit_run_in_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_run_in_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_run_in_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    if node["ids"]:
        self.body.append(self.hypertarget_to(node, anchor=True))


RUN_IN: Handlers = {
    **dict.fromkeys(BUILDERS, (nothing, nothing)),
    "html": (visit_run_in_html, depart_run_in_html),
    "latex": (visit_run_in_latex, nothing),
}


def visit_words_html(self: HTML5Translator, node: nodes.Element) -> None:
    # The marks as text inside the <q> (its CSS marks switched off, brief-quote.css): a
    # reader who copies the paragraph copies them, and the quoted words never read as the
    # author's.  The <q> still says to assistive technology that the words are quoted.
    self.body.append(self.starttag(node, "q", "") + self.encode(marks(self)[0]))


def depart_words_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.encode(marks(self)[1]) + "</q>")


def visit_words_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\enquote{")


def depart_words_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")


def visit_words_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(marks(self)[0])


def depart_words_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(marks(self)[1])


def visit_words_body(self: Any, node: nodes.Element) -> None:
    self.body.append(marks(self)[0])


def depart_words_body(self: Any, node: nodes.Element) -> None:
    self.body.append(marks(self)[1])


WORDS: Handlers = {
    "html": (visit_words_html, depart_words_html),
    "latex": (visit_words_latex, depart_words_latex),
    "text": (visit_words_text, depart_words_text),
    "man": (visit_words_body, depart_words_body),
    "texinfo": (visit_words_body, depart_words_body),
}

#: The notes of a run-in quote: the note references themselves, nothing around them.
RUN_IN_NOTES: Handlers = dict.fromkeys(BUILDERS, (nothing, nothing))

# The placeholder of a collected list is always replaced before writing; should a
# builder skip that step, it writes nothing rather than failing.
PLACEHOLDER: Handlers = dict.fromkeys(BUILDERS, (skip, nothing))

"""The bibliography (the Sources page): its entries as link targets in every format, in
Chicago's order, with the typography of the prose.

- :class:`ChicagoOrder` is the note style's sorting: alphabetical by the first author's
  last name, or by the title (without a leading article) where there is no author, or by
  the entry's ``sortkey`` where it gives one (a romanised name for an entry in another
  script); compared by the Unicode Collation Algorithm (pyuca), so "Éluard" sorts beside
  "Eluard", not after "Zhang", and entries in other scripts follow the Latin ones, grouped
  by script;
- :class:`BibliographyForm` puts each entry in Chicago's bibliography form ("Landay,
  Jonathan, and Kevin Hall. “Title.” …", :mod:`.bibentry`) where sphinxcontrib-bibtex
  filled in the note, which is what the style's ``format_entry`` gives (``footcite`` asks
  it too, and must get the note);
- :class:`BibliographyAnchors` gives each entry a LaTeX label, so notes, timelines and
  quotation lists link to it in the PDF too;
- :class:`SmartBibliography` applies Sphinx's smart quotes (its settings, the page's
  language) to the entries, which sphinxcontrib-bibtex fills in after Sphinx has made the
  prose's quotes smart; addresses are left exactly as written.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Protocol, runtime_checkable

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.sorting import BaseSortingStyle
from pyuca import Collator
from sphinx import addnodes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.transforms import node_text_transform

from .. import bibtex
from ..core.visitors import every_builder, nothing, skip, written_as
from .addresses import keep_verbatim

#: The class of a bibliography's list (its stylesheet: static/brief-sources.css).
CLASS = "brief-bibliography"
CSS = "brief-sources.css"
STY = "sphinxbriefsources.sty"
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[^\w\s]")


def _plain(latex: str) -> str:
    text = str(bibtex.latex_text(latex)) if latex else ""
    return " ".join(_NOT_LETTERS.sub("", text).lower().split())


@cache
def _collator() -> Collator:
    # the Default Unicode Collation Element Table, read once per process (about 0.1 s)
    return Collator()


def collation_key(text: str) -> tuple[int, ...]:
    """``text``'s place in alphabetical order by the Unicode Collation Algorithm."""
    return tuple(_collator().sort_key(text))


class ChicagoOrder(BaseSortingStyle):
    """Alphabetical by author (last, first names), else by title (or description), or by
    ``sortkey``; then date, title; by the Unicode Collation Algorithm."""

    def sorting_key(self, entry: Entry) -> tuple[tuple[int, ...], str, tuple[int, ...]]:
        fields = entry.fields
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        named = fields.get("title", "") or fields.get("titleaddon", "")
        title = _ARTICLE.sub("", _plain(named))
        given = _plain(fields.get("sortkey", ""))
        if given:
            who = given
        elif people:
            person = people[0]
            who = " ".join(
                _plain(" ".join(part)) for part in (person.last_names, person.first_names)
            )
        else:
            who = title
        when = fields.get("date", "") or fields.get("year", "")
        return (collation_key(who), when, collation_key(title))

    def sort(self, entries: Any) -> list[Entry]:
        return sorted(entries, key=self.sorting_key)


@runtime_checkable
class GivesEntries(Protocol):
    """A pybtex style with a bibliography form of its own beside its notes (the brief's)."""

    def format_bibliography_entry(self, entry: Entry) -> Text: ...


class BibliographyForm(SphinxPostTransform):
    """Every format: the entries of a bibliography whose style gives a bibliography form
    (:class:`GivesEntries`) are written in it; any other style's are left as it made them.

    Runs after sphinxcontrib-bibtex fills the entries in (priority 5), before the smart
    quotes (7); a LaTeX label already in the entry (:class:`BibliographyAnchors`) is kept.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        listed = bibtex.listed_entries(self.env)
        if not _holds_entries(self.document, listed, self.env):
            return
        backend = bibtex.backend(self.env)
        styles: dict[str, Any] = {}
        for node in list(self.document.findall(_is_bib_entry)):
            assert isinstance(node, nodes.Element)
            bibtex.without_own_backrefs(node)
            mine = [i for i in node["ids"] if i in listed]
            paragraph = node.next_node(nodes.paragraph)
            if not mine or paragraph is None:
                continue
            entry, name = listed[mine[0]]
            if name not in styles:
                styles[name] = find_plugin("pybtex.style.formatting", name)()
            style = styles[name]
            if not isinstance(style, GivesEntries):
                continue
            text = style.format_bibliography_entry(entry)
            made = backend.paragraph(FormattedEntry(entry.key, text, ""))
            node_text_transform(made)  # what sphinxcontrib-bibtex does to its entries
            kept = [
                child
                for child in paragraph.children
                if isinstance(child, nodes.target | brief_bib_label)
            ]
            paragraph.clear()
            paragraph.extend([*kept, *made.children])


def _gives_entries(style: str) -> bool:
    """Whether the pybtex style named ``style`` gives a bibliography form of its own."""
    return isinstance(find_plugin("pybtex.style.formatting", style)(), GivesEntries)


def _holds_entries(document: nodes.document, ids: Any, env: Any) -> bool:
    """Whether ``document`` may hold entries of a bibliography: the page being written has
    a ``bibliography`` directive, one of their ids is among its own, or it is pages put
    together into one doctree (LaTeX), whose ids are theirs.  (The entries' ids are not
    always in the document's table: a one-page brief's LaTeX build.)"""
    return (
        env.docname in bibtex.bibliography_docnames(env)
        or any(i in document.ids for i in ids)
        or document.next_node(addnodes.start_of_file) is not None
    )


class brief_bib_label(nodes.Inline, nodes.Element):
    """LaTeX: the label of a bibliography entry, ``<docname>:<id>`` for each of its
    ``labels`` (the entry's ids), ``docname`` being the page whose bibliography lists it,
    where links point."""


def visit_bib_label_latex(self: Any, node: brief_bib_label) -> None:
    for ident in node["labels"]:
        self.body.append(self.hypertarget(f"{node['docname']}:{ident}", withdoc=False))
    raise nodes.SkipNode


#: Every other builder: nothing (the node is only made for LaTeX).
BIB_LABEL = {
    **every_builder(skip, nothing),
    "latex": (visit_bib_label_latex, nothing),
}


class BibliographyAnchors(SphinxPostTransform):
    """LaTeX: give bibliography entries a label, so short citations can link to them.

    The LaTeX writer writes no label for a list item's ids (``:list: bullet``), and a
    citation's ``\\bibitem`` key is not a ``\\ref`` label; a label in the entry's first
    paragraph adds one, with the same id, where the entry stands.  It is named after the
    entry's own page, as links to it are: Sphinx moves a plain bibliography's citations to
    the end of the root document, where a target would take the root's name.
    """

    default_priority = 6
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        ids = bibtex.citation_ids(self.env)
        if not ids:
            return
        for node in list(self.document.findall(_is_bib_entry)):
            assert isinstance(node, nodes.Element)
            mine = [i for i in node["ids"] if i in ids]
            paragraph = node.next_node(nodes.paragraph)
            if mine and paragraph is not None:
                label = brief_bib_label("", labels=mine, docname=node["docname"])
                paragraph.insert(0, label)


class SmartBibliography(SphinxPostTransform):
    """The bibliography's entries educated as Sphinx educates the prose (after
    sphinxcontrib-bibtex fills them in, priority 5)."""

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        # no bibliography entry on this page: nothing to walk
        if not _holds_entries(self.document, bibtex.citation_ids(self.env), self.env):
            return

        entries = list(self.document.findall(_is_bib_entry))
        if not entries:
            return
        teacher = SphinxSmartQuotes(self.document, startnode=None)
        available = teacher.is_available()
        for entry in entries:
            assert isinstance(entry, nodes.Element)
            # Chicago's bibliography: no bullets, a hanging indent (brief-sources.css)
            parent = entry.parent
            if isinstance(parent, nodes.bullet_list) and CLASS not in parent["classes"]:
                parent["classes"].append(CLASS)
            if available:
                educate(entry, teacher, self.config.smartquotes_action)


class brief_bib_entry(nodes.citation):
    """HTML: an entry of a plain bibliography (a citation), written as a list item."""


def visit_bib_entry_html(self: Any, node: brief_bib_entry) -> None:
    # docutils writes a citation with the role doc-biblioentry, which DPUB-ARIA 1.1
    # deprecates and which a role="list" may not hold (axe, Ace by DAISY): a list item
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def depart_bib_entry_html(self: Any, node: brief_bib_entry) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


#: Other builders never see one (:class:`BibliographyListItems` is for HTML): a citation.
BIB_ENTRY = {
    **every_builder(*written_as("visit_citation", "depart_citation")),
    "html": (visit_bib_entry_html, depart_bib_entry_html),
}


class BibliographyListItems(SphinxPostTransform):
    """HTML builders (the website, the ePub): a plain bibliography's entries as items of
    the list they stand in (:class:`brief_bib_entry`), after the other transforms, where
    its style gives a bibliography form (:class:`GivesEntries`, the brief's); any other
    style's are left as sphinxcontrib-bibtex makes them."""

    default_priority = 8
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        listed = bibtex.listed_entries(self.env)
        if not listed or not _holds_entries(self.document, listed, self.env):
            return
        styles = {name for _, name in listed.values()}
        ours = {name for name in styles if _gives_entries(name)}
        ids = {ident for ident, (_, name) in listed.items() if name in ours}
        if not ids:
            return
        for node in list(self.document.findall(nodes.citation)):
            if type(node) is nodes.citation and "docname" in node and set(node["ids"]) & ids:
                entry = brief_bib_entry(node.rawsource, *node.children, **node.attributes)
                node.replace_self(entry)
                for ident in entry["ids"]:
                    self.document.ids[ident] = entry


class BibliographyParagraphs(SphinxPostTransform):
    """LaTeX: Chicago's bibliography as paragraphs with a hanging indent, not a list (after
    the anchors and the smart quotes)."""

    default_priority = 8
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for listing in list(self.document.findall(nodes.bullet_list)):
            if CLASS in listing["classes"]:
                _as_paragraphs(listing)


def _as_paragraphs(listing: nodes.bullet_list) -> None:
    """LaTeX: the list's entries as paragraphs of a container (sphinxbriefsources.sty sets
    them with a hanging indent); their labels stand in their first paragraphs already."""
    box = nodes.container(classes=[CLASS])
    for item in listing.children:
        box.extend(child.deepcopy() for child in item.children)
    listing.replace_self(box)


def educate(node: nodes.Element, teacher: SphinxSmartQuotes, action: str) -> None:
    """Smart quotes, dashes and ellipses in ``node``'s paragraphs, as the prose has them;
    an address (a link whose text is its target) is left as written."""
    keep_verbatim(node)
    language = teacher.env.settings.get("language_code") or "en"
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            language = tag
            break
    for paragraph in node.findall(nodes.paragraph):
        texts = list(paragraph.findall(nodes.Text))
        educated = smartquotes.educate_tokens(
            teacher.get_tokens(texts), attr=action, language=language
        )
        for text, new in zip(texts, educated, strict=True):
            if new != str(text):
                text.parent.replace(text, nodes.Text(new))


def _is_bib_entry(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.list_item, nodes.citation)) and "docname" in node

"""Attributed quotations: the ``quote`` directive, the ``quotations`` collection, ``quotes.json``.

A ``quote`` renders as a block quotation with an attribution line (speaker, role, date as
readers write it) and its sources as the page's ordinary notes.  While the page is read, it
is recorded in the brief domain as a :class:`QuoteRecord` (plain values only); a
``quotations`` directive leaves a placeholder that is filled when its page is written, from
the records of every page, so it stays right under ``-j`` and incremental builds.

Notes.  The attribution cites each source with sphinxcontrib-bibtex's ``footcite``
machinery, so a quote's notes are numbered with the page's other notes.  A source is not
cited a second time in a row, though: if the quotation's own words cite it, or if the next
note after the quotation does (a note covers the words before it back to the previous note,
as in a manuscript that puts its note after the sentence around the quotation), the
attribution leaves it to that note.  The collected list on another page cannot use that
page's notes (they belong to the page where the quote stands), so it shows each source as
its full note text, with a link back to the quotation in its context.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.nodes import make_refnode

from . import checks, dates, quote_writers, sources
from .domain import get_domain, register_kind

logger = logging.getLogger(__name__)

KIND = "quotes"
STATIC = Path(__file__).parent / "static"
LATEX = Path(__file__).parent / "latex"
CSS_FILE = "brief-quote.css"
LATEX_PACKAGE = "sphinxbriefquote"
JSON_FILE = "quotes.json"


# -- nodes ---------------------------------------------------------------------------------
class brief_quote(nodes.General, nodes.Element):
    """A quotation: a :class:`brief_quote_body` then a :class:`brief_attribution`.

    Attributes (plain values): ``speaker``, ``role``, ``date`` (EDTF, "" if none or
    unreadable), ``sources`` (bib keys), ``label_title`` (the text of a ``{ref}`` to it).
    """


class brief_quote_body(nodes.block_quote):
    """The quoted words (a ``block_quote``, so builders without a visitor still quote)."""


class brief_attribution(nodes.Part, nodes.TextElement):
    """Who said it, in what role, when, and the notes of the sources."""


class brief_date(nodes.inline):
    """A date as readers write it; ``datetime`` holds the machine-readable form."""


class brief_quotations(nodes.General, nodes.Element):
    """Placeholder for a collected list; ``speaker`` filters, ``docname`` is its page."""


# -- records -------------------------------------------------------------------------------
#: A run of quoted text: (style, text) with style "", "emphasis", "strong" or "literal".
Run = tuple[str, str]


@dataclass(frozen=True)
class QuoteRecord:
    """What a page declares about one quote; plain values, so it pickles and merges."""

    speaker: str
    role: str
    date: str  # EDTF as written; "" if none or unreadable
    paragraphs: tuple[tuple[Run, ...], ...]
    sources: tuple[str, ...]
    anchor: str  # the quote's id on its page
    context: str  # the title of the section it stands in ("" outside sections)

    @property
    def text(self) -> str:
        return "\n\n".join("".join(text for _, text in runs) for runs in self.paragraphs)

    @property
    def brief_date(self) -> dates.BriefDate | None:
        return dates.parse(self.date) if self.date else None


_STYLES: dict[type[nodes.Node], str] = {
    nodes.emphasis: "emphasis",
    nodes.strong: "strong",
    nodes.literal: "literal",
}


def _runs(node: nodes.Node, style: str = "") -> Iterator[Run]:
    """The text of ``node`` as styled runs; note references are the sources' business."""
    if isinstance(node, nodes.footnote_reference | nodes.system_message):
        return
    if isinstance(node, nodes.Text):
        yield style, node.astext()
        return
    style = _STYLES.get(type(node), style)
    for child in node.children:
        yield from _runs(child, style)


def _paragraphs(body: nodes.Element) -> tuple[tuple[Run, ...], ...]:
    paragraphs: list[tuple[Run, ...]] = []
    for block in body.children:
        merged: list[Run] = []
        for style, text in _runs(block):
            if merged and merged[-1][0] == style:
                merged[-1] = (style, merged[-1][1] + text)
            elif text:
                merged.append((style, text))
        if merged:
            paragraphs.append(tuple(merged))
    return tuple(paragraphs)


def _speaker_key(speaker: str) -> str:
    """Group and sort speakers ignoring case, accents and spacing."""
    text = unicodedata.normalize("NFKD", " ".join(speaker.split()).casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


# -- the quote directive -------------------------------------------------------------------
def _warn(directive: SphinxDirective, subtype: str, message: str, *args: Any) -> None:
    logger.warning(message, *args, location=directive.get_location(), type="brief", subtype=subtype)


def _text_node(text: str, cls: str) -> nodes.inline:
    # Fields are plain text: a Text node is escaped by every writer, never read as markup.
    return nodes.inline(text, text, classes=[cls])


def attribution_parts(
    speaker: str, role: str, date: dates.BriefDate | None, language: str | None
) -> list[nodes.Node]:
    """The attribution "speaker, role, date" as nodes; any part may be missing."""
    parts: list[nodes.Node] = []
    if speaker:
        parts.append(_text_node(speaker, "brief-speaker"))
    if role:
        parts.append(_text_node(role, "brief-role"))
    if date is not None:
        shown = date.display(language)
        parts.append(brief_date(shown, shown, classes=["brief-date"], datetime=date.machine))
    joined: list[nodes.Node] = []
    for part in parts:
        if joined:
            joined.append(nodes.Text(", "))
        joined.append(part)
    return joined


class QuoteDirective(SphinxDirective):
    """``quote``: an attributed quotation (see the module docstring)."""

    has_content = True
    # Every option is read as plain text: a missing or empty one is this directive's own
    # warning, not docutils' generic error that would drop the whole quotation.
    option_spec: ClassVar[dict[str, Any]] = {
        "speaker": directives.unchanged,
        "role": directives.unchanged,
        "date": directives.unchanged,
        "source": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a quote"):
            return []
        checks.check_options(self, "quote", ("role", "date", "name"))
        speaker = checks.option_text(self, "speaker", "quote")
        role = checks.option_text(self, "role", "quote")
        if not speaker:
            _warn(
                self,
                "missing-speaker",
                "quote has no :speaker: (it is shown without one and not collected)",
            )
        if not "\n".join(self.content).strip():
            _warn(self, "empty-body", "quote has no quoted text; it is left out")
            return []

        date: dates.BriefDate | None = None
        date_text = checks.option_text(self, "date", "quote")
        if date_text:
            try:
                date = dates.parse(date_text)
            except dates.DateError as exc:
                _warn(self, "bad-date", "quote :date: cannot be read: %s", exc)
        keys = sources.check_sources(self, self.options.get("source"), what="quote")

        node = brief_quote(classes=["brief-quote", *self.options.get("class", [])])
        node["speaker"], node["role"] = speaker, role
        node["date"] = date.edtf if date is not None else ""
        node["sources"] = list(keys)
        shown = date.display(self.config.language) if date is not None else ""
        node["label_title"] = ", ".join(part for part in (speaker or "quotation", shown) if part)
        self.set_source_info(node)

        body = brief_quote_body()
        with checks.enclosing(self, "a quote"):
            body.extend(self.parse_content_to_nodes())
        node += body
        # After the body, so that notes the quoted words cite come first.
        attribution = brief_attribution("", "", classes=["brief-attribution"])
        attribution.extend(attribution_parts(speaker, role, date, self.config.language))
        attribution.extend(sources.cite(self, keys))
        self.set_source_info(attribution)
        node += attribution

        name = checks.option_text(self, "name", "quote")
        if name:
            self.options["name"] = name
            self.add_name(node)
        else:
            node["ids"].append(self._free_id(speaker))
            self.state.document.set_id(node)
        return [node]

    def _free_id(self, speaker: str) -> str:
        base = nodes.make_id(f"quote-{speaker}") or "quote"
        anchor, number = base, 1
        while anchor in self.state.document.ids:
            number += 1
            anchor = f"{base}-{number}"
        return anchor


def _label_title(node: nodes.Element) -> str:
    return str(node.get("label_title", ""))


# -- read time: notes not repeated, records ------------------------------------------------
def _following_notes(node: nodes.Element) -> list[nodes.footnote_reference]:
    """The next note after ``node`` in its section (all references of a "[1][2]" cluster)."""
    current: nodes.Element = node
    while current.parent is not None:
        parent = current.parent
        for sibling in parent.children[parent.index(current) + 1 :]:
            if isinstance(sibling, nodes.section):
                return []
            first = next(sibling.findall(nodes.footnote_reference), None)
            if first is not None:
                return _cluster(first)
        if isinstance(parent, nodes.section | nodes.document):
            return []
        current = parent
    return []


def _cluster(first: nodes.footnote_reference) -> list[nodes.footnote_reference]:
    cluster = [first]
    parent = first.parent
    for sibling in parent.children[parent.index(first) + 1 :]:
        if isinstance(sibling, nodes.footnote_reference):
            cluster.append(sibling)
        elif not (isinstance(sibling, nodes.Text) and not sibling.astext().strip()):
            break
    return cluster


def _drop_reference(document: nodes.document, ref: nodes.footnote_reference) -> None:
    # The reference is registered with the document for numbering and back-links; it must
    # leave those lists too, or its note would link back to nothing.
    ref.parent.remove(ref)
    if ref in document.autofootnote_refs:
        document.autofootnote_refs.remove(ref)
    refs = document.footnote_refs.get(ref.get("refname", ""), [])
    if ref in refs:
        refs.remove(ref)
    for ref_id in ref["ids"]:
        document.ids.pop(ref_id, None)


class NotRepeatedNotes(SphinxTransform):
    """Drop an attribution's note that the quoted words or the very next note already give.

    Before docutils numbers the notes (priority 620), so numbers and back-links agree.
    Quotes are seen last to first: a later quote's attribution is final when an earlier
    quote looks for "the next note".
    """

    default_priority = 605

    def apply(self, **kwargs: Any) -> None:
        for quote in reversed(list(self.document.findall(brief_quote))):
            attribution = next(iter(quote.findall(brief_attribution)), None)
            if attribution is None:
                continue
            own = [ref for ref in attribution.children if isinstance(ref, nodes.footnote_reference)]
            if not own:
                continue
            given = {
                ref.get("refname")
                for ref in quote.findall(nodes.footnote_reference)
                if ref not in own
            }
            given |= {ref.get("refname") for ref in _following_notes(quote)}
            for ref in own:
                if ref.get("refname") in given:
                    _drop_reference(self.document, ref)


class RecordQuotes(SphinxTransform):
    """Record every quote of the page in the brief domain.

    After smart quotes (priority 750), so the collected text reads as the page does.
    """

    default_priority = 860

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        for quote in self.document.findall(brief_quote):
            if not quote.get("speaker") or not quote["ids"]:
                continue
            body = next(iter(quote.findall(brief_quote_body)), None)
            section = next((a for a in _ancestors(quote) if isinstance(a, nodes.section)), None)
            context = ""
            if section is not None and isinstance(section[0], nodes.title):
                context = section[0].astext()
            domain.add_record(
                KIND,
                docname,
                QuoteRecord(
                    speaker=quote["speaker"],
                    role=quote.get("role", ""),
                    date=quote.get("date", ""),
                    paragraphs=_paragraphs(body) if body is not None else (),
                    sources=tuple(quote.get("sources", ())),
                    anchor=quote["ids"][0],
                    context=context,
                ),
            )


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# -- the quotations directive and its filling ----------------------------------------------
class QuotationsDirective(SphinxDirective):
    """``quotations``: every quote of the project, grouped by speaker."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "speaker": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if checks.misplaced(self, "a quotations list"):
            return []
        checks.check_options(self, "quotations", ("speaker",))
        node = brief_quotations(classes=["brief-quotations", *self.options.get("class", [])])
        node["speaker"] = checks.option_text(self, "speaker", "quotations")
        node["docname"] = self.env.docname
        self.set_source_info(node)
        get_domain(self.env).add_collector(KIND, self.env.docname)
        # The list shows notes from the bibliography: follow its changes.
        for path in sources.bibliography_files(self.env):
            self.env.note_dependency(path)
        return [node]


def collected(
    env: BuildEnvironment, speaker: str = ""
) -> list[tuple[str, list[tuple[str, QuoteRecord]]]]:
    """Quotes grouped by speaker: ``[(speaker, [(docname, record), …]), …]``.

    Speakers in name order; a speaker's quotes by date (undated last), then in declaration
    order (page name, then position in the page), whatever the build's parallelism.
    """
    wanted = _speaker_key(speaker) if speaker else None
    groups: dict[str, list[tuple[str, int, QuoteRecord]]] = {}
    names: dict[str, str] = {}
    for docname, position, record in get_domain(env).records(KIND):
        key = _speaker_key(record.speaker)
        if wanted is not None and key != wanted:
            continue
        names.setdefault(key, record.speaker)
        groups.setdefault(key, []).append((docname, position, record))

    def order(item: tuple[str, int, QuoteRecord]) -> tuple[Any, ...]:
        docname, position, record = item
        date = _safe_date(record)
        when = (0, *date.sort_key) if date is not None else (1, 0, 0)
        return (*when, docname, position)

    return [
        (names[key], [(d, r) for d, _, r in sorted(groups[key], key=order)])
        for key in sorted(groups)
    ]


def _safe_date(record: QuoteRecord) -> dates.BriefDate | None:
    try:
        return record.brief_date
    except dates.DateError:  # recorded by an older version of the parser
        return None


def _section_depth(node: nodes.Node) -> int:
    depth = 0
    for ancestor in _ancestors(node):
        if isinstance(ancestor, addnodes.start_of_file):
            break
        if isinstance(ancestor, nodes.section):
            depth += 1
    return depth


def _rendered_entry(
    app: Sphinx, fromdoc: str, docname: str, record: QuoteRecord
) -> list[nodes.Node]:
    env = app.env
    quote = brief_quote(classes=["brief-quote", "brief-collected"])
    # what the entry shows, for writers of metadata (JSON-LD) at write time
    quote["brief_record"], quote["brief_docname"] = record, docname
    body = brief_quote_body()
    for runs in record.paragraphs:
        paragraph = nodes.paragraph()
        for style, text in runs:
            if style == "emphasis":
                paragraph += nodes.emphasis(text, text)
            elif style == "strong":
                paragraph += nodes.strong(text, text)
            elif style == "literal":
                paragraph += nodes.literal(text, text)
            else:
                paragraph += nodes.Text(text)
        body += paragraph
    quote += body

    attribution = brief_attribution("", "", classes=["brief-attribution"])
    attribution.extend(attribution_parts("", record.role, _safe_date(record), env.config.language))
    context = record.context or (env.titles[docname].astext() if docname in env.titles else docname)
    try:
        link: nodes.Node = make_refnode(
            app.builder, fromdoc, docname, record.anchor, nodes.Text(context)
        )
    except NoUri:  # a builder that does not write that page
        link = nodes.Text(context)
    if len(attribution):
        attribution += nodes.Text(", ")
    attribution += nodes.Text("in ")
    attribution += nodes.inline("", "", link, classes=["brief-context"])
    quote += attribution

    entry: list[nodes.Node] = [quote]
    notes = [sources.format_note(env, key) for key in record.sources]
    notes = [note for note in notes if note]
    if notes:
        line = nodes.paragraph(classes=["brief-quote-sources"])
        line += nodes.Text("Sources: " if len(notes) > 1 else "Source: ")
        for number, note in enumerate(notes):
            if number:
                line += nodes.Text(" ")
            line.extend(note)
        entry.append(line)
    return entry


def fill_quotations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by the list it asks for."""
    for placeholder in list(doctree.findall(brief_quotations)):
        fromdoc = placeholder.get("docname", docname)
        speaker = placeholder.get("speaker", "")
        groups = collected(app.env, speaker)
        result = nodes.container(classes=placeholder["classes"])
        level = _section_depth(placeholder) + 1
        for name, entries in groups:
            heading = nodes.rubric(name, name, classes=["brief-speaker"])
            if 1 <= level <= 6:
                heading["heading-level"] = level
            result += heading
            for page, record in entries:
                result.extend(_rendered_entry(app, fromdoc, page, record))
        if not groups:
            text = f"No quotation of {speaker}." if speaker else "No quotation."
            result += nodes.paragraph(text, text)
            if speaker:
                logger.warning(
                    "quotations: no quote has the speaker %r",
                    speaker,
                    location=placeholder,
                    type="brief",
                    subtype="no-quotations",
                )
        placeholder.replace_self(result)


# -- quotes.json ---------------------------------------------------------------------------
def quotes_data(env: BuildEnvironment, builder: Builder) -> list[dict[str, Any]]:
    """Every quote, in page-name then declaration order, as plain JSON values."""
    data = []
    for docname, _, record in get_domain(env).records(KIND):
        try:
            page = builder.get_target_uri(docname).split("#", 1)[0]
        except NoUri:
            page = docname
        data.append(
            {
                "speaker": record.speaker,
                "role": record.role or None,
                "date": record.date or None,
                "text": record.text,
                "sources": list(record.sources),
                "url": f"{page}#{record.anchor}",
            }
        )
    return data


def _is_website(builder: Builder) -> bool:
    # The ePub (and HTML Help) builders are HTML inside a container, not a website.
    return builder.format == "html" and not getattr(builder, "embedded", False)


def write_json(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not _is_website(app.builder):
        return
    text = json.dumps(quotes_data(app.env, app.builder), ensure_ascii=False, indent=2)
    (Path(app.outdir) / JSON_FILE).write_text(text + "\n", encoding="utf-8")


# -- assets --------------------------------------------------------------------------------
def _config_inited(app: Sphinx, config: Config) -> None:
    # The stylesheet goes through html_static_path, so that every HTML builder copies it
    # before it packs its output (the ePub is zipped before build-finished).  It is added
    # here, before Sphinx compares the configuration with the last build's: added later,
    # it would make every build look reconfigured and read every page again.
    if str(STATIC) not in map(str, config.html_static_path):
        config.html_static_path.append(str(STATIC))


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def _copy_latex_package(app: Sphinx, exception: BaseException | None) -> None:
    # The LaTeX Makefile compiles in the output folder: the package must be there.
    if exception is None and app.builder.format == "latex":
        sty = f"{LATEX_PACKAGE}.sty"
        copy_asset_file(LATEX / sty, Path(app.outdir) / sty, force=True)


def setup(app: Sphinx) -> None:
    register_kind(KIND)
    sources.setup(app)
    # Enumerable, so that a ``{ref}`` to a quote's :name: has a title of its own.
    app.add_enumerable_node(
        brief_quote, "quote", _label_title, override=False, **quote_writers.QUOTE
    )
    app.add_node(brief_quote_body, override=False, **quote_writers.BODY)
    app.add_node(brief_attribution, override=False, **quote_writers.ATTRIBUTION)
    app.add_node(brief_date, override=False, **quote_writers.DATE)
    app.add_node(brief_quotations, override=False, **quote_writers.PLACEHOLDER)
    app.add_directive("quote", QuoteDirective)
    app.add_directive("quotations", QuotationsDirective)
    app.add_transform(NotRepeatedNotes)
    app.add_transform(RecordQuotes)
    app.add_latex_package(LATEX_PACKAGE)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-resolved", fill_quotations)
    app.connect("build-finished", _copy_latex_package)
    app.connect("build-finished", write_json)

"""What a brief holds beyond ASCII, found where it is written; its runs of other scripts
marked in every format.

- **What the brief holds.**  Each page's source, when it is read (``source-read``, and
  ``include-read`` for the files it includes), keeps the first place of each character
  beyond ASCII it holds (file and line; MyST comment lines left out) and the bib keys it
  names.  :func:`holdings` then lists, in the order the PDF reads them, the characters of
  the title block (``conf.py``), of the pages, and of the bib entries the pages cite or
  their bibliographies list: what the LaTeX of the brief will hold, known before it is
  written (:mod:`.pdffonts` chooses the engine and fonts from it).
- **Runs.**  When the pages are written, every run of another script in their prose is
  marked (:func:`sphinx_brief.core.scripts.mark`): HTML and ePub write it as
  ``<bdi dir="rtl" lang="ar">`` or ``<span lang="ko">``, LaTeX as the babel language the
  PDF declares for it (:mod:`.pdffonts`), other formats as its text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import bibtex
from ..config import location as conf_location
from ..core import scripts
from ..core.domain import get_domain
from ..core.visitors import BUILDERS, Handlers, nothing

KIND = "scripts"
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
#: A MyST comment line ("% …"), which no format shows.
_COMMENT = re.compile(r"(?m)^[ \t]*%.*$")
#: What may be a bib key in a page's source: {note}`see @key, 4`, {footcite}`a,b`, :source: a, b
_TOKEN = re.compile(r"[^\s,;{}()\[\]<>`@\"'=|]+")
#: Fields of a bib entry that no note or bibliography prints.
_UNPRINTED = frozenset(
    {"abstract", "annotation", "annote", "comment", "file", "keywords", "review"}
)


@dataclass(frozen=True)
class PageText:
    """What one page's source holds: the first place of each character beyond ASCII,
    ``(character, file, line)`` in the order they come, and the bib keys it names."""

    chars: tuple[tuple[str, str, int], ...] = ()
    keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Held:
    """A character the brief holds, and where it is first: a place for a warning
    (``location``: ``file:line`` or ``(docname, line)``) and what it is in (``what``:
    "the source 'key' (author)", "" for a page's text)."""

    char: str
    location: Any
    what: str = ""


def first_places(text: str, path: str) -> list[tuple[str, str, int]]:
    """``(character, path, line)`` of the first occurrence of each character beyond
    ASCII in ``text``, MyST comment lines left out."""
    if not _BEYOND_ASCII.search(text):
        return []
    if path.endswith(".md"):
        text = _COMMENT.sub("", text)
    newlines = [match.start() for match in re.finditer("\n", text)]
    seen: dict[str, int] = {}
    for match in _BEYOND_ASCII.finditer(text):
        seen.setdefault(match.group(), match.start())
    return [(char, path, bisect.bisect_left(newlines, at) + 1) for char, at in seen.items()]


def _keep(app: Sphinx, docname: str, text: str, path: str) -> None:
    domain = get_domain(app.env)
    kept: PageText = domain.stored(KIND, docname) or PageText()
    known = bibtex.known_keys(app.env) if "cite" in app.env.domains else set()
    chars = {place[0] for place in kept.chars}
    places = tuple(place for place in first_places(text, path) if place[0] not in chars)
    keys = kept.keys | (set(_TOKEN.findall(text)) & known)
    domain.store(KIND, docname, PageText(kept.chars + places, frozenset(keys)))


def read_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: what the page holds (it is read afresh, so nothing is kept yet)."""
    get_domain(app.env).store(KIND, docname, PageText())
    _keep(app, docname, source[0], str(app.env.doc2path(docname)))


def read_include(app: Sphinx, path: Path, docname: str, content: list[str]) -> None:
    """``include-read``: an included file's characters count as its page's."""
    _keep(app, docname, content[0], str(Path(app.srcdir) / path))


# -- what the brief holds ---------------------------------------------------------------
def pdf_documents(app: Sphinx) -> list[str]:
    """The pages of the PDF, in reading order: each LaTeX document's root and the pages
    its toctrees include."""
    env, order = app.env, []
    stack = [str(entry[0]) for entry in reversed(app.config.latex_documents or [])]
    while stack:
        docname = stack.pop()
        if docname in order or docname not in env.all_docs:
            continue
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order


def _conf_values(app: Sphinx) -> Iterator[tuple[str, str]]:
    config = app.config
    for name in ("project", "author", "brief_description"):
        value = getattr(config, name, "")
        if isinstance(value, str):
            yield name, value
    for name in ("brief_tags", "brief_people"):
        value = getattr(config, name, {})
        if isinstance(value, dict):
            yield name, " ".join(f"{k} {v}" for k, v in value.items())
    keywords = getattr(config, "brief_keywords", None)
    if isinstance(keywords, list | tuple):
        yield "brief_keywords", " ".join(map(str, keywords))


def _entry_text(entry: Any) -> Iterator[tuple[str, str]]:
    for role, persons in entry.persons.items():
        yield role, " ".join(str(person) for person in persons)
    for name, value in entry.fields.items():
        if name.lower() not in _UNPRINTED:
            yield name, str(value)


def cited_keys(app: Sphinx, docnames: Iterable[str]) -> list[str]:
    """The bib keys the pages cite or their bibliographies list, in the bib files' order."""
    env = app.env
    if "cite" not in env.domains:
        return []
    pages = set(docnames)
    domain = get_domain(env)
    keys: set[str] = set()
    for docname in pages:
        kept: PageText | None = domain.stored(KIND, docname)
        if kept is not None:
            keys |= kept.keys
    for key, places in bibtex.citation_targets(env).items():
        if any(docname in pages for docname, _, _ in places):
            keys.add(key)
    return [key for key in bibtex.entries(env) if key in keys]


def holdings(app: Sphinx, docnames: Iterable[str]) -> list[Held]:
    """Each character beyond ASCII that the brief holds, at its first place: the title
    block's values of ``conf.py``, then the pages ``docnames`` in their order, then the
    bib entries they cite (in the bib files' order)."""
    env, found, seen = app.env, [], set()

    def add(char: str, where: Any, what: str = "") -> None:
        if char not in seen:
            seen.add(char)
            found.append(Held(char, where, what))

    for name, value in _conf_values(app):
        for char, _, _ in first_places(value, "conf.py"):
            add(char, conf_location(app.confdir, name), f"conf.py's {name}")
    docnames = list(docnames)
    domain = get_domain(env)
    for docname in docnames:
        kept: PageText | None = domain.stored(KIND, docname)
        for char, path, line in kept.chars if kept else ():
            page = str(env.doc2path(docname))
            add(char, (docname, line) if path == page else f"{path}:{line}")
    keys = cited_keys(app, docnames)
    if keys:
        entries = bibtex.entries(env)
        # where entries start is worked out only when an entry holds a character not seen
        # before (a shared file of thousands of entries is scanned for nothing otherwise)
        starts: bibtex.Starts | None = None
        for key in keys:
            for name, value in _entry_text(entries[key]):
                for char, _, _ in first_places(value, "refs.bib"):
                    if char in seen:
                        continue
                    if starts is None:
                        starts = bibtex.scan(bibtex.bibfiles(env))
                    where = bibtex.entry_location(starts, key)
                    add(char, where, f"the source {key!r} ({name})")
    return found


# -- runs, marked when pages are written -----------------------------------------------
#: Per environment, for the build under way: whether the project holds a run to mark.
_HOLDS_RUNS: WeakKeyDictionary[BuildEnvironment, bool] = WeakKeyDictionary()
#: Per LaTeX builder: the babel language of each language tag the PDF declares (filled by
#: :mod:`.pdffonts` when it sets the PDF up for other scripts; absent otherwise).
PDF_LANGUAGES: WeakKeyDictionary[Any, dict[str, str]] = WeakKeyDictionary()


def settings(app: Sphinx) -> tuple[str, dict[str, str]]:
    """The brief's language and ``brief_script_languages``."""
    overrides = app.config.brief_script_languages
    return str(app.config.language or ""), dict(overrides) if isinstance(overrides, dict) else {}


def holds_runs(app: Sphinx) -> bool:
    """Whether anything the project holds (pages, bib entries, conf.py) is in a script
    that runs are marked for; memoised per environment and build."""
    env = app.env
    known = _HOLDS_RUNS.get(env)
    if known is None:
        chars = {held.char for held in holdings(app, sorted(env.all_docs))}
        known = _HOLDS_RUNS[env] = any(scripts.group(char) for char in chars)
    return known


def forget(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: what the project holds may have changed since the last build."""
    _HOLDS_RUNS.pop(env, None)


def mark_runs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after the collected lists and notes are in the page: its
    runs of other scripts marked (HTML builders; LaTeX when the PDF sets them)."""
    if app.builder.format == "latex" and app.builder not in PDF_LANGUAGES:
        return
    if app.builder.format not in ("html", "latex") or not holds_runs(app):
        return
    main, overrides = settings(app)
    scripts.mark(doctree, main, overrides)


# -- writers ------------------------------------------------------------------------------
def visit_run_html(self: Any, node: scripts.brief_script_run) -> None:
    xhtml = self.builder.name.startswith("epub")
    self.body.append(scripts.html_open(node["script"], node["lang"], xhtml))


def depart_run_html(self: Any, node: scripts.brief_script_run) -> None:
    self.body.append(f"</{scripts.html_tag(node['script'])}>")


def _babel_name(self: Any, node: scripts.brief_script_run) -> str | None:
    """The babel language the PDF declares for the run (its script's usual one when the
    run's language is not said)."""
    declared = PDF_LANGUAGES.get(self.builder, {})
    usual = scripts.DEFAULT_LANGUAGES.get(node["script"], "")
    return declared.get(node["lang"]) or declared.get(usual)


def visit_run_latex(self: Any, node: scripts.brief_script_run) -> None:
    """The run in its babel language, which sets its font and direction (babel's bidi
    isolates it from the text around it); as plain text where the PDF declares none."""
    name = _babel_name(self, node)
    if name:
        self.body.append(f"\\foreignlanguage{{{name}}}{{")


def depart_run_latex(self: Any, node: scripts.brief_script_run) -> None:
    if _babel_name(self, node):
        self.body.append("}")


def handlers() -> Handlers:
    written: Handlers = dict.fromkeys(BUILDERS, (nothing, nothing))
    written["html"] = (visit_run_html, depart_run_html)
    written["latex"] = (visit_run_latex, depart_run_latex)
    return written


def setup(app: Sphinx) -> None:
    app.add_node(scripts.brief_script_run, override=False, **handlers())
    app.connect("source-read", read_page)
    app.connect("include-read", read_include)
    app.connect("env-updated", forget)
    # after the collected lists, quotations and notes are in the page (priority 500)
    app.connect("doctree-resolved", mark_runs, priority=850)

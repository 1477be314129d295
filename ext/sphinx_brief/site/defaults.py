"""The defaults that make a Sphinx project a brief, set by the extension itself.

A project that loads ``sphinx_brief`` and says only what is particular to its brief (title,
author, date, language, tags) builds as a brief in every format: MyST's colon fences for
the directives, an article-like PDF with the brief's own title block and date, Sources
anchors that the PDF's links resolve to, an ePub that epubcheck passes.  Each default is
applied at ``config-inited`` only where ``conf.py`` (or ``-D``) does not set the value, so
every one of them is overridden by setting it; ``latex_elements`` is filled key by key.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.constants import DEFAULT_SETTINGS
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import texescape

from ..config import location
from ..core import dates
from ..core.logs import warn

#: The MyST syntax extensions the brief's directives are written with.
MYST_EXTENSIONS = ["colon_fence"]
#: The schemes MyST makes links of in a page: the web's, as the notes link (fields.py).
URL_SCHEMES = ("http", "https", "mailto")

#: Names of the extension's directives, as they stay in the text when MyST does not read
#: their fence (``:::{event} 2009-12``) because ``colon_fence`` is off.
DIRECTIVES = ("quote", "quotations", "event", "timeline")
_UNREAD = re.compile(rf"(?m)^(:{{3,}})\{{({'|'.join(DIRECTIVES)})\}}")

#: The brief's title block: title, author and the brief's date, centred, no page of its own.
MAKETITLE = r"""
\makeatletter
\begin{center}
  {\sffamily\bfseries\LARGE \@title\par}
  \vspace{0.9em}
  {\large \@author\par}
%(date)s\end{center}
\vspace{1.2em}
\makeatother
"""
_DATE_LINE = "  \\vspace{0.3em}\n  {\\large \\@date\\par}\n"

#: Packages and settings before hyperref: URLs that break anywhere (xurl), and a note read
#: as a whole, never split across two pages.
EXTRAPACKAGES = r"""\usepackage{xurl}
\interfootnotelinepenalty=10000
% the index's names in the text's face (Sphinx sets them in typewriter, as for code)
\protected\def\sphinxstyleindexentry#1{#1}"""


UNNUMBERED = r"\AtBeginDocument{\setcounter{secnumdepth}{0}}"


def given(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or a command-line override sets ``name``."""
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    overrides: dict[str, Any] = getattr(config, "_overrides", {})
    aliases = {"copyright": "project_copyright", "project_copyright": "copyright"}
    names = {name, aliases.get(name, name)}
    return any(n in raw or n in overrides for n in names)


def slug(text: str) -> str:
    """A file-name-safe ASCII form of ``text``: "North Korea–Iran" → "north-korea-iran"."""
    # Dashes and other punctuation separate words first ("Korea–Iran" is two words);
    # letters lose their accents ("Bogotá" → "bogota"), other scripts are dropped.
    spaced = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "brief"


def xml_name(text: str) -> str:
    """``text`` as an XML NAME (the ePub's unique-identifier id must be one)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    return name if re.match(r"[A-Za-z_]", name) else f"id-{name}"


def bcp47(language: str | None) -> str:
    """Sphinx's language code as a BCP 47 tag (``pt_BR`` → ``pt-BR``), for the PDF's /Lang."""
    return (language or "en").replace("_", "-")


def _set(config: Config, name: str, value: Any) -> None:
    if not given(config, name):
        config[name] = value


def _warn_config(app: Sphinx, name: str, message: str, *args: Any) -> None:
    warn("config", f"{name} {message}", *args, location=location(app.confdir, name))


def brief_date(app: Sphinx, config: Config) -> dates.BriefDate | None:
    """The brief's date, parsed; a date that is not EDTF is a warning naming conf.py."""
    text = config.brief_date
    if not isinstance(text, str) or not text.strip():
        if text not in ("", None):
            _warn_config(app, "brief_date", "must be an EDTF date string, not %r", text)
        return None
    try:
        return dates.parse(text)
    except dates.DateError as exc:
        where = location(app.confdir, "brief_date")
        warn("date", "brief_date is not usable: %s", exc, location=where)
        return None


def keywords(config: Config) -> list[str]:
    """``brief_keywords``, else the labels of the brief's tags: what the brief is about."""
    if isinstance(config.brief_keywords, list | tuple):
        return [str(word) for word in config.brief_keywords if str(word).strip()]
    tags = config.brief_tags if isinstance(config.brief_tags, dict) else {}
    return [str(label) for label in tags.values()]


def _tex(text: str, config: Config) -> str:
    """Author text escaped for a hyperref value (a PDF string), braced to keep commas in.

    Sphinx escapes "-" as ``\\sphinxhyphen{}``, which hyperref's PDF strings drop
    ("U.S.-Iran" would be the title "U.S.Iran"): a plain hyphen is safe there.
    """
    escaped = texescape.escape(" ".join(str(text).split()), config.latex_engine)
    return "{" + escaped.replace(r"\sphinxhyphen{}", "-") + "}"


def hypersetup(config: Config, subject: str) -> str:
    """The PDF's document information and catalog entries (Title, Author, /Lang, …)."""
    fields = {
        "pdftitle": config.project,
        "pdfauthor": config.author,
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(keywords(config)),
    }
    lines = [f"  {key}={_tex(value, config)}," for key, value in fields.items() if value]
    lines.append(f"  pdflang={{{bcp47(config.language)}}},")
    # Every section level in the bookmarks, shown open.
    lines.append("  bookmarksdepth=5, bookmarksopen=true, bookmarksnumbered=false,")
    return "\\hypersetup{\n" + "\n".join(lines) + "\n}"


def _latex(app: Sphinx, config: Config, date: dates.BriefDate | None) -> None:
    # Sphinx fills texescape's tables when a LaTeX builder starts, after config-inited:
    # filling them here (the same, idempotent call) makes escape() escape already.
    texescape.init()
    basename = config.brief_basename or slug(config.project)
    theme = config.latex_theme if given(config, "latex_theme") else "howto"
    project = texescape.escape(config.project, config.latex_engine)
    author = texescape.escape(config.author, config.latex_engine)
    _set(config, "latex_documents", [(config.root_doc, f"{basename}.tex", project, author, theme)])
    _set(config, "latex_domain_indices", False)
    has_date = date is not None or given(config, "today")
    subject = " ".join((config.brief_description or config.project).split())
    defaults = {
        "pointsize": "11pt",
        "tableofcontents": "",
        "maketitle": MAKETITLE % {"date": _DATE_LINE if has_date else ""},
        "printindex": "",
        "makeindex": "",
        "extrapackages": EXTRAPACKAGES,
        "hyperref": DEFAULT_SETTINGS["hyperref"] + "\n" + hypersetup(config, subject),
        "sphinxsetup": "hmargin={1in,1in}, vmargin={1in,1in}",
    }
    author_elements = config.latex_elements if isinstance(config.latex_elements, dict) else {}
    if "secnumdepth" not in author_elements:
        # a brief's headings are unnumbered, as published briefs set them; at the
        # document's start, after Sphinx's own \setcounter{secnumdepth}, which a toctree's
        # :maxdepth: raises (latex_elements["secnumdepth"] numbers them again)
        defaults["extrapackages"] += "\n" + UNNUMBERED
    config.latex_elements = {**defaults, **author_elements}


def _epub(config: Config, date: dates.BriefDate | None) -> None:
    basename = config.brief_basename or slug(config.project)
    _set(config, "epub_basename", basename)
    identifier = f"{basename}-{date.edtf}" if date is not None else basename
    _set(config, "epub_identifier", identifier)
    _set(config, "epub_uid", xml_name(config.epub_identifier))
    _set(config, "epub_show_urls", "no")  # the notes give every address already
    # Sphinx's default is the word "unknown", which ePub readers show as the description.
    _set(config, "epub_description", config.brief_description or config.project)
    # A brief's toctree is hidden (the website's sidebar lists the pages): the ePub's
    # contents list every page and section all the same, as its accessibility summary says
    _set(config, "epub_tocscope", "includehidden")


#: sphinxcontrib-bibtex: its values are the brief's only where sphinx_brief loads it.
BIBTEX = "sphinxcontrib.bibtex"


def _bibtex(app: Sphinx, config: Config) -> None:
    """The note style, the bib file and the Sources anchors of a brief.

    Only for a project that leaves sphinxcontrib-bibtex to sphinx_brief (it is not in its
    ``extensions``): a project that loads it by name configures it, and keeps its
    defaults and outcomes exactly (tests/test_bibtex_upstream.py).
    """
    if not given(config, "bibtex_bibfiles") and (Path(app.srcdir) / "refs.bib").is_file():
        config.bibtex_bibfiles = ["refs.bib"]
    _set(config, "bibtex_default_style", "brief")
    # Stable anchors on the Sources page: the chronologies' source links (in every
    # format, the PDF's too) resolve to "sources.html#cite-<key>".
    _set(config, "bibtex_cite_id", "cite-{key}")


def apply_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: fill in what a brief needs and ``conf.py`` leaves unset."""
    date = brief_date(app, config)
    if not config.brief_defaults:
        return  # Sphinx's and the other extensions' own defaults, untouched
    if "myst_enable_extensions" in config:
        _set(config, "myst_enable_extensions", list(MYST_EXTENSIONS))
    if "myst_url_schemes" in config:
        # only web addresses become links in a page (MyST's default adds ftp)
        _set(config, "myst_url_schemes", list(URL_SCHEMES))
    if BIBTEX not in config.extensions:
        _bibtex(app, config)
    _set(config, "html_title", config.project)
    if date is not None:
        _set(config, "today", date.display(config.language))
        _set(config, "version", date.edtf)
        if "brief_published" in config:
            _set(config, "brief_published", date.machine)
    else:
        _set(config, "version", "1")
    _set(config, "release", config.version)
    if not given(config, "copyright") and config.author:
        year = f"{date.start.year}, " if date is not None else ""
        config.copyright = f"{year}{config.author}"
    _latex(app, config, date)
    _epub(config, date)
    if "ogp_social_cards" in config:
        # Social cards need matplotlib, which a brief does not: no cards, no message.
        _set(config, "ogp_social_cards", {"enable": False})
    if NOT_INCLUDED not in config.suppress_warnings:
        # Sphinx's "document isn't included in any toctree" says nothing of what to do:
        # pages_nobody_links says it (see there)
        config.suppress_warnings = [*config.suppress_warnings, NOT_INCLUDED]


#: Sphinx's warning of a page that no toctree includes.
NOT_INCLUDED = "toc.not_included"


def pages_nobody_links(app: Sphinx, env: Any) -> None:
    """``env-check-consistency``: a source file that no toctree links to, as Sphinx finds
    it, with what to do: a Markdown file beside the pages (a ``SOURCE.md``, notes to
    oneself) is read as a page of the brief unless ``exclude_patterns`` leaves it out."""
    if not app.config.brief_defaults:
        return
    included = set().union(*env.included.values())
    for docname in sorted(env.all_docs):
        if docname in env.files_to_rebuild or docname == app.config.root_doc:
            continue
        if docname in included or "orphan" in env.metadata[docname]:
            continue
        warn(
            "page",
            "%s is read as a page of the brief, but no toctree links to it: add it to a "
            "toctree; or, if it is no page (a README, notes to yourself), to exclude_patterns "
            "in conf.py; or give it 'orphan: true' front matter",
            Path(env.doc2path(docname)).name,
            location=docname,
        )


def _doctree_files(app: Sphinx) -> Iterable[str]:
    """The files of the saved environment, when it lies inside the ePub's output folder."""
    outdir, doctreedir = Path(app.outdir).resolve(), Path(app.doctreedir).resolve()
    if not doctreedir.is_relative_to(outdir):
        return []
    return (
        str(path.relative_to(outdir)) for path in sorted(doctreedir.rglob("*")) if path.is_file()
    )


def exclude_doctrees(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: keep ``.doctrees/`` out of the ePub.

    A plain ``sphinx-build -b epub SRC OUT`` keeps its environment in ``OUT/.doctrees``,
    and the ePub builder, which packs every file of ``OUT``, warns "unknown mimetype" for
    each pickle.  The ePub builder reads ``epub_exclude_files`` after this event, when
    every doctree is written; the names are added for this build only.
    """
    if app.builder.name == "epub":
        extra = [name for name in _doctree_files(app) if name not in app.config.epub_exclude_files]
        if extra:
            app.config.epub_exclude_files = [*app.config.epub_exclude_files, *extra]
    return []


class UnreadDirectives(SphinxTransform):
    """A brief directive that MyST left as text, because ``colon_fence`` is off.

    Without the extension, ``:::{event} 2009-12`` is a paragraph: the event is missing
    from every chronology and the build would say nothing.  Code may show the syntax.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        if "colon_fence" in (getattr(self.config, "myst_enable_extensions", None) or ()):
            return
        for paragraph in list(self.document.findall(nodes.paragraph)):
            match = _UNREAD.search(paragraph.astext())
            if match is None:
                continue
            warn(
                "myst",
                "%s{%s}: the %s directive is left as text: add 'colon_fence' to "
                "myst_enable_extensions in conf.py (or write it in a ``` fence)",
                match.group(1),
                match.group(2),
                match.group(2),
                location=paragraph,
            )


def _quiet_opengraph(app: Sphinx) -> None:
    """Import sphinxext-opengraph without its "matplotlib is not installed" line.

    The extension prints it on import when matplotlib is missing, whatever the
    configuration; a brief has no social cards (``ogp_social_cards`` off by default), so
    the line says nothing to its authors.  Only when the brief lists ``sphinx_brief``
    before ``sphinxext.opengraph``; the standard output is restored in any case.
    """
    name = "sphinxext.opengraph"
    if name not in app.config.extensions or name in sys.modules:
        return
    if find_spec("matplotlib") is not None or find_spec(name) is None:
        return
    with contextlib.redirect_stdout(io.StringIO()):
        __import__(name)


#: The logger of MyST's ``builder-inited`` handler, which prints its whole configuration
#: (``myst vX: MdParserConfig(commonmark_only=False, …)``, 40 values) on every build.
_MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


class _NoMystConfigDump(logging.Filter):
    """Leaves out MyST's configuration line (an author reads it as an error), nothing
    else: its warnings and errors pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (
            record.levelno == logging.INFO
            and "MdParserConfig(" in str(args[-1] if args else record.msg)
        )


_FILTER = _NoMystConfigDump()


def _quiet_myst(app: Sphinx) -> None:
    """Set just before MyST's handler and removed just after it (and at the build's end in
    any case): the process's logging is as it was for everything else."""
    logging.getLogger(_MYST_LOGGER).addFilter(_FILTER)


def _unquiet_myst(app: Sphinx, *args: object) -> None:
    logging.getLogger(_MYST_LOGGER).removeFilter(_FILTER)


def setup(app: Sphinx) -> None:
    """Wired after ``config.setup``, which declares ``brief_date`` and the others."""
    _quiet_opengraph(app)
    app.setup_extension("myst_parser")
    app.connect("env-check-consistency", pages_nobody_links)
    app.connect("builder-inited", _quiet_myst, priority=499)
    app.connect("builder-inited", _unquiet_myst, priority=501)
    app.connect("build-finished", _unquiet_myst)
    # After settings' type checks (100), before the components read their values (500).
    app.connect("config-inited", apply_defaults, priority=150)
    app.connect("html-collect-pages", exclude_doctrees, priority=900)
    app.add_transform(UnreadDirectives)

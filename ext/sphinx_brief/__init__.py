"""sphinx_brief: publishing tools for sourced policy briefs.

Attributed quotations, dated events collected into chronologies, editor's notes,
source-aware checks and a Chicago-like note style for sphinxcontrib-bibtex.

``setup`` only wires the parts together; ARCHITECTURE.md (at the repository's top) says
where each part lives and how data flows through them.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import bibtex, citations, config, editorial, events, quotes
from .core import domain, links
from .core.visitors import INLINE
from .site import (
    defaults,
    epub,
    front,
    incremental,
    index,
    indexpage,
    jsonld,
    layout,
    outputs,
    pdffonts,
    printing,
    raw,
    reading,
    reproducible,
    scripts,
    tables,
    theme,
    urls,
)

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    config.setup(app)
    outputs.setup(app)  # output names that stay inside the output folder (site/outputs.py)
    raw.setup(app)  # raw HTML and LaTeX left out unless the brief allows them (site/raw.py)
    defaults.setup(app)  # the defaults that make a brief (site/defaults.py)
    front.setup(app)  # the brief's front, link previews, figures unnumbered in print
    theme.setup(app)  # furo, accessible (site/theme.py)
    tables.setup(app)  # tables every reader can use (site/tables.py)
    reading.setup(app)  # notes previewed, marks to tap, the notes' heading (site/reading.py)
    bibtex.setup(app)
    citations.setup(app)

    app.add_node(editorial.brief_editor_note, override=False, **INLINE)
    app.add_role("editor-note", editorial.EditorNoteRole())
    app.add_transform(editorial.UnreadNotes)
    app.add_transform(editorial.SpaceBeforeNotes)

    app.add_domain(domain.BriefDomain)
    app.connect("env-updated", domain.rewrite_collectors)
    incremental.setup(app)
    urls.setup(app)
    layout.setup(app)
    reproducible.setup(app)
    quotes.setup(app)
    events.setup(app)
    links.setup(app)
    jsonld.setup(app)
    epub.setup(app)
    index.setup(app)
    indexpage.setup(app)  # one entry a place, links named by their sections
    scripts.setup(app)  # runs of other scripts, and what the brief holds
    pdffonts.setup(app)  # the PDF's engine and fonts for them
    printing.setup(app)  # the PDF's pages: running heads, no widows, names unbroken
    return {
        "version": __version__,
        # Bumped whenever what pages record changes shape (2: events; 3: event bodies kept
        # apart; 4: a quote's speaker type; 5: {note}s as light nodes in the stored
        # doctrees; 7: the characters each page holds, for the PDF's engine and fonts), so an
        # environment pickled by an older version
        # is read afresh instead of unpickled into new code.  (Records that moved to another
        # module need no bump: an environment that cannot be unpickled is read afresh by
        # Sphinx itself.)
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

"""sphinx_brief: publishing tools for sourced policy briefs.

Attributed quotations, dated events collected into chronologies, editor's notes,
source-aware checks and a Chicago-like note style for sphinxcontrib-bibtex.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pybtex.plugin import register_plugin
from sphinx.application import Sphinx
from sphinx.config import Config

from . import (
    bibfiles,
    citations,
    domain,
    editorial,
    events,
    incremental,
    jsonld,
    layout,
    perf,
    quotes,
    reproducible,
    settings,
    urls,
)
from .site import defaults as site_defaults

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"
LATEX = Path(__file__).parent / "latex"


def _config_inited(app: Sphinx, config: Config) -> None:
    citations.BriefStyle.language = config.language or "en"
    # Citation-heavy builds: memoise pybtex's plugin lookup and the formatted notes
    # (see perf.py).  ``brief_citation_cache = False`` turns both off, for comparison.
    citations.BriefStyle.cache_enabled = config.brief_citation_cache
    citations.BriefStyle.clear_cache()  # the style's settings are (re)set here
    citations.BriefStyle._reported.clear()  # a new build reports every problem again
    if config.brief_citation_cache:
        perf.install()
    else:
        perf.uninstall()
    citations.BriefStyle.archive_links = bool(config.brief_archive_links)
    # sphinxcontrib-bibtex refuses to start without bibtex_bibfiles; a brief that has
    # no bibliography yet should still build (its citations then warn by key).
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = []


def setup(app: Sphinx) -> dict[str, Any]:
    # Memoised plugin lookups (perf.py), before the first one; see also _config_inited.
    perf.install()
    # Register the style in-process too, so it works without the installed entry point.
    register_plugin("pybtex.style.formatting", "brief", citations.BriefStyle, force=True)
    app.setup_extension("sphinxcontrib.bibtex")
    settings.setup(app)
    site_defaults.setup(app)  # the defaults that make a brief (site/defaults.py)
    bibfiles.setup(app)
    app.add_config_value("brief_require_sources", True, "env", types=[bool])
    app.add_config_value("brief_tags", {}, "env", types=[dict])
    app.add_config_value("brief_citation_cache", True, "", types=[bool])
    app.add_config_value("brief_archive_links", True, "env", types=[bool])

    inline = (_visit_passthrough, _depart_passthrough)
    app.add_node(
        editorial.brief_editor_note,
        html=inline,
        latex=inline,
        text=inline,
        man=inline,
        texinfo=inline,
    )
    app.add_role("editor-note", editorial.EditorNoteRole())
    app.add_transform(editorial.UnreadNotes)
    app.add_transform(editorial.SpaceBeforeNotes)
    app.add_domain(domain.BriefDomain)
    app.connect("env-updated", domain.rewrite_collectors)
    incremental.setup(app)
    urls.setup(app)
    app.connect("config-inited", _config_inited)
    app.connect("doctree-resolved", layout.hoist_included_pages)
    app.connect("build-finished", reproducible.build_finished)
    quotes.setup(app)
    events.setup(app)
    jsonld.setup(app)
    return {
        "version": __version__,
        # Bumped whenever what pages record changes shape (2: events; 3: event bodies kept
        # apart), so an environment pickled by an older version is read afresh instead of
        # unpickled into new code.
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _visit_passthrough(self: Any, node: Any) -> None:
    # Editor's notes are inline text with a class; each builder's inline handling applies.
    self.visit_inline(node)


def _depart_passthrough(self: Any, node: Any) -> None:
    self.depart_inline(node)

"""An incremental build writes what a clean build of the same sources writes.

Collected pages (timelines, quotation lists) are kept current by the brief domain
(:func:`sphinx_brief.domain.rewrite_collectors`).  Three gaps of Sphinx itself remain, found by
``tests/test_equivalence.py``, which compares every file of an incremental HTML build with a
clean build after each kind of edit; each is closed here:

* **Navigation.**  Every HTML page carries the whole site's navigation (furo's sidebar, the
  previous/next links, ``<link rel="next">``), but Sphinx rewrites only the pages it re-read:
  after a page is added to or removed from a toctree, or retitled, the other pages keep the
  old navigation (sphinx-doc/sphinx#5506, open since 2018).  ``env-updated`` here compares a
  fingerprint of what navigation is made of (the toctrees, every page's title and table of
  contents) with the last build's, and if it changed returns every page to be rewritten.
* **The search index.**  An incremental HTML build loads the last ``searchindex.js`` and
  drops the rewritten pages from it, but a word that no page holds any more keeps an empty
  entry (``IndexBuilder.prune`` intersects the sets and keeps the empty ones), which a clean
  build has not.  ``html-collect-pages``, after the last page was indexed and before the index
  is written, removes those entries.
* **Removed pages.**  Sphinx never deletes the output of a page whose source is gone: the old
  ``page.html`` stays on the site (and, in an ePub, in the container, which packs every file
  of its folder).  ``env-get-outdated`` deletes the output files of the removed pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.domain import get_domain

logger = logging.getLogger(__name__)

#: Where the navigation fingerprint is kept, in the brief domain's data (pickled with the env).
NAVIGATION = "navigation"


def navigation_fingerprint(env: BuildEnvironment) -> str:
    """A digest of everything the navigation of a page shows of the other pages."""
    digest = hashlib.sha256()
    for docname in sorted(env.all_docs):
        digest.update(f"\0doc {docname}\0".encode())
        digest.update(" ".join(env.toctree_includes.get(docname, [])).encode())
        title = env.titles.get(docname)
        digest.update(b"\0" + (title.astext() if title is not None else "").encode())
        toc = env.tocs.get(docname)
        # The table of contents holds the page's sections and a copy of its toctrees with
        # their options (maxdepth, caption, hidden …): what a global toctree is built from.
        digest.update(b"\0" + (toc.pformat() if toc is not None else "").encode())
    return digest.hexdigest()


def rewrite_on_navigation_change(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """``env-updated``: every page, if the site's navigation changed since the last build."""
    data: dict[str, Any] = get_domain(env).data
    digest = navigation_fingerprint(env)
    if data.get(NAVIGATION) == digest:
        return []
    data[NAVIGATION] = digest
    return sorted(env.all_docs)


def drop_empty_search_terms(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: forget the words that no page holds any more."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    return []  # no page of its own


def _output_files(app: Sphinx, docname: str) -> list[Path]:
    builder: Any = app.builder
    if not hasattr(builder, "get_outfilename"):  # the HTML family (html, dirhtml, epub …)
        return []
    files = [Path(builder.get_outfilename(docname))]
    if getattr(builder, "copysource", False):
        sources = Path(builder.outdir) / "_sources"
        link_suffix = app.config.html_sourcelink_suffix
        for suffix in app.config.source_suffix:
            name = docname + suffix
            files.append(sources / (name if suffix == link_suffix else name + link_suffix))
    return files


def remove_outputs_of_removed_pages(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: a page whose source is gone leaves no output behind."""
    outdir = Path(app.outdir).resolve()
    for docname in sorted(removed):
        for path in _output_files(app, docname):
            path = path.resolve()
            if outdir not in path.parents or not path.is_file():
                continue
            path.unlink()
            logger.verbose("removed %s (its page is gone)", path.relative_to(outdir))
            parent = path.parent  # dirhtml writes page/index.html
            while parent != outdir and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", remove_outputs_of_removed_pages)
    app.connect("env-updated", rewrite_on_navigation_change)
    app.connect("html-collect-pages", drop_empty_search_terms)

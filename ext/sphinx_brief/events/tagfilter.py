"""The tag filters of chronologies: a script for the website's pages that show one.

``static/brief-timeline-filter.js`` turns a chronology's legend chips into toggle buttons that
filter its entries (progressive enhancement: without it every entry shows).  It is loaded
only by the website's pages that hold a timeline; the ePub's pages load no script (a
scripted ePub must declare it in its manifest), so the file is kept out of the ePub.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.component import is_website
from .nodes import brief_timeline

#: The script, in the components' static folder.
FILTER_JS = "brief-timeline-filter.js"


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the script for this page, if it shows a chronology."""
    if (
        doctree is not None
        and is_website(app.builder)
        and next(iter(doctree.findall(brief_timeline)), None) is not None
    ):
        app.add_js_file(FILTER_JS, loading_method="defer")


def not_in_epub(app: Sphinx, config: Config) -> None:
    """``config-inited``: the ePub leaves the script out of its container."""
    excluded = f"_static/{FILTER_JS}"
    if excluded not in config.epub_exclude_files:
        config.epub_exclude_files = [*config.epub_exclude_files, excluded]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_script)
    app.connect("config-inited", not_in_epub)

"""The website's theme, made for a brief's readers: furo, accessible to every reader.

furo is the theme of a brief (``sphinx-brief new`` writes it into ``conf.py``).  As it
comes, axe-core (every rule) finds on each page what a brief's readers meet: links and
muted text below the enhanced contrast ratio (7:1, WCAG AAA) in light and dark, landmarks
without names (the two drawers, the notes' list), the "view this page" link outside every
landmark, a search page without a level-one heading.  For a project whose theme is furo,
and only where ``conf.py`` leaves each value unset, the extension sets:

- ``html_theme_options``' light and dark CSS variables for text and links at 7:1 on furo's
  backgrounds (a variable the brief sets itself wins);
- ``html_copy_source`` and ``html_show_sourcelink`` off: a reader needs no Markdown source;
- its templates (``templates/furo/``) after the brief's own ``templates_path``: names for
  the landmarks ("Back to top" in one), a heading on the search page and its own search
  field where furo hides the sidebar (styled by :mod:`.reading`'s stylesheet), the index
  of people, organisations and places under the pages in the navigation, a description on
  every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .defaults import given

#: The extension's templates for furo, after the brief's own (which win).
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "furo"

#: furo's text and link colours at 7:1 on its light and dark backgrounds.
CSS_VARIABLES = {
    "light_css_variables": {
        "color-foreground-secondary": "#3e4045",
        "color-foreground-muted": "#45474d",
        "color-brand-primary": "#0035b8",
        "color-brand-content": "#1a3fa8",
        "color-brand-visited": "#5b1a9e",
    },
    "dark_css_variables": {
        "color-foreground-secondary": "#b8bbbf",
        "color-foreground-muted": "#a9adb3",
        "color-brand-primary": "#8cbcff",
        "color-brand-content": "#9cc5ff",
        "color-brand-visited": "#cfa6f5",
    },
}


def is_furo(config: Config) -> bool:
    return str(config.html_theme or "") == "furo"


def theme_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: furo's accessible defaults, where ``conf.py`` leaves them unset."""
    if not config.brief_defaults or not is_furo(config):
        return
    options = dict(config.html_theme_options) if isinstance(config.html_theme_options, dict) else {}
    for scheme, variables in CSS_VARIABLES.items():
        own = options.get(scheme)
        options[scheme] = {**variables, **(own if isinstance(own, dict) else {})}
    config.html_theme_options = options
    if not given(config, "html_copy_source"):
        config.html_copy_source = False
    if not given(config, "html_show_sourcelink"):
        config.html_show_sourcelink = False
    paths = list(config.templates_path or [])
    if str(TEMPLATES) not in paths:
        config.templates_path = [*paths, str(TEMPLATES)]


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the brief's description for every page's ``<meta>`` (a
    page's own, from MyST's front matter, wins in the template)."""
    if "brief_description" not in context:
        context["brief_description"] = " ".join(
            str(app.config.brief_description or app.config.project or "").split()
        )


def setup(app: Sphinx) -> None:
    # after the brief's defaults (150), before the builder reads the theme's options
    app.connect("config-inited", theme_defaults, priority=160)
    app.connect("html-page-context", page_context)

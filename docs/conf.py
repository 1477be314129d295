"""Sphinx configuration for the brief "North Korea–Iran Foreign Relations"."""

from __future__ import annotations

import os

# -- The brief ----------------------------------------------------------------------------
project = "North Korea–Iran Foreign Relations"
author = "Critical Threats Project, American Enterprise Institute"
publisher = "Critical Threats Project, American Enterprise Institute"
original_url = "https://www.criticalthreats.org/analysis/north-korea-iran-foreign-relations"
copyright = "2010, Critical Threats Project, American Enterprise Institute"
version = "2010.07.01"  # this edition of the brief of July 1, 2010
release = version
today = "July 1, 2010"  # the brief's dateline, used by the PDF title block
language = "en"
description = (
    "How North Korea and Iran have worked together since 1979: missiles and arms, "
    "nuclear cooperation, trade, energy and diplomacy, from a brief of July 1, 2010, "
    "with every claim sourced."
)

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxcontrib.cairosvgconverter",
    "sphinxext.opengraph",
    "sphinx_brief",
]

# -- MyST ---------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline", "deflist"]
myst_heading_anchors = 2

# -- Citations ----------------------------------------------------------------------------
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "brief"
bibtex_encoding = "utf-8"
# Stable anchors on the Sources page ("sources.html#cite-<key>"): chronologies link there.
bibtex_cite_id = "cite-{key}"

# -- sphinx_brief -------------------------------------------------------------------------
brief_require_sources = True
brief_published = "2010-07-01"  # schema.org datePublished of the brief (JSON-LD)
# The tags of events (`:tags:`), with the labels chronologies show; keep the set small.
brief_tags = {
    "missiles": "Missiles",
    "arms": "Arms transfers",
    "interdiction": "Interdiction",
    "nuclear": "Nuclear",
    "diplomacy": "Diplomacy",
    "trade": "Trade",
    "energy": "Energy",
    "sanctions": "Sanctions",
    "media": "Media and culture",
}
brief_archive_links = True  # every web source's note also gives an archived copy
# How the index and "Who said what" write and sort a speaker's name, family name first.
# By default the last word leads ("Khushroo, Gholam Ali"); names written family name
# first, and organisations, are listed here as the index should write them.
brief_people = {
    "Kim Yong-Nam": "Kim Yong-Nam",
    "Jane’s Information Group": "Jane’s Information Group",
    "Kazem Vaziri Hamaneh": "Vaziri Hamaneh, Kazem",
}

# -- make linkcheck (needs the network; not part of the tests) ---------------------------
# Most of the 2007-2010 addresses are dead: the archived copies are what readers follow.
linkcheck_timeout = 20
linkcheck_retries = 2
linkcheck_workers = 4
linkcheck_anchors = False
linkcheck_report_timeouts_as_broken = False
linkcheck_allowed_redirects = {
    # the archive's lookup address redirects to the capture nearest to the date
    r"https://web\.archive\.org/web/\d+/.*": r"https://web\.archive\.org/web/\d+.*",
}

# -- HTML (furo, light and dark) ----------------------------------------------------------
html_theme = "furo"
html_title = project
html_short_title = "NK–Iran brief"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["brief-site.css"]
html_context = {"brief_description": description}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
    # Text and links at WCAG AAA contrast (7:1) on furo's backgrounds, light and dark.
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

# -- Open Graph (link previews) ---------------------------------------------------------
# The published address, when known (CI sets it for GitHub Pages); relative otherwise.
ogp_site_url = os.environ.get("BRIEF_SITE_URL", "")
ogp_type = "article"
ogp_site_name = project
ogp_image = "_static/flag-north-korea.svg"
ogp_image_alt = "Flag of North Korea"
ogp_social_cards = {"enable": False}
ogp_enable_meta_description = False  # the page template writes the description
ogp_custom_meta_tags = [
    '<meta property="article:published_time" content="2010-07-01" />',
]

# -- LaTeX / PDF: a brief, not a book ---------------------------------------------------
latex_engine = "pdflatex"
latex_documents = [(root_doc, "north-korea-iran-brief.tex", project, author, "howto")]
latex_domain_indices = False
latex_show_urls = "no"
latex_show_pagerefs = False
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "11pt",
    "tableofcontents": "",
    "maketitle": r"""
\makeatletter
\begin{center}
  {\sffamily\bfseries\LARGE \@title\par}
  \vspace{0.9em}
  {\large \@author\par}
  \vspace{0.3em}
  {\large \@date\par}
\end{center}
\vspace{1.2em}
\makeatother
""",
    # The index of people, organisations and places (makeindex, with Sphinx's style).
    "makeindex": r"\makeindex",
    "printindex": r"\printindex",
    "fontpkg": r"""
\usepackage{tgtermes}
\usepackage{tgheros}
\renewcommand\ttdefault{txtt}
""",
    "preamble": r"""
\usepackage{xurl}
% A note is read as a whole: never split one across two pages.
\interfootnotelinepenalty=10000
\hypersetup{pdfauthor={Critical Threats Project, American Enterprise Institute},
  pdfsubject={Sourced policy brief, July 1, 2010}, bookmarksopen=true}
""",
    "sphinxsetup": "hmargin={1in,1in}, vmargin={1in,1in}",
}

# -- ePub -------------------------------------------------------------------------------
epub_basename = "north-korea-iran-brief"
epub_title = project
epub_author = author
epub_publisher = publisher
epub_copyright = copyright
epub_description = description
epub_language = language
epub_identifier = "north-korea-iran-brief-2010-07-01"
epub_uid = epub_identifier
epub_scheme = "unknown"
epub_show_urls = "no"
epub_exclude_files = ["_static/favicon.svg"]

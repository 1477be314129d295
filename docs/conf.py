"""Sphinx configuration for the brief "North Korea–Iran Foreign Relations"."""

from __future__ import annotations

import os

# -- The brief ----------------------------------------------------------------------------
# sphinx_brief sets everything else that makes a brief (site/defaults.py): MyST's colon
# fences, the note style and the Sources anchors, the article layout and metadata of the
# PDF, the ePub's identifiers, copyright ("2010, <author>") and version (the date).
project = "North Korea–Iran Foreign Relations"
author = "Critical Threats Project, American Enterprise Institute"
brief_date = "2010-07-01"  # the brief's dateline (EDTF): the PDF's title block, the JSON-LD
brief_basename = "north-korea-iran-brief"  # north-korea-iran-brief.pdf, .epub
language = "en"
brief_front = True  # under the title: the byline, the date and this summary
brief_description = (
    "How North Korea and Iran have worked together since 1979: missiles and arms, "
    "nuclear cooperation, trade, energy and diplomacy, from a brief of July 1, 2010, "
    "with every claim sourced."
)

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# sphinx_brief first: it loads MyST and sphinxcontrib-bibtex itself, and imports
# sphinxext-opengraph without its message about social cards.
extensions = [
    "sphinx_brief",
    "sphinxcontrib.cairosvgconverter",
    "sphinxext.opengraph",
]

# -- MyST ---------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline", "deflist"]
myst_heading_anchors = 2

# -- Citations ----------------------------------------------------------------------------
bibtex_bibfiles = ["../refs.bib"]

# -- sphinx_brief -------------------------------------------------------------------------
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
# The people and bodies the brief names: each is in the index wherever the text names
# them, family name first (by default the last word leads: "Larijani, Ali"); names written
# family name first, organisations, and other spellings are said here.
brief_people = {
    "Kim Yong-Nam": {"sort": "Kim Yong-Nam", "also": ["Kim Yong Nam"]},
    "Kim Chong Ryong": "Kim Chong Ryong",
    "Kim Yong Il": "Kim Yong Il",
    "So Se-pyong": "So Se-pyong",
    "Cho'ng Yo'ng-ch'o'l": "Cho'ng Yo'ng-ch'o'l",
    "Kazem Vaziri Hamaneh": "Vaziri Hamaneh, Kazem",
    "Gholam-Hussein Eslami-Fard": {"also": ["Eslami-Fard"]},
    "Mahmoud Ahmadinejad": {"also": ["Ahmadinejad"]},
    "Manouchehr Mottaki": {},
    "Ali Larijani": {"also": ["Larijani"]},
    "Mohammad Akbari": {},
    "Avigdor Lieberman": {},
    "Morteza Moradian": {},
    "Gholam Ali Khushroo": {},
    "Jane’s Information Group": {"type": "organization"},
    "Hezbollah": {"type": "organization"},
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
html_short_title = "NK–Iran brief"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["brief-site.css"]
html_last_updated_fmt = None
html_theme_options = {
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
    # sphinx_brief sets furo's text and link colours at WCAG AAA contrast, light and dark
}

# -- Open Graph (link previews) ---------------------------------------------------------
# The published address, when known: link previews (og:url, og:image) are absolute from it.
# BRIEF_SITE_URL, else Read the Docs' canonical address, else GitHub Pages' for the
# repository CI runs in; relative in a local build.
html_baseurl = os.environ.get("BRIEF_SITE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
if not html_baseurl and os.environ.get("GITHUB_ACTIONS") == "true":
    owner, _, repo = os.environ.get("GITHUB_REPOSITORY", "").partition("/")
    html_baseurl = f"https://{owner.lower()}.github.io/{repo}/" if owner and repo else ""
if not html_baseurl:
    # A preview on one's own machine has no address to name: say so, rather than be
    # warned (sphinx_brief's brief.site-url) for what a published build must set.
    suppress_warnings = ["brief.site-url"]
ogp_type = "article"
ogp_site_name = project
ogp_image = "_static/flag-north-korea.svg"
ogp_image_alt = "Flag of North Korea"
ogp_enable_meta_description = False  # the page template writes the description
ogp_custom_meta_tags = [
    '<meta property="article:published_time" content="2010-07-01" />',
]

# -- LaTeX / PDF ------------------------------------------------------------------------
# The brief's index of people, organisations and places (makeindex, with Sphinx's style);
# sphinx_brief's defaults make the rest of the article layout and the PDF's metadata.
latex_elements = {
    "makeindex": r"\makeindex",
    "printindex": r"\printindex",
}

# -- ePub -------------------------------------------------------------------------------
epub_exclude_files = ["_static/favicon.svg"]

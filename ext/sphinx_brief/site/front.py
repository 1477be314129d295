"""A brief's front: who publishes it, its date and its summary, under the title of its first
page, before the text (``brief_front``); link previews that name the brief's address; no
figure numbers in print unless the author numbers figures.

- ``brief_front = True``: the root page gets, right after its title, a byline (``author``)
  and the brief's date (``brief_date``, as readers write it) on the website and in the
  ePub (the PDF's title block already prints both), and the summary (``brief_description``)
  in every format.  It is the page's first paragraph, so link previews
  (sphinxext-opengraph's ``og:description``) read the summary, not an image's alt text.
  Off by default: briefs ported before it write their own dateline and summary; the
  starter (``sphinx-brief new``) turns it on.
- ``og:url`` and ``og:image`` are absolute when ``html_baseurl`` is set (it becomes
  sphinxext-opengraph's ``ogp_site_url`` unless that is set); a website built with
  sphinxext-opengraph and neither is warned (``brief.site-url``): its previews name
  relative addresses, which share cards cannot follow.  An SVG ``ogp_image``
  (which share cards do not show) is given as a PNG made from it at build time
  (CairoSVG, with the ``site`` extra's packages).
- In the PDF, figures are captioned without "Figure 1:" unless ``numfig`` is on, as on
  the website.
"""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import location
from ..core import dates
from ..core.component import add_stylesheet, is_website
from ..core.logs import warn
from ..core.visitors import BUILDERS, Handlers, written_as

#: The classes of the front's parts (the theme sets them as paragraphs; authors' style
#: sheets may set them otherwise).
FRONT, BYLINE, DATELINE, SUMMARY = "brief-front", "brief-byline", "brief-dateline", "brief-summary"
CSS = "brief-front.css"
#: Figures captioned without their number in the PDF (the website numbers none either).
UNNUMBERED_FIGURES = r"\usepackage{caption}\captionsetup[figure]{labelformat=empty,labelsep=none}"
#: The PNG made from an SVG share image, beside the site's other static files.
SHARE_SIZE = 1200


class brief_front_line(nodes.Invisible, nodes.paragraph):
    """The byline or the date: a paragraph to readers (written as one by every builder),
    and no part of what describes the page (sphinxext-opengraph's ``og:description``
    skips docutils' invisible nodes), which is the summary."""


#: Written as a paragraph by every builder.
LINE: Handlers = dict.fromkeys(BUILDERS, written_as("visit_paragraph", "depart_paragraph"))


def _date(config: Config) -> str:
    text = config.brief_date
    if not isinstance(text, str) or not text.strip():
        return ""
    try:
        return dates.parse(text.strip()).display(config.language)
    except dates.DateError:
        return ""  # site/defaults.py warns about it, naming conf.py


def add_front(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the front under the root page's title."""
    config = app.config
    if not config.brief_front or app.env.docname != config.root_doc:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children:
        return
    front = nodes.container(classes=[FRONT])
    web = addnodes.only(expr="not latex")
    author = " ".join(str(config.author or "").split())
    if author:
        web += brief_front_line(author, author, classes=[BYLINE])
    shown = _date(config)
    if shown:
        web += brief_front_line(shown, shown, classes=[DATELINE])
    if len(web):
        front += web
    summary = " ".join(str(config.brief_description or "").split())
    if summary:
        front += nodes.paragraph(summary, summary, classes=[SUMMARY])
    if len(front):
        section.insert(1, front)


_OG_DESCRIPTION = re.compile(r'<meta property="og:description" content="[^"]*"')


def summary_preview(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, after sphinxext-opengraph: the root page's link preview
    describes the brief with its summary, whole (opengraph takes the page's first 200
    characters, which run on past the summary into whatever follows it)."""
    config = app.config
    summary = " ".join(str(config.brief_description or "").split())
    if not config.brief_front or pagename != config.root_doc or not summary:
        return
    tags = context.get("metatags")
    if isinstance(tags, str):
        content = html.escape(summary, quote=True)
        context["metatags"] = _OG_DESCRIPTION.sub(
            lambda _: f'<meta property="og:description" content="{content}"', tags, count=1
        )


def link_previews(app: Sphinx, config: Config) -> None:
    """``config-inited``: sphinxext-opengraph's addresses from ``html_baseurl``."""
    if "ogp_site_url" not in config:
        return
    base = str(config.html_baseurl or "")
    if not config.ogp_site_url and base:
        config.ogp_site_url = base if base.endswith("/") else base + "/"


def require_site_url(app: Sphinx) -> None:
    """``builder-inited``: a website with link previews and no address of its own is
    warned, naming conf.py (the ePub and the PDF have no link previews)."""
    config = app.config
    if "ogp_site_url" not in config or not is_website(app.builder):
        return
    if str(config.ogp_site_url or "").strip() or str(config.html_baseurl or "").strip():
        return
    warn(
        "site-url",
        "html_baseurl is not set: the link previews' og:url and og:image are relative "
        "addresses, which share cards cannot follow; set html_baseurl to the address the "
        "site is published at",
        # where conf.py sets it empty, else where it loads sphinxext-opengraph
        location=location(app.confdir, "html_baseurl") or location(app.confdir, "extensions"),
    )


#: Per application: the SVG share image and the PNG written for it (configuration stays
#: per application, as two builds in one process each have their own).
_SHARED: WeakKeyDictionary[Sphinx, tuple[Path, str]] = WeakKeyDictionary()


def share_image(app: Sphinx, config: Config) -> None:
    """``config-inited``: an SVG ``ogp_image`` is given as a PNG made from it (set before
    the environment is loaded, so that every build compares the same value)."""
    if "ogp_image" not in config:
        return
    image = str(config.ogp_image or "")
    if not image.lower().endswith(".svg") or "://" in image:
        return
    source = Path(app.srcdir) / image
    if not source.is_file():
        return  # sphinxext-opengraph names it as given
    if importlib.util.find_spec("cairosvg") is None:
        warn(
            "share-image",
            "ogp_image %r is an SVG, which link previews do not show; install CairoSVG "
            "(the site extra) to have a PNG made of it, or give a PNG",
            image,
            location=location(app.confdir, "ogp_image"),
        )
        return
    target = f"_static/{source.stem}-share.png"
    config.ogp_image = target
    _SHARED[app] = (source, target)


def write_share_image(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the PNG of the share image, in the website's ``_static``."""
    made = _SHARED.get(app)
    if exception is not None or made is None or not is_website(app.builder):
        return
    import cairosvg  # type: ignore[import-untyped]  # the site extra: found at config-inited

    source, target = made
    out = Path(app.outdir) / target
    out.parent.mkdir(parents=True, exist_ok=True)
    cairosvg.svg2png(url=str(source), write_to=str(out), output_width=SHARE_SIZE)


def unnumbered_figures(app: Sphinx, config: Config) -> None:
    """``config-inited``: the PDF's figure captions without numbers unless ``numfig``."""
    if config.numfig:
        return
    elements = config.latex_elements if isinstance(config.latex_elements, dict) else {}
    packages = str(elements.get("extrapackages", ""))
    if UNNUMBERED_FIGURES not in packages:
        config.latex_elements = {
            **elements,
            "extrapackages": f"{packages}\n{UNNUMBERED_FIGURES}".strip(),
        }


def setup(app: Sphinx) -> None:
    app.add_node(brief_front_line, override=False, **LINE)
    add_stylesheet(app, CSS)
    app.connect("doctree-read", add_front)
    app.connect("html-page-context", summary_preview, priority=900)
    # after site/defaults.py has filled latex_elements (priority 500)
    app.connect("config-inited", unnumbered_figures, priority=900)
    app.connect("config-inited", link_previews, priority=900)
    app.connect("config-inited", share_image, priority=900)
    app.connect("builder-inited", require_site_url)
    app.connect("build-finished", write_share_image)

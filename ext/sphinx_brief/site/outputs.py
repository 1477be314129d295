"""The output names of ``conf.py`` checked before anything is written (:mod:`..core.paths`).

``brief_basename`` names the PDF and the ePub; ``epub_basename`` and the target names of
``latex_documents`` (made from it by :mod:`.defaults`, or set by the author) are the names
Sphinx writes them under.  A name that is not a plain file name (a path, an absolute one,
``..``, a control character) would put a file outside the output folder: it is a warning
that names ``conf.py`` and its line, and the safe name is used instead.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import location
from ..core.logs import warn
from ..core.paths import safe_name, unsafe


def checked(app: Sphinx, value: str, name: str, fallback: str = "brief") -> str:
    """``value``, or its safe name with a warning at ``name``'s line of ``conf.py``."""
    why = unsafe(value)
    if why is None:
        return value
    safe = safe_name(value, fallback)
    warn(
        "output-name",
        "%s = %r would write outside the output folder (%s): %r is used; give a file "
        "name without a folder",
        name,
        value,
        why,
        safe,
        location=location(app.confdir, name),
    )
    return safe


def check_basename(app: Sphinx, config: Config) -> None:
    """``config-inited``, before the defaults make the output names from it."""
    value = config.brief_basename
    if isinstance(value, str) and value:
        config.brief_basename = checked(app, value, "brief_basename")


def check_outputs(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the defaults: the names Sphinx will write under."""
    value = config.epub_basename
    if isinstance(value, str) and unsafe(value) is not None:
        config.epub_basename = checked(app, value, "epub_basename")
    documents: Any = config.latex_documents
    if not isinstance(documents, list | tuple):
        return
    fixed, changed = [], False
    for document in documents:
        target = document[1] if isinstance(document, list | tuple) and len(document) > 1 else None
        if isinstance(target, str) and unsafe(target) is not None:
            fallback = safe_name(target.removesuffix(".tex")) + ".tex"
            safe = checked(app, target, "latex_documents", fallback)
            document, changed = (document[0], safe, *document[2:]), True
        fixed.append(document)
    if changed:
        config.latex_documents = fixed


def setup(app: Sphinx) -> None:
    # After the checks of config.py (100), before the defaults (150); and after them.
    app.connect("config-inited", check_basename, priority=120)
    app.connect("config-inited", check_outputs, priority=160)

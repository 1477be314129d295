"""The extension's one way to warn: type ``brief``, a subtype per kind of fault, a location.

Every warning names the file and line it is about (``location``), so an author can find it,
and carries a subtype, so a project can silence one kind with ``suppress_warnings =
["brief.<subtype>"]`` or promote it with ``-W``.  Nothing of the extension raises on bad
input: it warns here and goes on with what it could read.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("sphinx_brief")

#: A location as Sphinx's logging takes it: ``"file:line"``, a node, or ``(docname, line)``.
Location: TypeAlias = str | nodes.Node | tuple[str | None, int | None] | None


def warn(subtype: str, message: str, *args: Any, location: Location = None) -> None:
    """A warning ``brief.<subtype>`` at ``location``; ``args`` fill ``%`` placeholders."""
    logger.warning(message, *args, location=location, type="brief", subtype=subtype)

"""The fields of the data exports (``events.json``, ``quotes.json``), declared once.

The exporters write exactly these keys, in this order, and the pull-request review tool
reads them: a change of the export format changes this module, and so breaks a test rather
than the report.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import NoUri

from .component import is_website
from .paths import output_file

#: Keys of every item of ``events.json``.
EVENT_FIELDS: tuple[str, ...] = (
    "date",
    "date_display",
    "title",
    "tags",
    "place",
    "sources",
    "unsourced",
    "url",
)

#: Keys of every item of ``quotes.json``.
QUOTE_FIELDS: tuple[str, ...] = (
    "speaker",
    "role",
    "date",
    "text",
    "sources",
    "unsourced",
    "url",
)


def page_url(builder: Builder, docname: str, anchor: str) -> str:
    """The address of ``anchor`` on page ``docname``, relative to the output's root."""
    try:
        page = builder.get_target_uri(docname).split("#", 1)[0]
    except NoUri:  # a builder that writes no such page
        page = docname
    return f"{page}#{anchor}"


def json_export(
    filename: str, fields: tuple[str, ...], items: Callable[[Sphinx], Iterable[dict[str, Any]]]
) -> Callable[[Sphinx, BaseException | None], None]:
    """A ``build-finished`` handler writing ``items(app)`` to ``filename`` at the root of a
    website build (not the ePub: its container holds only what its manifest lists).

    Every item must have exactly ``fields``, in that order: the format is declared above.
    """

    def write(app: Sphinx, exception: BaseException | None) -> None:
        if exception is not None or not is_website(app.builder):
            return
        data = list(items(app))
        for item in data:
            assert tuple(item) == fields, f"{filename}: {tuple(item)} is not {fields}"
        text = json.dumps(data, ensure_ascii=False, indent=2)
        output_file(app.outdir, filename).write_text(text + "\n", encoding="utf-8")

    return write

"""Sources and notes: the ``{note}`` role (one note per claim), the ``brief`` note style, a
component's sources cited as notes, short citations for collected lists, and the
bibliography's entries as link targets.

The style (:mod:`.style`) is a pybtex plugin that sphinxcontrib-bibtex makes for every
citation; its settings are those of the application that is building (:mod:`.settings`).
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from sphinx.application import Sphinx

from ..core.component import add_latex_package, add_stylesheet
from . import (
    addresses,
    bibfaults,
    bibliography,
    marks,
    notes,
    role,
    settings,
    sources,
    through,
    together,
    written,
)
from .fields import PUBLICATION_FIELDS, EntryProblem, publication_date
from .style import BriefStyle

__all__ = ["PUBLICATION_FIELDS", "BriefStyle", "EntryProblem", "publication_date", "setup"]

#: The name of the note style (``bibtex_default_style = "brief"``).
STYLE = "brief"


def setup(app: Sphinx) -> None:
    # The installed package declares the style as an entry point; registered here too, so
    # it works from a source tree.  Never over another installed style of the same name.
    register_plugin("pybtex.style.formatting", STYLE, BriefStyle)
    settings.setup(app)
    bibfaults.setup(app)
    app.add_role("note", role.NoteRole())
    app.add_transform(sources.PlacePendingNotes)
    app.add_transform(sources.RecordCitations)
    app.add_transform(addresses.VerbatimAddresses)
    app.add_transform(notes.FillNotes)
    app.add_transform(together.NumberTogether)
    app.add_node(marks.brief_note_ref, override=False, **written.MARK)
    app.add_node(marks.brief_notes, override=False, **written.NOTES)
    app.connect("builder-inited", written.add_expansion)
    app.connect("doctree-resolved", written.index_notes)
    app.add_post_transform(through.NumberedThrough)
    app.add_post_transform(bibliography.BibliographyForm)
    app.add_node(bibliography.brief_bib_label, override=False, **bibliography.BIB_LABEL)
    app.add_post_transform(bibliography.BibliographyAnchors)
    app.add_post_transform(bibliography.SmartBibliography)
    app.add_post_transform(bibliography.BibliographyParagraphs)
    app.add_node(bibliography.brief_bib_entry, override=False, **bibliography.BIB_ENTRY)
    app.add_post_transform(bibliography.BibliographyListItems)
    add_stylesheet(app, bibliography.CSS)
    add_latex_package(app, bibliography.STY)

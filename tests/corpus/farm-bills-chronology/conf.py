# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Farm Bills: Major Legislative Actions, 1965-2026"
author = "Jim Monke"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2026-09-23"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = (
    "A CRS report on the major legislative milestones of U.S. farm bills from 1965 to 2026."
)

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "house": "House action",
    "senate": "Senate action",
    "conference": "Conference",
    "law": "Enactment",
    "extension": "Extension",
    "veto": "Veto",
    "failed": "Failed vote",
    "reconciliation": "Budget reconciliation",
    "expiration": "Expiration",
    "coverage": "Period covered",
}

# The PDF's index of people, organisations and places (README: the default article
# layout has no index).
latex_elements = {"makeindex": r"\makeindex", "printindex": r"\printindex"}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "PROBLEMS.md", "CREDIT.txt"]

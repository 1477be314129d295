# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Federal Support for Drug Courts: In Brief"
author = "Congressional Research Service"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2026-09-11"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = "How the federal government supports drug courts, what research says of their impact, and issues for Congress."

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "policy": "Drug policy",
    "courts": "Courts",
    "legislation": "Legislation",
    "veterans": "Veterans",
}

# The report writes "Ibid." for a note that cites the source of the note before it.
brief_note_ibid = True

# Bodies quoted as speakers, as the index writes them.
brief_people = {
    "The White House": "White House, The",
    "Bureau of Justice Assistance": "Bureau of Justice Assistance",
    "National Institute of Justice": "National Institute of Justice",
    "U.S. Congress": "U.S. Congress",
}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv"]

# A work of the U.S. Government is in the public domain: no copyright line.
html_show_copyright = False
copyright = "public domain (a work of the United States Government)"

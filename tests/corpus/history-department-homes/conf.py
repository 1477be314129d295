# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Homes of the Department of State, 1774–1976"
author = "Lee H. Burke and Richard S. Patterson"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "1985"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = "The buildings in which the Continental Congress and the first Department of Foreign Affairs managed American foreign relations, 1774–1783."

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "congress": "Continental Congress",
    "buildings": "Buildings",
    "foreign-affairs": "Foreign affairs",
}

# The original gives no note for some dated happenings (the Second Continental Congress
# convenes, Gérard presents his credence …); they are events without a source.
brief_require_sources = False

# The original writes "Ibid." for a note that cites the source of the note before it.
brief_note_ibid = True

# Names whose family name is not the last word, and bodies quoted as speakers.
brief_people = {
    "Continental Congress": "Continental Congress",
    "Carpenters’ Company of Philadelphia": "Carpenters’ Company of Philadelphia",
}

# The PDF with an index of people, bodies and places.
latex_elements = {"makeindex": r"\makeindex", "printindex": r"\printindex"}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv"]

# A work of the U.S. Government is in the public domain: no copyright line.
html_show_copyright = False
copyright = "public domain (a work of the United States Government)"

# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Haiti in Crisis: Developments Related to the Multinational Security Support Mission"
author = "Congressional Research Service"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2025-06-03"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = "A CRS Insight on Haiti's security crisis, the Kenya-led Multinational Security Support Mission, and U.S. policy and congressional options."

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "security": "Security and gang violence",
    "politics": "Haitian politics",
    "mission": "Multinational Security Support Mission",
    "un": "United Nations",
    "us-policy": "U.S. policy",
    "congress": "Congress",
}

# The index writes these names as readers look them up.
brief_people = {
    "UN Secretary-General": "UN Secretary-General",
    "UN Special Representative to Haiti": "UN Special Representative to Haiti",
    "Trump Administration": "Trump Administration",
}

# The PDF's index of people, organisations and places (README: the default article
# layout has no index).
latex_elements = {"makeindex": r"\makeindex", "printindex": r"\printindex"}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "PROBLEMS.md", "CREDIT.txt"]

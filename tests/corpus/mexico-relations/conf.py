# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Mexico: Background and Key Issues in U.S. Relations"
author = "Congressional Research Service"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2026-09-23"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = "The Congressional Research Service's report R48859 on Mexico's political and economic situation and on security, migration and trade in U.S.-Mexican relations, updated September 23, 2026."
brief_basename = "mexico-us-relations-r48859"

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "politics": "Mexican politics",
    "security": "Security",
    "migration": "Migration",
    "trade": "Trade and tariffs",
    "foreign": "Foreign policy",
    "congress": "Congress",
}

# Speakers as the index writes and sorts them (the names marked with {index} in the pages
# give their sort form themselves: "<single: López Obrador, Andrés Manuel>").
brief_people = {
    "National Migration Institute (INM)": "National Migration Institute (INM)",
    "Office of the U.S. Trade Representative (USTR)": "Office of the U.S. Trade Representative (USTR)",
    "U.S. Department of Defense": "Defense, U.S. Department of",
    "U.S. Congress": "Congress, U.S.",
    "White House": "White House",
    "U.S. and Mexican governments": "U.S. and Mexican governments",
    "Mexico-United States Security Implementation Group": "Mexico-United States Security Implementation Group",
}

# The index of people, organisations and places in the PDF too (README).
latex_elements = {"makeindex": r"\makeindex", "printindex": r"\printindex"}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "PROBLEMS.md", "CREDIT.txt"]

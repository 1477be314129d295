# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Russia-North Korea Relations"
# The copy of the In Focus that was read has no author block.
author = "Congressional Research Service"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2026-09-18"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_basename = "crs-if12760-russia-north-korea"
brief_description = "How Russia and North Korea have expanded their relationship since 2022, and the issues it raises for Congress (CRS In Focus IF12760)."

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "alliance": "Alliance and treaties",
    "military": "Military cooperation",
    "ukraine-war": "Russia's war in Ukraine",
    "sanctions": "Sanctions and the UN",
    "diplomacy": "Diplomacy",
    "congress": "Congress",
}

# How the index writes and sorts names that do not end with the family name.
brief_people = {
    "Kim Jong-un": "Kim Jong-un",
    "DPRK-Russia Treaty on Comprehensive Strategic Partnership": "DPRK-Russia Treaty on Comprehensive Strategic Partnership",
}

# The PDF: Russian words stand in the English text (a quotation, the titles of
# Russian-language sources). pdflatex cannot set Cyrillic here (no Cyrillic font encodings
# are installed), so the PDF is made with XeLaTeX and fonts that cover Latin and Cyrillic
# (Sphinx's defaults for XeLaTeX, the FreeFont family, are not installed).
latex_engine = "xelatex"
# XeLaTeX makes Sphinx use xindy for the index, which is not installed: use makeindex.
latex_use_xindy = False
latex_elements = {
    # The PDF's index of people and places (README: the default article layout has none).
    "makeindex": r"\makeindex",
    "printindex": r"\printindex",
    "fontpkg": r"""
\setmainfont{Noto Serif}
\setsansfont{Noto Sans}
\setmonofont{DejaVu Sans Mono}[Scale=0.9]
""",
}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "CREDIT.txt", "PROBLEMS.md"]

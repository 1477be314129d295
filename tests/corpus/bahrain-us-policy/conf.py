# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "Bahrain: Issues for U.S. Policy"
# The copy of the report that was read has no author block.
author = "Congressional Research Service"
# The brief's date (EDTF): the date of the version of the report ported here.
brief_date = "2026-09-23"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = (
    "Bahrain's security in the 2026 Iran conflict, U.S.-Bahraini defense ties, human "
    "rights, ties to Israel, and the kingdom's history and politics (CRS Report 95-1013)."
)
brief_basename = "crs-95-1013-bahrain"

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "history": "History",
    "politics": "Domestic politics",
    "iran": "Iran",
    "us": "U.S.-Bahraini relations",
    "security": "Security",
    "diplomacy": "Diplomacy",
    "economy": "Economy",
}

# How the index writes and sorts names that do not end with the family name.
brief_people = {
    "Fahim I. Qubain": "Qubain, Fahim I.",
    # Bodies are sorted as they are written (CONTRIBUTING: give their index form).
    "U.S. Department of State": "U.S. Department of State",
    "U.S. Central Command": "U.S. Central Command",
    "Economist Intelligence Unit": "Economist Intelligence Unit",
    "Comprehensive Security Integration and Prosperity Agreement (C-SIPA)": "Comprehensive Security Integration and Prosperity Agreement (C-SIPA)",
    "Status of Forces Agreement between the United States and Bahrain": "Status of Forces Agreement between the United States and Bahrain",
    "unnamed U.S. official": "U.S. official, unnamed",
}

# The PDF: Arabic and Persian words stand in the English text (editor's notes, two
# Arabic-language sources), so the PDF is made with LuaLaTeX and babel, which finds
# Arabic-script runs by their characters and sets them right to left (bidi=basic) in an
# Arabic font. pdflatex cannot set Arabic at all; Sphinx's XeLaTeX set-up silently drops it.
latex_engine = "lualatex"
# LuaLaTeX makes Sphinx use xindy for the index, which is not installed: use makeindex.
latex_use_xindy = False
latex_elements = {
    # The PDF's index of people and places (README: the default article layout has none).
    "makeindex": r"\makeindex",
    "printindex": r"\printindex",
    "polyglossia": "",
    "babel": r"""
\usepackage[english,bidi=basic]{babel}
\babelprovide[import, onchar=ids fonts]{arabic}
""",
    "fontpkg": r"""
\babelfont{rm}{Noto Serif}
\babelfont{sf}{Noto Sans}
\babelfont{tt}[Scale=0.9]{DejaVu Sans Mono}
\babelfont[arabic]{rm}{Noto Naskh Arabic}
\babelfont[arabic]{sf}{Noto Sans Arabic}
""",
}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "CREDIT.txt", "PROBLEMS.md"]

# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).

project = "South Korea: Background and U.S. Relations"
author = "Congressional Research Service"
brief_date = "2026-09-17"
language = "en"
brief_description = (
    "The Congressional Research Service In Focus IF10165 of September 17, 2026, on South Korea, "
    "its alliance with the United States, its regional relations and its trade with the United States, "
    "with a chronology, a list of who said what, and Korean- and Japanese-language sources added by this edition."
)
brief_front = True

extensions = ["sphinx_brief"]

html_theme = "furo"

brief_tags = {
    "alliance": "Alliance",
    "trade": "Trade and investment",
    "politics": "ROK politics",
    "northkorea": "North Korea",
    "japan": "Japan",
    "china": "China",
}

# Korean and Japanese names are written family name first.
brief_people = {
    "Lee Jae Myung": {
        "sort": "Lee Jae Myung",
        "role": {"2025-06": "President of South Korea"},
        "also": ["이재명", "李在明"],
    },
    "Kim Jong-un": {"sort": "Kim Jong-un", "role": "leader of North Korea"},
    "Xi Jinping": {"sort": "Xi Jinping", "role": "leader of the People's Republic of China"},
    "Ishiba Shigeru": {
        "sort": "Ishiba Shigeru",
        "role": "Prime Minister of Japan",
        "also": ["石破茂"],
    },
    "Donald Trump": {"role": {"2025-01": "President of the United States"}},
}

latex_elements = {"makeindex": r"\makeindex", "printindex": r"\printindex"}

exclude_patterns = ["_build", "README.md", ".venv", "CREDIT.txt"]

# Han characters alone (Japanese names such as 石破茂, 幸内康) are Japanese in this brief,
# which holds no Chinese: without this, runs without kana are marked as Chinese.
brief_script_languages = {"Hani": "ja"}

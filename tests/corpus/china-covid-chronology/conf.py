# Sphinx configuration of a brief written with sphinx_brief.
#
# Only the brief's own facts are here: sphinx_brief sets everything else that makes a
# brief (MyST's colon fences, the article layout of the PDF with this title block and
# date, the ePub's identifiers, the note style).  Set any Sphinx value here to override
# the extension's default: see the reference of sphinx_brief for the list.

project = "COVID-19 and China: A Chronology of Events (December 2019–January 2020)"
author = "Susan V. Lawrence"
# The brief's date (EDTF: 2024-05-17, 2024-05, 2024): printed on the PDF, never the build date.
brief_date = "2020-05-13"
language = "en"
# One sentence on what the brief is about: the PDF's Subject, the ePub's description.
brief_description = "A timeline of key developments in the early weeks of the COVID-19 pandemic in China, at the World Health Organization and in the United States, through January 31, 2020, and the issues it raises."

extensions = ["sphinx_brief"]

# The website's theme: furo (light and dark, accessible; installed with sphinx_brief).
html_theme = "furo"

# The tags of events (`:tags:`) and the labels chronologies show; keep the set small.
# They are also the PDF's keywords.
brief_tags = {
    "china": "China",
    "who": "World Health Organization",
    "us": "United States",
    "taiwan": "Taiwan",
    "virus": "Identifying and sequencing the virus",
    "information": "Information sharing and its suppression",
    "leadership": "Chinese leadership",
    "transmission": "Person-to-person transmission",
    "travel": "Travel, transport and quarantine",
    "us-offer": "U.S. offers of help",
}

# Names written family name first (Chinese names), as the index should sort them.
brief_people = {
    "Xi Jinping": "Xi Jinping",
    "Li Keqiang": "Li Keqiang",
    "Li Wenliang": "Li Wenliang",
    "Ai Fen": "Ai Fen",
    "Zhang Jixian": "Zhang Jixian",
    "Zhao Su": "Zhao Su",
    "Gao Fu": "Gao Fu",
    "Zhong Nanshan": "Zhong Nanshan",
    "Zhou Xianwang": "Zhou Xianwang",
    "Ma Xiaowei": "Ma Xiaowei",
    "Ma Guoqiang": "Ma Guoqiang",
    "Yang Jiechi": "Yang Jiechi",
    "Wang Jiangping": "Wang Jiangping",
    "Jiang Chaoliang": "Jiang Chaoliang",
    "Ying Yong": "Ying Yong",
    "Wang Zhonglin": "Wang Zhonglin",
    "Tedros Adhanom Ghebreyesus": "Tedros Adhanom Ghebreyesus",
    "Maria Van Kerkhove": "Van Kerkhove, Maria",
    "Alex M. Azar II": "Azar, Alex M., II",
    "Donald J. Trump": "Trump, Donald J.",
    # Bodies quoted in the brief, as the index should write them (not inverted).
    "World Health Organization": "World Health Organization",
    "Xinhua News Agency": "Xinhua News Agency",
    "South China Morning Post": "South China Morning Post",
    "Caixin Global": "Caixin Global",
    "CNN": "CNN",
    "U.S. CDC": "U.S. CDC",
    "U.S. Department of State": "U.S. Department of State",
    "Government of China": "China, Government of",
    "Supreme People’s Court of China": "Supreme People’s Court of China",
    "Wuhan Municipal Health Commission": "Wuhan Municipal Health Commission",
    "Wuhan Municipal Public Security Bureau": "Wuhan Municipal Public Security Bureau",
    "Wuchang Sub-station of the Wuhan Public Security Bureau": "Wuhan Public Security Bureau, Wuchang Sub-station of the",
    "Wuhan Municipality Novel Coronavirus Infection Pneumonia Epidemic Prevention and Control Command Center": "Wuhan Municipality Novel Coronavirus Infection Pneumonia Epidemic Prevention and Control Command Center",
    "National Center for Biotechnology Information": "National Center for Biotechnology Information",
    "Taiwan Centers for Disease Control": "Taiwan Centers for Disease Control",
    "Taiwan Central Epidemic Command Center": "Taiwan Central Epidemic Command Center",
}

# The PDF: the brief quotes Chinese titles, which pdflatex cannot set; sphinx_brief sees them
# and makes the PDF with LuaLaTeX and the Noto fonts (README: other scripts).
latex_elements = {
    # An index of people, organisations and places at the end of the PDF.
    "makeindex": r"\makeindex",
    "printindex": r"\printindex",
}

# Not pages of the brief.
exclude_patterns = ["_build", "README.md", ".venv", "PROBLEMS.md", "CREDIT.txt"]

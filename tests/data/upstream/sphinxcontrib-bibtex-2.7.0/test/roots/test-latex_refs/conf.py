extensions = ["sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
latex_documents = [
    ("index", "test.tex", "Test", "Mr. Test", "manual"),
]
bibtex_bibfiles = ["test.bib"]

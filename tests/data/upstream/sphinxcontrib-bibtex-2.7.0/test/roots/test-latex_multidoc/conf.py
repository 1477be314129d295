extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["sources.bib"]
latex_documents = [
    ("index", "test.tex", "Test", "Mr. Test", "manual"),
]

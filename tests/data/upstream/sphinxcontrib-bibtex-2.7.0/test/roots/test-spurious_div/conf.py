extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["references.bib"]

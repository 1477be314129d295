extensions = ["sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
# bibtex_bibfiles set with absolute path through confoverrides

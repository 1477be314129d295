"""``sphinx-brief archive DIR``: an archived snapshot for every web source of the brief's
bib files that names none, found through the Internet Archive's availability API and
written into the entry (``archiveurl``, ``archivedate``) without touching the rest of the
file.

Not loaded by Sphinx: a tool on top of the extension, beside :mod:`..check`.  Its modules:
``project`` (which bib files), ``bibfile`` (entries read by pybtex's grammar, fields
inserted as text), ``wayback`` (the API's client: rate limit, retries), ``state`` (the
entries found without a snapshot), ``report`` (what was done) and ``command`` (arguments,
the run, the exit status).
"""

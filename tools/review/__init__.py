"""The pull-request review of a brief: what a change does to the rendered brief.

Not part of the ``sphinx_brief`` package: a tool of this repository, run by ``make review``
and ``make sources-report`` (``python -m tools.review``).  It reads the extension's data
exports through the field lists the exporters declare (``sphinx_brief.core.export``), so a
change of the export format breaks a test rather than the report.  Modules:

* ``cli``: the command line, and the review run (a base worktree, both sides built);
* ``gitrepo``, ``jobs``: git and the build subprocesses; ``probe``: the script each side
  runs with its own code (bib entries and rendered notes; paragraphs read from doctrees);
* ``pages``, ``words``: rendered text line by line, paragraphs word by word;
* ``bibentries``, ``records``: sources by key, events and quotations by identity;
* ``sourcing``: unsourced paragraphs and records, uncited entries, dates against sources;
* ``report``: the review's data (JSON-able, text only); ``schema``: what those data may be;
  ``kinds``, ``render``, ``comment``: the Markdown made of them, escaped, and its
  pull-request comment; ``post``: the comment job (standard library only), which checks a
  pull request's data, renders them and posts them on that pull request;
* ``buildwarnings``: the new warnings; ``md``: Markdown escaping (mentions and issue
  references defused, addresses as code);
* ``sentences``: sentence ends, and the one-sentence-per-line check of ``docs/``.
"""

"""``sphinx-brief check DIR``: a brief's invariants, in every format, before it is published.

Not part of the Sphinx extension: a tool on top of it, which builds the brief in separate
processes (:mod:`.builds`) and reads what they wrote (:mod:`.pages`): every link resolves
(:mod:`.links`), the same notes in the same order everywhere (:mod:`.notes`), addresses
printed as they are linked (:mod:`.urls`), no control character (:mod:`.controls`), what
the LaTeX log says a reader would miss (:mod:`.texlog`), and the validators readers' tools
trust (:mod:`.validators`).  :mod:`.checker` runs them; :mod:`.command` is the command.
"""

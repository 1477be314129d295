"""The shared core of ``sphinx_brief``: what every component stands on.

Nothing here imports a component (quotes, events, citations, site): data flows from the
components into the core's domain and out to the writers, never back.
"""

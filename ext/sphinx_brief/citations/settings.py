"""The note style's settings, per Sphinx application and per build.

sphinxcontrib-bibtex makes the style itself, with no arguments (``find_plugin(...)()``), so a
style cannot be handed the application it formats for.  The settings it needs (the project's
``language``, ``brief_archive_links``, where each entry starts in the bib files) are made from
the application that is building, when its build starts (``env-before-read-docs``), and put
back as they were when it ends (``build-finished``, which Sphinx emits after a failed build
too).  Two applications in one process each format with their own settings, whatever order
they were made in; a style made outside any build uses the defaults.

The settings also hold what one build memoises (each source's note, formatted once) and what
it has reported (each problem of an entry, once): a new build starts with neither.
"""

from __future__ import annotations

from collections.abc import Hashable
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pybtex.richtext import Text
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import bibtex

#: ``brief_archive_links``'s value that adds the web archive's lookup address to a web
#: source without an ``archiveurl`` (an address nobody checked: not by default).
ARCHIVE_LOOKUP = "lookup"


@dataclass(frozen=True)
class NoteSettings:
    """What a note depends on beside its entry, and what one build keeps of notes."""

    language: str = "en"
    #: an archived copy in the notes: the entry's ``archiveurl`` …
    archive_links: bool = True
    #: … or, failing one, the web archive's lookup address (``brief_archive_links =
    #: "lookup"``)
    archive_lookup: bool = False
    #: memoise notes (``brief_citation_cache``)
    cache: bool = True
    #: the bib files, whose entries' starts (:attr:`starts`) warnings name
    bibfiles: tuple[str, ...] = field(default=(), compare=False, hash=False)
    #: the full notes of this build: content key → note
    notes: dict[Hashable, Text] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: each entry read once in this build: content key → (its note parts, its problems)
    parts: dict[Hashable, tuple[Any, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    #: the ``{note}`` texts of this build: how the note is written → (entries, paragraph)
    rendered: dict[Hashable, tuple[Any, Any]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    #: (key, problem) already reported in this build
    reported: set[tuple[str, ...]] = field(
        default_factory=set, compare=False, hash=False, repr=False
    )

    @cached_property
    def starts(self) -> bibtex.Starts:
        """Where each entry starts, for warnings by key: the files are scanned when the
        first warning needs it (most builds have none), once per build."""
        return bibtex.scan(self.bibfiles)

    @property
    def key(self) -> tuple[str, bool, bool]:
        """The settings a note's text depends on (a new one belongs here too)."""
        return (self.language, self.archive_links, self.archive_lookup)

    @classmethod
    def of(cls, app: Sphinx, env: BuildEnvironment | None = None) -> NoteSettings:
        config = app.config
        env = env if env is not None else app.env
        try:
            files = tuple(bibtex.bibfiles(env))
        except (KeyError, AttributeError):  # sphinxcontrib-bibtex not set up
            files = ()
        return cls(
            language=config.language or "en",
            archive_links=bool(config.brief_archive_links),
            archive_lookup=config.brief_archive_links == ARCHIVE_LOOKUP,
            cache=bool(config.brief_citation_cache),
            bibfiles=files,
        )


_DEFAULT = NoteSettings()
_current: ContextVar[NoteSettings] = ContextVar("sphinx_brief_note_settings", default=_DEFAULT)
#: The previous settings, for each application building now (put back when it ends).
_tokens: dict[int, Token[NoteSettings]] = {}


def current() -> NoteSettings:
    """The settings of the application that is building (the defaults outside a build)."""
    return _current.get()


def build_started(app: Sphinx, env: BuildEnvironment, docnames: Any) -> None:
    """``env-before-read-docs``: the building application's settings, for this build."""
    if id(app) not in _tokens:
        _tokens[id(app)] = _current.set(NoteSettings.of(app, env))


def build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the settings as they were before the build."""
    token = _tokens.pop(id(app), None)
    if token is not None:
        try:
            _current.reset(token)
        except ValueError:  # set in another context: restore the defaults there
            _current.set(_DEFAULT)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", build_started, priority=100)
    app.connect("build-finished", build_finished, priority=900)

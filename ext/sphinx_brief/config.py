"""Every ``brief_*`` value of ``conf.py``, declared once: default, rebuild, types, meaning.

:data:`VALUES` is the one list: :func:`setup` registers it with Sphinx, REFERENCE.md is
checked against it (tests/test_reference.py), and the checks below read it.

The values are checked before anything reads them.

A value of the wrong type is a warning that names ``conf.py`` and the line that sets it,
and the value is read as what the author evidently meant (or the default): a list of tags
becomes tags labelled by themselves, ``"yes"`` becomes True.  Sphinx's own type check
(which runs later, names no file and leaves the value as it is) then has nothing to say,
and no component meets a value it cannot use: ``brief_tags = ["arms"]`` used to stop the
build with a traceback when a timeline was laid out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .core import people
from .core.logs import warn


@dataclass(frozen=True)
class Value:
    """One config value of the extension."""

    name: str
    default: Any
    #: what a change makes Sphinx redo: "env" (read every page again), "html", "" (nothing)
    rebuild: Literal["", "env", "html", "epub"]
    types: tuple[type, ...]
    #: what it means, for the reference
    doc: str


VALUES: tuple[Value, ...] = (
    Value(
        "brief_require_sources",
        True,
        "env",
        (bool,),
        "a quote or event without :source: is a warning",
    ),
    Value(
        "brief_front",
        False,
        "env",
        (bool,),
        "the root page's front under its title: the byline and date (website, ePub) and "
        "the summary (brief_description, every format)",
    ),
    Value(
        "brief_unsourced_shown",
        True,
        "env",
        (bool,),
        "readers see that a quote or event declared :unsourced: has no source in the "
        "original, and why; False: only the exports and the sourcing report say so",
    ),
    Value(
        "brief_tags",
        {},
        "env",
        (dict,),
        "tag → label shown to readers; a tag not declared here is a warning",
    ),
    Value(
        "brief_archive_links",
        True,
        "env",
        (bool, str),
        "a web source's note also gives its archived copy (the entry's archiveurl); "
        '"lookup": else the web archive\'s lookup address at the access date; False: none',
    ),
    Value(
        "brief_citation_cache",
        True,
        "",
        (bool,),
        "format each source once per build (False formats every citation anew, to compare)",
    ),
    Value(
        "brief_note_repeat",
        "short",
        "env",
        (str,),
        'a source cited again on a page: "short" (Author, “Short Title,” locator) or "full"',
    ),
    Value(
        "brief_note_ibid",
        False,
        "env",
        (bool,),
        '"Ibid." for a note that cites only the source of the note before it',
    ),
    Value(
        "brief_note_footnotes",
        False,
        "env",
        (bool,),
        "make every note a docutils footnote while pages are read (for extensions that "
        "look for footnote nodes); by default each {note} is a light node until the page "
        "is written, as a footnote, numbered with the page's other notes",
    ),
    Value(
        "brief_published",
        "",
        "html",
        (str,),
        "the brief's publication date (ISO), the schema.org datePublished of its JSON-LD; "
        "empty: the day, month or year of brief_date",
    ),
    # The brief's own facts, read by site/defaults.py (the defaults that make a brief).
    Value(
        "brief_date",
        "",
        "env",
        (str,),
        "the brief's date (EDTF): the PDF's title block, the ePub's version and identifier, "
        "the copyright year; never the build date",
    ),
    Value(
        "brief_basename",
        "",
        "env",
        (str,),
        "the file name of the PDF and the ePub; empty: the title in lower case, joined by -",
    ),
    Value(
        "brief_description",
        "",
        "env",
        (str,),
        "one sentence on what the brief is about: the PDF's Subject, the ePub's description",
    ),
    Value(
        "brief_keywords",
        None,
        "env",
        (list, tuple, type(None)),
        "the PDF's keywords; None: the labels of brief_tags",
    ),
    Value(
        "brief_defaults",
        True,
        "env",
        (bool,),
        "set the Sphinx values that make a brief where conf.py leaves them unset (False: "
        "Sphinx's own defaults)",
    ),
    Value(
        "brief_epub_accessibility",
        {},
        "epub",
        (dict,),
        "the ePub's accessibility metadata overridden, by schema.org name (accessMode, "
        "accessibilityHazard, accessibilitySummary, certifiedBy, …): a string or a list of "
        "strings each, None to leave one out (site/epub.py)",
    ),
    Value(
        "brief_raw_html",
        "remove",
        "env",
        (str,),
        'raw HTML or LaTeX in a page (MyST HTML, the raw directive): "remove" (a warning '
        'at its page and line; left out of every output) or "allow" (published as written)',
    ),
    Value(
        "brief_people",
        {},
        "env",
        (dict,),
        "name as written → name as the index writes and sorts it, family name first "
        "(default: the last word first; list names written family name first, such as "
        "'Kim Yong-Nam': 'Kim Yong-Nam', and organisations here), or → a dict of 'sort', "
        "'type' (person, organization, document), 'role' (a text, or EDTF date → role) "
        "and 'also' (other spellings of the name)",
    ),
    Value(
        "brief_script_languages",
        {},
        "html",
        (dict,),
        "script (ISO 15924: Arab, Hebr, Cyrl, Grek, Hani, Jpan, Kore …) → the language "
        "(BCP 47) of the brief's runs in that script, where their letters do not say it "
        "(default: Arabic letters are ar, fa or ur, Cyrillic ru, uk …, Han zh, or ja in a "
        "paragraph with kana); '' for none",
    ),
    Value(
        "brief_latex_fonts",
        {},
        "",
        (dict,),
        "the PDF's fonts when sphinx_brief sets it for other scripts (lualatex): 'main', "
        "'sans', 'mono' (Latin, Greek, Cyrillic) or a script (Arab, Hebr, Deva, Hani, "
        "Jpan, Kore …) → font name; default: the Noto fonts",
    ),
)
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


def location(confdir: str | Path | None, name: str) -> str | None:
    """``conf.py:LINE`` of the (last) assignment of ``name``: the one that counts."""
    if confdir is None:
        return None
    path = Path(confdir) / "conf.py"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*(?::[^=\n]*)?=(?!=)")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]
    # a value conf.py does not assign came from the command line (-D): no place in a file
    # (a bare path would be read as a document's name)
    return f"{path}:{lines[-1]}" if lines else None


def _warn(confdir: str | Path | None, name: str, message: str, *args: Any) -> None:
    warn("config", f"{name} {message}", *args, location=location(confdir, name))


def _flag(config: Config, confdir: str | Path | None, name: str, default: bool) -> None:
    value = getattr(config, name)
    if isinstance(value, bool):
        return
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        read = value.strip().lower() in _TRUE
    elif isinstance(value, int) and value in (0, 1):
        read = bool(value)
    else:
        read = default
    _warn(confdir, name, "must be True or False, not %r; read as %s", value, read)
    setattr(config, name, read)


def _tags(config: Config, confdir: str | Path | None) -> None:
    value = config.brief_tags
    if isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(label, str) for key, label in value.items()
    ):
        return
    tags: dict[str, str]
    if isinstance(value, dict):
        tags = {str(key): str(label) for key, label in value.items()}
        how = "its tags and labels read as text"
    elif isinstance(value, list | tuple | set | frozenset) and all(
        isinstance(tag, str) for tag in value
    ):
        tags = {tag: tag for tag in sorted(value) if tag.strip()}
        how = "each tag is its own label"
    else:
        tags = {}
        how = "no tag is declared"
    _warn(
        confdir,
        "brief_tags",
        "must be a dict of tag → label (e.g. {'arms': 'Arms transfers'}), not %r; %s",
        value,
        how,
    )
    config.brief_tags = tags


def _dicts(config: Config, confdir: str | Path | None) -> None:
    """A dict value that is not one (``None`` included) is read as the default, empty."""
    for value in VALUES:
        if value.types != (dict,) or value.name == "brief_tags" or value.name not in config:
            continue
        given = getattr(config, value.name)
        if given is None:
            setattr(config, value.name, {})
        elif not isinstance(given, dict):
            _warn(confdir, value.name, "must be a dict, not %r; ignored", given)
            setattr(config, value.name, {})


#: The forms a repeated citation may take (``brief_note_repeat``).
NOTE_REPEATS = ("short", "full")


def _note_repeat(config: Config, confdir: str | Path | None) -> None:
    value = config.brief_note_repeat
    if isinstance(value, str) and value.strip().lower() in NOTE_REPEATS:
        config.brief_note_repeat = value.strip().lower()
        return
    _warn(confdir, "brief_note_repeat", 'must be "short" or "full", not %r; read as "short"', value)
    config.brief_note_repeat = "short"


#: Sphinx's values of text that the brief's defaults read (the PDF's and the ePub's title
#: block and file names): a number or None there stopped the build with a traceback.
SPHINX_TEXTS = ("project", "author", "copyright", "release", "version", "html_title")


def _texts(config: Config, confdir: str | Path | None) -> None:
    """A text value of Sphinx's that is not text: a number read as its digits, anything
    else (None, a list) as empty; each a warning at its conf.py line."""
    for name in SPHINX_TEXTS:
        if name not in config:
            continue
        value = getattr(config, name)
        if isinstance(value, str) or (name == "html_title" and value is None):
            continue
        text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""
        _warn(confdir, name, "must be text, not %r; read as %r", value, text)
        setattr(config, name, text)


def _archive_links(config: Config, confdir: str | Path | None) -> None:
    value = config.brief_archive_links
    if isinstance(value, bool) or value == "lookup":
        return
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE | {"lookup"}:
        word = value.strip().lower()
        config.brief_archive_links = "lookup" if word == "lookup" else word in _TRUE
        return
    _warn(
        confdir,
        "brief_archive_links",
        'must be True, False or "lookup", not %r; read as True (archiveurl only)',
        value,
    )
    config.brief_archive_links = True


def _people(config: Config, confdir: str | Path | None) -> None:
    """What ``brief_people`` says that cannot be read (:mod:`.core.people`): a warning
    each; the entry is read without it."""
    for problem in people.read(config.brief_people).problems:
        _warn(confdir, "brief_people", "%s", problem)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``, before the extension or Sphinx's type check reads the values."""
    _texts(config, app.confdir)
    _archive_links(config, app.confdir)
    for value in VALUES:
        if value.types == (bool,) and value.name in config:
            _flag(config, app.confdir, value.name, value.default)
    _tags(config, app.confdir)
    _dicts(config, app.confdir)
    _people(config, app.confdir)
    _note_repeat(config, app.confdir)


def setup(app: Sphinx) -> None:
    for value in VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)
    app.connect("config-inited", check_config, priority=100)

"""The one door to sphinxcontrib-bibtex's data: entries, bib files, where entries start,
where the bibliography lists them; and bib files read without a traceback.

Every component that needs a source goes through here, so the extension depends on
sphinxcontrib-bibtex's internals in one module only.

Reading the bib files.  sphinxcontrib-bibtex reads them on ``builder-inited`` with pybtex in
its strict mode, which raises on the first syntax error (an unclosed brace, a missing comma):
the build stops with a traceback.  Just before it (priority 499), when the files changed:

* in a brief, whose sphinxcontrib-bibtex ``sphinx_brief`` loads (the project does not name
  it in ``extensions``), they are read once, here, with sphinxcontrib-bibtex's own
  ``parse_bibdata`` under pybtex's :func:`pybtex.errors.capture` (which restores pybtex's
  state in a ``finally``), and the data are handed to sphinxcontrib-bibtex through its own
  cache, which it then finds up to date: a shared file of 10,000 entries is read once, not
  twice.  Without a problem the data are exactly what its strict reading makes;
* in a project that names sphinxcontrib-bibtex, the files are checked by pybtex's grammar
  alone (:func:`syntax_errors`, no entry made) and, without a syntax error, nothing more
  happens: sphinxcontrib-bibtex reads them and reports what it reports exactly as it would
  without this extension.

With a syntax error the files are read here in full (the broken entry up to the error, and
the rest of the file), the data handed over, and each error is a warning with its file and
line; in a brief, a name pybtex cannot read ("Too many commas") is one too (its entry named),
where sphinxcontrib-bibtex's strict reading would stop with a traceback.  A repeated key
(sphinxcontrib-bibtex's ``bibtex.bibfile_data_error``) is left to sphinxcontrib-bibtex's own
reading, which then reads the files and reports it in its words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import pybtex.errors
from pybtex.database import BibliographyDataError, Entry
from pybtex.database.input.bibtex import LowLevelParser, Parser, month_names
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import (
    BibData,
    BibFile,
    get_mtime,
    is_bibdata_outdated,
    parse_bibdata,
)
from sphinxcontrib.bibtex.citation_target import CitationTarget
from sphinxcontrib.bibtex.roles import CitationRef

from . import bibsubset
from .core.domain import get_domain
from .core.logs import warn

#: sphinxcontrib-bibtex's name as a project's ``extensions`` list it.
PEER = "sphinxcontrib.bibtex"

# "@article{key," or "@article(key,"; @string, @preamble and @comment have no key
_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = {"string", "preamble", "comment"}

#: Where entries start: key → [(file, line), …] (more than one if the key repeats).
Starts = dict[str, list[tuple[str, int]]]


def _cite(env: BuildEnvironment) -> Any:
    return env.domains["cite"]


def entries(env: BuildEnvironment) -> Mapping[str, Entry]:
    """Every entry of the project's bib files, by key."""
    found: Mapping[str, Entry] = _cite(env).bibdata.data.entries
    return found


def backend(env: BuildEnvironment) -> Any:
    """sphinxcontrib-bibtex's pybtex backend, which turns formatted text into nodes."""
    return _cite(env).backend


def bibliography_docnames(env: BuildEnvironment) -> set[str]:
    """The pages that have a ``bibliography`` directive."""
    return {str(key.docname) for key in _cite(env).bibliographies}


def known_keys(env: BuildEnvironment) -> set[str]:
    return set(entries(env))


def bibfiles(env: BuildEnvironment) -> list[str]:
    """The bib files, for ``env.note_dependency`` of pages that show what they hold."""
    return [str(path) for path in _cite(env).bibdata.bibfiles]


#: A per cent sign that LaTeX would read as the start of a comment.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
#: BibTeX's escaped dollar sign (``\$14.4B``), which pybtex leaves as it is written; its
#: other escapes (``\& \% \# \_``) it reads itself.  Not after another backslash
#: (``\\$``: a line break, then a dollar).
_ESCAPED_DOLLAR = re.compile(r"(?<!\\)\\\$")


@lru_cache(maxsize=8192)
def latex_text(value: str) -> Text:
    """A field's LaTeX as rich text, BibTeX's escapes read as BibTeX means them (``\\$``
    is a dollar sign).  A bare ``%`` (LaTeX's comment sign) is the per cent
    it means: pybtex would read the rest of the field as a comment, and fail on its
    unbalanced braces ("{{23.77% Stake}}"); a field pybtex cannot read at all is its text.

    Memoised (each field is read for the full note, the short note, the bibliography and
    the page's schema.org data); pybtex's rich text is never changed in place."""
    value = _ESCAPED_DOLLAR.sub("$", value)
    try:
        return Text.from_latex(_BARE_PERCENT.sub(r"\\%", value))
    except (PybtexSyntaxError, UnicodeDecodeError):
        # (latexcodec cannot decode a lone backslash at a field's end: "C:\\")
        return Text(value.replace("{", "").replace("}", ""))


def field_text(entry: Entry, field: str) -> str:
    """A field read as LaTeX, as plain text ("" if the entry has no such field)."""
    value = entry.fields.get(field, "")
    return str(latex_text(value)).strip() if value else ""


def citation_targets(env: BuildEnvironment) -> dict[str, list[tuple[str, str, str]]]:
    """Where each key is listed by a ``bibliography``: key → sorted ``(docname,
    bibliography id, citation id)`` (sorted: bibliographies are found in reading order)."""
    targets: dict[str, list[tuple[str, str, str]]] = {}
    for citation in _cite(env).citations:
        where = citation.bibliography_key
        targets.setdefault(citation.key, []).append(
            (where.docname, where.id_, citation.citation_id)
        )
    return {key: sorted(places) for key, places in targets.items()}


def footcite_keys(env: BuildEnvironment) -> dict[str, str]:
    """The page being read: each ``{footcite}`` note's name → the key it cites."""
    names = cast("dict[str, str]", env.temp_data.get("bibtex_footcite_names") or {})
    return {name: key for key, name in names.items()}


def listed_entries(env: BuildEnvironment) -> dict[str, tuple[Entry, str]]:
    """Each entry a ``bibliography`` lists, by its citation id: the entry, and the name of
    the pybtex style that bibliography formats it with (its ``:style:``)."""
    cite = _cite(env)
    return {
        citation.citation_id: (citation.entry, cite.bibliographies[citation.bibliography_key].style)
        for citation in cite.citations
    }


def citation_ids(env: BuildEnvironment) -> set[str]:
    """The ids of every entry that a ``bibliography`` lists."""
    return {citation.citation_id for citation in _cite(env).citations}


#: The keys the page being read cites with the extension's notes and ``:source:`` options.
_CITED = "brief_cited_keys"
#: The ids of those citations (:func:`record_citations`): no element of a page has them.
CITED_ID = "brief-cited-"


def note_citations(env: BuildEnvironment, keys: Iterable[str]) -> None:
    """The page being read cites ``keys`` (a ``{note}``, a quote's or an event's
    ``:source:``), in reading order."""
    cited = cast("dict[str, None]", env.temp_data.setdefault(_CITED, {}))
    cited.update(dict.fromkeys(keys))


def record_citations(env: BuildEnvironment) -> None:
    """The page's citations (:func:`note_citations`) as one citation reference of
    sphinxcontrib-bibtex, as its ``{cite}`` records them: a ``bibliography`` without
    ``:all:`` lists the sources cited (its ``cited`` filter), whatever cites them.

    Its id stands for no element of the page; :func:`without_own_backrefs` keeps it out of
    the bibliography's back-references."""
    cited = cast("dict[str, None] | None", env.temp_data.pop(_CITED, None))
    if not cited:
        return
    docname = env.docname
    _cite(env).citation_refs.append(
        CitationRef(
            citation_ref_id=f"{CITED_ID}{docname}",
            docname=docname,
            line=0,
            targets=[CitationTarget(key=key, pre="", post="") for key in cited],
        )
    )


#: Where the digest of the extension's citations is kept (the brief domain's data).
_CITED_DIGEST = "bibliography-citations"


def rewrite_bibliographies(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages with a ``bibliography`` when what the extension's notes
    cite changed since the last build.  A page that is not read again is not written again,
    but a bibliography without ``:all:`` lists what other pages cite."""
    digest = hashlib.sha256()
    for ref in sorted(_cite(env).citation_refs, key=lambda r: (r.docname, r.citation_ref_id)):
        if str(ref.citation_ref_id).startswith(CITED_ID):
            digest.update(f"\0{ref.docname}\0".encode())
            digest.update(" ".join(target.key for target in ref.targets).encode())
    data: dict[str, Any] = get_domain(env).data
    before, data[_CITED_DIGEST] = data.get(_CITED_DIGEST), digest.hexdigest()
    if before is None or before == data[_CITED_DIGEST]:
        return []  # the first build writes every page anyway
    return sorted(bibliography_docnames(env))


def without_own_backrefs(node: Any) -> None:
    """A bibliography entry's back-references without those of :func:`record_citations`,
    which no element of the page bears (a note's mark is no citation reference)."""
    backrefs = node.get("backrefs")
    if backrefs:
        node["backrefs"] = [ref for ref in backrefs if not str(ref).startswith(CITED_ID)]


def scan(paths: Iterable[str | Path]) -> Starts:
    """The lines where entries start, by key, in file order."""
    starts: Starts = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # lines counted from one entry to the next: once over the file (counting from
        # its start at every entry made a shared file of 10,000 entries take a minute)
        line, counted = 1, 0
        for match in _ENTRY.finditer(text):
            if match.group(1).lower() in _NOT_ENTRIES:
                continue
            line += text.count("\n", counted, match.start())
            counted = match.start()
            starts.setdefault(match.group(2), []).append((str(path), line))
    return starts


def entry_location(starts: Starts, key: str) -> str | None:
    """``file:line`` where the entry ``key`` starts (its first definition), if known."""
    places = starts.get(key)
    return f"{places[0][0]}:{places[0][1]}" if places else None


def _entry_before(starts: Starts, path: str, line: int) -> tuple[str, int] | None:
    """The key and line of the last entry of ``path`` that starts on or before ``line``."""
    best: tuple[str, int] | None = None
    for key, places in starts.items():
        for where, start in places:
            if where == path and start <= line and (best is None or start > best[1]):
                best = (key, start)
    return best


def entry_at(starts: Starts, path: str, line: int) -> tuple[str, int] | None:
    """The key and first line of the entry of ``path`` that holds ``line``, if any."""
    return _entry_before(starts, path, line)


#: The data sphinxcontrib-bibtex held before it read the bib files of this build.
_BEFORE = "brief_bibdata_before"


def newly_read(env: BuildEnvironment) -> bool:
    """``builder-inited``, after sphinxcontrib-bibtex (priority over 500): whether the bib
    files were read in this build; else their data are the last build's, checked then.
    Asked once a build."""
    before = env.temp_data.pop(_BEFORE, None)
    return _cite(env).bibdata is not before


def syntax_errors(files: Iterable[Path], encoding: str) -> list[PybtexSyntaxError]:
    """The syntax errors of the bib files, as pybtex's grammar finds them.

    Only pybtex's ``LowLevelParser`` runs (the grammar, with the ``@string`` macros a file
    defines and the month names): no entry or name is made, which is most of a full
    reading, so a shared file of 10,000 entries is checked in a third of the time
    sphinxcontrib-bibtex then takes to read it.  A file that is missing or cannot be
    decoded is left to sphinxcontrib-bibtex, which reports it in its own words.
    """
    errors: list[PybtexSyntaxError] = []
    macros = CaseInsensitiveDict(month_names)
    for path in files:
        try:
            text = path.read_text(encoding=encoding)
        except (OSError, UnicodeError):
            continue
        grammar = LowLevelParser(
            text, macros=macros, filename=str(path), handle_error=errors.append
        )
        for _command in grammar:
            pass
    return errors


#: Our domain's record of a subset reading (:mod:`.bibsubset`): (keys held, keys of the
#: files), case-folded; absent after a whole reading.
_SUBSET = "bibsubset"
#: Set when this build handed sphinxcontrib-bibtex new data: the pages with a bibliography
#: are read again (their citation nodes are made from the data).
_REREAD = "brief_bib_reread"


def read_bibfiles(app: Sphinx) -> None:
    """``builder-inited``, just before sphinxcontrib-bibtex reads the files (see above)."""
    cite = _cite(app.env)
    app.env.temp_data[_BEFORE] = cite.bibdata
    config = app.config
    if config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports it, in its own words
    files = [(Path(app.confdir) / name).resolve() for name in config.bibtex_bibfiles]
    domain = get_domain(app.env)
    held: tuple[frozenset[str], frozenset[str]] | None = domain.data.get(_SUBSET)
    outdated = is_bibdata_outdated(cite.bibdata, files, config.bibtex_encoding)
    if not outdated and held is None:
        return
    if not outdated and held is not None:
        words, lists_any = _project_words(app)
        if not lists_any and bibsubset.covers(held[0], words, held[1]):
            return  # the subset read last time holds every key the pages name
    domain.data.pop(_SUBSET, None)
    app.env.temp_data[_REREAD] = True
    if _read_subset(app, files):
        return
    owned = PEER not in config.extensions
    if not owned and not syntax_errors(files, config.bibtex_encoding):
        return
    with pybtex.errors.capture() as captured:
        data = parse_bibdata(files, config.bibtex_encoding)
    # what would stop sphinxcontrib-bibtex's strict reading with a traceback: a syntax
    # error, or (in a brief) any error but a repeated key, which it reports itself
    fatal = [
        error
        for error in captured
        if isinstance(error, PybtexSyntaxError)
        or (owned and not isinstance(error, BibliographyDataError))
    ]
    if fatal or (owned and not captured):
        cite.data["bibdata"] = data
    if fatal:
        _report(captured, [str(path) for path in files])
    # else (a repeated key): sphinxcontrib-bibtex reads the files again and reports it in
    # its own words, its data exactly as its strict reading makes them


def _project_words(app: Sphinx) -> tuple[set[str], bool]:
    return bibsubset.project_words(Path(app.srcdir), [Path(app.outdir), Path(app.doctreedir)])


def _read_subset(app: Sphinx, files: list[Path]) -> bool:
    """Hand sphinxcontrib-bibtex the entries the project can cite (:mod:`.bibsubset`);
    False where the files are read whole instead."""
    encoding = app.config.bibtex_encoding
    part = bibsubset.subset(files, lambda: _project_words(app), encoding)
    if part is None:
        return False
    parser = Parser(encoding)
    bibfiles: dict[Path, BibFile] = {}
    with pybtex.errors.capture() as captured:
        for path in files:
            before = set(parser.data.entries)
            parser.filename = str(path)
            parser.parse_string(part.texts[path])
            keys = dict.fromkeys(key for key in parser.data.entries if key not in before)
            bibfiles[path] = BibFile(mtime=get_mtime(path), keys=keys)
    if captured:
        return False  # read whole: each problem reported as it always is
    _cite(app.env).data["bibdata"] = BibData(encoding, bibfiles, parser.data)
    get_domain(app.env).data[_SUBSET] = (part.keys, part.index)
    return True


def reread_bibliographies(app: Sphinx, env: BuildEnvironment, *args: Any) -> list[str]:
    """``env-get-outdated``: the pages with a bibliography, when the data changed."""
    if not env.temp_data.get(_REREAD):
        return []
    return sorted(bibliography_docnames(env) & set(env.all_docs))


def _report(captured: list[Exception], files: list[str]) -> None:
    starts = scan(files)
    for error in captured:
        if isinstance(error, PybtexSyntaxError):
            # error.get_filename() fails on the Path that sphinxcontrib-bibtex passes
            path = str(error.filename or (files[0] if files else ""))
            line = error.lineno or 0
            entry = _entry_before(starts, path, line) if line else None
            where = f" (in the entry {entry[0]!r})" if entry else ""
            if entry is not None:
                line = entry[1]
            warn(
                "bibtex",
                "%s%s; the entry is read only up to the error",
                error,
                where,
                location=f"{path}:{line}" if line else path,
            )
        elif isinstance(error, BibliographyDataError):
            # What sphinxcontrib-bibtex says of it when it reads the files itself, with the
            # type a project may already silence.
            key = str(error).rsplit(": ", 1)[-1]
            places = starts.get(key, [])
            filename = places[-1][0] if places else (files[0] if files else "")
            logging.getLogger("sphinxcontrib.bibtex.bibfile").warning(
                f"bibliography data error in {filename}: {error}",
                type="bibtex",
                subtype="bibfile_data_error",
            )
        else:  # a name pybtex cannot read ("Too many commas in 'A, B, C, D'")
            quoted = re.search(r"'(.+)'", str(error))
            place = _find(files, quoted.group(1)) if quoted else None
            entry = _entry_before(starts, *place) if place else None
            at = f"{place[0]}:{entry[1] if entry else place[1]}" if place else None
            named = f"bib entry {entry[0]!r}: " if entry else ""
            warn("bibtex", "%s%s; the rest of the entry is read", named, error, location=at)


def _find(files: list[str], text: str) -> tuple[str, int] | None:
    """The file and line where ``text`` first stands in the bib files."""
    for path in files:
        try:
            content = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        at = content.find(text)
        if at >= 0:
            return path, content.count("\n", 0, at) + 1
    return None


def setup(app: Sphinx) -> None:
    # sphinxcontrib-bibtex reads the files in its builder-inited handler (priority 500)
    app.connect("builder-inited", read_bibfiles, priority=499)
    app.connect("env-get-outdated", reread_bibliographies)
    app.connect("env-updated", rewrite_bibliographies)

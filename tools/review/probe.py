"""What one side's own code makes of its sources and its pages; run as a script.

``python -P probe.py SRCDIR WORKDIR RESULT`` runs in a subprocess with that side's
``PYTHONPATH``, so each side is read by its own ``conf.py``, extensions and note style (an
older base may hold an older ``sphinx_brief``).  It imports nothing of the review tool, and
writes JSON to RESULT; it never raises:

* ``entries``: every entry of the bib files in ``bibtex_bibfiles``, parsed with pybtex, with
  its fields and its note rendered as plain text by the style of ``bibtex_default_style``.
  A Sphinx application with the ``dummy`` builder is made first, so that ``config-inited``
  hooks set the style's options.
* ``pages``: that application then reads every document; from each doctree come its
  paragraphs, by content (not by how a builder wraps them), each with its notes.  Notes are
  found generically: any footnote or citation reference, and any cross-reference of a
  citation domain, whatever role made it.  A paragraph is *covered* when it sits in, or
  leads into, a record that names its own sources (a node with a ``sources`` attribute,
  such as a quotation or an event); it is *explained* when a comment ``unsourced: why``
  comes right before it, or before a block that holds it.
* ``cited``: the bib keys the pages cite (footnote names made from ``bibtex_footcite_id``,
  the citation domain's references, and the ``sources`` of records).
* ``raw``: every raw piece of every page (MyST's HTML, the ``raw`` directive), verbatim,
  with its page, line and format, read before any extension may leave it out (sphinx_brief
  does, unless ``brief_raw_html = "allow"``).
"""

from __future__ import annotations

import io
import json
import re
import sys
import traceback
from pathlib import Path
from typing import Any

#: A comment that explains an unsourced paragraph: ``% unsourced: why`` in MyST.
EXPLAINED = re.compile(r"^\s*unsourced\s*:\s*(?P<why>.*)$", re.I | re.S)
#: Blocks whose paragraphs are apparatus, never claims of the brief.
SKIPPED = ("footnote", "citation", "comment", "raw", "figure", "caption", "legend", "docinfo")
#: Classes of blocks the extension writes around the brief's text: its front (byline, date,
#: and the summary from conf.py's brief_description), never a claim of a page.
SKIPPED_CLASSES = frozenset({"brief-front"})


#: The raw pieces of the pages read: ``{docname: [{line, format, text}, …]}``.
RAW: dict[str, list[dict[str, Any]]] = {}


def raw_collector() -> Any:
    """A transform that notes every raw node of a page as it is read (:data:`RAW`)."""
    from docutils import nodes
    from sphinx.transforms import SphinxTransform

    class RawPieces(SphinxTransform):
        # before sphinx_brief leaves raw markup out (200) and docutils' substitutions (220)
        default_priority = 150

        def apply(self, **kwargs: Any) -> None:
            pieces = RAW.setdefault(self.env.docname, [])
            for node in self.document.findall(nodes.raw):
                where = node
                while where is not None and not where.line:
                    where = where.parent
                line = where.line if where is not None else 0
                text = node.astext()
                pieces.append({"line": line or 0, "format": node.get("format", ""), "text": text})

    return RawPieces


def read_entries(app: Any, srcdir: Path, data: dict[str, Any]) -> None:
    config = app.config
    files = getattr(config, "bibtex_bibfiles", None) or []
    files = [files] if isinstance(files, str) else list(files)
    data["bibfiles"] = [str(name) for name in files]
    if not files:
        return
    from pybtex.database.input import bibtex
    from pybtex.plugin import find_plugin

    style_name = getattr(config, "bibtex_default_style", None) or "alpha"
    data["style"] = style_name
    style = find_plugin("pybtex.style.formatting", style_name)()
    encoding = getattr(config, "bibtex_encoding", None) or "utf-8-sig"
    for name in files:
        parsed = bibtex.Parser(encoding=encoding).parse_file(str(srcdir / name))
        for key, entry in parsed.entries.items():
            if str(key) in data["entries"]:
                continue
            fields = {"type": str(entry.type).lower()}
            fields.update((str(k).lower(), str(v)) for k, v in entry.fields.items())
            fields.update(
                (str(role).lower(), " and ".join(str(p) for p in people))
                for role, people in entry.persons.items()
            )
            try:
                text = style.format_entry(str(key), entry).text.render_as("text")
                note = " ".join(text.split())
            except Exception as exc:
                note = f"(cannot be rendered: {exc})"
            data["entries"][str(key)] = {"fields": fields, "note": note}


def _is_note(node: Any) -> bool:
    from docutils import nodes

    if isinstance(node, nodes.footnote_reference | nodes.citation_reference):
        return True
    return node.tagname == "pending_xref" and "cite" in str(node.get("refdomain", ""))


def _records(node: Any) -> list[str]:
    sources = node.get("sources") if hasattr(node, "get") else None
    return [str(s) for s in sources] if isinstance(sources, list | tuple) else []


def _explanation(node: Any) -> str | None:
    """The reason of an ``unsourced:`` comment right before ``node`` or a block holding it."""
    from docutils import nodes

    while node is not None and node.parent is not None:
        parent = node.parent
        index = parent.index(node)
        for sibling in reversed(parent.children[:index]):
            if isinstance(sibling, nodes.comment):
                match = EXPLAINED.match(sibling.astext())
                if match:
                    return " ".join(match.group("why").split()) or "(no reason given)"
                continue
            if not isinstance(sibling, nodes.target | nodes.substitution_definition):
                break
        node = parent
    return None


def _paragraph(paragraph: Any, footnotes: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """A paragraph's words; each note is one token, ``\\x00label\\x00content\\x00``."""
    from docutils import nodes

    parts: list[str] = []
    notes: list[str] = []

    def walk(node: Any) -> None:
        if _is_note(node):
            refid = str(node.get("refid") or node.get("reftarget") or "")
            label, content = footnotes.get(refid) or ("", "")
            label = node.astext() or label
            content = content or refid or label
            notes.append(content)
            label, packed = ("\x01".join(t.split()) for t in (label, content))
            parts.append(f"\x00{label}\x00{packed}\x00")  # one token: spaces become \x01
            return
        if isinstance(node, nodes.Text):
            parts.append(str(node))
            return
        if isinstance(node, nodes.comment | nodes.raw | nodes.footnote):
            return
        for child in node.children:
            walk(child)

    walk(paragraph)
    return {"text": " ".join("".join(parts).split()), "notes": notes}


def _written(app: Any, docname: str) -> Any:
    """The page as a builder gets it, to read its notes from: an extension may make a
    note's footnote only when the page is written (sphinx_brief's light notes)."""
    try:
        return app.env.get_and_resolve_doctree(docname, app.builder)
    except Exception:  # a side's own code may fail: read what was stored
        return app.env.get_doctree(docname)


def read_pages(app: Any) -> dict[str, Any]:
    """Each document's paragraphs, in order, and the records it declares."""
    from docutils import nodes

    env = app.env
    pages: dict[str, Any] = {}
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        footnotes: dict[str, tuple[str, str]] = {}
        for footnote in _written(app, docname).findall(nodes.footnote):
            label = next((c.astext() for c in footnote.children if c.tagname == "label"), "")
            body = " ".join(c.astext() for c in footnote.children if c.tagname != "label")
            for name in [*footnote["ids"], *footnote["names"]]:
                footnotes[str(name)] = (label, " ".join(body.split()))
        paragraphs: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = []
        for node in doctree.findall(nodes.Element):
            if _records(node) or "sources" in node.attributes:
                records.append(
                    {
                        "ids": list(node.get("ids", [])),
                        "sources": _records(node),
                        "date_note": str(node.get("date_note", "") or ""),
                    }
                )
        for paragraph in doctree.findall(nodes.paragraph):
            ancestors = []
            parent = paragraph.parent
            while parent is not None:
                ancestors.append(parent)
                parent = parent.parent
            if any(
                a.tagname in SKIPPED or SKIPPED_CLASSES & set(a.get("classes", ()))
                for a in ancestors
                if hasattr(a, "get")
            ):
                continue
            item = _paragraph(paragraph, footnotes)
            if not item["text"]:
                continue
            section = next((a for a in ancestors if isinstance(a, nodes.section)), None)
            title = section[0].astext() if section is not None and len(section) else ""
            covered = next((a for a in ancestors if _records(a)), None)
            following = paragraph.next_node(descend=False, siblings=True, ascend=False)
            if covered is None and following is not None and _records(following):
                covered = following
            item.update(
                section=title,
                line=paragraph.line or 0,
                covered=bool(covered is not None),
                explained=_explanation(paragraph),
            )
            paragraphs.append(item)
        pages[docname] = {"paragraphs": paragraphs, "records": records}
    return pages


def cited_keys(app: Any, pages: dict[str, Any], entries: dict[str, Any]) -> list[str]:
    """Keys cited anywhere: notes of {note} and footcite, citation references, records'
    sources."""
    from docutils import nodes

    cited: set[str] = set()
    template = str(getattr(app.config, "bibtex_footcite_id", "") or "footcite-{key}")
    pattern = re.escape(template).replace(r"\{key\}", "(?P<key>.+)")
    pattern = re.sub(r"\\\{[^}]*\\\}", ".*?", pattern)
    named = re.compile(f"^{pattern}$")
    for docname in pages:
        doctree = app.env.get_doctree(docname)
        for footnote in _written(app, docname).findall(nodes.footnote):
            # a {note}'s footnote keeps the keys it cites ([[prefix, key, locator], …])
            cited.update(str(item[1]) for item in footnote.get("brief_items", ()))
            for name in footnote["names"]:
                match = named.match(str(name))
                if match and match.groupdict().get("key"):
                    cited.add(match.group("key"))
        for node in doctree.findall(nodes.Element):
            if node.tagname == "pending_xref" and "cite" in str(node.get("refdomain", "")):
                cited.update(k.strip() for k in str(node.get("reftarget", "")).split(","))
        for record in pages[docname]["records"]:
            cited.update(record["sources"])
    domain = app.env.domaindata.get("cite", {})
    for ref in domain.get("citation_refs", []):  # {cite} roles: CitationRef.targets
        cited.update(str(getattr(target, "key", "")) for target in getattr(ref, "targets", []))
    lowered = {key.lower(): key for key in entries}
    return sorted({lowered.get(key.lower(), key) for key in cited if key})


def main(argv: list[str]) -> int:
    srcdir, workdir, result = Path(argv[1]), Path(argv[2]), Path(argv[3])
    data: dict[str, Any] = {"entries": {}, "problems": [], "page_problems": []}
    app = None
    try:
        from sphinx.application import Sphinx

        app = Sphinx(
            srcdir,
            srcdir,
            workdir / "out",
            workdir / "doctrees",
            "dummy",
            status=None,
            warning=io.StringIO(),
            freshenv=True,
        )
        read_entries(app, srcdir, data)
    except BaseException as exc:
        data["problems"].append(f"{type(exc).__name__}: {exc}")
        data["traceback"] = traceback.format_exc()
    if app is not None and not data["problems"]:
        try:
            app.add_transform(raw_collector())
            app.build(force_all=True)
            data["pages"] = read_pages(app)
            data["cited"] = cited_keys(app, data["pages"], data["entries"])
            data["raw"] = [
                {"docname": docname, **piece} for docname in sorted(RAW) for piece in RAW[docname]
            ]
        except BaseException as exc:
            data["page_problems"].append(f"{type(exc).__name__}: {exc}")
    result.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""One brief, checked: each format built once, each check run on what the builds wrote.

:class:`Checker` builds a format the first time a check needs it and keeps the result, so
that ``sphinx-brief check`` and the test suite (which runs each check of each corpus brief
as a test of its own) share one build per format.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import controls, links, notes, texlog, urls, validators
from .brief import Brief
from .builds import FORMATS, MissingTool, Output, compile_pdf, sphinx_build
from .faults import Fault
from .pages import Tree, epub_reading_order, html_reading_order

#: The checkers of other tools, by the name the report gives them.
VALIDATORS = ("epubcheck", "ace", "vnu", "axe")


@dataclass
class Result:
    """What a check of a brief found, and what it could not run."""

    faults: list[Fault] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    #: check → the tool it lacks
    missing: dict[str, str] = field(default_factory=dict)


class Checker:
    """The checks of one brief, each format built into ``workdir`` when first needed."""

    def __init__(
        self,
        srcdir: Path,
        workdir: Path,
        *,
        tools: validators.Tools | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.brief = Brief.read(srcdir)
        self.workdir = Path(workdir)
        self.tools = tools or validators.Tools.find()
        self._progress = progress
        self._outputs: dict[str, Output] = {}
        self._trees: dict[str, Tree] = {}
        # a format may be built ahead, in another thread (the test suite's), while checks
        # wait for it: each format is built once
        self._lock = threading.RLock()

    def _say(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    # -- builds -------------------------------------------------------------------------

    def output(self, fmt: str) -> Output:
        """The build of ``fmt`` (html, epub, latex, latexpdf), made once."""
        with self._lock:
            return self._output(fmt)

    def _output(self, fmt: str) -> Output:
        if fmt not in self._outputs:
            if fmt == "latexpdf":
                latex = self._output("latex")
                self._say("compiling the PDF")
                self._outputs[fmt] = compile_pdf(self.brief, latex)
            else:
                self._say(f"building {fmt}")
                self._outputs[fmt] = sphinx_build(self.brief, fmt, self.workdir / fmt)
        return self._outputs[fmt]

    def tree(self, fmt: str) -> Tree:
        if fmt not in self._trees:
            output = self.output(fmt)
            if fmt == "epub":
                (epub,) = output.outdir.glob("*.epub")
                self._trees[fmt] = Tree.epub(epub)
            else:
                self._trees[fmt] = Tree.folder(output.outdir)
        return self._trees[fmt]

    def close(self) -> None:
        for tree in self._trees.values():
            tree.close()

    @cached_property
    def pdf_text(self) -> str:
        output = self.output("latexpdf")
        if output.pdf is None:
            raise RuntimeError("no PDF was made")
        return notes.pdf_text(output.pdf)

    @cached_property
    def website_notes(self) -> list[notes.Note]:
        """The website's notes, pages in reading order."""
        order = html_reading_order(self.tree("html"), self.brief.root_doc)
        return [note for page in order for note in notes.page_notes(page)]

    # -- checks (each returns its faults) ----------------------------------------------

    def build_faults(self, fmt: str) -> list[Fault]:
        """A traceback, a failed build, every warning."""
        return list(self.output(fmt).faults)

    def links(self, fmt: str) -> list[Fault]:
        if fmt == "latexpdf":
            output = self.output(fmt)
            found = links.latex_log_links(self.brief, output.log)
            return found + (links.pdf_links(self.brief, output.pdf) if output.pdf else [])
        found = links.tree_links(self.brief, self.tree(fmt), fmt)
        if fmt == "epub":
            found += links.epub_package_links(self.brief, self.tree(fmt))
        return found

    def urls(self, fmt: str) -> list[Fault]:
        if fmt == "latexpdf":
            return urls.pdf_urls(self.brief, self.tree("html"), self.pdf_text)
        return urls.tree_urls(self.brief, self.tree(fmt), fmt)

    def notes(self, fmt: str) -> list[Fault]:
        """html and epub: each page's notes numbered in their marks' order; epub and
        latexpdf: the website's notes, the same words in the same order; latex: as many
        notes, numbered in the order they are set."""
        if fmt == "latex":
            texs = sorted(self.output(fmt).outdir.glob("*.tex"))
            tex = "\n".join(t.read_text("utf-8") for t in texs)
            return notes.in_latex(self.brief, self.website_notes, tex, through=self._through)
        if fmt == "latexpdf":
            return notes.in_pdf(self.brief, self.website_notes, self.pdf_text)
        tree = self.tree(fmt)
        if fmt == "html":
            pages = html_reading_order(tree, self.brief.root_doc)
        else:
            pages = epub_reading_order(tree)
        found = [f for page in pages for f in notes.numbering(self.brief, fmt, page)]
        if fmt == "epub":
            theirs = [note for page in pages for note in notes.page_notes(page)]
            found += notes.compare(self.brief, fmt, self.website_notes, theirs)
        return found

    @property
    def _through(self) -> bool:
        """Whether the PDF numbers its notes through the document (an article, ``howto``)."""
        for tex in self.output("latex").outdir.glob("*.tex"):
            if re.search(r"\\documentclass(?:\[[^\]]*\])?\{sphinxhowto\}", tex.read_text("utf-8")):
                return True
        return False

    def controls(self, fmt: str) -> list[Fault]:
        if fmt == "latexpdf":
            return controls.in_text(self.brief, fmt, "the PDF's text", self.pdf_text)
        return controls.in_tree(self.brief, self.tree(fmt), fmt)

    def latex_log(self) -> list[Fault]:
        log = self.output("latexpdf").log
        return texlog.missing_characters(self.brief, log) + texlog.overfull_boxes(self.brief, log)

    def validator(self, name: str) -> list[Fault]:
        """The findings of a checker (epubcheck, ace, vnu, axe) as faults; raises
        :class:`MissingTool` when it is not installed."""
        if name in ("epubcheck", "ace"):
            (epub,) = self.output("epub").outdir.glob("*.epub")
            run = validators.run_epubcheck if name == "epubcheck" else validators.run_ace
            return [self._finding(name, "epub", f) for f in run(self.tools, epub)]
        site = self.output("html").outdir
        names = [page.name for page in self.tree("html").pages()]
        if name == "vnu":
            found = validators.run_vnu(self.tools, [site / n for n in names])
        else:
            found = validators.run_axe(self.tools, site, names)
        return [self._finding(name, "html", f) for f in found]

    def _finding(self, name: str, fmt: str, finding: validators.Finding) -> Fault:
        location = (
            finding.location.rsplit("/", 1)[-1] if "/" in finding.location else finding.location
        )
        page = location.split(":", 1)[0].split(" ", 1)[0].rsplit(".", 1)[0]
        where = f"{self.brief.page(page)} ({location})" if page in self.brief.pages else location
        return Fault(where, fmt, name, f"{finding.rule} ({finding.severity}): {finding.message}")

    # -- everything -------------------------------------------------------------------

    def run(
        self, formats: Sequence[str] = FORMATS, *, checkers: Sequence[str] = VALIDATORS
    ) -> Result:
        """Every check of every format in ``formats``, then the ``checkers`` installed."""
        result = Result()

        def attempt(name: str, check: Callable[..., list[Fault]], *args: str) -> None:
            try:
                result.faults.extend(check(*args))
                result.ran.append(name)
            except MissingTool as missing:
                result.missing[name] = str(missing)

        for fmt in formats:
            attempt(f"{fmt} build", self.build_faults, fmt)
        for fmt in formats:
            output = self._outputs.get(fmt)
            if output is None or not output.finished:
                continue
            if fmt != "latex":
                attempt(f"{fmt} links", self.links, fmt)
            if fmt == "html" or "html" in formats:
                # the ePub's and the PDF's notes and addresses are compared with the website's
                attempt(f"{fmt} notes", self.notes, fmt)
                if fmt != "latex":
                    attempt(f"{fmt} urls", self.urls, fmt)
            attempt(f"{fmt} control characters", self.controls, fmt)
            if fmt == "latexpdf":
                attempt("latex log", self.latex_log)
        for name in checkers:
            needed = "epub" if name in ("epubcheck", "ace") else "html"
            if needed in formats and self.output(needed).finished:
                self._say(f"running {name}")
                attempt(name, self.validator, name)
        result.faults.sort()
        return result

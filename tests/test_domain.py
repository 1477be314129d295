"""The brief domain: records, clear_doc, merge_domaindata, and stale collectors."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from sphinx_brief.core.domain import BriefDomain, get_domain, rewrite_collectors


@dataclass(frozen=True)
class Note:
    text: str


def make_domain(tmp_path: Path) -> tuple[SphinxTestApp, BriefDomain]:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_brief"]\nbibtex_bibfiles = []\n')
    (tmp_path / "index.rst").write_text("Title\n=====\n")
    app = SphinxTestApp("html", srcdir=tmp_path)
    return app, get_domain(app.env)


def test_records_keep_page_and_declaration_order(tmp_path: Path) -> None:
    app, domain = make_domain(tmp_path)
    domain.add_record("notes", "b", Note("b1"))
    domain.add_record("notes", "a", Note("a1"))
    domain.add_record("notes", "a", Note("a2"))
    assert [(d, i, r.text) for d, i, r in domain.records("notes")] == [
        ("a", 0, "a1"),
        ("a", 1, "a2"),
        ("b", 0, "b1"),
    ]
    domain.clear_doc("a")
    assert [r.text for _, _, r in domain.records("notes")] == ["b1"]
    assert pickle.loads(pickle.dumps(domain.data)) == domain.data
    app.cleanup()


def test_merge_takes_only_the_merged_pages(tmp_path: Path) -> None:
    app, domain = make_domain(tmp_path)
    other = copy.deepcopy(domain.data)
    other["records"] = {"notes": {"x": [Note("x")], "y": [Note("y")]}}
    other["collectors"] = {"notes": {"x", "z"}}
    domain.merge_domaindata({"x"}, other)
    assert [r.text for _, _, r in domain.records("notes")] == ["x"]
    assert domain.collectors("notes") == {"x"}
    app.cleanup()


def test_collectors_are_stale_exactly_when_records_change(tmp_path: Path) -> None:
    app, domain = make_domain(tmp_path)
    app.env.all_docs.update({"list": 0.0, "a": 0.0})
    domain.add_collector("notes", "list")
    domain.add_record("notes", "a", Note("one"))
    assert list(rewrite_collectors(app, app.env)) == ["list"]
    assert list(rewrite_collectors(app, app.env)) == []  # nothing changed since
    domain.clear_doc("a")
    domain.add_record("notes", "a", Note("one, edited"))
    assert list(rewrite_collectors(app, app.env)) == ["list"]
    domain.clear_doc("a")  # the page is deleted
    assert list(rewrite_collectors(app, app.env)) == ["list"]
    app.cleanup()

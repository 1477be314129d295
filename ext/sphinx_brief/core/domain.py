"""The ``brief`` domain: plain, picklable records of what pages declare, collected project-wide.

Directives *record* (a quote, an event) into the domain while a page is read; pages that
*collect* (a ``timeline`` without body, ``quotations``) register themselves as collectors of a
kind.  Records are frozen dataclasses holding only strings, numbers and tuples, so the
environment pickles and parallel readers merge them (``merge_domaindata``).

Beside its records, a page may *store* one value per kind (what the component keeps of it
apart from its doctree, such as the bodies of its events; picklable): the environment keeps
it with the records, drops it with them, and parallel readers merge it in the same way.

Sphinx's own ``todolist`` has a known bug: a page that collects is not rewritten when a
record on another page changes.  Here ``env-updated`` compares a fingerprint of every kind's
records with the one of the previous build and returns the collectors of every kind that
changed, so Sphinx rewrites them in the same incremental build.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator, Set
from typing import Any, ClassVar

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class BriefDomain(Domain):
    """Records per kind and page, and which pages collect which kinds."""

    name = "brief"
    label = "Brief"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "records": {},  # kind -> docname -> list of records, in declaration order
        "collectors": {},  # kind -> set of docnames that collect it
        "fingerprints": {},  # kind -> digest of its records at the end of the last read
        "stored": {},  # kind -> docname -> a value of the component's
    }

    # -- recording -------------------------------------------------------------------
    @property
    def _records(self) -> dict[str, dict[str, list[Any]]]:
        return self.data.setdefault("records", {})  # type: ignore[no-any-return]

    @property
    def _collectors(self) -> dict[str, set[str]]:
        return self.data.setdefault("collectors", {})  # type: ignore[no-any-return]

    def add_record(self, kind: str, docname: str, record: Any) -> None:
        self._records.setdefault(kind, {}).setdefault(docname, []).append(record)

    @property
    def _stored(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("stored", {})  # type: ignore[no-any-return]

    def store(self, kind: str, docname: str, value: Any) -> None:
        self._stored.setdefault(kind, {})[docname] = value

    def stored(self, kind: str, docname: str) -> Any:
        """What the page stored for the kind; None if nothing."""
        return self._stored.get(kind, {}).get(docname)

    def add_collector(self, kind: str, docname: str) -> None:
        self._collectors.setdefault(kind, set()).add(docname)

    def records(self, kind: str) -> Iterator[tuple[str, int, Any]]:
        """Every record of a kind as ``(docname, position in the page, record)``.

        Pages come in name order and records in the order the page declares them, so the
        result is the same whatever the build's parallelism.
        """
        pages = self._records.get(kind, {})
        for docname in sorted(pages):
            for position, record in enumerate(pages[docname]):
                yield docname, position, record

    def page_records(self, kind: str, docname: str) -> list[Any]:
        return list(self._records.get(kind, {}).get(docname, []))

    def collectors(self, kind: str) -> Set[str]:
        return frozenset(self._collectors.get(kind, set()))

    # -- environment upkeep ----------------------------------------------------------
    def clear_doc(self, docname: str) -> None:
        for records in self._records.values():
            records.pop(docname, None)
        for values in self._stored.values():
            values.pop(docname, None)
        for collectors in self._collectors.values():
            collectors.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for kind, pages in otherdata.get("records", {}).items():
            mine = self._records.setdefault(kind, {})
            for docname, records in pages.items():
                if docname in docnames:
                    mine[docname] = list(records)
        for kind, values in otherdata.get("stored", {}).items():
            stored = self._stored.setdefault(kind, {})
            for docname, value in values.items():
                if docname in docnames:
                    stored[docname] = value
        for kind, pages in otherdata.get("collectors", {}).items():
            self._collectors.setdefault(kind, set()).update(
                docname for docname in pages if docname in docnames
            )

    def fingerprint(self, kind: str) -> str:
        pages = self._records.get(kind, {})
        payload = pickle.dumps(sorted((d, tuple(r)) for d, r in pages.items()), protocol=4)
        return hashlib.sha256(payload).hexdigest()

    def changed_collectors(self) -> set[str]:
        """Collectors of every kind whose records changed since the last call."""
        previous: dict[str, str] = self.data.setdefault("fingerprints", {})
        stale: set[str] = set()
        for kind in set(self._records) | set(self._collectors) | set(previous):
            digest = self.fingerprint(kind)
            if previous.get(kind) != digest:
                stale |= set(self.collectors(kind))
                previous[kind] = digest
        return stale

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> BriefDomain:
    domain = env.domains["brief"]
    assert isinstance(domain, BriefDomain)
    return domain


def rewrite_collectors(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """``env-updated``: pages that collect a kind whose records changed are rewritten."""
    stale = get_domain(env).changed_collectors()
    return sorted(docname for docname in stale if docname in env.all_docs)

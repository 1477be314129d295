"""A Sphinx extension that times the phases of a build and the writing of each page.

bench/generate.py copies it into every corpus; the corpus's conf.py loads it only when the
environment variable ``BENCH_TIMING_FILE`` names a file.  Each record is one JSON line
appended to that file (so worker processes of a parallel build can write too):

``{"kind": "page", "doc": ..., "resolve": s, "write": s}``
    ``resolve`` is ``env.get_and_resolve_doctree`` (post-transforms: this is where
    collecting pages gather their records), ``write`` is ``builder.write_doc`` (translate,
    render the template, write the file);
``{"kind": "phase", "name": "read" | "write", "seconds": s}``
    reading (from ``builder-inited`` to ``env-updated``) and the rest of the build.

With ``BENCH_PROFILE_DOC`` (a docname) and ``BENCH_PROFILE_FILE``, the resolving and
writing of that one page run under cProfile, whose statistics go to that file.
"""

from __future__ import annotations

import cProfile
import json
import os
import time
from typing import Any

from sphinx.application import Sphinx


def _record(payload: dict[str, Any]) -> None:
    path = os.environ.get("BENCH_TIMING_FILE")
    if not path:
        return
    payload["pid"] = os.getpid()
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(payload) + "\n")


_resolve_times: dict[str, float] = {}
_profiles: dict[str, cProfile.Profile] = {}


def _timed_resolve(original: Any) -> Any:
    def timed_resolve(self: Any, docname: str, *args: Any, **kwargs: Any) -> Any:
        if docname == os.environ.get("BENCH_PROFILE_DOC") and docname not in _profiles:
            _profiles[docname] = cProfile.Profile()
            _profiles[docname].enable()
        start = time.perf_counter()
        try:
            return original(self, docname, *args, **kwargs)
        finally:
            _resolve_times[docname] = time.perf_counter() - start

    timed_resolve._bench_timed = True  # type: ignore[attr-defined]
    return timed_resolve


def _builder_inited(app: Sphinx) -> None:
    marks: dict[str, float] = {"start": time.perf_counter()}
    app._bench_marks = marks  # type: ignore[attr-defined]
    # The environment is pickled: wrap its class's method, not the instance's attribute.
    env_class = type(app.env)
    if not getattr(env_class.get_and_resolve_doctree, "_bench_timed", False):
        env_class.get_and_resolve_doctree = _timed_resolve(  # type: ignore[method-assign]
            env_class.get_and_resolve_doctree
        )
    builder = app.builder
    write_doc = builder.write_doc

    def timed_write(docname: str, doctree: Any) -> None:
        start = time.perf_counter()
        try:
            write_doc(docname, doctree)
        finally:
            _record(
                {
                    "kind": "page",
                    "doc": docname,
                    "resolve": _resolve_times.pop(docname, 0.0),
                    "write": time.perf_counter() - start,
                }
            )
            profile = _profiles.get(docname)
            if profile is not None:
                profile.disable()
                profile.dump_stats(os.environ.get("BENCH_PROFILE_FILE", "page.prof"))

    builder.write_doc = timed_write  # type: ignore[method-assign]


def _env_updated(app: Sphinx, env: Any) -> None:
    marks: dict[str, float] = app._bench_marks  # type: ignore[attr-defined]
    marks["read"] = time.perf_counter()
    _record({"kind": "phase", "name": "read", "seconds": marks["read"] - marks["start"]})


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    marks: dict[str, float] = getattr(app, "_bench_marks", {})
    if "read" in marks:
        _record({"kind": "phase", "name": "write", "seconds": time.perf_counter() - marks["read"]})


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    app.connect("env-updated", _env_updated)
    app.connect("build-finished", _build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""A memoised :func:`pybtex.plugin.find_plugin`, for citation-heavy Sphinx builds.

Why
    ``find_plugin(group, name)`` resolves a plugin name through
    :func:`importlib.metadata.entry_points`, which reads the entry-point metadata of *every*
    installed distribution at each call.  sphinxcontrib-bibtex instantiates the formatting
    style once per ``{footcite}`` (``foot_roles.FootCiteRole.run``), and pybtex's
    ``BaseStyle.__init__`` looks up three more plugins (names, labels, sorting): about four
    scans of all installed distributions per citation.  In a 100-package environment that
    is over 10 ms per citation: 2,400 citations took 35 s to build instead of 3.

What
    :func:`install` replaces ``pybtex.plugin.find_plugin`` by :func:`find_plugin`, which
    calls the original once per ``(group, name, filename)`` and then answers from a
    dictionary.  Modules that imported the function by name before (``from pybtex.plugin
    import find_plugin``: ``pybtex.style.formatting``, ``pybtex.database``,
    ``sphinxcontrib.bibtex.foot_roles``, ``.roles``, ``.transforms`` …) hold the original
    object; :func:`install` rebinds every such module-level name too.  Modules imported
    afterwards get the memoised function from ``pybtex.plugin`` itself.

    The first lookup of each plugin still asks ``entry_points(group=…, name=…)``, which
    scans every distribution again; :func:`install` also gives ``pybtex.plugin`` an
    :func:`entry_points` that scans once and selects from that (``EntryPoints.select``,
    which is what ``entry_points(**params)`` does after its scan).

Exactness
    The answer of ``find_plugin`` depends on the installed distributions, which do not
    change during a build, and on pybtex's runtime registry (``register_plugin``), which
    can.  Each cached answer is stored with the runtime-registry entries that could
    override it, and is recomputed when any of them changes, so a plugin registered (or
    re-registered with ``force=True``) after the first lookup is still found.  Lookups that
    fail are not cached (they raise again, as before).  :func:`clear` empties the caches,
    e.g. after installing a distribution into the running interpreter.

Safety
    :func:`install` and :func:`uninstall` are idempotent.  The cache is a plain dictionary:
    under threads, a race at worst computes the same answer twice; under Sphinx's parallel
    builds (forked worker processes) each process has its own copy.

This module depends on pybtex only, so it can be offered upstream as is (to pybtex, as a
cache in ``find_plugin``; or to sphinxcontrib-bibtex, which could also create the style
once per build rather than once per citation).
"""

from __future__ import annotations

import importlib.metadata
import sys
import threading
from pathlib import PurePath
from types import ModuleType
from typing import Any

import pybtex.plugin

__all__ = [
    "clear",
    "entry_points",
    "find_plugin",
    "install",
    "installed",
    "original_entry_points",
    "original_find_plugin",
    "uninstall",
]

#: The function this module replaces (captured at import; if this module is imported
#: anew while an earlier copy of it is installed, the earlier copy's original).
original_find_plugin: Any = (
    pybtex.plugin.find_plugin.__wrapped__
    if getattr(pybtex.plugin.find_plugin, "_sphinx_brief_memoised", False)
    else pybtex.plugin.find_plugin
)

#: The ``entry_points`` function pybtex.plugin uses (likewise).
original_entry_points: Any = (
    pybtex.plugin.entry_points.__wrapped__
    if getattr(pybtex.plugin.entry_points, "_sphinx_brief_memoised", False)
    else pybtex.plugin.entry_points
)

_Key = tuple[str, Any, Any]
_cache: dict[_Key, tuple[tuple[Any, ...], Any]] = {}
_all_entry_points: list[importlib.metadata.EntryPoints] = []  # one scan, once made
_lock = threading.Lock()
_installed = False


def entry_points(**params: Any) -> Any:
    """:func:`importlib.metadata.entry_points` from one scan of the distributions."""
    if not _all_entry_points:
        _all_entry_points[:] = [original_entry_points()]
    found = _all_entry_points[0]
    return found.select(**params) if params else found


entry_points.__wrapped__ = original_entry_points  # type: ignore[attr-defined]
entry_points._sphinx_brief_memoised = True  # type: ignore[attr-defined]


def _overrides(group: str, name: Any, filename: Any) -> tuple[Any, ...]:
    """The runtime-registry entries that decide the answer before installed entry points."""
    runtime = pybtex.plugin._RUNTIME_PLUGINS
    if name:
        return (runtime.get(group, {}).get(name), runtime.get(group + ".aliases", {}).get(name))
    if filename:
        return (runtime.get(group + ".suffixes", {}).get(PurePath(filename).suffix),)
    default = pybtex.plugin._DEFAULT_PLUGINS.get(group)
    return (default, runtime.get(group, {}).get(default))


def find_plugin(plugin_group: str, name: Any = None, filename: Any = None) -> Any:
    """:func:`pybtex.plugin.find_plugin`, memoised (see the module's documentation)."""
    if isinstance(name, type):  # a class is returned as it is: nothing to look up
        return original_find_plugin(plugin_group, name, filename)
    key = (plugin_group, name, filename)
    try:
        overrides = _overrides(plugin_group, name, filename)
        cached = _cache.get(key)
    except TypeError:  # unhashable arguments: not ours to judge
        return original_find_plugin(plugin_group, name, filename)
    if cached is not None:
        seen, plugin = cached
        if len(seen) == len(overrides) and all(
            a is b for a, b in zip(seen, overrides, strict=True)
        ):
            return plugin
    plugin = original_find_plugin(plugin_group, name, filename)
    _cache[key] = (overrides, plugin)
    return plugin


find_plugin.__wrapped__ = original_find_plugin  # type: ignore[attr-defined]
find_plugin._sphinx_brief_memoised = True  # type: ignore[attr-defined]
#: The memoised function, whatever the module-level name ``find_plugin`` is bound to.
_MEMOISED = find_plugin


def _rebind(old: Any, new: Any) -> list[str]:
    """Rebind every module-level name ``find_plugin`` that holds ``old`` to ``new``."""
    rebound = []
    for module_name, module in list(sys.modules.items()):
        if not isinstance(module, ModuleType) or module_name == __name__:
            continue  # this module's own find_plugin is the memoised one, always
        # The raw namespace: never getattr or vars(), which would load a lazy module.
        namespace = object.__getattribute__(module, "__dict__")
        if namespace.get("find_plugin") is old:
            namespace["find_plugin"] = new
            rebound.append(module_name)
    return rebound


def install() -> list[str]:
    """Use the memoised lookup everywhere; return the modules rebound (idempotent)."""
    global _installed
    with _lock:
        if installed():
            return []
        rebound = _rebind(original_find_plugin, _MEMOISED)
        pybtex.plugin.entry_points = entry_points  # type: ignore[attr-defined]
        _installed = True
        return rebound


def uninstall() -> list[str]:
    """Restore pybtex's own lookup everywhere it was replaced, and empty the cache."""
    global _installed
    with _lock:
        rebound = _rebind(_MEMOISED, original_find_plugin)
        pybtex.plugin.entry_points = original_entry_points  # type: ignore[attr-defined]
        _installed = False
        clear()
        return rebound


def installed() -> bool:
    return _installed and pybtex.plugin.find_plugin is _MEMOISED


def clear() -> None:
    """Forget every answer (they are looked up again on the next call)."""
    _cache.clear()
    _all_entry_points.clear()

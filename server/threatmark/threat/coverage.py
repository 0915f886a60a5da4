"""Does an entry point cover a piece of code? By file glob, function glob or route pattern."""

from __future__ import annotations

from collections.abc import Iterable

from threatmark.threat.globs import function_matches, path_matches, route_matches
from threatmark.threat.locate import Route
from threatmark.threat.model import EntryPoint


def _prefixes(dotted: str) -> list[str]:
    """`Admin.delete.inner` → ['Admin', 'Admin.delete', 'Admin.delete.inner']."""
    parts = dotted.split(".") if dotted else []
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def covers(entry: EntryPoint, relpath: str, function: str = "", routes: Iterable[Route] = ()) -> bool:
    """True when the entry point's `paths` match the file, a `functions` glob matches the
    function or one that encloses it, or a `routes` pattern matches a route declared on it."""
    if relpath and path_matches(relpath, entry.paths):
        return True
    for name in _prefixes(function):
        if any(function_matches(pattern, relpath, name) for pattern in entry.functions):
            return True
    return any(route_matches(pattern, r.pattern, r.methods) for pattern in entry.routes for r in routes)


def covering(entries: Iterable[EntryPoint], relpath: str, function: str = "",
             routes: Iterable[Route] = ()) -> list[EntryPoint]:
    routes = tuple(routes)
    return [e for e in entries if covers(e, relpath, function, routes)]

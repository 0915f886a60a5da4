"""Matching a threat model's globs: files (gitignore-style, relative to the model's folder),
URL routes (`*` within a segment, `**` across), functions (dotted-name globs) and test code."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path, PurePosixPath

import pathspec

_TEST_DIRS = frozenset({"tests", "test", "testing"})
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "WEBSOCKET", "ANY"})


@lru_cache(maxsize=4096)
def relative_path(path: str, root: str) -> str:
    """`path` as a POSIX path relative to `root` when it lies inside it, else as given (POSIX)."""
    if path.startswith("file://"):
        path = path[len("file://"):]
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


@lru_cache(maxsize=512)
def _spec(globs: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(globs)


def path_matches(relpath: str, globs: tuple[str, ...]) -> bool:
    """gitignore semantics: `app.py` matches at any depth, `src/**` a folder, `/app.py` the root only."""
    return bool(globs) and _spec(globs).match_file(relpath)


def is_test_path(relpath: str) -> bool:
    """Test code: under a tests/ (test/, testing/) folder, or test_*.py, *_test.py, conftest.py."""
    parts = PurePosixPath(relpath).parts
    name = parts[-1] if parts else ""
    if any(part in _TEST_DIRS for part in parts[:-1]):
        return True
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def module_name(relpath: str) -> str:
    """`pkg/views.py` → `pkg.views`; `pkg/__init__.py` → `pkg`."""
    posix = PurePosixPath(relpath.removesuffix(".py"))
    parts = [p for p in posix.parts if p not in ("", "/", ".", "..")]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def function_matches(pattern: str, relpath: str, qualified: str) -> bool:
    """Does a function glob match a function?

    `qualified` is the dotted name inside its file (`login`, `Admin.delete`). The pattern is
    matched against that name and the module-qualified one (`pkg.views.login`), also as a
    dotted suffix, so `views.login`, `login`, `pkg.*` and `Admin.*` all work; `glob::name`
    restricts the file.
    """
    if "::" in pattern:
        file_glob, _, pattern = pattern.partition("::")
        if not path_matches(relpath, (file_glob,)):
            return False
    module = module_name(relpath)
    names = (qualified, f"{module}.{qualified}" if module else qualified)
    return any(fnmatchcase(n, pattern) or fnmatchcase(n, f"*.{pattern}") for n in names)


def normalize_route(route: str) -> str:
    """Leading slash, no regex anchors: `^users/(?P<id>\\d+)/$` → `/users/(?P<id>\\d+)/`."""
    route = route.strip().removeprefix("^").removesuffix("$")
    return route if route.startswith("/") else "/" + route


def split_route_pattern(pattern: str) -> tuple[frozenset[str], str]:
    """`POST|PUT /items/*` → ({POST, PUT}, '/items/*'); no methods → (empty, pattern)."""
    head, _, rest = pattern.strip().partition(" ")
    methods = {m.upper() for m in head.split("|")} if rest else set()
    if rest and methods <= _HTTP_METHODS:
        return frozenset(methods - {"ANY"}), rest.strip()
    return frozenset(), pattern.strip()


@lru_cache(maxsize=1024)
def _route_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    for piece in re.split(r"(\*\*|\*)", normalize_route(pattern)):
        out += {"**": ".*", "*": "[^/]*"}.get(piece, re.escape(piece))
    return re.compile(out + "/?")


def route_matches(pattern: str, route: str, methods: tuple[str, ...] = ()) -> bool:
    """Does a route pattern (`/api/**`, `GET /login`) match a declared route and its methods?"""
    wanted, path_pattern = split_route_pattern(pattern)
    if wanted and methods and not wanted & {m.upper() for m in methods}:
        return False
    return _route_regex(path_pattern).fullmatch(normalize_route(route)) is not None

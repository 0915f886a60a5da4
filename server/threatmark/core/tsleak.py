"""Work around a reference leak of py-tree-sitter's custom query predicates.

py-tree-sitter (0.26.1 and earlier) never releases the `captures` dict it hands to a
`QueryCursor.matches(..., predicate=...)` callback (tree-sitter/py-tree-sitter#467, fixed upstream
by #471 but not in a release yet). The dict holds lists of Nodes and every Node holds its Tree, so
each analysis kept its whole tree alive: megabytes per analysis, without bound in the language
server, which analyses on every pause in typing.

`captures_leak()` finds out once, with a tiny query, whether the installed binding leaks exactly
one reference per dict; only then does `release()` drop that reference, after `matches()` has
returned (the binding never touches the dicts again). A fixed binding turns the workaround off.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from functools import cache

import tree_sitter as ts


@cache
def captures_leak() -> bool:
    """True when the binding leaks one reference to each predicate `captures` dict."""
    from threatmark.core.parse import language

    seen: list[dict] = []

    def predicate(name: str, args: list, pattern: int, captures: dict) -> bool:
        seen.append(captures)
        return True

    tree = ts.Parser(language("python")).parse(b"f(x)\n")
    query = ts.Query(language("python"), "((call) @c (#threatmark-probe? @c))")
    cursor = ts.QueryCursor(query)
    cursor.matches(tree.root_node, predicate=predicate)
    del cursor
    gc.collect()
    if len(seen) != 1:
        return False
    leaked = sys.getrefcount(seen[0]) == 3  # `seen` + getrefcount's argument + the binding's lost one
    if leaked:
        release(seen)
    return leaked


def release(dicts: list[dict]) -> None:
    """Drop the binding's lost reference to each captures dict (call after `matches()` returned)."""
    decref = ctypes.pythonapi.Py_DecRef
    for captures in dicts:
        decref(ctypes.py_object(captures))
    dicts.clear()

"""Which functions may see untrusted data, so the taint walk can skip the rest.

A flow is reported only where untrusted data enters: a function whose text holds a source word
(`request`, `argv`, `environ`, ... or a local import alias of one), a decorated function (route
handlers and CLI commands take untrusted parameters), a method of a class that has such a method
(class fields carry data between methods), or a function that calls one of these (a summary
returns what its source gave). Functions outside that set produce only parameter summaries,
which are computed on demand when a walked function calls them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.fields import F_NAME

if TYPE_CHECKING:
    from threatmark.core.taint.analyzer import TaintContext



class _Functions:
    """The file's function definitions as nested byte intervals."""

    def __init__(self, nodes: list[ts.Node]) -> None:
        self.nodes = sorted(nodes, key=lambda n: n.start_byte)
        self.starts = [n.start_byte for n in self.nodes]
        self.ends = [n.end_byte for n in self.nodes]
        self.parent: list[int] = []
        open_: list[int] = []
        for i, start in enumerate(self.starts):
            while open_ and self.ends[open_[-1]] <= start:
                open_.pop()
            self.parent.append(open_[-1] if open_ else -1)
            open_.append(i)

    def innermost(self, offset: int) -> ts.Node | None:
        """The innermost function whose text holds the byte offset (None at module level)."""
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self.ends[i] <= offset:
            i = self.parent[i]
        return self.nodes[i] if i >= 0 else None

    def holding(self, offset: int) -> list[int]:
        """Indexes of the functions whose text holds the byte offset, innermost first."""
        i = bisect_right(self.starts, offset) - 1
        found = []
        while i >= 0:
            if self.ends[i] > offset:
                found.append(i)
            i = self.parent[i]
        return found


def function_table(ctx: TaintContext) -> _Functions:
    """The file's functions as nested intervals, built once per file index."""
    key = ("function table", 0)
    table = ctx.index.memo.get(key)
    if table is None:
        table = ctx.index.memo[key] = _Functions(ctx.index.functions)
    return table  # type: ignore[return-value]


def sourced_functions(ctx: TaintContext) -> set[int] | None:
    """Ids of the functions that may see untrusted data; None when that cannot be told."""
    words = ctx.library.source_words
    if words is None:
        return None
    table = function_table(ctx)
    aliases = [local.encode() for local, qualified in ctx.index.imports.items()
               if any(w.decode() in qualified for w in words)]
    marked: set[int] = set()
    for word in (*words, *aliases):
        skip_to = -1
        for at in ctx.index.offsets(word):  # case-insensitive: a superset, which is safe here
            if at < skip_to:
                continue
            holding = table.holding(at)
            marked.update(holding)
            skip_to = table.ends[holding[-1]] if holding else -1
    marked.update(i for i, node in enumerate(table.nodes) if node.id in ctx.index.decorated)
    marked.update(_external_sources(ctx, table))
    _spread(ctx, table, marked)
    return {table.nodes[i].id for i in marked}


def _spread(ctx: TaintContext, table: _Functions, marked: set[int]) -> None:
    """Close the set over class fields (whole classes) and calls (callers of marked functions)."""
    class_of = {node.id: owner for (owner, _), node in ctx.methods.items()}
    by_class: dict[str, list[int]] = {}
    for i, node in enumerate(table.nodes):
        if node.id in class_of:
            by_class.setdefault(class_of[node.id], []).append(i)
    calls = _calls_by_name(ctx)
    module_level = {node.id for node in ctx.functions.values()}
    frontier = list(marked)
    done_classes: set[str] = set()
    while frontier:
        i = frontier.pop()
        node = table.nodes[i]
        owner = class_of.get(node.id)
        callers: list[int] = []
        if owner is not None and owner not in done_classes:
            done_classes.add(owner)
            callers += by_class.get(owner, [])
            callers += [f for at in calls.get(owner.encode(), ()) for f in table.holding(at)]
        if node.id in module_level:
            name = node.child_by_field_id(F_NAME).text or b""
            callers += [f for at in calls.get(name, ()) for f in table.holding(at)]
        for caller in callers:
            if caller not in marked:
                marked.add(caller)
                frontier.append(caller)


def _calls_by_name(ctx: TaintContext) -> dict[bytes, list[int]]:
    """Plain-name callee text → offsets of its calls, for the names `_spread` asks about: the
    module-level functions and the classes with methods (a call `Repo(...)` builds one). Only a
    call whose resolved name is one of theirs, as the imports would resolve it, can be keyed so."""
    wanted = {*ctx.functions, *(owner for owner, _ in ctx.methods)}
    resolved = {ctx.index.imports.get(text, text) for text in wanted}
    data = ctx.parsed.data  # slices: cheaper than node.text
    calls: dict[bytes, list[int]] = {}
    for (call, fn), name in zip(ctx.index.calls, ctx.index.callee_names(), strict=True):
        if name in resolved and fn.type == "identifier":
            calls.setdefault(data[fn.start_byte:fn.end_byte], []).append(call.start_byte)
    return calls


def _external_sources(ctx: TaintContext, table: _Functions) -> list[int]:
    """Functions calling a project function (another file) whose result carries untrusted data."""
    if ctx.project is None:
        return []
    found = []
    for call, fn in ctx.index.calls:
        if fn.type not in ("identifier", "attribute") or not ctx.imported(fn):
            continue
        summary = ctx.callee_summary(fn, None)
        if summary is not None and any(flow.kind != "param" for flow in summary.returns):
            found += table.holding(call.start_byte)
    return found

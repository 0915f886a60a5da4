"""Which functions the taint walk analyses: those that may see untrusted data and contain a sink
call, or call (transitively) a same-file function that does; module-level code when it does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import tree_sitter as ts

from threatmark.core.calls import arguments
from threatmark.core.fields import F_ATTRIBUTE, F_FUNCTION, F_OBJECT, F_VALUE
from threatmark.core.taint.binding import store_site
from threatmark.core.taint.responses import returned_values
from threatmark.core.taint.routes import enclosing_function, is_route_handler, returns_html
from threatmark.core.taint.sourced import function_table, sourced_functions

if TYPE_CHECKING:
    from threatmark.core.rules import Rule
    from threatmark.core.taint.analyzer import TaintContext
    from threatmark.core.taint.sourced import _Functions


def relevant_functions(ctx: TaintContext, route_returns: bool) -> tuple[list[ts.Node], bool]:
    """Functions to walk: those that may see untrusted data and contain a sink call or call
    (transitively) one that does; and whether module-level code needs a walk too."""
    relevant: dict[int, ts.Node] = {}
    table = function_table(ctx)
    sourced = sourced_functions(ctx)
    callers, named_sinks = _call_graph(ctx, table)
    reach = _reachable(sourced, callers) if sourced is not None else None
    module_level = False
    for call, fn, name, owner, local in named_sinks:
        if reach is not None and (owner.id if owner is not None else None) not in reach:
            continue  # no function that may see untrusted data can reach this call
        if not _is_sink(ctx, call, fn, name, local):
            continue
        if owner is None:
            module_level = True
        else:
            relevant[owner.id] = owner
    for function in _store_sites(ctx):
        relevant[function.id] = function
    if route_returns:
        for function in ctx.index.functions:  # a route handler has a decorator
            if function.id in ctx.index.decorated and function.id not in relevant \
                    and is_route_handler(function, ctx.index) and _may_return_html(ctx, function):
                relevant[function.id] = function
    frontier = list(relevant.values())
    while frontier:
        target = frontier.pop()
        for owner in callers.get(target.id, ()):
            if owner is None:
                module_level = True
            elif owner.id not in relevant:
                relevant[owner.id] = owner
                frontier.append(owner)
    if sourced is not None:  # the others are summarised on demand, when a walked function calls them
        return [node for key, node in relevant.items() if key in sourced], module_level
    return list(relevant.values()), module_level


Owner = ts.Node | None  # the innermost function holding a call; None at module level


SinkCall = tuple[ts.Node, ts.Node, str, Owner, bool]  # (call, callee, its name, owner, calls a same-file function)


def _call_graph(ctx: TaintContext, table: _Functions) -> tuple[dict[int, list[Owner]], list[SinkCall]]:
    """(same-file function id → the owners of the calls that may call it; the calls that may be
    sinks): one pass over the file's calls, with what a callee's name tells memoised per name."""
    targets = _target_table(ctx)
    external = ctx.project is not None
    odd_heads = "self" in ctx.index.imports or "cls" in ctx.index.imports
    facts: dict[str, tuple[bool, bool]] = {}
    callers: dict[int, list[Owner]] = {}
    named_sinks: list[SinkCall] = []
    for (call, fn), name in zip(ctx.index.calls, ctx.index.callee_names(), strict=True):
        if name is None:
            continue  # neither a sink nor a same-file callee (those have plain or `self.` names)
        fact = facts.get(name)
        if fact is None:
            fact = facts[name] = _name_facts(ctx, name, targets, odd_heads)
        may_call, sink_named = fact
        callee = _local_call_key(fn) if may_call else ""
        callee = callee if callee in targets else ""
        owner = None
        if callee:
            owner = table.innermost(call.start_byte)
            for target in targets[callee]:
                callers.setdefault(target.id, []).append(owner)
        if sink_named or (external and not callee and ctx.imported(fn)):
            named_sinks.append((call, fn, name, owner if callee else table.innermost(call.start_byte), bool(callee)))
    return callers, named_sinks


def _name_facts(ctx: TaintContext, name: str, targets: dict[str, list[ts.Node]], odd_heads: bool) -> tuple[bool, bool]:
    """(a callee of this resolved name may call a same-file function, it is named like a sink or
    a maker). Only a plain name or `self.name`/`cls.name` can have a target's call key: another
    dotted name comes from an import, whose local names are never targets."""
    may_call = _call_key_hint(name) in targets and (
        "." not in name or odd_heads or (name.count(".") == 1 and name.startswith(("self.", "cls."))))
    return may_call, bool(ctx.compiled.sinks_named(name)) or name in ctx.compiled.makers


def _reachable(sourced: set[int], callers: dict[int, list[Owner]]) -> set[int | None]:
    """Ids of the sourced functions, module-level code (None) and every same-file function they
    may call, directly or not: only sinks in these can make a sourced function relevant."""
    callees: dict[int | None, list[int]] = {}
    for target, owners in callers.items():
        for owner in owners:
            callees.setdefault(owner.id if owner is not None else None, []).append(target)
    reach: set[int | None] = {*sourced, None}
    frontier = list(reach)
    while frontier:
        for target in callees.get(frontier.pop(), ()):
            if target not in reach:
                reach.add(target)
                frontier.append(target)
    return reach


def _is_sink(ctx: TaintContext, call: ts.Node, fn: ts.Node, name: str, local: bool) -> bool:
    """A sink the call's arguments may reach, a maker of objects whose call is one
    (`etree.XPathEvaluator(doc)`), or (unless it calls a same-file function) a project function
    of another file with sinks inside."""
    sinks = ctx.compiled.sinks_named(name)
    if (sinks and _may_flow(ctx, call, fn, sinks)) or name in ctx.compiled.makers:
        return True
    if not local and ctx.project is not None and ctx.imported(fn):
        summary = ctx.callee_summary(fn, None)
        return summary is not None and bool(summary.param_hits)
    return False


def _may_return_html(ctx: TaintContext, function: ts.Node) -> bool:
    """The route handler renders HTML and one of its returns may be HTML built from data: only
    those can reach the route-return sink (see TaintContext.on_return)."""
    return returns_html(function, ctx.index) and any(ctx.renders(v) for v in returned_values(function, ctx.index))


def _store_sites(ctx: TaintContext) -> list[ts.Node]:
    """Functions holding `session[...] = value` for a container that has `__setitem__` sinks."""
    if ctx.compiled.stores is None:
        return []
    words, pattern = ctx.compiled.stores
    found = []
    root, data = ctx.parsed.tree.root_node, ctx.parsed.data
    for at in sorted({at for word in words for at in ctx.index.offsets(word)}):
        matched = pattern.match(data, at)
        if matched is None:
            continue
        node = root.descendant_for_byte_range(at, at)
        owner = enclosing_function(node) if node is not None else None
        if owner is not None and _may_store(ctx, data.index(b"[", at, matched.end())):
            found.append(owner)
    return found


def _may_store(ctx: TaintContext, bracket: int) -> bool:
    """False when the subscript opening at `bracket` stores into a container with no
    `__setitem__` sink that applies there (`self.session.headers[k] = v` on an HTTP client),
    asked as the walk's store check asks; True when that cannot be told."""
    subscript = ctx.parsed.tree.root_node.named_descendant_for_byte_range(bracket - 1, bracket + 1)
    if subscript is None or subscript.type != "subscript":
        return True
    container = subscript.child_by_field_id(F_VALUE)
    name = ctx.index.qualname(container) if container is not None else None
    if name is None:
        return False  # the walk checks no sink for a container it cannot name
    return bool(ctx.sinks_for(f"{name}.__setitem__", store_site(subscript)))


_LITERALS = {"string", "integer", "float", "true", "false", "none", "concatenated_string"}


def _may_flow(ctx: TaintContext, call: ts.Node, fn: ts.Node, sinks: list[tuple[Rule, dict[str, Any]]]) -> bool:
    """False when no sink named like the callee `fn` applies here or every argument the sinks
    read is a plain literal or a call whose result is always clean (the cheap argument test runs
    before a sink's `where` conditions)."""
    positional, keywords, splat = arguments(call)
    on_receiver = fn.type == "attribute"
    for _, spec in sinks:
        if _reads_variable(ctx, spec, positional, keywords, splat, on_receiver) and ctx.sink_applies(spec, call):
            return True
    return False


def _reads_variable(ctx: TaintContext, spec: dict[str, Any], positional: list[ts.Node],
                    keywords: dict[str, ts.Node], splat: bool, on_receiver: bool) -> bool:
    """True when the sink may read something other than a plain literal or a clean call here."""
    if splat or (on_receiver and spec.get("receiver")):
        return True
    indexes, names = spec.get("args"), spec.get("keywords")
    if indexes is None and names is None:
        chosen = positional + [k.child_by_field_id(F_VALUE) for k in keywords.values()]
    else:
        chosen = [positional[i] for i in indexes or () if -len(positional) <= i < len(positional)]
        chosen += [keywords[k].child_by_field_id(F_VALUE) for k in names or () if k in keywords]
    return any(node is not None and not _is_literal(node) and not _returns_clean(ctx, node) for node in chosen)


def _is_literal(node: ts.Node) -> bool:
    if node.type == "string":
        return not any(child.type == "interpolation" for child in node.children)
    if node.type == "concatenated_string":
        return all(_is_literal(child) for child in node.named_children)
    return node.type in _LITERALS


def _returns_clean(ctx: TaintContext, node: ts.Node) -> bool:
    """A call the walk evaluates to clean whatever its arguments (`len(rows)`, `int(x)`: a
    non-propagating function or a sanitiser for every kind), which no summary of this file or
    the project can stand in for: a callee whose leftmost name is not imported (so a local
    cannot shadow it), not a same-file function, nor named like a method of a same-file class."""
    if node.type != "call":
        return False
    fn = node.child_by_field_id(F_FUNCTION)
    head = fn
    while head is not None and head.type == "attribute":
        head = head.child_by_field_id(F_OBJECT)
    if fn is None or head is None or head.type != "identifier":
        return False
    data = ctx.parsed.data
    if data[head.start_byte:head.end_byte].decode() in ctx.index.imports:
        return False
    if fn.type == "identifier":
        if data[fn.start_byte:fn.end_byte].decode() in ctx.functions:
            return False
    else:
        attribute = fn.child_by_field_id(F_ATTRIBUTE)
        if attribute is None or data[attribute.start_byte:attribute.end_byte].decode() in _method_names(ctx):
            return False
    name = ctx.index.qualname(fn)
    return name is not None and ctx.library.always_clean(name)


def _method_names(ctx: TaintContext) -> frozenset[str]:
    """Names of the methods of the file's classes (memoised per file index)."""
    key = ("method names", 0)
    names = ctx.index.memo.get(key)
    if names is None:
        names = ctx.index.memo[key] = frozenset(method for _, method in ctx.methods)
    return names  # type: ignore[return-value]


def _call_key_hint(name: str) -> str:
    """What `_local_call_key` gives for a callee of this resolved name when that key is one of the
    same-file targets (identifiers are keyed by their text and are never imported names; a method
    call by its last segment); a cheap test before the exact one."""
    _, dot, last = name.rpartition(".")
    return "." + last if dot else name


def _local_call_key(fn: ts.Node) -> str:
    """`name` for a plain call, `.name` for `self.name(...)`/`cls.name(...)`, '' otherwise."""
    if fn.type == "identifier":
        return fn.text.decode()
    if fn.type == "attribute":
        owner = fn.child_by_field_id(F_OBJECT)
        if owner is not None and owner.type == "identifier" and owner.text in (b"self", b"cls"):
            return "." + fn.child_by_field_id(F_ATTRIBUTE).text.decode()
    return ""


def _target_table(ctx: TaintContext) -> dict[str, list[ts.Node]]:
    """Call keys (see _local_call_key) → the same-file functions they may call; a class's name
    (its constructor) stands for all its methods."""
    table: dict[str, list[ts.Node]] = {name: [node] for name, node in ctx.functions.items()
                                       if name not in ctx.index.imports}
    for (owner, method), node in ctx.methods.items():
        table.setdefault("." + method, []).append(node)
        if owner not in ctx.functions and owner not in ctx.index.imports:
            table.setdefault(owner, []).append(node)  # `Repo(x)`: the caller may go on to call any method
    return table

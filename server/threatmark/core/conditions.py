"""Rule `where` conditions (on a call or a query match), compiled once into small test functions.

A condition is a one-key mapping from the rule file (`{keyword: {name: verify, value: "False"}}`).
`check` compiles it on first use and keeps the test while the condition object lives, so the
regexes, globs and value tuples of a rule are prepared once instead of at every call site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import tree_sitter as ts

from threatmark.core.calls import argument, arguments, assignment_target, enclosing_function_name, node_text
from threatmark.core.fields import F_FUNCTION
from threatmark.core.localvalue import single_value
from threatmark.core.names import as_tuple, matches_any

Resolve = Callable[[ts.Node], str | None]
Test = Callable[[ts.Node | None, dict[str, ts.Node], Resolve], bool]
NodeTest = Callable[[ts.Node | None, Resolve], bool]

_COMPILED: dict[int, tuple[dict[str, Any], Test]] = {}  # id → (the condition, kept alive; its test)


def check(cond: dict[str, Any], call: ts.Node | None, captures: dict[str, ts.Node], resolve: Resolve) -> bool:
    """Evaluate one `where` condition at a call (or query match) site."""
    entry = _COMPILED.get(id(cond))
    if entry is None or entry[0] is not cond:
        entry = _COMPILED[id(cond)] = (cond, _compile(cond))
    return entry[1](call, captures, resolve)


def reads_captures(conditions: list[dict[str, Any]] | tuple[()]) -> bool:
    """True when a condition reads a capture by name (the others look at the call itself, so a
    call site's capture map need not be built to test them). Memoised per condition list."""
    return _fact("captures", conditions, lambda: any(_finds(cond, ("capture",), ()) for cond in conditions))


def context_free(conditions: list[dict[str, Any]] | tuple[()]) -> bool:
    """True when the conditions depend only on the site's own text (and the file's imports), not
    on where it stands: no `inside-function-named`, `assigned-to` or `through-local`. Two call
    sites of one file with the same text then get the same answer. Memoised per condition list."""
    return _fact("context", conditions, lambda: not any(
        _finds(cond, ("inside-function-named", "assigned-to"), ("through-local",)) for cond in conditions))


def _finds(cond: dict[str, Any], keys: tuple[str, ...], flags: tuple[str, ...]) -> bool:
    """The condition (or one nested in `not`/`any`) has one of the keys, or a spec with a flag."""
    key, spec = next(iter(cond.items()))
    if key == "not":
        return _finds(spec, keys, flags)
    if key == "any":
        return any(_finds(sub, keys, flags) for sub in spec)
    return key in keys or (isinstance(spec, dict) and any(spec.get(flag) for flag in flags))


_FACTS: dict[tuple[str, int], tuple[object, bool]] = {}  # (question, id of a `where` list) → (the list, answer)


def _fact(question: str, conditions: object, compute: Callable[[], bool]) -> bool:
    known = _FACTS.get((question, id(conditions)))
    if known is None or known[0] is not conditions:
        known = _FACTS[(question, id(conditions))] = (conditions, compute())
    return known[1]


def _compile(cond: dict[str, Any]) -> Test:
    key, spec = next(iter(cond.items()))
    if key == "not":
        return _negation(spec)
    if key == "any":
        return _any_of(spec)
    if key == "capture":
        name, test = spec["name"], value_test(spec)
        return lambda call, captures, resolve: test(captures.get(name), resolve)
    if key in ("inside-function-named", "assigned-to"):
        return _site_name(key, re.compile(spec))
    return _on_call(key, spec)


def _negation(spec: dict[str, Any]) -> Test:
    inner = _compile(spec)
    return lambda call, captures, resolve: not inner(call, captures, resolve)


def _any_of(specs: list[dict[str, Any]]) -> Test:
    alternatives = [_compile(sub) for sub in specs]
    return lambda call, captures, resolve: any(test(call, captures, resolve) for test in alternatives)


def _site_name(key: str, pattern: re.Pattern[str]) -> Test:
    """`inside-function-named` / `assigned-to`: a regex over a name found around the site."""
    def test(call: ts.Node | None, captures: dict[str, ts.Node], resolve: Resolve) -> bool:
        site = call or next(iter(captures.values()))
        if key == "inside-function-named":
            return pattern.search(enclosing_function_name(site)) is not None
        target = assignment_target(site)
        return target is not None and pattern.search(target) is not None
    return test


def _on_call(key: str, spec: Any) -> Test:
    """The conditions that need a call (false at a query match without one)."""
    if key == "callee":
        globs = as_tuple(spec)
        return lambda call, captures, resolve: call is not None and matches_any(
            resolve(call.child_by_field_id(F_FUNCTION)), globs)
    if key in ("keyword", "arg"):
        index, name, test = spec.get("index") if key == "arg" else None, spec.get("name"), value_test(spec)
        return lambda call, captures, resolve: call is not None and test(argument(call, index, name), resolve)
    if key == "keyword-absent":
        names = as_tuple(spec)

        def absent(call: ts.Node | None, captures: dict[str, ts.Node], resolve: Resolve) -> bool:
            if call is None:
                return False
            _, keywords, splat = arguments(call)
            return not splat and not any(name in keywords for name in names)
        return absent
    if key == "arg-absent":
        index, name = spec.get("index"), spec.get("name")
        return lambda call, captures, resolve: call is not None and argument(call, index, name) is None

    def unknown(call: ts.Node | None, captures: dict[str, ts.Node], resolve: Resolve) -> bool:
        if call is None:
            return False
        raise ValueError(f"unknown condition {key!r}")
    return unknown


def value_test(spec: dict[str, Any]) -> NodeTest:
    """The value/matches/qualname/type/int-below tests of a condition, on one node (on the value a
    local name is bound to, with `through-local`; see threatmark.core.localvalue)."""
    through = bool(spec.get("through-local"))
    values = as_tuple(spec["value"]) if "value" in spec else None
    pattern = re.compile(spec["matches"]) if "matches" in spec else None
    globs = as_tuple(spec["qualname"]) if "qualname" in spec else None
    types = as_tuple(spec["type"]) if "type" in spec else None
    below = spec.get("int-below")

    def test(node: ts.Node | None, resolve: Resolve) -> bool:
        if node is None:
            return False
        if through and node.type == "identifier":
            node = single_value(node) or node
        text = node_text(node) if values is not None or pattern is not None or below is not None else ""
        if values is not None and text not in values:
            return False
        if pattern is not None and pattern.search(text) is None:
            return False
        if globs is not None and not matches_any(resolve(node), globs):
            return False
        if types is not None and node.type not in types:
            return False
        return below is None or _int_below(node, text, below)
    return test


def _int_below(node: ts.Node, text: str, limit: int) -> bool:
    try:
        return node.type == "integer" and int(text.replace("_", ""), 0) < limit
    except ValueError:
        return False

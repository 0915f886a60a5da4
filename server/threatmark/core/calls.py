"""Call-site helpers: argument access, capture maps and rule conditions on a call."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import tree_sitter as ts

from threatmark.core.localvalue import single_value
from threatmark.core.names import as_tuple, matches_any


@lru_cache(maxsize=8192)
def arguments(call: ts.Node) -> tuple[list[ts.Node], dict[str, ts.Node], bool]:
    """(positional argument nodes, keyword name → keyword_argument node, has ** or * splat).
    Memoised per node (nodes of different trees never compare equal) until `forget_nodes()`:
    do not mutate the result."""
    positional: list[ts.Node] = []
    keywords: dict[str, ts.Node] = {}
    splat = False
    args = call.child_by_field_name("arguments")
    if args is None:
        return positional, keywords, splat
    if args.type == "generator_expression":
        return [args], keywords, splat
    for child in args.named_children:
        if child.type == "keyword_argument":
            name = child.child_by_field_name("name")
            if name is not None and name.text is not None:
                keywords[name.text.decode()] = child
        elif child.type in ("dictionary_splat", "list_splat"):
            splat = True
        elif child.type != "comment":
            positional.append(child)
    return positional, keywords, splat


def forget_nodes() -> None:
    """Drop the per-node memos (each cached node keeps its whole tree alive): call when a file's
    analysis is done."""
    arguments.cache_clear()
    _call_captures.cache_clear()


def splats(call: ts.Node) -> list[ts.Node]:
    """The expressions of `*args` / `**kwargs` arguments of a call."""
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "argument_list":
        return []
    return [c.named_children[0] for c in args.named_children
            if c.type in ("list_splat", "dictionary_splat") and c.named_children]


def argument(call: ts.Node, index: int | None, name: str | None) -> ts.Node | None:
    """The value node of positional `index` or keyword `name` (whichever is present)."""
    positional, keywords, _ = arguments(call)
    if name is not None and name in keywords:
        return keywords[name].child_by_field_name("value")
    if index is not None and 0 <= index < len(positional):
        return positional[index]
    return None


def call_captures(call: ts.Node) -> dict[str, ts.Node]:
    """Named captures of a call site for messages and fix templates (a fresh dict)."""
    return dict(_call_captures(call))


def shared_captures(call: ts.Node) -> dict[str, ts.Node]:
    """The same captures, memoised and shared: for reading only (conditions), never to keep."""
    return _call_captures(call)


@lru_cache(maxsize=8192)
def _call_captures(call: ts.Node) -> dict[str, ts.Node]:
    captures = {"call": call}
    function = call.child_by_field_name("function")
    if function is not None:
        captures["callee"] = function
    args = call.child_by_field_name("arguments")
    if args is not None:
        captures["args"] = args
    positional, keywords, _ = arguments(call)
    for i, node in enumerate(positional):
        captures[f"arg{i}"] = node
    for name, node in keywords.items():
        captures[f"kwarg_{name}"] = node
        value = node.child_by_field_name("value")
        if value is not None:
            captures[f"kw_{name}"] = value
    return captures


def node_text(node: ts.Node) -> str:
    return node.text.decode("utf-8", "replace") if node.text is not None else ""


def value_test(node: ts.Node | None, spec: dict[str, Any], resolve: Any) -> bool:
    """Apply value/matches/qualname/type/int-below tests of a condition to one node (to the value a
    local name is bound to, with `through-local`; see threatmark.core.localvalue)."""
    if node is None:
        return False
    if spec.get("through-local") and node.type == "identifier":
        node = single_value(node) or node
    text = node_text(node)
    if "value" in spec and text not in as_tuple(spec["value"]):
        return False
    if "matches" in spec and re.search(spec["matches"], text) is None:
        return False
    if "qualname" in spec and not matches_any(resolve(node), as_tuple(spec["qualname"])):
        return False
    if "type" in spec and node.type not in as_tuple(spec["type"]):
        return False
    if "int-below" in spec:
        try:
            if node.type != "integer" or int(text.replace("_", ""), 0) >= spec["int-below"]:
                return False
        except ValueError:
            return False
    return True


def check(cond: dict[str, Any], call: ts.Node | None, captures: dict[str, ts.Node], resolve: Any) -> bool:
    """Evaluate one `where` condition at a call (or query match) site."""
    key, spec = next(iter(cond.items()))
    if key == "not":
        return not check(spec, call, captures, resolve)
    if key == "any":
        return any(check(sub, call, captures, resolve) for sub in spec)
    if key == "capture":
        return value_test(captures.get(spec["name"]), spec, resolve)
    if key == "inside-function-named":
        return re.search(spec, enclosing_function_name(call or next(iter(captures.values())))) is not None
    if key == "assigned-to":
        target = assignment_target(call or next(iter(captures.values())))
        return target is not None and re.search(spec, target) is not None
    if call is None:
        return False
    if key == "callee":
        return matches_any(resolve(call.child_by_field_name("function")), as_tuple(spec))
    if key == "keyword":
        return value_test(argument(call, None, spec.get("name")), spec, resolve)
    if key == "arg":
        return value_test(argument(call, spec.get("index"), spec.get("name")), spec, resolve)
    if key == "keyword-absent":
        _, keywords, splat = arguments(call)
        return not splat and not any(name in keywords for name in as_tuple(spec))
    if key == "arg-absent":
        return argument(call, spec.get("index"), spec.get("name")) is None
    raise ValueError(f"unknown condition {key!r}")


_TARGET_STOP = {"expression_statement", "block", "module", "function_definition", "class_definition",
                "if_statement", "for_statement", "while_statement", "with_statement"}


def assignment_target(node: ts.Node) -> str | None:
    """The name a value flows into: assignment target, keyword name, dict key or the function
    whose `return` it is — the nearest one up the tree within the statement."""
    child, current = node, node.parent
    while current is not None and current.type not in _TARGET_STOP:
        if current.type in ("assignment", "augmented_assignment") and child != current.child_by_field_name("left"):
            return node_text(current.child_by_field_name("left"))
        if current.type == "keyword_argument":
            return node_text(current.child_by_field_name("name"))
        if current.type == "pair" and child == current.child_by_field_name("value"):
            return node_text(current.child_by_field_name("key"))
        if current.type == "return_statement":
            return enclosing_function_name(current)
        child, current = current, current.parent
    if current is not None and current.type == "expression_statement":
        inner = current.named_children[0] if current.named_children else None
        if inner is not None and inner.type in ("assignment", "augmented_assignment") and child != inner:
            return node_text(inner.child_by_field_name("left"))
    return None


def enclosing_function_name(node: ts.Node) -> str:
    """Name of the innermost function containing node ('' at module level)."""
    current = node.parent
    while current is not None:
        if current.type == "function_definition":
            name = current.child_by_field_name("name")
            return node_text(name) if name is not None else ""
        current = current.parent
    return ""

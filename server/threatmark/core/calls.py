"""Call-site helpers: argument access, capture maps and rule conditions on a call."""

from __future__ import annotations

from functools import lru_cache

import tree_sitter as ts

from threatmark.core.fields import F_ARGUMENTS, F_FUNCTION, F_KEY, F_LEFT, F_NAME, F_VALUE


@lru_cache(maxsize=8192)
def arguments(call: ts.Node) -> tuple[list[ts.Node], dict[str, ts.Node], bool]:
    """(positional argument nodes, keyword name → keyword_argument node, has ** or * splat).
    Memoised per node (nodes of different trees never compare equal) until `forget_nodes()`:
    do not mutate the result."""
    positional: list[ts.Node] = []
    keywords: dict[str, ts.Node] = {}
    splat = False
    args = call.child_by_field_id(F_ARGUMENTS)
    if args is None:
        return positional, keywords, splat
    if args.type == "generator_expression":
        return [args], keywords, splat
    for child in args.named_children:
        kind = child.type
        if kind == "keyword_argument":
            name = child.child_by_field_id(F_NAME)
            text = name.text if name is not None else None
            if text is not None:
                keywords[text.decode()] = child
        elif kind == "dictionary_splat" or kind == "list_splat":
            splat = True
        elif kind != "comment":
            positional.append(child)
    return positional, keywords, splat


def forget_nodes() -> None:
    """Drop the per-node memos (each cached node keeps its whole tree alive): call when a file's
    analysis is done."""
    arguments.cache_clear()
    _call_captures.cache_clear()


def splats(call: ts.Node) -> list[ts.Node]:
    """The expressions of `*args` / `**kwargs` arguments of a call."""
    args = call.child_by_field_id(F_ARGUMENTS)
    if args is None or args.type != "argument_list":
        return []
    return [c.named_children[0] for c in args.named_children
            if c.type in ("list_splat", "dictionary_splat") and c.named_children]


def argument(call: ts.Node, index: int | None, name: str | None) -> ts.Node | None:
    """The value node of positional `index` or keyword `name` (whichever is present)."""
    positional, keywords, _ = arguments(call)
    if name is not None and name in keywords:
        return keywords[name].child_by_field_id(F_VALUE)
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
    function = call.child_by_field_id(F_FUNCTION)
    if function is not None:
        captures["callee"] = function
    args = call.child_by_field_id(F_ARGUMENTS)
    if args is not None:
        captures["args"] = args
    positional, keywords, _ = arguments(call)
    for i, node in enumerate(positional):
        captures[f"arg{i}"] = node
    for name, node in keywords.items():
        captures[f"kwarg_{name}"] = node
        value = node.child_by_field_id(F_VALUE)
        if value is not None:
            captures[f"kw_{name}"] = value
    return captures


def node_text(node: ts.Node) -> str:
    return node.text.decode("utf-8", "replace") if node.text is not None else ""


_TARGET_STOP = {"expression_statement", "block", "module", "function_definition", "class_definition",
                "if_statement", "for_statement", "while_statement", "with_statement"}


def assignment_target(node: ts.Node) -> str | None:
    """The name a value flows into: assignment target, keyword name, dict key or the function
    whose `return` it is — the nearest one up the tree within the statement."""
    child, current = node, node.parent
    while current is not None and current.type not in _TARGET_STOP:
        if current.type in ("assignment", "augmented_assignment") and child != current.child_by_field_id(F_LEFT):
            return node_text(current.child_by_field_id(F_LEFT))
        if current.type == "keyword_argument":
            return node_text(current.child_by_field_id(F_NAME))
        if current.type == "pair" and child == current.child_by_field_id(F_VALUE):
            return node_text(current.child_by_field_id(F_KEY))
        if current.type == "return_statement":
            return enclosing_function_name(current)
        child, current = current, current.parent
    if current is not None and current.type == "expression_statement":
        inner = current.named_children[0] if current.named_children else None
        if inner is not None and inner.type in ("assignment", "augmented_assignment") and child != inner:
            return node_text(inner.child_by_field_id(F_LEFT))
    return None


def enclosing_function_name(node: ts.Node) -> str:
    """Name of the innermost function containing node ('' at module level)."""
    current = node.parent
    while current is not None:
        if current.type == "function_definition":
            name = current.child_by_field_id(F_NAME)
            return node_text(name) if name is not None else ""
        current = current.parent
    return ""

"""What a route handler's `return` can make: which returned values may become an HTML response
(and so need the route-return sink's check), decided from the syntax alone."""

from __future__ import annotations

from bisect import bisect_left

import tree_sitter as ts

from threatmark.core.fields import F_BODY, F_FUNCTION
from threatmark.core.index import FileIndex
from threatmark.core.names import matches_any

_JSON_VALUES = {"dictionary", "list", "dictionary_comprehension", "list_comprehension", "integer", "true",
                "false", "none"}
_HTML_RETURN_CALLS = ("*.format", "str.join", "str", "flask.make_response", "*.Markup", "markupsafe.Markup")


def may_render(value: ts.Node | None, index: FileIndex, helper: ts.Node | None) -> bool:
    """The returned value may be HTML built from data: not JSON-shaped, and not a call that builds no
    HTML (`helper` is the same-file function the call runs, if any, which may return a string it built)."""
    if value is None or value.type in _JSON_VALUES:
        return False
    if value.type != "call":
        return True
    return html_value(value, index) or (helper is not None and _returns_markup(helper, index))


def returned_values(function: ts.Node, index: FileIndex) -> list[ts.Node | None]:
    """The values of the `return` statements inside a function (nested definitions included: a
    superset), found from the word's occurrences rather than by walking the body."""
    offsets = index.offsets(b"return")
    root = index.parsed.tree.root_node
    values: list[ts.Node | None] = []
    for at in offsets[bisect_left(offsets, function.start_byte):bisect_left(offsets, function.end_byte)]:
        keyword = root.descendant_for_byte_range(at, at + 6)
        statement = keyword.parent if keyword is not None and keyword.type == "return" else None
        if statement is not None and statement.type == "return_statement":
            values.append(statement.named_children[0] if statement.named_children else None)
    return values


def html_value(node: ts.Node | None, index: FileIndex) -> bool:
    """A string being built (literal, f-string, `+`/`%`, `.format`/`join`/`Markup`/`make_response`)."""
    if node is None:
        return False
    if node.type in ("string", "concatenated_string", "binary_operator"):
        return True
    return node.type == "call" and matches_any(index.qualname(node.child_by_field_id(F_FUNCTION)),
                                               _HTML_RETURN_CALLS)


def _returns_markup(function: ts.Node, index: FileIndex) -> bool:
    """A same-file helper one of whose own `return`s builds a string (`return "<ul>" + items`)."""
    key = ("returns-markup", function.id)
    if key not in index.memo:
        found, stack = False, list(function.child_by_field_id(F_BODY).named_children)
        while stack and not found:
            node = stack.pop()
            if node.type == "return_statement":
                found = html_value(node.named_children[0] if node.named_children else None, index)
            elif node.type not in ("function_definition", "class_definition", "lambda"):
                stack.extend(node.named_children)
        index.memo[key] = found
    return bool(index.memo[key])

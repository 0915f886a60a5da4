"""The one value a local name is bound to, for conditions that look through it (`through-local`).

`iv = b"0123456789abcdef"; AES.new(key, AES.MODE_CBC, iv)`: the argument's text is `iv`, but a
condition on what the IV *is* should see the literal. A name qualifies only when its function (or
the module) binds it exactly once, by a plain `name = value` before the use, and never as a
parameter, loop or `with` target, augmented assignment, `global`/`nonlocal`, or in a nested scope.
"""

from __future__ import annotations

import tree_sitter as ts

from threatmark.core.fields import F_BODY, F_LEFT, F_NAME, F_PARAMETERS, F_RIGHT

_SCOPES = ("function_definition", "lambda", "class_definition", "module")
_NESTED = ("function_definition", "lambda", "class_definition")
_OTHER_BINDINGS = ("for_statement", "for_in_clause", "with_item", "augmented_assignment", "as_pattern",
                   "global_statement", "nonlocal_statement", "named_expression", "import_from_statement",
                   "import_statement", "except_clause", "delete_statement")


def single_value(name: ts.Node) -> ts.Node | None:
    """The right-hand side of the only binding of the identifier `name` in its scope, or None."""
    if name.type != "identifier" or name.text is None:
        return None
    scope = name.parent
    while scope is not None and scope.type not in _SCOPES:
        scope = scope.parent
    if scope is None or scope.type == "class_definition":
        return None
    if scope.type == "function_definition" and _is_parameter(scope, name.text):
        return None
    found: ts.Node | None = None
    for node in _bindings(scope, name.text):
        if found is not None or node.type != "assignment" or node.start_byte > name.start_byte:
            return None
        found = node
    return found.child_by_field_id(F_RIGHT) if found is not None else None


def _is_parameter(function: ts.Node, text: bytes) -> bool:
    parameters = function.child_by_field_id(F_PARAMETERS)
    return parameters is not None and text in _names_in(parameters)


def _bindings(scope: ts.Node, text: bytes) -> list[ts.Node]:
    """Every statement in the scope (not nested scopes) that may bind the name."""
    out: list[ts.Node] = []
    body = scope.child_by_field_id(F_BODY) if scope.type != "module" else scope
    stack = list(body.named_children) if body is not None else []
    while stack:
        node = stack.pop()
        if node.type in _NESTED:
            if node.type != "lambda" and node.child_by_field_id(F_NAME) is not None \
                    and node.child_by_field_id(F_NAME).text == text:
                out.append(node)  # `def iv(): ...` rebinds it
            continue
        if _may_bind(node, text):
            out.append(node)
        stack.extend(node.named_children)
    return out


def _may_bind(node: ts.Node, text: bytes) -> bool:
    if node.type == "assignment":
        return text in _names_in(node.child_by_field_id(F_LEFT))
    return node.type in _OTHER_BINDINGS and text in _names_in(node)


def _names_in(node: ts.Node | None) -> set[bytes]:
    """Identifier texts anywhere under node (a superset of the names it binds)."""
    if node is None:
        return set()
    if node.type == "identifier":
        return {node.text or b""}
    found: set[bytes] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            found.add(current.text or b"")
        else:
            stack.extend(current.named_children)
    return found

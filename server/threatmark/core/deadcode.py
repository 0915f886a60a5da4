"""Dead branches: code under `if <constant false>:` (or after a constant-true `if` in its
`elif`/`else`) never runs, so pattern matches there are not reported."""

from __future__ import annotations

from typing import Any

import tree_sitter as ts

from threatmark.core.fields import F_BODY, F_CONDITION, F_CONSEQUENCE
from threatmark.core.taint.constfold import UNKNOWN, fold


def is_dead(node: ts.Node, consts: dict[str, Any]) -> bool:
    """True when an enclosing if/elif/else or `while` branch can never be taken."""
    child, current = node, node.parent
    while current is not None:
        if current.type == "if_statement" and _dead_in_if(current, child, consts):
            return True
        if current.type == "while_statement" and child == current.child_by_field_id(F_BODY) \
                and fold(current.child_by_field_id(F_CONDITION), consts) is False:
            return True
        if current.type in ("function_definition", "class_definition") and current.parent is None:
            break
        child, current = current, current.parent
    return False


def _dead_in_if(statement: ts.Node, child: ts.Node, consts: dict[str, Any]) -> bool:
    branches = [(statement.child_by_field_id(F_CONDITION), statement.child_by_field_id(F_CONSEQUENCE))]
    for clause in statement.children_by_field_name("alternative"):
        if clause.type == "elif_clause":
            branches.append((clause.child_by_field_id(F_CONDITION), clause))
        else:
            branches.append((None, clause))
    for condition, body in branches:
        inside = body is not None and body.start_byte <= child.start_byte and child.end_byte <= body.end_byte
        value = True if condition is None else fold(condition, consts)
        if inside and condition is not None and child == condition:
            return False
        if inside:
            return value is False or (value is not UNKNOWN and not value)
        if value is not UNKNOWN and value:
            return body is not None and child.start_byte >= body.end_byte  # a later branch, after a true one
    return False

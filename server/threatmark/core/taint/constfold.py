"""Fold constant expressions (`7 * 3 > 100`, `"a" == "b"`, `DEBUG and x`) without executing code."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import tree_sitter as ts

from threatmark.core.fields import F_ARGUMENT, F_LEFT, F_OPERATOR, F_RIGHT

UNKNOWN: Any = object()

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
    "%": operator.mod, "**": operator.pow, "&": operator.and_, "|": operator.or_, "^": operator.xor,
    "<<": operator.lshift, ">>": operator.rshift,
}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "in": lambda a, b: a in b, "not in": lambda a, b: a not in b,
    "is": operator.is_, "is not": operator.is_not,
}
_MAX_POWER = 64
_MAX_SEQUENCE = 10_000


def fold(node: ts.Node | None, consts: Mapping[str, Any]) -> Any:
    """The constant value of an expression, or UNKNOWN. Never evaluates anything unbounded."""
    if node is None:
        return UNKNOWN
    try:
        return _fold(node, consts)
    except (ArithmeticError, TypeError, ValueError, RecursionError, MemoryError):
        return UNKNOWN


def _fold(node: ts.Node, consts: Mapping[str, Any]) -> Any:
    kind = node.type
    if kind in ("integer", "float"):
        return _literal(node.text)
    if kind == "true":
        return True
    if kind in ("false", "none"):
        return False if kind == "false" else None
    if kind == "string":
        return _string(node)
    if kind == "identifier":
        return consts.get(node.text.decode(), UNKNOWN)
    if kind == "parenthesized_expression" and node.named_child_count == 1:
        return _fold(node.named_children[0], consts)
    if kind == "unary_operator":
        value = _fold(node.child_by_field_id(F_ARGUMENT), consts)
        op = node.child_by_field_id(F_OPERATOR).type
        return UNKNOWN if value is UNKNOWN else {"-": operator.neg, "+": operator.pos, "~": operator.invert}[op](value)
    if kind == "not_operator":
        value = _fold(node.child_by_field_id(F_ARGUMENT), consts)
        return UNKNOWN if value is UNKNOWN else not value
    if kind == "binary_operator":
        return _binary(node, consts)
    if kind == "boolean_operator":
        return _boolean(node, consts)
    if kind == "comparison_operator":
        return _comparison(node, consts)
    if kind in ("tuple", "list") and node.named_child_count <= 32:
        items = [_fold(child, consts) for child in node.named_children]
        return UNKNOWN if any(i is UNKNOWN for i in items) else tuple(items)
    return UNKNOWN


def _string(node: ts.Node) -> Any:
    if any(child.type == "interpolation" for child in node.children):
        return UNKNOWN
    try:
        return _literal(node.text)
    except (SyntaxError, ValueError):
        return UNKNOWN


def _literal(text: bytes) -> Any:
    """`ast.literal_eval` of a literal's source; short ones memoised (they recur across edits)."""
    return _short_literal(text) if len(text) <= 200 else ast.literal_eval(text.decode())


@lru_cache(maxsize=4096)
def _short_literal(text: bytes) -> Any:
    return ast.literal_eval(text.decode())


def _binary(node: ts.Node, consts: Mapping[str, Any]) -> Any:
    left = _fold(node.child_by_field_id(F_LEFT), consts)
    right = _fold(node.child_by_field_id(F_RIGHT), consts)
    op = node.child_by_field_id(F_OPERATOR).type
    if left is UNKNOWN or right is UNKNOWN or op not in _BINARY:
        return UNKNOWN
    if op == "**" and (not isinstance(right, int) or abs(right) > _MAX_POWER):
        return UNKNOWN
    if (op == "*" and isinstance(left, str | tuple)) or (isinstance(right, str | tuple) and op == "*"):
        count = right if isinstance(left, str | tuple) else left
        if not isinstance(count, int) or count > _MAX_SEQUENCE:
            return UNKNOWN
    if op == "<<" and (not isinstance(right, int) or right > _MAX_POWER):
        return UNKNOWN
    return _BINARY[op](left, right)


def _boolean(node: ts.Node, consts: Mapping[str, Any]) -> Any:
    left = _fold(node.child_by_field_id(F_LEFT), consts)
    op = node.child_by_field_id(F_OPERATOR).type
    if left is not UNKNOWN and ((op == "and" and not left) or (op == "or" and left)):
        return left
    right = _fold(node.child_by_field_id(F_RIGHT), consts)
    return UNKNOWN if left is UNKNOWN else right


def _comparison(node: ts.Node, consts: Mapping[str, Any]) -> Any:
    operands = [_fold(child, consts) for child in node.named_children]
    if any(value is UNKNOWN for value in operands):
        return UNKNOWN
    operators = [child for child in node.children if not child.is_named]
    ops: list[str] = []
    i = 0
    while i < len(operators):
        text = operators[i].type
        if text in ("not", "is") and i + 1 < len(operators) and operators[i + 1].type in ("in", "not"):
            text = f"{text} {operators[i + 1].type}"
            i += 1
        ops.append(text)
        i += 1
    if len(ops) != len(operands) - 1 or any(op not in _COMPARE for op in ops):
        return UNKNOWN
    return all(_COMPARE[op](a, b) for op, a, b in zip(ops, operands, operands[1:], strict=False))

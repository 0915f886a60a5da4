"""A module's top-level statements ("units") and the name references between them, so that an
edit confined to one function or class can tell which other units' results it may change.

A unit references another when any word of its text is a name the other defines (a function,
class or method name): a deliberate over-approximation of "calls, subclasses or passes it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from threatmark.core.fields import F_BODY, F_NAME

_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_DEFINITIONS = ("function_definition", "class_definition")
_BLOCKS = {"if_statement", "try_statement", "else_clause", "except_clause", "finally_clause", "block",
           "elif_clause", "with_statement", "for_statement", "while_statement", "decorated_definition",
           "class_definition"}
DEFINITION_UNITS = ("function_definition", "class_definition", "decorated_definition")


@dataclass(frozen=True)
class Unit:
    """One top-level statement: byte range, rows, node type, the names it defines, the words of
    its text that name a definition of the file (`words`), and every identifier it calls
    (`called`: a function called by name in the file is a helper, not a view)."""

    start: int
    end: int
    first_row: int
    last_row: int
    kind: str
    defines: frozenset[bytes]
    words: frozenset[bytes]
    called: frozenset[bytes]


def unit_nodes(root: ts.Node) -> list[ts.Node]:
    """The module's top-level statements (comments are not units)."""
    return [n for n in root.named_children if n.type != "comment"]


def describe(node: ts.Node, data: bytes, called: frozenset[bytes], defined: frozenset[bytes],
             defines: frozenset[bytes] | None = None) -> Unit:
    """The Unit for a top-level statement node; `called` holds every identifier it calls and
    `defined` the names the file defines (the only words worth keeping); `defines`, when known,
    is the statement's own `defined_names`."""
    text = data[node.start_byte:node.end_byte]
    words = defined.intersection(_WORD.findall(text))
    own = frozenset(defined_names(node)) if defines is None else defines
    return Unit(node.start_byte, node.end_byte, node.start_point[0], node.end_point[0], node.type,
                own, frozenset(words), called)


def defined_names(node: ts.Node) -> list[bytes]:
    """Names of the functions and classes a statement defines that other statements can name:
    itself, classes and methods in class bodies, definitions in if/try/with blocks."""
    names, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.type in _DEFINITIONS:
            name = current.child_by_field_id(F_NAME)
            if name is not None and name.text:
                names.append(name.text)
            body = current.child_by_field_id(F_BODY)
            if body is not None and current.type == "class_definition":
                stack.append(body)  # a function nested in a function is not visible elsewhere
        elif current.type in _BLOCKS or current is node:
            stack.extend(current.named_children)
    return names


def table_functions(node: ts.Node) -> list[ts.Node]:
    """The function definitions of a statement that the taint engine's name tables hold:
    functions not nested in another function, and methods (of nested classes too)."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.type == "function_definition":
            found.append(current)
        elif current.type in _BLOCKS or current.type == "module":
            stack.extend(reversed(current.named_children))
    return found


def changed_region(old: bytes, new: bytes) -> tuple[int, int, int]:
    """(start, old end, new end): the bytes outside [start, end) are equal in both texts."""
    limit = min(len(old), len(new))
    prefix = common_prefix(old, new, limit)
    suffix = common_prefix(old[::-1], new[::-1], limit - prefix)
    return prefix, len(old) - suffix, len(new) - suffix


def common_prefix(a: bytes, b: bytes, limit: int) -> int:
    """Length of the longest common prefix (at most `limit`), by binary search on slice equality
    (C-speed comparisons: ~0.3 ms on 400 kB, where a byte loop or memoryview takes ~15 ms)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def holding_unit(units: list[Unit] | tuple[Unit, ...], start: int, end: int) -> int | None:
    """Index of the unit whose range holds [start, end), or None (between units or across two)."""
    for i, unit in enumerate(units):
        if unit.start <= start and end <= unit.end:
            return i
        if unit.start > start:
            break
    return None


def affected(units: list[Unit] | tuple[Unit, ...], changed: int) -> set[int]:
    """The changed unit and every unit that (transitively) uses a name an affected unit defines."""
    found, frontier = {changed}, [changed]
    while frontier:
        names = units[frontier.pop()].defines
        if not names:
            continue
        for i, unit in enumerate(units):
            if i not in found and not names.isdisjoint(unit.words):
                found.add(i)
                frontier.append(i)
    return found

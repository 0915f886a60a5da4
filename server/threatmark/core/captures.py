"""Which captures every match of a query pattern has.

A predicate on a capture that a match may lack (inside one branch of `[...]`, or under `?`/`*`)
holds vacuously, so its words are not required of the match. This reads the pattern's
S-expression just far enough to tell mandatory captures from optional ones.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|;[^\n]*|[()\[\]]|@[\w.-]+|[?*+]|[^\s()\[\]"@?*+;]+')


class _Group:
    """A parenthesised node, an alternation `[...]` or the whole pattern (kind "(")."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.items: list[tuple[_Group | None, set[str], str]] = []  # (element, captures on it, quantifier)
        self.predicate = False


def _parse(pattern: str) -> _Group:
    root = _Group("(")
    stack = [root]
    for token in _TOKEN.findall(pattern):
        top = stack[-1]
        if token.startswith(";"):
            continue
        if token in ("(", "["):
            group = _Group(token)
            top.items.append((group, set(), ""))
            stack.append(group)
        elif token in (")", "]"):
            if len(stack) > 1:
                stack.pop()
        elif token.startswith("#") and top.kind == "(" and not top.items:
            top.predicate = True
        elif token.startswith("@") and top.items:
            top.items[-1][1].add(token[1:])
        elif token in ("?", "*", "+") and top.items:
            element, names, _ = top.items[-1]
            top.items[-1] = (element, names, token)
        else:
            top.items.append((None, set(), ""))
    return root


def _mandatory(group: _Group) -> set[str]:
    if group.predicate:
        return set()
    if group.kind == "[":
        branches = [_item_captures(item) for item in group.items]
        return set.intersection(*branches) if branches else set()
    found: set[str] = set()
    for item in group.items:
        if item[2] not in ("?", "*"):
            found |= _item_captures(item)
    return found


def _item_captures(item: tuple[_Group | None, set[str], str]) -> set[str]:
    element, names, _ = item
    return set(names) | (_mandatory(element) if element is not None else set())


def mandatory_captures(pattern: str) -> set[str]:
    """Capture names (without `@`) present in every match of the pattern."""
    return _mandatory(_parse(pattern))

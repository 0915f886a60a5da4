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


def root_types(pattern: str) -> frozenset[str] | None:
    """Node kinds the root of every match of the pattern has (`((call ...) @c (#eq? ...))` →
    {call}; `[(a) (b)]` → {a, b}); None for wildcards, strings, sibling sequences or anything
    else this reader does not follow."""
    tokens = [t for t in _TOKEN.findall(pattern) if not t.startswith(";")]
    found, _ = _types_at(tokens, 0)
    return found


def _types_at(tokens: list[str], i: int) -> tuple[frozenset[str] | None, int]:
    """(root kinds of the element starting at token i, index after it)."""
    if i >= len(tokens) or tokens[i] not in ("(", "["):
        return None, i + 1
    close = _closing(tokens, i)
    if tokens[i] == "[":
        kinds: set[str] = set()
        j = i + 1
        while j < close:
            if tokens[j].startswith("@") or tokens[j] in ("?", "*", "+"):
                j += 1
                continue
            found, j = _types_at(tokens, j)
            if found is None:
                return None, close + 1
            kinds |= found
        return (frozenset(kinds) if kinds else None), close + 1
    head = tokens[i + 1] if i + 1 < close else ""
    if head in ("(", "["):  # a group: one element plus captures and predicates
        elements = []
        j = i + 1
        while j < close:
            if tokens[j] == "(" and j + 1 < len(tokens) and tokens[j + 1].startswith("#"):
                j = _closing(tokens, j) + 1
            elif tokens[j] in ("(", "["):
                elements.append(j)
                j = _closing(tokens, j) + 1
            elif tokens[j].startswith("@"):
                j += 1
            else:
                return None, close + 1
        return (_types_at(tokens, elements[0])[0] if len(elements) == 1 else None), close + 1
    if not re.fullmatch(r"[a-z][a-z0-9_]*", head):
        return None, close + 1
    return frozenset({head}), close + 1


def _closing(tokens: list[str], i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j] in ("(", "["):
            depth += 1
        elif tokens[j] in (")", "]"):
            depth -= 1
            if depth == 0:
                return j
    return len(tokens)

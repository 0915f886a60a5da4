"""Import-alias resolution and qualified names of expressions.

`from hashlib import md5 as h` makes `h` resolve to `hashlib.md5`, so rules are written
against qualified names, not spellings. Name globs (`*.execute`) are compiled to regexes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tree_sitter as ts

from threatmark.core.fields import F_ALIAS, F_ATTRIBUTE, F_FUNCTION, F_MODULE_NAME, F_NAME, F_OBJECT, F_VALUE

_NESTED_BLOCKS = {"if_statement", "try_statement", "else_clause", "except_clause", "finally_clause", "block",
                  "elif_clause", "with_statement"}


def collect_imports(root: ts.Node) -> dict[str, str]:
    """Map local names to qualified names for imports at module level (and in if/try blocks)."""
    imports: dict[str, str] = {}
    stack = list(reversed(root.named_children))
    while stack:
        node = stack.pop()
        if node.type == "import_statement":
            _plain_import(node, imports)
        elif node.type == "import_from_statement":
            _from_import(node, imports)
        elif node.type in _NESTED_BLOCKS:
            stack.extend(reversed(node.named_children))
    return imports


def add_import(node: ts.Node, imports: dict[str, str]) -> None:
    """Record one import statement found anywhere (e.g. inside a function)."""
    if node.type == "import_statement":
        _plain_import(node, imports)
    elif node.type == "import_from_statement":
        _from_import(node, imports)


def _plain_import(node: ts.Node, imports: dict[str, str]) -> None:
    for child in node.children_by_field_name("name"):
        if child.type == "aliased_import":
            target = _text(child.child_by_field_id(F_NAME))
            imports[_text(child.child_by_field_id(F_ALIAS))] = target
        else:
            dotted = _text(child)
            head = dotted.split(".")[0]
            imports.setdefault(head, head)


def _from_import(node: ts.Node, imports: dict[str, str]) -> None:
    module_node = node.child_by_field_id(F_MODULE_NAME)
    module = _text(module_node).lstrip(".") if module_node is not None else ""
    for child in node.children_by_field_name("name"):
        if child.type == "aliased_import":
            name = _text(child.child_by_field_id(F_NAME))
            local = _text(child.child_by_field_id(F_ALIAS))
        else:
            name = local = _text(child)
        imports[local] = f"{module}.{name}" if module else name


def _text(node: ts.Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


_DOTTED = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def plain_qualname(text: bytes, imports: dict[str, str]) -> str | None:
    """The resolved name of `a` or `a.b.c` written plainly (no spaces, calls or subscripts), which
    depends on the text and the imports alone; None for any other text."""
    if _DOTTED.fullmatch(text) is None:
        return None
    head, dot, rest = text.decode().partition(".")
    return f"{imports.get(head, head)}{dot}{rest}"


def qualname(node: ts.Node | None, imports: dict[str, str]) -> str | None:
    """The resolved dotted name of an expression (`cursor.execute`, `str.join`), or None."""
    if node is None:
        return None
    kind = node.type
    if kind == "attribute" and (plain := plain_qualname(node.text or b"", imports)) is not None:
        return plain  # `a.b.c` written plainly: no walk needed
    if kind == "identifier":
        name = _text(node)
        return imports.get(name, name)
    if kind == "attribute":
        base = qualname(node.child_by_field_id(F_OBJECT), imports)
        attr = node.child_by_field_id(F_ATTRIBUTE)
        return f"{base if base is not None else '?'}.{_text(attr)}" if attr is not None else None
    if kind == "call":
        base = qualname(node.child_by_field_id(F_FUNCTION), imports)
        return f"{base}()" if base is not None else None
    if kind == "subscript":
        base = qualname(node.child_by_field_id(F_VALUE), imports)
        return f"{base}[]" if base is not None else None
    if kind in ("string", "concatenated_string"):
        return "str"
    if kind == "parenthesized_expression" and node.named_child_count == 1:
        return qualname(node.named_children[0], imports)
    if kind == "await":
        return qualname(node.named_children[0], imports) if node.named_child_count else None
    return None


@lru_cache(maxsize=4096)
def glob_regex(globs: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of the name globs (`*` matches anything, dots included)."""
    parts = ["^" + re.escape(g).replace(r"\*", ".*") + "$" for g in globs]
    return re.compile("|".join(parts))


def as_tuple(names: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    if names is None:
        return ()
    return (names,) if isinstance(names, str) else tuple(names)


def matches_any(name: str | None, globs: str | list[str] | tuple[str, ...]) -> bool:
    """True when the qualified name matches one of the globs (the regex is found by the globs
    object's identity first: callers pass the same rule or table constant again and again, and
    hashing it for glob_regex's cache costs more than the match)."""
    if name is None:
        return False
    known = _BY_IDENTITY.get(id(globs))
    if known is None or known[0] is not globs:
        if len(_BY_IDENTITY) >= 4096:
            _BY_IDENTITY.clear()
        known = _BY_IDENTITY[id(globs)] = (globs, glob_regex(as_tuple(globs)))
    return known[1].match(name) is not None


_BY_IDENTITY: dict[int, tuple[object, re.Pattern[str]]] = {}  # id(globs) → (globs, kept alive; regex)


class NameTable:
    """Globs → payloads, looked up by a name's last segment first so a call is compared only
    with the few globs that can match it."""

    def __init__(self, entries: list[tuple[tuple[str, ...], object]]) -> None:
        self.by_last: dict[str, list[tuple[re.Pattern[str], object]]] = {}
        self.wild: list[tuple[re.Pattern[str], object]] = []
        self._memo: dict[str, list[object]] = {}
        for globs, payload in entries:
            for glob in globs:
                last = glob.rsplit(".", 1)[-1]
                item = (glob_regex((glob,)), payload)
                if "*" in last:
                    self.wild.append(item)
                else:
                    self.by_last.setdefault(last, []).append(item)

    def lookup(self, name: str) -> list[object]:
        """Payloads (in insertion order per bucket, without duplicates) whose glob matches name
        (memoised: a file calls the same few names again and again)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> list[object]:
        last = name.rsplit(".", 1)[-1]
        found: list[object] = []
        for regex, payload in (*self.by_last.get(last, ()), *self.wild):
            if regex.match(name) and payload not in found:
                found.append(payload)
        return found

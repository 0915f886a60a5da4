"""Access paths: the string keys under which the taint state tracks names, fields and items."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.fields import F_ATTRIBUTE, F_OBJECT, F_SUBSCRIPT, F_VALUE
from threatmark.core.taint.constfold import UNKNOWN, fold

if TYPE_CHECKING:
    from threatmark.core.taint.state import State


def access_path(node: ts.Node | None, state: State) -> str | None:
    """`x`, `self.a`, `d['k']` as a string key, or None for anything not trackable."""
    if node is None:
        return None
    if node.type == "identifier":
        return node.text.decode()
    if node.type == "attribute":
        base = access_path(node.child_by_field_id(F_OBJECT), state)
        attr = node.child_by_field_id(F_ATTRIBUTE)
        return f"{base}.{attr.text.decode()}" if base is not None and attr is not None else None
    if node.type == "subscript":
        base = access_path(node.child_by_field_id(F_VALUE), state)
        key = fold(node.child_by_field_id(F_SUBSCRIPT), state.consts)
        return f"{base}[{key!r}]" if base is not None and key is not UNKNOWN else None
    return None

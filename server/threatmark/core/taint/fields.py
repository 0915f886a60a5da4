"""Object state across method calls: what setters store in `self`, and fields read as inputs.

A method that reads `self.attr` (neither set in the method nor known to be clean) treats the field
as an extra input: a synthetic parameter numbered after the real ones, named in `Summary.fields`.
A method that stores a parameter in `self.attr` records it in `Summary.self_stores`. At a call
`obj.m(...)` the caller binds each field input from what it knows of `obj.attr`, and afterwards
`obj.attr` carries what `m` stored there (`n.set_url(x); n.send()` reaches `send`'s sink).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.match import Hop
from threatmark.core.taint.paths import access_path
from threatmark.core.taint.values import CLEAN, Flow, Taint, substitute, union

if TYPE_CHECKING:
    from threatmark.core.taint.analyzer import TaintContext
    from threatmark.core.taint.state import State
    from threatmark.core.taint.summary import Summary


class FieldFlows:
    """Mixed into the expression evaluator; `param_count` is the walked function's parameter count."""

    ctx: TaintContext
    state: State
    class_name: str | None
    param_count: int
    fields: list[str]
    self_stores: dict[str, Taint]

    def field_input(self, attr: str, node: ts.Node) -> Taint:
        """The flow of `self.attr` read as an input of this method (clean outside methods)."""
        if not self.class_name or self.ctx.collecting or self.param_count < 1:
            return CLEAN
        if attr not in self.fields:
            self.fields.append(attr)
        index = self.param_count + self.fields.index(attr)
        hop = Hop("source", node.start_byte, node.end_byte, f"field `self.{attr}`")
        return frozenset({Flow("param", index, (hop,), frozenset(), f"self.{attr}")})

    def remember_store(self, attr: str, taint: Taint) -> None:
        """This method stored `taint` in `self.attr`: keep its parameter flows for the summary."""
        stored = frozenset(f for f in taint if f.kind == "param" and f.param > 0)
        if stored and not self.ctx.collecting:
            self.self_stores[attr] = union(self.self_stores.get(attr, CLEAN), stored)

    def bind_fields(self, summary: Summary, bound: dict[int, Taint], receiver: ts.Node | None) -> None:
        """Bind the callee's field inputs from what this function knows of `receiver.attr`."""
        path = self._path(receiver) if summary.fields else None
        if path is None:
            return
        base = len(summary.params)
        for j, attr in enumerate(summary.fields):
            known = self.state.env.get(f"{path}.{attr}")
            if known is None and path == "self":
                known = self.field_input(attr, receiver)  # type: ignore[arg-type]
            if known:
                bound[base + j] = known

    def apply_stores(self, summary: Summary, bound: dict[int, Taint], receiver: ts.Node | None, hop: Hop) -> None:
        """After `receiver.m(...)`: each `receiver.attr` the callee stored now carries that data."""
        path = self._path(receiver) if summary.self_stores else None
        if path is None:
            return
        for attr, stored in summary.self_stores.items():
            taint = substitute(stored, bound, hop)
            if taint:
                self.state.weak_add(f"{path}.{attr}", taint)
                if path == "self":
                    self.remember_store(attr, taint)  # `self.set_url(u)` makes this method a setter too

    def _path(self, receiver: ts.Node | None) -> str | None:
        return access_path(receiver, self.state) if receiver is not None else None

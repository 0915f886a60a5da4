"""Assignments in the taint walker: what binding a value to a target does to the state (names,
fields, items, tuple unpacking), plus the facts remembered on the way (instances of classes of
this file, URL parts, callable sink objects, container shapes, `__setitem__` sinks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import tree_sitter as ts

from threatmark.core.fields import F_ARGUMENTS, F_FUNCTION, F_KEY, F_VALUE
from threatmark.core.match import Hop
from threatmark.core.names import matches_any
from threatmark.core.taint.constfold import UNKNOWN, fold
from threatmark.core.taint.paths import access_path
from threatmark.core.taint.state import DICT_SHAPE, State
from threatmark.core.taint.values import Taint, add_hop

if TYPE_CHECKING:
    from threatmark.core.taint.analyzer import TaintContext

COLLECTIONS = {"list", "tuple", "set", "expression_list", "pattern_list", "tuple_pattern", "list_pattern"}
URL_PARSERS = ("urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse", "*.urlparse", "*.urlsplit")


class Binder:
    """Mixed into the expression evaluator (which provides `ev`, `hit` and the walker's tables)."""

    ctx: TaintContext
    state: State
    class_name: str | None
    locals: set[str]
    instances: dict[str, str]
    callables: dict[str, str]
    derived: dict[str, ts.Node]

    # provided by the evaluator and threatmark.core.taint.fields (annotations only: no stubs that
    # would shadow the real methods in the method resolution order)
    ev: Callable[[ts.Node | None], Taint]
    ev_cached: Callable[[ts.Node], Taint]
    hit: Callable[[Any, ts.Node, Any, str], None]
    remember_store: Callable[[str, Taint], None]

    def bind(self, target: ts.Node | None, taint: Taint, value: ts.Node | None = None) -> None:
        """Assign taint to a target pattern (name, attribute, subscript, tuple)."""
        if target is None:
            return
        if target.type in COLLECTIONS and target.type not in ("list", "set"):
            items = value.named_children if value is not None and value.type in COLLECTIONS else None
            for i, sub in enumerate(target.named_children):
                same = items is not None and len(items) == len(target.named_children)
                self.bind(sub, self.ev_cached(items[i]) if same else taint)
            return
        if target.type == "list_splat_pattern" or target.type == "list_splat":
            self.bind((target.named_children or [None])[0], taint)
            return
        if target.type == "subscript":
            self.store_sinks(target, taint)
        path = access_path(target, self.state)
        if path is None:
            if target.type == "subscript":
                base = access_path(target.child_by_field_id(F_VALUE), self.state)
                if base is not None:
                    self.state.weak_add(base, taint)
                    self.state.shapes.pop(base, None)
            return
        if target.type == "subscript":
            base = path[: path.index("[")] if "[" in path else path
            self.state.weak_add(base, taint)
            self.state.assign(path, add_hop(taint, _assign_hop(target)) if taint else taint)
            return
        const = fold(value, self.state.consts) if value is not None else UNKNOWN
        if target.type == "identifier":
            self.locals.add(path)
            made = value.child_by_field_id(F_FUNCTION) if value is not None and value.type == "call" else None
            if made is not None and made.type == "identifier" and made.text.decode() in self.ctx.classes:
                self.instances[path] = made.text.decode()
            else:
                self.instances.pop(path, None)
            self._remember_callable(path, made)
            if made is not None and matches_any(self.ctx.index.qualname(made), URL_PARSERS):
                args = value.child_by_field_id(F_ARGUMENTS)
                if args is not None and args.named_children:
                    self.derived[path] = args.named_children[0]
        self.state.assign(path, add_hop(taint, _assign_hop(target)) if taint else taint, const)
        if self.class_name and path.startswith("self.") and path.count(".") == 1:
            self.ctx.record_field(self.class_name, path[5:], taint)
            self.remember_store(path[5:], taint)
        self._record_shape(path, value)

    def store_sinks(self, target: ts.Node, taint: Taint) -> None:
        """`session[k] = v` calls `session.__setitem__(k, v)`: check the sinks declared on it."""
        container = target.child_by_field_id(F_VALUE)
        name = self.ctx.index.qualname(container) if taint and container is not None else None
        if name is None:
            return
        site = store_site(target)
        for rule, _spec in self.ctx.sinks_for(f"{name}.__setitem__", site):
            for flow in taint:
                self.hit(rule, site, flow, f"{name}[...] =")

    def _remember_callable(self, path: str, made: ts.Node | None) -> None:
        """`evaluate = etree.XPathEvaluator(doc)`: a later `evaluate(expr)` calls the sink declared
        as `lxml.etree.XPathEvaluator()`."""
        built = self.ctx.index.qualname(made) if made is not None else None
        if built is not None and built in self.ctx.compiled.makers:
            self.callables[path] = built + "()"
        else:
            self.callables.pop(path, None)

    def _record_shape(self, path: str, value: ts.Node | None) -> None:
        if value is None:
            return
        if value.type == "dictionary":
            pairs = [c for c in value.named_children if c.type == "pair"]
            keys = [fold(p.child_by_field_id(F_KEY), self.state.consts) for p in pairs]
            if len(pairs) == value.named_child_count and UNKNOWN not in keys:
                self.state.shapes[path] = DICT_SHAPE
                for key, pair in zip(keys, pairs, strict=True):
                    taint = self.ev(pair.child_by_field_id(F_VALUE))
                    if taint:
                        self.state.env[f"{path}[{key!r}]"] = taint
        elif value.type in ("list", "tuple") and all(c.type not in ("list_splat",) for c in value.named_children):
            self.state.shapes[path] = value.named_child_count
            for i, item in enumerate(value.named_children):
                taint = self.ev(item)
                if taint:
                    self.state.env[f"{path}[{i!r}]"] = taint


def store_site(target: ts.Node) -> ts.Node:
    """Where a store `x[k] = v` into the subscript `target` is checked and reported: the
    assignment holding it, or the subscript itself in a tuple or loop target."""
    parent = target.parent
    return parent if parent is not None and parent.type == "assignment" else target


def _assign_hop(target: ts.Node) -> Hop:
    text = target.text.decode("utf-8", "replace") if target.text else ""
    return Hop("step", target.start_byte, target.end_byte, f"assigned to `{short(text)}`")


def short(text: str, limit: int = 60) -> str:
    """Text on one line, cut to `limit` characters (for trace notes)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

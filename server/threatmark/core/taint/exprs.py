"""Expression evaluation for the taint walker: what taint does this expression carry?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import tree_sitter as ts

from threatmark.core.calls import arguments, splats
from threatmark.core.fields import (
    F_ATTRIBUTE,
    F_BODY,
    F_FUNCTION,
    F_KEY,
    F_LEFT,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_RIGHT,
    F_SUBSCRIPT,
    F_VALUE,
)
from threatmark.core.match import Hop
from threatmark.core.names import qualname
from threatmark.core.taint.binding import COLLECTIONS, Binder, short
from threatmark.core.taint.constfold import UNKNOWN, fold
from threatmark.core.taint.fields import FieldFlows
from threatmark.core.taint.paths import access_path
from threatmark.core.taint.sinkargs import repr_cleaned, sink_taint
from threatmark.core.taint.state import DICT_SHAPE
from threatmark.core.taint.urlparts import URL_KIND, url_parts
from threatmark.core.taint.values import CLEAN, Flow, Taint, clean, substitute, union

if TYPE_CHECKING:
    from threatmark.core.taint.summary import Summary

_COMPREHENSIONS = {"list_comprehension", "set_comprehension", "generator_expression", "dictionary_comprehension"}
_UNWRAP = {"parenthesized_expression", "await", "keyword_argument", "list_splat", "dictionary_splat", "pair"}
_MUTATORS = {"append", "extend", "add", "insert", "update", "appendleft", "extendleft", "write"}
_CRLF = ("\\n", "\\r")
_HTML = frozenset({"html"})
_MARKUP = ("markupsafe.Markup", "flask.Markup", "jinja2.Markup")
DICT_VALUE = "$dict-value"


class ExprEval(Binder, FieldFlows):
    """Evaluates expressions against `self.state`; sink calls are reported through `self.hit`.
    The walker's tables it reads (`ctx`, `state`, `locals`, `instances`...) are declared on Binder."""

    def hit(self, rule: Any, sink: ts.Node, flow: Flow, sink_name: str) -> None:
        raise NotImplementedError

    def ev(self, node: ts.Node | None) -> Taint:
        """The taint of an expression (evaluating nested calls, so their sinks are checked)."""
        if node is None:
            return CLEAN
        kind = node.type
        if kind == "identifier":
            return self.state.get(node.text.decode())
        if kind == "attribute":
            return self.ev_attribute(node)
        if kind == "subscript":
            return self.ev_subscript(node)
        if kind == "call":
            return self.ev_call(node)
        if kind == "string" and not any(child.type == "interpolation" for child in node.children):
            return CLEAN  # a plain literal (most strings: docstrings, keys, messages)
        if kind in ("string", "concatenated_string", "interpolation", "binary_operator", "boolean_operator"):
            if kind == "binary_operator" and self._escapes_operands(node):
                return clean(union(*(self.ev(child) for child in node.named_children)), _HTML)
            parts = url_parts(node) if kind in ("string", "binary_operator") else None
            if parts is not None:  # parts after a fixed path/host or in the query cannot pick the target
                return union(*(clean(self.ev(part), URL_KIND) if fixed else self.ev(part) for part, fixed in parts))
            return union(*(self.ev(child) for child in node.named_children if child.type != "string_content"))
        if kind in COLLECTIONS or kind == "dictionary":
            return union(*(self.ev(child) for child in node.named_children))
        if kind in _UNWRAP:
            value = node.child_by_field_id(F_VALUE) if kind in ("keyword_argument", "pair") else None
            if kind == "pair":  # a value does not choose the key: rules may declare "$dict-value" clean
                return union(self.ev(node.child_by_field_id(F_KEY)), clean(self.ev(value), self._dict_value_kinds()))
            return self.ev(value if value is not None else (node.named_children or [None])[0])
        if kind in _COMPREHENSIONS:
            return self.ev_comprehension(node)
        if kind == "conditional_expression":
            return self.ev_conditional(node)
        if kind == "named_expression":
            taint = self.ev(node.child_by_field_id(F_VALUE))
            self.state.assign(node.child_by_field_id(F_NAME).text.decode(), taint)
            return taint
        if kind == "lambda":
            return CLEAN
        for child in node.named_children:  # comparisons, not, unary ops: check nested sinks only
            self.ev(child)
        return CLEAN

    def _escapes_operands(self, node: ts.Node) -> bool:
        """`Markup("<b>%s</b>") % x` escapes x: the left operand is an escaping Markup."""
        left = node.child_by_field_id(F_LEFT)
        operator = node.child_by_field_id(F_OPERATOR)
        if left is None or left.type != "call" or operator is None or operator.type != "%":
            return False
        return self.ctx.index.qualname(left.child_by_field_id(F_FUNCTION)) in _MARKUP

    def source_flow(self, kind: str, node: ts.Node) -> Taint:
        text = self.ctx.parsed.text(node)
        hop = Hop("source", node.start_byte, node.end_byte, f"untrusted input `{short(text)}` ({kind})")
        return frozenset({Flow(kind, -1, (hop,), frozenset(), text)})

    def ev_attribute(self, node: ts.Node) -> Taint:
        name = self.ctx.index.qualname(node)
        kind = self.ctx.library.source_of_attr(name) if name else None
        if kind == "web" and self.ctx.client_code:
            kind = None  # `request` in HTTP client code is the outgoing request
        if kind:
            flows = self.source_flow(kind, node)
            return clean(flows, URL_KIND) if self.ctx.library.is_site_path(name) else flows
        path = access_path(node, self.state)
        if path is not None and path in self.state.env:
            return self.state.env[path]
        if path is not None and self.class_name and path.startswith("self.") and path.count(".") == 1:
            stored = self.ctx.field_taint(self.class_name, path[5:])
            if stored or self.ctx.clean_field(self.class_name, path[5:]):
                return stored
            return union(self.ev(node.child_by_field_id(F_OBJECT)), self.field_input(path[5:], node))
        return self.ev(node.child_by_field_id(F_OBJECT))

    def ev_subscript(self, node: ts.Node) -> Taint:
        name = self.ctx.index.qualname(node)
        kind = self.ctx.library.source_of_attr(name) if name else None
        if kind == "web" and self.ctx.client_code:
            kind = None  # `request` in HTTP client code is the outgoing request
        if kind:
            return self.source_flow(kind, node)
        value = node.child_by_field_id(F_VALUE)
        subscript = node.child_by_field_id(F_SUBSCRIPT)
        key = fold(subscript, self.state.consts)
        base = access_path(value, self.state)
        if key is UNKNOWN or base is None:
            self.ev(subscript)
            return self.ev(value)
        return self.lookup(base, key, value)

    def lookup(self, base: str, key: Any, value_node: ts.Node) -> Taint:
        """Read container[key]: the stored item if tracked, clean if the shape says it is absent."""
        path = f"{base}[{key!r}]"
        if path in self.state.env:
            return self.state.env[path]
        shape = self.state.shapes.get(base)
        if shape == DICT_SHAPE or (shape is not None and isinstance(key, int)):
            return CLEAN
        return self.ev(value_node)

    def _local_head(self, fn: ts.Node | None) -> str | None:
        """The leftmost name of a callee when it is bound in this function, else None."""
        head = fn
        while head is not None and head.type == "attribute":
            head = head.child_by_field_id(F_OBJECT)
        if head is None or head.type != "identifier" or not self.locals:
            return None
        name = head.text.decode()
        return name if name in self.locals else None

    def _head_is_local(self, fn: ts.Node | None) -> bool:
        return self._local_head(fn) is not None

    def resolve(self, fn: ts.Node) -> str | None:
        """Qualified name of a callee, unless its leftmost name is a local that shadows an import."""
        imports = self.ctx.index.imports
        if self.locals and not self.locals.isdisjoint(imports):  # only then can a local shadow one
            name = self._local_head(fn)
            if name is not None and name in imports:
                return qualname(fn, {k: v for k, v in imports.items() if k != name})
        return self.ctx.index.qualname(fn)

    def ev_comprehension(self, node: ts.Node) -> Taint:
        saved = self.state
        self.state = saved.copy()
        body = node.child_by_field_id(F_BODY)
        for clause in node.named_children:
            if clause.type == "for_in_clause":
                self.bind(clause.child_by_field_id(F_LEFT), self.ev(clause.child_by_field_id(F_RIGHT)))
            elif clause.type == "if_clause":
                condition = clause.named_children[0] if clause.named_children else None
                self.ev(condition)
                guard = getattr(self, "apply_guard", None)  # `if k in ALLOWED` filters like an if statement
                if condition is not None and guard is not None:
                    guard(condition, True)
        result = self.ev(body)
        self.state = saved
        return result

    def _dict_value_kinds(self) -> frozenset[str]:
        """Kinds of the rules that list the pseudo-sanitiser `$dict-value`: for them a value stored
        in a dict display or comprehension is clean (only its key matters, e.g. mass assignment)."""
        return self.ctx.library.sanitizer_kinds(DICT_VALUE)

    def ev_conditional(self, node: ts.Node) -> Taint:
        then, cond, other = ([*node.named_children, None, None, None])[:3]
        value = fold(cond, self.state.consts)
        if value is UNKNOWN:
            self.ev(cond)
            return union(self._guarded_ev(then, cond, True), self._guarded_ev(other, cond, False))
        return self.ev(then if value else other)

    def _guarded_ev(self, node: ts.Node | None, condition: ts.Node | None, truth: bool) -> Taint:
        """Taint of one arm of `a if cond else b`, where the condition's guard holds (or fails)."""
        guard = getattr(self, "apply_guard", None)
        if condition is None or guard is None:
            return self.ev(node)
        saved = self.state
        self.state = saved.copy()
        try:
            guard(condition, truth)
            return self.ev(node)
        finally:
            self.state = saved

    def ev_call(self, node: ts.Node) -> Taint:
        fn = node.child_by_field_id(F_FUNCTION)
        name = self.resolve(fn) if fn is not None else None
        if fn is not None and fn.type == "identifier" and self.callables:
            name = self.callables.get(fn.text.decode(), name)
        positional, keywords, has_splat = arguments(node)
        receiver = fn.child_by_field_id(F_OBJECT) if fn is not None and fn.type == "attribute" else None
        recv = self.ev(receiver) if receiver is not None else CLEAN
        args = [self.ev(a) for a in positional]
        kwargs = {k: self.ev(v.child_by_field_id(F_VALUE)) for k, v in keywords.items()}
        spread = union(*(self.ev(s) for s in splats(node))) if has_splat else CLEAN
        if spread:
            kwargs["**"] = spread  # `*args`/`**kwargs` contents; sinks select them with keywords: ["**"]
        method = self._instance_method(fn)
        if method is not None:  # `repo.find(x)` on `repo = Repo(...)`: self is the receiver
            return self.apply_summary(node, self.ctx.summary(method), args, kwargs, True, recv, receiver)
        summary = self.ctx.callee_summary(fn, self.class_name)
        if summary is not None:
            return self.apply_summary(node, summary, args, kwargs, receiver is not None, None, receiver)
        if name is None:
            return union(recv, *args, *kwargs.values())
        tainted = bool(recv) or any(args) or any(kwargs.values())
        for rule, spec in self.ctx.sinks_for(name, node) if tainted else ():  # clean values reach no sink
            if spec.get("imported") and self._head_is_local(fn):
                continue  # `for regex in patterns: regex.match(s)`: the local shadows the module
            chosen = repr_cleaned(spec, args, positional, self.ctx.library.sanitizer_kinds("repr"))
            for flow in sink_taint(spec, recv, chosen, kwargs):
                self.hit(rule, node, flow, name)
        return self.call_result(node, name, receiver, recv, args, kwargs, positional)

    def call_result(self, node: ts.Node, name: str, receiver: ts.Node | None, recv: Taint,
                    args: list[Taint], kwargs: dict[str, Taint], positional: list[ts.Node]) -> Taint:
        """Taint of a library call's result: sources, sanitisers, mutators, containers, propagation."""
        library = self.ctx.library
        kinds = library.sanitizer_kinds(name)
        if library.always_clean(name):
            return CLEAN
        method = name.rsplit(".", 1)[-1]
        base = access_path(receiver, self.state) if receiver is not None else None
        if base is not None and method in _MUTATORS:
            self.state.weak_add(base, union(*args, *kwargs.values()))
            self.state.shapes.pop(base, None) if method != "append" else self._append_shape(base, args)
            return CLEAN
        if method in ("get", "pop") and positional and receiver is not None:
            key = fold(positional[0], self.state.consts)
            if key is not UNKNOWN and base is not None:
                found = self.lookup(base, key, receiver)
                return union(found, args[1]) if len(args) > 1 else found
            lookup_table = base is not None and base.split(".")[0] not in self.ctx.index.imports
            if key is UNKNOWN and lookup_table and not _is_sourceish(recv):  # the key is not the value
                return clean(union(recv, args[1] if len(args) > 1 else CLEAN), kinds)
        if method == "replace" and any(c in self.ctx.parsed.text(p) for p in positional[:1] for c in _CRLF):
            kinds = kinds | {"log", "header"}
        result = union(recv, *args, *kwargs.values())
        for source in library.sources_of_call(name):
            result = union(self.source_flow(source, node), result)
        return clean(result, kinds)

    def _append_shape(self, base: str, args: list[Taint]) -> None:
        length = self.state.shapes.get(base)
        if length is None or length < 0:
            return
        if args and args[0]:
            self.state.env[f"{base}[{length!r}]"] = args[0]
        self.state.shapes[base] = length + 1

    def _instance_method(self, fn: ts.Node | None) -> ts.Node | None:
        """The method called on a local variable holding an instance of a class of this file."""
        if fn is None or fn.type != "attribute":
            return None
        owner = fn.child_by_field_id(F_OBJECT)
        if owner.type == "call":  # `Repo(x).find(y)`
            made = owner.child_by_field_id(F_FUNCTION)
            known = made is not None and made.type == "identifier" and made.text.decode() in self.ctx.classes
            class_name = made.text.decode() if known else None
        elif owner.type == "identifier" and self.instances:
            class_name = self.instances.get(owner.text.decode())
        else:
            return None
        attribute = fn.child_by_field_id(F_ATTRIBUTE).text.decode()
        return self.ctx.methods.get((class_name, attribute)) if class_name else None

    def apply_summary(self, node: ts.Node, summary: Summary, args: list[Taint], kwargs: dict[str, Taint],
                      is_method: bool, receiver: Taint | None = None, receiver_node: ts.Node | None = None) -> Taint:
        """Instantiate a function's summary at this call site (another file's sinks report here); what a
        setter stores in `self` taints the receiver (`n.set_url(x)`: `n` now carries `x`)."""
        bound = summary.bind(args, kwargs, skip_self=is_method and not summary.external)
        if receiver and summary.params[:1] == ["self"]:
            bound[0] = receiver
        self.bind_fields(summary, bound, receiver_node)
        label = summary.name
        hop = Hop("step", node.start_byte, node.end_byte, f"passed through `{label}()`")
        for rule, sink, flow, sink_name in summary.param_hits:
            for arg_flow in bound.get(flow.param, CLEAN):
                joined = Flow(arg_flow.kind, arg_flow.param, (*arg_flow.hops, hop, *flow.hops[1:]),
                              arg_flow.cleaned | flow.cleaned, arg_flow.source_text)
                self.hit(rule, node if sink is None else sink, joined, sink_name)
        self.apply_stores(summary, bound, receiver_node, hop)
        returns = summary.returns
        if summary.external:
            returns = frozenset(f._replace(hops=(Hop(f.hops[0].kind, node.start_byte, node.end_byte, f.hops[0].note),))
                                if f.kind != "param" else f for f in returns)
        return substitute(returns, bound, hop)

    def ev_cached(self, node: ts.Node) -> Taint:
        return self.ev(node)


def _is_sourceish(taint: Taint) -> bool:
    """True when a receiver carries untrusted data itself (`request.args.get(k)` stays tainted)."""
    return any(flow.kind != "param" for flow in taint)

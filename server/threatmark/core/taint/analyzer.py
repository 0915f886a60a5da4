"""Taint rules → Matches: pick the functions that can reach a sink, summarise same-file callees,
and report every flow from a source the rule accepts to its sink without a matching sanitiser."""

from __future__ import annotations

import re
from typing import Any

import tree_sitter as ts

from threatmark.core.calls import call_captures, shared_captures
from threatmark.core.conditions import check, context_free
from threatmark.core.fields import F_ATTRIBUTE, F_BODY, F_FUNCTION, F_LEFT, F_NAME, F_OBJECT, F_VALUE
from threatmark.core.index import FileIndex
from threatmark.core.match import Hop, Match
from threatmark.core.parse import ParsedFile
from threatmark.core.rules import Rule
from threatmark.core.taint import routes
from threatmark.core.taint.library import is_http_client_code
from threatmark.core.taint.project import Project
from threatmark.core.taint.relevance import relevant_functions
from threatmark.core.taint.responses import may_render
from threatmark.core.taint.state import State
from threatmark.core.taint.stmts import Walker
from threatmark.core.taint.summary import Summary, declared, flatten
from threatmark.core.taint.taintrules import TaintRules
from threatmark.core.taint.values import CLEAN, Flow, Taint, union

_STORES_FIELD = re.compile(rb"self\.\w+\s*(?:\[[^\]]*\]\s*)?(?::[^=\n]*)?[-+|]?=(?!=)")


class TaintContext:
    """Per-file taint analysis: summaries, sink lookup and de-duplicated reporting."""

    def __init__(self, parsed: ParsedFile, index: FileIndex, compiled: TaintRules,
                 project: Project | None = None) -> None:
        self.parsed, self.index, self.compiled, self.library = parsed, index, compiled, compiled.library
        self.project = project
        self.external: dict[str, Summary | None] = {}
        self.fields: dict[tuple[str, str], Taint] = {}
        self.field_writes: dict[tuple[str, str], Taint] = {}
        self._class_consts: dict[str, dict[str, Any]] = {}
        self.in_progress: set[int] = set()
        self.partial = False
        self.collecting = False
        self.scanned_classes: set[str] = set()
        self._by_class: dict[str, list[ts.Node]] | None = None
        self.functions, self.methods, self.class_names = routes.function_tables(index)
        self.classes = {owner for owner, _ in self.methods}
        self.module_consts = routes.module_constants(parsed.tree.root_node)
        self.summaries: dict[int, Summary] = {}
        self.matches: dict[tuple[str, int, int], Match] = {}
        self._applies: dict[tuple[int, int], bool] = {}
        self._applies_by_text: dict[tuple[int, str, bytes], bool] = {}
        self.route_sinks = compiled.route_sinks
        self.client_code = is_http_client_code(list(index.imports.values()))  # `request` is outgoing

    def sinks_for(self, name: str, call: ts.Node) -> list[tuple[Rule, dict[str, Any]]]:
        return [(rule, spec) for rule, spec in self.compiled.sinks_named(name) if self.sink_applies(spec, call)]

    def sink_applies(self, spec: dict[str, Any], call: ts.Node) -> bool:
        """The sink's `where` conditions hold at this call."""
        if spec.get("imported") and call.type == "call" and not self.imported(call.child_by_field_id(F_FUNCTION)):
            return False  # `regex.match(s)` on a local compiled pattern, not the `regex` module
        conditions = spec.get("where", ())
        if not conditions:
            return True
        key = (id(conditions), call.id)  # asked by the relevance pass and again by the walk
        found = self._applies.get(key)
        if found is None:
            by_text = (id(conditions), call.type, self.parsed.data[call.start_byte:call.end_byte]) \
                if context_free(conditions) else None  # `self.session.get(url, ...)` again and again
            found = self._applies_by_text.get(by_text) if by_text is not None else None
            if found is None:
                captures = shared_captures(call) if call.type == "call" else _store_captures(call)  # read only
                found = all(check(c, call, captures, self.index.qualname) for c in conditions)
                if by_text is not None:
                    self._applies_by_text[by_text] = found
            self._applies[key] = found
        return found

    def applies(self, rule: Rule, flow: Flow) -> bool:
        sources, cleaners = self.compiled.kinds[rule.id]
        return (flow.kind == "param" or flow.kind in sources) and not flow.cleaned & cleaners

    def report(self, rule: Rule, sink: ts.Node, flow: Flow, sink_name: str) -> None:
        key = (rule.id, sink.start_byte, sink.end_byte)
        hops = (*flow.hops, Hop("sink", sink.start_byte, sink.end_byte, f"reaches `{sink_name}`"))
        known = self.matches.get(key)
        if known is not None and _trace_order(known.hops) <= _trace_order(hops):
            return  # one flow per sink: the shortest, then the earliest (whatever order walks run in)
        captures = call_captures(sink) if sink.type == "call" else {"report": sink}
        if sink.type == "assignment":  # `session[k] = v`: the store is the callee
            captures["callee"] = sink.child_by_field_id(F_LEFT)
        values = {"source": flow.source_text, "sink": sink_name, "qualname": sink_name}
        self.matches[key] = Match(rule, sink, captures, values, hops)

    def local_callee(self, fn: ts.Node | None, class_name: str | None) -> ts.Node | None:
        if fn is None:
            return None
        if fn.type == "identifier":
            name = fn.text.decode()
            return self.functions.get(name) if name not in self.index.imports else None
        if fn.type == "attribute" and class_name is not None:
            owner = fn.child_by_field_id(F_OBJECT)
            if owner is not None and owner.type == "identifier" and owner.text in (b"self", b"cls"):
                return self.methods.get((class_name, fn.child_by_field_id(F_ATTRIBUTE).text.decode()))
        return None

    def callee_summary(self, fn: ts.Node | None, class_name: str | None) -> Summary | None:
        """Summary of the called function: same file first, then a function of the project."""
        if self.collecting:
            return None
        local = self.local_callee(fn, class_name)
        if local is not None:
            return self.summary(local)
        if self.project is None or fn is None or fn.type not in ("identifier", "attribute"):
            return None
        name = self.index.qualname(fn)
        if name is None or "(" in name or "[" in name or not self.imported(fn):
            return None
        if name not in self.external:
            found = self.project.summary(name, self.parsed.source.path)
            self.external[name] = None if found is None else declared(flatten(found, name),
                                                                        self.library.sanitizer_kinds(name))
        return self.external[name]

    def record_field(self, class_name: str, attr: str, taint: Taint) -> None:
        """Remember untrusted data stored in `self.attr` by any method of the class (and, in the
        light pass, everything stored there, to know the attributes only ever set to clean values)."""
        if self.collecting:
            self.field_writes[(class_name, attr)] = union(self.field_writes.get((class_name, attr), CLEAN), taint)
        sources = frozenset(f for f in taint if f.kind != "param")
        if sources:
            key = (class_name, attr)
            self.fields[key] = union(self.fields.get(key, CLEAN), sources)

    def field_taint(self, class_name: str, attr: str) -> Taint:
        """Taint stored in `self.attr` by the class's methods (on first use, one light pass over
        every method of the class that stores an attribute: no calls followed)."""
        if self.collecting:
            return CLEAN
        if class_name not in self.scanned_classes:
            self.scanned_classes.add(class_name)
            data = self.parsed.data
            writers = [m for m in self._class_methods().get(class_name, ())
                       if _STORES_FIELD.search(data, m.start_byte, m.end_byte)]
            self.collecting = True
            try:
                for method in writers:
                    self._walk(method)
            finally:
                self.collecting = False
        return self.fields.get((class_name, attr), CLEAN)

    def clean_field(self, class_name: str, attr: str) -> bool:
        """True when every method of the class that sets `self.attr` sets it to a clean value
        (`self.base = "https://api.example"`), so the object's constructor arguments do not reach it."""
        if self.collecting:
            return False
        self.field_taint(class_name, attr)
        key = (class_name, attr)
        if key in self.field_writes:
            return not self.field_writes[key]
        return attr in self._class_constants(class_name)  # `base = "ou=staff,..."` in the class body

    def _class_constants(self, class_name: str) -> dict[str, Any]:
        """Class-body names bound once to a constant (read as `self.name` when no method sets them)."""
        found = self._class_consts.get(class_name)
        if found is None:
            body = next((routes.class_body(m) for m in self._class_methods().get(class_name, ())), None)
            found = self._class_consts[class_name] = routes.module_constants(body) if body is not None else {}
        return found

    def _class_methods(self) -> dict[str, list[ts.Node]]:
        if self._by_class is None:
            self._by_class = {}
            for (owner, _), method in self.methods.items():
                self._by_class.setdefault(owner, []).append(method)
        return self._by_class

    def imported(self, fn: ts.Node) -> bool:
        """True when the leftmost name of a callee comes from an import."""
        head = fn
        while head.type == "attribute":
            head = head.child_by_field_id(F_OBJECT)
        return head.type == "identifier" and head.text.decode() in self.index.imports

    def summary(self, function: ts.Node) -> Summary:
        """Analyse a function once (parameters symbolic, or untrusted for route handlers).
        A summary that relied on an unfinished one (recursion) is not kept, so it is redone."""
        cached = self.summaries.get(function.id)
        if cached is not None:
            return cached
        if function.id in self.in_progress:
            self.partial = True
            name = function.child_by_field_id(F_NAME).text.decode()
            return Summary(name, [p for p, _ in routes.parameters(function)])
        outer_partial, self.partial = self.partial, False
        self.in_progress.add(function.id)
        try:
            summary = self._summarise(function)
        finally:
            self.in_progress.discard(function.id)
        if not self.partial or not self.in_progress:
            self.summaries[function.id] = summary
        self.partial = outer_partial or self.partial
        return summary

    def _summarise(self, function: ts.Node) -> Summary:
        walker = self._walk(function)
        name = function.child_by_field_id(F_NAME).text.decode()
        params = walker.params
        rest = next((i for i, (_, node) in enumerate(params) if node.type == "dictionary_splat_pattern"), -1)
        return Summary(name, [p for p, _ in params], walker.returns, walker.param_hits, rest_keywords=rest,
                       fields=tuple(walker.fields), self_stores=walker.self_stores)

    def _walk(self, function: ts.Node) -> Walker:
        params = routes.parameters(function)
        owner = self.class_names[function.id] if function.id in self.class_names else routes.class_of(function)
        walker = Walker(self, State(consts=dict(self.module_consts)), owner)
        walker.params, walker.param_count = params, len(params)
        walker.route = routes.is_route_handler(function, self.index)
        walker.html_responses = walker.route and routes.returns_html(function, self.index)
        untrusted = routes.untrusted_params(function, params, self.index)
        for i, (param, node) in enumerate(params):
            kind = untrusted.get(param)
            taint = walker.source_flow(kind, node) if kind else walker.param_flow(i, node, param)
            walker.state.assign(param, taint)
            walker.locals.add(param)
        walker.block(function.child_by_field_id(F_BODY))
        return walker

    def renders(self, value: ts.Node | None) -> bool:
        """A handler's returned value may be an HTML response built from data (see responses.may_render)."""
        helper = self.local_callee(value.child_by_field_id(F_FUNCTION), None) \
            if value is not None and value.type == "call" else None
        return may_render(value, self.index, helper)

    def on_return(self, walker: Walker, node: ts.Node, value: ts.Node | None) -> None:
        if not self.route_sinks or not getattr(walker, "route", False) or not walker.html_responses:
            return
        if not self.renders(value):
            return
        taint = walker.ev(value)
        for rule, _spec in self.route_sinks:
            for flow in taint:
                walker.hit(rule, value, flow, "the HTTP response")


def _store_captures(site: ts.Node) -> dict[str, ts.Node]:
    """Captures of a store sink `x[k] = v` (the assignment, or the subscript in a tuple target):
    the container is the callee of its `__setitem__`, so `where` conditions on the callee apply."""
    target = site.child_by_field_id(F_LEFT) if site.type == "assignment" else site
    container = target.child_by_field_id(F_VALUE) if target is not None and target.type == "subscript" else None
    return {"report": site, "callee": container} if container is not None else {"report": site}


def _trace_order(hops: tuple[Hop, ...]) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    return len(hops), tuple((h.start, h.end, h.note) for h in hops)


def run_taint(parsed: ParsedFile, index: FileIndex, compiled: TaintRules,
              project: Project | None = None) -> list[Match]:
    """Every taint match in a file, analysing only the functions that can reach a sink."""
    if not compiled.sinks:
        return []
    ctx = TaintContext(parsed, index, compiled, project)
    relevant, module_level = relevant_functions(ctx, bool(ctx.route_sinks))
    return _walk_all(ctx, relevant, module_level)


def walk_roots(parsed: ParsedFile, index: FileIndex, compiled: TaintRules, roots: list[ts.Node],
               module_level: bool) -> list[Match]:
    """The taint matches found by walking the given functions (and module-level code): no
    relevance pass, for a re-analysis that chose what to walk again (see threatmark.reuse)."""
    if not compiled.sinks:
        return []
    return _walk_all(TaintContext(parsed, index, compiled), roots, module_level)


def _walk_all(ctx: TaintContext, roots: list[ts.Node], module_level: bool) -> list[Match]:
    for function in roots:
        ctx.summary(function)
    if module_level:
        walker = Walker(ctx, State(consts=dict(ctx.module_consts)))
        walker.block(ctx.parsed.tree.root_node)
    return list(ctx.matches.values())

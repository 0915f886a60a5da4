"""Statement walking for the taint engine: assignments, branches (with constant folding), loops,
guards that sanitise (`if x in ALLOWED:`, `if not p.startswith(base): abort()`), and returns."""

from __future__ import annotations

from typing import Any

import tree_sitter as ts

from threatmark.core.fields import (
    F_ALIAS,
    F_ALTERNATIVE,
    F_BODY,
    F_CONDITION,
    F_CONSEQUENCE,
    F_FUNCTION,
    F_LEFT,
    F_OPERATOR,
    F_RIGHT,
    F_SUBJECT,
    F_VALUE,
)
from threatmark.core.match import Hop
from threatmark.core.names import matches_any
from threatmark.core.taint.constfold import UNKNOWN, fold
from threatmark.core.taint.exprs import ExprEval
from threatmark.core.taint.guards import EMPTY_VALUE, cleanings
from threatmark.core.taint.paths import access_path
from threatmark.core.taint.state import State, merge
from threatmark.core.taint.values import ALL_KINDS, CLEAN, Flow, Taint, clean, union

_EXITS = {"return_statement", "raise_statement", "continue_statement", "break_statement"}
_EXIT_CALLS = ("abort", "flask.abort", "sys.exit", "exit", "quit", "os._exit", "*.abort", "pytest.fail")
_AUG_OPS = {"+=", "-=", "*=", "%=", "|=", "&=", "^=", "//=", "/=", "<<=", ">>=", "**=", "@="}
_LOOP_PASSES = 2


class Walker(ExprEval):
    """Walks one function body (or module), tracking taint and collecting sink hits and returns."""

    def __init__(self, ctx: Any, state: State, class_name: str | None = None) -> None:
        self.ctx = ctx
        self.state = state
        self.class_name = class_name
        self.returns: Taint = CLEAN
        self.route = False  # set for route handlers: returned values are HTTP responses
        self.html_responses = False  # ...rendered as HTML (Flask) rather than JSON (FastAPI)
        self.locals: set[str] = set()  # names bound in this function (they shadow imports)
        self.instances: dict[str, str] = {}  # local name → class of this file it was built from
        self.callables: dict[str, str] = {}  # local name → `Q()` when calling what Q built is a sink
        self.derived: dict[str, ts.Node] = {}  # `parts = urlparse(url)`: parts → the url node
        self.param_hits: list[tuple[Any, ts.Node, Flow, str]] = []
        self.params: list[tuple[str, ts.Node]] = []  # (name, node) of the walked function's parameters
        self.param_count = 0  # parameters of the walked function (field inputs are numbered after them)
        self.fields: list[str] = []  # `self.attr` read as inputs (see threatmark.core.taint.fields)
        self.self_stores: dict[str, Taint] = {}  # attr → parameter flows this method stores there

    def hit(self, rule: Any, sink: ts.Node, flow: Flow, sink_name: str) -> None:
        if self.ctx.collecting or not self.ctx.applies(rule, flow):
            return
        if flow.kind == "param":
            self.param_hits.append((rule, sink, flow, sink_name))
        else:
            self.ctx.report(rule, sink, flow, sink_name)

    def block(self, node: ts.Node | None) -> None:
        if node is None:
            return
        for statement in node.named_children:
            if self.state.dead:
                return
            self.statement(statement)

    def statement(self, node: ts.Node) -> None:
        kind = node.type
        if kind == "expression_statement":
            for child in node.named_children:
                self.expression_statement(child)
        elif kind == "return_statement":
            value = node.named_children[0] if node.named_children else None
            self.returns = union(self.returns, self.ev(value))
            self.ctx.on_return(self, node, value)
            self.state.dead = True
        elif kind in ("raise_statement", "continue_statement", "break_statement"):
            self.ev(node.named_children[0] if node.named_children else None)
            self.state.dead = True
        elif kind == "if_statement":
            self.if_statement(node)
        elif kind in ("for_statement", "while_statement"):
            self.loop(node)
        elif kind == "try_statement":
            self.try_statement(node)
        elif kind == "with_statement":
            self.with_statement(node)
        elif kind == "match_statement":
            self.match_statement(node)
        elif kind in ("function_definition", "class_definition", "decorated_definition", "import_statement",
                      "import_from_statement", "pass_statement", "global_statement", "nonlocal_statement"):
            return
        else:
            for child in node.named_children:
                self.ev(child)

    def expression_statement(self, node: ts.Node) -> None:
        if node.type == "assignment":
            right = node.child_by_field_id(F_RIGHT)
            taint = self.ev(right) if right is not None else CLEAN
            left = node.child_by_field_id(F_LEFT)
            while right is not None and right.type == "assignment":  # a = b = value
                self.bind(right.child_by_field_id(F_LEFT), taint)
                right = right.child_by_field_id(F_RIGHT)
            self.bind(left, taint, right)
        elif node.type == "augmented_assignment":
            left = node.child_by_field_id(F_LEFT)
            op = node.child_by_field_id(F_OPERATOR)
            taint = union(self.ev(left), self.ev(node.child_by_field_id(F_RIGHT)))
            path = access_path(left, self.state)
            if path is not None and op is not None and op.type in _AUG_OPS:
                self.state.assign(path, taint)
        else:
            self.ev(node)
            if node.type == "call" and _is_exit_call(self, node):
                self.state.dead = True

    def if_statement(self, node: ts.Node) -> None:
        branches: list[tuple[ts.Node | None, ts.Node | None]] = [
            (node.child_by_field_id(F_CONDITION), node.child_by_field_id(F_CONSEQUENCE))]
        for clause in node.children_by_field_name("alternative"):
            if clause.type == "elif_clause":
                branches.append((clause.child_by_field_id(F_CONDITION), clause.child_by_field_id(F_CONSEQUENCE)))
            else:
                branches.append((None, clause.child_by_field_id(F_BODY)))
        outcomes: list[State] = []
        state = self.state
        for condition, body in branches:
            value = fold(condition, state.consts) if condition is not None else True
            if condition is not None and value is UNKNOWN:
                self.state = state.copy()
                self.ev(condition)
                self.apply_guard(condition, True)
                self.block(body)
                outcomes.append(self.state)
                self.state = state.copy()
                self.apply_guard(condition, False)
                state = self.state
                continue
            if value:
                self.state = state.copy()
                self.block(body)
                outcomes.append(self.state)
                break
        else:
            outcomes.append(state)
        self.state = merge(outcomes)

    def apply_guard(self, condition: ts.Node, truth: bool) -> None:
        """Clean the guarded variables in the branch where the condition has this truth value."""
        for path, kinds in cleanings(self, condition, truth).items():
            self.state.env[path] = clean(self.state.get(path), ALL_KINDS if kinds == EMPTY_VALUE else kinds)

    def loop(self, node: ts.Node) -> None:
        before = self.state.copy()
        if node.type == "while_statement" and fold(node.child_by_field_id(F_CONDITION), before.consts) is False:
            return
        for _ in range(_LOOP_PASSES):
            entry = self.state.copy()
            if node.type == "for_statement":
                self.bind(node.child_by_field_id(F_LEFT), self.ev(node.child_by_field_id(F_RIGHT)))
            else:
                self.ev(node.child_by_field_id(F_CONDITION))
            self.block(node.child_by_field_id(F_BODY))
            self.state.dead = False
            self.state = merge([entry, self.state])
        alternative = node.child_by_field_id(F_ALTERNATIVE)
        if alternative is not None:
            self.block(alternative.child_by_field_id(F_BODY))
        self.state = merge([before, self.state])

    def try_statement(self, node: ts.Node) -> None:
        before = self.state.copy()
        self.block(node.child_by_field_id(F_BODY))
        outcomes = [self.state]
        for clause in node.named_children:
            if clause.type == "except_clause":
                self.state = merge([before, outcomes[0]])
                self.state.dead = False
                self.block(clause.named_children[-1] if clause.named_children else None)
                outcomes.append(self.state)
            elif clause.type == "else_clause":
                self.state = outcomes[0]
                self.block(clause.child_by_field_id(F_BODY))
                outcomes[0] = self.state
        self.state = merge(outcomes)
        for clause in node.named_children:
            if clause.type == "finally_clause":
                self.block(clause.named_children[-1] if clause.named_children else None)

    def with_statement(self, node: ts.Node) -> None:
        for item in node.named_children:
            if item.type == "with_clause":
                for with_item in item.named_children:
                    value = with_item.child_by_field_id(F_VALUE)
                    if value is not None and value.type == "as_pattern":
                        target = value.child_by_field_id(F_ALIAS)
                        taint = self.ev(value.named_children[0])
                        self.bind(target.named_children[0] if target and target.named_children else target, taint)
                    else:
                        self.ev(value)
        self.block(node.child_by_field_id(F_BODY))

    def match_statement(self, node: ts.Node) -> None:
        self.ev(node.child_by_field_id(F_SUBJECT))
        before = self.state
        outcomes = [before.copy()]
        body = node.child_by_field_id(F_BODY)
        for case in body.named_children if body is not None else []:
            self.state = before.copy()
            self.block(case.child_by_field_id(F_CONSEQUENCE))
            outcomes.append(self.state)
        self.state = merge(outcomes)

    def param_flow(self, index: int, node: ts.Node, name: str) -> Taint:
        hop = Hop("source", node.start_byte, node.end_byte, f"parameter `{name}`")
        return frozenset({Flow("param", index, (hop,), frozenset(), name)})


def _is_exit_call(walker: Walker, node: ts.Node) -> bool:
    name = walker.ctx.index.qualname(node.child_by_field_id(F_FUNCTION))
    return matches_any(name, _EXIT_CALLS)

"""Re-analysis after an edit inside one top-level function or class: only that statement is
matched again, and only it and the statements that (transitively) use a name it defines are
walked by the taint engine; every other finding is kept from the last analysis, moved by the
edit's size. Anything this cannot prove unaffected falls back to a full analysis.

The editor's open document owns a `Memo`; `Engine.analyze(memo=...)` consults and refreshes it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.findings import refingerprint, trace_summary
from threatmark.core.index import FileIndex, build_index
from threatmark.core.match import match_patterns
from threatmark.core.parse import ParsedFile
from threatmark.core.taint.analyzer import walk_roots
from threatmark.core.units import (
    DEFINITION_UNITS,
    Unit,
    affected,
    changed_region,
    defined_names,
    describe,
    holding_unit,
    table_functions,
    unit_nodes,
)
from threatmark.model import Edit, Finding, Position, Span

if TYPE_CHECKING:
    from threatmark.engine import Engine

_UNSAFE_WORDS = (b"import", b"global", b"nonlocal")  # an edit that may change other statements' names


@dataclass(frozen=True)
class Kept:
    """What one analysis of a document leaves for the next: its text, statements, the file's
    imports, its findings before suppressions (fingerprinted, with fixes) and function names."""

    path: str
    rules: str
    data: bytes
    units: tuple[Unit, ...]
    imports: dict[str, str]
    findings: tuple[Finding, ...]
    functions: frozenset[bytes]  # the names of every function defined in the file, nested ones too


@dataclass(frozen=True)
class Plan:
    """How to bring a Kept analysis to a new parse: the changed statement (None when only text
    between statements changed), the statements to walk again, and the byte shift after it."""

    kept: Kept
    nodes: tuple[ts.Node, ...]
    changed: int | None
    walk: frozenset[int]
    old_range: tuple[int, int]  # the changed statement's start (or the edit's), the edit's old end
    delta: int
    rows: int


class Memo:
    """One document's last analysis, and counts of reused and full analyses (for tests and logs)."""

    def __init__(self) -> None:
        self.kept: Kept | None = None
        self._planned: tuple[bytes, Plan | None] | None = None
        self.reused = 0
        self.full = 0

    def plan(self, parsed: ParsedFile, engine: Engine) -> Plan | None:
        """A Plan when the last analysis can be brought to `parsed`; None means analyse in full."""
        kept = self.kept
        if kept is None or kept.path != parsed.source.path or kept.rules != engine.version:
            return None
        if self._planned is not None and self._planned[0] is parsed.data:
            return self._planned[1]
        plan = make_plan(kept, parsed)
        self._planned = (parsed.data, plan)
        return plan

    def reuse(self, parsed: ParsedFile, engine: Engine) -> list[Finding] | None:
        """The findings of `parsed` before suppressions, from the last analysis and a partial
        one; None when a full analysis is needed (which then calls `keep`)."""
        plan = self.plan(parsed, engine)
        done = reanalyse(engine, parsed, plan) if plan is not None else None
        self._planned = None
        if done is None:
            return None
        findings, units = done
        assert self.kept is not None
        self.kept = replace(self.kept, data=parsed.data, units=units, findings=tuple(findings))
        self.reused += 1
        return findings

    def keep(self, parsed: ParsedFile, engine: Engine, index: FileIndex, findings: list[Finding]) -> None:
        """Remember a full analysis (`index` from its pattern half: every call of the file)."""
        nodes = unit_nodes(parsed.tree.root_node)
        starts = [n.start_byte for n in nodes]
        called: list[set[bytes]] = [set() for _ in nodes]
        for call, fn in index.calls:
            if fn.type == "identifier":
                i = bisect_right(starts, call.start_byte) - 1
                if i >= 0 and call.end_byte <= nodes[i].end_byte:
                    called[i].add(fn.text or b"")
        own = [frozenset(defined_names(n)) for n in nodes]
        defined = frozenset().union(*own)
        units = tuple(describe(n, parsed.data, frozenset(c), defined, d)
                      for n, c, d in zip(nodes, called, own, strict=True))
        functions = frozenset(f.child_by_field_name("name").text or b"" for f in index.functions)
        self.kept = Kept(parsed.source.path, engine.version, parsed.data, units, dict(index.imports),
                         tuple(findings), functions)
        self._planned = None
        self.full += 1


def make_plan(kept: Kept, parsed: ParsedFile) -> Plan | None:
    """Check that the edit stays inside one top-level definition (or between statements) and
    changes no name other statements depend on."""
    start, old_end, new_end = changed_region(kept.data, parsed.data)
    nodes = tuple(unit_nodes(parsed.tree.root_node))
    if len(nodes) != len(kept.units):
        return None
    delta = new_end - old_end
    rows = parsed.data.count(b"\n", start, new_end) - kept.data.count(b"\n", start, old_end)
    changed = _holding_node(nodes, start, new_end)
    if changed is None:
        changed = holding_unit(kept.units, start, old_end)
    for i, (node, unit) in enumerate(zip(nodes, kept.units, strict=True)):
        shift = delta if unit.start >= old_end else 0
        if i != changed and (node.start_byte != unit.start + shift or node.end_byte != unit.end + shift
                             or node.type != unit.kind):
            return None
    if changed is None:
        if any(u.start < old_end and start < u.end for u in kept.units):
            return None  # the edit spans statements
        row = kept.data.count(b"\n", 0, old_end)
        if any(u.start >= old_end and u.first_row == row for u in kept.units):
            return None  # a statement after the edit on the same line: its columns would move
        return Plan(kept, nodes, None, frozenset(), (start, old_end), delta, rows)
    return _definition_plan(kept, parsed, nodes, changed, (start, old_end, new_end), rows)


def _holding_node(nodes: tuple[ts.Node, ...], start: int, end: int) -> int | None:
    """Index of the statement whose range holds [start, end) in the new text (a comment typed just
    after a function can belong to its body)."""
    i = bisect_right([n.start_byte for n in nodes], start) - 1
    return i if i >= 0 and end <= nodes[i].end_byte else None


def _definition_plan(kept: Kept, parsed: ParsedFile, nodes: tuple[ts.Node, ...], changed: int,
                     region: tuple[int, int, int], rows: int) -> Plan | None:
    old, node = kept.units[changed], nodes[changed]
    start, old_end, new_end = region
    if node.type != old.kind or old.kind not in DEFINITION_UNITS:
        return None
    for i, unit in enumerate(kept.units):
        if i != changed and ((unit.start < old_end and start < unit.end) or (nodes[i].start_byte < new_end
                             and start < nodes[i].end_byte)):
            return None  # the edit reaches into another statement
    neighbours = [kept.units[i] for i in (changed - 1, changed + 1) if 0 <= i < len(kept.units)]
    if any(u.last_row == old.first_row or u.first_row == old.last_row for u in neighbours):
        return None  # another statement on the same line: columns would move
    new_text = parsed.data[node.start_byte:node.end_byte]
    old_text = kept.data[old.start:old.end]
    if any(word in new_text or word in old_text for word in _UNSAFE_WORDS):
        return None
    fresh = describe(node, parsed.data, old.called, _defined(kept.units))
    if fresh.defines != old.defines:
        return None
    units = list(kept.units)
    units[changed] = fresh
    return Plan(kept, nodes, changed, frozenset(affected(units, changed)), (old.start, old_end),
                new_end - old_end, rows)


def reanalyse(engine: Engine, parsed: ParsedFile, plan: Plan) -> tuple[list[Finding], tuple[Unit, ...]] | None:
    """The findings (before suppressions) of `parsed` from the plan, and its statements; None
    when the edit turns out to change something other statements depend on."""
    kept = plan.kept
    units = list(kept.units)
    fresh: list[Finding] = []
    if plan.changed is not None:
        node = plan.nodes[plan.changed]
        index = _partial_index(engine, parsed, kept, (node,), with_patterns=True)
        defined = _defined(units)
        units[plan.changed] = describe(node, parsed.data, _called(index, node), defined)
        names = {f.child_by_field_name("name").text for f in index.functions}
        calls = units[plan.changed].called ^ kept.units[plan.changed].called
        if not names <= kept.functions or not calls.isdisjoint(kept.functions):
            return None  # a call by name added or removed may change which functions count as views
        matches = engine.kept_matches(match_patterns(index, engine.pattern_rules), parsed)
        fresh += engine.findings_of(matches, index, parsed)
        fresh += _taint_again(engine, parsed, plan, units)
    moved = [_moved(f, plan) for f in kept.findings if not _stale(f, plan, engine)]
    if any(f is None for f in moved):
        return None
    units = [u if i == plan.changed else _moved_unit(u, plan) for i, u in enumerate(units)]
    merged = {(f.rule_id, f.span.start.offset, f.span.end.offset): f for f in moved if f is not None}
    merged.update({(f.rule_id, f.span.start.offset, f.span.end.offset): f for f in fresh})
    ordered = sorted(merged.values(), key=lambda f: (f.span.start.offset, f.rule_id))
    return refingerprint(ordered, parsed), tuple(units)


def _taint_again(engine: Engine, parsed: ParsedFile, plan: Plan, units: list[Unit]) -> list[Finding]:
    """Taint findings of the statements to walk again (all their functions are walked)."""
    walk = tuple(plan.nodes[i] for i in sorted(plan.walk))
    index = _partial_index(engine, parsed, plan.kept, walk, with_patterns=False)
    roots = list(index.functions)
    others = [f for i, n in enumerate(plan.nodes) if i not in plan.walk for f in table_functions(n)]
    index.functions = sorted(roots + others, key=lambda n: n.start_byte)
    index.decorated |= {f.id for f in others if f.parent is not None and f.parent.type == "decorated_definition"}
    index.memo[("called-names", 0)] = frozenset(name for u in units for name in u.called)
    module_level = any(plan.nodes[i].type not in DEFINITION_UNITS for i in plan.walk)
    matches = walk_roots(parsed, index, engine.taint, roots, module_level)
    return engine.findings_of(engine.kept_matches(matches, parsed), index, parsed)


def _partial_index(engine: Engine, parsed: ParsedFile, kept: Kept, nodes: tuple[ts.Node, ...],
                   with_patterns: bool) -> FileIndex:
    index = build_index(parsed, engine.compiled, with_patterns=with_patterns, within=nodes)
    index.imports.clear()
    index.imports.update(kept.imports)  # the edit has no import: the file's imports are unchanged
    return index


def _called(index: FileIndex, node: ts.Node) -> frozenset[bytes]:
    return frozenset(fn.text or b"" for call, fn in index.calls if fn.type == "identifier"
                     and node.start_byte <= call.start_byte < node.end_byte)


def _defined(units: list[Unit] | tuple[Unit, ...]) -> frozenset[bytes]:
    return frozenset(name for u in units for name in u.defines)


def _stale(finding: Finding, plan: Plan, engine: Engine) -> bool:
    """A kept finding the plan recomputes: in the changed statement, or a taint finding that
    touches a statement walked again."""
    if plan.changed is None:
        return False
    unit = plan.kept.units[plan.changed]
    if _inside(finding.span, unit):
        return True
    if finding.rule_id not in engine.taint_ids:
        return False
    walked = [plan.kept.units[i] for i in plan.walk]
    spans = [finding.span, *(step.span for step in finding.trace)]
    return any(_inside(span, u) or _touches(span, u) for span in spans for u in walked)


def _inside(span: Span, unit: Unit) -> bool:
    return unit.start <= span.start.offset and span.end.offset <= unit.end


def _touches(span: Span, unit: Unit) -> bool:
    return span.start.offset < unit.end and unit.start < span.end.offset


def _moved(finding: Finding, plan: Plan) -> Finding | None:
    """The kept finding in the new text's coordinates; None when one of its fix edits overlaps
    the changed bytes (it would have to be rebuilt)."""
    if any(_edit_touches(edit, plan) for fix in finding.fixes for edit in fix.edits):
        return None
    if not plan.delta and not plan.rows:
        return finding
    fixes = []
    for fix in finding.fixes:
        fixes.append(replace(fix, edits=tuple(_moved_edit(edit, plan) for edit in fix.edits)))
    trace = tuple(replace(step, span=_moved_span(step.span, plan)) for step in finding.trace)
    message = finding.message
    if len(trace) > 1 and plan.rows:  # the message ends with the flow's line numbers
        suffix = f" (flow: {trace_summary(finding.trace)})"
        if not message.endswith(suffix):
            return None
        message = f"{message[: -len(suffix)]} (flow: {trace_summary(trace)})"
    return replace(finding, span=_moved_span(finding.span, plan), trace=trace, fixes=tuple(fixes), message=message)


def _edit_touches(edit: Edit, plan: Plan) -> bool:
    lo, hi = plan.old_range
    if plan.changed is not None:
        hi = max(hi, plan.kept.units[plan.changed].end)
    return (edit.start < hi and lo < edit.end) or lo < edit.start < hi


def _moved_edit(edit: Edit, plan: Plan) -> Edit:
    if edit.start < plan.old_range[1]:
        return edit
    span = _moved_span(edit.span, plan) if edit.span is not None else None
    return replace(edit, start=edit.start + plan.delta, end=edit.end + plan.delta, span=span)


def _moved_span(span: Span, plan: Plan) -> Span:
    return Span(_moved_position(span.start, plan), _moved_position(span.end, plan))


def _moved_position(position: Position, plan: Plan) -> Position:
    if position.offset < plan.old_range[1]:
        return position
    return Position(position.line + plan.rows, position.column, position.offset + plan.delta)


def _moved_unit(unit: Unit, plan: Plan) -> Unit:
    if unit.start < plan.old_range[1]:
        return unit
    return Unit(unit.start + plan.delta, unit.end + plan.delta, unit.first_row + plan.rows,
                unit.last_row + plan.rows, unit.kind, unit.defines, unit.words, unit.called)


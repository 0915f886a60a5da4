"""Pattern rules → Match values (rule + captured nodes). Nodes never leave the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import tree_sitter as ts

from threatmark.core.calls import shared_captures
from threatmark.core.conditions import check, reads_captures
from threatmark.core.index import FileIndex
from threatmark.core.names import NameTable, as_tuple
from threatmark.core.rules import Rule


class Hop(NamedTuple):
    """A step of a taint flow in byte offsets (converted to a TraceStep later). A named tuple, not
    a dataclass: the taint walk makes and hashes thousands, and tuples do both in C."""

    kind: str  # "source" | "step" | "sink"
    start: int
    end: int
    note: str


@dataclass(frozen=True, eq=False)
class Match:
    """A rule matched at `node`; captures fill the message and fix templates."""

    rule: Rule
    node: ts.Node
    captures: dict[str, ts.Node]
    values: dict[str, str] = field(default_factory=dict)
    hops: tuple[Hop, ...] = ()


def match_patterns(index: FileIndex, rules: tuple[Rule, ...]) -> list[Match]:
    """All matches of pattern rules (call matchers and query matchers) in one file."""
    found: list[Match] = []
    table = _call_table(rules)
    if table is not None:
        found += _match_calls(index, table)
    for rule, matcher_index, captures in index.query_matches:
        matcher = rule.pattern[matcher_index]
        flat = {name: nodes[0] for name, nodes in captures.items() if nodes}
        if not flat:  # a predicate-only pattern (e.g. `(#match? ...)` on its own line) captures nothing
            continue
        call = flat.get("call")
        call = call if call is not None and call.type == "call" else None
        if not all(check(cond, call, flat, index.qualname) for cond in matcher.get("where", ())):
            continue
        report = matcher.get("report", "report")
        node = flat.get(report) or _outermost(flat)
        found.append(Match(rule, node, flat, {"qualname": ""}))
    return found


@lru_cache(maxsize=8)
def _call_table(rules: tuple[Rule, ...]) -> NameTable | None:
    """The call matchers of a rule set by callee glob, built once per rule set (lookups memoised)."""
    matchers = [(rule, m) for rule in rules for m in rule.pattern if "call" in m]
    return NameTable([(as_tuple(m["call"]), (rule, m)) for rule, m in matchers]) if matchers else None


def _match_calls(index: FileIndex, table: NameTable) -> list[Match]:
    found: list[Match] = []
    qualname = index.qualname
    for (call, _), name in zip(index.calls, index.callee_names(), strict=True):
        matchers = table.lookup(name) if name is not None else None
        if not matchers:
            continue
        seen: set[str] = set()
        for rule, matcher in matchers:  # type: ignore[misc]
            if rule.id in seen:
                continue
            conditions = matcher.get("where", ())
            # read-only while checking (built only for conditions that read it); each Match gets its own copy
            captures = shared_captures(call) if reads_captures(conditions) else _NO_CAPTURES
            if all(check(cond, call, captures, qualname) for cond in conditions):
                seen.add(rule.id)
                found.append(Match(rule, call, dict(shared_captures(call)), {"qualname": name}))
    return found


_NO_CAPTURES: dict[str, ts.Node] = {}


def _outermost(captures: dict[str, ts.Node]) -> ts.Node:
    return min(captures.values(), key=lambda n: (n.start_byte, -n.end_byte))

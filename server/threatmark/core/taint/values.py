"""Taint values: a frozenset of Flows, each remembering its origin, path and sanitisers."""

from __future__ import annotations

from typing import NamedTuple

from threatmark.core.match import Hop

MAX_FLOWS = 6
MAX_HOPS = 10


class Flow(NamedTuple):
    """One way untrusted data reaches a value: origin kind, hops so far, sanitiser kinds applied.
    An immutable named tuple (made, hashed and compared in C: the walk's hottest value)."""

    kind: str  # a source kind ("web", "cli", ...) or "param" inside a function summary
    param: int  # parameter index when kind == "param", else -1
    hops: tuple[Hop, ...]
    cleaned: frozenset[str] = frozenset()
    source_text: str = ""


Taint = frozenset[Flow]
CLEAN: Taint = frozenset()
ALL_KINDS = frozenset({"all"})  # sanitised for every sink kind


def union(*taints: Taint) -> Taint:
    """Union of taints, capped to MAX_FLOWS distinct (kind, param, cleaned) flows."""
    if not any(taints):
        return CLEAN  # the common case: nothing tainted
    merged: dict[tuple, Flow] = {}
    for taint in taints:
        for flow in taint:
            merged.setdefault((flow.kind, flow.param, flow.cleaned), flow)
            if len(merged) >= MAX_FLOWS:
                return frozenset(merged.values())
    return frozenset(merged.values())


def add_hop(taint: Taint, hop: Hop) -> Taint:
    """Append a hop to every flow (keeping the source and the most recent hops)."""
    if not taint:
        return taint
    return frozenset(Flow(f.kind, f.param, _cap((*f.hops, hop)), f.cleaned, f.source_text) for f in taint)


def _cap(hops: tuple[Hop, ...]) -> tuple[Hop, ...]:
    if len(hops) <= MAX_HOPS:
        return hops
    return hops[:2] + hops[-(MAX_HOPS - 2) :]


def clean(taint: Taint, kinds: frozenset[str]) -> Taint:
    """Mark every flow as sanitised for the given kinds."""
    if not taint or not kinds:
        return taint
    return frozenset(Flow(f.kind, f.param, f.hops, f.cleaned | kinds, f.source_text) for f in taint)


def substitute(summary: Taint, args: dict[int, Taint], call_hop: Hop) -> Taint:
    """Instantiate a callee's return taint: parameter flows become the caller's argument flows."""
    out: list[Taint] = []
    for flow in summary:
        if flow.kind != "param":
            out.append(frozenset({flow._replace(hops=_cap((*flow.hops, call_hop)))}))
            continue
        for arg in args.get(flow.param, CLEAN):
            hops = _cap((*arg.hops, call_hop, *flow.hops[1:]))
            out.append(frozenset({arg._replace(hops=hops, cleaned=arg.cleaned | flow.cleaned)}))
    return union(*out)

"""Summary: what a function does with its parameters (what it returns, which sinks they reach),
computed once by the taint walk and instantiated at every call site; and how another file's
summary is made usable in this one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import tree_sitter as ts

from threatmark.core.match import Hop
from threatmark.core.rules import Rule
from threatmark.core.taint.values import CLEAN, Flow, Taint, clean, union


@dataclass
class Summary:
    """What a same-file function does with its parameters: returns and sinks they reach."""

    name: str
    params: list[str]
    returns: Taint = CLEAN
    param_hits: list[tuple[Rule, ts.Node | None, Flow, str]] = field(default_factory=list)
    external: bool = False  # from another file: hits are reported at the call site
    rest_keywords: int = -1  # index of a `**kwargs` parameter, which receives unnamed keywords
    fields: tuple[str, ...] = ()  # `self.attr` read as inputs: parameters len(params) + j
    self_stores: dict[str, Taint] = field(default_factory=dict)  # attr → parameter flows stored there

    def bind(self, args: list[Taint], kwargs: dict[str, Taint], skip_self: bool) -> dict[int, Taint]:
        offset = 1 if skip_self and self.params[:1] in (["self"], ["cls"]) else 0
        bound = {i + offset: taint for i, taint in enumerate(args) if i + offset < len(self.params)}
        bound.update({self.params.index(k): t for k, t in kwargs.items() if k in self.params})
        rest = [t for k, t in kwargs.items() if k not in self.params]
        if self.rest_keywords >= 0 and rest:
            bound[self.rest_keywords] = union(bound.get(self.rest_keywords, CLEAN), *rest)
        return bound



def declared(summary: Summary, kinds: frozenset[str]) -> Summary:
    """A project function that is also a declared sanitiser: what it returns is clean for those
    kinds whatever its code seems to do; the sinks inside it still report."""
    return replace(summary, returns=clean(summary.returns, kinds)) if kinds else summary


def flatten(summary: Summary, qualname: str) -> Summary:
    """Make another file's summary usable here: its hops point into that file, so replace them
    by notes (the call site gives the location)."""
    returns = frozenset(f._replace(hops=(Hop("step", 0, 0, ""),) if f.kind == "param" else (
        Hop("source", 0, 0, f"untrusted input `{f.source_text}` returned by `{qualname}()`"),))
        for f in summary.returns)
    hits = [(rule, None, flow._replace(hops=(Hop("step", 0, 0, ""),)), f"{sink} (inside `{qualname}()`)")
            for rule, _sink, flow, sink in summary.param_hits]
    return Summary(summary.name, summary.params, returns, hits, external=True, rest_keywords=summary.rest_keywords)

"""Taint rules compiled once per rule set: their sinks (looked up by name), per-rule source and
sanitiser kinds, the source/sanitiser library, `__setitem__` containers and sink-object makers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from threatmark.core.names import NameTable, as_tuple
from threatmark.core.rules import Rule
from threatmark.core.taint.library import Library, build_library

ROUTE_RETURN = "$route-return"


@dataclass(frozen=True, eq=False)
class TaintRules:
    """Taint rules compiled once per rule set: sinks, per-rule source and sanitiser kinds, library."""

    sinks: tuple[tuple[Rule, dict[str, Any]], ...]
    kinds: dict[str, tuple[frozenset[str], frozenset[str]]]
    library: Library
    sink_table: NameTable
    stores: tuple[tuple[bytes, ...], re.Pattern[bytes]] | None  # containers with `__setitem__` sinks
    makers: frozenset[str]  # `Q` for the sinks named `Q()`: calling what Q builds is the sink
    route_sinks: tuple[tuple[Rule, dict[str, Any]], ...] = ()  # sinks on what a route handler returns
    _memo: dict[str, list[tuple[Rule, dict[str, Any]]]] = field(default_factory=dict)

    def sinks_named(self, name: str) -> list[tuple[Rule, dict[str, Any]]]:
        """(rule, sink spec) pairs whose call globs match a resolved name (memoised)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self.sink_table.lookup(name)  # type: ignore[assignment]
        return found

    @classmethod
    def build(cls, rules: tuple[Rule, ...]) -> TaintRules:
        sinks, kinds, custom_sources, custom_sanitizers = [], {}, [], []
        for rule in rules:
            spec = rule.taint or {}
            sources = frozenset(s if isinstance(s, str) else s["kind"] for s in spec.get("sources", ()))
            custom_sources += [(s["kind"], s) for s in spec.get("sources", ()) if isinstance(s, dict)]
            cleaners = {"all"}
            for name in spec.get("sanitizers", ()):
                if name in _SANITIZER_KINDS:
                    cleaners.add(name)
                else:
                    cleaners.add(f"rule:{rule.id}")
                    custom_sanitizers.append((f"rule:{rule.id}", name))
            kinds[rule.id] = (sources, frozenset(cleaners))
            sinks += [(rule, sink) for sink in spec.get("sinks", ())]
        table = NameTable([(tuple(g for g in as_tuple(sink["call"]) if g != ROUTE_RETURN), (rule, sink))
                           for rule, sink in sinks])
        globs = [glob for _, sink in sinks for glob in as_tuple(sink["call"])]
        makers = frozenset(g[:-2] for g in globs if g.endswith("()") and "*" not in g)
        route_sinks = tuple((r, s) for r, s in sinks if ROUTE_RETURN in as_tuple(s["call"]))
        return cls(tuple(sinks), kinds, build_library(custom_sources, custom_sanitizers), table,
                   _store_pattern(globs), makers, route_sinks)


def _store_pattern(globs: list[str]) -> tuple[tuple[bytes, ...], re.Pattern[bytes]] | None:
    """The container words and a regex for `session[...] = ` of sinks like `*session.__setitem__`."""
    containers = {glob[: -len(".__setitem__")].rsplit(".", 1)[-1].lstrip("*")
                  for glob in globs if glob.endswith(".__setitem__")}
    words = tuple(sorted(c.encode() for c in containers if c.isidentifier()))
    if not words:
        return None
    return words, re.compile(rb"\b(?:%s)\s*\[[^\]\n]*\]\s*=(?!=)" % b"|".join(words))


_SANITIZER_KINDS = {"all", "sql", "shell", "html", "path", "url", "ldap", "xpath", "log", "header", "regex", "code"}

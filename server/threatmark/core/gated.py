"""Word-gated rule patterns, run only where their words occur.

A pattern whose predicates require a word (`#eq? @x "DEBUG"`, a `#qualname?` glob's last
segment) can only match a node whose text holds that word, or the local name of an import
that resolves to it (`from random import choice as pick`). So such a pattern runs on just the
top-level statements holding an occurrence, and not at all in files without one: a query over
a few statements costs microseconds, a walk of a 10,000-line tree costs ~15 ms per query.
Patterns rooted at `module` (or at a node kind the pattern does not name) run on the whole tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import tree_sitter as ts

from threatmark.core.captures import root_types
from threatmark.core.occurrences import Occurrences, Offsets
from threatmark.core.parse import language
from threatmark.core.prefilter import custom_predicates, group_end
from threatmark.core.rules import Rule

_MODULE_ROOT = re.compile(r"^[\s(\[]*module\b")
_WHOLE_TREE_SHARE = 0.6  # above this share of the file's bytes, one combined whole-tree run is cheaper
# Below this many bytes of nodes, patterns sharing them run one by one (each query compiled once per
# process) rather than as a combined query: compiling a new combination costs 5-50 ms, walking 64 kB
# again ~6 ms, and a tree scan meets a new combination every dozen files.
_COMBINE_BYTES = 64_000

Owner = tuple[Rule, int]
# (query, owners, nodes, keep only TOP_CAPTURE at a node, has predicates only a callback can test)
Run = tuple[ts.Query, tuple[Owner, ...], tuple[ts.Node, ...], bool, bool]
TOP_CAPTURE = "tm-top"
_MODULE_CHILD = re.compile(r"^\s*\(\s*\(module\s+")


@dataclass(frozen=True)
class GatedPattern:
    """One top-level query pattern with the word sets it needs (a word of each)."""

    source: str
    rule: Rule
    matcher: int
    words: tuple[tuple[bytes, ...], ...]
    local: bool  # True when every match lies inside one top-level statement
    top: bool = False  # rewritten from `((module CHILD) ...)`: CHILD must be the statement itself
    roots: frozenset[str] | None = None  # node kinds every match's root has, when known

    @cached_property
    def lowered(self) -> tuple[frozenset[bytes], ...]:
        """The word sets lower-cased, as the file's words are found."""
        return tuple(frozenset(w.lower() for w in words) for words in self.words)


def gated_pattern(source: str, rule: Rule, matcher: int, words: tuple[tuple[bytes, ...], ...]) -> GatedPattern:
    if _MODULE_ROOT.match(source) is None:
        return GatedPattern(source, rule, matcher, words, True, roots=_concrete(root_types(source)))
    child = module_child(source)
    if child is not None:
        return GatedPattern(child, rule, matcher, words, True, top=True)
    return GatedPattern(source, rule, matcher, words, False)


def _concrete(kinds: frozenset[str] | None) -> frozenset[str] | None:
    """The kinds, unless one is a supertype (`expression`): node.type never names those."""
    if kinds is None:
        return None
    lang = language("python")
    supertypes = {lang.node_kind_for_id(i) for i in lang.supertypes}  # node_kind_is_supertype() says True for all
    if any(lang.id_for_node_kind(kind, True) is None or kind in supertypes for kind in kinds):
        return None
    return kinds


def module_child(source: str) -> str | None:
    """`((module CHILD) predicates)` as `(CHILD @tm-top predicates)`, so it can run on one
    top-level statement instead of the whole tree; None for other shapes (several children)."""
    head = _MODULE_CHILD.match(source)
    if head is None:
        return None
    inner_start = head.end()
    module_end = group_end(source, source.index("(module", head.start()))
    outer_end = group_end(source, source.index("(", head.start()))
    if module_end < 0 or outer_end < 0:
        return None
    inner = source[inner_start:module_end - 1].strip()
    child_end = group_end(inner, 0) if inner.startswith("(") else -1
    if child_end != len(inner):
        return None
    predicates = source[module_end:outer_end - 1]
    return f"({inner} @{TOP_CAPTURE} {predicates})"


@dataclass(frozen=True, eq=False)
class GatedPatterns:
    """The gated patterns of a rule set; queries compiled on first use and kept."""

    patterns: tuple[GatedPattern, ...]
    _queries: dict[int, ts.Query] = field(default_factory=dict)

    def runs(self, offsets: Offsets, found: frozenset[bytes], size: int, root: ts.Node, imports: dict[str, str],
             only: frozenset[int] | None = None) -> list[Run]:
        """(query, pattern owners, nodes to run it on, top-only) for the patterns this text allows
        (`found`: the lower-case pattern words it holds); patterns that run on the same large nodes
        share one combined query (one walk of those nodes). `only` (indexes of the root's children)
        limits where word-gated patterns look."""
        if not self.patterns:
            return []
        where = Occurrences(offsets, found, size, root, imports)
        groups: dict[tuple[tuple[int, ...], bool], tuple[list[int], tuple[ts.Node, ...]]] = {}
        for i, pattern in enumerate(self.patterns):
            nodes = self._nodes_for(pattern, where, root, only)
            if nodes:
                key = (tuple(n.start_byte for n in nodes) + tuple(n.end_byte for n in nodes), pattern.top)
                groups.setdefault(key, ([], nodes))[0].append(i)
        out: list[Run] = []
        for (_, top), (chosen, nodes) in groups.items():
            small = sum(n.end_byte - n.start_byte for n in nodes) < _COMBINE_BYTES
            for patterns in ([(i,) for i in chosen] if small else [tuple(chosen)]):
                query, owners = self._combined(patterns)
                out.append((query, owners, nodes, top, self._custom(patterns)))
        return out

    def _nodes_for(self, pattern: GatedPattern, where: Occurrences, root: ts.Node,
                   only: frozenset[int] | None) -> tuple[ts.Node, ...]:
        """The nodes to run one pattern on (none when its words are missing)."""
        if not where.may_hold(pattern.lowered):
            return ()
        if not pattern.local:
            return (root,) if all(where.units(words) for words in pattern.words) else ()
        units = where.units_all(pattern.words)
        if only is not None:
            units = units & only
        if not units:
            return ()
        anchors = where.anchors(pattern.words, pattern.roots, units) if pattern.roots else None
        if anchors is not None:
            return anchors
        if where.share(units) > _WHOLE_TREE_SHARE and not pattern.top:
            return (root,)
        return where.nodes(units)

    def _query(self, i: int) -> ts.Query:
        query = self._queries.get(i)
        if query is None:
            query = self._queries[i] = ts.Query(language("python"), self.patterns[i].source)
        return query

    @lru_cache(maxsize=256)  # noqa: B019 - one GatedPatterns per rule set; the cache lives as long
    def _custom(self, chosen: tuple[int, ...]) -> bool:
        return any(custom_predicates(self.patterns[i].source) for i in chosen)

    @lru_cache(maxsize=256)  # noqa: B019 - as above
    def _combined(self, chosen: tuple[int, ...]) -> tuple[ts.Query, tuple[Owner, ...]]:
        if len(chosen) == 1:
            return self._query(chosen[0]), ((self.patterns[chosen[0]].rule, self.patterns[chosen[0]].matcher),)
        query = ts.Query(language("python"), "\n".join(self.patterns[i].source for i in chosen))
        return query, tuple((self.patterns[i].rule, self.patterns[i].matcher) for i in chosen)

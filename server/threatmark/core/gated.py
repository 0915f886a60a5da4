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
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Any

import tree_sitter as ts

from threatmark.core.captures import root_types
from threatmark.core.parse import language
from threatmark.core.prefilter import custom_predicates, group_end
from threatmark.core.rules import Rule

_MODULE_ROOT = re.compile(r"^[\s(\[]*module\b")
_BYTES_PER_ANCHOR = 60  # below this many statement bytes per occurrence, walk whole statements instead
_WHOLE_TREE_SHARE = 0.6  # above this share of the file's bytes, one combined whole-tree run is cheaper
# Below this many bytes of nodes, patterns sharing them run one by one (each query compiled once per
# process) rather than as a combined query: compiling a new combination costs 5-50 ms, walking 64 kB
# again ~6 ms, and a tree scan meets a new combination every dozen files.
_COMBINE_BYTES = 64_000

Owner = tuple[Rule, int]
# (query, owners, nodes, keep only TOP_CAPTURE at a node, has predicates only a callback can test)
Run = tuple[ts.Query, tuple[Owner, ...], tuple[ts.Node, ...], bool, bool]
TOP_CAPTURE = "tm-top"
Offsets = Callable[[bytes], list[int]]  # a word's ascending offsets in the file, case-insensitively
_MODULE_CHILD = re.compile(r"^\s*\(\s*\(module\s+")
Chain = tuple[list[ts.Node], dict[str, int]]  # nodes spanning an occurrence, outermost first; type → first depth


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
        where = _Occurrences(offsets, found, size, root, imports)
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

    def _nodes_for(self, pattern: GatedPattern, where: _Occurrences, root: ts.Node,
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


class _Occurrences:
    """Where words occur in one file, as indexes of the top-level statements holding them."""

    def __init__(self, offsets: Offsets, found: frozenset[bytes], size: int, root: ts.Node,
                 imports: dict[str, str]) -> None:
        self.offsets, self.found, self.size, self.root = offsets, found, size, root
        self._children: list[ts.Node] | None = None
        self._starts: list[int] = []
        self.imports = [(local.lower().encode(), qualified.lower().encode()) for local, qualified in imports.items()]
        self._qualified = b"\n".join(qualified for _, qualified in self.imports)  # one search rules most words out
        self._memo: dict[tuple[str, object], Any] = {}  # (question, argument) -> answer: patterns share words
        self._chains: dict[tuple[int, int], Chain] = {}

    def _cached(self, question: str, argument: object, compute: Callable[[], Any]) -> Any:
        """The memoised answer to `question` about `argument` in this file."""
        key = (question, argument)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def may_hold(self, word_sets: tuple[frozenset[bytes], ...]) -> bool:
        """Each set has a word the text holds, or one an import's qualified name holds (an alias may
        stand for it): a set intersection rules most patterns out before any is planned."""
        return all(words & self.found or any(w in self._qualified for w in words) for words in word_sets)

    def aliases(self, word: bytes) -> tuple[bytes, ...]:
        """Local names of imports whose qualified name holds the word but whose own text does not."""
        if word not in self._qualified:
            return ()
        return self._cached("aliases", word, lambda: tuple(
            local for local, qualified in self.imports if word in qualified and word not in local))

    def units_all(self, word_sets: tuple[tuple[bytes, ...], ...]) -> frozenset[int]:
        """Statement indexes holding a word of every set (the match lies in one statement)."""
        found: frozenset[int] | None = None
        for words in word_sets:
            hits = self.units(words) or frozenset()
            found = hits if found is None else found & hits
            if not found:
                return frozenset()
        return found or frozenset()

    def units(self, words: tuple[bytes, ...]) -> frozenset[int] | None:
        """Top-level statement indexes holding one of the words (or an alias of one); None if none."""
        return self._cached("units", words, lambda: self._union_of_units(words))

    def _union_of_units(self, words: tuple[bytes, ...]) -> frozenset[int] | None:
        found: set[int] = set()
        for spelling in self._spellings(words):
            found |= self._word_units(spelling)
        return frozenset(found) if found else None

    def _word_units(self, word: bytes) -> frozenset[int]:
        return self._cached("word units", word, lambda: self._units_of(word))

    def _units_of(self, word: bytes) -> frozenset[int]:
        positions = self.offsets(word)
        if not positions:
            return frozenset()
        children, starts = self._statements()
        if not children:
            return frozenset()
        after = set(map(partial(bisect_right, starts), positions))  # in C: many occurrences, few statements
        return frozenset(max(0, index - 1) for index in after)

    def _statements(self) -> tuple[list[ts.Node], list[int]]:
        if self._children is None:
            self._children = list(self.root.children)
            self._starts = [child.start_byte for child in self._children]
        return self._children, self._starts

    def share(self, units: frozenset[int]) -> float:
        children, _ = self._statements()
        covered = sum(children[i].end_byte - children[i].start_byte for i in units)
        return covered / max(1, self.size)

    def anchors(self, word_sets: tuple[tuple[bytes, ...], ...], roots: frozenset[str],
                units: frozenset[int]) -> tuple[ts.Node, ...] | None:
        """The outermost nodes of a root kind that hold an occurrence of the rarest word set, in
        the given statements: a match's root is one of them or inside one. None when walking the
        statements is cheaper than looking at that many occurrences one by one (memoised)."""
        return self._cached("anchors", (word_sets, roots, units),
                            lambda: self._find_anchors(word_sets, roots, units))

    def _find_anchors(self, word_sets: tuple[tuple[bytes, ...], ...], roots: frozenset[str],
                      units: frozenset[int]) -> tuple[ts.Node, ...] | None:
        counted = [(sum(len(self.offsets(w)) for w in spellings), spellings)
                   for spellings in (self._spellings(words) for words in word_sets)]
        total, spellings = min(counted)
        children, _ = self._statements()
        # an occurrence costs ~5 us to locate; walking a statement ~0.2 us a node (~2.6 bytes)
        if total > sum(children[u].end_byte - children[u].start_byte for u in units) // _BYTES_PER_ANCHOR:
            return None
        found: dict[tuple[int, int], ts.Node] = {}
        single = next(iter(roots)) if len(roots) == 1 else None
        for nodes, first in self._cached("chains", (spellings, units), lambda: self._chains_in(spellings, units)):
            if single is not None:
                outermost = first.get(single)
            else:
                depths = [first[kind] for kind in roots if kind in first]
                outermost = min(depths) if depths else None
            if outermost is not None:
                node = nodes[outermost]
                found[(node.start_byte, node.end_byte)] = node
        return tuple(found[key] for key in sorted(found))

    def _chains_in(self, spellings: tuple[bytes, ...], units: frozenset[int]) -> list[Chain]:
        """The node chain of every occurrence of the words in the given statements (the six
        hardcoded-secret patterns ask about the same occurrences, each for its own root kind)."""
        children, starts = self._statements()
        chains = []
        for word in spellings:
            for at in self.offsets(word):
                unit = max(0, bisect_right(starts, at) - 1)
                if unit in units:
                    chains.append(self._chain(children[unit], at, at + len(word)))
        return chains

    def _chain(self, statement: ts.Node, lo: int, hi: int) -> Chain:
        """The nodes spanning [lo, hi), from the statement down, and the depth of the outermost
        one of each type (memoised: patterns share words, and hardcoded-secret ones look at the
        same words for six roots)."""
        key = (lo, hi)
        chain = self._chains.get(key)
        if chain is None:
            nodes = _spanning(statement, lo, hi)
            first: dict[str, int] = {}
            for depth, node in enumerate(nodes):
                first.setdefault(node.type, depth)
            chain = self._chains[key] = (nodes, first)
        return chain

    def _spellings(self, words: tuple[bytes, ...]) -> tuple[bytes, ...]:
        return self._cached("spellings", words, lambda: tuple(dict.fromkeys(
            s for w in words for s in (w.lower(), *self.aliases(w.lower())))))

    def nodes(self, units: frozenset[int]) -> tuple[ts.Node, ...]:
        children, _ = self._statements()
        return tuple(children[i] for i in sorted(units))


def _spanning(statement: ts.Node, lo: int, hi: int) -> list[ts.Node]:
    """The nodes spanning [lo, hi), from the statement down."""
    chain = [statement]
    cursor = statement.walk()
    while cursor.goto_first_child_for_byte(lo) is not None:
        node = cursor.node
        if node is None or node.start_byte > lo or node.end_byte < hi:
            break
        chain.append(node)
    return chain

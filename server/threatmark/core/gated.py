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
from dataclasses import dataclass, field
from functools import lru_cache

import tree_sitter as ts

from threatmark.core.parse import language
from threatmark.core.rules import Rule

_MODULE_ROOT = re.compile(r"^[\s(\[]*module\b")
_WHOLE_TREE_SHARE = 0.6  # above this share of the file's bytes, one combined whole-tree run is cheaper

Owner = tuple[Rule, int]
Run = tuple[ts.Query, tuple[Owner, ...], tuple[ts.Node, ...]]


@dataclass(frozen=True)
class GatedPattern:
    """One top-level query pattern with the word sets it needs (a word of each)."""

    source: str
    rule: Rule
    matcher: int
    words: tuple[tuple[bytes, ...], ...]
    local: bool  # True when every match lies inside one top-level statement


def gated_pattern(source: str, rule: Rule, matcher: int, words: tuple[tuple[bytes, ...], ...]) -> GatedPattern:
    return GatedPattern(source, rule, matcher, words, _MODULE_ROOT.match(source) is None)


@dataclass(frozen=True, eq=False)
class GatedPatterns:
    """The gated patterns of a rule set; queries compiled on first use and kept."""

    patterns: tuple[GatedPattern, ...]
    _queries: dict[int, ts.Query] = field(default_factory=dict)

    def runs(self, data: bytes, root: ts.Node, imports: dict[str, str]) -> list[Run]:
        """(query, pattern owners, nodes to run it on) for the patterns this text allows."""
        if not self.patterns:
            return []
        where = _Occurrences(data, root, imports)
        whole: list[int] = []
        out: list[Run] = []
        for i, pattern in enumerate(self.patterns):
            if not pattern.local:
                if all(where.units(words) for words in pattern.words):
                    whole.append(i)
                continue
            units = where.units_all(pattern.words)
            if not units:
                continue
            if where.share(units) > _WHOLE_TREE_SHARE:
                whole.append(i)
            else:
                out.append((self._query(i), ((pattern.rule, pattern.matcher),), where.nodes(units)))
        if whole:
            query, owners = self._combined(tuple(whole))
            out.append((query, owners, (root,)))
        return out

    def _query(self, i: int) -> ts.Query:
        query = self._queries.get(i)
        if query is None:
            query = self._queries[i] = ts.Query(language("python"), self.patterns[i].source)
        return query

    @lru_cache(maxsize=32)  # noqa: B019 - one GatedPatterns per rule set; the cache lives as long
    def _combined(self, chosen: tuple[int, ...]) -> tuple[ts.Query, tuple[Owner, ...]]:
        if len(chosen) == 1:
            return self._query(chosen[0]), ((self.patterns[chosen[0]].rule, self.patterns[chosen[0]].matcher),)
        query = ts.Query(language("python"), "\n".join(self.patterns[i].source for i in chosen))
        return query, tuple((self.patterns[i].rule, self.patterns[i].matcher) for i in chosen)


class _Occurrences:
    """Where words occur in one file, as indexes of the top-level statements holding them."""

    def __init__(self, data: bytes, root: ts.Node, imports: dict[str, str]) -> None:
        self.data, self.root = data.lower(), root  # words are compared case-insensitively
        self._children: list[ts.Node] | None = None
        self._starts: list[int] = []
        self._found: dict[bytes, frozenset[int] | None] = {}
        self.imports = [(local.lower().encode(), qualified.lower().encode()) for local, qualified in imports.items()]
        self._aliases: dict[bytes, tuple[bytes, ...]] = {}

    def aliases(self, word: bytes) -> tuple[bytes, ...]:
        """Local names of imports whose qualified name holds the word but whose own text does not."""
        found = self._aliases.get(word)
        if found is None:
            found = self._aliases[word] = tuple(local for local, qualified in self.imports
                                                if word in qualified and word not in local)
        return found

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
        found: set[int] = set()
        for word in (w.lower() for w in words):
            for spelling in (word, *self.aliases(word)):
                hit = self._found.get(spelling, frozenset()) if spelling in self._found else self._scan(spelling)
                if hit:
                    found |= hit
        return frozenset(found) if found else None

    def _scan(self, word: bytes) -> frozenset[int] | None:
        at = self.data.find(word)
        if at < 0:
            self._found[word] = None
            return None
        children, starts = self._statements()
        if not children:
            self._found[word] = None
            return None
        hits: set[int] = set()
        while at >= 0:
            unit = max(0, bisect_right(starts, at) - 1)
            hits.add(unit)
            end = children[unit].end_byte
            at = self.data.find(word, max(at + 1, end))
        self._found[word] = frozenset(hits)
        return self._found[word]

    def _statements(self) -> tuple[list[ts.Node], list[int]]:
        if self._children is None:
            self._children = list(self.root.children)
            self._starts = [child.start_byte for child in self._children]
        return self._children, self._starts

    def share(self, units: frozenset[int]) -> float:
        children, _ = self._statements()
        covered = sum(children[i].end_byte - children[i].start_byte for i in units)
        return covered / max(1, len(self.data))

    def nodes(self, units: frozenset[int]) -> tuple[ts.Node, ...]:
        children, _ = self._statements()
        return tuple(children[i] for i in sorted(units))

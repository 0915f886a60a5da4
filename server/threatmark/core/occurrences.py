"""Where words occur in one file, as the top-level statements holding them and the nodes around
each occurrence: what the word-gated patterns (threatmark.core.gated) need to know to run only
where they can match. Every answer is memoised for the file: patterns share words."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from typing import Any

import tree_sitter as ts

_BYTES_PER_ANCHOR = 60  # below this many statement bytes per occurrence, walk whole statements instead
Offsets = Callable[[bytes], list[int]]  # a word's ascending offsets in the file, case-insensitively
Chain = tuple[list[ts.Node], dict[str, int]]  # nodes spanning an occurrence, outermost first; type → first depth


class Occurrences:
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

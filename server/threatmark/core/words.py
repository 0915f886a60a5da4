"""Every offset of a fixed set of words in a text, found in one pass.

Rule pre-filters and the taint engine's source check need to know where a few hundred words
occur in a file. Scanning once per word costs ~0.2 ms per word on a 10,000-line file; one
Aho-Corasick pass (ahocorasick_rs, as a DFA) finds them all in ~2 ms. Matching is case-insensitive:
words and text are lower-cased (ASCII only, so offsets are unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs


class WordFinder:
    """A compiled set of words; `find` maps each word present in a text to its offsets."""

    def __init__(self, words: Iterable[bytes]) -> None:
        self.words = tuple(sorted({w.lower() for w in words if w}))
        self.vocabulary = frozenset(self.words)
        # a DFA costs more to build (once per rule set) and scans ~1.6x faster than the default NFA
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            list(self.words), implementation=ahocorasick_rs.Implementation.DFA) if self.words else None

    def find(self, data: bytes) -> dict[bytes, list[int]]:
        """Word → ascending offsets in the lower-cased text (overlapping occurrences included)."""
        if self._automaton is None:
            return {}
        found: dict[bytes, list[int]] = {}
        words = self.words
        for index, start, _ in self._automaton.find_matches_as_indexes(data.lower(), overlapping=True):
            found.setdefault(words[index], []).append(start)
        for offsets in found.values():
            offsets.sort()
        return found

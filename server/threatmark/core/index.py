"""What tree-sitter finds in one file: every call, function and import (located from their
tokens, threatmark.core.tokens: no whole-tree query walk), and every rule-query match. Rule
patterns that need a word run only on the nodes around it (threatmark.core.gated); the rare ones
that need none share one whole-tree base query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import tree_sitter as ts

from threatmark.core.fields import F_FUNCTION
from threatmark.core.gated import TOP_CAPTURE, GatedPatterns, gated_pattern
from threatmark.core.names import add_import, collect_imports, glob_regex, plain_qualname, qualname
from threatmark.core.parse import ParsedFile, language
from threatmark.core.prefilter import custom_predicates, required_words, split_patterns
from threatmark.core.rules import Rule
from threatmark.core.tokens import find_nodes
from threatmark.core.tsleak import captures_leak, release
from threatmark.core.words import WordFinder


@dataclass(frozen=True, eq=False)
class CompiledRules:
    """Every rule pattern that has no required word, compiled once as one base query; patterns
    whose predicates require a word run only where it occurs (see threatmark.core.gated), so
    rules about `uuid1` cost nothing in files without it."""

    rules: tuple[Rule, ...]
    base: ts.Query | None  # the ungated rule patterns (None: there are none, as in the built-in pack)
    base_custom: bool  # the base query has predicates only the callback can test
    owners: tuple[tuple[Rule, int], ...]  # (rule, matcher index) of each base pattern
    gated: GatedPatterns
    finder: WordFinder  # the gated patterns' words and any extra ones (taint source words)
    extra_finder: WordFinder  # just the extra words

    @classmethod
    def build(cls, rules: tuple[Rule, ...], extra_words: tuple[bytes, ...] = ()) -> CompiledRules:
        sources: list[str] = []
        owners: list[tuple[Rule, int]] = []
        gated = []
        for rule in rules:
            for matcher_index, pattern_count in rule.query_patterns.items():
                whole = rule.pattern[matcher_index]["query"]
                parts = split_patterns(whole)
                if len(parts) != pattern_count:  # unusual syntax: keep the query whole, ungated
                    parts = []
                    sources.append(whole)
                    owners.extend([(rule, matcher_index)] * pattern_count)
                for part in parts:
                    words = required_words(part)
                    if not words:
                        sources.append(part)
                        owners.append((rule, matcher_index))
                    else:
                        gated.append(gated_pattern(part, rule, matcher_index, words))
        base = ts.Query(language("python"), "\n".join(sources)) if sources else None
        words = [w for pattern in gated for word_set in pattern.words for w in word_set]
        return cls(rules, base,
                   any(custom_predicates(source) for source in sources), tuple(owners),
                   GatedPatterns(tuple(gated)), WordFinder((*words, *extra_words)), WordFinder(extra_words))


@dataclass
class FileIndex:
    """What one pass over a parsed file found."""

    parsed: ParsedFile
    imports: dict[str, str]
    calls: list[tuple[ts.Node, ts.Node]] = field(default_factory=list)  # (call, function)
    functions: list[ts.Node] = field(default_factory=list)
    decorated: frozenset[int] = frozenset()  # ids of the functions that have decorators
    query_matches: list[tuple[Rule, int, dict[str, list[ts.Node]]]] = field(default_factory=list)
    _qualnames: dict[int, str | None] = field(default_factory=dict)
    memo: dict[tuple[str, int], object] = field(default_factory=dict)  # per-node facts computed once
    found_words: dict[bytes, list[int]] = field(default_factory=dict)  # the finder's words → offsets
    vocabulary: frozenset[bytes] = frozenset()
    _lowered: bytes | None = None
    _plain: dict[bytes, str] = field(default_factory=dict)  # plain dotted name text -> resolved name
    _callee_names: list[str | None] | None = None

    def offsets(self, word: bytes) -> list[int]:
        """Ascending offsets of the word in the text, compared case-insensitively."""
        word = word.lower()
        found = self.found_words.get(word)
        if found is None:
            found = self.found_words[word] = [] if word in self.vocabulary else self._scan(word)
        return found

    def _scan(self, word: bytes) -> list[int]:
        if self._lowered is None:
            self._lowered = self.parsed.data.lower()
        found, at = [], self._lowered.find(word)
        while at >= 0:
            found.append(at)
            at = self._lowered.find(word, at + 1)
        return found

    def qualname(self, node: ts.Node) -> str | None:
        """Resolved name of an expression, memoised per node id (and, for a plain dotted name,
        per text: the file calls `request.args.get` and the like again and again)."""
        key = node.id
        found = self._qualnames.get(key, _UNSET)
        if found is _UNSET:
            found = self._qualnames[key] = self._resolve(node)
        return found  # type: ignore[return-value]

    def callee_names(self) -> list[str | None]:
        """The resolved name of each call's callee, aligned with `calls` (computed on first use, from
        the imports as they are then; a callee is nearly always a plain name already resolved)."""
        if self._callee_names is None:
            data, plain, resolve = self.parsed.data, self._plain, self._resolve
            names: list[str | None] = []
            for _, function in self.calls:
                name = plain.get(data[function.start_byte:function.end_byte])  # only plain names' texts are keys
                names.append(name if name is not None else resolve(function))
            self._callee_names = names
        return self._callee_names

    def _resolve(self, node: ts.Node) -> str | None:
        if node.type not in _NAMES:
            return qualname(node, self.imports)
        text = self.parsed.data[node.start_byte:node.end_byte]  # cheaper than node.text
        found = self._plain.get(text)
        if found is None:
            found = plain_qualname(text, self.imports)
            if found is None:
                return qualname(node, self.imports)
            self._plain[text] = found
        return found


def build_index(parsed: ParsedFile, compiled: CompiledRules, with_patterns: bool = True,
                within: tuple[ts.Node, ...] | None = None) -> FileIndex:
    """Collect calls, functions and imports, and run the rule patterns the text allows (unless
    `with_patterns` is False: the taint engine needs only the calls, functions and imports). With `within` (top-level
    statements), only matches inside those statements are collected; imports are still the file's."""
    root = parsed.tree.root_node
    finder = compiled.finder if with_patterns else compiled.extra_finder
    index = FileIndex(parsed, collect_imports(root), found_words=finder.find(parsed.data), vocabulary=finder.vocabulary)

    handed: list[dict] = []  # captures dicts the binding leaks (see threatmark.core.tsleak)
    leaks = captures_leak()

    def predicate(name: str, args: list[tuple[str, str]], pattern: int, captures: dict) -> bool:
        if leaks:
            handed.append(captures)
        return _custom_predicate(index, name, args, captures)

    _collect_index(index, within or (root,))
    base = compiled.base if with_patterns else None
    base_predicate = predicate if compiled.base_custom else None
    matches = [] if base is None else [
        m for node in (within or (root,)) for m in _run(ts.QueryCursor(base), node, base_predicate)]
    only = None if within is None else _child_indexes(root, within)
    found = frozenset(index.found_words)  # the finder's words present in the text
    runs = compiled.gated.runs(index.offsets, found, len(parsed.data), root, index.imports, only) \
        if with_patterns else []
    for query, owners, nodes, top, custom in runs:
        if within is not None:
            nodes = _restricted(nodes, within)
        cursor = ts.QueryCursor(query)
        for node in nodes:
            for pattern, captures in _run(cursor, node, predicate if custom else None):
                if top and captures.pop(TOP_CAPTURE, [None])[0] != node:
                    continue  # a module-level pattern: the statement itself, not one nested in it
                index.query_matches.append((*owners[pattern], captures))
    release(handed)
    for pattern, captures in matches:
        rule, matcher_index = compiled.owners[pattern]
        index.query_matches.append((rule, matcher_index, captures))
    return index


def _collect_index(index: FileIndex, nodes: tuple[ts.Node, ...]) -> None:
    """Calls (outer before inner), functions (and which are decorated) and imports under the
    nodes, in file order (located from their tokens: threatmark.core.tokens)."""
    root, data = index.parsed.tree.root_node, index.parsed.data
    calls: list[ts.Node] = []
    functions: list[ts.Node] = []
    imports: list[ts.Node] = []
    decorated: list[ts.Node] = []
    for node in nodes:
        found = find_nodes(root, data, node.start_byte, node.end_byte)
        calls += found.calls
        functions += found.functions
        imports += found.imports
        decorated += found.decorated
    index.decorated = frozenset(node.id for node in decorated)
    for call in _calls_outer_first(calls):
        function = call.child_by_field_id(F_FUNCTION)
        if function is not None:
            index.calls.append((call, function))
    index.functions = _outer_first(functions)
    for statement in _outer_first(imports):
        add_import(statement, index.imports)


_UNSET = object()
_NAMES = ("identifier", "attribute")
_START, _END = attrgetter("start_byte"), attrgetter("end_byte")


def _outer_first(nodes: list[ts.Node]) -> list[ts.Node]:
    """The nodes in file order, a node before those nested in it (two C-keyed stable sorts)."""
    ordered = sorted(nodes, key=_END, reverse=True)
    ordered.sort(key=_START)
    return ordered


def _calls_outer_first(calls: list[ts.Node]) -> list[ts.Node]:
    """The calls found by one scan each (in the order of their argument lists' `(`) sorted as
    `_outer_first` sorts them, with one sort: calls that start at the same byte are nested in a
    callee chain (`a(x).b(y)`), where the outer call's `(` comes last, so reversing the scan
    order puts it first among them."""
    return sorted(reversed(calls), key=_START)


def _run(cursor: ts.QueryCursor, node: ts.Node, predicate: Callable[..., bool] | None) -> list:
    """The cursor's matches at node, with the callback only when one is needed (it slows every match)."""
    return cursor.matches(node) if predicate is None else cursor.matches(node, predicate=predicate)


def _child_indexes(root: ts.Node, statements: tuple[ts.Node, ...]) -> frozenset[int]:
    """Indexes of the given top-level statements among the root's children."""
    starts = {n.start_byte for n in statements}
    return frozenset(i for i, child in enumerate(root.children) if child.start_byte in starts)


def _restricted(nodes: tuple[ts.Node, ...], within: tuple[ts.Node, ...]) -> list[ts.Node]:
    """The nodes inside the given statements, with a node that holds one replaced by it (a match
    rooted above a top-level statement is a module-level pattern, which reports only statements)."""
    out: list[ts.Node] = []
    for node in nodes:
        for statement in within:
            if statement.start_byte <= node.start_byte and node.end_byte <= statement.end_byte:
                out.append(node)
            elif node.start_byte <= statement.start_byte and statement.end_byte <= node.end_byte:
                out.append(statement)
    return out


def _custom_predicate(index: FileIndex, name: str, args: list[tuple[str, str]], captures: dict) -> bool:
    """Threatmark's own query predicates: #qualname?, #not-qualname?, #qualname-match?."""
    if not args or args[0][1] != "capture":
        return True
    test, lasts = _predicate_test(name, tuple(args[1:]))
    if test is None:
        return True
    hit = False
    for node in captures.get(args[0][0], ()):
        if lasts is not None and _cannot_match(node, lasts, index.imports):
            continue
        if test.search(index.qualname(node) or "\0"):
            hit = True
            break
    return not hit if name == "not-qualname?" else hit


def _cannot_match(node: ts.Node, lasts: set[bytes], imports: dict[str, str]) -> bool:
    """Cheap reject: a name/attribute whose last segment no glob ends with (aliases excepted)."""
    if node.type not in ("identifier", "attribute"):
        return False
    text = node.text or b""
    if node.type == "identifier" and text.decode("utf-8", "replace") in imports:
        return False
    return text.rsplit(b".", 1)[-1] not in lasts


@lru_cache(maxsize=1024)
def _predicate_test(name: str, args: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, set | None]:
    """(regex over the qualified name, set of possible last segments or None when unknown)."""
    values = tuple(value for value, kind in args if kind == "string")
    if name in ("qualname?", "not-qualname?"):
        lasts = {v.rsplit(".", 1)[-1].encode() for v in values}
        return glob_regex(values), None if any(b"*" in last for last in lasts) else lasts
    if name == "qualname-match?" and values:
        return re.compile(values[0]), None
    return None, None

"""One tree-sitter pass per file: every call, function, class and rule-query match at once.

All rule queries are compiled into a single combined query together with the index patterns,
so a file is walked by tree-sitter exactly once however many rules are loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tree_sitter as ts

from threatmark.core.names import add_import, collect_imports, matches_any, qualname
from threatmark.core.parse import ParsedFile, language
from threatmark.core.rules import Rule

INDEX_QUERY = """
(call function: (_) @fn) @call
(function_definition name: (identifier) @fname) @func
(import_statement) @import
(import_from_statement) @import
"""
_INDEX_PATTERNS = 4


@dataclass(frozen=True, eq=False)
class CompiledRules:
    """Rules plus the combined query and a map from pattern index to (rule, matcher index)."""

    rules: tuple[Rule, ...]
    query: ts.Query
    owners: tuple[tuple[Rule, int] | None, ...]

    @classmethod
    def build(cls, rules: tuple[Rule, ...]) -> CompiledRules:
        sources = [INDEX_QUERY]
        owners: list[tuple[Rule, int] | None] = [None] * _INDEX_PATTERNS
        for rule in rules:
            for matcher_index, query in rule.queries.items():
                sources.append(rule.pattern[matcher_index]["query"])
                owners.extend([(rule, matcher_index)] * query.pattern_count)
        combined = ts.Query(language("python"), "\n".join(sources))
        return cls(rules, combined, tuple(owners))


@dataclass
class FileIndex:
    """What one pass over a parsed file found."""

    parsed: ParsedFile
    imports: dict[str, str]
    calls: list[tuple[ts.Node, ts.Node]] = field(default_factory=list)  # (call, function)
    functions: list[ts.Node] = field(default_factory=list)
    query_matches: list[tuple[Rule, int, dict[str, list[ts.Node]]]] = field(default_factory=list)
    _qualnames: dict[int, str | None] = field(default_factory=dict)

    def qualname(self, node: ts.Node) -> str | None:
        """Resolved name of an expression, memoised per node id."""
        key = node.id
        if key not in self._qualnames:
            self._qualnames[key] = qualname(node, self.imports)
        return self._qualnames[key]


def build_index(parsed: ParsedFile, compiled: CompiledRules) -> FileIndex:
    """Run the combined query once and sort its matches into a FileIndex."""
    root = parsed.tree.root_node
    index = FileIndex(parsed, collect_imports(root))

    def predicate(name: str, args: list[tuple[str, str]], pattern: int, captures: dict) -> bool:
        return _custom_predicate(index, name, args, captures)

    cursor = ts.QueryCursor(compiled.query)
    for pattern, captures in cursor.matches(root, predicate=predicate):
        owner = compiled.owners[pattern]
        if owner is not None:
            index.query_matches.append((owner[0], owner[1], captures))
        elif "call" in captures:
            index.calls.append((captures["call"][0], captures["fn"][0]))
        elif "func" in captures:
            index.functions.append(captures["func"][0])
        elif "import" in captures:
            add_import(captures["import"][0], index.imports)
    return index


def _custom_predicate(index: FileIndex, name: str, args: list[tuple[str, str]], captures: dict) -> bool:
    """Threatmark's own query predicates: #qualname?, #not-qualname?, #qualname-match?."""
    if not args or args[0][1] != "capture":
        return True
    nodes = captures.get(args[0][0], [])
    values = [value for value, kind in args[1:] if kind == "string"]
    if name in ("qualname?", "not-qualname?"):
        hit = any(matches_any(index.qualname(node), tuple(values)) for node in nodes)
        return hit if name == "qualname?" else not hit
    if name == "qualname-match?":
        return any(re.search(values[0], index.qualname(node) or "") for node in nodes)
    return True

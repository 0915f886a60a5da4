"""The token scan (threatmark.core.tokens) finds exactly the nodes a tree-sitter query finds:
calls, function definitions (and which are decorated) and imports, in whole files and in
half-typed ones (truncated, a character deleted or inserted), strings and comments included;
and the index orders the calls it finds outer before inner."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import tree_sitter as ts
from threatmark.core.index import _calls_outer_first
from threatmark.core.parse import language, parse
from threatmark.core.tokens import find_nodes
from threatmark.model import SourceFile

ROOT = Path(__file__).resolve().parents[2]
QUERY = """(call) @call (function_definition) @func
(decorated_definition definition: (function_definition) @decorated)
(import_statement) @import (import_from_statement) @import"""

TRICKY = '''\
"""A docstring with f(x) and def g(): and import os in it."""
from __future__ import annotations
import os, sys as system
from .pkg import (a,
                  b as c)
# f(comment) def h(): import x
@decorator(arg)
@other
async def fetch(url=default(), *args, **kwargs) -> list:
    values = [call(v) for v in (1, 2)]
    total = sum(x for x in values)
    (lambda: 0)()
    obj.method(1)(2)[0](3)
    text = f"{render(name)!r} and (not a call)"
    def inner(): return inner_call( )
    return print("done (really)", *args)

class Model(Base, metaclass=Meta):
    @property
    def name(self): return self._name.upper()
'''


def _spans(nodes: list[ts.Node]) -> list[tuple[int, int, str]]:
    return sorted({(n.start_byte, n.end_byte, n.type) for n in nodes})


def _assert_same(text: str) -> None:
    parsed = parse(SourceFile("t.py", text))
    root = parsed.tree.root_node
    by_query = ts.QueryCursor(ts.Query(language("python"), QUERY)).captures(root)
    by_tokens = find_nodes(root, parsed.data, 0, len(parsed.data))
    assert _spans(by_tokens.calls) == _spans(by_query.get("call", []))
    assert _spans(by_tokens.functions) == _spans(by_query.get("func", []))
    assert _spans(by_tokens.decorated) == _spans(by_query.get("decorated", []))
    assert _spans(by_tokens.imports) == _spans(by_query.get("import", []))
    # the index orders the scan's calls outer before inner with one sort (`a(x).b(y)` first)
    ordered = [(c.start_byte, c.end_byte) for c in _calls_outer_first(by_tokens.calls)]
    assert ordered == sorted(ordered, key=lambda span: (span[0], -span[1]))


def test_tricky_text_has_the_query_nodes() -> None:
    parsed = parse(SourceFile("t.py", TRICKY))
    found = find_nodes(parsed.tree.root_node, parsed.data, 0, len(parsed.data))
    assert len(found.calls) == 12 and len(found.functions) == 3 and len(found.decorated) == 2
    assert len(found.imports) == 2  # `from __future__ import` is not an import statement node
    _assert_same(TRICKY)


def _half_typed(text: str, rng: random.Random) -> list[str]:
    out = []
    for _ in range(4):
        at = rng.randrange(len(text))
        out += [text[:at], text[:at] + text[at + 1:], text[:at] + rng.choice("()[]{}:,'\"\\#@") + text[at:]]
    return out


SAMPLES = sorted((ROOT / "examples").rglob("*.py")) + sorted((ROOT / "rules").rglob("*.py"))[::4]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_and_half_typed_variants_have_the_query_nodes(path: Path) -> None:
    text = path.read_text()
    for variant in [text, *_half_typed(text, random.Random(path.name))]:
        _assert_same(variant)


def test_a_range_holds_only_its_own_nodes() -> None:
    parsed = parse(SourceFile("t.py", TRICKY))
    first_class = parsed.data.index(b"class Model")
    found = find_nodes(parsed.tree.root_node, parsed.data, first_class, len(parsed.data))
    assert [f.child_by_field_name("name").text for f in found.functions] == [b"name"]
    assert [c.text for c in found.calls] == [b"self._name.upper()"] and not found.imports

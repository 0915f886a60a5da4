"""A language server analyses the same document again and again: nothing may accumulate.
(Guards the py-tree-sitter predicate leak worked around in threatmark.core.tsleak.)"""

from __future__ import annotations

import gc
import sys

from conftest import RULES
from threatmark.engine import Engine
from threatmark.lsp.documents import OpenDocument
from threatmark.lsp.positions import TextBuffer

SOURCE = "def f(x):\n    lsp_query_call(x)\n    return other(x)\n" * 40  # t-lsp-query: a #qualname? query


def test_repeated_analyses_release_their_trees():
    engine = Engine.create((str(RULES),), builtin=False)
    doc = OpenDocument("file:///memory.py", "python", 1, TextBuffer(SOURCE))
    doc.sync_tree()
    tree = doc.tree.tree
    engine.analyze(doc.snapshot())
    gc.collect()
    baseline = sys.getrefcount(tree)
    for _ in range(5):
        assert engine.analyze(doc.snapshot()).findings
    gc.collect()
    assert sys.getrefcount(tree) == baseline  # no Node (each holds the tree) outlives an analysis

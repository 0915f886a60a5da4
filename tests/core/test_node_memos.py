"""Per-node memos must not outlive an analysis: a cached node keeps its whole tree alive, which
made a 2,800-file scan peak at 330 MB instead of ~60 MB."""

from __future__ import annotations

from pathlib import Path

from threatmark.core import calls
from threatmark.core.parse import parse
from threatmark.engine import Engine
from threatmark.model import SourceFile

FIXTURE = Path(__file__).resolve().parents[2] / "rules/python/py-ssrf.py"


def test_analysis_leaves_no_node_memo_behind() -> None:
    engine = Engine.create()
    source = SourceFile(str(FIXTURE), FIXTURE.read_text(encoding="utf-8"))
    assert engine.analyze(source).findings
    assert calls.arguments.cache_info().currsize == 0
    assert calls._call_captures.cache_info().currsize == 0
    assert engine.taint_findings(parse(source))
    assert calls.arguments.cache_info().currsize == 0

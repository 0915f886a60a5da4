"""The taint half of an analysis computed apart (as the language server's helper process does for
large files) and merged back gives exactly the findings of one in-process analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from threatmark.core.parse import parse
from threatmark.engine import Engine
from threatmark.model import SourceFile

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("rules/python/*.py"), *ROOT.glob("bench/corpus/*/*.py"), *ROOT.glob("examples/**/*.py")])


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.create()


def test_the_split_is_exact(engine: Engine) -> None:
    compared = with_taint = 0
    for path in FILES:
        source = SourceFile(str(path), path.read_text(encoding="utf-8"))
        whole = engine.analyze(parse(source))
        apart = engine.taint_findings(parse(source))  # another tree, as in another process
        merged = engine.analyze(parse(source), taint=lambda apart=apart: apart)
        assert merged.findings == whole.findings, path
        assert merged.suppressed == whole.suppressed, path
        compared += 1
        with_taint += bool(apart)
    assert compared > 400 and with_taint > 100  # the comparison covered real taint findings


def test_a_declined_taint_part_is_computed_in_process(engine: Engine) -> None:
    path = ROOT / "rules/python/py-sql-injection.py"
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))
    whole = engine.analyze(source)
    declined = engine.analyze(source, taint=lambda: None)
    assert declined.findings == whole.findings
    assert any(f.trace for f in declined.findings)

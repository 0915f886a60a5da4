"""Remembered rule verdicts (threatmark.core.rulecache): a valid rule text is validated once and
loads the same from its verdict; invalid texts are never remembered; the cache can be turned off
and a broken one only costs a validation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_rule_loader import GOOD
from threatmark.core import rulecache
from threatmark.core.rules import load_rules
from threatmark.engine import Engine
from threatmark.model import SourceFile

RULE = GOOD.replace("id: good-rule", "id: two-queries") + """  - query: |
      ((assignment left: (identifier) @name right: (true)) @report (#eq? @name "DEBUG"))
      ((assignment left: (identifier) @name right: (true)) @report (#eq? @name "TESTING"))
"""
CODE = "import hashlib\nDEBUG = True\nTESTING = True\nhashlib.md5(b'x')\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private verdict folder for the test."""
    monkeypatch.setenv("THREATMARK_CACHE_DIR", str(tmp_path / "cache"))
    rulecache.cache_dir.cache_clear()
    yield tmp_path / "cache" / "rules"
    rulecache.cache_dir.cache_clear()


def verdicts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def findings(rules: Path) -> list[tuple[str, int]]:
    engine = Engine.create((rules,), builtin=False)
    return [(f.rule_id, f.span.start.line) for f in engine.analyze(SourceFile("a.py", CODE)).findings]


def test_a_valid_rule_is_validated_once_and_loads_the_same_from_its_verdict(tmp_path: Path, cache: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "two-queries.yaml").write_text(RULE)
    first = load_rules((rules,), builtin=False)
    assert len(verdicts(cache)) == 1 and first.problems == ()
    second = load_rules((rules,), builtin=False)
    assert second.rules[0].query_patterns == first.rules[0].query_patterns == {1: 2}
    assert findings(rules) == [("two-queries", 1), ("two-queries", 2), ("two-queries", 3)]
    verdicts(cache)[0].write_text('{"patterns": {"1": 7}}')  # what the loader believes now comes from here
    assert load_rules((rules,), builtin=False).rules[0].query_patterns == {1: 7}


def test_an_invalid_rule_is_never_remembered_and_always_reported(tmp_path: Path, cache: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "two-queries.yaml").write_text(RULE)
    load_rules((rules,), builtin=False)
    broken_text = RULE.replace('(true)) @report (#eq? @name "DEBUG', '(nonsense)) @report (#eq? @name "DEBUG')
    assert broken_text != RULE
    (rules / "two-queries.yaml").write_text(broken_text)
    for _ in range(2):
        broken = load_rules((rules,), builtin=False)
        assert broken.rules == () and broken.problems[0].field == "pattern[1].query"
    assert len(verdicts(cache)) == 1  # only the valid text's verdict


def test_the_verdict_depends_on_the_file_name(tmp_path: Path, cache: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "two-queries.yaml").write_text(RULE)
    load_rules((rules,), builtin=False)
    (rules / "two-queries.yaml").rename(rules / "renamed.yaml")
    renamed = load_rules((rules,), builtin=False)
    assert renamed.rules == () and "file name" in renamed.problems[0].message


def test_an_empty_cache_dir_turns_verdicts_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREATMARK_CACHE_DIR", "")
    rulecache.cache_dir.cache_clear()
    try:
        rules = tmp_path / "rules"
        rules.mkdir()
        (rules / "two-queries.yaml").write_text(RULE)
        assert rulecache.cache_dir() is None
        assert [r.id for r in load_rules((rules,), builtin=False).rules] == ["two-queries"]
    finally:
        rulecache.cache_dir.cache_clear()


def test_a_broken_or_unwritable_cache_only_costs_a_validation(tmp_path: Path, cache: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "two-queries.yaml").write_text(RULE)
    load_rules((rules,), builtin=False)
    for verdict in verdicts(cache):
        verdict.write_text("{not json")
    assert [r.query_patterns for r in load_rules((rules,), builtin=False).rules] == [{1: 2}]
    for verdict in verdicts(cache):
        verdict.unlink()
    cache.rmdir()
    cache.write_text("a file where the folder should be")  # cannot be created or written
    assert [r.query_patterns for r in load_rules((rules,), builtin=False).rules] == [{1: 2}]

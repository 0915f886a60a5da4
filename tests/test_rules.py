"""Every rule in the built-in pack: schema-valid, id = file stem, fixture annotations match
exactly, and every fix passes verification and reproduces the `.fixed.py` file."""

from __future__ import annotations

from pathlib import Path

import pytest
from threatmark.core.rules import load_rules
from threatmark.engine import Engine
from threatmark.ruletest import format_result, run_fixture

RULESET = load_rules()
ENGINE = Engine(RULESET)


def test_every_rule_file_is_valid() -> None:
    assert RULESET.problems == ()
    assert len(RULESET.rules) >= 1


@pytest.mark.parametrize("rule", RULESET.rules, ids=[r.id for r in RULESET.rules])
def test_rule_fixture(rule) -> None:
    result = run_fixture(ENGINE, rule)
    assert result.passed, format_result(result)


def test_the_pack_meets_the_issue_3_bar() -> None:
    """≥ 50 rules, each with CWE, OWASP, docs and ≥ 5 vulnerable and ≥ 5 safe fixture cases;
    ≥ 20 rules with a `.fixed.py` rewrite."""
    rules = RULESET.rules
    assert len(rules) >= 50
    fixed = 0
    for rule in rules:
        assert rule.cwe and rule.owasp and rule.docs, rule.id
        result = run_fixture(ENGINE, rule)
        assert len(result.expected) >= 5 and len(result.ok) >= 5, (rule.id, len(result.expected), len(result.ok))
        fixed += Path(rule.path).with_suffix(".fixed.py").is_file()
    assert fixed >= 20

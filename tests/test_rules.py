"""Every rule in the built-in pack: schema-valid, id = file stem, fixture annotations match
exactly, and every fix passes verification and reproduces the `.fixed.py` file."""

from __future__ import annotations

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

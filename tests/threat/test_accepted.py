"""Accepted risks: suppress with a justification until they expire, then come back with a warning."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from threat_helpers import LOGIN_APP, analyse
from threatmark.engine import Engine
from threatmark.model import Severity

TODAY = date.today()
MODEL = """\
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
      paths: ["app.py"]
accepted_risks:
  - id: legacy-md5
    rules: [tm-weak-*]
    justification: Checksums for a legacy cache, replaced in Q3
    owner: alice
"""


def test_accepted_without_expiry_is_suppressed_with_its_justification(engine: Engine, tmp_path: Path) -> None:
    analysis, ranker = analyse(engine, LOGIN_APP, MODEL, tmp_path)
    assert analysis.findings == ()
    assert len(analysis.suppressed) == 2
    for finding in analysis.suppressed:
        assert finding.suppressed == ("Checksums for a legacy cache, replaced in Q3 "
                                      "(accepted risk `legacy-md5`, owner alice, no expiry)")
        assert finding.threat is not None and finding.threat.references[0][1] == 12
    assert ranker is not None and ranker.problems == ()


def test_acceptance_valid_through_its_expiry_day(engine: Engine, tmp_path: Path) -> None:
    for expires in (TODAY + timedelta(days=30), TODAY):
        model = MODEL + f"    expires: {expires.isoformat()}\n"
        analysis, ranker = analyse(engine, LOGIN_APP, model, tmp_path)
        assert analysis.findings == (), expires
        assert f"until {expires.isoformat()}" in (analysis.suppressed[0].suppressed or "")
        assert ranker is not None and ranker.problems == ()


def test_expired_acceptance_reports_again_with_a_located_warning(engine: Engine, tmp_path: Path) -> None:
    expired = TODAY - timedelta(days=1)
    model = MODEL + f"    expires: {expired.isoformat()}\n"
    analysis, ranker = analyse(engine, LOGIN_APP, model, tmp_path)
    assert analysis.suppressed == ()
    assert [f.severity for f in analysis.findings] == [Severity.HIGH, Severity.HIGH]
    summary = analysis.findings[0].threat.summary
    assert f"accepted risk `legacy-md5` expired on {expired.isoformat()}" in summary
    assert ranker is not None
    (warning,) = ranker.problems
    assert warning.level == "warning"
    assert warning.line == 16  # 0-based line of `expires:`
    assert warning.path.endswith("threatmodel.yaml")
    assert "expired on" in warning.message and "owner alice" in warning.message


def test_fixed_today_for_reproducible_runs(engine: Engine, tmp_path: Path) -> None:
    model = MODEL + "    expires: 2030-06-30\n"
    analysis, _ = analyse(engine, LOGIN_APP, model, tmp_path, today=date(2030, 7, 1))
    assert len(analysis.findings) == 2
    analysis, _ = analyse(engine, LOGIN_APP, model, tmp_path, today=date(2030, 6, 30))
    assert analysis.findings == ()


def test_fingerprint_and_path_restrictions(engine: Engine, tmp_path: Path) -> None:
    plain, _ = analyse(engine, LOGIN_APP, None, tmp_path)
    login = next(f for f in plain.findings if f.span.start.line == 9)
    by_fingerprint = MODEL.replace("    rules: [tm-weak-*]\n", f"    fingerprints: [{login.fingerprint[:12]}]\n")
    analysis, _ = analyse(engine, LOGIN_APP, by_fingerprint, tmp_path)
    assert [f.span.start.line for f in analysis.suppressed] == [9]
    assert [f.span.start.line for f in analysis.findings] == [14]
    elsewhere = MODEL.replace("    owner: alice\n", "    owner: alice\n    paths: [legacy/**]\n")
    analysis, _ = analyse(engine, LOGIN_APP, elsewhere, tmp_path)
    assert analysis.suppressed == () and len(analysis.findings) == 2
    analysis, _ = analyse(engine, LOGIN_APP, elsewhere, tmp_path, path="legacy/app.py")
    assert len(analysis.suppressed) == 2

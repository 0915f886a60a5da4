"""Suppression comments, fingerprints and fix verification."""

from __future__ import annotations

from dataclasses import replace

from threatmark.engine import Engine
from threatmark.model import Edit, Fix, SourceFile

ENGINE = Engine.create()
CODE = "import hashlib\n\n\ndef sign(data):\n    return hashlib.md5(data).hexdigest()\n"


def test_suppression_with_reason_on_the_line_above() -> None:
    code = CODE.replace("    return", "    # threatmark: ignore[py-weak-hash] -- legacy protocol id\n    return")
    analysis = ENGINE.analyze(SourceFile("a.py", code))
    assert analysis.findings == ()
    assert analysis.suppressed[0].suppressed == "legacy protocol id"


def test_suppression_without_reason_and_unknown_rule_are_reported() -> None:
    code = CODE.replace(".hexdigest()", ".hexdigest()  # threatmark: ignore[py-weak-hash, no-such-rule]")
    ids = sorted(f.rule_id for f in ENGINE.analyze(SourceFile("a.py", code)).findings)
    assert ids == ["threatmark-suppression-unknown-rule", "threatmark-suppression-without-reason"]


def test_a_suppression_naming_a_retired_rule_id_still_applies() -> None:
    code = ("from flask import request, session\n\n\ndef keep():\n"
            "    # threatmark: ignore[py-trust-boundary-session-assign] -- validated by the middleware\n"
            "    session['theme'] = request.args['theme']\n")
    analysis = ENGINE.analyze(SourceFile("a.py", code))
    assert analysis.findings == ()  # no finding and no "unknown rule id"
    assert [f.rule_id for f in analysis.suppressed] == ["py-trust-boundary-session"]


def test_fingerprint_survives_edits_above() -> None:
    before = ENGINE.analyze(SourceFile("a.py", CODE)).findings[0]
    shifted = "import os\n# a new comment\n" + CODE
    after = ENGINE.analyze(SourceFile("a.py", shifted)).findings[0]
    assert after.span.start.line == before.span.start.line + 2
    assert after.fingerprint == before.fingerprint


def test_fix_is_offered_only_when_verified() -> None:
    source = SourceFile("a.py", CODE)
    finding = ENGINE.analyze(source).findings[0]
    good = ENGINE.verified_fixes(source, finding)
    assert [f.title for f in good] == ["Use hashlib.sha256"] and good[0].verified
    start = CODE.index("hashlib.md5")
    broken = Fix("breaks syntax", (Edit(start, start + 11, "hashlib.sha256(("),))
    useless = Fix("changes nothing relevant", (Edit(0, 0, "# comment\n"),))
    worse = Fix("new finding", (Edit(start, start + 11, "hashlib.sha1"),))
    for fix in (broken, useless, worse):
        assert not ENGINE.verify(source, finding, fix), fix.title
    assert ENGINE.verified_fixes(source, replace(finding, fixes=(broken,))) == ()


def test_fix_all_applies_every_verified_fix() -> None:
    code = CODE + "\n\ndef other(x):\n    return hashlib.sha1(x)\n"
    fixed, count = ENGINE.fix_all(SourceFile("a.py", code))
    assert count == 2 and "md5" not in fixed and "sha1" not in fixed
    assert ENGINE.analyze(SourceFile("a.py", fixed)).findings == ()


def test_keyword_added_on_its_own_line_in_a_multiline_call(tmp_path) -> None:
    rule = """id: needs-timeout
message: "no timeout"
severity: low
confidence: high
cwe: [400]
owasp: ["A05:2021-Security Misconfiguration"]
docs: {why: a, fix: b}
pattern:
  - call: requests.get
    where: [{keyword-absent: timeout}]
fix:
  - title: "Add a timeout"
    edits:
      - set-keyword: {name: timeout, value: "10"}
  - title: "Broken template"
    edits:
      - replace: call
        with: "requests.get({no_such_capture})"
"""
    (tmp_path / "needs-timeout.yaml").write_text(rule)
    engine = Engine.create((tmp_path,), builtin=False)
    code = "import requests\nrequests.get(\n    url,\n    headers=h,\n)\n"
    source = SourceFile("a.py", code)
    finding = engine.analyze(source).findings[0]
    assert [f.title for f in finding.fixes] == ["Add a timeout"]  # unknown placeholder → no fix
    fixed, _ = engine.fix_all(source)
    assert fixed == "import requests\nrequests.get(\n    url,\n    headers=h,\n    timeout=10,\n)\n"

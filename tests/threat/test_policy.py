"""The severity policy: the same code ranked and explained differently by different threat models."""

from __future__ import annotations

from pathlib import Path

from threat_helpers import LOGIN_APP, analyse
from threatmark.engine import Engine
from threatmark.model import Severity
from threatmark.threat import parse_threat_model

INTERNET_PII = """\
    version: 1
    assets:
      - id: customer-db
        classification: pii
        locations:
          tables: [customers]
      - id: user-passwords
        classification: credentials
        locations:
          tables: [users]
    entry_points:
      - id: public-api
        kind: http
        exposure: internet
        authentication: false
        covers:
          routes: ["/login"]
"""


def _by_line(analysis):
    return {f.span.start.line + 1: f for f in analysis.findings}


def test_internet_unauthenticated_route_touching_credentials_is_raised(engine: Engine, tmp_path: Path) -> None:
    analysis, _ = analyse(engine, LOGIN_APP, INTERNET_PII, tmp_path)
    login, checksum = _by_line(analysis)[10], _by_line(analysis)[15]
    assert login.rule_id == "tm-weak-hash"
    assert login.severity == Severity.HIGH
    assert login.threat is not None
    assert login.threat.summary == ("reachable from entry point `public-api` (internet, no auth); "
                                    "touches asset `user-passwords` (credentials); raised medium → high")
    assert login.threat.entry_points == ("public-api",)
    assert login.threat.assets == ("user-passwords",)
    assert login.threat.base_severity == Severity.MEDIUM
    model_path = str((tmp_path / "threatmodel.yaml").resolve())
    # 0-based lines of `- id: public-api` (entry point) and `- id: user-passwords` (asset)
    assert login.threat.references == ((model_path, 11), (model_path, 6))
    # the helper outside the route is not reached by the entry point: not raised, but explained
    assert checksum.severity == Severity.MEDIUM
    assert checksum.threat is not None and checksum.threat.entry_points == ()
    assert checksum.threat.summary == "touches asset `user-passwords` (credentials)"


def test_local_only_entry_point_lowers(engine: Engine, tmp_path: Path) -> None:
    local = INTERNET_PII.replace("exposure: internet", "exposure: local").replace("kind: http", "kind: cli")
    analysis, _ = analyse(engine, LOGIN_APP, local, tmp_path)
    login = _by_line(analysis)[10]
    assert login.severity == Severity.LOW
    assert login.threat is not None
    assert login.threat.summary == ("reachable only from local entry point `public-api` (local, no auth); "
                                    "touches asset `user-passwords` (credentials); lowered medium → low")


SQL_APP = LOGIN_APP + '''

@app.get("/customers/<cid>")
def customer(cid):
    return db.execute("SELECT * FROM customers WHERE id = " + cid)
'''
SQL_MODEL = INTERNET_PII.replace('routes: ["/login"]', 'routes: ["/login", "GET /customers/*"]')


def test_pii_versus_public_data(engine: Engine, tmp_path: Path) -> None:
    analysis, _ = analyse(engine, SQL_APP, SQL_MODEL, tmp_path)
    sql = next(f for f in analysis.findings if f.rule_id == "tm-sql")
    assert sql.severity == Severity.CRITICAL
    assert sql.threat is not None
    assert sql.threat.summary == ("reachable from entry point `public-api` (internet, no auth); touches "
                                  "assets `customer-db` (PII), `user-passwords` (credentials); raised high → critical")
    public = SQL_MODEL.replace("classification: pii", "classification: public").replace(
        "classification: credentials", "classification: public")
    analysis, _ = analyse(engine, SQL_APP, public, tmp_path)
    sql = next(f for f in analysis.findings if f.rule_id == "tm-sql")
    assert sql.severity == Severity.HIGH
    assert sql.threat is not None
    assert sql.threat.summary == ("reachable from entry point `public-api` (internet, no auth); "
                                  "touches assets `customer-db` (public), `user-passwords` (public)")
    # a weak hash cannot touch public tables: reachable, but nothing sensitive, so unchanged
    login = _by_line(analysis)[10]
    assert login.severity == Severity.MEDIUM
    assert login.threat is not None
    assert login.threat.summary == "reachable from entry point `public-api` (internet, no auth)"


def test_authenticated_entry_point_is_not_raised(engine: Engine, tmp_path: Path) -> None:
    authed = INTERNET_PII.replace("authentication: false", "authentication: true")
    analysis, _ = analyse(engine, LOGIN_APP, authed, tmp_path)
    login = _by_line(analysis)[10]
    assert login.severity == Severity.MEDIUM
    assert login.threat is not None and "(internet, auth required)" in login.threat.summary


def test_route_patterns_respect_methods(engine: Engine, tmp_path: Path) -> None:
    post_only = SQL_MODEL.replace("GET /customers/*", "POST /customers/*")
    analysis, _ = analyse(engine, SQL_APP, post_only, tmp_path)
    assert next(f for f in analysis.findings if f.rule_id == "tm-sql").severity == Severity.HIGH
    any_method = SQL_MODEL.replace("GET /customers/*", "/customers/**")
    analysis, _ = analyse(engine, SQL_APP, any_method, tmp_path)
    assert next(f for f in analysis.findings if f.rule_id == "tm-sql").severity == Severity.CRITICAL


def test_no_threat_model_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    without, _ = analyse(engine, LOGIN_APP, None, tmp_path)
    assert [(f.severity, f.threat) for f in without.findings] == [(Severity.MEDIUM, None), (Severity.MEDIUM, None)]
    empty, ranker = analyse(engine, LOGIN_APP, "version: 1\n", tmp_path)
    assert ranker is not None and ranker.problems == ()
    assert [(f.severity, f.threat) for f in empty.findings] == [(Severity.MEDIUM, None), (Severity.MEDIUM, None)]


def test_test_code_is_lowered(engine: Engine, tmp_path: Path) -> None:
    for path in ("tests/test_login.py", "test_login.py", "pkg/login_test.py"):
        analysis, _ = analyse(engine, LOGIN_APP, INTERNET_PII, tmp_path, path=path)
        login = _by_line(analysis)[10]
        assert login.severity == Severity.LOW, path
        assert login.threat is not None and login.threat.summary.startswith(f"test code (`{path}`)")
        assert login.threat.summary.endswith("lowered medium → low")


def test_coverage_by_path_glob_and_function(engine: Engine, tmp_path: Path) -> None:
    by_path = INTERNET_PII.replace('routes: ["/login"]', 'paths: ["src/**"]')
    analysis, _ = analyse(engine, LOGIN_APP, by_path, tmp_path, path="src/app.py")
    assert [f.severity for f in analysis.findings] == [Severity.HIGH, Severity.HIGH]
    analysis, _ = analyse(engine, LOGIN_APP, by_path, tmp_path, path="other/app.py")
    assert [f.severity for f in analysis.findings] == [Severity.MEDIUM, Severity.MEDIUM]
    by_function = INTERNET_PII.replace('routes: ["/login"]', 'functions: ["src.app.checksum"]')
    analysis, _ = analyse(engine, LOGIN_APP, by_function, tmp_path, path="src/app.py")
    assert [f.severity for f in analysis.findings] == [Severity.MEDIUM, Severity.HIGH]


def test_controls_are_noted_but_never_relied_on(engine: Engine, tmp_path: Path) -> None:
    model = INTERNET_PII + """\
    controls:
      - id: password-policy
        description: Passwords are re-hashed with argon2 by a proxy
        mitigates: [CWE-328]
"""
    analysis, _ = analyse(engine, LOGIN_APP, model, tmp_path)
    login = _by_line(analysis)[10]
    assert login.severity == Severity.HIGH
    assert login.threat is not None
    assert "control `password-policy` noted (not relied on)" in login.threat.summary


def test_digest_is_stable_and_excerpt_is_relevant(tmp_path: Path) -> None:
    import textwrap

    base = textwrap.dedent(INTERNET_PII)
    same = "# a comment\n" + base.replace("version: 1\n", "") + "version: 1\n"
    changed = base.replace("exposure: internet", "exposure: internal")
    digest = parse_threat_model(base, str(tmp_path / "threatmodel.yaml")).digest
    assert len(digest) == 64
    assert parse_threat_model(same, str(tmp_path / "threatmodel.yaml")).digest == digest
    assert parse_threat_model(changed, str(tmp_path / "threatmodel.yaml")).digest != digest
    model = parse_threat_model(base, str(tmp_path / "threatmodel.yaml"))
    login = model.excerpt(str(tmp_path / "app.py"), "login", LOGIN_APP)
    assert "id: public-api" in login and "exposure: internet" in login and "id: user-passwords" in login
    assert login == model.excerpt(str(tmp_path / "app.py"), "login", LOGIN_APP)
    assert "public-api" not in model.excerpt(str(tmp_path / "app.py"), "checksum", LOGIN_APP)

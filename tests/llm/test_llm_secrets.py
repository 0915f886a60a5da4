"""Secrets never leave the machine: 40 planted secrets of different kinds appear in no request."""

from __future__ import annotations

import json

from llm_support import FIXTURES, fixture_source
from scripted_llm import Reply, ScriptedLLM
from threatmark.llm.redact import Redactor, looks_random

SECRETS: dict[str, str] = json.loads((FIXTURES / "secrets_app.json").read_text())


def secret_parts() -> list[str]:
    """Every secret, and each line of the multi-line ones (requests carry them JSON-escaped)."""
    return [part for value in SECRETS.values() for part in value.split("\n") if part]


def test_fixture_plants_at_least_30_kinds() -> None:
    assert len(SECRETS) >= 30
    text = fixture_source("secrets_app.py").text
    assert all(part in text for part in secret_parts())


def test_no_secret_in_any_request(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("secrets_app.py")
    rule_findings = engine.analyze(source).findings
    reviewer = make_reviewer()
    result = reviewer.review(source, rule_findings, excerpt="DB password is DB_PASSWORD = \"" +
                             SECRETS["db_password"] + "\" (rotated monthly)")
    assert result.requested == len(llm.chat_requests()) >= 7
    for finding in rule_findings:  # hardening requests carry the unit and the finding message too
        llm.script.append(Reply({"code": "def nope(:", "explanation": "broken"}))
        reviewer.harden(source, finding, engine.verify)
    requests = llm.chat_requests()
    assert requests
    for request in requests:
        decoded = json.dumps(request.json, ensure_ascii=False)
        for part in secret_parts():
            assert part.encode() not in request.body, part
            assert part not in decoded, part
    assert any("REDACTED_GITHUB_TOKEN_1" in r.user for r in requests)
    assert all("File: llm/fixtures/secrets_app.py" in r.user and str(FIXTURES) not in r.user for r in requests)
    assert any("REDACTED_PRIVATE_KEY_1" in r.user for r in requests)


def test_placeholders_are_stable_keep_lines_and_restore() -> None:
    text = fixture_source("secrets_app.py").text
    first, second = Redactor(), Redactor()
    redacted = first.redact(text)
    assert redacted == second.redact(text)  # deterministic: cached answers stay valid
    assert redacted.count("\n") == text.count("\n")  # line numbers the model cites stay true
    assert first.restore(redacted) == text
    assert first.redact(redacted) == redacted  # placeholders are not secrets themselves
    token = SECRETS["github_classic"]
    again = Redactor()
    placeholder = "REDACTED_GITHUB_TOKEN_1"
    assert again.redact(f'a = "{token}"\nb = "{token}"') == f'a = "{placeholder}"\nb = "{placeholder}"'


def test_ordinary_code_is_left_alone() -> None:
    code = '''
def login(request):
    token = request.headers.get("X-Token")
    password = request.form["password"]
    if check_password(password, user.password_hash):
        return jsonify(token=make_token(user))
    SETTINGS_MODULE = "myproject.settings.production"
    url = "https://example.com/api/v1/items?page=2"
    return render_template("login.html", error="invalid password")
'''
    assert Redactor().redact(code) == code.replace('"invalid password"', '"invalid password"')
    assert not looks_random("myproject.settings.production")
    assert not looks_random("test_user_with_long_name_2")
    assert looks_random("q8Zt3LmW9xR2vB7nK4pF6sJ1dH5gY0cE")

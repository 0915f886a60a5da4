"""Rules marked `skip-test-code` do not report in test code; their findings there stay listed as
suppressed, and rules without the mark report everywhere."""

from __future__ import annotations

import pytest
from threatmark.core.testcode import DEV_JUSTIFICATION, JUSTIFICATION, exemption, is_test_path
from threatmark.engine import Engine
from threatmark.model import SourceFile

ENGINE = Engine.create()
CODE = '''import subprocess
from flask import request

API_KEY = "sk_live_9f8a7b6c5d4e3f2a1b0c"


def run():
    subprocess.call("ls " + request.args["dir"], shell=True)
'''


@pytest.mark.parametrize(("path", "expected"), [
    ("tests/test_api.py", True), ("src/app/tests/helpers.py", True), ("test/fixtures.py", True),
    ("app/test_views.py", True), ("app/views_test.py", True), ("app/tests.py", True), ("conftest.py", True),
    ("app/views.py", False), ("app/testimonials.py", False),
    ("app/latest.py", False), ("contest/entry.py", False), ("app/attestation_test_data.txt", False),
])
def test_is_test_path(path: str, expected: bool) -> None:
    assert is_test_path(path) is expected


@pytest.mark.parametrize(("path", "roots", "expected"), [
    ("/home/test/shop/app.py", ("/home/test/shop",), False),  # a user named `test`
    ("/home/test/shop/tests/factories.py", ("/home/test/shop",), True),
    ("/srv/testing/site/views.py", (), False),  # no root known: the file name decides
    ("/srv/testing/site/test_views.py", (), True),
    ("C:\\proj\\tests\\util.py", ("C:\\proj",), True),
    ("C:\\test\\proj\\util.py", ("C:\\test\\proj",), False),
    ("/work/a/tests/x.py", ("/work", "/work/a/tests"), False),  # the deepest root holding it counts
])
def test_folders_count_from_the_project_root(path: str, roots: tuple[str, ...], expected: bool) -> None:
    assert is_test_path(path, roots) is expected


def test_exempt_rules_are_suppressed_in_test_code_and_reported_elsewhere() -> None:
    in_app = ENGINE.analyze(SourceFile("app/settings.py", CODE))
    in_tests = ENGINE.analyze(SourceFile("tests/test_settings.py", CODE))
    in_root_named_test = ENGINE.analyze(SourceFile("/home/test/app/settings.py", CODE), roots=("/home/test/app",))
    assert {f.rule_id for f in in_root_named_test.findings} == {f.rule_id for f in in_app.findings}
    app_rules = {f.rule_id for f in in_app.findings}
    assert "py-hardcoded-secret" in app_rules
    assert "py-hardcoded-secret" in ENGINE.test_exempt
    test_rules = {f.rule_id for f in in_tests.findings}
    assert "py-hardcoded-secret" not in test_rules
    assert test_rules == app_rules - ENGINE.test_exempt  # the injection flow is still reported
    assert any(f.rule_id.startswith("py-") and "injection" in f.rule_id for f in in_tests.findings)
    moved = [f for f in in_tests.suppressed if f.rule_id == "py-hardcoded-secret"]
    assert moved and moved[0].suppressed == JUSTIFICATION


def test_every_exempt_rule_is_about_hygiene_not_flows() -> None:
    """Taint rules (flows from untrusted input) always report, in tests too."""
    assert ENGINE.test_exempt
    assert not any(rule.taint for rule in ENGINE.rules if rule.id in ENGINE.test_exempt)


@pytest.mark.parametrize(("path", "expected"), [
    ("shop/settings/dev.py", True), ("shop/settings/local.py", True), ("/srv/shop/config/development.py", True),
    ("local_settings.py", True), ("shop/settings_dev.py", True), ("dev_settings.py", True),
    ("shop/settings/production.py", False), ("shop/settings.py", False), ("storage/local.py", False),
    ("shop/dev.py", False), ("devices.py", False),
])
def test_development_settings_modules(path: str, expected: bool) -> None:
    assert (exemption(path) == DEV_JUSTIFICATION) is expected


def test_debug_in_dev_settings_is_kept_as_suppressed() -> None:
    code = 'DEBUG = True\nSESSION_COOKIE_SECURE = False\n'
    production = {f.rule_id for f in ENGINE.analyze(SourceFile("shop/settings/production.py", code)).findings}
    assert {"py-django-debug", "py-insecure-session-cookie-config"} <= production
    dev = ENGINE.analyze(SourceFile("shop/settings/dev.py", code))
    assert not {f.rule_id for f in dev.findings} & production
    assert {f.suppressed for f in dev.suppressed} == {DEV_JUSTIFICATION}

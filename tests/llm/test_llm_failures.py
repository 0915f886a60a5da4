"""Malformed JSON, timeouts, 429, 5xx, refusals and a dead endpoint: one clear status, backoff,
never an exception and never a lost rule finding. The API key appears nowhere."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest
from llm_support import API_KEY, KEY_ENV, fixture_source
from scripted_llm import Reply, ScriptedLLM
from threatmark.llm import LlmConfig

SMALL = "def one(x):\n    return x + 1\n\n\ndef two(y):\n    return y * 2\n\n\ndef three(z):\n    return z - 3\n"


def small(text: str = SMALL):
    return fixture_source("app.py", text)


def warm(reviewer) -> None:
    """Let the reviewer learn the endpoint's structured-output mode first."""
    reviewer.review(small("def warmup():\n    return 0\n"), ())


def test_malformed_json_is_survived_and_retried_next_time(make_reviewer, llm: ScriptedLLM, engine) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.reset()
    llm.script.append(Reply("{'issues': [oops"))
    source = fixture_source("triage.py")
    rule_findings = engine.analyze(source).findings
    result = reviewer.review(source, rule_findings)
    assert result.failed == 1 and "not valid JSON" in (result.status or "")
    assert [f.rule_id for f in result.findings] == [f.rule_id for f in rule_findings]
    llm.reset()
    again = reviewer.review(source, rule_findings)
    assert again.requested == 1 and again.failed == 0 and again.status is None


def test_a_unit_that_keeps_getting_garbled_is_left_alone(make_reviewer, llm: ScriptedLLM) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.responder = lambda r: Reply("{truncated" if r.unit == "two()" else None)
    for _ in range(3):
        assert reviewer.review(small(), ()).failed == 1
    llm.reset()
    assert reviewer.review(small(), ()).requested == 0  # given up until two() changes
    assert reviewer.review(small(SMALL.replace("y * 2", "y * 3")), ()).requested == 1


def test_not_a_completion_body_is_survived(make_reviewer, llm: ScriptedLLM) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.script.append(Reply(raw_body="<html>502 bad gateway</html>"))
    result = reviewer.review(small(), ())
    assert result.failed == 1 and result.status


def test_timeout_pauses_and_reports_once(make_reviewer, llm: ScriptedLLM, caplog: pytest.LogCaptureFixture) -> None:
    reviewer = make_reviewer(concurrency=1, timeout=1.5)
    warm(reviewer)
    llm.reset()
    llm.script.append(Reply(delay=4.0))
    with caplog.at_level(logging.WARNING, logger="threatmark.llm"):
        result = reviewer.review(small(), ())
        assert result.failed == 1 and result.deferred == 2  # the endpoint is paused after a timeout
        assert "within 1.5 s" in (result.status or "") and "Rule findings are unaffected" in (result.status or "")
        assert len(llm.chat_requests()) == 1
        reviewer.review(small(), ())  # still paused: nothing sent, the same status is not logged again
    assert len(llm.chat_requests()) == 1
    assert len([r for r in caplog.records if "within 1.5 s" in r.getMessage()]) == 1
    time.sleep(reviewer.health.remaining() + 0.05)
    assert reviewer.review(small(), ()).requested == 3


def test_429_retry_after_is_honoured(make_reviewer, llm: ScriptedLLM) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.reset()
    llm.script.append(Reply(status=429, headers={"Retry-After": "1"}))
    result = reviewer.review(small(), ())
    requests = llm.chat_requests()
    assert len(requests) == 4  # three units + one retry
    assert requests[1].at - requests[0].at >= 0.95  # waited as told
    assert result.failed == 0 and result.requested == 3 and result.status is None


def test_429_with_long_retry_after_pauses_the_endpoint(make_reviewer, llm: ScriptedLLM) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.reset()
    llm.script.append(Reply(status=429, headers={"Retry-After": "120"}))
    result = reviewer.review(small(), ())
    assert len(llm.chat_requests()) == 1
    assert result.failed == 1 and result.deferred == 2
    assert "HTTP 429; retry after 120 s" in (result.status or "") and "pausing LLM requests for 120 s" in result.status
    assert reviewer.review(small(), ()).requested == 0


def test_server_errors_are_retried_once_then_reported(make_reviewer, llm: ScriptedLLM, engine) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.reset()
    llm.script.append(Reply(status=500))
    assert reviewer.review(small(), ()).failed == 0  # one 500, retried after a short pause
    llm.reset()
    llm.script.extend([Reply(status=503), Reply(status=500)])
    source = fixture_source("triage.py")
    rule_findings = engine.analyze(source).findings
    result = reviewer.review(source, rule_findings)
    assert result.failed == 1 and "HTTP 500" in (result.status or "")
    assert result.findings == rule_findings


def test_refusal_is_reported_and_not_asked_again(make_reviewer, llm: ScriptedLLM) -> None:
    reviewer = make_reviewer(concurrency=1)
    warm(reviewer)
    llm.script.append(Reply(refusal="I can't help with that."))
    result = reviewer.review(small(), ())
    assert "declined" in (result.status or "")
    llm.reset()
    assert reviewer.review(small(), ()).requested == 0


def test_unreachable_endpoint(make_reviewer, engine) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    reviewer = make_reviewer(base_url=f"http://127.0.0.1:{port}/v1", concurrency=1)
    source = fixture_source("triage.py")
    rule_findings = engine.analyze(source).findings
    result = reviewer.review(source, rule_findings)
    assert result.findings == rule_findings
    assert result.failed == 1 and result.deferred == 1
    assert f"cannot reach http://127.0.0.1:{port}/v1" in (result.status or "")


def test_concurrency_is_bounded_and_budget_defers(make_reviewer, llm: ScriptedLLM) -> None:
    text = "\n\n".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(8))
    llm.responder = lambda r: Reply(delay=0.2)
    reviewer = make_reviewer(concurrency=2, budget=6)
    result = reviewer.review(small(text), ())
    assert llm.max_in_flight <= 2
    assert result.requested == 6 and result.deferred == 2 and "left for a later save" in (result.status or "")
    llm.reset()
    second = reviewer.review(small(text), ())
    assert second.requested == 2 and second.cache_hits == 6 and second.status is None


def test_the_key_never_leaks(make_reviewer, llm: ScriptedLLM, cache_home: Path, caplog: pytest.LogCaptureFixture,
                             capsys: pytest.CaptureFixture[str]) -> None:
    config = LlmConfig(base_url=llm.url, api_key_env=KEY_ENV)
    assert config.api_key() == API_KEY
    assert API_KEY not in repr(config) and API_KEY not in str(config)
    with caplog.at_level(logging.DEBUG):
        reviewer = make_reviewer(concurrency=1, timeout=1.5)
        llm.script.extend([Reply(status=401), Reply(status=500), Reply("nonsense"), Reply(delay=3.5)])
        statuses = [reviewer.review(small(), ()).status for _ in range(2)]
        time.sleep(reviewer.health.remaining() + 0.05)
        statuses += [reviewer.review(small(SMALL + "\n\ndef four():\n    return 4\n"), ()).status]
    assert any(statuses)
    assert all(r.header("Authorization") == f"Bearer {API_KEY}" for r in llm.chat_requests())  # sent as auth
    assert not any(API_KEY.encode() in r.body for r in llm.chat_requests())
    assert API_KEY not in " ".join(s or "" for s in statuses)
    assert API_KEY not in caplog.text
    assert API_KEY not in capsys.readouterr().err
    for path in cache_home.rglob("*"):
        if path.is_file():
            assert API_KEY.encode() not in path.read_bytes(), path


def test_fallback_key_variable_used_by_the_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("THREATMARK_LLM_API_KEY", "from-the-editor")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    config = LlmConfig.from_env()
    assert config.configured and config.api_key() == "from-the-editor"
    monkeypatch.delenv("THREATMARK_LLM_API_KEY")
    assert not LlmConfig.from_env().configured
    assert LlmConfig.from_env({"OPENAI_BASE_URL": "http://u:p@127.0.0.1:9/v1"}).endpoint == "http://***@127.0.0.1:9/v1"

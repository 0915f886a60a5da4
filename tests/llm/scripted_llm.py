"""A scripted OpenAI-compatible chat server on 127.0.0.1 for tests and benches.

It records every request (path, headers, raw body, parsed JSON) and answers
`POST /v1/chat/completions` from a FIFO script of `Reply` values, then from `responder` (a
function of the recorded request), then with "no issues". A reply can be a JSON answer, raw
text (malformed JSON), an HTTP error with headers (429 + Retry-After, 500), a delay (for
timeouts) or a refusal. `reject_modes={"json_schema"}` makes it answer such requests with
HTTP 500, as llama.cpp's server does. Answers go into `tool_calls` when the request forces a tool.
Stdlib only, so it runs wherever the tests run.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

NO_ISSUES: dict[str, Any] = {"issues": [], "triage": []}


@dataclass
class Reply:
    """One scripted answer. `content` dict → JSON text; str → sent as is (e.g. malformed JSON)."""

    content: dict[str, Any] | str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    refusal: str | None = None
    raw_body: str | None = None  # replaces the whole HTTP body
    finish_reason: str = "stop"


@dataclass
class Recorded:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    body: bytes
    json: dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    @property
    def user(self) -> str:
        return next((m.get("content") or "" for m in self.json.get("messages", []) if m.get("role") == "user"), "")

    @property
    def unit(self) -> str:
        """The unit label from the prompt ("foo()", "module-level code")."""
        m = re.search(r"^Unit: (.*)$", self.user, re.M)
        return m.group(1) if m else ""

    @property
    def mode(self) -> str:
        if self.json.get("tools"):
            return "tool"
        return str((self.json.get("response_format") or {}).get("type") or "text")

    @property
    def is_rewrite(self) -> bool:
        return "Unit to rewrite:" in self.user

    def line_of(self, needle: str) -> int:
        """The 1-based line number the prompt shows for the first code line containing `needle`."""
        for line in self.user.split("\n"):
            m = re.match(r"^\s*(\d+)\| (.*)$", line)
            if m and needle in m.group(2):
                return int(m.group(1))
        raise AssertionError(f"{needle!r} not in the prompt of {self.unit}")


class ScriptedLLM:
    """The server; use as a context manager or call start()/stop()."""

    def __init__(self, reject_modes: set[str] | None = None) -> None:
        self.reject_modes = set(reject_modes or ())
        self.script: deque[Reply] = deque()
        self.responder: Callable[[Recorded], Reply | dict[str, Any] | None] | None = None
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ScriptedLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()

    def _next(self, request: Recorded) -> Reply:
        with self._lock:
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            answer = self.responder(request)
            if isinstance(answer, Reply):
                return answer
            if answer is not None:
                return Reply(answer)
        return Reply(NO_ISSUES)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                try:
                    parsed = json.loads(body or b"{}")
                except ValueError:
                    parsed = {}
                request = Recorded(self.path, dict(self.headers.items()), body, parsed)
                with owner._lock:
                    owner.requests.append(request)
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                try:
                    self._answer(request)
                except Exception as exc:  # a broken test responder: answer 500 instead of hanging up
                    self._send(500, {"error": {"message": f"responder failed: {exc}"}})
                finally:
                    with owner._lock:
                        owner.in_flight -= 1

            def _answer(self, request: Recorded) -> None:
                if not request.path.endswith("/chat/completions"):
                    return self._send(404, {"error": {"message": "not found"}})
                if request.mode in owner.reject_modes:
                    return self._send(500, {"error": {"code": 500, "type": "server_error",
                                                      "message": f"Unsupported response_format: {request.mode}"}})
                reply = owner._next(request)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw_body is not None:
                    return self._send(reply.status, reply.raw_body, reply.headers)
                if reply.status != 200:
                    return self._send(reply.status, {"error": {"message": f"scripted {reply.status}",
                                                               "type": "scripted"}}, reply.headers)
                return self._send(200, completion(request, reply), reply.headers)

            def _send(self, status: int, body: dict[str, Any] | str, headers: dict[str, str] | None = None) -> None:
                data = (body if isinstance(body, str) else json.dumps(body)).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        return Handler


def completion(request: Recorded, reply: Reply) -> dict[str, Any]:
    """A chat.completion body carrying the reply as content or as a forced tool call."""
    content = reply.content if reply.content is not None else NO_ISSUES
    text = content if isinstance(content, str) else json.dumps(content)
    message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": reply.refusal}
    if reply.refusal:
        message["content"] = None
    elif request.mode == "tool":
        name = request.json["tools"][0]["function"]["name"]
        message["content"] = None
        message["tool_calls"] = [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}]
    return {
        "id": f"chatcmpl-{len(request.body)}", "object": "chat.completion", "created": int(time.time()),
        "model": request.json.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": len(request.body) // 4, "completion_tokens": len(text) // 4,
                  "total_tokens": len(request.body) // 4 + len(text) // 4},
    }


def issue(line: int, snippet: str, title: str = "Missing authorisation check", category: str = "authorization",
          severity: str = "high", confidence: str = "medium", cwe: int = 862) -> dict[str, Any]:
    """One issue in the review schema."""
    return {"title": title, "category": category, "severity": severity, "confidence": confidence,
            "start_line": line, "end_line": line, "snippet": snippet, "explanation": f"{title} at line {line}.",
            "cwe": cwe}

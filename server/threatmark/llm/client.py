"""One structured chat completion through the `openai` client, whatever the server supports.

Servers differ in how they constrain output: OpenAI honours `response_format: json_schema`,
llama.cpp's server rejects it (HTTP 500) but honours `json_object` with a `schema`, and others
only do forced tool calls. `ChatClient.complete` tries them in that order the first time it meets
an endpoint and remembers what worked (`ModeMemory`, persisted in the cache). Every failure
becomes an `LlmError` with a short message that never contains the API key or the server's body.
"""

from __future__ import annotations

import email.utils
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import openai

from threatmark.llm.config import NO_KEY, LlmConfig
from threatmark.llm.prompt import bounded, with_schema

MODES = ("json_schema", "json_object", "tool")
_FALLBACK_STATUSES = {400, 404, 415, 422, 500, 501}
_REFUSAL = re.compile(r"(?i)^\W*(I'?m sorry|I am sorry|I can(?:no|')t|I cannot|I won'?t|I'?m not able|As an AI)")
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


class ModeMemory(Protocol):
    """Remembers which structured-output mode an endpoint accepted."""

    def get_mode(self, endpoint: str) -> str | None: ...

    def set_mode(self, endpoint: str, mode: str | None) -> None: ...


class MemoryModes:
    """In-process ModeMemory (used when there is no disk cache)."""

    def __init__(self) -> None:
        self._modes: dict[str, str] = {}

    def get_mode(self, endpoint: str) -> str | None:
        return self._modes.get(endpoint)

    def set_mode(self, endpoint: str, mode: str | None) -> None:
        if mode is None:
            self._modes.pop(endpoint, None)
        else:
            self._modes[endpoint] = mode


class LlmError(Exception):
    """A failed request. `kind`: timeout, rate_limited, server_error, unreachable, auth, bad_request,
    malformed, refused or error. `transient` failures pause the endpoint (see health.py)."""

    TRANSIENT = frozenset({"timeout", "rate_limited", "server_error", "unreachable"})

    def __init__(self, kind: str, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        return self.kind in self.TRANSIENT


@dataclass(frozen=True)
class Completion:
    """A parsed JSON answer and what it cost."""

    data: dict[str, Any]
    prompt_tokens: int
    completion_tokens: int
    mode: str


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds from `retry-after-ms` / `Retry-After` (delta-seconds or HTTP date), if present."""
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(when.timestamp() - time.time(), 0.0)


def parse_json_text(text: str) -> dict[str, Any]:
    """The JSON object in a model's text answer (Markdown fences tolerated); LlmError otherwise."""
    stripped = _FENCE.sub("", text or "").strip()
    if _REFUSAL.match(stripped):
        raise LlmError("refused", "the model declined to answer")
    try:
        data = json.loads(stripped)
    except (json.JSONDecodeError, ValueError):
        raise LlmError("malformed", "the model's answer was not valid JSON") from None
    if not isinstance(data, dict):
        raise LlmError("malformed", "the model's answer was JSON but not an object")
    return data


class ChatClient:
    """Sends chat requests to one endpoint with the structured-output mode it supports."""

    def __init__(self, config: LlmConfig, modes: ModeMemory | None = None,
                 on_request: Callable[[], None] | None = None) -> None:
        self.config = config
        self.modes = modes or MemoryModes()
        self.on_request = on_request or (lambda: None)
        self.memory_key = f"{config.endpoint}|{config.model}"
        self._discovery = threading.Lock()
        self._client = openai.OpenAI(api_key=config.api_key() or NO_KEY, base_url=config.base_url,
                                     timeout=config.timeout, max_retries=0)

    def close(self) -> None:
        self._client.close()

    def complete(self, messages: list[dict[str, str]], schema: dict[str, object], name: str) -> Completion:
        """One JSON answer for the messages; raises LlmError."""
        mode = self.modes.get_mode(self.memory_key)
        if mode in MODES:
            try:
                return self._once(mode, messages, schema, name)
            except LlmError as exc:
                if exc.kind != "bad_request":
                    raise
                self.modes.set_mode(self.memory_key, None)  # the endpoint changed: find out again
        with self._discovery:  # one request probes the modes; the others wait for its verdict
            mode = self.modes.get_mode(self.memory_key)
            if mode in MODES:
                return self._once(mode, messages, schema, name)
            for index, mode in enumerate(MODES):
                try:
                    result = self._once(mode, messages, schema, name)
                except LlmError as exc:
                    if exc.status in _FALLBACK_STATUSES and index + 1 < len(MODES):
                        continue
                    raise
                self.modes.set_mode(self.memory_key, mode)
                return result
        raise LlmError("error", "no structured-output mode worked")  # pragma: no cover

    def _once(self, mode: str, messages: list[dict[str, str]], schema: dict[str, object], name: str) -> Completion:
        kwargs: dict[str, Any] = {"model": self.config.model, "messages": messages, "temperature": 0,
                                  "max_tokens": self.config.max_tokens}
        if mode == "json_schema":
            kwargs["response_format"] = {"type": "json_schema",
                                         "json_schema": {"name": name, "strict": True, "schema": schema}}
        else:  # the server may not enforce the schema: show it to the model too, bounded
            schema = bounded(schema)
            kwargs["messages"] = with_schema(messages, schema)
        if mode == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        elif mode == "tool":
            kwargs["tools"] = [{"type": "function", "function": {
                "name": name, "description": "Report the result", "parameters": schema}}]
            kwargs["tool_choice"] = {"type": "function", "function": {"name": name}}
        self.on_request()
        try:
            response = self._client.chat.completions.create(**kwargs)
        except openai.APIError as exc:
            raise self._error(exc) from None
        except Exception as exc:  # a client bug or an odd transport error must not escape
            raise LlmError("error", f"request to {self.config.endpoint} failed ({type(exc).__name__})") from None
        return self._parse(response, mode)

    def _parse(self, response: Any, mode: str) -> Completion:
        choices = getattr(response, "choices", None)
        if not choices:
            raise LlmError("malformed", "the server's answer had no choices")
        choice = choices[0]
        message = choice.message
        if getattr(message, "refusal", None) or choice.finish_reason == "content_filter":
            raise LlmError("refused", "the model declined to answer")
        calls = getattr(message, "tool_calls", None) or []
        try:
            if calls and getattr(calls[0], "function", None) is not None:
                data = parse_json_text(calls[0].function.arguments or "")
            else:
                data = parse_json_text(message.content or "")
        except LlmError as exc:
            if exc.kind == "malformed" and choice.finish_reason == "length":
                raise LlmError("malformed", f"the model's answer was cut off at max_tokens "
                                            f"({self.config.max_tokens})") from None
            raise
        usage = getattr(response, "usage", None)
        return Completion(data, int(getattr(usage, "prompt_tokens", 0) or 0),
                          int(getattr(usage, "completion_tokens", 0) or 0), mode)

    def _error(self, exc: openai.APIError) -> LlmError:
        where = self.config.endpoint
        if isinstance(exc, openai.APITimeoutError):
            return LlmError("timeout", f"no answer from {where} within {self.config.timeout:g} s")
        if isinstance(exc, openai.APIConnectionError):
            return LlmError("unreachable", f"cannot reach {where}")
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            if status == 429:
                wait = retry_after_seconds(exc.response.headers)
                after = f"; retry after {wait:g} s" if wait is not None else ""
                return LlmError("rate_limited", f"{where} is rate limiting (HTTP 429{after})", status, wait)
            if status in (401, 403):
                return LlmError("auth", f"{where} refused the credentials (HTTP {status}); check "
                                        f"{self.config.api_key_env}", status)
            if status >= 500:
                return LlmError("server_error", f"{where} failed (HTTP {status})", status,
                                retry_after_seconds(exc.response.headers))
            return LlmError("bad_request", f"{where} rejected the request (HTTP {status})", status)
        return LlmError("malformed", f"{where} sent an answer that is not a valid completion")

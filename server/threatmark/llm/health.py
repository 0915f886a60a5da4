"""Endpoint health: after a transient failure, pause requests for a while (Retry-After or backoff)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from threatmark.llm.client import LlmError

MAX_BACKOFF = 300.0


class Health:
    """Thread-safe pause/backoff state shared by every review of one Reviewer."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._paused_until = 0.0
        self._failures = 0
        self.last_error: LlmError | None = None

    def remaining(self) -> float:
        """Seconds until requests may be sent again (0 when not paused)."""
        with self._lock:
            return max(self._paused_until - self._clock(), 0.0)

    def waitable(self, limit: float) -> bool:
        """True when the pause is short and came from the server asking us to wait (429/5xx)."""
        error = self.last_error
        return error is not None and error.kind in ("rate_limited", "server_error") and self.remaining() <= limit

    def failed(self, error: LlmError) -> float:
        """Record a failure; transient ones pause the endpoint. Returns the pause in seconds."""
        with self._lock:
            self.last_error = error
            if not error.transient:
                return 0.0
            self._failures += 1
            if error.retry_after is not None:
                delay = min(error.retry_after, MAX_BACKOFF * 4)
            else:
                delay = min(2.0 ** (self._failures - 1), MAX_BACKOFF)
            self._paused_until = max(self._paused_until, self._clock() + delay)
            return delay

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0
            self.last_error = None
            self._paused_until = 0.0

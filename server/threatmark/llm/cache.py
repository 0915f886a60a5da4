"""The on-disk cache shared by the CLI and the language server: reviews, rewrites, modes, stats.

It lives in the platform's user cache dir (`$XDG_CACHE_HOME/threatmark/llm` on Linux), created
with mode 0700. Values are JSON text (never pickles), so a tampered cache cannot run code. Any
sign of corruption (SQLite errors, unreadable values) rebuilds the cache from scratch; if even
that fails the cache degrades to memory. No operation here raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import diskcache
import platformdirs

log = logging.getLogger("threatmark.llm")

STAT_NAMES = ("requests", "cache_hits", "units_reviewed", "prompt_tokens", "completion_tokens", "failures",
              "rewrites")
_ERRORS = (sqlite3.Error, OSError, diskcache.Timeout, ValueError, TypeError, KeyError, EOFError)


def default_cache_dir() -> Path:
    """`platformdirs.user_cache_dir("threatmark")/llm` (honours XDG_CACHE_HOME on Linux)."""
    return Path(platformdirs.user_cache_dir("threatmark")) / "llm"


def cache_key(*parts: str) -> str:
    """A stable key from parts (each hashed with a separator, so ("ab","c") ≠ ("a","bc"))."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)


def _new_cache(directory: Path) -> diskcache.Cache:
    _private_dir(directory.parent)
    _private_dir(directory)
    cache = diskcache.Cache(str(directory), size_limit=256 * 1024 * 1024)
    cache.get("__probe__")  # touches the database: corruption shows up here
    return cache


class ReviewCache:
    """diskcache.Cache wrapper that rebuilds itself on corruption and never raises."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self._lock = threading.RLock()
        self._memory: dict[str, str] | None = None  # fallback when the disk cache cannot be used
        self._cache: diskcache.Cache | None = None
        self._open()

    # -- lifecycle -------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            self._cache = _new_cache(self.directory)
        except _ERRORS as exc:
            self._rebuild(exc)

    def _rebuild(self, exc: BaseException) -> None:
        """Throw the damaged cache away and start again (memory only if that fails too)."""
        log.warning("LLM cache at %s was unreadable (%s); rebuilding it", self.directory, type(exc).__name__)
        with contextlib.suppress(Exception):
            if self._cache is not None:
                self._cache.close()
        self._cache = None
        try:
            if self.directory.exists():
                aside = self.directory.with_name(f"{self.directory.name}.corrupt-{os.getpid()}-{time.time_ns()}")
                os.replace(self.directory, aside)
                shutil.rmtree(aside, ignore_errors=True)
            self._cache = _new_cache(self.directory)
        except _ERRORS as again:
            log.warning("LLM cache disabled for this process: %s", type(again).__name__)
            self._memory = {}

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._cache is not None:
                self._cache.close()

    def _do(self, operation: str, *args: Any) -> Any:
        with self._lock:
            if self._cache is None:
                return self._memory_op(operation, *args)
            try:
                return getattr(self._cache, operation)(*args)
            except _ERRORS as exc:
                self._rebuild(exc)
                if self._cache is None:
                    return self._memory_op(operation, *args)
                try:
                    return getattr(self._cache, operation)(*args)
                except _ERRORS:
                    return None

    def _memory_op(self, operation: str, *args: Any) -> Any:
        memory = self._memory if self._memory is not None else {}
        self._memory = memory
        if operation == "get":
            return memory.get(args[0])
        if operation == "set":
            memory[args[0]] = args[1]
            return True
        if operation == "delete":
            return memory.pop(args[0], None) is not None
        if operation == "incr":
            memory[args[0]] = int(memory.get(args[0], 0)) + args[1]  # type: ignore[assignment]
            return memory[args[0]]
        if operation == "clear":
            n = len(memory)
            memory.clear()
            return n
        return None

    # -- JSON values -----------------------------------------------------------------------
    def get_json(self, key: str) -> dict[str, Any] | None:
        raw = self._do("get", key)
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            self._do("delete", key)
            return None
        return value if isinstance(value, dict) else None

    def set_json(self, key: str, value: dict[str, Any]) -> None:
        self._do("set", key, json.dumps(value, separators=(",", ":")))

    # -- structured-output modes (ModeMemory) ----------------------------------------------
    def get_mode(self, endpoint: str) -> str | None:
        value = self.get_json("mode:" + endpoint)
        return value.get("mode") if value else None

    def set_mode(self, endpoint: str, mode: str | None) -> None:
        if mode is None:
            self._do("delete", "mode:" + endpoint)
        else:
            self.set_json("mode:" + endpoint, {"mode": mode})

    # -- statistics --------------------------------------------------------------------------
    def bump(self, name: str, amount: int = 1) -> None:
        if amount:
            self._do("incr", "stat:" + name, amount, 0)

    def stats(self) -> dict[str, int]:
        out = {}
        for name in STAT_NAMES:
            value = self._do("get", "stat:" + name)
            out[name] = int(value) if isinstance(value, int | str) and str(value).isdigit() else 0
        return out

    def failure_kinds(self) -> dict[str, int]:
        out = {}
        for kind in ("timeout", "rate_limited", "server_error", "unreachable", "auth", "bad_request", "malformed",
                     "refused", "error"):
            value = self._do("get", "stat:failure:" + kind)
            if isinstance(value, int) and value:
                out[kind] = value
        return out

    def entries(self) -> tuple[int, int]:
        """(number of cached reviews and rewrites, bytes on disk)."""
        with self._lock:
            if self._cache is None:
                return (sum(1 for k in (self._memory or {}) if k.startswith(("review:", "rewrite:"))), 0)
            try:
                keys = sum(1 for k in self._cache.iterkeys() if str(k).startswith(("review:", "rewrite:")))
                return keys, int(self._cache.volume())
            except _ERRORS:
                return (0, 0)

    def clear(self, keep_stats: bool = True) -> int:
        """Remove cached reviews, rewrites and endpoint modes; returns how many entries went."""
        with self._lock:
            if self._cache is None:
                return int(self._memory_op("clear") or 0)
            try:
                doomed = [k for k in self._cache.iterkeys() if not (keep_stats and str(k).startswith("stat:"))]
                for key in doomed:
                    self._cache.delete(key)
                return sum(1 for k in doomed if str(k).startswith(("review:", "rewrite:")))
            except _ERRORS as exc:
                self._rebuild(exc)
                return 0

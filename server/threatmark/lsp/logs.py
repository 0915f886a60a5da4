"""Logging for the server: stderr always, `window/logMessage` once a client is connected.

Nothing in the server may write to stdout (it carries the LSP stream): `protect_stdout` moves
file descriptor 1 to stderr and hands the real stdout to pygls only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from typing import IO, TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

LOGGER = "threatmark"
_LEVELS = {
    logging.ERROR: types.MessageType.Error,
    logging.WARNING: types.MessageType.Warning,
    logging.INFO: types.MessageType.Info,
    logging.DEBUG: types.MessageType.Log,
}


def setup(level_name: str) -> int:
    """stderr logging at `level_name`; pygls' own (very chatty) logs only from WARNING unless DEBUG."""
    level = logging.getLevelName(str(level_name).upper())
    if not isinstance(level, int):
        level = logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("pygls").setLevel(logging.DEBUG if level <= logging.DEBUG else logging.WARNING)
    return level


def protect_stdout() -> tuple[IO[bytes], IO[bytes]]:
    """(stdin, stdout) binary streams for the LSP connection; afterwards fd 1 and `sys.stdout`
    point at stderr, so a stray print (ours, a library's, a child process') cannot corrupt it."""
    stdin = sys.stdin.buffer
    try:
        out_fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        stdout: IO[bytes] = os.fdopen(out_fd, "wb")
    except (OSError, ValueError, AttributeError):  # no real file descriptors (embedded, tests)
        stdout = sys.stdout.buffer
    sys.stdout = sys.stderr
    return stdin, stdout


class ClientLogHandler(logging.Handler):
    """Forwards `threatmark` log records to the client's `window/logMessage` (thread-safe)."""

    def __init__(self, server: LanguageServer, loop: asyncio.AbstractEventLoop, level: int) -> None:
        super().__init__(level)
        self.server = server
        self.loop = loop
        self._local = threading.local()
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._local, "busy", False) or self.loop.is_closed():
            return
        message = types.LogMessageParams(type=_LEVELS.get(record.levelno, types.MessageType.Log),
                                         message=self.format(record))
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self._send(message)
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile (shutting down)
            self.loop.call_soon_threadsafe(self._send, message)

    def _send(self, message: types.LogMessageParams) -> None:
        self._local.busy = True
        try:
            self.server.window_log_message(message)
        except Exception:  # the client is gone: stderr still has the line
            pass
        finally:
            self._local.busy = False


def attach_client(server: LanguageServer, level: int) -> ClientLogHandler:
    handler = ClientLogHandler(server, asyncio.get_running_loop(), max(level, logging.INFO))
    logging.getLogger(LOGGER).addHandler(handler)
    return handler

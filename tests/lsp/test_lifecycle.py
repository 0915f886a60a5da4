"""A client that disappears: the server notices (closed pipe, or the editor's processId gone),
logs a clear line and exits instead of lingering."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SERVER, TIMEOUT


def _message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _initialize(pid: int | None) -> bytes:
    return _message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": pid, "rootUri": None, "capabilities": {}}})


def test_client_closing_the_pipe_ends_the_server():
    server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server.stdin.write(_initialize(None))
    server.stdin.flush()
    header = server.stdout.readline()
    assert header.startswith(b"Content-Length:")
    server.stdin.close()  # the editor went away without shutdown/exit
    assert server.wait(timeout=TIMEOUT) == 0
    stderr = server.stderr.read().decode()
    assert "connection closed; exiting" in stderr
    assert "Traceback" not in stderr


def test_client_process_dying_ends_the_server():
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server.stdin.write(_initialize(editor.pid))
    server.stdin.write(_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.stdin.flush()
    editor.wait()
    try:
        server.wait(timeout=TIMEOUT)  # stdin is still open: only the processId watchdog can notice
    finally:
        server.kill()
    assert f"the client process {editor.pid} is gone; exiting" in server.stderr.read().decode()

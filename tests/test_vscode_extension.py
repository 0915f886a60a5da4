"""The VS Code extension (clients/vscode): its npm unit tests, and the end-to-end test in a real
VS Code (code-server + chromium + puppeteer-core, tests/e2e_vscode/run.mjs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "clients" / "vscode"
E2E_SCRIPT = REPO / "tests" / "e2e_vscode" / "run.mjs"
DEFAULT_CODE_SERVER = "/opt/code-server"  # same default as run.mjs


def _code_server() -> Path | None:
    configured = Path(os.environ.get("THREATMARK_CODE_SERVER", DEFAULT_CODE_SERVER))
    for candidate in (configured / "node_modules" / ".bin" / "code-server", configured):
        if candidate.is_file():
            return candidate
    return None


def _npm() -> str:
    npm = shutil.which("npm")
    assert npm, "npm is needed to build and test the VS Code extension (Node 20)"
    return npm


def _run(cmd: list[str], cwd: Path, timeout: int, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    output = f"{proc.stdout[-10000:]}\n{proc.stderr[-5000:]}"
    assert proc.returncode == 0, f"{' '.join(cmd)} failed ({proc.returncode}):\n{output}"


def test_extension_unit_tests() -> None:
    npm = _npm()
    if not (EXTENSION / "node_modules").is_dir():
        _run([npm, "ci", "--no-audit", "--no-fund"], EXTENSION, timeout=600)
    _run([npm, "run", "typecheck"], EXTENSION, timeout=300)
    _run([npm, "test"], EXTENSION, timeout=300)


def test_extension_end_to_end_in_code_server() -> None:
    code_server = _code_server()
    if code_server is None:
        location = os.environ.get("THREATMARK_CODE_SERVER", DEFAULT_CODE_SERVER)
        pytest.skip(
            f"code-server is not installed at {location}: run "
            f"`bash /work/shared/tools/install-code-server.sh {location}` or set THREATMARK_CODE_SERVER"
        )
    _npm()
    env = {**os.environ, "THREATMARK_PYTHON": sys.executable, "THREATMARK_CODE_SERVER": str(code_server)}
    _run(["node", str(E2E_SCRIPT)], REPO, timeout=900, env=env)

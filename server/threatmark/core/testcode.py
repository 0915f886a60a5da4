"""Test code and local development settings, told apart by path: where hard-coded credentials,
debug flags and weak hashes are fixtures or deliberate dev conveniences rather than weaknesses.

Rules marked `skip-test-code: true` do not report there; their findings are kept as suppressed
(`threatmark scan --show-suppressed` lists them), so nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_TEST_DIRS = {"tests", "test", "testing"}
_TEST_FILE = re.compile(r"^(test_.*|.*_tests?|tests|conftest)\.py$")
_DEV = r"(dev|devel|develop|development|local)"
_DEV_SETTINGS = re.compile(rf"^((settings|config)_{_DEV}|{_DEV}_(settings|config))\.py$")  # settings_dev.py
_DEV_IN_SETTINGS = re.compile(rf"^{_DEV}\.py$")  # settings/dev.py, config/local.py
_SETTINGS_DIRS = {"settings", "config", "conf", "configs"}
JUSTIFICATION = "test code: this rule does not apply to tests (path in a tests/ folder or a test_*.py file)"
DEV_JUSTIFICATION = ("development settings: this rule does not apply to a local/dev settings module "
                     "(dev.py, local.py, settings_dev.py, local_settings.py, ...)")


def exemption(path: str, roots: tuple[str, ...] = ()) -> str | None:
    """Why `skip-test-code` rules do not report in this file (test code or development settings), or None."""
    if is_test_path(path, roots):
        return JUSTIFICATION
    parts = PurePosixPath(path.replace("\\", "/")).parts  # the folder of a settings module counts, root or not
    if not parts:
        return None
    name, folder = parts[-1], parts[-2] if len(parts) > 1 else ""
    dev = _DEV_SETTINGS.match(name) or (folder in _SETTINGS_DIRS and _DEV_IN_SETTINGS.match(name))
    return DEV_JUSTIFICATION if dev else None


def is_test_path(path: str, roots: tuple[str, ...] = ()) -> bool:
    """True for files under a `tests`/`test`/`testing` folder or named like pytest/unittest modules.
    Folders count from the project root (one of `roots` holding the path), so `/home/test/app.py`
    is not test code; an absolute path outside every root is judged by its file name alone."""
    parts = _relative_parts(path, roots)
    if not parts:
        return False
    return _TEST_FILE.match(parts[-1]) is not None or any(part in _TEST_DIRS for part in parts[:-1])


def _relative_parts(path: str, roots: tuple[str, ...]) -> tuple[str, ...]:
    pure = PurePosixPath(path.replace("\\", "/"))
    for root in sorted(roots, key=len, reverse=True):
        try:
            return pure.relative_to(PurePosixPath(str(root).replace("\\", "/"))).parts
        except ValueError:
            continue
    if pure.is_absolute() or (pure.parts and ":" in pure.parts[0]):  # C:/... too
        return pure.parts[-1:]
    return pure.parts

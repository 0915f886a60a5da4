"""Test code, told apart by path: where hard-coded credentials, debug flags and weak hashes are
fixtures rather than weaknesses.

Rules marked `skip-test-code: true` do not report in test code; their findings there are kept as
suppressed (`threatmark scan --show-suppressed` lists them), so nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_TEST_DIRS = {"tests", "test", "testing"}
_TEST_FILE = re.compile(r"^(test_.*|.*_tests?|tests|conftest)\.py$")
JUSTIFICATION = "test code: this rule does not apply to tests (path in a tests/ folder or a test_*.py file)"


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

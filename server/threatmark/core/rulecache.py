"""Remembered rule verdicts: a rule text that passed validation once is not validated again.

Validating the built-in pack (JSON schema, ~80 tree-sitter queries, every regex) costs about a
second, which every `threatmark scan`, language-server start and scan worker paid. A valid rule's
verdict (the pattern count of each of its queries) is stored under a key made of everything the
verdict depends on: the rule's file name and text, the schema, the loader's own source, and the
tree-sitter and grammar versions. Any change to one of them is a different key, so a stale verdict
cannot be read. Invalid rules are never stored: their problems are worked out, and reported, every
time. The store is one small JSON file per verdict in `$THREATMARK_CACHE_DIR` (empty: off), else
the user cache dir (`~/.cache/threatmark/rules` on Linux); when it cannot be read or written the
loader simply validates.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

import platformdirs

_LOADER_FILES = ("rules.py", "rule-schema.json", "rulecache.py")


@cache
def cache_dir() -> Path | None:
    """Where verdicts live, or None when caching is turned off (`THREATMARK_CACHE_DIR=`)."""
    chosen = os.environ.get("THREATMARK_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "rules" if chosen else None
    return Path(platformdirs.user_cache_dir("threatmark")) / "rules"


@cache
def _salt() -> bytes:
    """What every verdict depends on besides the rule itself: loader code, schema, tree-sitter."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _LOADER_FILES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for package in ("tree-sitter", "tree-sitter-python"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.digest()


def verdict_key(file_name: str, text: str) -> str:
    digest = hashlib.sha256(_salt())
    digest.update(file_name.encode() + b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def recall(key: str) -> dict[int, int] | None:
    """The stored pattern counts (matcher index → patterns) of a rule text known to be valid."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stored = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return {int(index): int(count) for index, count in stored["patterns"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(key: str, patterns: dict[int, int]) -> None:
    """Store a valid rule's verdict (atomically; silently skipped when the folder is not writable)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".verdict-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"patterns": {str(i): n for i, n in patterns.items()}}, out)
            os.replace(temporary, folder / f"{key}.json")
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

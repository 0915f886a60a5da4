"""Which files a scan reads: analysed languages, `.gitignore` respected, sensible excludes,
and unreadable/binary/non-UTF-8/huge files skipped with one clear reason each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from threatmark.core.parse import language_for_path

DEFAULT_EXCLUDES = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__", ".tox", ".nox",
                    ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist", "site-packages", ".eggs")
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def discover(paths: list[str], excludes: tuple[str, ...] = DEFAULT_EXCLUDES) -> Iterator[str | Skipped]:
    """Yield file paths to analyse (explicit files are always taken) or Skipped entries."""
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield str(path)
        elif path.is_dir():
            yield from _walk_dir(path, set(excludes))
        else:
            yield Skipped(raw, "no such file or directory")


def _walk_dir(top: Path, excludes: set[str]) -> Iterator[str]:
    specs: dict[str, pathspec.PathSpec] = {}
    for dirpath, dirnames, filenames in os.walk(top):
        here = Path(dirpath)
        spec = _gitignore(here)
        if spec is not None:
            specs[dirpath] = spec
        active = [(Path(d), s) for d, s in specs.items() if dirpath == d or dirpath.startswith(d + os.sep)]
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in excludes and not d.endswith(".egg-info") and not _ignored(here / d, True, active)
        )
        for name in sorted(filenames):
            if language_for_path(name) and not _ignored(here / name, False, active):
                yield str(here / name)


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return None
    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        return pathspec.PathSpec.from_lines("gitwildmatch", lines)
    except (OSError, ValueError):
        return None


def _ignored(path: Path, is_dir: bool, active: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    for base, spec in active:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def read_source(path: str) -> str | Skipped:
    """The file's text, or why it is skipped (unreadable, too large, binary, not UTF-8)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return Skipped(path, f"skipped: {size / 1e6:.1f} MB is larger than the {MAX_BYTES // 2**20} MiB limit")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Skipped(path, f"skipped: cannot read ({exc.strerror or exc})")
    if b"\0" in data[:8192]:
        return Skipped(path, "skipped: binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(path, f"skipped: not valid UTF-8 (byte {exc.start})")

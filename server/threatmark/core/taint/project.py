"""Inter-file summaries: functions imported from the same project (`from app.utils import
clean`) are analysed in their own file and their summary is used at the call site, so a
project helper that escapes, or returns a constant, is neither missed nor falsely reported."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from threatmark.core.index import CompiledRules, build_index
from threatmark.core.parse import ParsedFile, parse
from threatmark.model import SourceFile

if TYPE_CHECKING:
    from threatmark.core.taint.analyzer import TaintContext
    from threatmark.core.taint.summary import Summary
    from threatmark.core.taint.taintrules import TaintRules

_MAX_FILE_BYTES = 2 * 1024 * 1024
_MAX_CONTEXTS = 8


@lru_cache(maxsize=1)
def _index_only() -> CompiledRules:
    """Imported files only need calls, functions and imports, not the pattern rules' queries."""
    return CompiledRules.build(())


@dataclass
class Project:
    """Source roots to resolve imports in, with per-file caches of parses and contexts."""

    roots: tuple[Path, ...]
    compiled: CompiledRules
    taint: TaintRules
    overlays: dict[str, str] = field(default_factory=dict)  # path → unsaved editor text
    _contexts: OrderedDict[Path, TaintContext | None] = field(default_factory=OrderedDict)
    _in_progress: set[tuple[Path, str]] = field(default_factory=set)

    def invalidate(self, path: str | Path | None = None) -> None:
        """Forget cached analyses (all, or one file's) after a change on disk or in the editor."""
        if path is None:
            self._contexts.clear()
        else:
            self._contexts.pop(Path(path).resolve(), None)

    def summary(self, qualname: str, importer: str) -> Summary | None:
        """The summary of a project function named by a resolved qualified name, if found."""
        for module_path, function in self._candidates(qualname, Path(importer).resolve().parent):
            key = (module_path, function)
            if key in self._in_progress:
                return None
            ctx = self._context(module_path)
            if ctx is None:
                continue
            node = ctx.functions.get(function)
            if node is None:
                continue
            self._in_progress.add(key)
            try:
                return ctx.summary(node)
            finally:
                self._in_progress.discard(key)
        return None

    def _candidates(self, qualname: str, here: Path) -> list[tuple[Path, str]]:
        parts = qualname.split(".")
        if len(parts) < 2 or any(not p.isidentifier() for p in parts):
            return []
        module, function = parts[:-1], parts[-1]
        found = []
        for base in (here, *self.roots):
            for candidate in (base.joinpath(*module).with_suffix(".py"), base.joinpath(*module, "__init__.py")):
                if candidate.is_file():
                    found.append((candidate.resolve(), function))
        return found

    def _context(self, path: Path) -> TaintContext | None:
        """The analysis context of an imported file (a bounded LRU: trees are large)."""
        if path in self._contexts:
            self._contexts.move_to_end(path)
            return self._contexts[path]
        context = self._contexts[path] = self._load(path)
        while len(self._contexts) > _MAX_CONTEXTS:
            self._contexts.popitem(last=False)
        return context

    def _load(self, path: Path) -> TaintContext | None:
        from threatmark.core.taint.analyzer import TaintContext

        try:
            text = self.overlays.get(str(path)) or _read(path)
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        parsed: ParsedFile = parse(SourceFile(str(path), text))
        return TaintContext(parsed, build_index(parsed, _index_only()), self.taint, project=self)


def _read(path: Path) -> str:
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise ValueError("too large")
    return path.read_text(encoding="utf-8")

"""Per-workspace-folder state: effective settings, the rule engine, and the threat-model seam.

A `Session` exists for each workspace folder, plus one for documents outside every folder.
Engines are shared between folders that load the same rule folders (`EnginePool`).

Seam for the threat model (issue 5): `Session.threat` is handed to `Engine.analyze(threat=...)`
for every document of the folder; it is None until the threat-model code sets it, after which
`ThreatmarkServer.refresh_all(session)` re-analyses and republishes the folder's open documents.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from threatmark.core.rules import builtin_rules_dir
from threatmark.engine import Engine, ThreatApplier
from threatmark.lsp.documents import uri_to_path
from threatmark.lsp.settings import Settings
from threatmark.model import Problem

log = logging.getLogger("threatmark.lsp")


class EnginePool:
    """One Engine per distinct tuple of rule folders, built lazily and thread-safely.

    Compiling a rule pack takes seconds, so a reload keeps an engine whose rule files did not
    change (same paths, sizes and modification times).
    """

    def __init__(self) -> None:
        self._engines: dict[tuple[str, ...], tuple[Engine, tuple]] = {}
        self._stale: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def get(self, rule_dirs: tuple[str, ...]) -> Engine:
        with self._lock:
            cached = self._engines.get(rule_dirs)
            if cached is not None and rule_dirs not in self._stale:
                return cached[0]
            stamp = rule_files_stamp(rule_dirs)
            self._stale.discard(rule_dirs)
            if cached is not None and cached[1] == stamp:
                return cached[0]
            engine = Engine.create(rule_dirs)
            self._engines[rule_dirs] = (engine, stamp)
            log.info("loaded %d rules (%s)%s", len(engine.rules), ", ".join(("built-in", *rule_dirs)),
                     f"; {len(engine.ruleset.problems)} invalid" if engine.ruleset.problems else "")
            return engine

    def clear(self) -> None:
        """Check the rule files again on the next `get` (engines whose files changed are rebuilt)."""
        with self._lock:
            self._stale = set(self._engines)


def rule_files_stamp(rule_dirs: tuple[str, ...]) -> tuple:
    """Paths, sizes and modification times of every rule file an engine would load."""
    stamp = []
    for folder in (builtin_rules_dir(), *map(Path, rule_dirs)):
        files = sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")) if folder.is_dir() else []
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append((str(path), info.st_size, info.st_mtime_ns))
        stamp.append((str(folder), folder.is_dir()))
    return tuple(stamp)


@dataclass
class Session:
    """One workspace folder (or the catch-all for documents outside every folder)."""

    name: str
    uri: str | None
    settings: Settings
    pool: EnginePool
    threat: ThreatApplier | None = None

    @property
    def root(self) -> Path | None:
        return Path(uri_to_path(self.uri)) if self.uri else None

    @property
    def rule_dirs(self) -> tuple[str, ...]:
        return self.settings.rule_dirs(self.root)

    @property
    def engine(self) -> Engine:
        """The folder's engine (loads the rules on first use; call from a worker thread)."""
        return self.pool.get(self.rule_dirs)

    @property
    def threat_model_file(self) -> Path | None:
        return self.settings.threat_model_file(self.root)

    def contains(self, path: str) -> bool:
        root = self.root
        if root is None:
            return False
        try:
            Path(path).relative_to(root)
        except ValueError:
            return False
        return True

    def rule_problems(self) -> tuple[Problem, ...]:
        return self.engine.ruleset.problems


class Sessions:
    """Workspace folders → sessions; a document belongs to the deepest folder containing it."""

    def __init__(self, pool: EnginePool, default_settings: Settings) -> None:
        self.pool = pool
        self.folders: dict[str, Session] = {}
        self.fallback = Session("(no folder)", None, default_settings, pool)

    def add(self, name: str, uri: str, settings: Settings) -> Session:
        session = Session(name, uri.rstrip("/"), settings, self.pool)
        self.folders[session.uri or uri] = session
        return session

    def remove(self, uri: str) -> Session | None:
        return self.folders.pop(uri.rstrip("/"), None)

    def for_path(self, path: str) -> Session:
        best: Session | None = None
        for session in self.folders.values():
            if session.contains(path) and (best is None or len(str(session.root)) > len(str(best.root))):
                best = session
        return best or self.fallback

    def all(self) -> list[Session]:
        return [*self.folders.values(), self.fallback]

    def in_use(self, docs) -> list[Session]:
        """Folder sessions, plus the catch-all only when a document outside every folder is open
        (or there are no folders): loading rules costs seconds, so unused engines are not built."""
        outside = not self.folders or any(self.for_path(doc.path) is self.fallback for doc in docs)
        return [*self.folders.values(), *([self.fallback] if outside else [])]

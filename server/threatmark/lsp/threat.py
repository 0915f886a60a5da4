"""The threat model in the language server: one per workspace folder, loaded into
`Session.threat`, reloaded when the file changes (open documents are re-ranked without a
restart), its load problems shown as diagnostics on the threat-model file itself, and the
`threatmark.initThreatModel` command that drafts it from the code.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from threatmark.lsp.documents import uri_to_path
from threatmark.lsp.protocol import DIAGNOSTIC_SOURCE
from threatmark.model import Problem

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer
    from threatmark.lsp.session import Session
    from threatmark.threat import ThreatRanker

log = logging.getLogger("threatmark.lsp")
_LEVEL = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
          "info": types.DiagnosticSeverity.Information}


class ThreatModelError(Exception):
    """A command that cannot be carried out (the message is for the user)."""


def _load(path: Path | None) -> ThreatRanker | None:
    from threatmark.threat import ThreatRanker, load_threat_model

    if path is None or not path.is_file():
        return None
    return ThreatRanker(load_threat_model(path))


def problem_diagnostics(problems: tuple[Problem, ...], text: str) -> list[types.Diagnostic]:
    """Located problems → diagnostics covering their whole line (UTF-16 columns)."""
    lines = text.splitlines() or [""]
    out = []
    for problem in problems:
        line = min(problem.line or 0, len(lines) - 1)
        width = len(lines[line].encode("utf-16-le")) // 2
        start = len(lines[line]) - len(lines[line].lstrip())
        message = f"[{problem.field}] {problem.message}" if problem.field else problem.message
        out.append(types.Diagnostic(
            range=types.Range(types.Position(line, start), types.Position(line, width)), message=message,
            severity=_LEVEL.get(problem.level, types.DiagnosticSeverity.Error), source=DIAGNOSTIC_SOURCE,
            code="threat-model"))
    return out


class ThreatModels:
    """Loads each session's threat model and keeps track of the files it published problems for."""

    def __init__(self, server: ThreatmarkServer) -> None:
        self.server = server
        self.published: dict[str, str] = {}  # session name → threat-model URI with diagnostics
        self.digests: dict[str, str | None] = {}  # session name → digest of the loaded model

    async def load_all(self, sessions: list[Session] | None = None) -> list[Session]:
        """(Re)load the threat models of the given sessions (all by default) without refreshing;
        returns the sessions whose model changed."""
        changed = []
        for session in sessions if sessions is not None else self.server.sessions.all():
            if await self._load_into(session):
                changed.append(session)
        return changed

    async def reload(self, session: Session) -> None:
        """The file changed: reload it and re-analyse the folder's open documents if it matters."""
        if await self._load_into(session):
            self.server.refresh_all(session)

    async def _load_into(self, session: Session) -> bool:
        path = session.threat_model_file if session.root is not None else None
        loop = asyncio.get_running_loop()
        try:
            ranker = await loop.run_in_executor(self.server.executor, _load, path)
        except Exception:
            log.exception("cannot load the threat model %s", path)
            ranker = None
        session.threat = ranker
        self._publish(session, path, ranker)
        digest = ranker.digest if ranker is not None else None
        changed = self.digests.get(session.name, "unset") != digest
        self.digests[session.name] = digest
        if ranker is not None:
            log.info("threat model for %s: %s (%d entry point(s), %d asset(s), %d problem(s))", session.name, path,
                     len(ranker.model.entry_points), len(ranker.model.assets), len(ranker.problems))
        return changed

    def _publish(self, session: Session, path: Path | None, ranker: ThreatRanker | None) -> None:
        """Show load problems on the threat-model file; clear the ones of a previous file."""
        uri = path.as_uri() if path is not None else None
        old = self.published.pop(session.name, None)
        if old is not None and old != uri:
            self.server.publisher.file(old, [])
        if uri is None:
            return
        problems = ranker.problems if ranker is not None else ()
        try:
            text = path.read_text(encoding="utf-8") if path is not None and path.is_file() else ""
        except (OSError, UnicodeDecodeError):
            text = ""
        self.server.publisher.file(uri, problem_diagnostics(problems, text))
        self.published[session.name] = uri

    async def init(self, *args: Any) -> dict[str, Any]:
        """`threatmark.initThreatModel [folder URI]`: draft the folder's threat model from its code.
        Never overwrites; loads the new file and re-ranks the folder's open documents."""
        session = self._session(args[0] if args else None)
        path = session.threat_model_file
        if path is None:
            raise ThreatModelError(f"{session.name} has no threat-model path")
        if path.exists():
            raise ThreatModelError(f"{path} already exists; not overwriting it")
        root = session.root
        loop = asyncio.get_running_loop()
        text, routes = await loop.run_in_executor(self.server.executor, _draft, root)
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise ThreatModelError(f"cannot write {path}: {exc.strerror or exc}") from None
        await self.reload(session)
        log.info("drafted %s (%d routes)", path, routes)
        return {"uri": path.as_uri(), "routes": routes, "todos": text.count("# TODO:")}

    def _session(self, uri: object) -> Session:
        sessions = [s for s in self.server.sessions.folders.values() if s.root is not None]
        if uri is None and len(sessions) == 1:
            return sessions[0]
        if not isinstance(uri, str):
            raise ThreatModelError("threatmark.initThreatModel expects one argument: a workspace folder URI")
        target = Path(uri_to_path(uri))
        for session in sessions:
            if session.root == target:
                return session
        raise ThreatModelError(f"{uri} is not a workspace folder")


def _draft(root: Path | None) -> tuple[str, int]:
    from threatmark.threat.draft import draft_threat_model
    from threatmark.threat.inventory import scan_project

    if root is None:
        raise ThreatModelError("no workspace folder")
    inventory = scan_project(root)
    return draft_threat_model(inventory, root.name), len(inventory.of("route"))

"""Where settings come from at run time: initializationOptions, pushed and pulled client settings,
and each folder's pyproject.toml (precedence in `threatmark.lsp.settings`)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from threatmark.lsp.protocol import CONFIG_SECTION
from threatmark.lsp.session import Session
from threatmark.lsp.settings import client_layer, effective

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
_REQUEST_TIMEOUT = 10.0


class ConfigManager:
    """Keeps the client's settings layers and recomputes each session's effective settings."""

    def __init__(self, server: ThreatmarkServer) -> None:
        self.server = server
        self.init_layer: Any = None
        self.pushed_layer: Any = None
        self.pulled: dict[str | None, Any] = {}  # folder uri (None: global) -> workspace/configuration answer

    def layers(self, session: Session) -> list[tuple[str, Any]]:
        return [
            ("initializationOptions", self.init_layer),
            ("workspace/didChangeConfiguration", self.pushed_layer),
            ("workspace/configuration", self.pulled.get(session.uri, self.pulled.get(None))),
        ]

    def start(self, params: types.InitializeParams) -> None:
        """Create the sessions of the initial workspace folders with initializationOptions settings."""
        self.init_layer = client_layer(params.initialization_options)
        folders = params.workspace_folders or []
        if not folders and (params.root_uri or params.root_path):
            from pygls.uris import from_fs_path

            uri = params.root_uri or from_fs_path(params.root_path or "") or ""
            folders = [types.WorkspaceFolder(uri=uri, name=uri.rsplit("/", 1)[-1])]
        for folder in folders:
            self.server.sessions.add(folder.name, folder.uri, effective([], None))
        for session in self.server.sessions.all():
            self.recompute(session)

    def add_folder(self, folder: types.WorkspaceFolder) -> Session:
        session = self.server.sessions.add(folder.name, folder.uri, effective([], None))
        self.recompute(session)
        return session

    def recompute(self, session: Session) -> bool:
        """Recompute a session's settings; True when they changed (problems are reported)."""
        new = effective(self.layers(session), session.root)
        old, session.settings = session.settings, new
        if new.problems:
            self.server.report_problems(f"Threatmark settings for {session.name}", list(new.problems))
        return new != old

    async def fetch(self) -> None:
        """Ask the client for section "threatmark" per folder (and globally), when it supports it."""
        if not self.server.features.configuration:
            return
        sessions = list(self.server.sessions.folders.values())
        items = [types.ConfigurationItem(section=CONFIG_SECTION, scope_uri=s.uri) for s in sessions]
        items.append(types.ConfigurationItem(section=CONFIG_SECTION))
        try:
            answer = await asyncio.wait_for(
                self.server.workspace_configuration_async(types.ConfigurationParams(items=items)), _REQUEST_TIMEOUT)
        except Exception as exc:  # timeouts, a client error reply, a client that went away
            log.warning("workspace/configuration failed (%s: %s); keeping the previous settings",
                        type(exc).__name__, exc)
            return
        answer = list(answer or [])
        if len(answer) != len(items):
            log.warning("workspace/configuration returned %d items for %d requested", len(answer), len(items))
            return
        self.pulled = {s.uri: a for s, a in zip(sessions, answer, strict=False)}
        self.pulled[None] = answer[-1]

    async def reload(self, reason: str) -> list[Session]:
        """Refetch client settings and pyproject files; return the sessions whose settings changed."""
        await self.fetch()
        changed = [s for s in self.server.sessions.all() if self.recompute(s)]
        if changed:
            log.info("settings changed (%s) for: %s", reason, ", ".join(s.name for s in changed))
        return changed

    def pushed(self, settings: Any) -> None:
        """`workspace/didChangeConfiguration` payload (`{threatmark: {...}}` or the section itself)."""
        layer = client_layer(settings)
        if layer is not None:
            self.pushed_layer = layer

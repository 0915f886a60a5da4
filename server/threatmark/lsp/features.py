"""LSP handlers: lifecycle, document sync, settings, pull diagnostics, hover and code actions.

Handlers are thin: they validate input, log what they cannot use, and delegate.
"""

from __future__ import annotations

import asyncio
import logging
import os

from lsprotocol import types

from threatmark.lsp import actions, hover, logs, watch
from threatmark.lsp.clientcaps import ClientFeatures
from threatmark.lsp.positions import has_lone_surrogates
from threatmark.lsp.protocol import DIAGNOSTIC_IDENTIFIER, FIX_ALL_KIND
from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
READY_FALLBACK_SECONDS = 30.0


def register(server: ThreatmarkServer) -> None:
    """Attach every handler to `server`."""

    @server.feature(types.INITIALIZE)
    def initialize(ls: ThreatmarkServer, params: types.InitializeParams) -> None:
        ls.features = ClientFeatures.of(params.capabilities)
        encoding = ls.workspace.position_encoding or "utf-16"
        ls.encoding = str(getattr(encoding, "value", encoding))  # an enum for the default, a str otherwise
        ls.config.start(params)
        name = params.client_info.name if params.client_info else "unknown client"
        log.info("client %s: %s diagnostics, positions in %s, %d workspace folder(s)", name,
                 "pull" if ls.features.pull_diagnostics else "push", ls.encoding, len(ls.sessions.folders))
        if ls.features.pull_diagnostics:
            _register_pull(ls)
        # Analyses start at the end of `initialized`; never wait forever for a client that omits it.
        asyncio.get_running_loop().call_later(READY_FALLBACK_SECONDS, ls.scheduler.ready.set)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ThreatmarkServer, params: types.InitializedParams) -> None:
        logs.attach_client(ls, ls.log_level)
        watch.start_parent_watchdog(ls)
        try:
            await ls.config.fetch()
            for session in ls.sessions.all():
                ls.config.recompute(session)
            await watch.register(ls)
            await watch.configuration_registration(ls)
            await watch.load_rules(ls)
            await _loaded(ls)
        finally:
            ls.scheduler.ready.set()  # documents opened meanwhile are analysed now, once

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: ThreatmarkServer, params: None) -> None:
        log.info("shutdown requested")
        for doc in ls.docs:
            ls.scheduler.forget(doc)

    # --- document sync -------------------------------------------------------------------------

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ThreatmarkServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = ls.docs.open(params.text_document, ls.encoding)
        log.debug("opened %s v%s (%d bytes)", doc.uri, doc.version, len(doc.buffer.data))
        if has_lone_surrogates(params.text_document.text):
            log.warning("%s is not valid Unicode (lone surrogates, e.g. undecodable bytes); analysing them as U+FFFD",
                        doc.uri)
        ls.scheduler.schedule(doc, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ThreatmarkServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.docs.get(uri)
        if doc is None:
            log.warning("didChange for %s, which is not open: ignored (the client must send didOpen first)", uri)
            return
        try:
            doc.apply_changes(list(params.content_changes), params.text_document.version)
        except Exception:
            log.exception("cannot apply didChange v%s to %s", params.text_document.version, uri)
            return
        ls.scheduler.changed(doc)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: ThreatmarkServer, params: types.DidSaveTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            log.warning("didSave for %s, which is not open: ignored", params.text_document.uri)
            return
        ls.scheduler.saved(doc)
        ls.llm.saved(doc)  # after the rule diagnostics of this version are out
        if os.path.basename(doc.path) == "pyproject.toml":
            watch.schedule_settings_reload(ls, "pyproject.toml saved")

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ThreatmarkServer, params: types.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.close(params.text_document.uri)
        if doc is None:
            log.warning("didClose for %s, which is not open: ignored", params.text_document.uri)
            return
        ls.scheduler.forget(doc)
        ls.publisher.clear_document(doc.uri)
        if ls.helper is not None and not any(len(d.buffer.data) >= ls.helper.min_bytes for d in ls.docs):
            ls.helper.close()  # the last large document closed: give the helper's memory back

    # --- workspace -----------------------------------------------------------------------------

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: ThreatmarkServer, params: types.DidChangeConfigurationParams) -> None:
        ls.config.pushed(params.settings)
        await watch.settings_changed(ls, "workspace/didChangeConfiguration")

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def did_change_folders(ls: ThreatmarkServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            ls.sessions.remove(folder.uri)
        for folder in params.event.added:
            ls.config.add_folder(folder)
        log.info("workspace folders: %s", ", ".join(s.name for s in ls.sessions.folders.values()) or "none")
        await watch.settings_changed(ls, "workspace folders changed", force=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched(ls: ThreatmarkServer, params: types.DidChangeWatchedFilesParams) -> None:
        await watch.files_changed(ls, [change.uri for change in params.changes])

    # --- features ------------------------------------------------------------------------------

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: ThreatmarkServer, params: types.HoverParams) -> types.Hover | None:
        return await hover.hover(ls, params)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True))
    async def on_code_action(ls: ThreatmarkServer, params: types.CodeActionParams):
        return await actions.code_actions(ls, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def on_code_action_resolve(ls: ThreatmarkServer, params: types.CodeAction) -> types.CodeAction:
        return await actions.resolve(ls, params)


async def _loaded(ls: ThreatmarkServer) -> None:
    """Last step of `initialized` before analyses start (threat models load here)."""
    await ls.threat_models.load_all()


def _register_pull(server: ThreatmarkServer) -> None:
    """Declare pull diagnostics (only for clients that can pull and accept refresh requests)."""

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier=DIAGNOSTIC_IDENTIFIER, inter_file_dependencies=False, workspace_diagnostics=True))
    async def pull_document(ls: ThreatmarkServer, params: types.DocumentDiagnosticParams):
        return await ls.publisher.pull_document(params)

    @server.feature(types.WORKSPACE_DIAGNOSTIC)
    def pull_workspace(ls: ThreatmarkServer, params: types.WorkspaceDiagnosticParams):
        return ls.publisher.pull_workspace(params)

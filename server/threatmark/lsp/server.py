"""The language server object and `threatmark serve`.

`ThreatmarkServer` owns the state (open documents, sessions, the worker pool) and the seams other
features plug into: `refresh_all()` re-analyses and republishes open documents, `Session.threat`
carries a threat-model applier, `report_problems()` shows a warning once. The LSP handlers live
in `threatmark.lsp.features` (documents, diagnostics, hover, code actions) and
`threatmark.lsp.commands`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import logging
import os
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from threatmark import __version__
from threatmark.lsp import logs
from threatmark.lsp.clientcaps import ClientFeatures
from threatmark.lsp.config import ConfigManager
from threatmark.lsp.diagnostics import to_diagnostic, visible
from threatmark.lsp.documents import DocumentStore, OpenDocument
from threatmark.lsp.llm import LlmReviews
from threatmark.lsp.offload import TaintHelper
from threatmark.lsp.positions import UTF16
from threatmark.lsp.protocol import SERVER_NAME
from threatmark.lsp.publish import Publisher
from threatmark.lsp.scheduler import Outcome, Scheduler
from threatmark.lsp.session import EnginePool, Session, Sessions
from threatmark.lsp.settings import Settings
from threatmark.lsp.threat import ThreatModels

log = logging.getLogger("threatmark.lsp")

#: The `workDoneToken` of the `workspace/executeCommand` request being handled (if any).
WORK_DONE_TOKEN: contextvars.ContextVar[types.ProgressToken | None] = contextvars.ContextVar(
    "threatmark_work_done_token", default=None)
ANALYSIS_WORKERS = 2


class ThreatmarkProtocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of open documents (the server keeps exactly one), and
    with the command's work-done token made visible to command handlers."""

    def _user(self, method: str, params: Any):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.WORKSPACE_EXECUTE_COMMAND)
    def lsp_workspace__execute_command(self, params: types.ExecuteCommandParams):
        WORK_DONE_TOKEN.set(params.work_done_token)
        return (yield from super().lsp_workspace__execute_command(params))


class ThreatmarkServer(LanguageServer):
    """State of one client connection."""

    def __init__(self) -> None:
        super().__init__(SERVER_NAME, __version__, protocol_cls=ThreatmarkProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.docs = DocumentStore()
        self.pool = EnginePool()
        self.sessions = Sessions(self.pool, Settings())
        self.features = ClientFeatures()
        self.encoding = UTF16
        self.executor = ThreadPoolExecutor(ANALYSIS_WORKERS, thread_name_prefix="threatmark-analysis")
        self.helper = TaintHelper() if os.environ.get("THREATMARK_TAINT_HELPER", "1") != "0" else None
        self.scheduler = Scheduler(self.docs, self.executor, self.session_for, self._on_result, self.helper)
        self.publisher = Publisher(self)
        self.config = ConfigManager(self)
        self.threat_models = ThreatModels(self)
        self.llm = LlmReviews(self)
        self.log_level = logging.INFO
        self.watching = False  # file watchers registered with the client
        self.polling: asyncio.Task | None = None  # fallback when the client cannot watch files
        self._tasks: set[asyncio.Task] = set()
        self._shown: set[str] = set()

    @property
    def converter(self):
        return self.protocol._converter

    def session_for(self, doc: OpenDocument) -> Session:
        return self.sessions.for_path(doc.path)

    # --- results -----------------------------------------------------------------------------

    def _on_result(self, doc: OpenDocument, outcome: Outcome) -> None:
        """A finished analysis for the document's current version: convert and deliver it."""
        session = self.session_for(doc)
        diagnostics: list[types.Diagnostic] = []
        if outcome.analysis is not None:
            related = self.features.related_information
            for finding in visible(outcome.analysis.findings, session.settings.min_severity):
                try:
                    diagnostics.append(to_diagnostic(finding, doc.buffer, doc.uri, related))
                except Exception:
                    log.exception("cannot convert finding %s in %s", finding.rule_id, doc.uri)
            log.debug("%s v%s: %d diagnostics (%.1f ms)", doc.uri, outcome.version, len(diagnostics),
                      outcome.elapsed_ms)
        elif doc.language is None and (report := self.publisher.closed.get(doc.uri)) is not None:
            diagnostics = list(report.diagnostics)  # e.g. threat-model problems on an open YAML file
        self.publisher.document(doc, outcome.version, outcome.analysis, diagnostics)
        self.llm.rules_published(doc, outcome)  # LLM results follow in the background

    def refresh_all(self, session: Session | None = None) -> None:
        """Re-analyse and republish every open document (of one session, or all).

        Call after anything that changes results without changing the text: rules reloaded,
        settings changed, a threat model (re)loaded into `Session.threat`.
        """
        for doc in self.docs:
            if session is None or self.session_for(doc) is session:
                self.scheduler.schedule(doc, 0)

    def threat_model_changed(self, session: Session) -> None:
        """The threat-model file changed: reload `session.threat`, publish its problems on the file,
        and re-rank the folder's open documents (`threatmark.lsp.threat`)."""
        self.background(self.threat_models.reload(session))

    def background(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        """Run a coroutine in the background, keeping a reference and logging its failure."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background task failed", exc_info=t.exception())

        task.add_done_callback(done)
        return task

    # --- messages ------------------------------------------------------------------------------

    def report_problems(self, title: str, problems: list[str]) -> None:
        """Log every problem and show a warning once for each new set of problems."""
        fresh = [p for p in problems if p not in self._shown]
        if not fresh:
            return
        self._shown.update(fresh)
        for problem in fresh:
            log.warning("%s: %s", title, problem)
        more = f" (and {len(fresh) - 1} more; see the Threatmark log)" if len(fresh) > 1 else ""
        self.show_message(f"{title}: {fresh[0]}{more}", types.MessageType.Warning)

    def show_message(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))
        except Exception as exc:
            log.warning("could not show a message to the client: %s", exc)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.helper is not None:
            self.helper.close()
        self.llm.close()
        super().shutdown()


def build_server() -> ThreatmarkServer:
    """A server with every feature and command registered."""
    from threatmark.lsp import commands, features

    server = ThreatmarkServer()
    features.register(server)
    commands.register(server)
    return server


def run(args: argparse.Namespace) -> int:
    """`threatmark serve [--stdio | --tcp HOST:PORT] [--log-level LEVEL]`."""
    level = logs.setup(getattr(args, "log_level", "INFO"))
    server = build_server()
    server.log_level = level
    tcp = getattr(args, "tcp", None)
    if tcp:
        host, _, port = str(tcp).rpartition(":")
        if not port.isdigit():
            log.error("--tcp expects HOST:PORT, got %r", tcp)
            return 2
        log.info("threatmark %s language server on tcp %s:%s", __version__, host or "127.0.0.1", port)
        server.start_tcp(host or "127.0.0.1", int(port))
        return 0
    stdin, stdout = logs.protect_stdout()
    log.info("threatmark %s language server on stdio", __version__)
    server.start_io(stdin, stdout)
    if server.helper is not None:
        server.helper.close()
    log.info("connection closed; exiting")
    return 0


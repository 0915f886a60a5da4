"""Getting diagnostics to the client: pushed (`publishDiagnostics` with the version) or pulled
(`textDocument/diagnostic` and `workspace/diagnostic` with result ids), never both.

Pull mode is used when the client can pull *and* accepts `workspace/diagnostic/refresh`; the
server sends a refresh whenever a result exists that no waiting pull is about to deliver (an
on-save analysis, a rule reload, a settings change, a workspace scan).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types

from threatmark.lsp.diagnostics import result_id
from threatmark.lsp.documents import OpenDocument, Result

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
_EMPTY_ID = "empty"


@dataclass
class FileReport:
    """Diagnostics of a file that is not open (from a workspace scan)."""

    uri: str
    diagnostics: list[types.Diagnostic]
    result_id: str


class Publisher:
    """Delivers results in the mode the client supports."""

    def __init__(self, server: ThreatmarkServer) -> None:
        self.server = server
        self.closed: dict[str, FileReport] = {}
        self._refresh: asyncio.TimerHandle | None = None

    @property
    def pull(self) -> bool:
        return self.server.features.pull_diagnostics

    # --- open documents ------------------------------------------------------------------------

    def document(self, doc: OpenDocument, version: int | None, analysis, diagnostics: list[types.Diagnostic]) -> None:
        """Record and deliver the diagnostics of one analysed document version."""
        rid = result_id(diagnostics, self.server.converter)
        doc.result = Result(version, analysis, diagnostics, rid)
        if self.pull:
            if doc.waiting_pulls == 0 and rid != doc.reported_id:
                self.request_refresh()
            return
        self._push(doc.uri, diagnostics, version)

    def clear_document(self, uri: str) -> None:
        """A document closed: its diagnostics go (the scan result takes over if there is one)."""
        report = self.closed.get(uri)
        if self.pull:
            if report is not None:
                self.request_refresh()
            return
        self._push(uri, report.diagnostics if report else [], None)

    async def pull_document(self, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        uri = params.text_document.uri
        doc = self.server.docs.get(uri)
        if doc is None:
            report = self.closed.get(uri)
            if report is None:
                return types.RelatedFullDocumentDiagnosticReport(items=[], result_id=_EMPTY_ID)
            return self._report(report.diagnostics, report.result_id, params.previous_result_id)
        doc.waiting_pulls += 1
        try:
            await doc.settled.wait()
        finally:
            doc.waiting_pulls -= 1
        result = doc.result
        if result is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[], result_id=_EMPTY_ID)
        doc.reported_id = result.result_id
        return self._report(result.diagnostics, result.result_id, params.previous_result_id)

    @staticmethod
    def _report(diagnostics, rid: str, previous: str | None) -> types.DocumentDiagnosticReport:
        if previous == rid:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
        return types.RelatedFullDocumentDiagnosticReport(items=diagnostics, result_id=rid)

    # --- files that are not open -------------------------------------------------------------

    def file(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        """Deliver diagnostics computed from a file on disk (workspace scan, threat-model
        problems); analysed open documents keep their own."""
        previous = self.closed.get(uri)
        if not diagnostics and previous is None:
            return
        report = FileReport(uri, diagnostics, result_id(diagnostics, self.server.converter))
        if diagnostics:
            self.closed[uri] = report
        else:
            self.closed.pop(uri, None)
        doc = self.server.docs.get(uri)
        if doc is not None:
            if doc.language is not None:
                return  # an analysed open document delivers its own results
            # An open document Threatmark does not analyse (the threat model, say): show the report.
            doc.result = Result(doc.version, None, diagnostics, report.result_id)
        if self.pull:
            self.request_refresh()
        else:
            self._push(uri, diagnostics, None)

    def pull_workspace(self, params: types.WorkspaceDiagnosticParams) -> types.WorkspaceDiagnosticReport:
        """Scan results of files that are not open (open ones are pulled per document)."""
        previous = {p.uri: p.value for p in params.previous_result_ids}
        items: list[types.WorkspaceDocumentDiagnosticReport] = []
        for uri, report in list(self.closed.items()):
            if self.server.docs.get(uri) is not None:
                continue
            if previous.get(uri) == report.result_id:
                items.append(types.WorkspaceUnchangedDocumentDiagnosticReport(
                    uri=uri, version=None, result_id=report.result_id))
            else:
                items.append(types.WorkspaceFullDocumentDiagnosticReport(
                    uri=uri, version=None, items=report.diagnostics, result_id=report.result_id))
        for uri in previous.keys() - self.closed.keys():
            if previous[uri] != _EMPTY_ID and self.server.docs.get(uri) is None:  # fixed since the last scan
                items.append(types.WorkspaceFullDocumentDiagnosticReport(
                    uri=uri, version=None, items=[], result_id=_EMPTY_ID))
        return types.WorkspaceDiagnosticReport(items=items)

    # --- transport -----------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """Ask the client to pull again (coalesced: at most one request per 50 ms)."""
        if not self.server.features.diagnostic_refresh or self._refresh is not None:
            return
        self._refresh = asyncio.get_running_loop().call_later(0.05, self._send_refresh)

    def _send_refresh(self) -> None:
        self._refresh = None
        try:
            self.server.workspace_diagnostic_refresh(None)
        except Exception as exc:  # the client may be gone
            log.warning("could not ask the client to refresh diagnostics: %s", exc)

    def _push(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        try:
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        except Exception as exc:
            log.warning("could not publish diagnostics for %s: %s", uri, exc)

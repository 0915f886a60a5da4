"""LLM review in the language server: after the rules, in the background, never in their way.

- When rule diagnostics of a version are published (`rules_published`), cached LLM answers for
  the unchanged units are merged in at no cost (no request is sent while typing).
- On save (`saved`), units without a cached answer are sent (bounded and budgeted by the
  `Reviewer`, with `$/progress`), and the diagnostics are republished with the LLM findings and
  triage notes, only if the document is still at the reviewed version.
- "Harden with AI" is offered on rule findings and computed lazily in `codeAction/resolve`; the
  edit is filled in only when the rewrite passed verification.
- `threatmark.clearLlmCache` empties the shared disk cache.

Settings: `threatmark.llm.{enabled, endpoint, model, apiKeyEnv}`; the key itself comes from the
environment (`apiKeyEnv`, else THREATMARK_LLM_API_KEY, which the VS Code extension sets).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from threatmark.llm import LlmConfig, ReviewCache, Reviewer, ReviewResult
from threatmark.llm.harden import harden
from threatmark.llm.threat_context import excerpt_for
from threatmark.lsp.diagnostics import finding_key, to_diagnostic, visible
from threatmark.model import Analysis, Finding

if TYPE_CHECKING:
    from threatmark.lsp.documents import OpenDocument, Result
    from threatmark.lsp.scheduler import Outcome
    from threatmark.lsp.server import ThreatmarkServer
    from threatmark.lsp.session import Session

log = logging.getLogger("threatmark.lsp")
HARDEN_KIND = "harden"
SETTLE_TIMEOUT = 30.0


class LlmReviews:
    """The server's LLM state: one Reviewer per configuration, the rule analysis each open
    document's LLM review builds on, and the review task running for it."""

    def __init__(self, server: ThreatmarkServer) -> None:
        self.server = server
        self._reviewers: dict[tuple, Reviewer] = {}
        self._base: dict[str, tuple[int | None, Analysis]] = {}  # uri -> rule-only analysis of a version
        self._tasks: dict[str, tuple[asyncio.Task, bool]] = {}  # uri -> (review task, sends requests)
        self._lock = threading.Lock()
        self._shown: set[str] = set()

    # --- configuration ------------------------------------------------------------------------

    def config(self, session: Session) -> LlmConfig | None:
        settings = session.settings.llm
        if not settings.enabled:
            return None
        config = LlmConfig.from_env(base_url=settings.endpoint, model=settings.model,
                                    api_key_env=settings.api_key_env)
        if not config.configured:
            self.server.report_problems("Threatmark LLM review", [
                f"llm.enabled is on but no endpoint is configured: set threatmark.llm.endpoint, or put the key "
                f"in ${settings.api_key_env}"])
            return None
        return config

    def reviewer(self, session: Session, config: LlmConfig) -> Reviewer:
        """The Reviewer for the configuration and the session's rule set (call from a worker thread)."""
        rules_version = session.engine.version
        key = (config.endpoint, config.model, config.api_key_env, config.api_key() is not None, rules_version)
        with self._lock:
            reviewer = self._reviewers.get(key)
            if reviewer is None:
                reviewer = self._reviewers[key] = Reviewer(config, rules_version)
                log.info("LLM review on: %s", config)
        return reviewer

    # --- hooks ------------------------------------------------------------------------------------

    def rules_published(self, doc: OpenDocument, outcome: Outcome) -> None:
        """Rule diagnostics of `outcome.version` are out: add cached LLM results in the background."""
        for uri in [u for u in self._base if self.server.docs.get(u) is None]:
            self._base.pop(uri, None)
        if outcome.analysis is None:
            self._base.pop(doc.uri, None)
            return
        self._base[doc.uri] = (outcome.version, outcome.analysis)
        if self.server.session_for(doc).settings.llm.enabled:
            self._start(doc, send=False)

    def saved(self, doc: OpenDocument) -> None:
        """The document was saved: review its changed units once its rule diagnostics are out."""
        if self.server.session_for(doc).settings.llm.enabled:
            self._start(doc, send=True)

    def _start(self, doc: OpenDocument, send: bool) -> None:
        previous, sending = self._tasks.get(doc.uri, (None, False))
        if previous is not None and not previous.done():
            if sending and not send:
                return  # the save's review waits for this version's rules and covers it (or hands over)
            previous.cancel()  # its thread sees the document moved on and sends nothing more
        self._tasks[doc.uri] = (self.server.background(self._review(doc, send)), send)

    async def _review(self, doc: OpenDocument, send: bool) -> None:
        if send:
            try:
                await asyncio.wait_for(doc.settled.wait(), SETTLE_TIMEOUT)
            except TimeoutError:
                return
        base = self._base.get(doc.uri)
        if base is None or base[0] != doc.version:
            return
        version, analysis = base
        session = self.server.session_for(doc)
        config = self.config(session)
        if config is None:
            return
        reviewer = await asyncio.to_thread(self.reviewer, session, config)

        def current(_unit: object = None) -> bool:
            return self.server.docs.get(doc.uri) is doc and doc.version == version

        source = analysis.source
        excerpt = excerpt_for(session.threat, source)
        review = await reviewer.review_async(source, analysis.findings, excerpt, None, current, send=False)
        if send and review.cache_hits < review.units:
            progress = self._progress("Threatmark: LLM review")
            await progress.begin()
            try:
                review = await reviewer.review_async(source, analysis.findings, excerpt, None, current, send=True)
            finally:
                progress.end(f"{review.requested} request(s), {review.cache_hits} from cache")
        if send:
            log.info("LLM review of %s v%s: %d unit(s), %d request(s), %d from cache, %d LLM finding(s)",
                     doc.uri, version, review.units, review.requested, review.cache_hits, len(review.llm_findings))
            self._report(reviewer, review)
        if not current():
            if send and self.server.docs.get(doc.uri) is doc:  # typed meanwhile: cached results for the new text
                self._tasks.pop(doc.uri, None)
                self._start(doc, send=False)
            return
        if review.llm_findings or review.findings != analysis.findings:
            self._publish(doc, version, replace(analysis, findings=review.findings))

    def _publish(self, doc: OpenDocument, version: int | None, analysis: Analysis) -> None:
        session = self.server.session_for(doc)
        related = self.server.features.related_information
        diagnostics = []
        for finding in visible(analysis.findings, session.settings.min_severity):
            try:
                diagnostics.append(to_diagnostic(finding, doc.buffer, doc.uri, related))
            except Exception:
                log.exception("cannot convert finding %s in %s", finding.rule_id, doc.uri)
        self.server.publisher.document(doc, version, analysis, diagnostics)

    def _report(self, reviewer: Reviewer, review: ReviewResult) -> None:
        """One message per kind of failure until a review succeeds again (details go to the log)."""
        error = reviewer.health.last_error
        if review.failed and error is not None:
            if error.kind not in self._shown:
                self._shown.add(error.kind)
                self.server.show_message(f"Threatmark LLM review: {error.message}. Rule diagnostics are unaffected; "
                                         "retrying later.", types.MessageType.Warning)
        elif review.requested:
            self._shown.clear()

    def _progress(self, title: str) -> Any:
        from threatmark.lsp.scan import WorkDone

        return WorkDone(self.server, None, title)

    # --- "Harden with AI" ------------------------------------------------------------------------

    def harden_actions(self, doc: OpenDocument, result: Result, findings: list[Finding],
                       diagnostics: dict[Any, types.Diagnostic]) -> list[types.CodeAction]:
        """Unresolved "Harden with AI" actions for rule findings (only for clients that resolve edits)."""
        session = self.server.session_for(doc)
        if not session.settings.llm.enabled or not self.server.features.resolve_edit:
            return []
        out = []
        for finding in findings:
            if finding.origin != "rule" or finding.rule_id.startswith("threatmark-"):
                continue
            diagnostic = diagnostics.get(finding_key(finding))
            out.append(types.CodeAction(
                title=f"Harden with AI: rewrite to fix {finding.rule_id} (offered only if verified)",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic] if diagnostic else None,
                data={"kind": HARDEN_KIND, "uri": doc.uri, "version": result.version, "key": finding_key(finding)}))
        return out

    async def resolve_harden(self, action: types.CodeAction) -> types.CodeAction:
        """Ask for the rewrite, verify it, and fill in the edit (or say why there is none)."""
        from threatmark.lsp.actions import current_result, text_edits, workspace_edit

        data: Any = action.data if isinstance(action.data, dict) else {}
        doc = self.server.docs.get(str(data.get("uri")))
        result = await current_result(doc) if doc is not None else None
        if doc is None or result is None or result.version != data.get("version"):
            return self._declined(action, "the document changed; ask again")
        finding = next((f for f in result.analysis.findings if finding_key(f) == data.get("key")), None)  # type: ignore[union-attr]
        session = self.server.session_for(doc)
        config = self.config(session)
        if finding is None or config is None:
            return self._declined(action, "the finding is gone or LLM review is not configured")
        reviewer = await asyncio.to_thread(self.reviewer, session, config)
        source = result.analysis.source  # type: ignore[union-attr]
        engine = await asyncio.to_thread(lambda: session.engine)
        progress = self._progress(f"Threatmark: hardening {finding.rule_id} with AI")
        await progress.begin()
        try:
            outcome = await asyncio.to_thread(harden, reviewer, source, finding, engine.verify,
                                              excerpt_for(session.threat, source))
        finally:
            progress.end("done")
        if doc.version != result.version:
            return self._declined(action, "the document changed while the rewrite was being verified")
        if outcome.fix is None:
            return self._declined(action, outcome.reason)
        action.title = outcome.fix.title
        action.edit = workspace_edit(self.server, doc.uri, result.version,  # type: ignore[arg-type]
                                     text_edits(doc.buffer, outcome.fix.edits))
        return action

    def _declined(self, action: types.CodeAction, reason: str) -> types.CodeAction:
        log.info("Harden with AI: no rewrite offered: %s", reason)
        self.server.show_message(f"Threatmark: no verified rewrite to offer ({reason}).")
        action.disabled = types.CodeActionDisabled(reason=reason)
        return action

    # --- commands ---------------------------------------------------------------------------------

    async def clear_cache(self) -> dict[str, Any]:
        """`threatmark.clearLlmCache`: forget cached reviews and rewrites (statistics stay)."""
        def clear() -> tuple[int, str]:
            cache = ReviewCache()
            try:
                return cache.clear(), str(cache.directory)
            finally:
                cache.close()

        removed, directory = await asyncio.to_thread(clear)
        log.info("LLM cache cleared: %d entries removed from %s", removed, directory)
        return {"removed": removed, "directory": directory}

    def close(self) -> None:
        for reviewer in self._reviewers.values():
            reviewer.close()
        self._reviewers.clear()

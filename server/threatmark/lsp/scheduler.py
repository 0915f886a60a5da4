"""When and where documents are analysed: debounced on change, at once on open and save, off the
event loop, one job at a time per document, and never published for a version that moved on.

Each document has a lane (`OpenDocument.lane`, an asyncio lock): tree edits and the analysis
run inside it on the worker pool, so one document's jobs keep their order while other documents
proceed. A job that starts while a newer debounce timer is armed is skipped (the newer one will
cover it); a result whose version no longer matches the document is dropped. `OpenDocument.settled`
is set whenever no analysis is pending for the document (pull requests wait on it). Nothing is
analysed before `ready` is set (end of `initialized`), so early documents are analysed once, with
the client's settings.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

from threatmark.lsp.documents import DocumentStore, OpenDocument
from threatmark.lsp.offload import TaintHelper
from threatmark.lsp.session import Session
from threatmark.model import Analysis

log = logging.getLogger("threatmark.lsp")


@dataclass(frozen=True)
class Outcome:
    """What one analysis job produced for a document version."""

    version: int
    analysis: Analysis | None  # None when the text is not analysed (see `skipped`)
    skipped: str | None = None
    elapsed_ms: float = 0.0


class Scheduler:
    """Debounces, runs and orders analyses; hands finished outcomes to `on_result`."""

    def __init__(self, docs: DocumentStore, executor: Executor, session_for: Callable[[OpenDocument], Session],
                 on_result: Callable[[OpenDocument, Outcome], None], helper: TaintHelper | None = None) -> None:
        self.docs = docs
        self.executor = executor
        self.helper = helper  # runs the taint half of large documents on the other core
        self.session_for = session_for
        self.on_result = on_result
        self._running: dict[str, int] = {}  # uri -> jobs queued or running
        self._tasks: set[asyncio.Task] = set()
        self.ready = asyncio.Event()  # set once settings, rules (and threat models) are loaded

    def changed(self, doc: OpenDocument) -> None:
        """After didChange: debounce in onType mode; in onSave mode wait for the save."""
        settings = self.session_for(doc).settings
        if settings.run == "onType":
            self.schedule(doc, settings.debounce_ms / 1000)

    def saved(self, doc: OpenDocument) -> None:
        """After didSave: analyse now, unless the saved version is already analysed (the result
        would be the same: analysis depends only on the text, the rules and the threat model)."""
        if doc.settled.is_set() and doc.result is not None and doc.result.version == doc.version:
            return
        self.schedule(doc, 0)

    def schedule(self, doc: OpenDocument, delay: float = 0.0) -> None:
        """Analyse `doc` after `delay` seconds, replacing an armed timer (that is the debounce)."""
        if doc.timer is not None:
            doc.timer.cancel()
        doc.settled.clear()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            doc.timer = None
            self._start(doc)
        else:
            doc.timer = loop.call_later(delay, self._fire, doc)

    def _fire(self, doc: OpenDocument) -> None:
        doc.timer = None
        self._start(doc)

    def _start(self, doc: OpenDocument) -> None:
        self._running[doc.uri] = self._running.get(doc.uri, 0) + 1
        task = asyncio.get_running_loop().create_task(self._run(doc))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, doc: OpenDocument) -> None:
        try:
            await self.ready.wait()
            async with doc.lane:
                if self.docs.get(doc.uri) is not doc or doc.timer is not None:
                    return  # closed, or a newer change re-armed the debounce: that run covers this one
                session = self.session_for(doc)
                loop = asyncio.get_running_loop()
                outcome = await loop.run_in_executor(self.executor, analyse, doc, session, self.helper)
            if outcome is not None and self.docs.get(doc.uri) is doc:
                if outcome.version == doc.version:
                    self.on_result(doc, outcome)
                else:
                    log.debug("dropped stale result for %s v%s (now v%s)", doc.uri, outcome.version, doc.version)
        except Exception:
            log.exception("analysis pipeline failed for %s", doc.uri)
        finally:
            left = self._running.get(doc.uri, 1) - 1
            if left:
                self._running[doc.uri] = left
            else:
                self._running.pop(doc.uri, None)
                if doc.timer is None:
                    doc.settled.set()

    async def run_in_lane(self, doc: OpenDocument, fn: Callable[[], object]) -> object:
        """Run `fn` on the worker pool inside the document's lane (for other tree users)."""
        async with doc.lane:
            return await asyncio.get_running_loop().run_in_executor(self.executor, fn)

    def forget(self, doc: OpenDocument) -> None:
        if doc.timer is not None:
            doc.timer.cancel()
            doc.timer = None
        doc.settled.set()

    async def idle(self) -> None:
        """Wait until no analysis is queued or running (used by tests and the scan)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


def analyse(doc: OpenDocument, session: Session, helper: TaintHelper | None = None) -> Outcome | None:
    """Worker-thread body: sync the tree and analyse the document's current text (the taint
    rules of a large document in the helper process meanwhile)."""
    started = time.perf_counter()
    reason = doc.why_not_analysed()
    if reason is not None:
        doc.drop_tree()
        if reason != doc.skip_reason:
            level = logging.DEBUG if doc.language is None else logging.WARNING
            log.log(level, "not analysing %s: %s", doc.uri, reason)
        doc.skip_reason = reason
        return Outcome(doc.version, None, reason)
    doc.skip_reason = None
    try:
        version = doc.sync_tree()
        parsed, engine = doc.snapshot(), session.engine
        reusable = doc.memo.plan(parsed, engine) is not None  # an edit inside one definition: no helper
        taint = helper.part(parsed.source, session.rule_dirs, engine) if helper is not None and not reusable else None
        roots = (str(session.root),) if session.root is not None else ()
        analysis = engine.analyze(parsed, threat=session.threat, taint=taint, roots=roots, memo=doc.memo)
    except Exception as exc:
        doc.drop_tree()  # rebuilt from the text next time, in case the tree is what broke
        log.exception("analysing %s failed (%s: %s); other documents are not affected", doc.uri,
                      type(exc).__name__, exc)
        return None
    return Outcome(version, analysis, None, (time.perf_counter() - started) * 1000)

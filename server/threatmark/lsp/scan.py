"""`threatmark.scanWorkspace`: analyse every file of every workspace folder with `$/progress`,
publishing results for closed files too (pushed, or served by `workspace/diagnostic`).

Files are found and read like `threatmark scan` does (`.gitignore`, excludes, binary/huge/non-UTF-8
files skipped). Large workspaces are analysed in worker processes; open documents use their own,
already incremental, analysis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from threatmark.cli.walk import Skipped, discover, read_source
from threatmark.engine import Engine
from threatmark.lsp.diagnostics import to_diagnostic, visible
from threatmark.lsp.positions import TextBuffer
from threatmark.lsp.session import Session
from threatmark.model import Finding, SourceFile

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
#: Total bytes from which worker processes pay off: each one compiles the whole rule pack first
#: (seconds), while the server's thread reuses the loaded engine.
PROCESS_THRESHOLD_BYTES = 2_000_000
_worker_engine: Engine | None = None
FileOutcome = tuple[str, str | None, tuple[Finding, ...], str | None]  # path, text, findings, problem


class WorkDone:
    """`$/progress` for one piece of work (client token, or one the server creates)."""

    def __init__(self, ls: ThreatmarkServer, token: types.ProgressToken | None, title: str) -> None:
        self.ls, self.token, self.title = ls, token, title
        self._last = 0.0

    async def begin(self) -> None:
        if self.token is None and self.ls.features.work_done_progress:
            token = f"threatmark-scan-{uuid.uuid4().hex[:8]}"
            try:
                await asyncio.wait_for(self.ls.work_done_progress.create_async(token), 10)
                self.token = token
            except Exception as exc:
                log.info("no progress reporting (%s)", exc)
        if self.token is not None:
            self.ls.work_done_progress.begin(self.token, types.WorkDoneProgressBegin(
                title=self.title, cancellable=True, percentage=0))

    def report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.token is None or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        self.ls.work_done_progress.report(self.token, types.WorkDoneProgressReport(
            message=f"{done}/{total} files", percentage=int(100 * done / max(total, 1)), cancellable=True))

    def end(self, message: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, types.WorkDoneProgressEnd(message=message))

    @property
    def cancelled(self) -> bool:
        future = self.ls.work_done_progress.tokens.get(self.token) if self.token is not None else None
        return bool(future is not None and future.cancelled())


def _init_worker(rule_dirs: tuple[str, ...]) -> None:
    """Worker process start: nothing may reach the LSP stream, so stdout goes to stderr."""
    global _worker_engine
    with contextlib.suppress(OSError, ValueError):
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    _worker_engine = Engine.create(rule_dirs)


def _scan_in_worker(path: str, roots: tuple[str, ...] = ()) -> FileOutcome:
    assert _worker_engine is not None
    return scan_file(_worker_engine, path, roots=roots)


def scan_file(engine: Engine, path: str, threat=None, roots: tuple[str, ...] = ()) -> FileOutcome:
    """Read and analyse one closed file; never raises."""
    text = read_source(path)
    if isinstance(text, Skipped):
        return path, None, (), text.reason
    try:
        findings = engine.analyze(SourceFile(path, text), threat=threat, roots=roots).findings
    except Exception as exc:
        return path, None, (), f"internal error while analysing: {type(exc).__name__}: {exc}"
    return path, text if findings else None, findings, None


async def scan_workspace(ls: ThreatmarkServer, token: types.ProgressToken | None) -> dict:
    progress = WorkDone(ls, token, "Threatmark: scanning the workspace")
    await progress.begin()
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    sessions = list(ls.sessions.folders.values())
    found = await loop.run_in_executor(None, _discover, [(s, s.root) for s in sessions])
    total = sum(len(paths) for _, paths in found)
    summary = {"files": 0, "findings": 0, "skipped": 0, "cancelled": False}
    scanned: set[str] = set()
    for session, paths in found:
        closed = []
        for path in paths:
            uri = Path(path).as_uri()
            scanned.add(uri)
            doc = ls.docs.get(uri)
            if doc is None:
                closed.append(path)
                continue
            await doc.settled.wait()
            summary["files"] += 1
            if doc.result is not None:
                summary["findings"] += len(doc.result.diagnostics)
        progress.report(summary["files"], total)
        for path, outcome in _analyse(ls, session, closed):
            try:
                path, text, findings, problem = await outcome
            except Exception as exc:  # a worker process died, the pool broke, ...
                text, findings, problem = None, (), f"internal error: {type(exc).__name__}: {exc}"
            summary["files"] += 1
            if problem is not None:
                summary["skipped"] += 1
                log.info("scan: %s: %s", path, problem)
            shown = visible(findings, session.settings.min_severity)
            summary["findings"] += len(shown)
            buffer = TextBuffer(text or "", ls.encoding)
            uri = Path(path).as_uri()
            ls.publisher.file(uri, [to_diagnostic(f, buffer, uri, ls.features.related_information) for f in shown])
            progress.report(summary["files"], total)
            if progress.cancelled:
                summary["cancelled"] = True
                break
        if summary["cancelled"]:
            break
    if not summary["cancelled"]:
        for uri in list(ls.publisher.closed):
            if uri not in scanned:  # deleted or now excluded since the last scan
                ls.publisher.file(uri, [])
    elapsed = time.perf_counter() - started
    message = f"{summary['files']} files, {summary['findings']} findings in {elapsed:.1f} s"
    progress.end(("cancelled after " if summary["cancelled"] else "") + message)
    log.info("workspace scan: %s (%d skipped)", message, summary["skipped"])
    return summary


def _discover(folders: list[tuple[Session, Path | None]]) -> list[tuple[Session, list[str]]]:
    out = []
    for session, root in folders:
        if root is None or not root.is_dir():
            continue
        out.append((session, [str(Path(p).resolve()) for p in discover([str(root)]) if not isinstance(p, Skipped)]))
    return out


def _analyse(ls: ThreatmarkServer, session: Session, paths: list[str]):
    """(path, future outcome) for every file, in order; worker processes for large scans.
    Abandoning the generator (a cancelled scan) cancels the work not started yet."""
    if not paths:
        return
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[FileOutcome]] = []
    roots = (str(session.root),) if session.root is not None else ()
    if session.threat is None and (os.cpu_count() or 1) > 1 and _total_size(paths) >= PROCESS_THRESHOLD_BYTES:
        try:
            pool = ProcessPoolExecutor(min(os.cpu_count() or 1, 8), mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_init_worker, initargs=(session.rule_dirs,))
            futures = [asyncio.wrap_future(pool.submit(_scan_in_worker, p, roots)) for p in paths]
            pool.shutdown(wait=False)
        except Exception as exc:
            log.warning("worker processes unavailable (%s); scanning in threads", exc)
    threads = None
    if not futures:  # a separate thread, so open documents never queue behind the scan
        threads = ThreadPoolExecutor(1, thread_name_prefix="threatmark-scan")
        futures = [loop.run_in_executor(threads, lambda p=p: scan_file(session.engine, p, session.threat, roots))
                   for p in paths]
    try:
        yield from zip(paths, futures, strict=True)
    finally:
        for future in futures:
            future.cancel()
        if threads is not None:
            threads.shutdown(wait=False, cancel_futures=True)


def _total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    return total

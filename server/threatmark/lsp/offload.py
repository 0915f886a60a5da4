"""Large documents on both cores: a helper process runs the taint rules on a document while the
server's analysis thread runs the pattern rules on the same text; `Engine.analyze(taint=...)`
merges the two halves into exactly the analysis one thread would produce (tests/core/test_split.py).

The helper keeps its own incrementally parsed copy of the few largest documents it was sent: it
receives the full text and re-parses only the range that differs from its previous copy
(`changed_range`). It is started on the first large document and warmed in the background;
until it is ready, or if it fails, documents are analysed in-process as before, and a failed
helper is started again on a later request. Its stdout is pointed at stderr at start-up, so
nothing it prints can reach the JSON-RPC channel.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from threatmark.core.parse import Document
from threatmark.core.units import common_prefix
from threatmark.engine import Engine, TaintPart
from threatmark.model import Finding, SourceFile

log = logging.getLogger("threatmark.lsp")

MIN_BYTES = 60_000  # ~1,500 lines: below this one thread is fast enough (the split costs ~1-2 ms)
_KEPT_DOCUMENTS = 4  # incremental copies the helper keeps (largest documents being edited)
_TIMEOUT_S = 30.0


class TaintHelper:
    """The helper process, seen from the server (thread-safe; one request at a time per document)."""

    def __init__(self, min_bytes: int = MIN_BYTES) -> None:
        self.min_bytes = min_bytes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._warm: dict[tuple[str, ...], Future] = {}
        self._used = False

    def part(self, source: SourceFile, rule_dirs: tuple[str, ...], engine: Engine) -> TaintPart | None:
        """Start the taint half of `source` in the helper and return how to collect it, or None
        (small document, helper not ready yet): then the caller analyses everything itself."""
        if len(source.text) < self.min_bytes:
            return None
        with self._lock:
            warm = self._warming(rule_dirs)
            if not warm.done():
                return None
            if warm.exception() is not None or warm.result() != engine.version:
                self._warm.pop(rule_dirs, None)  # rules changed or start-up failed: warm again
                return None
            assert self._pool is not None
            try:
                future = self._pool.submit(taint_findings, source.uri or source.path, source, rule_dirs,
                                           engine.version)
            except RuntimeError as exc:  # broken or shut down
                log.warning("taint helper unavailable (%s); analysing in-process", exc)
                self._restart()
                return None
        return lambda: self._collect(future)

    def _warming(self, rule_dirs: tuple[str, ...]) -> Future:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(1, mp_context=context, initializer=_quiet_stdout)
            log.info("started the taint helper process for large documents")
        warm = self._warm.get(rule_dirs)
        if warm is None:
            warm = self._warm[rule_dirs] = self._pool.submit(load_engine, rule_dirs)
        return warm

    def _collect(self, future: Future) -> Sequence[Finding] | None:
        try:
            found = future.result(timeout=_TIMEOUT_S)
            if not self._used and found is not None:
                self._used = True
                log.info("large documents: the taint rules now run in the helper process")
            return found
        except FutureTimeout:
            log.warning("taint helper took over %.0f s; analysing in-process", _TIMEOUT_S)
        except Exception as exc:
            log.warning("taint helper failed (%s: %s); analysing in-process", type(exc).__name__, exc)
            with self._lock:
                self._restart()
        return None

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._warm.clear()

    def close(self) -> None:
        """Stop the helper process (a later large document starts a new one)."""
        with self._lock:
            if self._pool is not None:
                log.info("stopped the taint helper process")
            self._restart()


# ---- inside the helper process ----------------------------------------------------------------

_ENGINES: dict[tuple[str, ...], Engine] = {}
_DOCUMENTS: OrderedDict[str, Document] = OrderedDict()


def _quiet_stdout() -> None:
    """The server's stdout is the JSON-RPC channel: the helper writes nothing there."""
    os.dup2(2, 1)


def load_engine(rule_dirs: tuple[str, ...]) -> str:
    """Compile the rules (once per rule folders) and return the rule set's version."""
    engine = _ENGINES.get(rule_dirs)
    if engine is None:
        engine = _ENGINES[rule_dirs] = Engine.create(rule_dirs)
    return engine.version


def taint_findings(key: str, source: SourceFile, rule_dirs: tuple[str, ...], version: str) -> list[Finding] | None:
    """The taint half of one document, or None when this process's rules are not `version`."""
    if load_engine(rule_dirs) != version:
        _ENGINES.pop(rule_dirs, None)
        if load_engine(rule_dirs) != version:
            return None
    return _ENGINES[rule_dirs].taint_findings(_synced(key, source).snapshot())


def _synced(key: str, source: SourceFile) -> Document:
    """This process's copy of the document, brought to `source` by one incremental edit."""
    document = _DOCUMENTS.pop(key, None)
    new = source.text.encode("utf-8", "surrogatepass")
    if document is None or document.source.path != source.path:
        document = Document(source)
    elif document.data != new:
        start, old_end, new_end = changed_range(document.data, new)
        document.edit(start, old_end, new[start:new_end].decode("utf-8", "surrogatepass"))
    document.source = source  # same text; keeps uri and version for the findings' paths
    _DOCUMENTS[key] = document
    while len(_DOCUMENTS) > _KEPT_DOCUMENTS:
        _DOCUMENTS.popitem(last=False)
    return document


def changed_range(old: bytes, new: bytes) -> tuple[int, int, int]:
    """(start, old end, new end) of the one range where two texts differ, on UTF-8 character
    boundaries: old[:start] == new[:start] and old[old_end:] == new[new_end:]."""
    limit = min(len(old), len(new))
    start = common_prefix(old, new, limit)
    while start > 0 and (_continuation(old, start) or _continuation(new, start)):
        start -= 1
    suffix = common_prefix(old[::-1], new[::-1], limit - start)
    old_end, new_end = len(old) - suffix, len(new) - suffix
    while old_end < len(old) and (_continuation(old, old_end) or _continuation(new, new_end)):
        old_end, new_end = old_end + 1, new_end + 1
    return start, old_end, new_end


def _continuation(data: bytes, at: int) -> bool:
    return at < len(data) and data[at] & 0xC0 == 0x80

"""Open documents: the text as the client sees it, and one incrementally edited tree per document.

`didChange` is applied to the `TextBuffer` at once on the event loop (that is where LSP positions
become byte offsets). The resulting byte edits are queued and replayed on the document's single
tree-sitter tree (`threatmark.core.parse.Document.edit`) inside the document's worker lane, so
the tree is only ever touched by one thread at a time and never while it is being analysed.
"""

from __future__ import annotations

import asyncio
import os
import threading
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lsprotocol import types

from threatmark.core.parse import Document, ParsedFile, language_for_path
from threatmark.lsp.positions import TextBuffer, decode
from threatmark.model import Analysis, SourceFile
from threatmark.reuse import Memo

#: Documents larger than this are tracked but not analysed (the CLI uses the same limit).
MAX_ANALYSED_BYTES = 5 * 1024 * 1024


def uri_to_path(uri: str) -> str:
    """File-system path of a `file:` URI; other schemes keep the URI as the path."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return uri
    path = unquote(parsed.path)
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/x on Windows
        path = path[1:]
    return os.path.normpath(path)


@dataclass
class Result:
    """One finished analysis of a document version, with what was published for it."""

    version: int | None
    analysis: Analysis | None
    diagnostics: list[types.Diagnostic]
    result_id: str
    verified: dict[str, tuple] = field(default_factory=dict)  # finding key -> verified fixes


@dataclass
class OpenDocument:
    """A document the client has open."""

    uri: str
    language_id: str
    version: int
    buffer: TextBuffer
    path: str = ""
    tree: Document | None = None
    result: Result | None = None
    skip_reason: str | None = None  # why the current text is not analysed (logged once per change)
    lane: asyncio.Lock = field(default_factory=asyncio.Lock)
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    timer: asyncio.TimerHandle | None = None
    waiting_pulls: int = 0  # textDocument/diagnostic requests waiting for `settled`
    reported_id: str | None = None  # the resultId the client last received by pull
    memo: Memo = field(default_factory=Memo)  # the last analysis, for re-analysing only what an edit touches
    _pending: list[tuple[int, int, str] | None] = field(default_factory=list)
    _pending_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.path = self.path or uri_to_path(self.uri)
        self.settled.set()

    @property
    def language(self) -> str | None:
        """The analysed language, or None when Threatmark does not analyse this document."""
        if self.language_id == "python":
            return "python"
        return language_for_path(self.path) if self.language_id in ("", "plaintext") else None

    def apply_changes(self, changes: list[types.TextDocumentContentChangeEvent], version: int) -> None:
        """Apply `didChange` content changes to the buffer and queue them for the tree (loop thread)."""
        with self._pending_lock:
            self._pending.extend(self.buffer.apply_change(change) for change in changes)
            self.version = version

    def why_not_analysed(self) -> str | None:
        """None when the current text can be analysed, else a short reason."""
        if self.language is None:
            return f"language {self.language_id!r} is not analysed"
        size = len(self.buffer.data)
        if size > MAX_ANALYSED_BYTES:
            return f"{size / 1e6:.1f} MB is larger than the {MAX_ANALYSED_BYTES // 2**20} MiB analysis limit"
        if b"\0" in self.buffer.data:
            return "the text contains NUL bytes (binary file?)"
        return None

    # --- worker-lane side (never on the event loop) ---------------------------------------------

    def sync_tree(self) -> int:
        """Replay queued edits on the tree (or build it) and return the version it now holds.
        Run only inside the document's lane."""
        with self._pending_lock:
            pending, self._pending = self._pending, []
            expected, version = self.buffer.data, self.version
        if self.tree is None or any(edit is None for edit in pending):
            self.tree = Document(SourceFile(self.path, decode(expected), "python", self.uri, version))
        else:
            for start, end, text in pending:  # type: ignore[misc]
                self.tree.edit(start, end, text)
            if pending and self.tree.data != expected:  # never expected: rebuild rather than drift
                self.tree = Document(SourceFile(self.path, decode(expected), "python", self.uri, version))
        self.tree.set_version(version)
        return version

    def snapshot(self) -> ParsedFile:
        """The parsed document. Run only inside the lane, after `sync_tree`."""
        assert self.tree is not None
        return self.tree.snapshot()

    def drop_tree(self) -> None:
        """Forget the tree (document too large / binary): edits go to the buffer only."""
        with self._pending_lock:
            self._pending = []
        self.tree = None
        self.memo = Memo()


class DocumentStore:
    """Open documents by URI."""

    def __init__(self) -> None:
        self._docs: dict[str, OpenDocument] = {}

    def open(self, item: types.TextDocumentItem, encoding: str) -> OpenDocument:
        doc = OpenDocument(item.uri, item.language_id, item.version, TextBuffer(item.text, encoding))
        self._docs[item.uri] = doc
        return doc

    def get(self, uri: str) -> OpenDocument | None:
        return self._docs.get(uri)

    def close(self, uri: str) -> OpenDocument | None:
        return self._docs.pop(uri, None)

    def __iter__(self):
        return iter(list(self._docs.values()))

    def __len__(self) -> int:
        return len(self._docs)

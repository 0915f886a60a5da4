"""Helpers for driving `threatmark serve` with pytest-lsp.

`start(...)` launches the server as a subprocess and returns a `Harness`: the pytest-lsp client
plus small helpers that hide the difference between pushed and pulled diagnostics, record
versions of every publish, and apply workspace edits the way an editor does.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "threatmark", "serve", "--stdio"]
CLIENTS = ["visual-studio-code", "neovim"]
RULES = Path(__file__).parent / "rules"
TIMEOUT = 60.0  # generous: the test machines are shared and loading the rule pack takes seconds


@dataclass
class Harness:
    client: pytest_lsp.LanguageClient
    root: Path
    name: str
    pull: bool
    encoding: str = "utf-16"
    capabilities: types.ServerCapabilities | None = None
    published: dict[str, list[types.PublishDiagnosticsParams]] = field(default_factory=dict)
    registrations: list[types.Registration] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    # --- documents ---------------------------------------------------------------------------

    def uri(self, name: str) -> str:
        return (self.root / name).resolve().as_uri()

    def open(self, name: str, text: str, language: str = "python", write: bool = True) -> str:
        path = (self.root / name).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        if write:
            path.write_text(text, encoding="utf-8", newline="")
        uri = path.as_uri()
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, start: tuple[int, int], end: tuple[int, int], text: str) -> int:
        """One incremental change (positions in the negotiated encoding); returns the new version."""
        self.versions[uri] += 1
        rng = types.Range(start=types.Position(*start), end=types.Position(*end))
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=rng, text=text)]))
        return self.versions[uri]

    def replace_all(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    # --- diagnostics -------------------------------------------------------------------------

    async def wait_for(self, predicate, timeout: float = TIMEOUT):
        """Wait until predicate() is truthy (re-checked after every notification)."""
        async def loop():
            while not (value := predicate()):
                self.changed.clear()
                await self.changed.wait()
            return value
        return await asyncio.wait_for(loop(), timeout)

    async def pushed(self, uri: str, version: int | None = None, after: int = 0) -> list[types.Diagnostic]:
        """Diagnostics of the first publish for `uri` (numbered from `after`) with `version`."""
        def found():
            for params in self.published.get(uri, [])[after:]:
                if version is None or params.version == version:
                    return params
            return None
        return list((await self.wait_for(found)).diagnostics)

    def publish_count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def pull_report(self, uri: str, previous: str | None = None):
        return await asyncio.wait_for(self.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous)), TIMEOUT)

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics the client shows for `uri` at `version`, whichever the delivery mode."""
        if self.pull:
            return list((await self.pull_report(uri)).items)
        return await self.pushed(uri, version or self.versions.get(uri))

    # --- edits -------------------------------------------------------------------------------

    def apply(self, edit: types.WorkspaceEdit) -> dict[str, str]:
        """Apply a workspace edit to the tracked texts like an editor; returns the new texts and
        sends them as changes (refusing a versioned edit for another version, as clients do)."""
        out = {}
        for change in edit.document_changes or []:
            assert isinstance(change, types.TextDocumentEdit)
            uri = change.text_document.uri
            assert change.text_document.version == self.versions[uri], "stale edit"
            out[uri] = apply_text_edits(self.texts[uri], list(change.edits), self.encoding)
        for uri, edits in (edit.changes or {}).items():
            out[uri] = apply_text_edits(self.texts[uri], list(edits), self.encoding)
        for uri, text in out.items():
            self.replace_all(uri, text)
        return out

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.client.shutdown_session(), 10)
        await self.client.stop()


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    """Index into `text` (code points) of an LSP position, computed independently of the server."""
    lines = text.split("\n")
    index = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    if pos.line + 1 < len(lines) and line.endswith("\r"):
        line = line[:-1]  # the line length excludes the CRLF terminator
    units = 0
    for i, ch in enumerate(line):
        units += {"utf-8": len(ch.encode("utf-8", "surrogatepass")),
                  "utf-16": 2 if ord(ch) > 0xFFFF else 1, "utf-32": 1}[encoding]
        if units > pos.character:  # a position inside a character rounds down to its start
            return index + i
    return index + len(line)


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def capabilities(name: str, pull: bool = False, patch: dict[str, Any] | None = None) -> types.ClientCapabilities:
    """pytest-lsp's recorded capabilities of a real client; `pull` adds pull diagnostics + refresh."""
    caps = copy.deepcopy(pytest_lsp.client_capabilities(name))
    if pull:
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False)
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    for dotted, value in (patch or {}).items():
        *parents, last = dotted.split(".")
        target = caps
        for part in parents:
            target = getattr(target, part)
        setattr(target, last, value)
    return caps


def make_client(harness_box: list) -> pytest_lsp.LanguageClient:
    client = pytest_lsp.LanguageClient(converter_factory=default_converter)
    features = {k: v for k, v in DEFAULT_CLIENT_FEATURES.items() if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}
    register_lsp_features(client, features)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls, params: types.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        if harness_box:
            harness_box[0].published.setdefault(params.uri, []).append(params)
            harness_box[0].changed.set()

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(ls, params: types.RegistrationParams):
        if harness_box:
            harness_box[0].registrations.extend(params.registrations)
            harness_box[0].changed.set()

    @client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def on_unregister(ls, params: types.UnregistrationParams):
        if harness_box:
            ids = {u.id for u in params.unregisterations}
            harness_box[0].registrations[:] = [r for r in harness_box[0].registrations if r.id not in ids]

    for method in (types.WINDOW_SHOW_MESSAGE, types.WINDOW_LOG_MESSAGE, types.PROGRESS,
                   types.WORKSPACE_DIAGNOSTIC_REFRESH):
        _notify_on(client, method, harness_box)
    return client


def _notify_on(client, method: str, harness_box: list) -> None:
    """Wrap pytest-lsp's default handler so waiting helpers wake up on this message too."""
    original = client.protocol.fm.features[method]

    def wrapped(params):
        result = original(params)
        if harness_box:
            harness_box[0].changed.set()
        return result

    client.protocol.fm.features[method] = wrapped


async def start(name: str, root: Path, *, settings: dict | None = None, configuration: dict | None = None,
                pull: bool = False, folders: list[Path] | None = None, patch: dict | None = None,
                command: list[str] | None = None) -> Harness:
    """Start a server for client `name` with `root` (or `folders`) as workspace folder(s)."""
    box: list[Harness] = []
    client = make_client(box)
    await client.start_io(*(command or SERVER))
    if configuration is not None:
        client.set_configuration(configuration)
    harness = Harness(client, root, name, pull)
    box.append(harness)
    folders = folders or [root]
    result = await asyncio.wait_for(client.initialize_session(types.InitializeParams(
        capabilities=capabilities(name, pull, patch),
        workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
        root_uri=folders[0].as_uri(),
        initialization_options={"settings": settings} if settings is not None else None,
    )), TIMEOUT)
    harness.encoding = str(result.capabilities.position_encoding or "utf-16")
    harness.capabilities = result.capabilities
    return harness


FLOW_SOURCE = '''from flask import request


def view():
    name = request.args["name"]
    lsp_sink("echo " + name)
'''


@pytest_asyncio.fixture(scope="session", loop_scope="session", params=CLIENTS)
async def shared(request, tmp_path_factory):
    """One server per client kind for the modules that do not change server-wide settings
    (starting a server means compiling the whole rule pack: seconds on a busy machine)."""
    root = tmp_path_factory.mktemp(f"shared-{request.param}")
    (root / "pkg").mkdir()
    (root / "pkg" / "closed_weak.py").write_text('import hashlib\nhashlib.md5(b"x")\n')
    (root / "pkg" / "closed_flow.py").write_text(FLOW_SOURCE)
    (root / "pkg" / "clean.py").write_text("x = 1\n")
    (root / "pkg" / "binary.py").write_bytes(b"\0\1\2")
    (root / "extra-rules").mkdir()
    harness = await start(request.param, root,
                          settings={"ruleFolders": [str(RULES), "extra-rules"], "debounceMs": 30})
    yield harness
    await harness.stop()

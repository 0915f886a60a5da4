"""The language server re-ranks open documents when the threat model changes, shows its load
errors on the threat-model file, and drafts one with `threatmark.initThreatModel`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient
from threat_helpers import LOGIN_APP, RULES

TIMEOUT = 30.0
MODEL = """\
version: 1
assets:
  - id: user-passwords
    classification: credentials
entry_points:
  - id: ops-tool
    kind: cli
    exposure: local
    authentication: false
    covers:
      paths: ["app.py"]
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "threatmark", "serve"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        """Accept the server's file watchers (this test reports file changes itself)."""

    @lsp_client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def unregister(ls: LanguageClient, params: types.UnregistrationParams) -> None:
        """Nothing to undo."""

    (tmp_path / "threatmodel.yaml").write_text(MODEL)
    (tmp_path / "app.py").write_text(LOGIN_APP)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name=tmp_path.name)],
        root_uri=tmp_path.as_uri(), initialization_options={"settings": {"ruleFolders": [str(RULES)]}}))
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def until(client: LanguageClient, uri: str, check: Callable[[list[types.Diagnostic]], bool]) -> list:
    """Wait (on notifications, never sleeping) until the diagnostics of `uri` pass `check`."""
    async def loop() -> list[types.Diagnostic]:
        while not check(list(client.diagnostics.get(uri, []))):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])
    return await asyncio.wait_for(loop(), TIMEOUT)


def login_hash(diagnostics: list[types.Diagnostic]) -> types.Diagnostic | None:
    return next((d for d in diagnostics if d.code == "tm-weak-hash" and d.range.start.line == 9), None)


def changed(client: LanguageClient, path: Path) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]))


async def test_editing_the_threat_model_re_ranks_open_documents(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    model, app = root / "threatmodel.yaml", root / "app.py"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=app.as_uri(), language_id="python", version=1, text=LOGIN_APP)))

    def severity_is(level: types.DiagnosticSeverity) -> Callable[[list[types.Diagnostic]], bool]:
        return lambda ds: (d := login_hash(ds)) is not None and d.severity == level

    local = login_hash(await until(client, app.as_uri(), severity_is(types.DiagnosticSeverity.Information)))
    assert local is not None and "reachable only from local entry point `ops-tool`" in local.message
    assert "lowered medium → low" in local.message

    # The tool goes online: same code, now reachable from the internet without authentication.
    model.write_text(MODEL.replace("kind: cli", "kind: http").replace("exposure: local", "exposure: internet"))
    changed(client, model)
    online = login_hash(await until(client, app.as_uri(), severity_is(types.DiagnosticSeverity.Error)))
    assert online is not None and "raised medium → high" in online.message
    assert "(internet, no auth)" in online.message
    related = online.related_information or []
    assert related and related[0].location.uri == model.as_uri()
    assert related[0].location.range.start.line == 5  # `- id: ops-tool`

    # An invalid edit: located error on the threat-model file, defaults for the code.
    model.write_text(MODEL.replace("exposure: local", "exposure: everywhere"))
    changed(client, model)
    errors = await until(client, model.as_uri(), lambda ds: len(ds) == 1)
    assert errors[0].range.start.line == 7
    assert errors[0].message.startswith("[entry_points[0].exposure] 'everywhere' is not one of")
    assert errors[0].severity == types.DiagnosticSeverity.Error
    default = login_hash(await until(client, app.as_uri(), severity_is(types.DiagnosticSeverity.Warning)))
    assert default is not None and "reachable" not in default.message

    # Fixed again: the error on the file goes away.
    model.write_text(MODEL)
    changed(client, model)
    await until(client, model.as_uri(), lambda ds: ds == [])
    await until(client, app.as_uri(), severity_is(types.DiagnosticSeverity.Information))


async def test_init_threat_model_command(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    model = root / "threatmodel.yaml"
    execute = types.ExecuteCommandParams(command="threatmark.initThreatModel", arguments=[root.as_uri()])
    with pytest.raises(JsonRpcException, match="already exists; not overwriting"):
        await asyncio.wait_for(client.workspace_execute_command_async(execute), TIMEOUT)
    assert model.read_text() == MODEL
    model.unlink()
    result = await asyncio.wait_for(client.workspace_execute_command_async(execute), TIMEOUT)
    assert result["uri"] == model.as_uri() and result["routes"] == 1 and result["todos"] > 0
    assert '- "/login"  # POST app.py:7 login' in model.read_text()
    app = root / "app.py"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=app.as_uri(), language_id="python", version=1, text=LOGIN_APP)))
    drafted = login_hash(await until(client, app.as_uri(), lambda ds: login_hash(ds) is not None))
    assert drafted is not None and "reachable from entry point `web-public` (internet, no auth)" in drafted.message

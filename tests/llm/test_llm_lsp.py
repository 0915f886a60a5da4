"""The language server with LLM review on: `threatmark serve` as a subprocess driven by pytest-lsp,
talking to the scripted endpoint. N requests on the first save, 1 after a one-function edit, 0 on
re-save; rule diagnostics come first; "Harden with AI" resolves only to a verified rewrite."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from llm_support import KEY_ENV, MODEL, fixture_source
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from scripted_llm import Recorded, Reply, ScriptedLLM, issue

SERVER = [sys.executable, "-m", "threatmark", "serve", "--stdio"]
TIMEOUT = 120.0
GOOD = '''@app.route("/search")
def search():
    term = request.args.get("q", "")
    return DB.execute("SELECT * FROM items WHERE name = ?", (term,)).fetchall()'''
BAD = GOOD.replace('"SELECT * FROM items WHERE name = ?", (term,)',
                   '''"SELECT * FROM items WHERE name = '%s'" % term''')


def answer(request: Recorded) -> Reply | dict | None:
    if request.is_rewrite:
        return None  # scripted per test
    if "DB.execute(" in request.user:
        return {"issues": [issue(request.line_of("DB.execute("), "DB.execute(")], "triage": []}
    return None


async def until(client: pytest_lsp.LanguageClient, predicate, what: str):
    async def loop():
        while not (value := predicate()):
            await asyncio.sleep(0.05)
        return value
    try:
        return await asyncio.wait_for(loop(), TIMEOUT)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}; log: "
                             + " | ".join(m.message for m in client.log_messages[-10:])) from None


def review_logs(client: pytest_lsp.LanguageClient) -> list[str]:
    return [m.message for m in client.log_messages if m.message.startswith("LLM review of ")]


@pytest.fixture
async def session(llm: ScriptedLLM, tmp_path: Path):
    llm.responder = answer
    root = tmp_path / "ws"
    root.mkdir()
    client = pytest_lsp.LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, DEFAULT_CLIENT_FEATURES)
    await client.start_io(*SERVER)
    await asyncio.wait_for(client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")], root_uri=root.as_uri(),
        initialization_options={"settings": {"llm": {"enabled": True, "endpoint": llm.url, "model": MODEL,
                                                     "apiKeyEnv": KEY_ENV}}})), TIMEOUT)
    yield client, root
    await asyncio.wait_for(client.shutdown_session(), 30)


async def test_requests_per_save_and_harden(session, llm: ScriptedLLM) -> None:
    client, root = session
    text = fixture_source("app.py").text
    path = root / "app.py"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    rules_only = await until(client, lambda: client.diagnostics.get(uri), "rule diagnostics")
    assert {d.data["origin"] for d in rules_only} == {"rule"}
    assert llm.chat_requests() == []  # nothing is sent before a save

    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda: len(review_logs(client)) == 1, "the first review")
    assert len(llm.chat_requests()) == 5
    assert "5 request(s), 0 from cache" in review_logs(client)[0]
    with_llm = await until(client, lambda: [d for d in client.diagnostics.get(uri, []) if d.data["origin"] == "llm"],
                           "LLM diagnostics")
    assert all(d.message.startswith(f"[LLM {MODEL}]") for d in with_llm)
    assert any(d.data["origin"] == "rule" for d in client.diagnostics[uri])  # rule findings stay

    edited = text.replace('request.args.get("q", "")', 'request.args.get("query", "")')
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda: len(review_logs(client)) == 2, "the second review")
    assert "1 request(s), 4 from cache" in review_logs(client)[1]
    assert [r.unit for r in llm.chat_requests()[5:]] == ["search()"]

    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda: len(review_logs(client)) == 3, "the third review")
    assert "0 request(s), 5 from cache" in review_logs(client)[2]
    assert len(llm.chat_requests()) == 6

    # "Harden with AI" on the SQL injection: listed unresolved, resolved only to a verified rewrite.
    diagnostics = client.diagnostics[uri]
    sql = next(d for d in diagnostics if d.code == "py-sql-injection")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=sql.range,
        context=types.CodeActionContext(diagnostics=[sql])))
    harden = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Harden with AI"))
    assert harden.edit is None
    llm.script.append(Reply({"code": BAD, "explanation": "still concatenating"}))
    declined = await client.code_action_resolve_async(harden)
    assert declined.edit is None and declined.disabled is not None
    llm.script.append(Reply({"code": GOOD, "explanation": "parameters"}))
    await client.workspace_execute_command_async(types.ExecuteCommandParams("threatmark.clearLlmCache"))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=sql.range,
        context=types.CodeActionContext(diagnostics=[sql])))
    harden = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Harden with AI"))
    resolved = await client.code_action_resolve_async(harden)
    assert resolved.edit is not None and "verified" in resolved.title
    [change] = resolved.edit.document_changes
    assert "(term,)" in change.edits[0].new_text
    assert any(isinstance(p, types.WorkDoneProgressEnd) for reports in client.progress_reports.values()
               for p in reports)

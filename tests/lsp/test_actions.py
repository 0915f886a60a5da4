"""Code actions: verified quick fixes as versioned edits, suppression with a reason, fix-all."""

from __future__ import annotations

import asyncio

import pytest
from conftest import TIMEOUT
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="session")

SOURCE = '''import hashlib


def digest(data):
    label = "😀 中文"
    return label, hashlib.md5(data).hexdigest()
'''


@pytest.fixture
def lsp(shared):
    return shared  # one server per client kind (conftest.py)


async def actions_for(lsp, uri, diag, only=None):
    return await asyncio.wait_for(lsp.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag], only=only))), TIMEOUT)


def weak(diagnostics):
    return [d for d in diagnostics if d.code == "py-weak-hash"]


async def test_quick_fix_is_verified_versioned_and_removes_the_diagnostic(lsp):
    uri = lsp.open("fix.py", SOURCE)
    [diag] = weak(await lsp.diagnostics(uri, 1))
    actions = await actions_for(lsp, uri, diag)
    [fix] = [a for a in actions if a.title == "Use hashlib.sha256"]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred is True
    assert fix.diagnostics[0].code == "py-weak-hash"
    if lsp.name == "visual-studio-code":  # declares workspaceEdit.documentChanges: versioned edits
        [change] = fix.edit.document_changes
        assert change.text_document.version == 1
    else:  # Neovim 0.11 does not declare documentChanges: a plain `changes` map
        assert list(fix.edit.changes) == [uri]
    [text] = lsp.apply(fix.edit).values()
    assert "hashlib.sha256(data)" in text and "md5" not in text
    assert weak(await lsp.diagnostics(uri, 2)) == []


async def test_stale_fix_carries_the_old_version(lsp):
    uri = lsp.open("stale.py", SOURCE)
    [diag] = weak(await lsp.diagnostics(uri, 1))
    [fix] = [a for a in await actions_for(lsp, uri, diag) if a.title == "Use hashlib.sha256"]
    lsp.change(uri, (0, 0), (0, 0), "# edited\n")
    if fix.edit.document_changes is None:
        pytest.skip("the client cannot receive versioned edits")
    assert fix.edit.document_changes[0].text_document.version == 1
    with pytest.raises(AssertionError, match="stale edit"):
        lsp.apply(fix.edit)  # an editor refuses it the same way


async def test_suppress_with_reason_keeps_indentation(lsp):
    uri = lsp.open("suppress.py", SOURCE)
    [diag] = weak(await lsp.diagnostics(uri, 1))
    [action] = [a for a in await actions_for(lsp, uri, diag) if a.title.startswith("Suppress py-weak-hash")]
    [text] = lsp.apply(action.edit).values()
    lines = text.splitlines()
    assert lines[5] == "    # threatmark: ignore[py-weak-hash] -- <reason>"
    assert lines[6].startswith("    return label, hashlib.md5")
    assert weak(await lsp.diagnostics(uri, 2)) == []


async def test_fix_all_is_resolved_lazily_and_fixes_everything(lsp):
    text = SOURCE + '\n\ndef other(d):\n    return hashlib.sha1(d), hashlib.md5(d)\n'
    uri = lsp.open("fixall.py", text)
    diags = weak(await lsp.diagnostics(uri, 1))
    assert len(diags) == 3
    actions = await actions_for(lsp, uri, diags[0], only=["source.fixAll"])
    [action] = actions
    assert action.kind == "source.fixAll.threatmark"
    assert action.edit is None  # both clients resolve `edit` lazily
    resolved = await asyncio.wait_for(lsp.client.code_action_resolve_async(action), TIMEOUT)
    [new_text] = lsp.apply(resolved.edit).values()
    assert new_text.count("hashlib.sha256(") == 3
    assert weak(await lsp.diagnostics(uri, 2)) == []


async def test_no_actions_outside_findings(lsp):
    uri = lsp.open("none.py", SOURCE)
    await lsp.diagnostics(uri, 1)
    empty = types.Diagnostic(range=types.Range(start=types.Position(0, 0), end=types.Position(0, 1)), message="x")
    actions = await actions_for(lsp, uri, empty, only=[types.CodeActionKind.QuickFix])
    assert not actions

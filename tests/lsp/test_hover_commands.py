"""Hover, rule docs, reloading rules, the workspace scan with `$/progress`, and the commands that
are registered for later issues."""

from __future__ import annotations

import asyncio

import pytest
from conftest import TIMEOUT
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio(loop_scope="session")

FLOW = '''from flask import request


def view():
    name = request.args["name"]
    lsp_sink("echo " + name)
'''


@pytest.fixture
def lsp(shared):
    return shared  # one server per client kind (conftest.py)


async def command(lsp, name, *arguments, token=None):
    return await asyncio.wait_for(lsp.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=name, arguments=list(arguments), work_done_token=token)), TIMEOUT)


async def test_hover_explains_weakness_flow_fix_and_links(lsp):
    uri = lsp.open("hover.py", FLOW)
    [diag] = await lsp.diagnostics(uri, 1)
    hover = await asyncio.wait_for(lsp.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=diag.range.start)), TIMEOUT)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "**t-lsp-flow** · high severity" in text
    assert "**Flow**" in text and "1. source" in text and "line 5" in text
    assert "**How to fix:** Do not pass request data to lsp_sink." in text
    assert "[CWE-78](https://cwe.mitre.org/data/definitions/78.html)" in text
    assert "(https://owasp.org/Top10/A03_2021-Injection/)" in text
    assert hover.range == diag.range


async def test_no_hover_away_from_findings(lsp):
    uri = lsp.open("nohover.py", FLOW)
    await lsp.diagnostics(uri, 1)
    hover = await lsp.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0)))
    assert hover is None


async def test_show_rule_docs(lsp):
    text = await command(lsp, "threatmark.showRuleDocs", "py-weak-hash")
    assert text.startswith("# `py-weak-hash`")
    assert "## How to fix" in text and "CWE-328" in text
    with pytest.raises(JsonRpcException, match="unknown rule id 'nope'"):
        await command(lsp, "threatmark.showRuleDocs", "nope")


async def test_every_command_is_registered(lsp):
    # initThreatModel and clearLlmCache belong to issues 5 and 6; they must exist from the start.
    assert set(lsp.capabilities.execute_command_provider.commands) >= {
        "threatmark.scanWorkspace", "threatmark.reloadRules", "threatmark.showRuleDocs",
        "threatmark.initThreatModel", "threatmark.clearLlmCache"}


async def test_reload_rules_picks_up_a_new_rule_file(lsp):
    uri = lsp.open("reload.py", "lsp_new_call()\n")
    assert await lsp.diagnostics(uri, 1) == []
    # A rule added to a configured (relative) rule folder applies after a reload.
    (lsp.root / "extra-rules" / "t-lsp-reload.yaml").write_text(
        "id: t-lsp-reload\nmessage: new rule\nseverity: high\nconfidence: high\ncwe: [1]\n"
        "owasp: [\"A04:2021-Insecure Design\"]\ndocs: {why: w, fix: f}\npattern:\n  - call: [lsp_new_call]\n")
    count = lsp.publish_count(uri)
    result = await command(lsp, "threatmark.reloadRules")
    assert result["rules"] >= 3
    diags = await lsp.diagnostics(uri) if lsp.pull else await lsp.pushed(uri, 1, after=count)
    assert [d.code for d in diags] == ["t-lsp-reload"]


async def test_scan_workspace_reports_progress_and_closed_files(lsp):
    token = f"scan-{lsp.name}"
    lsp.client.progress_reports[token] = []
    summary = await command(lsp, "threatmark.scanWorkspace", token=token)
    assert summary["files"] >= 4 and summary["findings"] >= 2 and summary["skipped"] >= 1
    kinds = [p.kind for p in lsp.client.progress_reports[token]]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    weak = (lsp.root / "pkg" / "closed_weak.py").as_uri()
    flow = (lsp.root / "pkg" / "closed_flow.py").as_uri()
    assert [d.code for d in await lsp.pushed(weak)] == ["py-weak-hash"]
    assert [d.code for d in await lsp.pushed(flow)] == ["t-lsp-flow"]
    assert lsp.publish_count((lsp.root / "pkg" / "clean.py").as_uri()) == 0

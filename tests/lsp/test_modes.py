"""Delivery modes and configuration: pull vs push (never both), onSave, settings from every
source with their precedence, invalid settings, watched files and multi-root workspaces."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio
from conftest import RULES, TIMEOUT, start
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

WEAK = 'import hashlib\nhashlib.md5(b"x")\n'  # medium
FLOW = 'from flask import request\n\n\ndef v():\n    lsp_sink(request.args["q"])\n'  # high


def codes(diagnostics):
    return sorted(d.code for d in diagnostics)


# --- pull ------------------------------------------------------------------------------------------

@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pulling(tmp_path_factory):
    root = tmp_path_factory.mktemp("pull")
    (root / "closed.py").write_text(WEAK)
    harness = await start("visual-studio-code", root, pull=True, settings={"debounceMs": 30})
    yield harness
    await harness.stop()


async def test_pull_reports_use_result_ids_and_nothing_is_pushed(pulling):
    provider = pulling.capabilities.diagnostic_provider
    assert provider.identifier == "threatmark" and provider.workspace_diagnostics is True
    uri = pulling.open("pulled.py", WEAK)
    report = await pulling.pull_report(uri)
    assert report.kind == "full" and codes(report.items) == ["py-weak-hash"]
    again = await pulling.pull_report(uri, previous=report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id
    pulling.change(uri, (1, 0), (2, 0), "")
    changed = await pulling.pull_report(uri, previous=report.result_id)
    assert changed.kind == "full" and not changed.items
    assert pulling.publish_count(uri) == 0  # never both


async def test_pull_mode_scan_serves_workspace_diagnostics_and_refreshes(pulling):
    refreshes = pulling.client.diagnostic_refresh_count
    summary = await asyncio.wait_for(pulling.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="threatmark.scanWorkspace", arguments=[])), TIMEOUT)
    assert summary["findings"] >= 1
    await pulling.wait_for(lambda: pulling.client.diagnostic_refresh_count > refreshes)
    report = await asyncio.wait_for(pulling.client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=[])), TIMEOUT)
    closed = (pulling.root / "closed.py").as_uri()
    [item] = [i for i in report.items if i.uri == closed]
    assert codes(item.items) == ["py-weak-hash"]
    again = await pulling.client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
        previous_result_ids=[types.PreviousResultId(uri=closed, value=item.result_id)]))
    assert [i.kind for i in again.items if i.uri == closed] == ["unchanged"]
    assert pulling.publish_count(closed) == 0


# --- push, onSave, invalid settings, pushed settings, polling (Neovim) -----------------------------

@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def neovim(tmp_path_factory):
    root = tmp_path_factory.mktemp("nvim")
    harness = await start("neovim", root, settings={
        "run": "onSave", "minSeverity": "severe", "debounceMs": "fast", "ruleFolders": [str(RULES)]})
    yield harness
    await harness.stop()


async def test_invalid_settings_warn_once_and_fall_back(neovim):
    assert neovim.capabilities.diagnostic_provider is None  # push
    await neovim.wait_for(lambda: [m for m in neovim.client.messages if "minSeverity" in m.message])
    [warning] = [m for m in neovim.client.messages if "minSeverity" in m.message]
    assert warning.type == types.MessageType.Warning
    assert "`minSeverity` must be one of info, low, medium, high, critical; got 'severe'" in warning.message
    uri = neovim.open("defaults.py", WEAK)  # the default minSeverity (low) still applies
    assert codes(await neovim.diagnostics(uri, 1)) == ["py-weak-hash"]


async def test_on_save_mode_waits_for_the_save(neovim):
    uri = neovim.open("onsave.py", "import hashlib\n")
    assert await neovim.diagnostics(uri, 1) == []  # documents are analysed when opened
    version = neovim.change(uri, (1, 0), (1, 0), 'hashlib.sha1(b"x")\n')
    await asyncio.sleep(0.5)  # a debounce would long have fired: nothing is published before the save
    assert all(p.version != version for p in neovim.published[uri])
    neovim.save(uri)
    assert codes(await neovim.pushed(uri, version)) == ["py-weak-hash"]


async def test_pushed_settings_apply_without_restart(neovim):
    uri = neovim.open("pushed.py", WEAK + FLOW)
    assert codes(await neovim.diagnostics(uri, 1)) == ["py-weak-hash", "t-lsp-flow"]
    count = neovim.publish_count(uri)
    neovim.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"threatmark": {"minSeverity": "high"}}))
    assert codes(await neovim.pushed(uri, 1, after=count)) == ["t-lsp-flow"]
    count = neovim.publish_count(uri)
    neovim.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"threatmark": {"minSeverity": "low"}}))
    assert codes(await neovim.pushed(uri, 1, after=count)) == ["py-weak-hash", "t-lsp-flow"]


async def test_without_client_watchers_the_server_polls_pyproject(neovim):
    assert not [r for r in neovim.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    uri = neovim.open("polled.py", WEAK)
    assert codes(await neovim.diagnostics(uri, 1)) == ["py-weak-hash"]
    count = neovim.publish_count(uri)
    (neovim.root / "pyproject.toml").write_text('[tool.threatmark]\nmin_severity = "critical"\n')
    try:
        assert await neovim.pushed(uri, 1, after=count) == []
    finally:
        (neovim.root / "pyproject.toml").unlink()


# --- VS Code style: workspace/configuration, watchers, pyproject precedence, multi-root -----------

@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def vscode(tmp_path_factory):
    base = tmp_path_factory.mktemp("multi")
    app, lib = base / "app", base / "lib"
    app.mkdir()
    lib.mkdir()
    (lib / "pyproject.toml").write_text('[tool.threatmark]\nmin-severity = "high"\n')
    harness = await start("visual-studio-code", app, folders=[app, lib], configuration={
        "threatmark": {"ruleFolders": [str(RULES)], "debounceMs": 30, "minSeverity": "low"}})
    yield harness
    await harness.stop()


async def test_watchers_are_registered_for_rules_and_config(vscode):
    def watching():
        return [r for r in vscode.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]

    [registration] = await vscode.wait_for(watching)
    patterns = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert "**/pyproject.toml" in patterns and "**/threatmodel.{yaml,yml}" in patterns
    assert f"{RULES.as_posix()}/**/*.{{yaml,yml}}" in patterns


async def test_multi_root_pyproject_wins_per_folder(vscode):
    app_uri = vscode.open("a.py", WEAK + FLOW)
    lib_uri = vscode.open("../lib/b.py", WEAK + FLOW)
    assert codes(await vscode.diagnostics(app_uri, 1)) == ["py-weak-hash", "t-lsp-flow"]
    assert codes(await vscode.diagnostics(lib_uri, 1)) == ["t-lsp-flow"]  # lib's pyproject: high


async def test_workspace_configuration_change(vscode):
    uri = vscode.open("conf.py", WEAK + FLOW)
    assert codes(await vscode.diagnostics(uri, 1)) == ["py-weak-hash", "t-lsp-flow"]
    count = vscode.publish_count(uri)
    vscode.client.set_configuration({"ruleFolders": [str(RULES)], "minSeverity": "critical"}, section="threatmark")
    vscode.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await vscode.pushed(uri, 1, after=count) == []
    vscode.client.set_configuration({"ruleFolders": [str(RULES)], "minSeverity": "low"}, section="threatmark")
    vscode.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert codes(await vscode.pushed(uri, 1, after=count + 1)) == ["py-weak-hash", "t-lsp-flow"]


async def test_watched_pyproject_change_applies(vscode):
    uri = vscode.open("../lib/c.py", WEAK + FLOW)
    assert codes(await vscode.diagnostics(uri, 1)) == ["t-lsp-flow"]
    pyproject = vscode.root.parent / "lib" / "pyproject.toml"
    pyproject.write_text('[tool.threatmark]\nmin-severity = "medium"\n')
    count = vscode.publish_count(uri)
    vscode.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]))
    assert codes(await vscode.pushed(uri, 1, after=count)) == ["py-weak-hash", "t-lsp-flow"]


async def test_added_workspace_folder_gets_its_own_settings(vscode):
    extra = vscode.root.parent / "extra"
    extra.mkdir()
    (extra / "pyproject.toml").write_text('[tool.threatmark]\nmin-severity = "critical"\n')
    vscode.client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
        event=types.WorkspaceFoldersChangeEvent(added=[types.WorkspaceFolder(uri=extra.as_uri(), name="extra")],
                                                removed=[])))
    uri = vscode.open("../extra/d.py", WEAK + FLOW)
    assert await vscode.diagnostics(uri, 1) == []


async def test_open_threat_model_keeps_its_problem_diagnostics(vscode):
    model = vscode.root / "threatmodel.yaml"
    model.write_text("version: [\n")
    vscode.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=model.as_uri(), type=types.FileChangeType.Created)]))
    try:
        problems = await vscode.wait_for(lambda: vscode.client.diagnostics.get(model.as_uri()))
        # Opening it (VS Code's extension selects threatmodel.yaml documents) must not clear them.
        uri = vscode.open("threatmodel.yaml", "version: [\n", language="yaml", write=False)
        assert uri == model.as_uri()
        assert await vscode.pushed(uri, 1) == list(problems)
    finally:
        model.unlink()

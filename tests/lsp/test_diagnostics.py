"""Diagnostics on open, change and save: exact ranges (after emoji and CJK, with CRLF), versions,
severity mapping, codes, links, flow summaries and related information."""

from __future__ import annotations

import pytest
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="session")

WEAK = 'import hashlib\n\nlabel = "😀中文é"; digest = hashlib.md5(b"x")\n'
FLOW = '''from flask import request


def view():
    name = request.args["name"]
    cmd = "echo " + name
    lsp_sink(cmd)
'''


@pytest.fixture
def lsp(shared):
    return shared  # one server per client kind (conftest.py)


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def by_code(diagnostics, code):
    return [d for d in diagnostics if d.code == code]


async def test_open_reports_exact_range_after_emoji_and_cjk(lsp):
    uri = lsp.open("weak.py", WEAK)
    [diag] = by_code(await lsp.diagnostics(uri, 1), "py-weak-hash")
    prefix = 'label = "😀中文é"; digest = '
    start = units(prefix, lsp.encoding)
    assert diag.range == types.Range(start=types.Position(2, start),
                                     end=types.Position(2, start + len('hashlib.md5(b"x")')))
    assert diag.source == "threatmark"
    assert diag.severity == types.DiagnosticSeverity.Warning  # medium
    assert diag.code_description.href == "https://cwe.mitre.org/data/definitions/328.html"
    assert diag.data["ruleId"] == "py-weak-hash"
    assert diag.data["origin"] == "rule"
    assert len(diag.data["fingerprint"]) >= 16
    assert diag.data["fixes"] == ["Use hashlib.sha256"]


async def test_negotiated_encoding_matches_client(lsp):
    # pygls picks the client's first supported encoding: VS Code offers none (UTF-16), Neovim 0.11 UTF-8.
    assert lsp.encoding == ("utf-16" if lsp.name == "visual-studio-code" else "utf-8")


async def test_changes_are_published_for_their_version(lsp):
    uri = lsp.open("change.py", "import hashlib\n\n")
    assert await lsp.diagnostics(uri, 1) == []
    # Insert a line with emoji before the finding, then the finding itself, as two edits.
    v2 = lsp.change(uri, (1, 0), (1, 0), 'x = "🎉🎉"  # 表\n')
    assert await lsp.diagnostics(uri, v2) == []
    v3 = lsp.change(uri, (2, 0), (2, 0), 'y = "é"; h = hashlib.sha1(b"a")\n')
    [diag] = await lsp.diagnostics(uri, v3)
    assert diag.range.start == types.Position(2, units('y = "é"; h = ', lsp.encoding))
    # Delete the emoji line: the finding moves up one line.
    v4 = lsp.change(uri, (1, 0), (2, 0), "")
    [diag] = await lsp.diagnostics(uri, v4)
    assert diag.range.start.line == 1
    # Remove the call: no findings.
    v5 = lsp.change(uri, (1, 0), (2, 0), "")
    assert await lsp.diagnostics(uri, v5) == []


async def test_edit_inside_line_with_multibyte_text(lsp):
    uri = lsp.open("inline.py", 'import hashlib\ns = "中文😀"; h = hashlib.sha256(b"x")\n')
    assert await lsp.diagnostics(uri, 1) == []
    col = units('s = "中文😀"; h = hashlib.', lsp.encoding)
    version = lsp.change(uri, (1, col), (1, col + len("sha256")), "md5")
    [diag] = await lsp.diagnostics(uri, version)
    assert diag.range.start == types.Position(1, units('s = "中文😀"; h = ', lsp.encoding))


async def test_crlf_document(lsp):
    text = 'import hashlib\r\nx = "注释 😀"\r\n\r\nh = hashlib.md5(b"x")\r\n'
    uri = lsp.open("crlf.py", text)
    [diag] = await lsp.diagnostics(uri, 1)
    assert diag.range == types.Range(start=types.Position(3, 4), end=types.Position(3, 21))
    # Join lines 1-3 across two CRLFs (a range ending at the start of line 3).
    version = lsp.change(uri, (1, units('x = "注释 😀"', lsp.encoding)), (3, 0), "; ")
    [diag] = await lsp.diagnostics(uri, version)
    assert diag.range.start == types.Position(1, units('x = "注释 😀"; h = ', lsp.encoding))
    # A position past the end of a CRLF line is clamped before the CR.
    version = lsp.change(uri, (0, 999), (0, 999), "  # é")
    [diag] = await lsp.diagnostics(uri, version)
    assert diag.range.start.line == 1


async def test_save_analyses_unanalysed_versions_only(lsp):
    uri = lsp.open("save.py", "import hashlib\n")
    await lsp.diagnostics(uri, 1)
    count = lsp.publish_count(uri)
    lsp.save(uri)  # version 1 is analysed already: nothing to redo
    version = lsp.change(uri, (1, 0), (1, 0), 'hashlib.md5(b"x")\n')
    lsp.save(uri)  # analyses version 2 at once (the debounce timer is cancelled)
    assert by_code(await lsp.diagnostics(uri, version), "py-weak-hash")
    if not lsp.pull:
        assert [p.version for p in lsp.published[uri][count:]] == [version]


async def test_flow_has_summary_and_related_information(lsp):
    uri = lsp.open("flow.py", FLOW)
    [diag] = by_code(await lsp.diagnostics(uri, 1), "t-lsp-flow")
    assert diag.severity == types.DiagnosticSeverity.Error  # high
    assert "flow: line 5 → line 6 → line 7" in diag.message
    steps = [(info.location.range.start.line, info.message.split(":")[0]) for info in diag.related_information]
    assert steps == [(4, "source"), (4, "step"), (5, "step"), (6, "sink")]
    assert all(info.location.uri == uri for info in diag.related_information)


async def test_below_min_severity_is_hidden(lsp):
    uri = lsp.open("info.py", "lsp_info_call()\n")
    assert await lsp.diagnostics(uri, 1) == []


async def test_non_python_documents_get_no_diagnostics(lsp):
    uri = lsp.open("notes.yaml", "system: demo\n", language="yaml", write=False)
    assert await lsp.diagnostics(uri, 1) == []


async def test_hygiene_rules_are_quiet_in_test_files_but_flows_are_not(lsp):
    """`skip-test-code` rules (py-weak-hash) report nothing under the workspace's tests/ folder;
    a flow from untrusted input is still reported there."""
    weak = lsp.open("tests/test_hashing.py", WEAK)
    assert by_code(await lsp.diagnostics(weak, 1), "py-weak-hash") == []
    flow = lsp.open("tests/test_views.py", FLOW)
    assert [d.code for d in await lsp.diagnostics(flow, 1)]  # the lsp-flow rule still reports
    helper = lsp.open("pkg/weak_helper.py", WEAK)
    assert len(by_code(await lsp.diagnostics(helper, 1), "py-weak-hash")) == 1

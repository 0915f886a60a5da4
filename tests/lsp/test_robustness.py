"""Bad input and bad luck: unknown documents, out-of-range positions, huge/binary/invalid text,
bursts of edits and a failing analysis. Each gets a clear log line and the server keeps serving
(a client that disappears: test_lifecycle.py)."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from conftest import CLIENTS, TIMEOUT, start
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

FAULTY = [sys.executable, str(Path(__file__).with_name("faulty_server.py"))]
WEAK = 'import hashlib\nhashlib.md5(b"x")\n'


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=CLIENTS)
async def lsp(request, tmp_path_factory):
    harness = await start(request.param, tmp_path_factory.mktemp(request.param), command=FAULTY,
                          settings={"debounceMs": 50})
    yield harness
    await harness.stop()


def logged(lsp, needle: str):
    return [m for m in lsp.client.log_messages if needle in m.message]


async def still_serving(lsp, name: str) -> None:
    uri = lsp.open(name, WEAK)
    assert [d.code for d in await lsp.diagnostics(uri, 1)] == ["py-weak-hash"]


async def test_change_for_an_unknown_document(lsp):
    unknown = lsp.uri("never-opened.py")
    lsp.client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=unknown, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="x")]))
    await lsp.wait_for(lambda: logged(lsp, "which is not open: ignored"))
    await still_serving(lsp, "after-unknown.py")


async def test_out_of_range_positions(lsp):
    uri = lsp.open("range.py", "x = 1\n")
    await lsp.diagnostics(uri, 1)
    version = lsp.change(uri, (500, 7), (900, 2), WEAK)  # clamped to the end of the text
    assert [d.code for d in await lsp.diagnostics(uri, version)] == ["py-weak-hash"]
    hover = await lsp.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(10_000, 10_000)))
    assert hover is None
    actions = await lsp.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(7000, 0), end=types.Position(8000, 3)),
        context=types.CodeActionContext(diagnostics=[])))
    assert not [a for a in actions or [] if a.kind == types.CodeActionKind.QuickFix]


async def test_huge_and_binary_documents_are_skipped_with_a_reason(lsp):
    huge = lsp.open("huge.py", "x = 1\n" * 3_500_000, write=False)  # 21 MB
    binary = lsp.open("binary.py", "a\0b\0" * 10, write=False)
    assert await lsp.diagnostics(huge, 1) == []
    assert await lsp.diagnostics(binary, 1) == []
    await lsp.wait_for(lambda: logged(lsp, "huge.py: 21.0 MB is larger than the 5 MiB analysis limit"))
    await lsp.wait_for(lambda: logged(lsp, "binary.py: the text contains NUL bytes"))
    started = time.perf_counter()
    await still_serving(lsp, "after-huge.py")
    assert time.perf_counter() - started < TIMEOUT
    version = lsp.change(huge, (0, 0), (3_500_000, 0), WEAK)  # shrinks back under the limit
    assert [d.code for d in await lsp.diagnostics(huge, version)] == ["py-weak-hash"]


async def test_invalid_utf8_from_the_client(lsp):
    # Lone surrogates are what undecodable bytes become in JSON strings (e.g. surrogateescape).
    uri = lsp.open("surrogates.py", 'x = "\udcff\udc80"\n' + WEAK, write=False)
    [diag] = await lsp.diagnostics(uri, 1)
    assert diag.range.start.line == 2


async def test_burst_of_200_edits_in_a_second(lsp):
    uri = lsp.open("burst.py", "import hashlib\n")
    await lsp.diagnostics(uri, 1)
    before = lsp.publish_count(uri)
    for i in range(200):
        lsp.change(uri, (1, 0), (1, 0), f"x{i} = {i}\n")
        if i % 20 == 0:
            await asyncio.sleep(0.1)
    version = lsp.change(uri, (201, 0), (201, 0), 'h = hashlib.md5(b"x")\n')
    [diag] = await lsp.diagnostics(uri, version)
    assert diag.range.start.line == 201
    if not lsp.pull:
        assert lsp.publish_count(uri) - before < 50  # debounced and stale work dropped
    await still_serving(lsp, "after-burst.py")


async def test_a_failing_analysis_does_not_affect_other_documents(lsp):
    bad = lsp.open("explode.py", WEAK)
    good = lsp.open("fine.py", WEAK)
    assert [d.code for d in await lsp.diagnostics(good, 1)] == ["py-weak-hash"]
    await lsp.wait_for(lambda: logged(lsp, "analysing " + bad))
    [message] = logged(lsp, "analysing " + bad)
    assert "failed (RuntimeError: injected failure" in message.message
    assert message.type == types.MessageType.Error
    version = lsp.change(good, (1, 0), (2, 0), "")
    assert await lsp.diagnostics(good, version) == []

"""The helper process that runs the taint rules of large documents (threatmark.lsp.offload):
its one-range text sync, results identical to an in-process analysis across edits, recovery
when it dies, and a large document served through it end to end."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
import pytest_asyncio
from conftest import TIMEOUT, start
from lsprotocol import types
from threatmark.core.parse import Document
from threatmark.engine import Engine
from threatmark.lsp.offload import MIN_BYTES, TaintHelper, changed_range
from threatmark.model import SourceFile

FIXTURE = Path(__file__).resolve().parents[2] / "rules/python/py-sql-injection.py"
ALPHABET = "ab\n é€😀中"


def test_changed_range_is_one_range_on_character_boundaries():
    rng = random.Random(7)
    for _ in range(2000):
        old = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 30)))
        start, end = sorted(rng.randrange(0, len(old) + 1) for _ in range(2))
        new = old[:start] + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 4))) + old[end:]
        a, b = old.encode(), new.encode()
        s, old_end, new_end = changed_range(a, b)
        assert a[:s] == b[:s] and a[old_end:] == b[new_end:] and s <= old_end and s <= new_end
        assert a[:s] + b[s:new_end] + a[old_end:] == b
        b[s:new_end].decode()  # raises if the range splits a character
        a[s:old_end].decode()


def _wait_until_ready(helper: TaintHelper, source: SourceFile, engine: Engine) -> None:
    deadline = time.monotonic() + TIMEOUT
    while helper.part(source, (), engine) is None:
        assert time.monotonic() < deadline, "the helper never became ready"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.create()


def test_helper_results_equal_in_process_results_across_edits(engine):
    helper = TaintHelper(min_bytes=0)
    try:
        document = Document(SourceFile(str(FIXTURE), FIXTURE.read_text(encoding="utf-8"), "python", "file:///f.py", 1))
        _wait_until_ready(helper, document.source, engine)
        rng = random.Random(3)
        for step in range(12):
            at = rng.randrange(len(document.data))
            while document.data[at] & 0xC0 == 0x80:
                at -= 1
            document.edit(at, at + rng.choice((0, 1)), rng.choice(("#", "\n", "x", "")))
            parsed = document.snapshot()
            part = helper.part(parsed.source, (), engine)
            assert part is not None
            assert engine.analyze(parsed, taint=part).findings == engine.analyze(parsed).findings, step
    finally:
        helper.close()


def test_a_dead_helper_falls_back_and_restarts(engine):
    helper = TaintHelper(min_bytes=0)
    source = SourceFile(str(FIXTURE), FIXTURE.read_text(encoding="utf-8"), "python", "file:///f.py", 1)
    whole = engine.analyze(source).findings
    try:
        _wait_until_ready(helper, source, engine)
        for pid in list(helper._pool._processes):  # the helper dies (OOM killer, a crash)
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        part = helper.part(source, (), engine)
        assert engine.analyze(source, taint=part).findings == whole  # computed in-process instead
        _wait_until_ready(helper, source, engine)  # and a new helper takes over
        assert engine.analyze(source, taint=helper.part(source, (), engine)).findings == whole
    finally:
        helper.close()


# ---- end to end: a large document in the language server ------------------------------------

VULNERABLE = '''
@app.route("/user")
def user():
    name = request.args.get("name", "")
    return db.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
'''
PADDING = '''
def helper_{i}(values):
    total = 0
    for value in values:
        total += len(str(value)) * {i}
    return {{"total": total, "count": len(values)}}
'''


@pytest_asyncio.fixture(loop_scope="function")
async def lsp(tmp_path):
    harness = await start("visual-studio-code", tmp_path, settings={"debounceMs": 50})
    yield harness
    await harness.stop()


@pytest.mark.asyncio(loop_scope="function")
async def test_a_large_document_is_served_through_the_helper(lsp):
    head = ("import sqlite3\n\nfrom flask import Flask, request\n\n"
            "app = Flask(__name__)\ndb = sqlite3.connect('app.db')\n")
    padding = "".join(PADDING.format(i=i) for i in range(MIN_BYTES // 150))
    text = head + padding + VULNERABLE
    assert len(text) > MIN_BYTES
    uri = lsp.open("large.py", text)
    codes = [d.code for d in await lsp.diagnostics(uri, 1)]
    assert "py-sql-injection" in codes
    line = text[: text.index("name = request")].count("\n")
    version = 1
    # The edits say `import`, which may change names file-wide, so they are analysed in full (an
    # edit inside one definition would be re-analysed in-process, without the helper).
    for _ in range(40):  # edit until the helper has answered (it starts in the background)
        version = lsp.change(uri, (line, 0), (line, 0), "# import ")  # comment the source out
        assert "py-sql-injection" not in [d.code for d in await lsp.diagnostics(uri, version)]
        version = lsp.change(uri, (line, 0), (line, 9), "")
        assert "py-sql-injection" in [d.code for d in await lsp.diagnostics(uri, version)]
        if any("now run in the helper process" in m.message for m in lsp.client.log_messages):
            break
    else:
        pytest.fail("the helper never served the document")
    version = lsp.change(uri, (line, 0), (line, 0), "# import ")
    assert "py-sql-injection" not in [d.code for d in await lsp.diagnostics(uri, version)]
    lsp.client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await lsp.wait_for(lambda: any("stopped the taint helper" in m.message for m in lsp.client.log_messages))

"""Re-analysis after an edit inside one definition (threatmark.reuse) gives exactly what a full
analysis of the new text gives: checked on targeted edits and on seeded random edits of the
rule fixtures and the bundled example, with the fast path required to have run."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from threatmark.core.parse import Document
from threatmark.engine import Engine
from threatmark.model import SourceFile
from threatmark.reuse import Memo

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ["q = request.args.get('q')", "os.system(q)", "cursor.execute('SELECT ' + q)", "return q",
              "eval(request.form['c'])", "subprocess.call(q, shell=True)", "self.url = request.args['u']",
              "data = pickle.loads(q)", "hashlib.md5(q)", "pass", "q = int(q)", "return redirect(q)",
              "session['k'] = q", "y = f(", "if q:"]

APP = '''from flask import Flask, request
import os

app = Flask(__name__)


def unrelated():
    return 1


def build(name):
    return "echo " + name


@app.route("/run")
def run():
    os.system(build(request.args["n"]))


@app.route("/other")
def other():
    x = 1
    return str(x)
'''


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.create()


def _edit(document: Document, old: str, new: str) -> None:
    at = document.data.index(old.encode())
    document.edit(at, at + len(old.encode()), new)


def _same(engine: Engine, document: Document, memo: Memo) -> None:
    parsed = document.snapshot()
    got, want = engine.analyze(parsed, memo=memo), engine.analyze(parsed)
    assert got.findings == want.findings
    assert got.suppressed == want.suppressed


def test_an_edit_in_a_callee_reaches_its_callers(engine: Engine) -> None:
    document, memo = Document(SourceFile("app.py", APP)), Memo()
    first = engine.analyze(document.snapshot(), memo=memo)
    assert [f.rule_id for f in first.findings] == ["py-os-command-injection"]
    _edit(document, 'return "echo " + name', "return shlex.quote(name)")
    after = engine.analyze(document.snapshot(), memo=memo)
    assert memo.reused == 1 and after.findings == ()
    _same(engine, document, memo)
    _edit(document, "return shlex.quote(name)", 'return "echo " + name')
    _same(engine, document, memo)
    assert memo.reused == 3 and memo.full == 1  # `_same` analysed the same text once more


def test_a_line_added_above_moves_the_kept_findings(engine: Engine) -> None:
    document, memo = Document(SourceFile("app.py", APP)), Memo()
    before = engine.analyze(document.snapshot(), memo=memo).findings[0]
    _edit(document, "    return 1\n", "    # a note\n    return 1\n")
    after = engine.analyze(document.snapshot(), memo=memo).findings[0]
    assert memo.reused == 1
    assert after.span.start.line == before.span.start.line + 1
    assert after.fingerprint == before.fingerprint
    assert after.message != before.message  # the flow's line numbers moved too
    _same(engine, document, memo)


@pytest.mark.parametrize("edit", [
    ("    x = 1\n", "    import subprocess\n    x = 1\n"),   # a local import changes names file-wide
    ("    x = 1\n", "    x = build(1)\n"),                    # `build` is now called by name here too
    ("app = Flask(__name__)\n", "app = Flask(__name__)\nDEBUG = True\n"),  # module-level code
])
def test_edits_that_may_change_other_statements_analyse_in_full(engine: Engine, edit: tuple[str, str]) -> None:
    document, memo = Document(SourceFile("app.py", APP)), Memo()
    engine.analyze(document.snapshot(), memo=memo)
    _edit(document, *edit)
    _same(engine, document, memo)
    assert memo.reused == 0 and memo.full == 2


def test_a_new_call_to_a_builtin_is_re_analysed_in_part(engine: Engine) -> None:
    document, memo = Document(SourceFile("app.py", APP)), Memo()
    engine.analyze(document.snapshot(), memo=memo)
    _edit(document, "    x = 1\n", "    x = len('abc')\n")  # `len` is no function of this file
    _same(engine, document, memo)
    assert memo.reused == 1 and memo.full == 1


def _random_edit(rng: random.Random, document: Document) -> bool:
    """Insert a statement, delete a line or type/delete a character inside some function body."""
    lines = document.data.decode().split("\n")
    body = [i for i, line in enumerate(lines) if line.startswith("    ") and line.strip()]
    if not body:
        return False
    i = rng.choice(body)
    line = lines[i]
    start = len("\n".join(lines[:i]).encode()) + (1 if i else 0)
    indent = line[: len(line) - len(line.lstrip())]
    roll = rng.random()
    column = len(line[: rng.randrange(len(line))].encode())
    if roll < 0.45:
        names = re.findall(r"^\s*def (\w+)", document.data.decode(), re.M)
        statement = rng.choice(STATEMENTS + [f"{name}(q)" for name in names[:3]])
        document.edit(start, start, f"{indent}{statement}\n")
    elif roll < 0.6:
        document.edit(start, start + len(line.encode()) + 1, "")
    elif roll < 0.8:
        document.edit(start + column, start + column, rng.choice(["x", "_", "1", " ", "#"]))
    else:
        document.edit(start + column, start + column + len(line[len(line[:column]):][:1].encode()), "")
    return True


def _corpus() -> list[Path]:
    fixtures = sorted((ROOT / "rules" / "python").glob("*.py"))
    return [*fixtures[::4], *sorted((ROOT / "examples").rglob("*.py"))]


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_random_edits_match_a_full_analysis(engine: Engine, path: Path) -> None:
    rng = random.Random(path.name)
    document, memo = Document(SourceFile(str(path), path.read_text())), Memo()
    engine.analyze(document.snapshot(), memo=memo)
    edits = 0
    for _ in range(12):
        if not _random_edit(rng, document):
            break
        edits += 1
        _same(engine, document, memo)
    assert memo.reused + memo.full == edits + 1
    assert memo.reused >= edits // 4  # the fast path ran (most edits stay inside one definition)

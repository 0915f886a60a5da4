"""One request per changed unit: N on the first review, 1 after a one-function edit, 0 after that,
0 in a new process sharing the cache, and a re-review when the threat-model excerpt changes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from llm_support import API_KEY, KEY_ENV, MODEL, cache_stats, fixture_source
from scripted_llm import Reply, ScriptedLLM, issue
from threatmark.core.parse import parse
from threatmark.engine import Engine
from threatmark.llm.units import split_units
from threatmark.model import SourceFile

REPO = Path(__file__).resolve().parents[2]


def test_n_then_one_then_zero(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    units = split_units(parse(source))
    assert len(units) == 5  # 4 functions/methods + module-level code
    reviewer = make_reviewer()
    first = reviewer.review(source, engine.analyze(source).findings)
    assert len(llm.chat_requests()) == len(units) == first.requested
    assert sorted(r.unit for r in llm.chat_requests()) == sorted(u.label() for u in units)

    llm.reset()
    edited = fixture_source("app.py", source.text.replace('request.args.get("q", "")', 'request.args.get("query", "")'))
    second = reviewer.review(edited, engine.analyze(edited).findings)
    assert [r.unit for r in llm.chat_requests()] == ["search()"]
    assert (second.requested, second.cache_hits) == (1, len(units) - 1)

    llm.reset()
    third = reviewer.review(edited, engine.analyze(edited).findings)
    assert llm.chat_requests() == []
    assert (third.requested, third.cache_hits, third.status) == (0, len(units), None)


def test_comments_blank_lines_and_moves_cost_nothing(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    reviewer = make_reviewer()
    reviewer.review(source, ())
    llm.reset()
    text = source.text.replace("def search():", "def search():  # look here\n\n")
    text = "# a new header comment\n\n\n" + text.replace("    return \"ok\"", "    return \"ok\"   ")
    result = reviewer.review(fixture_source("app.py", text), ())
    assert llm.chat_requests() == [] and result.cache_hits == result.units


def test_cached_findings_follow_their_code(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")

    def answer(request):
        if request.unit == "show_invoice()":
            line = request.line_of("DB.execute")
            return {"issues": [issue(line, 'DB.execute("SELECT * FROM invoices')], "triage": []}
        return None

    llm.responder = answer
    reviewer = make_reviewer()
    first = reviewer.review(source, ())
    [found] = first.llm_findings
    assert found.span.start.line == source.text.split("\n").index(
        '    row = DB.execute("SELECT * FROM invoices WHERE id = ?", (invoice_id,)).fetchone()')
    shifted = fixture_source("app.py", "# header\n\n\n" + source.text.replace(
        "    # any logged-in user", "    # note\n    # any logged-in user"))
    again = reviewer.review(shifted, ())
    [moved] = again.llm_findings
    assert again.requested == 0
    moved_line = shifted.text.split("\n")[moved.span.start.line]
    assert moved_line.strip().startswith('row = DB.execute("SELECT * FROM invoices')
    assert moved.fingerprint == found.fingerprint


def test_threat_model_excerpt_change_rereviews_only_covered_units(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    excerpts = {"show_invoice": "entry point: /invoice/<id>, users must only see their own invoices"}
    reviewer = make_reviewer()
    reviewer.review(source, (), excerpt=lambda unit: excerpts.get(unit.name, ""))
    request = next(r for r in llm.chat_requests() if r.unit == "show_invoice()")
    assert "users must only see their own invoices" in request.user
    llm.reset()
    excerpts["show_invoice"] = "entry point: /invoice/<id>, public: anyone may read any invoice (accepted risk)"
    reviewer.review(source, (), excerpt=lambda unit: excerpts.get(unit.name, ""))
    assert [r.unit for r in llm.chat_requests()] == ["show_invoice()"]
    llm.reset()
    reviewer.review(source, (), excerpt="a file-wide excerpt")  # every unit's excerpt changed
    assert len(llm.chat_requests()) == 5


def test_new_process_scan_hits_the_cache(make_reviewer, llm: ScriptedLLM, cache_home: Path) -> None:
    rules = Path(__file__).parent / "fixtures" / "rules"  # a fixed rule set: its version is in the cache key
    engine = Engine.create((rules,), builtin=False)
    source = fixture_source("app.py")
    make_reviewer(rules_version=engine.version).review(source, engine.analyze(source).findings)
    assert len(llm.chat_requests()) == 5
    llm.reset()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "OPENAI_BASE_URL": llm.url,
           "THREATMARK_LLM_MODEL": MODEL, KEY_ENV: API_KEY}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run([sys.executable, "-m", "threatmark", "scan", "--llm", "--llm-api-key-env", KEY_ENV,
                           "--no-builtin-rules", "--rules", str(rules), "--format", "json", source.path],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert done.returncode == 1, done.stderr  # the SQL injection rule finding
    assert llm.chat_requests() == []
    assert "0 request(s), 5 from cache" in done.stderr
    assert '"tl-sql"' in done.stdout
    assert API_KEY not in done.stdout + done.stderr


def test_cache_directory_is_private_and_in_xdg_cache_home(make_reviewer, cache_home: Path, engine) -> None:
    make_reviewer().review(fixture_source("app.py"), ())
    directory = cache_home / "threatmark" / "llm"
    assert directory.is_dir()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_home / "threatmark").stat().st_mode) == 0o700
    numbers = cache_stats(cache_home)
    assert numbers["requests"] == 5 and numbers["units_reviewed"] == 5 and numbers["prompt_tokens"] > 0


def test_corrupted_cache_is_rebuilt_not_fatal(make_reviewer, llm: ScriptedLLM, cache_home: Path, engine) -> None:
    source = fixture_source("app.py")
    make_reviewer().review(source, ())
    directory = cache_home / "threatmark" / "llm"
    for path in directory.iterdir():
        if path.is_file():
            path.write_bytes(b"this is not a database\x00" * 64)
    llm.reset()
    result = make_reviewer().review(source, engine.analyze(source).findings)  # opens the damaged cache
    assert result.requested == 5 and result.failed == 0
    llm.reset()
    assert make_reviewer().review(source, ()).requested == 0  # rebuilt cache works


def test_cache_corrupted_while_open(make_reviewer, llm: ScriptedLLM, cache_home: Path, engine) -> None:
    source = fixture_source("app.py")
    reviewer = make_reviewer()
    reviewer.review(source, ())
    for path in (cache_home / "threatmark" / "llm").iterdir():
        if path.is_file():
            path.write_bytes(b"garbage" * 500)
    result = reviewer.review(fixture_source("app.py", source.text + "\n\ndef extra():\n    return 1\n"), ())
    assert result.failed == 0 and len(result.findings) == 0
    assert result.units == 6


def test_structured_output_mode_is_discovered_once_and_remembered(make_reviewer, engine) -> None:
    with ScriptedLLM(reject_modes={"json_schema"}) as llama_like:
        make_reviewer(llama_like).review(fixture_source("app.py"), ())
        modes = [r.mode for r in llama_like.chat_requests()]
        assert modes == ["json_schema", "json_object", "json_object", "json_object", "json_object", "json_object"]
        llama_like.reset()
        edited = fixture_source("app.py", fixture_source("app.py").text.replace('"ok"', '"done"'))
        make_reviewer(llama_like).review(edited, ())  # a new reviewer (new process) remembers the mode
        assert [r.mode for r in llama_like.chat_requests()] == ["json_object"]
    with ScriptedLLM(reject_modes={"json_schema", "json_object"}) as tools_only:
        tools_only.script.extend([Reply(), Reply(), Reply({"issues": [], "triage": []})])
        result = make_reviewer(tools_only).review(fixture_source("app.py", "def f(x):\n    return x\n"), ())
        assert [r.mode for r in tools_only.chat_requests()] == ["json_schema", "json_object", "tool"]
        assert result.failed == 0 and result.requested == 1


THREAT_MODEL = """version: 1
system: {name: invoices, description: Invoice viewer}
entry_points:
  - id: invoices
    description: Users read their own invoices only
    kind: http
    exposure: internet
    authentication: true
    covers: {functions: ["show_invoice"]}
  - id: search
    description: Public search
    kind: http
    exposure: internet
    authentication: false
    covers: {functions: ["search"]}
"""


def test_real_threat_model_entry_change_rereviews_the_covered_unit(make_reviewer, llm: ScriptedLLM,
                                                                   tmp_path: Path) -> None:
    from threatmark.llm.threat_context import excerpt_for
    from threatmark.threat import ThreatRanker, load_threat_model

    (tmp_path / "app.py").write_text(fixture_source("app.py").text)
    model_file = tmp_path / "threatmodel.yaml"
    model_file.write_text(THREAT_MODEL)
    source = SourceFile(str(tmp_path / "app.py"), fixture_source("app.py").text)
    reviewer = make_reviewer()
    reviewer.review(source, (), excerpt_for(ThreatRanker(load_threat_model(model_file)), source))
    assert len(llm.chat_requests()) == 5
    invoice = next(r for r in llm.chat_requests() if r.unit == "show_invoice()")
    assert "Users read their own invoices only" in invoice.user
    llm.reset()
    model_file.write_text(THREAT_MODEL.replace("Users read their own invoices only", "Staff read every invoice"))
    reviewer.review(source, (), excerpt_for(ThreatRanker(load_threat_model(model_file)), source))
    assert [r.unit for r in llm.chat_requests()] == ["show_invoice()"]
    assert "Staff read every invoice" in llm.chat_requests()[0].user

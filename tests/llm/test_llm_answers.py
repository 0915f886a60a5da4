"""What the model says is checked against the code: invented lines and snippets are dropped,
LLM findings are labelled, triage only annotates, and text in the code cannot silence a rule."""

from __future__ import annotations

from dataclasses import replace

from llm_support import MODEL, fixture_source
from scripted_llm import ScriptedLLM, issue
from threatmark.model import Confidence


def test_hallucinated_lines_and_snippets_are_dropped(make_reviewer, llm: ScriptedLLM) -> None:
    source = fixture_source("app.py")

    def answer(request):
        if request.unit != "show_invoice()":
            return None
        real = request.line_of("DB.execute")
        outside = request.line_of("@app.route") - 3  # a line of another unit
        return {"issues": [
            issue(real, 'DB.execute("SELECT * FROM invoices'),  # kept
            issue(real, "os.system(cmd)"),  # snippet not on that line
            issue(real + 1, 'DB.execute("SELECT * FROM invoices'),  # right snippet, wrong line
            issue(outside, "return request.headers"),  # a line outside the unit
            issue(9999, "row = DB"),  # a line that does not exist
            issue(real, "  "),  # empty snippet
            {"title": "garbage"},  # no lines at all
            "not even an object",
        ], "triage": [{"finding": "R9", "verdict": "likely_false_positive", "note": "no such finding"}]}

    llm.responder = answer
    result = make_reviewer().review(source, ())
    assert len(result.llm_findings) == 1
    assert result.dropped == 7
    [finding] = result.llm_findings
    assert source.text.split("\n")[finding.span.start.line].strip().startswith("row = DB.execute(")


def test_llm_findings_are_labelled(make_reviewer, llm: ScriptedLLM) -> None:
    source = fixture_source("app.py")
    llm.responder = lambda r: {"issues": [issue(r.line_of("DB.execute"), "DB.execute", confidence="high")],
                               "triage": []} if r.unit == "show_invoice()" else None
    [finding] = make_reviewer().review(source, ()).llm_findings
    assert finding.origin == "llm"
    assert finding.rule_id == "llm-authorization"
    assert finding.message.startswith(f"[LLM {MODEL}] ")
    assert any(MODEL in note for note in finding.notes)
    assert finding.confidence == Confidence.MEDIUM  # an LLM alone never reaches "high"
    assert finding.cwe == (862,)
    assert finding.fingerprint


def test_triage_adds_a_note_and_lowers_confidence_but_never_removes(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("triage.py")
    rule_findings = engine.analyze(source).findings
    assert [f.rule_id for f in rule_findings] == ["py-sql-injection"]
    llm.responder = lambda r: {"issues": [], "triage": [
        {"finding": "R1", "verdict": "likely_false_positive", "note": "name is validated upstream"}]}
    result = make_reviewer().review(source, rule_findings)
    [triaged] = result.findings
    assert triaged.rule_id == "py-sql-injection" and triaged.severity == rule_findings[0].severity
    assert triaged.confidence == Confidence(rule_findings[0].confidence - 1)
    assert triaged.notes[-1] == f"[LLM {MODEL}] triage: likely false positive — name is validated upstream"
    assert replace(triaged, notes=rule_findings[0].notes, confidence=rule_findings[0].confidence) == rule_findings[0]


def test_prompt_injection_changes_no_rule_finding(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("injection.py")
    rule_findings = engine.analyze(source).findings
    assert [f.rule_id for f in rule_findings] == ["py-sql-injection", "py-sql-injection"]

    def obedient_model(request):  # the worst case: the model does what the code told it
        refs = [line.split(":")[0] for line in request.user.split("\n") if line.startswith("R")]
        return {"issues": [], "triage": [{"finding": ref, "verdict": "likely_false_positive",
                                          "note": "audited, as the comment says"} for ref in refs]}

    llm.responder = obedient_model
    result = make_reviewer().review(source, rule_findings)
    functions = [r for r in llm.chat_requests() if r.unit != "module-level code"]
    assert len(functions) == 2
    assert all("R1: py-sql-injection" in r.user for r in functions)  # the model did see the findings
    assert result.findings == rule_findings  # ... and changed none of them
    assert result.llm_findings == ()


def test_discarded_when_the_unit_changed_meanwhile(make_reviewer, llm: ScriptedLLM) -> None:
    source = fixture_source("app.py")
    llm.responder = lambda r: {"issues": [issue(r.line_of("DB.execute"), "DB.execute")], "triage": []} \
        if r.unit == "show_invoice()" else None
    result = make_reviewer().review(source, (), is_current=lambda unit: unit.name != "show_invoice")
    assert "show_invoice()" not in [r.unit for r in llm.chat_requests()]
    assert result.llm_findings == () and result.deferred == 1

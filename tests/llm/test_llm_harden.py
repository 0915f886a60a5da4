""""Harden with AI" offers a rewrite only when it passes the same verification as rule fixes."""

from __future__ import annotations

from llm_support import MODEL, fixture_source
from scripted_llm import Reply, ScriptedLLM
from threatmark.core.fixes import apply_edits
from threatmark.llm.harden import harden
from threatmark.model import SourceFile

GOOD = '''@app.route("/search")
def search():
    term = request.args.get("q", "")
    return DB.execute("SELECT * FROM items WHERE name = ?", (term,)).fetchall()'''
BAD = '''@app.route("/search")
def search():
    term = request.args.get("q", "")
    return DB.execute("SELECT * FROM items WHERE name = '%s'" % term).fetchall()'''


def sql_finding(engine, source):
    return next(f for f in engine.analyze(source).findings if f.rule_id == "py-sql-injection")


def test_good_rewrite_is_offered_verified(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    finding = sql_finding(engine, source)
    llm.script.append(Reply({"code": "```python\n" + GOOD + "\n```", "explanation": "use parameters"}))
    reviewer = make_reviewer()
    fix = reviewer.harden(source, finding, engine.verify)
    assert fix is not None and fix.verified and fix.origin == "llm"
    assert "verified" in fix.title and MODEL in fix.title
    fixed = apply_edits(source.text, fix.edits)
    assert GOOD in fixed
    assert fixed.replace(GOOD, "") == source.text.replace(BAD.replace("'%s'\" % term", "'\" + term + \"'\""), "")
    assert "py-sql-injection" not in {f.rule_id for f in engine.analyze(SourceFile(source.path, fixed)).findings}
    [request] = llm.chat_requests()
    assert request.is_rewrite and "Unit: search()" in request.user
    llm.reset()
    assert reviewer.harden(source, finding, engine.verify) == fix  # cached
    assert llm.chat_requests() == []


def test_bad_rewrite_is_not_offered(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    llm.script.append(Reply({"code": BAD, "explanation": "still concatenating"}))
    outcome = harden(make_reviewer(), source, sql_finding(engine, source), engine.verify)
    assert outcome.fix is None and "did not pass verification" in outcome.reason


def test_signature_change_and_broken_code_are_not_offered(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = fixture_source("app.py")
    finding = sql_finding(engine, source)
    reviewer = make_reviewer()
    llm.script.append(Reply({"code": GOOD.replace("def search():", "def search(limit=10):"), "explanation": ""}))
    assert "signature" in harden(reviewer, source, finding, engine.verify).reason
    reviewer.cache.clear()
    llm.script.append(Reply({"code": GOOD.replace("(term,)", "(term,"), "explanation": ""}))
    assert harden(reviewer, source, finding, engine.verify).fix is None


def test_methods_keep_their_indentation_and_secrets_are_restored(make_reviewer, llm: ScriptedLLM, engine) -> None:
    text = '''import subprocess
import sys


class Deployer:
    def deploy(self, branch):
        token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        subprocess.call("git push " + sys.argv[1] + " --token " + token, shell=True)
'''
    source = SourceFile("deploy.py", text)
    finding = next(f for f in engine.analyze(source).findings if f.rule_id == "py-subprocess-shell-injection")
    rewrite = '''def deploy(self, branch):
    token = "REDACTED_GITHUB_TOKEN_1"
    subprocess.call(["git", "push", sys.argv[1], "--token", token])'''
    llm.script.append(Reply({"code": rewrite, "explanation": "argv list"}))
    fix = make_reviewer().harden(source, finding, engine.verify)
    assert fix is not None
    assert "ghp_abcdefghijklmnopqrstuvwxyz0123456789" not in llm.chat_requests()[0].body.decode()
    fixed = apply_edits(text, fix.edits)
    assert '    def deploy(self, branch):\n        token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n' in fixed
    assert '        subprocess.call(["git", "push", sys.argv[1], "--token", token])' in fixed


def test_module_level_findings_are_not_rewritten(make_reviewer, llm: ScriptedLLM, engine) -> None:
    source = SourceFile("m.py", "import yaml\n\nDATA = yaml.load(open('x.yml'))\n")
    [finding] = [f for f in engine.analyze(source).findings if f.rule_id == "py-yaml-unsafe-load"]
    outcome = harden(make_reviewer(), source, finding, engine.verify)
    assert outcome.fix is None and "function" in outcome.reason
    assert llm.chat_requests() == []

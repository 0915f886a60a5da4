"""Rule loading: invalid rules are reported with file, line, field and reason and skipped;
the others still load; import aliases resolve before matching."""

from __future__ import annotations

from pathlib import Path

from threatmark.core.rules import load_rules
from threatmark.engine import Engine
from threatmark.model import SourceFile

GOOD = """id: good-rule
message: "weak hash"
severity: low
confidence: high
cwe: [328]
owasp: ["A02:2021-Cryptographic Failures"]
docs: {why: a, fix: b}
pattern:
  - call: hashlib.md5
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text)


def test_invalid_rules_are_located_and_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good-rule.yaml", GOOD)
    write(tmp_path, "bad-field.yaml", GOOD.replace("good-rule", "bad-field").replace("severity: low", "severity: huge"))
    write(tmp_path, "wrong-name.yaml", GOOD)
    write(tmp_path, "bad-yaml.yaml", "id: [unclosed\n")
    write(tmp_path, "bad-query.yaml", GOOD.replace("good-rule", "bad-query").replace(
        "  - call: hashlib.md5", "  - query: \"(call function: (nonsense_node) @x)\""))
    ruleset = load_rules((tmp_path,), builtin=False)
    assert [r.id for r in ruleset.rules] == ["good-rule"]
    problems = {Path(p.path).name: p for p in ruleset.problems}
    assert set(problems) == {"bad-field.yaml", "wrong-name.yaml", "bad-yaml.yaml", "bad-query.yaml"}
    assert problems["bad-field.yaml"].field == "severity" and problems["bad-field.yaml"].line == 2
    assert "huge" in problems["bad-field.yaml"].message
    assert "file name" in problems["wrong-name.yaml"].message
    assert problems["bad-yaml.yaml"].line is not None
    assert problems["bad-query.yaml"].field == "pattern[0].query"


def test_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    ruleset = load_rules((tmp_path / "nope",), builtin=False)
    assert ruleset.rules == () and "does not exist" in ruleset.problems[0].message


def test_import_aliases_resolve(tmp_path: Path) -> None:
    write(tmp_path, "good-rule.yaml", GOOD)
    engine = Engine.create((tmp_path,), builtin=False)
    code = "import hashlib\nfrom hashlib import md5 as h\nimport hashlib as hl\nh(b'1')\nhl.md5(b'2')\nmd5(b'3')\n"
    lines = [f.span.start.line for f in engine.analyze(SourceFile("a.py", code)).findings]
    assert lines == [3, 4]


def test_an_ungated_query_with_our_own_predicate_still_runs_its_predicate(tmp_path: Path) -> None:
    """A pattern with no word to gate on joins the whole-file pass; the pass then needs the
    predicate callback, which is otherwise left out (it slows every match)."""
    from threatmark.core.prefilter import custom_predicates

    query = '((call function: (_) @f) @report (#not-qualname? @f "*.safe"))'
    rule = GOOD.replace("  - call: hashlib.md5", f"  - query: '{query}'")
    write(tmp_path, "good-rule.yaml", rule)
    engine = Engine.create((tmp_path,), builtin=False)
    assert engine.compiled.base_custom
    lines = [f.span.start.line for f in engine.analyze(SourceFile("a.py", "x.safe()\ndanger()\n")).findings]
    assert lines == [1]
    assert custom_predicates('((call) @c (#qualname? @c "os.system"))')
    assert not custom_predicates('((identifier) @x (#eq? @x "DEBUG") (#match? @x "^D"))')

"""Rule fixtures: compare `# ruleid:` / `# ok:` annotations with what the engine finds, and
check that applying every verified fix reproduces the `.fixed` file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from threatmark.core.fixes import apply_edits
from threatmark.core.rules import Rule
from threatmark.engine import Engine
from threatmark.model import SourceFile

_ANNOTATION = re.compile(r"#\s*(ruleid|ok|todoruleid|todook):\s*([\w\-, ]+)")


@dataclass
class FixtureResult:
    """Expected vs found lines (1-based) for one rule's fixture."""

    rule_id: str
    fixture: str
    expected: set[int] = field(default_factory=set)
    ok: set[int] = field(default_factory=set)
    found: set[int] = field(default_factory=set)
    todo: set[int] = field(default_factory=set)
    fix_problem: str = ""
    error: str = ""

    @property
    def missed(self) -> set[int]:
        return self.expected - self.found

    @property
    def unexpected(self) -> set[int]:
        return self.found - self.expected - self.todo

    @property
    def passed(self) -> bool:
        return not (self.missed or self.unexpected or self.fix_problem or self.error)


def fixture_for(rule: Rule) -> Path | None:
    """The fixture beside a rule file (`<id>.py`), if it exists."""
    path = Path(rule.path).with_suffix(".py")
    return path if path.is_file() else None


def annotations(text: str, rule_id: str) -> tuple[set[int], set[int], set[int]]:
    """(lines that must match, lines that must not, known-gap lines) for one rule id."""
    expected: set[int] = set()
    ok: set[int] = set()
    todo: set[int] = set()
    pending: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        m = _ANNOTATION.search(line)
        if m and stripped.startswith("#"):
            ids = [i.strip() for i in m.group(2).split(",")]
            if rule_id in ids:
                pending.append(m.group(1))
            continue
        if not stripped or stripped.startswith("#"):
            continue
        for kind in pending:
            {"ruleid": expected, "ok": ok, "todoruleid": todo, "todook": todo}[kind].add(number)
        pending = []
    return expected, ok, todo


def run_fixture(engine: Engine, rule: Rule) -> FixtureResult:
    """Analyse a rule's fixture with the full engine and compare lines for that rule."""
    path = fixture_for(rule)
    result = FixtureResult(rule.id, str(path) if path else "")
    if path is None:
        result.error = "no fixture beside the rule"
        return result
    text = path.read_text(encoding="utf-8")
    result.expected, result.ok, result.todo = annotations(text, rule.id)
    if not result.expected:
        result.error = "fixture has no `# ruleid:` annotation"
    source = SourceFile(str(path), text)
    analysis = engine.analyze(source)
    mine = [f for f in analysis.findings if f.rule_id == rule.id]
    result.found = {f.span.start.line + 1 for f in mine}
    result.fix_problem = _check_fixed(engine, source, mine, path)
    return result


def _check_fixed(engine: Engine, source: SourceFile, findings: list, path: Path) -> str:
    fixed_path = path.with_name(path.stem + ".fixed.py")
    edits = []
    unverified = 0
    for finding in findings:
        if not finding.fixes:
            continue
        verified = engine.verified_fixes(source, finding)
        if verified:
            edits.extend(verified[0].edits)
        else:
            unverified += 1
    if not fixed_path.is_file():
        return "the rule has fixes but no .fixed.py file" if edits else ""
    if unverified:
        return f"{unverified} fix(es) failed verification"
    produced = apply_edits(source.text, edits)
    if produced != fixed_path.read_text(encoding="utf-8"):
        return f"applying the fixes does not reproduce {fixed_path.name}"
    return ""


def format_result(result: FixtureResult) -> str:
    """One line per rule: PASS/FAIL with expected vs found."""
    status = "PASS" if result.passed else "FAIL"
    parts = [f"{status} {result.rule_id}: expected {len(result.expected)}, found {len(result.found)}"]
    if result.missed:
        parts.append(f"missed lines {sorted(result.missed)}")
    if result.unexpected:
        parts.append(f"unexpected lines {sorted(result.unexpected)}")
    if result.todo:
        parts.append(f"known gaps {sorted(result.todo)}")
    if result.fix_problem:
        parts.append(result.fix_problem)
    if result.error:
        parts.append(result.error)
    return "; ".join(parts)

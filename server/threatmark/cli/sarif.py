"""SARIF 2.1.0 output: rules with CWE tags and security-severity, results with fingerprints,
code flows for taint findings, verified fixes, and threat-model context in properties."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from threatmark import __version__
from threatmark.core.rules import Rule
from threatmark.model import Finding, Problem, Severity, Span

_LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
          Severity.LOW: "note", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _region(span: Span, snippet: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": span.start.line + 1, "startColumn": span.start.column + 1,
        "endLine": span.end.line + 1, "endColumn": span.end.column + 1,
    }
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _location(path: str, span: Span, message: str | None = None, snippet: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": _region(span, snippet)}}
    if message:
        location["message"] = {"text": message}
    return location


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    why, fix = rule.docs.get("why", ""), rule.docs.get("fix", "")
    refs = "\n".join(f"- {r}" for r in rule.docs.get("references", ()))
    tags = ["security", *(f"external/cwe/cwe-{c}" for c in rule.cwe), *rule.owasp, *rule.tags]
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": re.sub(r"\{(\w+)\}", r"<\1>", rule.message)},
        "fullDescription": {"text": why},
        "help": {"text": f"{why}\n\nHow to fix: {fix}", "markdown": f"{why}\n\n**How to fix:** {fix}\n\n{refs}"},
        "helpUri": rule.docs_url or "https://cwe.mitre.org/",
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": tags, "security-severity": f"{rule.severity.security_score:.1f}",
                       "precision": {3: "high", 2: "medium", 1: "low"}[int(rule.confidence)]},
    }


def _result(f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.path, f.span, snippet=f.snippet)],
        "partialFingerprints": {"threatmark/v1": f.fingerprint},
        "properties": {"security-severity": f"{f.severity.security_score:.1f}", "severity": f.severity.label,
                       "confidence": f.confidence.label, "origin": f.origin,
                       "cwe": [f"CWE-{c}" for c in f.cwe], "owasp": list(f.owasp)},
    }
    if f.rule_id in rule_index:
        result["ruleIndex"] = rule_index[f.rule_id]
    if f.trace:
        steps = [{"location": _location(f.path, s.span, s.note), "kinds": [s.kind]} for s in f.trace]
        result["codeFlows"] = [{"threadFlows": [{"locations": steps}]}]
    if f.fixes:
        result["fixes"] = [_fix(f, fix) for fix in f.fixes if fix.verified]
    if f.threat is not None:
        result["properties"]["threatModel"] = {
            "summary": f.threat.summary, "entryPoints": list(f.threat.entry_points), "assets": list(f.threat.assets),
            "baseSeverity": f.threat.base_severity.label if f.threat.base_severity else None}
    if f.notes:
        result["properties"]["notes"] = list(f.notes)
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": f.suppression_kind, "justification": f.suppressed}]
    return result


def _fix(finding: Finding, fix: Any) -> dict[str, Any]:
    replacements = [{"deletedRegion": {"byteOffset": e.start, "byteLength": e.end - e.start},
                     "insertedContent": {"text": e.text}} for e in fix.edits]
    return {"description": {"text": fix.title},
            "artifactChanges": [{"artifactLocation": {"uri": _uri(finding.path)}, "replacements": replacements}]}


def _notification(problem: Problem) -> dict[str, Any]:
    """A tool notification for a problem (invalid rule, threat-model error, skipped file), located."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(problem.path)}}
    if problem.line is not None:
        physical["region"] = {"startLine": problem.line + 1}
    text = f"[{problem.field}] {problem.message}" if problem.field else problem.message
    return {"level": "error" if problem.level == "error" else "warning", "message": {"text": text},
            "locations": [{"physicalLocation": physical}]}


def sarif_report(findings: list[Finding], problems: list[Problem], rules: tuple[Rule, ...],
                 suppressed: list[Finding] = ()) -> str:
    """The whole SARIF log as a JSON string."""
    used = sorted({f.rule_id for f in [*findings, *suppressed]})
    by_id = {r.id: r for r in rules}
    descriptors = [_rule_descriptor(by_id[i]) for i in used if i in by_id]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    notifications = [_notification(p) for p in problems]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "threatmark", "version": __version__,
                                "informationUri": "https://github.com/threatmark/threatmark", "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index) for f in [*findings, *suppressed]],
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(log, indent=2) + "\n"

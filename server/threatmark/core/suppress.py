"""Inline suppressions: `# threatmark: ignore[rule-id, other-id] -- reason`.

A suppression applies to findings that start on its own line or on the next line. One without
a reason, or naming an unknown rule id, is itself reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from threatmark.core.parse import ParsedFile
from threatmark.model import Confidence, Finding, Severity

_COMMENT = re.compile(rb"#\s*threatmark:\s*ignore(?:\[([^\]\n]*)\])?([^\n]*)")
MISSING_REASON = "threatmark-suppression-without-reason"
UNKNOWN_RULE = "threatmark-suppression-unknown-rule"
META_RULES = (MISSING_REASON, UNKNOWN_RULE)
# rule ids merged into another rule: suppressions written for the old id keep working
RETIRED_IDS = {"py-trust-boundary-session-assign": "py-trust-boundary-session"}


@dataclass(frozen=True)
class Suppression:
    line: int
    rule_ids: tuple[str, ...]  # empty = every rule
    reason: str
    start: int
    end: int


def find_suppressions(parsed: ParsedFile) -> list[Suppression]:
    """Every suppression comment in the file (looked up by regex, then confirmed as a comment)."""
    found = []
    for m in _COMMENT.finditer(parsed.data):
        node = parsed.tree.root_node.descendant_for_byte_range(m.start(), m.start() + 1)
        if node is None or node.type != "comment":
            continue
        ids = tuple(i.strip() for i in (m.group(1) or b"").decode("utf-8", "replace").split(",") if i.strip())
        rest = m.group(2).decode("utf-8", "replace").strip()
        reason = rest[2:].strip() if rest.startswith("--") else ""
        found.append(Suppression(parsed.lines.position(m.start()).line, ids, reason, m.start(), m.end()))
    return found


def apply_suppressions(
    findings: list[Finding], parsed: ParsedFile, known_ids: set[str]
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Split findings into (kept, suppressed) and report problems with the comments themselves."""
    suppressions = find_suppressions(parsed)
    if not suppressions:
        return findings, [], []
    by_line: dict[int, list[Suppression]] = {}
    for s in suppressions:
        by_line.setdefault(s.line, []).append(s)
        by_line.setdefault(s.line + 1, []).append(s)
    kept, suppressed = [], []
    for finding in findings:
        match = next((s for s in by_line.get(finding.span.start.line, ()) if _covers(s, finding.rule_id)), None)
        if match is None:
            kept.append(finding)
        else:
            suppressed.append(replace(finding, suppressed=match.reason or "(no reason given)"))
    return kept, suppressed, _meta_findings(suppressions, parsed, known_ids)


def _covers(suppression: Suppression, rule_id: str) -> bool:
    return not suppression.rule_ids or any(RETIRED_IDS.get(i, i) == rule_id for i in suppression.rule_ids)


def _meta_findings(suppressions: list[Suppression], parsed: ParsedFile, known_ids: set[str]) -> list[Finding]:
    out = []
    for s in suppressions:
        span = parsed.lines.span(s.start, s.end)
        if not s.reason:
            out.append(_meta(MISSING_REASON, "Suppression without a reason: add `-- why this is safe`", span, parsed))
        for rule_id in s.rule_ids:
            if rule_id not in known_ids and RETIRED_IDS.get(rule_id) not in known_ids:
                out.append(_meta(UNKNOWN_RULE, f"Suppression names unknown rule id `{rule_id}`", span, parsed))
    return out


def _meta(rule_id: str, message: str, span, parsed: ParsedFile) -> Finding:
    return Finding(rule_id=rule_id, path=parsed.source.path, span=span, message=message, severity=Severity.LOW,
                   confidence=Confidence.HIGH, origin="engine",
                   snippet=parsed.lines.line_text(span.start.line).strip(),
                   fingerprint=f"{rule_id}:{span.start.line}")

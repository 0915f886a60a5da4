"""Text and JSON reporters for scan results."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from threatmark.model import Finding, Problem


def text_report(findings: list[Finding], problems: list[Problem], files: int, suppressed: list[Finding]) -> str:
    """Human-readable report: one block per finding with its taint trace, then a summary."""
    lines: list[str] = []
    for f in findings:
        where = f"{f.path}:{f.span.start.line + 1}:{f.span.start.column + 1}"
        origin = "" if f.origin == "rule" else f" [{f.origin}]"
        lines.append(f"{where}: {f.severity.label}: {f.rule_id}{origin}: {f.message}")
        if f.snippet:
            lines.append(f"    {f.snippet}")
        if f.threat is not None and f.threat.summary:
            lines.append(f"    why it matters here: {f.threat.summary}")
        for step in f.trace:
            lines.append(f"      {step.kind:>6} line {step.span.start.line + 1}: {step.note}")
        if f.fixes:
            lines.append(f"    fix available: {f.fixes[0].title}")
    for f in suppressed:
        lines.append(f"{f.path}:{f.span.start.line + 1}: suppressed {f.rule_id}: {f.suppressed}")
    for p in problems:
        lines.append(f"{p}")
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity.label] = counts.get(f.severity.label, 0) + 1
    summary = ", ".join(f"{n} {level}" for level, n in sorted(counts.items()))
    lines.append(f"{len(findings)} finding(s) in {files} file(s)" + (f" ({summary})" if summary else ""))
    return "\n".join(lines) + "\n"


def finding_dict(f: Finding) -> dict[str, Any]:
    """A JSON-ready dict of a finding (enums as names, spans 1-based for humans too)."""
    data = asdict(f)
    data["severity"] = f.severity.label
    data["confidence"] = f.confidence.label
    data["line"] = f.span.start.line + 1
    data["column"] = f.span.start.column + 1
    if f.threat is not None and f.threat.base_severity is not None:
        data["threat"]["base_severity"] = f.threat.base_severity.label
    return data


def json_report(findings: list[Finding], problems: list[Problem], files: int, suppressed: list[Finding]) -> str:
    return json.dumps(
        {
            "version": 1,
            "files_scanned": files,
            "findings": [finding_dict(f) for f in findings],
            "suppressed": [finding_dict(f) for f in suppressed],
            "problems": [asdict(p) for p in problems],
        },
        indent=2,
    ) + "\n"

"""Finding → LSP Diagnostic (pure: no server state)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types

from threatmark.core.findings import trace_summary
from threatmark.core.suppress import META_RULES, UNKNOWN_RULE
from threatmark.lsp.positions import TextBuffer
from threatmark.lsp.protocol import DIAGNOSTIC_SOURCE
from threatmark.model import Finding, Severity

_SEVERITY = {
    Severity.CRITICAL: types.DiagnosticSeverity.Error,
    Severity.HIGH: types.DiagnosticSeverity.Error,
    Severity.MEDIUM: types.DiagnosticSeverity.Warning,
    Severity.LOW: types.DiagnosticSeverity.Information,
    Severity.INFO: types.DiagnosticSeverity.Hint,
}
_OWASP = re.compile(r"^(A\d\d):(\d{4})-(.+)$")


def lsp_severity(severity: Severity) -> types.DiagnosticSeverity:
    """critical/high → Error, medium → Warning, low → Information, info → Hint."""
    return _SEVERITY[severity]


def cwe_url(cwe: int) -> str:
    return f"https://cwe.mitre.org/data/definitions/{cwe}.html"


def owasp_url(tag: str) -> str | None:
    """`A03:2021-Injection` → the OWASP Top 10 page for it (None when the tag has another form)."""
    m = _OWASP.match(tag.strip())
    if m is None:
        return None
    return f"https://owasp.org/Top10/{m.group(1)}_{m.group(2)}-{m.group(3).replace(' ', '_')}/"


def visible(findings: Iterable[Finding], min_severity: Severity) -> list[Finding]:
    """Findings at or above the minimum severity (suppression problems are always shown)."""
    return [f for f in findings if f.severity >= min_severity or f.rule_id in META_RULES]


def finding_key(finding: Finding) -> str:
    """Identifies a finding within one analysed version (fingerprint + where it starts)."""
    return f"{finding.fingerprint}@{finding.span.start.offset}"


def message_of(finding: Finding) -> str:
    """The finding's message, with the flow summarised and the threat-model reason added."""
    message = finding.message
    if len(finding.trace) > 1 and "(flow:" not in message:
        message += f" (flow: {trace_summary(finding.trace)})"
    if finding.threat is not None and finding.threat.summary:
        message += f" — {finding.threat.summary}"
    return message


def to_diagnostic(finding: Finding, buffer: TextBuffer, uri: str, related: bool = True) -> types.Diagnostic:
    """One Diagnostic; `buffer` must hold the exact text the finding was computed on."""
    href = finding.docs_url or (cwe_url(finding.cwe[0]) if finding.cwe else "")
    return types.Diagnostic(
        range=buffer.range(finding.span.start.offset, finding.span.end.offset),
        message=message_of(finding),
        severity=lsp_severity(finding.severity),
        code=finding.rule_id,
        code_description=types.CodeDescription(href=href) if href else None,
        source=DIAGNOSTIC_SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if finding.rule_id == UNKNOWN_RULE else None,
        related_information=_related(finding, buffer, uri) or None if related else None,
        data={
            "ruleId": finding.rule_id,
            "fingerprint": finding.fingerprint,
            "origin": finding.origin,
            "confidence": finding.confidence.label,
            "severity": finding.severity.label,
            "fixes": [fix.title for fix in finding.fixes],
            "key": finding_key(finding),
        },
    )


def _related(finding: Finding, buffer: TextBuffer, uri: str) -> list[types.DiagnosticRelatedInformation]:
    out = []
    if len(finding.trace) > 1:
        for step in finding.trace:
            where = types.Location(uri=uri, range=buffer.range(step.span.start.offset, step.span.end.offset))
            out.append(types.DiagnosticRelatedInformation(location=where, message=f"{step.kind}: {step.note}"))
    if finding.threat is not None:
        for path, line in finding.threat.references:
            target = Path(path)
            if not target.is_absolute():
                continue
            span = types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0))
            why = finding.threat.summary or "threat model entry"
            out.append(types.DiagnosticRelatedInformation(types.Location(uri=target.as_uri(), range=span),
                                                          f"threat model: {why}"))
    return out


def result_id(diagnostics: list[types.Diagnostic], converter) -> str:
    """A content hash: equal diagnostics give equal ids, so pulls can answer `unchanged`."""
    payload = json.dumps(converter.unstructure(diagnostics), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:24]

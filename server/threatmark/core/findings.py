"""Match → Finding: message from captures, span, trace steps and a stable fingerprint."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from threatmark.core.calls import enclosing_function_name
from threatmark.core.match import Match
from threatmark.core.parse import ParsedFile
from threatmark.model import Finding, Fix, TraceStep

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MAX_VALUE = 60


def fill(template: str, match: Match, parsed: ParsedFile, limit: int | None = _MAX_VALUE) -> str:
    """Replace `{name}` with capture text or match values; unknown names stay as written."""

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in match.captures:
            text = parsed.text(match.captures[name])
        elif name in match.values:
            text = match.values[name]
        elif name == "callee" and "call" in match.captures:
            text = parsed.text(match.captures["call"])
        else:
            return m.group(0)
        if limit is not None:
            text = " ".join(text.split())
            text = text if len(text) <= limit else text[: limit - 1] + "…"
        return text

    return _PLACEHOLDER.sub(value, template)


def to_finding(match: Match, parsed: ParsedFile, fingerprint: str = "", fixes: tuple[Fix, ...] = ()) -> Finding:
    """Build the Finding for one match (its fingerprint comes from `fingerprints`, per file)."""
    rule = match.rule
    trace = tuple(
        TraceStep(hop.kind, parsed.lines.span(hop.start, hop.end), hop.note) for hop in match.hops if hop.end > 0
    )
    message = fill(rule.message, match, parsed)
    if len(trace) > 1:
        message += f" (flow: {trace_summary(trace)})"
    return Finding(
        rule_id=rule.id, path=parsed.source.path, span=parsed.span(match.node), message=message,
        severity=rule.severity, confidence=rule.confidence, cwe=rule.cwe, owasp=rule.owasp,
        trace=trace, snippet=parsed.lines.line_text(match.node.start_point[0]).strip(),
        docs_url=rule.docs_url, fingerprint=fingerprint, fixes=fixes,
    )


def trace_summary(trace: tuple[TraceStep, ...]) -> str:
    """`line 3 → line 5 → line 9` style one-line summary of a taint trace."""
    lines: list[int] = []
    for step in trace:
        line = step.span.start.line + 1
        if not lines or lines[-1] != line:
            lines.append(line)
    return " → ".join(f"line {n}" for n in lines)


def fingerprints(matches: list[Match], parsed: ParsedFile) -> list[str]:
    """The matches' fingerprints, from (rule, function, normalised code, occurrence): stable under
    edits elsewhere in the file, including lines inserted above."""
    seen: Counter[str] = Counter()
    out = []
    for match in matches:
        code = " ".join(parsed.text(match.node).split())
        basis = f"{match.rule.id}\0{enclosing_function_name(match.node)}\0{code}"
        seen[basis] += 1
        out.append(hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()[:20])
    return out


def refingerprint(findings: list[Finding], parsed: ParsedFile) -> list[Finding]:
    """`fingerprints` for findings already built (some kept from an earlier analysis of the
    file): the same digests, from each finding's span in this parse. Findings in file order."""
    from dataclasses import replace

    root = parsed.tree.root_node
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        start, end = finding.span.start.offset, finding.span.end.offset
        node = root.descendant_for_byte_range(start, end) or root
        code = " ".join(parsed.data[start:end].decode("utf-8", "replace").split())
        basis = f"{finding.rule_id}\0{enclosing_function_name(node)}\0{code}"
        seen[basis] += 1
        digest = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()[:20]
        out.append(replace(finding, fingerprint=digest))
    return out

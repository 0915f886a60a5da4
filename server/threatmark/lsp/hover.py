"""Hover on a flagged range, and rule documentation as markdown (also `threatmark.showRuleDocs`)."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from lsprotocol import types

from threatmark.core.rules import Rule
from threatmark.lsp.actions import current_result
from threatmark.lsp.diagnostics import cwe_url, message_of, owasp_url, visible
from threatmark.lsp.positions import TextBuffer
from threatmark.model import Finding

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer



def links(cwe: tuple[int, ...], owasp: tuple[str, ...]) -> str:
    parts = [f"[CWE-{n}]({cwe_url(n)})" for n in cwe]
    parts += [f"[{tag}]({url})" if (url := owasp_url(tag)) else tag for tag in owasp]
    return " · ".join(parts)


def rule_markdown(rule: Rule) -> str:
    """A rule's documentation page."""
    lines = [f"# `{rule.id}`", "", re.sub(r"\{(\w+)\}", r"<\1>", rule.message), "",
             f"**Severity** {rule.severity.label} · **confidence** {rule.confidence.label}"]
    if rule.cwe or rule.owasp:
        lines += ["", links(rule.cwe, rule.owasp)]
    lines += ["", "## Why it matters", "", str(rule.docs.get("why", "")).strip(),
              "", "## How to fix", "", str(rule.docs.get("fix", "")).strip()]
    references = rule.docs.get("references") or []
    if references:
        lines += ["", "## References", ""] + [f"- <{ref}>" for ref in references]
    return "\n".join(lines).strip() + "\n"


def finding_markdown(finding: Finding, rule: Rule | None, buffer: TextBuffer) -> str:
    """What the weakness is, why it is reachable here, how to fix it, and links."""
    lines = [f"**{finding.rule_id}** · {finding.severity.label} severity · {finding.confidence.label} confidence",
             "", message_of(finding)]
    if finding.threat is not None and (finding.threat.summary or finding.threat.entry_points):
        lines += ["", "**Threat model:** " + (finding.threat.summary or ", ".join(finding.threat.entry_points))]
    if len(finding.trace) > 1:
        lines += ["", "**Flow**", ""]
        for i, step in enumerate(finding.trace, start=1):
            line = step.span.start.line
            code = buffer.line_text(line).strip()
            lines.append(f"{i}. {step.kind} — {step.note} (line {line + 1}: `{code[:80]}`)")
    if rule is not None:
        lines += ["", "**Why it matters:** " + " ".join(str(rule.docs.get("why", "")).split())]
        lines += ["", "**How to fix:** " + " ".join(str(rule.docs.get("fix", "")).split())]
    if finding.notes:  # e.g. LLM triage ("likely false positive: ...") and who reported an LLM finding
        lines += ["", "**Notes:**", *(f"- {note}" for note in finding.notes)]
    if finding.fixes:
        lines += ["", "Quick fix available: " + ", ".join(f"*{fix.title}*" for fix in finding.fixes)]
    if finding.cwe or finding.owasp:
        lines += ["", links(finding.cwe, finding.owasp)]
    return "\n".join(lines)


async def hover(ls: ThreatmarkServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return None
    result = await current_result(doc)
    if result is None:
        return None
    offset = doc.buffer.offset(params.position)
    session = ls.session_for(doc)
    hits = [f for f in visible(result.analysis.findings, session.settings.min_severity)
            if f.span.start.offset <= offset <= f.span.end.offset]
    if not hits:
        return None
    engine = await asyncio.get_running_loop().run_in_executor(ls.executor, lambda: session.engine)
    rules = engine.ruleset.by_id()
    text = "\n\n---\n\n".join(finding_markdown(f, rules.get(f.rule_id), doc.buffer) for f in hits)
    kind = types.MarkupKind.Markdown if ls.features.markdown_hover else types.MarkupKind.PlainText
    first = hits[0]
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text),
                       range=doc.buffer.range(first.span.start.offset, first.span.end.offset))

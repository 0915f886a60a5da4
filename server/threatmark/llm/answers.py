"""Check what the model said against the code it saw, and turn it into findings and triage notes.

Every issue must cite lines the unit owns and a snippet that is really on those lines (in the
redacted text the model saw); anything else is dropped. What survives is stored relative to the
unit (index of the cited line + snippet), so a cached answer still lands on the right lines after
edits elsewhere in the file, and is re-located by its snippet when lines inside the unit moved.
Triage can add a note and lower a rule finding's confidence by one step; it can never remove a
finding or change its severity, and it is ignored altogether in code that talks to the reviewer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any

from threatmark.core.parse import ParsedFile
from threatmark.llm.prompt import CATEGORIES, RuleFindingRef
from threatmark.llm.units import Unit
from threatmark.model import Confidence, Finding, Position, Severity, Span

MAX_ISSUES = 10
_INJECTION = re.compile(
    r"(?i)\b(?:ignore|disregard|forget|override)\b[^\n]{0,40}\b(?:previous|prior|above|earlier|all|your)\b[^\n]{0,20}"
    r"\b(?:instructions?|prompts?|rules?|guidelines?)\b"
    r"|\b(?:report|return|output|say)\s+(?:nothing|no\s+(?:issues?|findings?|vulnerabilit\w*|problems?))"
    r"|\b(?:mark|treat|classify|label)\b[^\n]{0,30}\b(?:findings?|issues?|warnings?)\b[^\n]{0,20}\bfalse[\s_-]*positives?"
    r"|\byou\s+are\s+(?:now\b|an?\s+(?:helpful|AI|language|security|code)\b)|\b(?:system|developer)\s+prompt\b"
    r"|\b(?:AI|LLM)\s+(?:reviewer|assistant|model|scanner)s?\b|\b(?:dear|hey|attention)\s+(?:AI|LLM|model|assistant)\b")


def addresses_reviewer(text: str) -> bool:
    """True when code contains text aimed at steering an AI reviewer (prompt injection)."""
    return _INJECTION.search(text) is not None


def _squash(text: str) -> str:
    return " ".join(text.split())


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _choice(value: Any, allowed: tuple[str, ...], default: str) -> str:
    text = str(value or "").strip().lower().replace(" ", "_")
    return text if text in allowed else default


def check_issues(data: dict[str, Any], unit: Unit, red_lines: list[str]) -> tuple[list[dict[str, Any]], int]:
    """Validated issues, stored relative to the unit, and how many were dropped."""
    raw = data.get("issues")
    items = raw if isinstance(raw, list) else []
    index = {line: i for i, line in enumerate(unit.lines)}
    kept: list[dict[str, Any]] = []
    for item in items[:MAX_ISSUES * 3]:
        stored = _check_issue(item, index, red_lines)
        if stored is not None and len(kept) < MAX_ISSUES:
            kept.append(stored)
    return kept, len(items) - len(kept)


def _check_issue(item: Any, index: dict[int, int], red_lines: list[str]) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    start = _as_int(item.get("start_line"))
    end = _as_int(item.get("end_line"))
    if start is None:
        return None
    end = start if end is None or end < start else end
    first, last = index.get(start - 1), index.get(end - 1)
    if first is None or last is None or last - first > 40:
        return None
    snippet = _squash(str(item.get("snippet") or ""))
    if len(snippet.replace(" ", "")) < 4 or snippet not in _squash(" ".join(red_lines[first:last + 1])):
        return None
    cwe = _as_int(item.get("cwe")) or 0
    return {
        "title": _squash(str(item.get("title") or "possible weakness"))[:160],
        "category": _choice(item.get("category"), CATEGORIES, "other").replace("_", "-"),
        "severity": _choice(item.get("severity"), ("low", "medium", "high", "critical"), "medium"),
        "confidence": _choice(item.get("confidence"), ("low", "medium", "high"), "low"),
        "rel_start": first, "rel_end": last, "snippet": snippet,
        "explanation": " ".join(str(item.get("explanation") or "").split())[:1200],
        "cwe": cwe if 0 < cwe < 2000 else 0,
    }


def check_triage(data: dict[str, Any], refs: list[RuleFindingRef], unit: Unit,
                 red_lines: list[str]) -> list[dict[str, str]]:
    """Triage verdicts for known rule findings, stored by (rule id, redacted line text)."""
    raw = data.get("triage")
    by_ref = {r.ref: r for r in refs}
    index = {line: i for i, line in enumerate(unit.lines)}
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        ref = by_ref.get(str(item.get("finding") or "").strip())
        verdict = _choice(item.get("verdict"), ("confirmed", "likely_false_positive", "uncertain"), "")
        if ref is None or not verdict or ref.line not in index:
            continue
        out.append({"rule_id": ref.rule_id, "line": _squash(red_lines[index[ref.line]]), "verdict": verdict,
                    "note": " ".join(str(item.get("note") or "").split())[:400]})
    return out


def locate(stored: dict[str, Any], unit: Unit, red_lines: list[str]) -> tuple[int, int] | None:
    """(first, last) owned-line indexes where the stored snippet is now; None if it is gone."""
    snippet = str(stored.get("snippet") or "")
    first, last = int(stored.get("rel_start", -1)), int(stored.get("rel_end", -1))
    width = max(last - first, 0)

    def holds(lo: int) -> bool:
        return lo >= 0 and lo + width < len(red_lines) and snippet in _squash(" ".join(red_lines[lo:lo + width + 1]))

    if holds(first):
        return first, first + width
    candidates = [lo for lo in range(len(red_lines)) if holds(lo)]
    if not candidates or not snippet:
        return None
    best = min(candidates, key=lambda lo: abs(lo - first))
    return best, best + width


def to_finding(stored: dict[str, Any], where: tuple[int, int], unit: Unit, parsed: ParsedFile, model: str) -> Finding:
    """A Finding with origin "llm" for a located, validated issue."""
    first_line, last_line = unit.lines[where[0]], unit.lines[where[1]]
    first_text = parsed.lines.line_text(first_line)
    start_col = len(first_text) - len(first_text.lstrip())
    end_col = len(parsed.lines.line_text(last_line).rstrip())
    start = Position(first_line, start_col, parsed.lines.offset(first_line, start_col))
    end = Position(last_line, end_col, parsed.lines.offset(last_line, end_col))
    severity = Severity.parse(stored["severity"])
    confidence = min(Confidence.parse(stored["confidence"]), Confidence.MEDIUM)  # an LLM alone is never "high"
    explanation = stored.get("explanation") or ""
    message = f"[LLM {model}] {stored['title']}" + (f": {explanation}" if explanation else "")
    basis = f"llm\0{unit.name}\0{stored['category']}\0{stored['snippet']}"
    return Finding(
        rule_id=f"llm-{stored['category']}", path=parsed.source.path, span=Span(start, end), message=message,
        severity=severity, confidence=confidence, cwe=(stored["cwe"],) if stored.get("cwe") else (),
        origin="llm", fingerprint=hashlib.sha256(basis.encode()).hexdigest()[:20], snippet=first_text.strip(),
        notes=(f"Reported by the LLM reviewer (model {model}) for {unit.label()}; not verified by a rule.",),
    )


def apply_triage(findings: list[Finding], triage: list[dict[str, str]], unit: Unit, red_lines: list[str],
                 model: str) -> list[Finding]:
    """Rule findings with triage notes added (confidence lowered one step for likely false positives)."""
    index = {line: i for i, line in enumerate(unit.lines)}
    out = []
    for finding in findings:
        i = index.get(finding.span.start.line)
        if finding.origin != "rule" or i is None:
            out.append(finding)
            continue
        line = _squash(red_lines[i])
        for verdict in triage:
            if verdict["rule_id"] != finding.rule_id or verdict["line"] != line:
                continue
            label = {"confirmed": "confirmed", "likely_false_positive": "likely false positive",
                     "uncertain": "uncertain"}[verdict["verdict"]]
            note = f"[LLM {model}] triage: {label}" + (f" — {verdict['note']}" if verdict["note"] else "")
            confidence = finding.confidence
            if verdict["verdict"] == "likely_false_positive":
                confidence = Confidence(max(int(confidence) - 1, int(Confidence.LOW)))
            finding = replace(finding, notes=(*finding.notes, note), confidence=confidence)
            break
        out.append(finding)
    return out

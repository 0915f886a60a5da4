""""Harden with AI": ask for a rewrite of the unit around a finding and keep it only if verified.

The unit is redacted and sent with the finding; the answer's placeholders are restored, its
indentation put back, and the replacement of the unit's text becomes a `Fix`. It is returned only
when the engine's verification passes (applies, parses without new errors, the finding's rule no
longer fires, no new finding) and the unit's signature (decorators, name, parameters, return
type) is unchanged. Answers are cached like reviews; verification runs every time (it is cheap).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from threatmark.core.parse import ParsedFile, parse
from threatmark.llm.cache import cache_key
from threatmark.llm.client import LlmError
from threatmark.llm.prompt import REWRITE_SCHEMA, REWRITE_VERSION, rewrite_messages
from threatmark.llm.redact import Redactor
from threatmark.llm.units import Unit, imports_text, split_units, unit_at
from threatmark.model import Edit, Finding, Fix, SourceFile

if TYPE_CHECKING:
    from threatmark.llm.review import Reviewer

log = logging.getLogger("threatmark.llm")
Verify = Callable[[SourceFile, Finding, Fix], bool]
_FENCE = re.compile(r"^\s*```[a-zA-Z]*\n|\n?```\s*$")


@dataclass(frozen=True)
class Hardening:
    """The verified fix, or None and why not."""

    fix: Fix | None
    reason: str
    from_cache: bool = False


def harden(reviewer: Reviewer, source: SourceFile, finding: Finding, verify: Verify,
           excerpt: str | Callable[[Unit], str] = "", parsed: ParsedFile | None = None) -> Hardening:
    """A verified rewrite of the function or method containing `finding`, or the reason there is none."""
    try:
        return _harden(reviewer, source, finding, verify, excerpt, parsed)
    except Exception as exc:  # never take the editor down over an optional action
        log.exception("hardening %s failed", finding.rule_id)
        return Hardening(None, f"internal error ({type(exc).__name__})")


def _harden(reviewer: Reviewer, source: SourceFile, finding: Finding, verify: Verify,
            excerpt: str | Callable[[Unit], str], parsed: ParsedFile | None) -> Hardening:
    parsed = parsed or parse(source)
    unit = unit_at(split_units(parsed), finding.span.start.line)
    if unit is None or unit.kind != "function":
        return Hardening(None, "only code inside a function or method can be rewritten")
    config = reviewer.config
    excerpt = excerpt(unit) if callable(excerpt) else excerpt
    line_text = " ".join(parsed.lines.line_text(finding.span.start.line).split())
    key = "rewrite:" + cache_key(unit.normalized, finding.rule_id, line_text, excerpt, config.model, REWRITE_VERSION,
                                 reviewer.rules_version)
    redactor = Redactor()
    red_text = redactor.redact(unit.text)
    indent, body = _dedent(red_text)
    entry = reviewer.cache.get_json(key)
    cached = entry is not None
    if entry is None:
        wait = reviewer.health.remaining()
        if wait:
            return Hardening(None, f"LLM requests are paused for {wait:.0f} s")
        messages = rewrite_messages(unit.label(), source.path, body, redactor.redact(imports_text(parsed)),
                                    redactor.redact(excerpt), redactor.redact(finding.message),
                                    finding.span.start.line - unit.lines[0])
        try:
            completion = reviewer.client.complete(messages, REWRITE_SCHEMA, "threatmark_rewrite")
        except LlmError as error:
            reviewer.cache.bump("failures")
            reviewer.health.failed(error)
            return Hardening(None, error.message)
        reviewer.health.succeeded()
        entry = {"code": str(completion.data.get("code") or ""),
                 "explanation": " ".join(str(completion.data.get("explanation") or "").split())[:400]}
        reviewer.cache.set_json(key, entry)
        reviewer.cache.bump("rewrites")
        reviewer.cache.bump("prompt_tokens", completion.prompt_tokens)
        reviewer.cache.bump("completion_tokens", completion.completion_tokens)
    code = redactor.restore(_FENCE.sub("", str(entry.get("code") or "")))
    fix, reason = _checked_fix(unit, code, indent, parsed, source, finding, verify, config.model)
    return Hardening(fix, reason, cached)


def _dedent(text: str) -> tuple[str, str]:
    """(indentation of the first line, text without it) when every non-blank line has it."""
    first = text.split("\n", 1)[0]
    indent = first[: len(first) - len(first.lstrip())]
    lines = text.split("\n")
    if indent and all(not ln.strip() or ln.startswith(indent) for ln in lines):
        return indent, "\n".join(ln[len(indent):] for ln in lines)
    return "", text


def _checked_fix(unit: Unit, code: str, indent: str, parsed: ParsedFile, source: SourceFile, finding: Finding,
                 verify: Verify, model: str) -> tuple[Fix | None, str]:
    code = code.strip("\n")
    if not code.strip():
        return None, "the model returned no code"
    _, code = _dedent(code)
    rewritten = split_units(parse(SourceFile("rewrite.py", code)))
    functions = [u for u in rewritten if u.kind == "function" and "." not in u.name]
    if len(functions) != 1 or any(u.kind == "module" for u in rewritten):
        return None, "the rewrite is not exactly one function"
    if functions[0].signature != unit.signature:
        return None, "the rewrite changed the function's signature"
    text = "\n".join(indent + ln if ln.strip() else ln for ln in code.split("\n"))
    edit = Edit(unit.start, unit.end, text, parsed.lines.span(unit.start, unit.end))
    fix = Fix(f"Harden with AI ({model})", (edit,), verified=False, origin="llm")
    if not verify(source, finding, fix):
        return None, f"the rewrite did not pass verification ({finding.rule_id} still fires, a new finding " \
                     "appeared, or it does not parse)"
    title = (f"Harden {unit.label()} with AI ({model}) — verified: {finding.rule_id} no longer fires, "
             "no new finding, parses, signature unchanged")
    return Fix(title, (edit,), verified=True, origin="llm"), "verified"

"""The second reviewer: one request per changed unit, cached, redacted, bounded and never fatal.

`Reviewer.review(source, rule_findings, excerpt)` is a plain blocking call (safe to run in a
worker thread; `review_async` wraps it for asyncio). It splits the file into units, serves
unchanged ones from the disk cache, sends at most `config.budget` of the others with at most
`config.concurrency` in flight, and returns the rule findings (possibly with triage notes) plus
the LLM's findings. Failures become one status line; the rule findings are always returned.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace

from threatmark.core.parse import ParsedFile, parse
from threatmark.llm.answers import addresses_reviewer, apply_triage, check_issues, check_triage, locate, to_finding
from threatmark.llm.cache import ReviewCache, cache_key
from threatmark.llm.client import ChatClient, LlmError
from threatmark.llm.config import LlmConfig
from threatmark.llm.health import Health
from threatmark.llm.prompt import PROMPT_VERSION, REVIEW_SCHEMA, RuleFindingRef, numbered, review_messages
from threatmark.llm.redact import Redactor
from threatmark.llm.units import Unit, callee_signatures, imports_text, split_units
from threatmark.model import Finding, Fix, SourceFile

log = logging.getLogger("threatmark.llm")
Excerpt = str | Callable[[Unit], str]
MAX_MALFORMED = 3  # malformed answers for the same unit text before it is left alone (until it changes)


@dataclass(frozen=True)
class ReviewResult:
    """Rule findings (triage notes added) + LLM findings, and what the review cost."""

    findings: tuple[Finding, ...]
    llm_findings: tuple[Finding, ...] = ()
    units: int = 0
    requested: int = 0  # units sent to the endpoint by this review
    cache_hits: int = 0
    failed: int = 0
    deferred: int = 0  # left for a later save (budget, paused endpoint, too large)
    discarded: int = 0  # answered, but the unit changed meanwhile
    dropped: int = 0  # issues whose lines or snippet were not in the unit
    prompt_tokens: int = 0
    completion_tokens: int = 0
    status: str | None = None  # one line for the user when something went wrong


@dataclass
class _Job:
    unit: Unit
    key: str
    excerpt: str
    entry: dict[str, object] | None = None
    error: LlmError | None = None
    deferred: bool = False
    sent: bool = False
    dropped: int = 0
    tokens: tuple[int, int] = (0, 0)
    _redactor: Redactor | None = None
    _red_lines: list[str] | None = None

    @property
    def redactor(self) -> Redactor:
        """The unit's redactor; the unit's text is redacted first, so placeholder numbers are stable."""
        if self._redactor is None:
            self._redactor = Redactor()
            self._red_lines = self._redactor.redact(self.unit.text).split("\n")
        return self._redactor

    @property
    def red_lines(self) -> list[str]:
        """The unit's lines as the model sees them (computed only when needed: most units are cache hits)."""
        if self._red_lines is None:
            _ = self.redactor
        assert self._red_lines is not None
        return self._red_lines


def excerpt_digest(excerpt: str) -> str:
    return hashlib.sha256(excerpt.encode("utf-8", "surrogatepass")).hexdigest() if excerpt else ""


class Reviewer:
    """Reviews files unit by unit with the configured model; one instance per process is enough."""

    def __init__(self, config: LlmConfig, rules_version: str, cache: ReviewCache | None = None) -> None:
        self.config = config
        self.rules_version = rules_version
        self.cache = cache if cache is not None else ReviewCache(config.cache_dir)
        self.client = ChatClient(config, modes=self.cache, on_request=lambda: self.cache.bump("requests"))
        self.health = Health()
        self._pool = ThreadPoolExecutor(max(config.concurrency, 1), thread_name_prefix="threatmark-llm")
        self._last_status: str | None = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.client.close()
        self.cache.close()

    def unit_key(self, unit: Unit, excerpt: str) -> str:
        """hash(normalised unit text, threat-model excerpt hash, model, prompt version, rule-set version)."""
        return "review:" + cache_key(unit.normalized, excerpt_digest(excerpt), self.config.model, PROMPT_VERSION,
                                     self.rules_version)

    async def review_async(self, source: SourceFile, findings: Sequence[Finding], excerpt: Excerpt = "",
                           parsed: ParsedFile | None = None, is_current: Callable[[Unit], bool] | None = None,
                           send: bool = True) -> ReviewResult:
        """`review` in a worker thread, for asyncio callers (the language server)."""
        return await asyncio.to_thread(self.review, source, findings, excerpt, parsed, is_current, send)

    def review(self, source: SourceFile, findings: Sequence[Finding], excerpt: Excerpt = "",
               parsed: ParsedFile | None = None, is_current: Callable[[Unit], bool] | None = None,
               send: bool = True) -> ReviewResult:
        """Review every unit of `source`; `findings` are the rule findings already reported.

        `excerpt` is the threat-model text covering the file (or a function giving it per unit).
        `is_current(unit)` is asked before sending and before using an answer: return False when
        the document changed so that the unit is no longer there (its answer is cached anyway).
        `send=False` uses cached answers only (e.g. while typing; requests wait for a save)."""
        rule_findings = list(findings)
        try:
            parsed = parsed or parse(source)
            units = split_units(parsed)
            jobs = [self._job(unit, excerpt(unit) if callable(excerpt) else excerpt) for unit in units]
        except Exception as exc:  # never let the reviewer take the rule findings down with it
            log.exception("LLM review could not prepare %s", source.path)
            return ReviewResult(tuple(rule_findings), status=f"LLM review skipped for {source.path}: {exc}")
        hits = [j for j in jobs if j.entry is not None]
        todo = [j for j in jobs if j.entry is None]
        if send:  # cache-only passes (while typing) do not count: stats describe saves and scans
            self.cache.bump("cache_hits", len(hits))
            self._run(todo, parsed, units, rule_findings, is_current)
        return self._assemble(parsed, jobs, rule_findings, is_current, len(hits), send)

    def harden(self, source: SourceFile, finding: Finding, verify: Callable[[SourceFile, Finding, Fix], bool],
               excerpt: Excerpt = "", parsed: ParsedFile | None = None) -> Fix | None:
        """A verified rewrite of the unit around `finding` (`verify` is `Engine.verify`), or None."""
        from threatmark.llm.harden import harden

        outcome = harden(self, source, finding, verify, excerpt, parsed)
        if outcome.fix is None:
            log.info("no hardened rewrite for %s: %s", finding.rule_id, outcome.reason)
        return outcome.fix

    # -- preparing and sending ---------------------------------------------------------------
    def _job(self, unit: Unit, excerpt: str) -> _Job:
        key = self.unit_key(unit, excerpt)
        return _Job(unit, key, excerpt, entry=self.cache.get_json(key))

    def _run(self, todo: list[_Job], parsed: ParsedFile, units: list[Unit], rule_findings: list[Finding],
             is_current: Callable[[Unit], bool] | None) -> None:
        sendable = []
        for job in todo:
            if len(job.unit.text) > self.config.max_unit_chars or len(sendable) >= self.config.budget:
                job.deferred = True
            else:
                sendable.append(job)
        if not sendable:
            return
        imports = imports_text(parsed)
        futures = [self._pool.submit(self._send, job, parsed, units, imports, rule_findings, is_current)
                   for job in sendable]
        for future in as_completed(futures):
            future.result()  # _send never raises

    def _send(self, job: _Job, parsed: ParsedFile, units: list[Unit], imports: str, rule_findings: list[Finding],
              is_current: Callable[[Unit], bool] | None) -> None:
        try:
            messages, refs = self._messages(job, parsed, units, imports, rule_findings)
            for attempt in range(2):
                wait = self.health.remaining()
                if wait and not self.health.waitable(self.config.max_inline_wait):
                    job.deferred = True
                    return
                if wait:
                    time.sleep(wait)
                if is_current is not None and not is_current(job.unit):
                    job.deferred = True
                    return
                job.sent = True
                try:
                    completion = self.client.complete(messages, REVIEW_SCHEMA, "threatmark_review")
                except LlmError as error:
                    self._failed(job, error)
                    if job.error is None or not self.health.waitable(self.config.max_inline_wait) or attempt:
                        return
                    job.error = None
                    continue
                self.health.succeeded()
                issues, job.dropped = check_issues(completion.data, job.unit, job.red_lines)
                triage = check_triage(completion.data, refs, job.unit, job.red_lines)
                job.entry = {"issues": issues, "triage": triage, "model": self.config.model, "refused": False}
                job.tokens = (completion.prompt_tokens, completion.completion_tokens)
                self.cache.set_json(job.key, job.entry)
                self.cache.bump("units_reviewed")
                self.cache.bump("prompt_tokens", completion.prompt_tokens)
                self.cache.bump("completion_tokens", completion.completion_tokens)
                return
        except Exception as exc:  # a bug here must cost one unit, not the review
            log.exception("LLM review of %s failed", job.unit.label())
            job.error = LlmError("error", f"internal error ({type(exc).__name__})")

    def _failed(self, job: _Job, error: LlmError) -> None:
        self.cache.bump("failures")
        self.cache.bump("failure:" + error.kind)
        if error.kind == "refused":  # asking again would get the same answer: remember it
            job.entry = {"issues": [], "triage": [], "model": self.config.model, "refused": True}
            self.cache.set_json(job.key, job.entry)
        elif error.kind == "malformed":  # a unit the model keeps garbling is not asked about forever
            strikes = int((self.cache.get_json("strikes:" + job.key) or {}).get("n", 0)) + 1
            self.cache.set_json("strikes:" + job.key, {"n": strikes})
            if strikes >= MAX_MALFORMED:
                job.entry = {"issues": [], "triage": [], "model": self.config.model, "refused": False,
                             "gave_up": error.message}
                self.cache.set_json(job.key, job.entry)
        self.health.failed(error)
        job.error = error

    def _messages(self, job: _Job, parsed: ParsedFile, units: list[Unit], imports: str,
                  rule_findings: list[Finding]) -> tuple[list[dict[str, str]], list[RuleFindingRef]]:
        unit, red = job.unit, job.redactor
        owned = set(unit.lines)
        refs = [RuleFindingRef(f"R{i}", f.rule_id, f.span.start.line, red.redact(f.message))
                for i, f in enumerate((f for f in rule_findings if f.span.start.line in owned and f.origin == "rule"),
                                      start=1)]
        callees = [red.redact(s) for s in callee_signatures(unit, units)]
        code = numbered(list(zip(unit.lines, job.red_lines, strict=True)))
        messages = review_messages(unit.label(), parsed.source.path, code, red.redact(imports), callees,
                                   red.redact(job.excerpt), refs)
        if red.leaks(json.dumps(messages)):  # belt and braces: never send a known secret
            raise RuntimeError("redaction left a secret in the request")
        return messages, refs

    # -- turning answers into findings -------------------------------------------------------
    def _assemble(self, parsed: ParsedFile, jobs: list[_Job], rule_findings: list[Finding],
                  is_current: Callable[[Unit], bool] | None, hits: int, send: bool = True) -> ReviewResult:
        llm: list[Finding] = []
        findings = rule_findings
        discarded = dropped = 0
        model = self.config.model
        for job in jobs:
            dropped += job.dropped
            if job.entry is None:
                continue
            if is_current is not None and not is_current(job.unit):
                discarded += 1
                continue
            for stored in job.entry.get("issues") or []:  # type: ignore[union-attr]
                where = locate(stored, job.unit, job.red_lines)
                if where is None:
                    dropped += 1
                    continue
                llm.append(to_finding(stored, where, job.unit, parsed, str(job.entry.get("model") or model)))
            triage = job.entry.get("triage") or []
            if triage and not addresses_reviewer(job.unit.text):
                findings = apply_triage(findings, triage, job.unit, job.red_lines, model)  # type: ignore[arg-type]
        llm = _without_rule_duplicates(llm, rule_findings)
        failed = [j for j in jobs if j.error is not None and j.error.kind != "refused"]
        deferred = sum(j.deferred for j in jobs)
        requested = sum(j.sent for j in jobs)
        result = ReviewResult(
            tuple(sorted([*findings, *llm], key=lambda f: (f.span.start.offset, f.origin != "rule", f.rule_id))),
            tuple(llm), len(jobs), requested, hits, len(failed), deferred, discarded, dropped,
            sum(j.tokens[0] for j in jobs), sum(j.tokens[1] for j in jobs))
        status = self._status(parsed.source.path, jobs, failed, deferred) if send else None
        if send:
            if status != self._last_status and status is not None:
                log.warning("%s", status)
            self._last_status = status
        return replace(result, status=status)

    def _status(self, path: str, jobs: list[_Job], failed: list[_Job], deferred: int) -> str | None:
        refused = [j for j in jobs if j.error is not None and j.error.kind == "refused"]
        if not failed and not deferred and not refused:
            return None
        parts = []
        if failed:
            error = failed[-1].error
            assert error is not None
            pause = self.health.remaining()
            parts.append(f"{len(failed)} unit(s) not reviewed: {error.message}"
                         + (f"; pausing LLM requests for {pause:.0f} s" if pause >= 1 else ""))
        if deferred:
            parts.append(f"{deferred} unit(s) left for a later save")
        if refused:
            parts.append(f"the model declined to review {', '.join(j.unit.label() for j in refused[:3])}")
        return f"LLM review of {path} ({self.config.model}): " + "; ".join(parts) + ". Rule findings are unaffected."


def _without_rule_duplicates(llm: list[Finding], rules: list[Finding]) -> list[Finding]:
    """Drop LLM findings that restate a rule finding (same line, same CWE)."""
    seen = {(f.span.start.line, cwe) for f in rules for cwe in f.cwe}
    return [f for f in llm if not any((f.span.start.line, cwe) in seen for cwe in f.cwe)]

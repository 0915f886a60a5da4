"""The composition root: one Engine turns a SourceFile (or an open Document) into an Analysis.

The CLI and the language server are thin adapters over this class, so a finding in the editor
and in CI is the same finding with the same fingerprint.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Protocol

from threatmark.core.calls import forget_nodes
from threatmark.core.deadcode import is_dead
from threatmark.core.findings import fingerprints, to_finding
from threatmark.core.fixes import apply_edits, build_fixes
from threatmark.core.index import CompiledRules, FileIndex, build_index
from threatmark.core.match import Match, match_patterns
from threatmark.core.parse import ParsedFile, parse
from threatmark.core.rules import RuleSet, load_rules
from threatmark.core.suppress import META_RULES, apply_suppressions
from threatmark.core.taint.analyzer import run_taint
from threatmark.core.taint.project import Project
from threatmark.core.taint.routes import module_constants
from threatmark.core.taint.taintrules import TaintRules
from threatmark.core.testcode import exemption
from threatmark.model import Analysis, Edit, Finding, Fix, Problem, SourceFile
from threatmark.reuse import Memo

TaintPart = Callable[[], Sequence[Finding] | None]


class ThreatApplier(Protocol):
    """What the engine needs from a threat model (see threatmark.threat)."""

    def apply(self, findings: list[Finding], source: SourceFile) -> tuple[list[Finding], list[Finding]]:
        """Re-rank and explain findings; return (kept, accepted-risk findings with `suppressed` set)."""
        ...

    @property
    def problems(self) -> tuple[Problem, ...]: ...


def _overlapping(edits: list[Edit]) -> bool:
    """True when two different edits touch overlapping byte ranges (identical edits are merged)."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end))
    return any(b.start < a.end or (a.start == a.end == b.start == b.end) for a, b in pairwise(ordered))


class Engine:
    """Rules compiled once; `analyze` is pure with respect to its input."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = ruleset.rules
        self.pattern_rules = tuple(r for r in self.rules if r.pattern)
        self.taint = TaintRules.build(tuple(r for r in self.rules if r.taint))
        self.compiled = CompiledRules.build(self.pattern_rules, self.taint.library.source_words or ())
        self.known_ids = {r.id for r in self.rules} | set(META_RULES)
        self.test_exempt = frozenset(r.id for r in self.rules if r.skip_test_code)
        self.taint_ids = frozenset(r.id for r in self.rules if r.taint)
        self._counts = lru_cache(maxsize=64)(self._rule_counts)

    @classmethod
    def create(cls, rule_dirs: tuple[str | Path, ...] = (), builtin: bool = True) -> Engine:
        return cls(load_rules(tuple(rule_dirs), builtin=builtin))

    @property
    def version(self) -> str:
        """Identifies the loaded rule set (part of cache keys)."""
        return self.ruleset.version

    def project(self, roots: tuple[str | Path, ...]) -> Project:
        """A project over source roots, for summaries of functions imported across files."""
        return Project(tuple(Path(r).resolve() for r in roots), self.compiled, self.taint)

    def analyze(self, source: SourceFile | ParsedFile, threat: ThreatApplier | None = None,
                project: Project | None = None, taint: TaintPart | None = None,
                roots: tuple[str, ...] = (), memo: Memo | None = None) -> Analysis:
        """All findings of one file: rule matches, minus suppressed ones, plus suppression problems,
        ranked and explained by the threat model when one is given. `taint`, when given, supplies
        the taint rules' findings (`taint_findings` of the same text, e.g. computed by another
        process meanwhile); when it returns None they are computed here. `roots` (or the project's
        roots) are the project folders that test-code paths are judged from. `memo` (an open
        document's) lets an edit inside one definition re-analyse only what it can affect."""
        started = time.perf_counter()
        try:
            roots = roots or (tuple(str(r) for r in project.roots) if project is not None else ())
            return self._analyze(source, threat, project, taint, started, roots, memo)
        finally:
            forget_nodes()

    def _analyze(self, source: SourceFile | ParsedFile, threat: ThreatApplier | None, project: Project | None,
                 taint: TaintPart | None, started: float, roots: tuple[str, ...], memo: Memo | None) -> Analysis:
        parsed = source if isinstance(source, ParsedFile) else parse(source)
        findings = memo.reuse(parsed, self) if memo is not None and taint is None and project is None else None
        if findings is None:
            findings = self._all_findings(parsed, project, taint, memo)
        kept, suppressed, meta = apply_suppressions(findings, parsed, self.known_ids)
        reason = exemption(parsed.source.path, roots) if self.test_exempt else None
        if reason is not None:
            exempt = [f for f in kept if f.rule_id in self.test_exempt]
            kept = [f for f in kept if f.rule_id not in self.test_exempt]
            suppressed += [replace(f, suppressed=reason, suppression_kind="external") for f in exempt]
        if threat is not None:
            kept, accepted = threat.apply(kept, parsed.source)
            suppressed += accepted
        ordered = sorted(kept + meta, key=lambda f: (f.span.start.offset, f.rule_id))
        elapsed = (time.perf_counter() - started) * 1000
        return Analysis(parsed.source, tuple(ordered), tuple(suppressed), (), elapsed)

    def _all_findings(self, parsed: ParsedFile, project: Project | None, taint: TaintPart | None,
                      memo: Memo | None) -> list[Finding]:
        """Every rule's findings before suppressions (the taint half from `taint` when given)."""
        matches, index = self._matches(parsed, project, with_taint=taint is None)
        findings = self._findings(matches, index, parsed)
        if taint is not None:
            supplied = taint()
            findings += list(supplied) if supplied is not None else self.taint_findings(parsed, project)
            findings.sort(key=lambda f: (f.span.start.offset, f.rule_id))
        if memo is not None:
            memo.keep(parsed, self, index, findings)
        return findings

    def findings_of(self, matches: list[Match], index: FileIndex, parsed: ParsedFile) -> list[Finding]:
        """Findings (fingerprinted, with fixes) of matches already filtered by `kept_matches`."""
        return self._findings(matches, index, parsed)

    def taint_findings(self, parsed: ParsedFile, project: Project | None = None) -> list[Finding]:
        """The taint rules' findings alone (fingerprinted, with fixes, before suppressions): what
        `analyze` adds to the pattern rules' findings. Rule ids never overlap, so the split is exact."""
        try:
            index = build_index(parsed, self.compiled, with_patterns=False)
            matches = self.kept_matches(run_taint(parsed, index, self.taint, project), parsed)
            return self._findings(matches, index, parsed)
        finally:
            forget_nodes()

    def _findings(self, matches: list[Match], index: FileIndex, parsed: ParsedFile) -> list[Finding]:
        return [to_finding(m, parsed, digest, build_fixes(m, index))
                for m, digest in zip(matches, fingerprints(matches, parsed), strict=True)]

    def _matches(self, parsed: ParsedFile, project: Project | None = None,
                 with_taint: bool = True) -> tuple[list[Match], FileIndex]:
        index = build_index(parsed, self.compiled)
        matches = match_patterns(index, self.pattern_rules)
        if with_taint:
            matches += run_taint(parsed, index, self.taint, project)
        return self.kept_matches(matches, parsed), index

    @staticmethod
    def kept_matches(matches: list[Match], parsed: ParsedFile) -> list[Match]:
        """Matches outside ERROR nodes and dead branches, one per (rule, node), in file order."""
        matches = [m for m in matches if not parsed.overlaps_error(m.node.start_byte, m.node.end_byte)]
        if any(not m.hops for m in matches):  # taint flows already skip dead branches
            consts = module_constants(parsed.tree.root_node)
            matches = [m for m in matches if m.hops or not is_dead(m.node, consts)]
        unique: dict[tuple[str, int, int], Match] = {}
        for m in sorted(matches, key=lambda m: (m.node.start_byte, m.rule.id)):
            unique.setdefault((m.rule.id, m.node.start_byte, m.node.end_byte), m)
        return list(unique.values())

    def _rule_counts(self, text: str, path: str, language: str) -> tuple[Counter[str], int]:
        parsed = parse(SourceFile(path, text, language))
        return Counter(m.rule.id for m in self._matches(parsed)[0]), len(parsed.error_ranges)

    def verify(self, source: SourceFile, finding: Finding, fix: Fix) -> bool:
        """True when the fix applies, parses without new errors, removes the finding's rule match
        and introduces no other finding."""
        before, errors_before = self._counts(source.text, source.path, source.language)
        try:
            fixed = apply_edits(source.text, fix.edits)
        except (UnicodeError, ValueError):
            return False
        if fixed == source.text:
            return False
        after, errors_after = self._counts(fixed, source.path, source.language)
        if errors_after > errors_before or after[finding.rule_id] >= before[finding.rule_id]:
            return False
        return all(after[rule] <= before[rule] for rule in after)

    def verified_fixes(self, source: SourceFile, finding: Finding) -> tuple[Fix, ...]:
        """The finding's fixes that pass verification, marked verified."""
        return tuple(replace(fix, verified=True) for fix in finding.fixes if self.verify(source, finding, fix))

    def verify_file(self, source: SourceFile, findings: tuple[Finding, ...], limit: int = 30) -> tuple[Finding, ...]:
        """Findings with only their verified preferred fix. All preferred fixes are first checked
        together (one re-analysis: every targeted finding gone, nothing new); if that fails, each
        is checked on its own (at most `limit`; the rest keep no fix)."""
        targets = [f for f in findings if f.fixes]
        if not targets:
            return findings
        edits = [e for f in targets for e in f.fixes[0].edits]
        if not _overlapping(edits):
            before, errors_before = self._counts(source.text, source.path, source.language)
            fixed = apply_edits(source.text, edits)
            after, errors_after = self._counts(fixed, source.path, source.language)
            wanted = Counter(f.rule_id for f in targets)
            if errors_after <= errors_before and all(after[r] <= before[r] - n for r, n in wanted.items()) \
                    and all(after[r] <= before[r] for r in after):
                return tuple(replace(f, fixes=(replace(f.fixes[0], verified=True),)) if f.fixes else f
                             for f in findings)
        out = []
        for finding in findings:
            if finding.fixes and limit > 0:
                limit -= 1
                verified = tuple(fix for fix in self.verified_fixes(source, finding)[:1])
                out.append(replace(finding, fixes=verified))
            else:
                out.append(replace(finding, fixes=()) if finding.fixes else finding)
        return tuple(out)

    def fix_all(self, source: SourceFile, analysis: Analysis | None = None) -> tuple[str, int]:
        """Apply every finding's preferred verified fix in one pass; (new text, fixes applied)."""
        analysis = analysis or self.analyze(source)
        edits = []
        applied = 0
        for finding in analysis.findings:
            fixes = self.verified_fixes(source, finding)
            if fixes:
                edits.extend(fixes[0].edits)
                applied += 1
        return (apply_edits(source.text, edits), applied) if edits else (source.text, 0)

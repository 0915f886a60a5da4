"""The severity policy: link each finding to the entry points that reach it and the assets its
weakness class can touch, raise or lower its severity one level, say why in one line, and
apply accepted risks. The policy is documented in docs/threat-model.md.

`ThreatRanker` is what `Engine.analyze(source, threat=...)` expects (`apply` + `problems`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path

from threatmark.core.parse import parse
from threatmark.model import Finding, Problem, Severity, SourceFile, ThreatContext
from threatmark.threat.coverage import covering
from threatmark.threat.globs import is_test_path, path_matches, relative_path
from threatmark.threat.locate import FileFacts
from threatmark.threat.model import AcceptedRisk, Asset, Control, EntryPoint, ThreatModel
from threatmark.threat.risks import expiry_problems, matching_risk, suppression_text
from threatmark.threat.weakness import touched_assets

_MAX_NAMED = 3


def _raise(severity: Severity) -> Severity:
    return Severity(min(int(severity) + 1, int(Severity.CRITICAL)))


def _lower(severity: Severity) -> Severity:
    return Severity(max(int(severity) - 1, int(Severity.INFO)))


def _names(kind: str, labels: list[str]) -> str:
    shown = labels[:_MAX_NAMED]
    more = f" and {len(labels) - _MAX_NAMED} more" if len(labels) > _MAX_NAMED else ""
    return f"{kind}{'s' if len(labels) > 1 else ''} {', '.join(shown)}{more}"


class ThreatRanker:
    """Applies one threat model to findings. Stateless between calls; safe to share and pickle."""

    def __init__(self, model: ThreatModel, today: date | None = None) -> None:
        self.model = model
        self._today = today
        self._needs_code = any(e.functions or e.routes for e in model.entry_points)
        self._ref_path = str(Path(model.path).resolve())

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def digest(self) -> str:
        return self.model.digest

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Load problems plus a warning for every expired acceptance."""
        return self.model.problems + tuple(expiry_problems(self.model, self.today))

    def apply(self, findings: list[Finding], source: SourceFile) -> tuple[list[Finding], list[Finding]]:
        """(kept findings, re-ranked and explained; accepted findings with `suppressed` set)."""
        if not self.model.exists or self.model.is_empty or not findings:
            return list(findings), []
        facts = FileFacts(parse(source)) if self._needs_code else None
        kept: list[Finding] = []
        accepted: list[Finding] = []
        for finding in findings:
            if finding.origin == "engine":
                kept.append(finding)
                continue
            relpath = relative_path(finding.path or source.path, self.model.root)
            risk = matching_risk(self.model, finding, relpath)
            if risk is not None and not risk.expired(self.today):
                accepted.append(self._accept(finding, risk))
            else:
                kept.append(self.rank(finding, relpath, facts, risk))
        return kept, accepted

    def _accept(self, finding: Finding, risk: AcceptedRisk) -> Finding:
        context = ThreatContext(summary=f"accepted risk `{risk.id}`: {risk.justification}",
                                references=((self._ref_path, risk.line),), base_severity=finding.severity)
        return replace(finding, suppressed=suppression_text(risk), suppression_kind="external", threat=context)

    def entry_points_of(self, finding: Finding, relpath: str, facts: FileFacts | None) -> list[EntryPoint]:
        """Entry points covering the finding's location or any step of its taint trace."""
        offsets = sorted({finding.span.start.offset, *(step.span.start.offset for step in finding.trace)})
        found: dict[str, EntryPoint] = {}
        for offset in offsets:
            location = facts.location(offset) if facts is not None else None
            function = location.function if location else ""
            routes = location.routes if location else ()
            for entry in covering(self.model.entry_points, relpath, function, routes):
                found.setdefault(entry.id, entry)
        return [e for e in self.model.entry_points if e.id in found]

    def rank(self, finding: Finding, relpath: str, facts: FileFacts | None,
             expired: AcceptedRisk | None = None) -> Finding:
        """Apply the severity policy to one finding and explain it."""
        entries = self.entry_points_of(finding, relpath, facts)
        assets = touched_assets(finding, relpath, self.model.assets)
        controls = [c for c in self.model.controls if self._control_applies(c, finding, relpath)]
        base = finding.severity
        severity, parts = self._decide(base, relpath, entries, assets)
        if expired is not None and expired.expires is not None:
            parts.append(f"accepted risk `{expired.id}` expired on {expired.expires.isoformat()}")
        if controls:
            parts.append(_names("control", [f"`{c.id}`" for c in controls]) + " noted (not relied on)")
        if severity != base:
            parts.append(f"{'raised' if severity > base else 'lowered'} {base.label} → {severity.label}")
        if not parts:
            return finding
        refs = [e.line for e in entries] + [a.line for a in assets] + [c.line for c in controls]
        if expired is not None:
            refs.append(expired.expires_line if expired.expires_line is not None else expired.line)
        context = ThreatContext(
            summary="; ".join(parts), entry_points=tuple(e.id for e in entries), assets=tuple(a.id for a in assets),
            references=tuple((self._ref_path, line) for line in dict.fromkeys(refs)), base_severity=base)
        return replace(finding, severity=severity, threat=context)

    @staticmethod
    def _decide(base: Severity, relpath: str, entries: list[EntryPoint],
                assets: list[Asset]) -> tuple[Severity, list[str]]:
        parts: list[str] = []
        if entries:
            local_only = all(e.exposure == "local" for e in entries)
            kind = "entry point" if not local_only else "local entry point"
            parts.append(("reachable only from " if local_only else "reachable from ")
                         + _names(kind, [e.label for e in entries]))
        sensitive = [a for a in assets if a.sensitive]
        if assets:
            parts.append("touches " + _names("asset", [a.label for a in (sensitive or assets)]))
        if is_test_path(relpath):
            parts.insert(0, f"test code (`{relpath}`)")
            return _lower(base), parts
        if any(e.exposed for e in entries) and sensitive:
            return _raise(base), parts
        if entries and all(e.exposure == "local" for e in entries):
            return _lower(base), parts
        return base, parts

    @staticmethod
    def _control_applies(control: Control, finding: Finding, relpath: str) -> bool:
        if control.paths and not path_matches(relpath, control.paths):
            return False
        cwes = {f"CWE-{c}" for c in finding.cwe}
        return any(m.upper() in cwes or fnmatchcase(finding.rule_id, m) for m in control.mitigates)

"""Accepted risks: which findings they cover, and warnings for the ones that have expired."""

from __future__ import annotations

from datetime import date
from fnmatch import fnmatchcase

from threatmark.model import Finding, Problem
from threatmark.threat.globs import path_matches
from threatmark.threat.model import AcceptedRisk, ThreatModel


def risk_matches(risk: AcceptedRisk, finding: Finding, relpath: str) -> bool:
    """All given criteria hold: a rule glob matches, a fingerprint (or prefix) matches, a path matches."""
    if risk.rules and not any(fnmatchcase(finding.rule_id, glob) for glob in risk.rules):
        return False
    if risk.fingerprints and not (finding.fingerprint and any(
            finding.fingerprint.startswith(fp) or fp.startswith(finding.fingerprint) for fp in risk.fingerprints)):
        return False
    return not risk.paths or path_matches(relpath, risk.paths)


def matching_risk(model: ThreatModel, finding: Finding, relpath: str) -> AcceptedRisk | None:
    """The first acceptance that covers the finding (expired ones included; callers check)."""
    return next((r for r in model.accepted_risks if risk_matches(r, finding, relpath)), None)


def suppression_text(risk: AcceptedRisk) -> str:
    """What `--show-suppressed` and the hover show for an accepted finding."""
    until = f", until {risk.expires.isoformat()}" if risk.expires else ", no expiry"
    return f"{risk.justification} (accepted risk `{risk.id}`, owner {risk.owner}{until})"


def expiry_problems(model: ThreatModel, today: date | None = None) -> list[Problem]:
    """A warning on each expired acceptance's line: its findings are reported again."""
    today = today or date.today()
    problems = []
    for risk in model.accepted_risks:
        if risk.expired(today):
            assert risk.expires is not None
            line = risk.expires_line if risk.expires_line is not None else risk.line
            message = (f"accepted risk `{risk.id}` (owner {risk.owner}) expired on {risk.expires.isoformat()}: "
                       "its findings are reported again; renew or remove it")
            problems.append(Problem(model.path, message, line, "expires", "warning"))
    return problems

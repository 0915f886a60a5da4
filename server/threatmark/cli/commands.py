"""Implementations of `threatmark scan` and `threatmark rules ...` over the engine."""

from __future__ import annotations

import argparse
import sys

from threatmark.cli.report import json_report, text_report
from threatmark.cli.sarif import sarif_report
from threatmark.cli.scan import scan, terminal_progress
from threatmark.cli.threat_cmd import scan_threat_model
from threatmark.engine import Engine

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _engine(args: argparse.Namespace) -> Engine | None:
    engine = Engine.create(tuple(args.rules), builtin=not args.no_builtin_rules)
    for problem in engine.ruleset.problems:
        sys.stderr.write(f"threatmark: invalid rule skipped: {problem}\n")
    if not engine.rules:
        sys.stderr.write("threatmark: error: no rules loaded\n")
        return None
    return engine


def run_scan(args: argparse.Namespace) -> int:
    """Scan, write the report, and return the exit code for the severity threshold."""
    engine = _engine(args)
    if engine is None:
        return EXIT_ERROR
    threat, threat_problems, failed = scan_threat_model(args)
    if failed:
        return EXIT_ERROR
    show_progress = sys.stderr.isatty() and not args.no_progress
    result = scan(args.paths, engine, tuple(args.rules), builtin=not args.no_builtin_rules, jobs=args.jobs,
                  progress=terminal_progress if show_progress else None, threat=threat)
    if getattr(args, "llm", False):  # after the rules; their findings are reported whatever happens here
        from threatmark.cli.llm_cmd import review_scan

        review_scan(args, engine, result, threat)
    findings = [f for f in result.findings if f.severity >= args.min_severity]
    suppressed = [f for a in result.analyses for f in a.suppressed] if args.show_suppressed else []
    problems = threat_problems + [p for p in result.problems if p not in engine.ruleset.problems]
    for problem in problems:
        sys.stderr.write(f"threatmark: {problem}\n")
    if args.format == "sarif":
        report = sarif_report(findings, problems, engine.rules, suppressed)
    elif args.format == "json":
        report = json_report(findings, problems, result.files, suppressed)
    else:
        report = text_report(findings, [], result.files, suppressed)
    if not _write(report, args.output):
        return EXIT_ERROR
    if any(p.level == "error" and p.message.startswith("no such file") for p in problems) and not result.files:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _write(report: str, output: str | None) -> bool:
    if output is None or output == "-":
        sys.stdout.write(report)
        return True
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(report)
    except OSError as exc:
        sys.stderr.write(f"threatmark: error: cannot write {output}: {exc.strerror or exc}\n")
        return False
    return True


def run_rules(args: argparse.Namespace) -> int:
    engine = Engine.create(tuple(args.rules), builtin=not args.no_builtin_rules)
    problems = engine.ruleset.problems
    if args.rules_command == "validate":
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        sys.stdout.write(f"{len(engine.rules)} valid rule(s), {len(problems)} invalid\n")
        return EXIT_ERROR if problems else EXIT_CLEAN
    if args.rules_command == "list":
        for rule in sorted(engine.rules, key=lambda r: r.id):
            kind = "taint" if rule.taint else "pattern"
            fix = " fix" if rule.fix else ""
            cwe = ",".join(f"CWE-{c}" for c in rule.cwe)
            sys.stdout.write(f"{rule.id:45} {rule.severity.label:8} {kind:7}{fix:4} {cwe}\n")
        return EXIT_CLEAN
    return _rules_test(engine, args.ids)


def _rules_test(engine: Engine, ids: list[str]) -> int:
    from threatmark.ruletest import format_result, run_fixture

    for problem in engine.ruleset.problems:
        sys.stdout.write(f"INVALID {problem}\n")
    chosen = [r for r in sorted(engine.rules, key=lambda r: r.id) if not ids or r.id in ids]
    unknown = set(ids) - {r.id for r in chosen}
    for rule_id in sorted(unknown):
        sys.stdout.write(f"FAIL {rule_id}: no such rule\n")
    failed = len(unknown) + len(engine.ruleset.problems)
    passed = 0
    for rule in chosen:
        result = run_fixture(engine, rule)
        passed += result.passed
        failed += not result.passed
        sys.stdout.write(format_result(result) + "\n")
    sys.stdout.write(f"{passed} passed, {failed} failed\n")
    return EXIT_FINDINGS if failed else EXIT_CLEAN

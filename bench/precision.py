#!/usr/bin/env python3
"""Precision/recall of Threatmark, Bandit and `ruff --select S` on a labelled corpus, and of
Threatmark on its own rule fixtures.

    python bench/precision.py [--corpus bench/corpus] [--no-peers]

Corpus layout: one case per file, `bench/corpus/<category>/<name>.py`, whose first lines say
`# label: vulnerable` or `# label: safe`. A tool "flags" a case when it reports a finding whose
CWE belongs to the category (so an unrelated finding in a safe case does not count against it).
Prints, per category and overall: true-positive rate, false-positive rate and TPR - FPR.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from threatmark.core.rules import load_rules
from threatmark.engine import Engine
from threatmark.model import SourceFile
from threatmark.ruletest import run_fixture

HERE = Path(__file__).resolve().parent
CATEGORY_CWES: dict[str, set[int]] = {
    "sql": {89}, "command": {78, 77}, "code": {94, 95}, "path": {22, 23, 36, 73},
    "deserialization": {502}, "xss": {79, 80, 1336}, "xxe": {611, 776}, "ldap": {90}, "xpath": {643},
    "redirect": {601}, "ssrf": {918}, "trust-boundary": {501}, "header": {113}, "log": {117},
    "cookie": {614, 1004, 1275}, "weak-hash": {327, 328, 916}, "random": {330, 338},
    "cipher": {323, 326, 327, 329, 1204}, "tls": {295, 327, 757}, "jwt": {347}, "secrets": {798, 259},
    "debug": {489, 215},
    "bind": {605}, "tempfile": {377}, "permissions": {732}, "assert": {703, 617}, "redos": {1333, 400, 730},
    "mass-assignment": {915}, "csrf": {352},
}
RUFF_CWE = {
    "S608": 89, "S602": 78, "S605": 78, "S604": 78, "S609": 78, "S603": 78, "S607": 78, "S307": 95,
    "S102": 95, "S301": 502, "S302": 502, "S403": 502, "S506": 502, "S614": 502, "S324": 328, "S303": 328,
    "S311": 338, "S501": 295, "S323": 295, "S502": 295, "S503": 295, "S504": 295, "S105": 798, "S106": 798,
    "S107": 798, "S201": 489, "S104": 605, "S306": 377, "S108": 377, "S314": 611, "S313": 611, "S318": 611,
    "S319": 611, "S320": 611, "S410": 611, "S103": 732, "S101": 703, "S701": 79, "S704": 79, "S308": 79,
    "S305": 327, "S304": 327, "S505": 326, "S610": 89, "S611": 89, "S612": 295, "S508": 327,
}


def load_corpus(root: Path) -> list[tuple[str, Path, bool]]:
    """(category, file, is_vulnerable) for every labelled case."""
    cases = []
    for path in sorted(root.rglob("*.py")):
        head = path.read_text(encoding="utf-8")[:400]
        if "# label: vulnerable" in head or "# label: safe" in head:
            cases.append((path.parent.name, path, "# label: vulnerable" in head))
    return cases


def threatmark_flags(cases: list[tuple[str, Path, bool]]) -> dict[Path, set[int]]:
    engine = Engine.create()
    out = {}
    for _, path, _ in cases:
        analysis = engine.analyze(SourceFile(str(path), path.read_text(encoding="utf-8")),
                                  project=engine.project((path.parent,)))
        out[path] = {cwe for f in analysis.findings for cwe in f.cwe}
    return out


def bandit_flags(root: Path) -> dict[Path, set[int]] | None:
    if shutil.which("bandit") is None:
        return None
    proc = subprocess.run(["bandit", "-r", str(root), "-q", "-f", "json"], capture_output=True, text=True)
    out: dict[Path, set[int]] = defaultdict(set)
    for result in json.loads(proc.stdout or "{}").get("results", []):
        out[Path(result["filename"]).resolve()].add(int(result.get("issue_cwe", {}).get("id", 0)))
    return out


def ruff_flags(root: Path) -> dict[Path, set[int]] | None:
    if shutil.which("ruff") is None:
        return None
    proc = subprocess.run(["ruff", "check", "--isolated", "--select", "S", "--no-cache", "--exit-zero",
                           "--output-format", "json", str(root)], capture_output=True, text=True)
    out: dict[Path, set[int]] = defaultdict(set)
    for result in json.loads(proc.stdout or "[]"):
        out[Path(result["filename"]).resolve()].add(RUFF_CWE.get(result["code"], 0))
    return out


def score(cases: list[tuple[str, Path, bool]], flags: dict[Path, set[int]]) -> dict[str, tuple[float, float]]:
    """Per category (and 'ALL'): (true-positive rate, false-positive rate)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, vulnerable, fp, safe
    for category, path, vulnerable in cases:
        hit = bool(flags.get(path.resolve(), set()) & CATEGORY_CWES.get(category, set()))
        for key in (category, "ALL"):
            c = counts[key]
            if vulnerable:
                c[0] += hit
                c[1] += 1
            else:
                c[2] += hit
                c[3] += 1
    return {k: (c[0] / c[1] if c[1] else 0.0, c[2] / c[3] if c[3] else 0.0) for k, c in counts.items()}


def fixture_table() -> None:
    engine = Engine(load_rules())
    tp = fn = fp = 0
    for rule in engine.rules:
        result = run_fixture(engine, rule)
        tp += len(result.expected & result.found)
        fn += len(result.missed)
        fp += len(result.unexpected)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"rule fixtures ({len(engine.rules)} rules): precision {precision:.1%}, recall {recall:.1%} "
          f"(tp {tp}, fn {fn}, fp {fp})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    fixture_table()
    cases = load_corpus(args.corpus)
    if not cases:
        sys.exit(f"no labelled cases under {args.corpus}")
    tools = {"threatmark": threatmark_flags(cases)}
    if not args.no_peers:
        for name, run in (("bandit", bandit_flags), ("ruff-S", ruff_flags)):
            flags = run(args.corpus)
            if flags is not None:
                tools[name] = flags
    scores = {name: score(cases, flags) for name, flags in tools.items()}
    vulnerable = sum(v for _, _, v in cases)
    print(f"\ncorpus: {len(cases)} cases ({vulnerable} vulnerable, {len(cases) - vulnerable} safe)")
    header = "category".ljust(16) + "".join(f"{n + ' TPR/FPR/score':>30}" for n in tools)
    print(header)
    categories = [*sorted(k for k in scores["threatmark"] if k != "ALL"), "ALL"]
    for category in categories:
        row = category.ljust(16)
        for name in tools:
            tpr, fpr = scores[name].get(category, (0.0, 0.0))
            row += f"{tpr:>11.0%} {fpr:>7.0%} {tpr - fpr:>9.0%}  "
        print(row)


if __name__ == "__main__":
    main()

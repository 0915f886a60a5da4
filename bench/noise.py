#!/usr/bin/env python3
"""Review load on mature code: findings per tool on well-kept libraries and Django's own package.

    python bench/noise.py                 # flask, werkzeug, jinja2, requests, urllib3, pip, setuptools, django
    python bench/noise.py --show          # also list threatmark's findings, for review

These projects are reviewed by security-minded maintainers, so nearly every finding is a false
alarm or a deliberate choice (urllib3 switching `check_hostname` off because it matches host
names itself). The fewer findings a tool raises here, the less a developer has to triage; the
labelled corpus (bench/precision.py) is where detection is measured. Bandit is counted at all
severities and at medium and above; ruff runs its `S` (bandit-derived) rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

from scan_vs_peers import ensure_bandit_ruff, ensure_django

LIBRARIES = ("flask", "werkzeug", "jinja2", "requests", "urllib3", "pip", "setuptools")


def targets(django_spec: str) -> dict[str, Path]:
    """Installed library packages plus Django's package from its sdist (downloaded once)."""
    found: dict[str, Path] = {}
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            found[name] = Path(spec.origin).parent
    try:
        found["django"] = ensure_django(django_spec) / "django"
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  (no Django sdist: {exc})", file=sys.stderr)
    return found


def python_lines(root: Path) -> int:
    return sum(len(p.read_bytes().splitlines()) for p in root.rglob("*.py"))


def threatmark_findings(root: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "threatmark", "scan", str(root), "--format", "json"],
                         capture_output=True, text=True, check=False)
    return json.loads(out.stdout)["findings"] if out.returncode in (0, 1) else []


def bandit_counts(root: Path) -> tuple[int, int] | None:
    if shutil.which("bandit") is None:
        return None
    out = subprocess.run(["bandit", "-r", "-q", "-f", "json", str(root)], capture_output=True, text=True, check=False)
    results = json.loads(out.stdout or "{}").get("results", [])
    return len(results), sum(1 for r in results if r.get("issue_severity") in ("MEDIUM", "HIGH"))


def ruff_count(root: Path) -> int | None:
    if shutil.which("ruff") is None:
        return None
    out = subprocess.run(["ruff", "check", "--no-cache", "--isolated", "--select", "S", "--output-format", "json",
                          str(root)], capture_output=True, text=True, check=False)
    return len(json.loads(out.stdout or "[]"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django", default="5.2.*", help="Django version spec (default 5.2.*)")
    parser.add_argument("--show", action="store_true", help="list threatmark's findings")
    parser.add_argument("--no-install", action="store_true", help="do not pip install bandit/ruff")
    args = parser.parse_args()
    ensure_bandit_ruff(not args.no_install)
    rows, listed = [], []
    for name, root in targets(args.django).items():
        print(f"scanning {name} ...", file=sys.stderr)
        found = threatmark_findings(root)
        bandit = bandit_counts(root)
        rows.append((name, python_lines(root), len(found), bandit, ruff_count(root)))
        listed += [f"  {name}: {f['path'].rsplit(name + '/', 1)[-1]}:{f['line']} {f['rule_id']}" for f in found]
    print("| code | Python lines | threatmark | bandit (all / ≥ medium) | ruff S |")
    print("|---|---|---|---|---|")
    for name, lines, ours, bandit, ruff in rows:
        peer = f"{bandit[0]} / {bandit[1]}" if bandit else "n/a"
        print(f"| {name} | {lines:,} | {ours} | {peer} | {ruff if ruff is not None else 'n/a'} |")
    if args.show:
        print("\n".join(listed))


if __name__ == "__main__":
    main()

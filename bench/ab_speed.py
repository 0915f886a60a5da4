#!/usr/bin/env python3
"""Single-file analysis speed of this checkout against an earlier commit, measured alternately.

    python bench/ab_speed.py --baseline 73d56d5                 # 1,000 and 10,000 lines, 5 rounds
    python bench/ab_speed.py --baseline HEAD~3 --lines 10000 --rounds 9

The shared machine changes speed by up to 2x within minutes, so two figures taken minutes apart
say little about a 10-20 % change. This script checks the baseline out into a git worktree
(`bench/work/baseline-<rev>`, kept for the next run), then, round after round, runs the same
timing in a fresh interpreter for the baseline and for this checkout one after the other (the
order alternating), each taking the fastest of `--repeats` cold analyses after one warm-up, with
parse alone timed beside it for scale. It prints every round, then per file size the medians and
the ratio this/baseline of the rounds' paired figures (below 1: this checkout is faster). Both
sides analyse the same generated file (bench/make_corpus_file.py) with their own rules.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"

TIMING = r"""
import json, sys, time
sys.path.insert(0, {bench!r})
from make_corpus_file import make_file
from threatmark.core.parse import parse
from threatmark.engine import Engine
from threatmark.model import SourceFile
import threatmark
assert threatmark.__file__.startswith({server!r}), f"imported {{threatmark.__file__}}, not the package under {server}"
engine = Engine.create()
source = SourceFile("big.py", make_file({lines}))
engine.analyze(source)
best, best_parse = float("inf"), float("inf")
for _ in range({repeats}):
    start = time.perf_counter(); parse(source); best_parse = min(best_parse, time.perf_counter() - start)
    start = time.perf_counter(); engine.analyze(source); best = min(best, time.perf_counter() - start)
print(json.dumps({{"analyse": best * 1000, "parse": best_parse * 1000}}))
"""


def baseline_tree(rev: str) -> Path:
    """A worktree of `rev` under bench/work (created once; reused while it matches)."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    tree = WORK / f"baseline-{commit[:12]}"
    if not (tree / "server" / "threatmark").is_dir():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", "--force", str(tree), commit], cwd=ROOT, check=True,
                       capture_output=True, text=True)
    return tree


def timed(server: Path, lines: int, repeats: int) -> dict[str, float]:
    """Fastest analysis and parse (ms) of the generated file with the package under `server`."""
    code = TIMING.format(bench=str(ROOT / "bench"), lines=lines, repeats=repeats, server=str(server))
    env = {**os.environ, "PYTHONPATH": str(server)}
    done = subprocess.run([sys.executable, "-c", code], cwd=WORK, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(base: Path, lines: int, rounds: int, repeats: int) -> None:
    pairs: list[tuple[dict[str, float], dict[str, float]]] = []
    for i in range(rounds):
        sides = [("baseline", base / "server"), ("this", ROOT / "server")]
        figures = {name: timed(server, lines, repeats) for name, server in (sides if i % 2 == 0 else sides[::-1])}
        pairs.append((figures["baseline"], figures["this"]))
        b, t = pairs[-1]
        print(f"{lines:>6} lines round {i + 1}: baseline {b['analyse']:7.1f} ms (parse {b['parse']:5.1f})"
              f" | this {t['analyse']:7.1f} ms (parse {t['parse']:5.1f}) | ratio {t['analyse'] / b['analyse']:.2f}")
    base_ms = statistics.median(b["analyse"] for b, _ in pairs)
    this_ms = statistics.median(t["analyse"] for _, t in pairs)
    ratio = statistics.median(t["analyse"] / b["analyse"] for b, t in pairs)
    per_parse = statistics.median(t["analyse"] / t["parse"] for _, t in pairs)
    base_per_parse = statistics.median(b["analyse"] / b["parse"] for b, _ in pairs)
    print(f"{lines:>6} lines: baseline median {base_ms:.1f} ms, this {this_ms:.1f} ms; ratio this/baseline "
          f"{ratio:.2f} (median of paired rounds); analysis/parse {base_per_parse:.1f} -> {per_parse:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="a git revision to compare with (e.g. HEAD~3, a sha)")
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds per file size (default 5)")
    parser.add_argument("--repeats", type=int, default=0, help="analyses per side per round (default: 40 for "
                        "files under 5,000 lines, 8 above)")
    args = parser.parse_args()
    try:
        base = baseline_tree(args.baseline)
    except subprocess.CalledProcessError as error:
        print(f"ab_speed: cannot check out {args.baseline!r}: {(error.stderr or '').strip()}", file=sys.stderr)
        return 2
    print(f"baseline {args.baseline} in {base}")
    for lines in args.lines:
        compare(base, lines, args.rounds, args.repeats or (40 if lines < 5000 else 8))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

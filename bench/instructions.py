#!/usr/bin/env python3
"""Machine instructions per single-file analysis, this checkout against an earlier commit.

    python bench/instructions.py --baseline 09f08ea              # 1,000 and 10,000 lines
    python bench/instructions.py --baseline HEAD~2 --lines 10000

Wall time on the shared machine moves by up to 2x within minutes; the number of instructions a
run executes hardly moves at all, so it shows a change of a few per cent that timing cannot.
Each side runs under valgrind's callgrind (`apt-get install valgrind`) in a fresh interpreter,
once with one analysis of the generated file (bench/make_corpus_file.py) and once with three;
the difference over two is one analysis, without start-up, rule loading or the first analysis's
one-off work (query compilation). Instructions are not time (cache misses and branch
mispredictions are not counted), so confirm a change with bench/ab_speed.py. Takes about a
minute per side at 10,000 lines.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ab_speed import ROOT, WORK, baseline_tree

RUN = r"""
import sys
sys.path.insert(0, {bench!r})
from make_corpus_file import make_file
from threatmark.engine import Engine
from threatmark.model import SourceFile
import threatmark
assert threatmark.__file__.startswith({server!r}), f"imported {{threatmark.__file__}}, not the package under {server}"
engine = Engine.create()
source = SourceFile("big.py", make_file({lines}))
for _ in range({analyses}):
    engine.analyze(source)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(server: Path, lines: int, analyses: int) -> int:
    """Instructions executed by a fresh interpreter that loads the rules and runs `analyses` analyses."""
    code = RUN.format(bench=str(ROOT / "bench"), lines=lines, analyses=analyses, server=str(server))
    env = {**os.environ, "PYTHONPATH": str(server)}
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code]
    done = subprocess.run(command, cwd=WORK, env=env, capture_output=True, text=True)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_analysis(server: Path, lines: int) -> float:
    """Millions of instructions of one analysis (three analyses minus one, halved)."""
    return (instructions(server, lines, 3) - instructions(server, lines, 1)) / 2 / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="a git revision to compare with (e.g. HEAD~3, a sha)")
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install -y valgrind)", file=sys.stderr)
        return 2
    base = baseline_tree(args.baseline)
    print(f"baseline {args.baseline} in {base.relative_to(ROOT)}")
    for lines in args.lines:
        before, after = per_analysis(base / "server", lines), per_analysis(ROOT / "server", lines)
        print(f"{lines:>6} lines: baseline {before:8.1f} M instructions per analysis, this {after:8.1f} M;"
              f" ratio this/baseline {after / before:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

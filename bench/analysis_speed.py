#!/usr/bin/env python3
"""Single-file analysis speed: full analysis of a 1,000- and a 10,000-line file (parse + all
rules + taint), and incremental re-parse after a one-character edit on the 10,000-line file.

    python bench/analysis_speed.py [--runs 30]

Prints medians and p95 over many runs; goals from the foundation issue: <= 20 ms (1k lines),
<= 150 ms (10k lines), <= 2 ms (incremental re-parse). Also the re-analysis after an edit inside a
function with the document's memo (threatmark.reuse), which is what an editor waits for (no goal
in the foundation issue). Not a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus_file import make_file
from threatmark.core.parse import Document, parse
from threatmark.engine import Engine
from threatmark.model import SourceFile
from threatmark.reuse import Memo


def timed(fn, runs: int) -> list[float]:
    """Milliseconds of each run of fn()."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def toggle(document: Document, anchor: int, run: int) -> None:
    """Type "x" at the anchor on even runs, delete it on odd ones."""
    if run % 2 == 0:
        document.edit(anchor, anchor, "x")
    else:
        document.edit(anchor, anchor + 1, "")


def incremental_edits(text: str, runs: int) -> list[float]:
    """Time one-character edits (insert then delete) with one tree edited in place."""
    document = Document(SourceFile("big.py", text))
    anchor = document.data.index(b"def ", len(document.data) // 2)
    document.edit(anchor, anchor, "x")  # the first edit after a full parse is slower; not counted
    document.edit(anchor, anchor + 1, "")
    out = []
    for i in range(runs):
        start = time.perf_counter()
        toggle(document, anchor, i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def reanalysis(engine: Engine, text: str, runs: int) -> tuple[list[float], int]:
    """ms of edit + re-analysis with the document's Memo (what the language server does), for a
    one-character edit typed and deleted inside a view's body; and how many runs reused."""
    document, memo = Document(SourceFile("edited.py", text)), Memo()
    engine.analyze(document.snapshot(), memo=memo)
    anchor = document.data.index(b"= request.", len(document.data) // 2) + 2
    out = []
    for i in range(runs):
        start = time.perf_counter()
        toggle(document, anchor, i)
        engine.analyze(document.snapshot(), memo=memo)
        out.append((time.perf_counter() - start) * 1000)
    return out, memo.reused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    engine = Engine.create()
    print(f"rules loaded: {len(engine.rules)} ({sum(1 for r in engine.rules if r.taint)} taint)")
    rows = []
    for lines, goal in ((1_000, 20.0), (10_000, 150.0)):
        text = make_file(lines)
        source = SourceFile(f"corpus_{lines}.py", text)
        findings = len(engine.analyze(source).findings)
        parse_ms = timed(lambda s=source: parse(s), args.runs)
        total_ms = timed(lambda s=source: engine.analyze(s), args.runs)
        rows.append(
            (
                f"analyse {lines:,} lines",
                statistics.median(total_ms),
                p95(total_ms),
                goal,
                f"parse alone {statistics.median(parse_ms):.1f} ms; {findings} findings",
            )
        )
    edits = incremental_edits(make_file(10_000), args.runs * 10)
    rows.append(("1-char incremental re-parse, 10k", statistics.median(edits), p95(edits), 2.0, ""))
    for lines in (1_000, 10_000):
        again, reused = reanalysis(engine, make_file(lines), args.runs)
        rows.append((f"re-analyse {lines:,} after an edit", statistics.median(again), p95(again), None,
                     f"typing in a function, as the editor does (re-parse included); {reused} of {args.runs} "
                     "re-analysed in part"))
    print(f"{'measure':36} {'median ms':>10} {'p95 ms':>8} {'goal ms':>8}  notes")
    for name, median, high, goal, note in rows:
        verdict = "-" if goal is None else "ok" if median <= goal else "OVER"
        goal_text = "-" if goal is None else f"{goal:.1f}"
        print(f"{name:36} {median:10.2f} {high:8.2f} {goal_text:>8}  {verdict} {note}")


if __name__ == "__main__":
    main()

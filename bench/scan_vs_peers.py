#!/usr/bin/env python3
"""Compare `threatmark scan` with bandit, ruff (S rules) and semgrep on the Django source tree.

Each tool runs as a whole process over the same directory ``--runs`` times; the script reports the
median wall time, CPU time (user + sys), peak RSS and findings count of each tool, and each peer's
ratio to threatmark.

    python bench/scan_vs_peers.py                  # Django 5.2 sdist, 3 runs, every tool found
    python bench/scan_vs_peers.py --runs 1 --tools bandit,ruff
    python bench/scan_vs_peers.py --target some/dir

Downloads, the extracted tree, the semgrep virtualenv and raw outputs go to bench/work/
(git-ignored). Peak RSS is the largest single process of the tool's process tree (what wait4
reports), not the sum over processes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
SEMGREP_RULES = BENCH / "peers" / "semgrep-rules.yaml"
PEERS_VENV = WORK / "peers-venv"
GNU_TIME = Path("/usr/bin/time")

# Run in a fresh interpreter when GNU time is missing: RUSAGE_CHILDREN then covers exactly one tool run.
RUSAGE_WRAPPER = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    rc = subprocess.call(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": ru.ru_maxrss}))
"""


@dataclass
class Tool:
    """How to run one scanner and count its findings."""

    name: str
    argv: Callable[[Path, Path], list[str]]  # (target, output file) -> command line
    ok_codes: tuple[int, ...]
    count: Callable[[Path], int]  # output file -> number of findings
    stdout_is_output: bool = False  # the report is written to stdout, not to the output file


@dataclass
class Run:
    """One measured run."""

    rc: int
    wall: float
    cpu: float
    rss_mb: float
    load: float = 0.0  # 1-minute load average just before the run
    findings: int | None = None
    error: str = ""


@dataclass
class Result:
    """All runs of one tool."""

    tool: str
    runs: list[Run] = field(default_factory=list)

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if not r.error]

    def median(self, attr: str) -> float | None:
        values = [getattr(r, attr) for r in self.good]
        return statistics.median(values) if values else None


def count_json(path: Path) -> int:
    """Count findings in a JSON report: a list, or an object with a list of results/findings."""
    data = json.loads(path.read_text() or "null")
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        for key in ("findings", "results", "diagnostics", "issues"):
            if isinstance(data.get(key), list):
                return len(data[key])
        if isinstance(data.get("summary"), dict) and isinstance(data["summary"].get("findings"), int):
            return data["summary"]["findings"]
    raise ValueError(f"unrecognised report shape in {path}")


def pip_install(python: str, *packages: str) -> bool:
    """Install packages with `python -m pip`; True on success."""
    print(f"installing {' '.join(packages)} ...", file=sys.stderr)
    proc = subprocess.run([python, "-m", "pip", "install", "-q", *packages], capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    return proc.returncode == 0


def ensure_bandit_ruff(install: bool) -> None:
    """Install bandit and ruff into the current environment if they are missing."""
    missing = [name for name in ("bandit", "ruff") if shutil.which(name) is None]
    if missing and install:
        pip_install(sys.executable, *missing)


def ensure_semgrep(install: bool) -> str | None:
    """Return a semgrep executable, installing it into its own venv (its pins clash with ours)."""
    venv_bin = PEERS_VENV / "bin" / "semgrep"
    if venv_bin.exists():
        return str(venv_bin)
    if found := shutil.which("semgrep"):
        return found
    if not install:
        return None
    subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    if pip_install(str(PEERS_VENV / "bin" / "python"), "semgrep") and venv_bin.exists():
        return str(venv_bin)
    return None


def ensure_django(spec: str) -> Path:
    """Download (if needed) and extract the Django sdist; return the extracted tree."""
    WORK.mkdir(parents=True, exist_ok=True)
    prefix = spec.rstrip(".*")
    sdists = sorted(WORK.glob(f"django-{prefix}*.tar.gz")) or sorted(WORK.glob(f"Django-{prefix}*.tar.gz"))
    if not sdists:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, f"django=={spec}", "-d", str(WORK)], check=True)
        sdists = sorted(WORK.glob("[dD]jango-*.tar.gz"))
    sdist = sdists[-1]
    tree = WORK / sdist.name.removesuffix(".tar.gz")
    if not tree.is_dir():
        with tarfile.open(sdist) as tar:
            tar.extractall(WORK, filter="data")
    # An empty .semgrepignore replaces semgrep's default ignores (tests/, ...): same files for every tool.
    (tree / ".semgrepignore").touch()
    return tree


def threatmark_available() -> bool:
    """True once the `threatmark scan` command exists and answers --help."""
    exe = shutil.which("threatmark")
    if exe is None:
        return False
    proc = subprocess.run([exe, "scan", "--help"], capture_output=True, text=True)
    return proc.returncode == 0


def make_tools(semgrep: str | None, with_threatmark: bool, target: Path) -> list[Tool]:
    """The tools to run, threatmark first."""
    tools: list[Tool] = []
    if with_threatmark:
        tools.append(
            Tool(
                "threatmark",
                lambda t, o: ["threatmark", "scan", str(t), "--format", "json", "--output", str(o)],
                (0, 1),
                count_json,
            )
        )
    if shutil.which("bandit"):
        tools.append(
            Tool(
                "bandit",
                lambda t, o: ["bandit", "-r", str(t), "-q", "-f", "json", "-o", str(o)],
                (0, 1),
                lambda o: len(json.loads(o.read_text())["results"]),
            )
        )
    if shutil.which("ruff"):
        ruff = ["ruff", "check", "--isolated", "--select", "S", "--no-cache", "--exit-zero", "--output-format", "json"]
        tools.append(Tool("ruff-S", lambda t, o: [*ruff, str(t)], (0,), count_json, stdout_is_output=True))
    if semgrep:
        sg = [semgrep, "scan", "--config", str(SEMGREP_RULES), "--metrics=off", "--disable-version-check", "--quiet"]
        tools.append(
            Tool(
                "semgrep",
                lambda t, o: [*sg, "--project-root", str(target), "--json", "-o", str(o), str(t)],
                (0,),
                lambda o: len(json.loads(o.read_text())["results"]),
            )
        )
    return tools


def measure(argv: list[str], stdout_file: Path) -> tuple[int, float, float, float, str]:
    """Run argv once; return (exit code, wall s, cpu s, peak RSS MB, stderr tail)."""
    stats = WORK / "time.out"
    if GNU_TIME.exists():
        with open(stdout_file, "wb") as out:
            proc = subprocess.run(
                [str(GNU_TIME), "-f", "%x %e %U %S %M", "-o", str(stats), *argv], stdout=out, stderr=subprocess.PIPE
            )
        rc_s, wall, user, sys_s, rss_kb = stats.read_text().split("\n")[-2].split()
        return int(rc_s), float(wall), float(user) + float(sys_s), int(rss_kb) / 1024, proc.stderr.decode()[-800:]
    proc = subprocess.run(
        [sys.executable, "-c", RUSAGE_WRAPPER, str(stdout_file), *argv], capture_output=True, text=True
    )
    data = json.loads(proc.stdout)
    return data["rc"], data["wall"], data["cpu"], data["rss_kb"] / 1024, proc.stderr[-800:]


def bench_tool(tool: Tool, target: Path, runs: int) -> Result:
    """Run one tool `runs` times over target."""
    result = Result(tool.name)
    report = WORK / f"report-{tool.name}.json"
    stdout_file = report if tool.stdout_is_output else WORK / f"stdout-{tool.name}.txt"
    for i in range(runs):
        report.unlink(missing_ok=True)
        load = os.getloadavg()[0]
        rc, wall, cpu, rss, err = measure(tool.argv(target, report), stdout_file)
        run = Run(rc, wall, cpu, rss, load)
        if rc not in tool.ok_codes:
            run.error = f"exit {rc}: {err.strip()}"
        else:
            try:
                run.findings = tool.count(report)
            except (OSError, ValueError, KeyError) as exc:
                run.error = f"cannot count findings: {exc}"
        result.runs.append(run)
        status = run.error or f"{run.findings} findings"
        print(
            f"  {tool.name} run {i + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s cpu, {rss:.0f} MB, {status}"
            f" (load before: {load:.1f})",
            file=sys.stderr,
        )
    return result


def ratio(value: float | None, base: float | None) -> str:
    """value / base formatted, or '-'."""
    return f"{value / base:.2f}x" if value is not None and base else "-"


def table(results: list[Result]) -> str:
    """Markdown table of the medians, with each tool's ratio to threatmark."""
    base = next((r for r in results if r.tool == "threatmark" and r.good), None)
    lines = [
        "| tool | median wall s | median cpu s | peak MB | findings | wall vs threatmark | cpu vs threatmark"
        " | RSS vs threatmark |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if not r.good:
            lines.append(f"| {r.tool} | error: {r.runs[-1].error[:80]} | | | | | | |")
            continue
        wall, cpu = r.median("wall"), r.median("cpu")
        peak = max(run.rss_mb for run in r.good)
        findings = r.good[-1].findings
        base_wall = base.median("wall") if base else None
        base_cpu = base.median("cpu") if base else None
        base_rss = max(run.rss_mb for run in base.good) if base else None
        lines.append(
            f"| {r.tool} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {findings} | "
            f"{ratio(wall, base_wall)} | {ratio(cpu, base_cpu)} | {ratio(peak, base_rss)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per tool (default 3)")
    parser.add_argument("--tools", default="threatmark,bandit,ruff-S,semgrep", help="comma-separated subset")
    parser.add_argument("--django", default="5.2.*", help="Django version spec for pip download (default 5.2.*)")
    parser.add_argument("--target", type=Path, help="scan this directory instead of the Django sdist")
    parser.add_argument("--no-install", action="store_true", help="do not pip install missing peers")
    parser.add_argument("--json", type=Path, default=WORK / "scan_vs_peers.json", help="raw results file")
    args = parser.parse_args(argv)

    wanted = set(args.tools.split(","))
    target = args.target.resolve() if args.target else ensure_django(args.django)
    ensure_bandit_ruff(not args.no_install)
    semgrep = ensure_semgrep(not args.no_install) if "semgrep" in wanted else None
    with_tm = "threatmark" in wanted and threatmark_available()
    if "threatmark" in wanted and not with_tm:
        print("threatmark scan is not available yet: peers only, no ratios", file=sys.stderr)
    if "semgrep" in wanted and semgrep is None:
        print("semgrep is not available: skipped", file=sys.stderr)
    py_files = sum(1 for _ in target.rglob("*.py"))
    print(
        f"target: {target} ({py_files} .py files), {args.runs} runs per tool, {os.cpu_count()} cores", file=sys.stderr
    )

    results = [
        bench_tool(tool, target, args.runs) for tool in make_tools(semgrep, with_tm, target) if tool.name in wanted
    ]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps([{"tool": r.tool, "runs": [vars(run) for run in r.runs]} for r in results], indent=2)
    )
    print(f"\ntarget: {target.name} ({py_files} .py files), median of {args.runs} runs\n")
    print(table(results))
    busiest = max((run.load for r in results for run in r.runs), default=0.0)
    if busiest > (os.cpu_count() or 1):
        print(
            f"\nwarning: load average reached {busiest:.1f} on {os.cpu_count()} cores: wall times are inflated,"
            " compare the CPU column"
        )
    return 0 if all(r.good for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""`threatmark scan`: analyse files on both cores, verify fixes, and collect the results."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from threatmark.cli.walk import Skipped, discover, read_source
from threatmark.core.taint.project import Project
from threatmark.engine import Engine, ThreatApplier
from threatmark.model import Analysis, Finding, Problem, SourceFile

_PARALLEL_THRESHOLD = 16
_worker_engine: Engine | None = None
_worker_project: Project | None = None
_worker_threat: ThreatApplier | None = None


@dataclass
class ScanResult:
    """Analyses of every scanned file plus the problems met on the way."""

    analyses: list[Analysis] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.analyses for f in a.findings]


def analyse_path(engine: Engine, path: str, project: Project | None = None,
                 threat: ThreatApplier | None = None) -> Analysis | Problem:
    """Read and analyse one file (ranked by the threat model, if any); never raises for bad input."""
    text = read_source(path)
    if isinstance(text, Skipped):
        return Problem(path, text.reason, level="warning")
    source = SourceFile(path, text)
    try:
        analysis = engine.analyze(source, threat=threat, project=project)
        findings = engine.verify_file(source, analysis.findings)
    except Exception as exc:  # an engine bug must not end the whole scan
        return Problem(path, f"internal error while analysing: {type(exc).__name__}: {exc}")
    return replace(analysis, findings=findings, source=replace(source, text=""))


def _init_worker(rule_dirs: tuple[str, ...], builtin: bool, roots: tuple[str, ...],
                 threat: ThreatApplier | None = None) -> None:
    global _worker_engine, _worker_project, _worker_threat
    _worker_engine = Engine.create(rule_dirs, builtin=builtin)
    _worker_project = _worker_engine.project(roots)
    _worker_threat = threat


def _work(path: str) -> Analysis | Problem:
    assert _worker_engine is not None
    return analyse_path(_worker_engine, path, _worker_project, _worker_threat)


def project_roots(paths: list[str]) -> tuple[str, ...]:
    """Folders that imports are resolved against: scanned folders, or the folders of files."""
    return tuple(dict.fromkeys(str(Path(p) if Path(p).is_dir() else Path(p).parent) for p in paths))


def scan(paths: list[str], engine: Engine, rule_dirs: tuple[str, ...], builtin: bool = True,
         jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
         threat: ThreatApplier | None = None) -> ScanResult:
    """Scan files and folders; results keep the discovery order."""
    result = ScanResult(problems=[p for p in engine.ruleset.problems])
    files: list[str] = []
    for item in discover(paths):
        if isinstance(item, Skipped):
            result.problems.append(Problem(item.path, item.reason))
        else:
            files.append(item)
    result.files = len(files)
    jobs = jobs or os.cpu_count() or 1
    roots = project_roots(paths)
    if len(files) < _PARALLEL_THRESHOLD or jobs == 1:
        project = engine.project(roots)
        outcomes: Iterable[Analysis | Problem] = (analyse_path(engine, f, project, threat) for f in files)
        _collect(outcomes, result, len(files), progress)
        return result
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(rule_dirs, builtin, roots, threat)) as pool:
        _collect(pool.map(_work, files, chunksize=8), result, len(files), progress)
    return result


def _collect(outcomes: Iterable[Analysis | Problem], result: ScanResult, total: int,
             progress: Callable[[int, int], None] | None) -> None:
    for done, outcome in enumerate(outcomes, start=1):
        if isinstance(outcome, Problem):
            result.problems.append(outcome)
        else:
            result.analyses.append(outcome)
        if progress is not None:
            progress(done, total)


def terminal_progress(done: int, total: int) -> None:
    """A one-line progress bar on stderr (only used when stderr is a terminal)."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()

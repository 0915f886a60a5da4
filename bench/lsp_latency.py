#!/usr/bin/env python3
"""Language-server latency and memory, through a real stdio client (pygls' LanguageClient).

    python bench/lsp_latency.py                  # 1,000- and 10,000-line files, 15 runs each
    python bench/lsp_latency.py --runs 30 --lines 1000 10000 --docs 200

For each file size it measures, against `python -m threatmark serve`:

* save → diagnostics (`run: onSave`): a one-character edit, then `didSave` until the
  `publishDiagnostics` of that version, for three edits: typing inside a function (which the
  server re-analyses in part: that function and what uses it), on an empty line between two
  functions, and on an import line (which makes it analyse the whole file again);
* type → diagnostics (`run: onType`): the `didChange` of a one-character edit until the
  diagnostics of that version, minus the debounce (`debounceMs`, set to 50 here);
* engine only: a full `Engine.analyze` of the same document in this process after a one-character
  incremental edit, to separate the engine's time from the server's;
* bandit: `bandit -q -f json FILE` as a process, what an editor plugin for it runs on save.

The server analyses files of 60 kB and more on both cores (its taint helper process), so for the
10,000-line file "save → diagnostics" can beat "engine only", which is one process. Set
`THREATMARK_TAINT_HELPER=0` to measure the server without the helper.

Then it opens `--docs` documents at once and reads the server's resident memory once all are
analysed. Prints a table; the goals come from issue 4. This is a benchmark, not a test: run it on
a quiet machine (the figures scale with load; the load average is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from scan_vs_peers import ensure_bandit_ruff

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DEBOUNCE_MS = 50


def corpus(lines: int, seed: int = 0) -> str:
    """bench/make_corpus_file.py's deterministic Flask/Django-style module."""
    from make_corpus_file import make_file

    return make_file(lines, seed)


class Bench:
    """A pygls client connected to `threatmark serve`, recording when diagnostics arrive."""

    def __init__(self) -> None:
        self.client = LanguageClient("threatmark-bench", "1")
        self.arrived: dict[str, list[tuple[int | None, float, int]]] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.arrived.setdefault(params.uri, []).append(
                (params.version, time.perf_counter(), len(params.diagnostics)))
            self.event.set()

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params: types.ConfigurationParams):
            return [None for _ in params.items]

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log_message(params: types.LogMessageParams) -> None:
            pass

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show_message(params: types.ShowMessageParams) -> None:
            print(f"  server says: {params.message}", file=sys.stderr)

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "threatmark", "serve", "--stdio", "--log-level", "WARNING")
        caps = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True)),
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]))
        await self.client.initialize_async(types.InitializeParams(
            capabilities=caps, process_id=os.getpid(), root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options={"settings": {"debounceMs": DEBOUNCE_MS}}))
        self.client.initialized(types.InitializedParams())

    @property
    def pid(self) -> int:
        return self.client._server.pid  # the server subprocess

    async def wait(self, uri: str, count: int, timeout: float = 300) -> tuple[int | None, float, int]:
        """The `count`-th publish for `uri` (1-based)."""
        async def until():
            while len(self.arrived.get(uri, [])) < count:
                self.event.clear()
                await self.event.wait()
        await asyncio.wait_for(until(), timeout)
        return self.arrived[uri][count - 1]

    async def wait_version(self, uri: str, version: int, timeout: float = 300) -> float:
        """When diagnostics for `version` of `uri` arrived."""
        async def until():
            while not any(v == version for v, _, _ in self.arrived.get(uri, [])):
                self.event.clear()
                await self.event.wait()
        await asyncio.wait_for(until(), timeout)
        return next(t for v, t, _ in self.arrived[uri] if v == version)

    def configure(self, settings: dict) -> None:
        self.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"threatmark": settings}))

    def open(self, uri: str, text: str) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))

    def change(self, uri: str, version: int, edit: tuple[int, int, str], insert: bool) -> None:
        """Insert `edit`'s text at (line, column), or delete it again."""
        line, column, text = edit
        start = types.Position(line=line, character=column)
        end = start if insert else types.Position(line=line, character=column + len(text))
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=start, end=end), text=text if insert else "")]))

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 30)
            self.client.exit(None)
        finally:
            await self.client.stop()


def edits(text: str) -> dict[str, tuple[int, int, str]]:
    """The one-character edits measured, as (line, column, text), near the middle of the file (the import at the top):
    typing inside a view's body (`= request.…` becomes `= xrequest.…`: its flow goes away),
    on an empty line between two functions, and on an import line (which may change names
    file-wide, so the server analyses the whole file again)."""
    lines = text.splitlines()
    middle = len(lines) // 2
    body = next(i for i in range(middle, len(lines)) if "= request." in lines[i])
    blank = next(i for i in range(middle, len(lines)) if lines[i] == "" and lines[i + 1] == "")
    imports = next(i for i, line in enumerate(lines) if line.startswith("import "))
    return {"in a function": (body, lines[body].index("= request.") + 2, "x"),
            "between functions": (blank, 0, "#"), "an import line": (imports, 0, "#")}


async def latencies(bench: Bench, root: Path, lines: int, runs: int) -> dict[str, list[float]]:
    """ms lists per edit kind with `run: onSave` (save → diagnostics), and 'typed' (run: onType,
    the edit inside a function, minus the debounce) on one generated file."""
    text = corpus(lines)
    path = root / f"corpus_{lines}.py"
    path.write_text(text)
    uri = path.as_uri()
    bench.open(uri, text)
    await bench.wait_version(uri, 1)  # the analysis on open
    kinds = edits(text)
    out: dict[str, list[float]] = {kind: [] for kind in (*kinds, "typed")}
    version = 1
    for mode in ("onSave", "onType"):
        published = len(bench.arrived[uri])
        bench.configure({"run": mode, "debounceMs": DEBOUNCE_MS})
        with contextlib.suppress(TimeoutError):  # a settings change re-analyses open documents
            await bench.wait(uri, published + 1, timeout=60)
        for kind, edit in kinds.items() if mode == "onSave" else [("typed", kinds["in a function"])]:
            for run in range(runs * 2):  # insert, then delete: the text is the same after each pair
                version += 1
                bench.change(uri, version, edit, insert=run % 2 == 0)
                if mode == "onSave":
                    await asyncio.sleep(0.05)  # typing, then saving: nothing is analysed before the save
                started = time.perf_counter()
                if mode == "onSave":
                    bench.save(uri)
                arrived = await bench.wait_version(uri, version)
                elapsed = (arrived - started) * 1000
                out[kind].append(elapsed - (DEBOUNCE_MS if mode == "onType" else 0))
    return out


def engine_only(lines: int, runs: int) -> list[float]:
    """In-process `Engine.analyze` after a one-character incremental edit (ms)."""
    from threatmark.core.parse import Document
    from threatmark.engine import Engine
    from threatmark.model import SourceFile

    engine = Engine.create()
    document = Document(SourceFile("corpus.py", corpus(lines)))
    engine.analyze(document.snapshot())
    out = []
    for run in range(runs):
        started = time.perf_counter()
        if run % 2 == 0:
            document.edit(0, 0, "#")
        else:
            document.edit(0, 1, "")
        engine.analyze(document.snapshot())
        out.append((time.perf_counter() - started) * 1000)
    return out


def bandit_runs(path: Path, runs: int) -> list[float]:
    """Wall times (ms) of `bandit` as a process on `path`; empty when bandit is not installed."""
    if shutil.which("bandit") is None:
        return []
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(["bandit", "-q", "-f", "json", str(path)], capture_output=True, check=False)
        out.append((time.perf_counter() - started) * 1000)
    return out


async def memory(bench: Bench, root: Path, docs: int) -> tuple[float, float]:
    """(server RSS, its helper processes' RSS) in MB once `docs` documents (200-700 lines each)
    are open and analysed."""
    uris = []
    for i in range(docs):
        uri = (root / "many" / f"module_{i}.py").as_uri()
        bench.open(uri, corpus(200 + (i % 11) * 50, seed=i))
        uris.append(uri)
    for uri in uris:
        await bench.wait(uri, 1, timeout=900)
    return rss_mb(bench.pid), sum(rss_mb(pid) for pid in children(bench.pid))


def children(pid: int) -> list[int]:
    """Child processes of `pid` (the server's taint helper, started by the large files)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError), open(entry / "stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bandit_cells(bandit: list[float], save_median: float) -> str:
    """The bandit median and bandit ÷ save table cells, or n/a when bandit did not run."""
    if not bandit:
        return "n/a | n/a"
    return f"{statistics.median(bandit):.0f} ms | {statistics.median(bandit) / save_median:.1f}×"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--bandit-runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {args.runs} runs per figure",
          file=sys.stderr)
    ensure_bandit_ruff(install=True)
    if shutil.which("bandit") is None:
        print("bandit is not installed and could not be installed; its column is left empty", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="threatmark-bench-") as tmp:
        root = Path(tmp)
        (root / "many").mkdir()
        bench = Bench()
        await bench.start(root)
        try:
            for lines in args.lines:
                print(f"measuring {lines} lines ...", file=sys.stderr)
                lsp = await latencies(bench, root, lines, args.runs)
                engine = engine_only(lines, args.runs)
                bandit = bandit_runs(root / f"corpus_{lines}.py", args.bandit_runs)
                rows.append((lines, lsp, engine, bandit))
            print(f"opening {args.docs} documents ...", file=sys.stderr)
            rss = await memory(bench, root, args.docs)
        finally:
            await bench.stop()
    goals = {1000: 30, 10_000: 150}
    print("| file | save → diagnostics, edit in a function | … on a line between functions "
          "| … on an import line (full re-analysis) | type → diagnostics, in a function (minus debounce) "
          "| engine only, full analysis | bandit process | bandit ÷ save in a function | goal (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for lines, lsp, engine, bandit in rows:
        goal = goals.get(lines)
        cells = " | ".join(f"{statistics.median(lsp[k]):.0f} / {p95(lsp[k]):.0f} ms"
                           for k in ("in a function", "between functions", "an import line", "typed"))
        print(f"| {lines:,} lines | {cells} | {statistics.median(engine):.0f} ms "
              f"| {bandit_cells(bandit, statistics.median(lsp['in a function']))} "
              f"| {f'≤ {goal} ms' if goal else '-'} |")
    print("\n(median / p95 over the runs; each edit is typed then deleted, so half the runs delete)")
    server_mb, helper_mb = rss
    print(f"\nserver RSS with {args.docs} open documents: {server_mb:.0f} MB (goal ≤ 300 MB); its taint "
          f"helper process (started by the large files measured above, still open): {helper_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))

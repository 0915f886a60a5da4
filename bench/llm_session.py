#!/usr/bin/env python3
"""What the LLM review costs per save, and that it never delays the rule diagnostics.

    python bench/llm_session.py                       # scripted endpoint, 1,000-line file, 40 saves
    python bench/llm_session.py --saves 100 --delay 2
    python bench/llm_session.py --base-url http://127.0.0.1:8765/v1 --model gemma-3-270m \
        --lines 60 --saves 5 --skip-lsp              # a real OpenAI-compatible server (slow)

1. Cold review of a generated N-line file (bench/make_corpus_file.py): requests and tokens.
2. A one-function edit, then save: requests and tokens (goal: 1 request).
3. A simulated editing session (seeded): each save edits one function (50%), two functions (5%),
   only a comment (20%), shifts the file down (10%) or changes nothing (15%). Reported: requests
   per save and the cache hit rate (units answered from the cache / units needing an answer).
4. Through `threatmark serve` (LSP, stdio) with the scripted endpoint answering after `--delay`
   seconds, `--rounds` times on the same file (cache warm from step 1): edit one function, save,
   and time the rule diagnostics of that version with the LLM on and off, and the LLM's
   diagnostics that follow.

Every request goes through the real `openai` client. The scripted endpoint is
tests/llm/scripted_llm.py; the cache is a fresh temporary XDG_CACHE_HOME. Results: a Markdown
table on stdout and bench/work/llm_session.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "llm")]

from make_corpus_file import make_file  # noqa: E402
from scripted_llm import Reply, ScriptedLLM  # noqa: E402
from threatmark.core.parse import parse  # noqa: E402
from threatmark.engine import Engine  # noqa: E402
from threatmark.llm import LlmConfig, Reviewer  # noqa: E402
from threatmark.llm.units import split_units  # noqa: E402
from threatmark.model import SourceFile  # noqa: E402

KEY_ENV = "THREATMARK_BENCH_LLM_KEY"
WORK = HERE / "work"


def function_units(text: str) -> list:
    return [u for u in split_units(parse(SourceFile("bench.py", text))) if u.kind == "function"]


def edit_function(text: str, rnd: random.Random) -> str:
    """Add a statement at the top of a random function's body (its normalised text changes)."""
    unit = rnd.choice([u for u in function_units(text) if len(u.lines) > 1])
    lines = text.split("\n")
    first_body = next(i for i in unit.lines[1:] if lines[i].strip() and not lines[i].lstrip().startswith(("@", "#")))
    indent = lines[first_body][: len(lines[first_body]) - len(lines[first_body].lstrip())]
    lines.insert(first_body, f"{indent}_edit_{rnd.randrange(10**9)} = {rnd.randrange(1000)}")
    return "\n".join(lines)


def edit_comment(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    lines.insert(i, " " * (len(lines[i]) - len(lines[i].lstrip())) + f"# note {rnd.randrange(10**6)}")
    return "\n".join(lines)


def session_edit(text: str, rnd: random.Random) -> tuple[str, str]:
    roll = rnd.random()
    if roll < 0.50:
        return edit_function(text, rnd), "one function"
    if roll < 0.55:
        return edit_function(edit_function(text, rnd), rnd), "two functions"
    if roll < 0.75:
        return edit_comment(text, rnd), "comment only"
    if roll < 0.85:
        return "# moved\n\n" + text, "lines shifted"
    return text, "no change"


def in_process(args: argparse.Namespace, engine: Engine, base_url: str) -> dict:
    config = LlmConfig(base_url=base_url, model=args.model, api_key_env=KEY_ENV, budget=100_000,
                       timeout=args.timeout, concurrency=args.concurrency)
    reviewer = Reviewer(config, engine.version)
    rnd = random.Random(args.seed)
    text = make_file(args.lines, args.seed)
    out: dict = {"lines": args.lines, "units": len(split_units(parse(SourceFile("bench.py", text))))}
    try:
        started = time.perf_counter()
        cold = reviewer.review(SourceFile("bench.py", text), engine.analyze(SourceFile("bench.py", text)).findings)
        out["cold"] = {"requests": cold.requested, "prompt_tokens": cold.prompt_tokens,
                       "completion_tokens": cold.completion_tokens, "failed": cold.failed,
                       "seconds": round(time.perf_counter() - started, 2)}
        text = edit_function(text, rnd)
        source = SourceFile("bench.py", text)
        started = time.perf_counter()
        one = reviewer.review(source, engine.analyze(source).findings)
        out["one_function_edit"] = {"requests": one.requested, "prompt_tokens": one.prompt_tokens,
                                    "completion_tokens": one.completion_tokens, "cache_hits": one.cache_hits,
                                    "seconds": round(time.perf_counter() - started, 3)}
        started = time.perf_counter()
        again = reviewer.review(source, engine.analyze(source).findings)
        out["resave"] = {"requests": again.requested, "seconds": round(time.perf_counter() - started, 3)}
        saves, kinds = [], {}
        for _ in range(args.saves):
            text, kind = session_edit(text, rnd)
            source = SourceFile("bench.py", text)
            result = reviewer.review(source, engine.analyze(source).findings)
            saves.append({"kind": kind, "requests": result.requested, "hits": result.cache_hits,
                          "tokens": result.prompt_tokens + result.completion_tokens, "failed": result.failed})
            kinds[kind] = kinds.get(kind, 0) + 1
        hits = sum(s["hits"] for s in saves)
        requests = sum(s["requests"] for s in saves)
        out["session"] = {"saves": len(saves), "kinds": kinds, "requests": requests, "cache_hits": hits,
                          "hit_rate": round(hits / max(hits + requests, 1), 4),
                          "requests_per_save": round(requests / max(len(saves), 1), 3),
                          "tokens_per_save": round(sum(s["tokens"] for s in saves) / max(len(saves), 1), 1),
                          "failed": sum(s["failed"] for s in saves)}
        out["stats"] = reviewer.cache.stats()
    finally:
        reviewer.close()
    return out


class Client:
    """A minimal stdio LSP client recording when diagnostics arrive and what they hold."""

    def __init__(self) -> None:
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient

        self.types = types
        self.client = LanguageClient("threatmark-llm-bench", "1")
        self.arrived: list[tuple[int | None, float, list]] = []
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params):
            self.arrived.append((params.version, time.perf_counter(), list(params.diagnostics)))
            self.event.set()

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params):
            return [None for _ in params.items]

        for method in (types.WINDOW_LOG_MESSAGE, types.WINDOW_SHOW_MESSAGE):
            self.client.feature(method)(lambda params: None)

    async def start(self, root: Path, settings: dict) -> None:
        t = self.types
        await self.client.start_io(sys.executable, "-m", "threatmark", "serve", "--stdio", "--log-level", "WARNING")
        caps = t.ClientCapabilities(text_document=t.TextDocumentClientCapabilities(
            synchronization=t.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=t.PublishDiagnosticsClientCapabilities(version_support=True)))
        await self.client.initialize_async(t.InitializeParams(
            capabilities=caps, process_id=os.getpid(), root_uri=root.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options={"settings": settings}))
        self.client.initialized(t.InitializedParams())

    async def until(self, predicate, timeout: float = 300):
        async def loop():
            while not (found := predicate()):
                self.event.clear()
                await self.event.wait()
            return found
        return await asyncio.wait_for(loop(), timeout)

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 30)
            self.client.exit(None)
        finally:
            await self.client.stop()


async def through_lsp(args: argparse.Namespace, base_url: str, llm_on: bool, root: Path) -> dict:
    """`--rounds` times: edit one function, save, and time the rule (and LLM) diagnostics of that version."""
    t_client = Client()
    t = t_client.types
    settings = {"run": "onSave", "llm": {"enabled": llm_on, "endpoint": base_url, "model": args.model,
                                         "apiKeyEnv": KEY_ENV}}
    await t_client.start(root, settings)
    text = make_file(args.lines, args.seed)  # the in-process part reviewed it: the cache is warm
    path = root / f"lsp_{'on' if llm_on else 'off'}.py"
    path.write_text(text)
    uri = path.as_uri()
    rnd = random.Random(args.seed)
    rules_ms: list[float] = []
    llm_ms: list[float] = []
    llm_count = 0
    try:
        t_client.client.text_document_did_open(t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
        await t_client.until(lambda: any(v == 1 for v, _, _ in t_client.arrived))
        for version in range(2, args.rounds + 2):
            text = edit_function(text, rnd)
            t_client.client.text_document_did_change(t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))
            saved_at = time.perf_counter()
            t_client.client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(uri=uri)))
            rules = await t_client.until(lambda v=version: next((a for a in t_client.arrived if a[0] == v), None))
            rules_ms.append((rules[1] - saved_at) * 1000)
            if llm_on:
                def with_llm(v: int = version, first: tuple = rules):
                    return next((a for a in t_client.arrived if a[0] == v and a is not first and any(
                        isinstance(d.data, dict) and d.data.get("origin") == "llm" for d in a[2])), None)
                found = await t_client.until(with_llm, timeout=args.delay * 40 + 120)
                llm_ms.append((found[1] - saved_at) * 1000)
                llm_count = sum(1 for d in found[2] if d.data.get("origin") == "llm")
        out = {"rounds": args.rounds, "rules_ms_median": round(statistics.median(rules_ms), 1),
               "rules_ms": [round(x, 1) for x in rules_ms]}
        if llm_on:
            out.update({"llm_ms_median": round(statistics.median(llm_ms), 1), "llm_diagnostics": llm_count,
                        "llm_ms": [round(x, 1) for x in llm_ms]})
        return out
    finally:
        await t_client.stop()


def scripted_answer(request) -> Reply:
    """One issue on the first `return` line of every unit (so LLM diagnostics are visible)."""
    for line in request.user.split("\n"):
        m = re.match(r"^\s*(\d+)\| (\s*return .+)$", line)
        if m:
            snippet = m.group(2).strip()[:40]
            return Reply({"issues": [{"title": "Scripted finding", "category": "other", "severity": "low",
                                      "confidence": "low", "start_line": int(m.group(1)),
                                      "end_line": int(m.group(1)), "snippet": snippet,
                                      "explanation": "bench", "cwe": 0}], "triage": []}, delay=DELAY[0])
    return Reply(delay=DELAY[0])


DELAY = [0.0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--delay", type=float, default=1.5, help="scripted answer delay for the LSP part (s)")
    parser.add_argument("--base-url", help="a real OpenAI-compatible endpoint instead of the scripted one")
    parser.add_argument("--model", default="gpt-bench")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=7, help="edit+save rounds through the LSP")
    parser.add_argument("--skip-lsp", action="store_true")
    args = parser.parse_args()

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="threatmark-llm-bench-")
    os.environ.setdefault(KEY_ENV, "bench-key")
    engine = Engine.create()
    report: dict = {}
    if args.base_url:
        report["in_process"] = in_process(args, engine, args.base_url)
    else:
        with ScriptedLLM() as server:
            server.responder = scripted_answer
            report["in_process"] = in_process(args, engine, server.url)
            report["in_process"]["http_requests"] = len(server.chat_requests())
            if not args.skip_lsp:
                DELAY[0] = args.delay
                root = Path(tempfile.mkdtemp(prefix="threatmark-llm-bench-ws-"))
                report["lsp_llm_off"] = asyncio.run(through_lsp(args, server.url, False, root))
                report["lsp_llm_on"] = asyncio.run(through_lsp(args, server.url, True, root))
    WORK.mkdir(exist_ok=True)
    (WORK / "llm_session.json").write_text(json.dumps(report, indent=2))
    print_table(report, args)
    return 0


def print_table(report: dict, args: argparse.Namespace) -> None:
    r = report["in_process"]
    print(f"\nLLM review cost, {r['lines']}-line file, {r['units']} units, model {args.model}\n")
    print("| measure | value |\n|---|---|")
    c, o = r["cold"], r["one_function_edit"]
    print(f"| cold review: requests / prompt+completion tokens | {c['requests']} / "
          f"{c['prompt_tokens']}+{c['completion_tokens']} ({c['seconds']} s) |")
    print(f"| one-function edit, save: requests / tokens | {o['requests']} / "
          f"{o['prompt_tokens']}+{o['completion_tokens']} ({o['seconds'] * 1000:.0f} ms) |")
    print(f"| re-save unchanged: requests | {r['resave']['requests']} ({r['resave']['seconds'] * 1000:.0f} ms) |")
    s = r["session"]
    print(f"| editing session: saves / requests per save / tokens per save | {s['saves']} / "
          f"{s['requests_per_save']} / {s['tokens_per_save']} |")
    print(f"| editing session: cache hit rate | {s['hit_rate']:.1%} ({s['cache_hits']} hits, {s['requests']} requests)"
          f" |")
    if "lsp_llm_on" in report:
        off, on = report["lsp_llm_off"], report["lsp_llm_on"]
        print(f"| LSP one-function edit + save → rule diagnostics, LLM off (median of {off['rounds']}) | "
              f"{off['rules_ms_median']} ms |")
        print(f"| LSP one-function edit + save → rule diagnostics, LLM on, endpoint delay {args.delay} s | "
              f"{on['rules_ms_median']} ms |")
        print(f"| LSP one-function edit + save → LLM diagnostics added | {on['llm_ms_median']} ms "
              f"({on['llm_diagnostics']} LLM findings shown) |")
    print(f"\nsession edits: {s['kinds']}; raw figures in {WORK / 'llm_session.json'}")


if __name__ == "__main__":
    raise SystemExit(main())

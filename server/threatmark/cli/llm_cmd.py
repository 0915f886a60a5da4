"""`threatmark scan --llm`, `threatmark llm stats` and `threatmark llm clear-cache`.

The rule scan always runs first and its findings are always reported: the LLM review only adds
findings and triage notes, and any failure of it becomes one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from threatmark.cli.scan import ScanResult
    from threatmark.engine import Engine

EXIT_CLEAN, EXIT_ERROR = 0, 2


def add_scan_arguments(scan: argparse.ArgumentParser) -> None:
    """The --llm options of `threatmark scan`."""
    group = scan.add_argument_group("LLM review (optional; off unless --llm)")
    group.add_argument("--llm", action="store_true",
                       help="after the rules, review changed functions with an OpenAI-compatible model "
                            "(endpoint from OPENAI_BASE_URL, key from OPENAI_API_KEY, model from THREATMARK_LLM_MODEL)")
    group.add_argument("--llm-model", metavar="NAME", help="model name (default: $THREATMARK_LLM_MODEL or gpt-4o-mini)")
    group.add_argument("--llm-base-url", metavar="URL", help="endpoint (default: $OPENAI_BASE_URL or OpenAI)")
    group.add_argument("--llm-api-key-env", metavar="VAR",
                       help="name of the environment variable holding the API key (default OPENAI_API_KEY)")


def add_commands(commands: Any) -> None:
    """`threatmark llm stats|clear-cache` under the main sub-command parser."""
    llm = commands.add_parser("llm", help="LLM review: cache statistics and maintenance")
    sub = llm.add_subparsers(dest="llm_command", required=True, parser_class=type(llm))
    stats = sub.add_parser("stats", help="requests, cache hits, tokens and failures so far")
    stats.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_parser("clear-cache", help="forget cached reviews, rewrites and endpoint modes (statistics stay)")


def run_llm(args: argparse.Namespace) -> int:
    from threatmark.llm.cache import ReviewCache

    cache = ReviewCache()
    try:
        if args.llm_command == "clear-cache":
            removed = cache.clear()
            sys.stdout.write(f"removed {removed} cached review(s)/rewrite(s) from {cache.directory}\n")
            return EXIT_CLEAN
        stats = cache.stats()
        entries, size = cache.entries()
        units = stats["cache_hits"] + stats["units_reviewed"]
        data = {**stats, "failure_kinds": cache.failure_kinds(), "cached_entries": entries, "cache_bytes": size,
                "cache_dir": str(cache.directory), "hit_rate": round(stats["cache_hits"] / units, 3) if units else None}
        if args.format == "json":
            sys.stdout.write(json.dumps(data, indent=2) + "\n")
            return EXIT_CLEAN
        kinds = ", ".join(f"{k} {v}" for k, v in data["failure_kinds"].items()) or "none"
        hit_rate = f"{data['hit_rate']:.0%}" if data["hit_rate"] is not None else "n/a"
        sys.stdout.write(
            f"cache:             {cache.directory} ({entries} entries, {size / 1024:.0f} KiB)\n"
            f"requests:          {stats['requests']}\n"
            f"units reviewed:    {stats['units_reviewed']}\n"
            f"cache hits:        {stats['cache_hits']} (hit rate {hit_rate})\n"
            f"hardened rewrites: {stats['rewrites']}\n"
            f"tokens:            {stats['prompt_tokens']} prompt, {stats['completion_tokens']} completion\n"
            f"failures:          {stats['failures']} ({kinds})\n")
        return EXIT_CLEAN
    finally:
        cache.close()


def review_scan(args: argparse.Namespace, engine: Engine, result: ScanResult, threat: object | None = None) -> None:
    """Add LLM findings and triage notes to every analysis of `result` (in place); never raises.
    `threat` is the scan's threat model (its excerpt for each function goes into the prompt and key)."""
    from threatmark.cli.walk import Skipped, read_source
    from threatmark.llm import LlmConfig, Reviewer, ReviewResult
    from threatmark.llm.threat_context import excerpt_for

    config = LlmConfig.from_env(model=args.llm_model, base_url=args.llm_base_url, api_key_env=args.llm_api_key_env,
                                budget=100_000)  # a scan has no "next save": review every unit
    if not config.configured:
        sys.stderr.write(f"threatmark: {config.explain_missing()}; reporting rule findings only\n")
        return
    reviewer = Reviewer(config, engine.version)
    totals = {"units": 0, "requested": 0, "cache_hits": 0, "failed": 0, "deferred": 0, "llm": 0}
    statuses: list[str] = []

    def review_one(index: int) -> tuple[int, ReviewResult | None]:
        analysis = result.analyses[index]
        text = read_source(analysis.source.path)
        if isinstance(text, Skipped):
            return index, None
        source = replace(analysis.source, text=text)
        return index, reviewer.review(source, analysis.findings, excerpt_for(threat, source))

    try:  # several files at once; the reviewer bounds the requests in flight
        with ThreadPoolExecutor(max(config.concurrency, 1)) as files:
            for index, review in files.map(review_one, range(len(result.analyses))):
                if review is None:
                    continue
                result.analyses[index] = replace(result.analyses[index], findings=review.findings)
                for name in ("units", "requested", "cache_hits", "failed", "deferred"):
                    totals[name] += getattr(review, name)
                totals["llm"] += len(review.llm_findings)
                if review.status and review.status not in statuses:
                    statuses.append(review.status)
    except Exception as exc:  # the rule findings are already in `result`: keep them
        sys.stderr.write(f"threatmark: LLM review stopped ({type(exc).__name__}); rule findings are unaffected\n")
    finally:
        reviewer.close()
    for status in statuses[:5]:
        sys.stderr.write(f"threatmark: {status}\n")
    sys.stderr.write(f"threatmark: LLM review ({config.model}): {totals['units']} unit(s), {totals['requested']} "
                     f"request(s), {totals['cache_hits']} from cache, {totals['failed']} failed, "
                     f"{totals['deferred']} deferred, {totals['llm']} LLM finding(s)\n")

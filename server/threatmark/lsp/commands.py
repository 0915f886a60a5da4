"""`workspace/executeCommand` handlers (names in `threatmark.lsp.protocol.Command`)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams

from threatmark.lsp import scan, watch
from threatmark.lsp.hover import rule_markdown
from threatmark.lsp.protocol import Command
from threatmark.lsp.server import WORK_DONE_TOKEN, ThreatmarkServer
from threatmark.lsp.threat import ThreatModelError

log = logging.getLogger("threatmark.lsp")


class RequestFailed(JsonRpcException):
    """LSP `RequestFailed` (-32803): the request was valid but could not be carried out."""

    CODE = -32803
    MESSAGE = "Request failed"


def register(server: ThreatmarkServer) -> None:
    """Attach every command to `server`."""
    scans: dict[str, asyncio.Task] = {}

    @server.command(Command.SCAN_WORKSPACE)
    async def scan_workspace(ls: ThreatmarkServer, *args: Any) -> dict:
        running = scans.get("scan")
        if running is not None and not running.done():
            raise RequestFailed("a workspace scan is already running")
        task = asyncio.get_running_loop().create_task(scan.scan_workspace(ls, WORK_DONE_TOKEN.get()))
        scans["scan"] = task
        return await asyncio.shield(task)

    @server.command(Command.RELOAD_RULES)
    async def reload_rules(ls: ThreatmarkServer, *args: Any) -> dict:
        result = await watch.reload_rules(ls, "reload command")
        await ls.scheduler.idle()  # answer once open documents show the new rules' results
        return result

    @server.command(Command.SHOW_RULE_DOCS)
    async def show_rule_docs(ls: ThreatmarkServer, *args: Any) -> str:
        if not args or not isinstance(args[0], str):
            raise JsonRpcInvalidParams("threatmark.showRuleDocs expects one argument: a rule id")
        rule_id = args[0].strip()
        for session in ls.sessions.in_use(ls.docs):
            engine = await asyncio.get_running_loop().run_in_executor(ls.executor, lambda s=session: s.engine)
            rule = engine.ruleset.by_id().get(rule_id)
            if rule is not None:
                return rule_markdown(rule)
        raise RequestFailed(f"unknown rule id {rule_id!r}")

    @server.command(Command.INIT_THREAT_MODEL)
    async def init_threat_model(ls: ThreatmarkServer, *args: Any) -> dict:
        try:
            return await ls.threat_models.init(*args)
        except ThreatModelError as exc:
            raise RequestFailed(str(exc)) from None

    @server.command(Command.CLEAR_LLM_CACHE)
    async def clear_llm_cache(ls: ThreatmarkServer, *args: Any) -> dict:
        return await ls.llm.clear_cache()

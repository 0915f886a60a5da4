"""Reacting to changes outside the open documents: rule folders, pyproject.toml, the threat
model and settings. Watches are registered with the client (`workspace/didChangeWatchedFiles`)
when it supports dynamic registration; otherwise the server polls the few files involved.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from threatmark.lsp.documents import uri_to_path
from threatmark.lsp.protocol import CONFIG_REGISTRATION_ID, WATCH_REGISTRATION_ID

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
POLL_SECONDS = 2.0
_POLL_FILE_LIMIT = 2000
_RULE_GLOB = "**/*.{yaml,yml}"


# --- what to watch ------------------------------------------------------------------------------

def watched_paths(ls: ThreatmarkServer) -> tuple[list[Path], list[Path]]:
    """(rule folders, single files) that affect results."""
    folders: dict[str, Path] = {}
    files: dict[str, Path] = {}
    for session in ls.sessions.all():
        for folder in session.rule_dirs:
            folders[folder] = Path(folder)
        if session.root is not None:
            files[str(session.root / "pyproject.toml")] = session.root / "pyproject.toml"
        if (model := session.threat_model_file) is not None:
            files[str(model)] = model
    return list(folders.values()), list(files.values())


def _watcher(base: Path, pattern: str, relative: bool) -> types.FileSystemWatcher:
    if relative:
        glob = types.RelativePattern(base_uri=base.as_uri(), pattern=pattern)
        return types.FileSystemWatcher(glob_pattern=glob)
    return types.FileSystemWatcher(glob_pattern=f"{base.as_posix().rstrip('/')}/{pattern}")


async def register(ls: ThreatmarkServer) -> None:
    """(Re-)register file watchers with the client, or start polling when it cannot watch."""
    folders, files = watched_paths(ls)
    if not ls.features.watch_dynamic:
        if ls.polling is None:
            log.info("the client cannot watch files for the server; polling rule folders and config files every %.0f s",
                     POLL_SECONDS)
            ls.polling = ls.background(_poll(ls))
        return
    relative = ls.features.watch_relative
    watchers = [types.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
                types.FileSystemWatcher(glob_pattern="**/threatmodel.{yaml,yml}")]
    watchers += [_watcher(folder, _RULE_GLOB, relative) for folder in folders]
    watchers += [_watcher(path.parent, path.name, relative) for path in files if path.name != "pyproject.toml"]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    try:
        if ls.watching:
            await ls.client_unregister_capability_async(types.UnregistrationParams(unregisterations=[
                types.Unregistration(id=WATCH_REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES)]))
        await asyncio.wait_for(ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(id=WATCH_REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                               register_options=options)])), 10)
        ls.watching = True
        log.info("watching %d rule folder(s) and %d config file(s)", len(folders), len(files) + 2)
    except Exception as exc:
        log.warning("could not register file watchers (%s: %s); use the reload-rules command after edits",
                    type(exc).__name__, exc)


async def configuration_registration(ls: ThreatmarkServer) -> None:
    """Ask for `workspace/didChangeConfiguration` notifications (clients that need registering)."""
    if not ls.features.configuration_dynamic:
        return
    try:
        await asyncio.wait_for(ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(id=CONFIG_REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_CONFIGURATION)])), 10)
    except Exception as exc:
        log.warning("could not register for configuration changes (%s: %s)", type(exc).__name__, exc)


# --- what to do on a change ---------------------------------------------------------------------

async def load_rules(ls: ThreatmarkServer) -> int:
    """Load (or reload) every session's rules off the event loop; report invalid rule files."""
    loop = asyncio.get_running_loop()
    problems: list[str] = []
    count = 0
    for session in ls.sessions.in_use(ls.docs):
        try:
            engine = await loop.run_in_executor(ls.executor, lambda s=session: s.engine)
        except Exception as exc:
            problems.append(f"cannot load rules for {session.name}: {type(exc).__name__}: {exc}")
            continue
        count = max(count, len(engine.rules))
        problems += [str(p) for p in engine.ruleset.problems]
    if problems:
        ls.report_problems("Threatmark rules", problems)
    return count


async def reload_rules(ls: ThreatmarkServer, reason: str) -> dict:
    """Forget loaded rules, load them again and re-analyse open documents."""
    ls.pool.clear()
    ls._shown.clear()
    count = await load_rules(ls)
    problems = sorted({str(p) for s in ls.sessions.in_use(ls.docs) for p in s.rule_problems()})
    log.info("rules reloaded (%s): %d rules, %d invalid", reason, count, len(problems))
    ls.refresh_all()
    return {"rules": count, "problems": problems}


async def settings_changed(ls: ThreatmarkServer, reason: str, force: bool = False) -> None:
    """Recompute settings; re-analyse the sessions whose settings changed (all with `force`)."""
    changed = await ls.config.reload(reason)
    if not changed and not force:
        return
    await register(ls)
    await load_rules(ls)
    await ls.threat_models.load_all(None if force else changed)
    if force:
        ls.refresh_all()
    else:
        for session in changed:
            ls.refresh_all(session)


def schedule_settings_reload(ls: ThreatmarkServer, reason: str) -> None:
    ls.background(settings_changed(ls, reason))


async def files_changed(ls: ThreatmarkServer, uris: list[str]) -> None:
    """Dispatch watched-file events: pyproject → settings, rule files → rules, threat model → hook."""
    paths = [Path(uri_to_path(uri)) for uri in uris]
    folders, _files = watched_paths(ls)
    if any(p.name == "pyproject.toml" for p in paths):
        await settings_changed(ls, "pyproject.toml changed")
    if any(p.suffix in (".yaml", ".yml") and any(_inside(p, f) for f in folders) for p in paths):
        await reload_rules(ls, "rule files changed")
    for session in ls.sessions.all():
        model = session.threat_model_file
        if model is not None and any(p == model for p in paths):
            ls.threat_model_changed(session)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


# --- fallbacks ----------------------------------------------------------------------------------

def _signature(folders: list[Path], files: list[Path]) -> dict[str, float]:
    seen: dict[str, float] = {}
    for path in files:
        seen[str(path)] = _mtime(path)
    for folder in folders:
        for i, path in enumerate(sorted(folder.rglob("*.y*ml")) if folder.is_dir() else ()):
            if i >= _POLL_FILE_LIMIT:
                break
            seen[str(path)] = _mtime(path)
    return seen


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


async def _poll(ls: ThreatmarkServer) -> None:
    loop = asyncio.get_running_loop()
    before = await loop.run_in_executor(None, _signature, *watched_paths(ls))
    while True:
        await asyncio.sleep(POLL_SECONDS)
        try:
            after = await loop.run_in_executor(None, _signature, *watched_paths(ls))
            changed = [p for p in before.keys() | after.keys() if before.get(p) != after.get(p)]
            before = after
            if changed:
                await files_changed(ls, [Path(p).as_uri() for p in changed])
        except Exception:
            log.exception("polling watched files failed")


def start_parent_watchdog(ls: ThreatmarkServer) -> None:
    """Exit when the editor process that started the server is gone (LSP `processId`)."""
    pid = ls.process_id
    if not pid or sys.platform == "win32" or pid == os.getpid():
        return

    async def watchdog() -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                log.error("the client process %d is gone; exiting", pid)
                os._exit(0)
            except PermissionError:
                pass

    ls.background(watchdog())

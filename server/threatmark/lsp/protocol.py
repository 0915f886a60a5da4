"""Every name the server shares with its clients, defined once.

The VS Code extension (clients/vscode/src/common/protocol.ts) mirrors these strings; docs/editors.md
documents them for other editors.
"""

from __future__ import annotations

SERVER_NAME = "threatmark"

#: `Diagnostic.source` of every diagnostic the server publishes.
DIAGNOSTIC_SOURCE = "threatmark"

#: Section of `workspace/configuration` requests and key under `initializationOptions.settings`.
CONFIG_SECTION = "threatmark"

#: Code action kind of "apply every verified safe fix".
FIX_ALL_KIND = "source.fixAll.threatmark"

#: Identifier of the pull-diagnostics provider (`DiagnosticOptions.identifier`).
DIAGNOSTIC_IDENTIFIER = "threatmark"

#: Registration ids for dynamic registrations, so they can be replaced later.
WATCH_REGISTRATION_ID = "threatmark-watched-files"
CONFIG_REGISTRATION_ID = "threatmark-configuration"


class Command:
    """`workspace/executeCommand` names."""

    SCAN_WORKSPACE = "threatmark.scanWorkspace"
    """Scan every workspace folder with `$/progress`; result `{files, findings, skipped}`."""
    RELOAD_RULES = "threatmark.reloadRules"
    """Reload built-in and configured rule folders; result `{rules, problems}`."""
    SHOW_RULE_DOCS = "threatmark.showRuleDocs"
    """Argument: a rule id. Result: the rule's documentation as a markdown string."""
    INIT_THREAT_MODEL = "threatmark.initThreatModel"
    """Argument: a workspace folder URI. Drafts `threatmodel.yaml` (issue 5)."""
    CLEAR_LLM_CACHE = "threatmark.clearLlmCache"
    """Empty the on-disk cache of LLM reviews (issue 6)."""

    ALL = (SCAN_WORKSPACE, RELOAD_RULES, SHOW_RULE_DOCS, INIT_THREAT_MODEL, CLEAR_LLM_CACHE)


#: Files whose change is watched (`workspace/didChangeWatchedFiles`), besides the rule folders.
CONFIG_FILE_NAMES = ("pyproject.toml",)

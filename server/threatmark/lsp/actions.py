"""Code actions: verified quick fixes, "suppress with a reason", and `source.fixAll.threatmark`.

Only fixes that pass the engine's verification (`Engine.verified_fixes`, run off the event loop
and cached per document version) are offered. Every edit is a versioned `TextDocumentEdit`, so a
client refuses it once the document has changed. "Fix all" is resolved lazily
(`codeAction/resolve`) when the client supports resolving `edit`, because it verifies every fix
of the document.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from threatmark.core.suppress import META_RULES, MISSING_REASON
from threatmark.lsp.diagnostics import finding_key, visible
from threatmark.lsp.documents import OpenDocument, Result
from threatmark.lsp.positions import TextBuffer
from threatmark.lsp.protocol import FIX_ALL_KIND
from threatmark.model import Edit, Finding, Fix

if TYPE_CHECKING:
    from threatmark.lsp.server import ThreatmarkServer

log = logging.getLogger("threatmark.lsp")
SETTLE_TIMEOUT = 5.0
REASON_PLACEHOLDER = "<reason>"


def text_edits(buffer: TextBuffer, edits: list[Edit] | tuple[Edit, ...]) -> list[types.TextEdit]:
    """LSP edits for byte edits: identical ones once, one overlapping an earlier one dropped
    (the same rule as `core.fixes.apply_edits`)."""
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.text)):
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return [types.TextEdit(range=buffer.range(e.start, e.end), new_text=e.text) for e in chosen]


def workspace_edit(ls: ThreatmarkServer, uri: str, version: int, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """A versioned document edit (or a plain `changes` map for clients without documentChanges)."""
    if not ls.features.document_changes:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def _wants(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


async def current_result(doc: OpenDocument) -> Result | None:
    """The analysis of the document's current version (waiting briefly for one in progress)."""
    try:
        await asyncio.wait_for(doc.settled.wait(), SETTLE_TIMEOUT)
    except TimeoutError:
        return None
    result = doc.result
    if result is None or result.analysis is None or result.version != doc.version:
        return None
    return result


async def verified(ls: ThreatmarkServer, doc: OpenDocument, result: Result, finding: Finding) -> tuple[Fix, ...]:
    """The finding's verified fixes (computed once per document version)."""
    key = finding_key(finding)
    if key not in result.verified:
        if not finding.fixes:
            result.verified[key] = ()
        else:
            session = ls.session_for(doc)
            source = result.analysis.source  # type: ignore[union-attr]
            loop = asyncio.get_running_loop()
            try:  # `session.engine` may have to load rules: never on the event loop
                result.verified[key] = await loop.run_in_executor(
                    ls.executor, lambda: session.engine.verified_fixes(source, finding))
            except Exception:
                log.exception("verifying the fixes of %s in %s failed", finding.rule_id, doc.uri)
                result.verified[key] = ()
    return result.verified[key]


async def code_actions(ls: ThreatmarkServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return None
    result = await current_result(doc)
    if result is None:
        return []
    lo, hi = doc.buffer.byte_range(params.range)
    findings = visible(result.analysis.findings, ls.session_for(doc).settings.min_severity)  # type: ignore[union-attr]
    hits = [f for f in findings if f.span.start.offset <= hi and lo <= f.span.end.offset]
    only = params.context.only
    by_key = {d.data.get("key"): d for d in result.diagnostics if isinstance(d.data, dict)}
    out: list[types.CodeAction] = []
    if _wants(only, types.CodeActionKind.QuickFix):
        for finding in hits:
            diagnostic = by_key.get(finding_key(finding))
            for i, fix in enumerate(await verified(ls, doc, result, finding)):
                out.append(_fix_action(ls, doc, result, fix, diagnostic, preferred=i == 0))
            out += _suppress_actions(ls, doc, result, finding, diagnostic)
        out += ls.llm.harden_actions(doc, result, hits, by_key)
    fixable = any(f.fixes for f in findings)
    explicit = only is not None and _wants(only, FIX_ALL_KIND)
    if fixable and (explicit or (only is None and ls.features.resolve_edit)):
        action = types.CodeAction(title="Threatmark: apply all verified fixes", kind=FIX_ALL_KIND,
                                  data={"uri": doc.uri, "version": result.version, "kind": "fixAll"})
        out.append(action if ls.features.resolve_edit else await resolve(ls, action))
    if doc.version != result.version:  # the document changed while fixes were being verified
        return []
    return out


def _fix_action(ls: ThreatmarkServer, doc: OpenDocument, result: Result, fix: Fix,
                diagnostic: types.Diagnostic | None, preferred: bool) -> types.CodeAction:
    edit = workspace_edit(ls, doc.uri, result.version, text_edits(doc.buffer, fix.edits))  # type: ignore[arg-type]
    return types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix, edit=edit,
                            diagnostics=[diagnostic] if diagnostic else None, is_preferred=preferred)


def _suppress_actions(ls: ThreatmarkServer, doc: OpenDocument, result: Result, finding: Finding,
                      diagnostic: types.Diagnostic | None) -> list[types.CodeAction]:
    if finding.rule_id == MISSING_REASON:
        start, end = doc.buffer.line_bounds(finding.span.start.line)
        end = start + len(doc.buffer.data[start:end].rstrip())
        edit = types.TextEdit(range=doc.buffer.range(end, end), new_text=f" -- {REASON_PLACEHOLDER}")
        title = "Add a reason to this suppression"
    elif finding.rule_id in META_RULES:
        return []
    else:
        edit = suppression_edit(doc.buffer, finding.span.start.line, finding.rule_id)
        title = f"Suppress {finding.rule_id} here (with a reason)"
    return [types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                             edit=workspace_edit(ls, doc.uri, result.version, [edit]),  # type: ignore[arg-type]
                             diagnostics=[diagnostic] if diagnostic else None)]


def suppression_edit(buffer: TextBuffer, line: int, rule_id: str) -> types.TextEdit:
    """Insert `# threatmark: ignore[rule] -- <reason>` above `line` with the same indentation (or
    at the end of the line when the previous line continues onto it with a backslash)."""
    text = buffer.line_text(line)
    comment = f"# threatmark: ignore[{rule_id}] -- {REASON_PLACEHOLDER}"
    if line > 0 and buffer.line_text(line - 1).rstrip().endswith("\\"):
        end = buffer.line_bounds(line)[1]
        return types.TextEdit(range=buffer.range(end, end), new_text=f"  {comment}")
    indent = text[: len(text) - len(text.lstrip())]
    start = buffer.starts[line]
    return types.TextEdit(range=buffer.range(start, start), new_text=f"{indent}{comment}{buffer.line_ending(line)}")


async def resolve(ls: ThreatmarkServer, action: types.CodeAction) -> types.CodeAction:
    """Fill in the edit of a lazily offered action (fix all)."""
    data: Any = action.data if isinstance(action.data, dict) else {}
    if data.get("kind") == "harden":
        return await ls.llm.resolve_harden(action)
    doc = ls.docs.get(str(data.get("uri")))
    if data.get("kind") != "fixAll" or doc is None:
        return action
    result = await current_result(doc)
    if result is None or result.version != data.get("version"):
        log.info("fix-all for %s was requested for an older version; not applied", data.get("uri"))
        return action
    edits: list[Edit] = []
    findings = visible(result.analysis.findings, ls.session_for(doc).settings.min_severity)  # type: ignore[union-attr]
    for finding in findings:
        fixes = await verified(ls, doc, result, finding)
        if fixes:
            edits.extend(fixes[0].edits)
    if doc.version != result.version:
        return action
    action.edit = workspace_edit(ls, doc.uri, result.version, text_edits(doc.buffer, edits))  # type: ignore[arg-type]
    return action

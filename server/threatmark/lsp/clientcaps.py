"""What the connected client can do, read once from its `ClientCapabilities`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types


def _get(obj: Any, *path: str) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


@dataclass(frozen=True)
class ClientFeatures:
    """Booleans the server branches on (all False for an empty capabilities object)."""

    pull_diagnostics: bool = False
    diagnostic_refresh: bool = False
    related_information: bool = False
    resolve_edit: bool = False
    markdown_hover: bool = False
    watch_dynamic: bool = False
    watch_relative: bool = False
    configuration: bool = False
    configuration_dynamic: bool = False
    work_done_progress: bool = False
    document_changes: bool = False

    @classmethod
    def of(cls, caps: types.ClientCapabilities | None) -> ClientFeatures:
        td = _get(caps, "text_document")
        ws = _get(caps, "workspace")
        pull = _get(td, "diagnostic") is not None
        refresh = bool(_get(ws, "diagnostics", "refresh_support"))
        related = bool(_get(td, "publish_diagnostics", "related_information")) or bool(
            _get(td, "diagnostic", "related_information"))
        resolve = "edit" in (_get(td, "code_action", "resolve_support", "properties") or ())
        hover_formats = _get(td, "hover", "content_format") or ()
        return cls(
            # Pull only when the server can also ask for a re-pull: results computed on save,
            # after a rule reload or a settings change would otherwise never reach the client.
            pull_diagnostics=pull and refresh,
            diagnostic_refresh=refresh,
            related_information=related,
            resolve_edit=resolve and bool(_get(td, "code_action", "data_support")),
            markdown_hover=types.MarkupKind.Markdown in hover_formats,
            watch_dynamic=bool(_get(ws, "did_change_watched_files", "dynamic_registration")),
            watch_relative=bool(_get(ws, "did_change_watched_files", "relative_pattern_support")),
            configuration=bool(_get(ws, "configuration")),
            configuration_dynamic=bool(_get(ws, "did_change_configuration", "dynamic_registration")),
            work_done_progress=bool(_get(caps, "window", "work_done_progress")),
            document_changes=bool(_get(ws, "workspace_edit", "document_changes")),
        )

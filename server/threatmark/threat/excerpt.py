"""The part of a threat model that matters for one file or function, as stable text.

Used in LLM prompts and cache keys: the same model and location always give the same text,
and editing an unrelated entry point does not change it.
"""

from __future__ import annotations

from typing import Any

import yaml

from threatmark.core.parse import parse
from threatmark.model import SourceFile
from threatmark.threat.coverage import covers
from threatmark.threat.globs import is_test_path, path_matches, relative_path
from threatmark.threat.locate import FileFacts, Route
from threatmark.threat.model import ThreatModel


def excerpt(model: ThreatModel, path: str, function: str | None = None, source: str | None = None) -> str:
    """System description, the entry points covering the location, every sensitive asset and the
    assets handled by this file, controls and accepted risks that apply here. With the file's
    `source`, routes declared on `function` count too."""
    relpath = relative_path(path, model.root)
    routes = _routes(path, function, source) if function and source is not None else ()
    entries = [e for e in model.entry_points if covers(e, relpath, function or "", routes)]
    assets = [a for a in model.assets if a.sensitive or path_matches(relpath, a.paths)]
    controls = [c for c in model.controls if not c.paths or path_matches(relpath, c.paths)]
    risks = [r for r in model.accepted_risks if not r.paths or path_matches(relpath, r.paths)]
    doc: dict[str, Any] = {"file": relpath}
    if function:
        doc["function"] = function
    if is_test_path(relpath):
        doc["test_code"] = True
    if model.name or model.description:
        doc["system"] = {k: v for k, v in (("name", model.name), ("description", model.description)) if v}
    doc["entry_points"] = [{"id": e.id, "kind": e.kind, "exposure": e.exposure, "authentication": e.authentication,
                            **({"description": e.description} if e.description else {})} for e in entries]
    doc["assets"] = [{"id": a.id, "classification": a.classification,
                      **({"description": a.description} if a.description else {}),
                      **({"tables": list(a.tables)} if a.tables else {}),
                      **({"env": list(a.env)} if a.env else {})} for a in assets]
    doc["controls"] = [{"id": c.id, "description": c.description} for c in controls]
    doc["accepted_risks"] = [{"rules": list(r.rules), "justification": r.justification} for r in risks]
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def _routes(path: str, function: str, source: str) -> tuple[Route, ...]:
    facts = FileFacts(parse(SourceFile(path, source)))
    return tuple(r for node, name in facts.functions() if name == function for r in facts.routes_of(node, name))

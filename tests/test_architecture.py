"""The pure layers (core, threat, llm, model, engine) never import the LSP libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "threatmark"
PURE = ["core", "threat", "llm", "model.py", "engine.py", "ruletest.py"]
FORBIDDEN = ("pygls", "lsprotocol")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pure_layers_do_not_import_the_lsp() -> None:
    files = [p for part in PURE for p in ((PACKAGE / part).rglob("*.py") if (PACKAGE / part).is_dir()
                                          else [PACKAGE / part]) if p.exists()]
    assert len(files) > 10
    offenders = {str(p.relative_to(PACKAGE)): sorted(m for m in imported_modules(p) if m.split(".")[0] in FORBIDDEN)
                 for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}

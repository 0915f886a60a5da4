"""`threatmark serve` with an engine that fails on purpose for files whose path contains
"explode" (to prove that one document's failure never affects the others)."""

from __future__ import annotations

from threatmark.cli.main import main
from threatmark.engine import Engine

_analyze = Engine.analyze


def _failing_analyze(self, source, threat=None, **options):
    path = getattr(getattr(source, "source", source), "path", "")
    if "explode" in path:
        raise RuntimeError("injected failure for the robustness test")
    return _analyze(self, source, threat, **options)


Engine.analyze = _failing_analyze

if __name__ == "__main__":
    raise SystemExit(main(["serve", "--stdio"]))

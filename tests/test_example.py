"""The bundled example (README set-up, step 1): every weakness its code comments announce is found
where they say — including those whose sink sits in another module (db.py, utils.py) — and
its `*_safe` views stay silent."""

from __future__ import annotations

import re
from pathlib import Path

from threatmark.cli.scan import scan
from threatmark.engine import Engine

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vulnerable-flask"
ANNOUNCED = re.compile(r"#.*\((CWE-\d+)(?: / (CWE-\d+))?\)\.")


def _functions(lines: list[str]) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of each top-level function, 1-based."""
    starts = [(i + 1, m.group(1)) for i, line in enumerate(lines) if (m := re.match(r"def (\w+)\(", line))]
    ends = [start - 1 for start, _ in starts[1:]] + [len(lines)]
    return [(name, start, end) for (start, name), end in zip(starts, ends, strict=True)]


def _ranges(path: Path) -> dict[str, tuple[int, int]]:
    return {name: (start, end) for name, start, end in _functions(path.read_text().splitlines())}


def test_example_findings_match_its_announced_weaknesses() -> None:
    engine = Engine.create()
    result = scan([str(EXAMPLE)], engine, (), jobs=1)
    by_file: dict[str, list] = {}
    for analysis in result.analyses:
        by_file.setdefault(Path(analysis.source.path).resolve().name, []).extend(analysis.findings)
    app = EXAMPLE / "app.py"
    lines = app.read_text().splitlines()
    functions = _functions(lines)
    helpers = {module: _ranges(EXAMPLE / f"{module}.py") for module in ("utils", "db")}
    missing = []
    for number, line in enumerate(lines, start=1):
        match = ANNOUNCED.search(line)
        if match is None:
            continue
        name, start, end = next((f for f in functions if f[1] <= number <= f[2]), ("<module>", number, number + 3))
        wanted = {int(c.split("-")[1]) for c in match.groups() if c}
        places = [("app.py", start, end)]  # the view itself, and the helpers it calls (a pattern rule
        for module, called in re.findall(r"\b(utils|db)\.(\w+)\(", "\n".join(lines[start - 1:end])):
            if called in helpers[module]:   # reports where the weak call is)
                places.append((f"{module}.py", *helpers[module][called]))
        found = [f for file, lo, hi in places for f in by_file.get(file, [])
                 if lo <= f.span.start.line + 1 <= hi and wanted & set(f.cwe)]
        if not found:
            missing.append(f"{name} (line {number}): {sorted(wanted)}")
    assert not missing, missing
    for name, start, end in functions:
        if name.endswith("_safe"):
            assert not [f for f in by_file["app.py"] if start <= f.span.start.line + 1 <= end], name

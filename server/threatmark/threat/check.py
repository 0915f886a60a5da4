"""`threat-model check`: the model's own problems, what the code has that the model does not
cover (gaps), parts of the model that match nothing (stale), and decisions still marked TODO."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from threatmark.threat.coverage import covers
from threatmark.threat.globs import path_matches, relative_path
from threatmark.threat.inventory import SECRET_NAME, Fact, Inventory
from threatmark.threat.model import ThreatModel
from threatmark.threat.risks import expiry_problems


@dataclass(frozen=True)
class CheckItem:
    """One line of the report. `path` is relative to the project for gaps, the model's path otherwise."""

    level: str  # "error" | "warning" | "gap"
    path: str
    line: int | None
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line + 1}"
        what = f" [{self.field}]" if self.field else ""
        return f"{where}: {self.level}:{what} {self.message}"


def check_threat_model(model: ThreatModel, inventory: Inventory, text: str | None = None,
                       today: date | None = None) -> list[CheckItem]:
    """Everything `check` reports, problems first, then gaps in code order, then stale parts."""
    items = [CheckItem(p.level, p.path, p.line, p.message, p.field)
             for p in (*model.problems, *expiry_problems(model, today))]
    items += _todos(model, text)
    items += _gaps(model, inventory)
    items += _stale(model, inventory)
    return items


def _todos(model: ThreatModel, text: str | None) -> list[CheckItem]:
    if text is None:
        try:
            text = Path(model.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
    found = []
    for number, line in enumerate(text.splitlines()):
        if "TODO:" in line and not line.lstrip().startswith("# Review every"):
            note = line[line.index("TODO:"):].strip().strip("\"'")
            found.append(CheckItem("warning", model.path, number, f"undecided: {note}"))
    return found


def _covered(model: ThreatModel, fact: Fact) -> bool:
    path = fact.code_path
    routes = (fact.route,) if fact.route is not None else ()
    return any(covers(e, path, fact.function, routes) for e in model.entry_points)


def _gaps(model: ThreatModel, inventory: Inventory) -> list[CheckItem]:
    gaps = []
    assets = model.assets
    env_known = {name for a in assets for name in a.env}
    tables_known = {name.lower() for a in assets for name in a.tables}
    for fact in sorted(inventory.facts, key=lambda f: (f.path, f.line)):
        message = None
        if fact.kind == "route" and fact.route is not None and not _covered(model, fact):
            methods = "|".join(fact.route.methods)
            message = (f"route `{(methods + ' ') if methods else ''}{fact.route.pattern}` ({fact.function}) is not "
                       "covered by any entry point")
        elif fact.kind in ("cli", "task") and not _covered(model, fact):
            what = "command-line entry point" if fact.kind == "cli" else "task-queue consumer"
            message = f"{what} ({fact.detail or fact.name}) is not covered by any entry point"
        elif fact.kind == "database" and not any(path_matches(fact.path, a.paths) or a.tables for a in assets):
            message = f"database opened here ({fact.name}) is not an asset: add its tables or this file to one"
        elif fact.kind == "table" and fact.name.lower() not in tables_known:
            message = f"table `{fact.name}` ({fact.detail}) is not listed in any asset's tables"
        elif fact.kind == "env" and SECRET_NAME.search(fact.name) and fact.name not in env_known:
            message = f"environment variable `{fact.name}` looks secret but no asset lists it in env"
        elif fact.kind == "secret" and not any(path_matches(fact.path, a.paths) for a in assets if a.sensitive):
            message = f"hard-coded secret `{fact.name}`: this file is not in any sensitive asset's paths"
        if message is not None:
            gaps.append(CheckItem("gap", fact.path, fact.line, message))
    return _unique(gaps)


def _stale(model: ThreatModel, inventory: Inventory) -> list[CheckItem]:
    stale = []
    files = inventory.files
    runnable = [f for f in inventory.facts if f.kind in ("route", "cli", "task")]
    model_rel = relative_path(model.path, inventory.root)
    for entry in model.entry_points:
        if not any(path_matches(f, entry.paths) for f in files) and not any(
                covers(entry, f.code_path, f.function, (f.route,) if f.route else ()) for f in runnable):
            stale.append(CheckItem("warning", model.path, entry.line,
                                   f"entry point `{entry.id}` matches no route, command or file in the code"))
    for asset in model.assets:
        if asset.paths and not any(path_matches(f, asset.paths) for f in files):
            stale.append(CheckItem("warning", model.path, asset.line,
                                   f"asset `{asset.id}`: no file matches its paths {list(asset.paths)}"))
    for risk in model.accepted_risks:
        if risk.paths and not any(path_matches(f, risk.paths) for f in files if f != model_rel):
            stale.append(CheckItem("warning", model.path, risk.line,
                                   f"accepted risk `{risk.id}`: no file matches its paths {list(risk.paths)}"))
    return stale


def _unique(items: list[CheckItem]) -> list[CheckItem]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = (item.path, item.message)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out

"""Draft a `threatmodel.yaml` from a project's inventory: entry points for its routes, CLIs
and task queues, assets for its databases, secrets and configuration, with `TODO:` comments
wherever a human must decide (exposure, authentication, classification). The draft is valid
against the schema, with conservative guesses (internet-facing, unauthenticated, sensitive)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from threatmark.threat.globs import module_name
from threatmark.threat.inventory import SECRET_NAME, Fact, Inventory
from threatmark.threat.load import SCHEMA_URL


def _q(text: str) -> str:
    """A YAML scalar that is always a string (JSON strings are YAML double-quoted scalars)."""
    return json.dumps(text, ensure_ascii=False)


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


@dataclass
class _Entry:
    id: str
    description: str
    kind: str
    exposure: str
    authentication: bool
    actors: list[str]
    todo_exposure: str
    todo_auth: str
    routes: list[Fact] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def _route_group(fact: Fact) -> str:
    assert fact.route is not None
    first = PurePosixPath(fact.route.pattern).parts[1:2]
    if first and first[0].strip("^$") in ("admin", "staff", "internal", "manage"):
        return "admin"
    return "authenticated" if fact.route.auth_hint else "public"


def _web_entries(routes: list[Fact]) -> list[_Entry]:
    frameworks = sorted({f.detail for f in routes})
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in routes:
        groups.setdefault((fact.detail, _route_group(fact)), []).append(fact)
    entries = []
    for (framework, group), facts in sorted(groups.items(), key=lambda kv: (kv[0][0], ["public", "authenticated",
                                                                                       "admin"].index(kv[0][1]))):
        ident = f"web-{group}" if len(frameworks) == 1 else f"{framework}-{group}"
        auth = group != "public" and all(f.route is not None and f.route.auth_hint for f in facts)
        todo_auth = {"public": "true only if every route below requires a logged-in user",
                     "authenticated": "a login check was seen on these handlers; confirm it guards every route",
                     "admin": "confirm these routes require an administrator (set false if not)"}[group]
        actors = {"public": ["anonymous"], "authenticated": ["user"], "admin": ["admin"]}[group]
        label = {"fastapi": "FastAPI", "django": "Django", "flask": "Flask"}.get(framework, "Web")
        entry = _Entry(ident, f"{label} routes ({group})", "http", "internet", auth, actors,
                       "internet | internal | local: who can reach these routes?", todo_auth, facts)
        if framework == "django":
            entry.functions = sorted({f"{module_name(f.function_path)}.{f.function}" for f in facts if f.function_path})
        entries.append(entry)
    return entries


def _other_entries(inventory: Inventory) -> list[_Entry]:
    entries = []
    for kind, facts, exposure, actor in (("cli", inventory.of("cli"), "local", "operator"),
                                         ("queue", inventory.of("task"), "internal", "internal-service")):
        by_file: dict[str, list[Fact]] = {}
        for fact in facts:
            by_file.setdefault(fact.path, []).append(fact)
        for path, found in sorted(by_file.items()):
            stem = Path(path).stem if Path(path).stem not in ("__main__", "__init__") else Path(path).parent.name
            what = ", ".join(sorted({f.detail.split(".")[-1] or f.name for f in found}))
            ident = kind if stem == kind else f"{kind}-{stem}".replace("_", "-")
            entry = _Entry(ident, f"{what} in {path}", kind, exposure, False, [actor],
                           "local | internal | internet: where does this run, and who feeds it input?",
                           "true if callers must authenticate first")
            if kind == "cli":
                entry.paths = [path]
            else:
                entry.functions = sorted({f"{module_name(path)}.{f.function}" for f in found})
            entries.append(entry)
    return entries


def _assets(inventory: Inventory) -> list[tuple[str, str, str, str, dict[str, list[str]]]]:
    """(id, classification, TODO note, description, locations) for each drafted asset."""
    assets = []
    databases, tables = inventory.of("database"), inventory.of("table")
    db_lines = {(f.path, f.line) for f in databases}
    db_env = sorted({f.name for f in inventory.of("env") if (f.path, f.line) in db_lines})
    if databases or tables:
        kinds = ", ".join(sorted({f.name for f in databases})) or "ORM models"
        where = ", ".join(sorted({f"{f.path}:{f.line + 1}" for f in databases}))
        paths = [] if tables else sorted({f.path for f in databases})  # tables say more than whole files
        locations = {"paths": paths, "tables": sorted({f.name for f in tables}), "env": db_env}
        assets.append(("database", "pii", "what do these tables hold? pii | financial | credentials | internal",
                       f"Application data ({kinds}{', opened at ' + where if where else ''})", locations))
    env = sorted({f.name for f in inventory.of("env")} - set(db_env))
    secrets = [name for name in env if SECRET_NAME.search(name)]
    hardcoded = inventory.of("secret")
    if secrets or hardcoded:
        locations = {"env": secrets, "paths": sorted({f.path for f in hardcoded})}
        names = ", ".join(sorted({f.name for f in hardcoded}))
        described = "Keys, tokens and passwords" + (f" (hard-coded: {names})" if names else "")
        assets.append(("app-secrets", "secret", "secret | credentials", described, locations))
    config = [name for name in env if name not in secrets]
    if config:
        assets.append(("configuration", "internal", "internal | public", "Runtime configuration from the "
                       "environment", {"env": config}))
    return assets


def draft_threat_model(inventory: Inventory, name: str | None = None, today: date | None = None) -> str:
    """The drafted file's text (valid against the schema; review every TODO)."""
    routes = [f for f in inventory.facts if f.kind == "route" and f.route is not None]
    entries = _web_entries(routes) + _other_entries(inventory)
    assets = _assets(inventory)
    name = name or Path(inventory.root).name
    out = [f"# yaml-language-server: $schema={SCHEMA_URL}",
           f"# Threat model for {name}, drafted by `threatmark threat-model init` on "
           f"{(today or date.today()).isoformat()} from {len(inventory.files)} Python file(s).",
           "# Review every `TODO:`: a human must decide exposure, authentication and classification.",
           "# Format and severity policy: docs/threat-model.md. Validate with `threatmark threat-model check`.",
           "version: 1", "system:", f"  name: {_q(name)}",
           f"  description: {_q('TODO: what ' + name + ' does and who uses it')}", ""]
    out += ["assets:"] + [line for asset in assets for line in _asset_lines(*asset)] if assets else ["assets: []"]
    out += ["", "actors:", *_actor_lines(entries)]
    out += ["", "entry_points:"] + [line for e in entries for line in _entry_lines(e)] if entries \
        else ["", "entry_points: []  # TODO: no routes, CLIs or task queues were found"]
    out += ["", *_boundary_lines(entries, assets)]
    out += ["", "# Controls the team relies on (recorded and shown, never used to hide or lower findings), e.g.:",
            "#  - id: orm-only", "#    description: All SQL goes through the ORM", "#    mitigates: [CWE-89]",
            "controls: []", "",
            "# Risks the team accepts (matching findings are hidden until `expires`), e.g.:",
            "#  - id: legacy-md5", "#    rules: [py-weak-hash]", "#    paths: [legacy/**]",
            "#    justification: Checksums for cache keys, not for security",
            "#    owner: alice@example.com", "#    expires: 2030-01-31",
            "accepted_risks: []", ""]
    return "\n".join(out)


def _asset_lines(ident: str, classification: str, todo: str, description: str,
                 locations: dict[str, list[str]]) -> list[str]:
    lines = [f"  - id: {ident}", f"    description: {_q(description)}",
             f"    classification: {classification}  # TODO: {todo}", "    locations:"]
    lines += [f"      {key}: {_list(values)}" for key, values in locations.items() if values]
    return lines if any(locations.values()) else lines[:-1]


def _actor_lines(entries: list[_Entry]) -> list[str]:
    used = {a for e in entries for a in e.actors} or {"anonymous"}
    known = [("anonymous", "untrusted", "Anyone on the internet"), ("user", "authenticated", "A logged-in user"),
             ("admin", "privileged", "An administrator"), ("operator", "privileged", "Someone with shell access"),
             ("internal-service", "internal", "Another service inside the deployment")]
    return [line for ident, trust, text in known if ident in used
            for line in (f"  - id: {ident}", f"    trust: {trust}", f"    description: {_q(text)}")]


def _entry_lines(entry: _Entry) -> list[str]:
    lines = [f"  - id: {entry.id}", f"    description: {_q(entry.description)}", f"    kind: {entry.kind}",
             f"    exposure: {entry.exposure}  # TODO: {entry.todo_exposure}",
             f"    authentication: {str(entry.authentication).lower()}  # TODO: {entry.todo_auth}",
             f"    actors: {_list(entry.actors)}", "    covers:"]
    if entry.paths:
        lines.append(f"      paths: {_list(entry.paths)}")
    if entry.routes:
        lines.append("      routes:")
        for fact in sorted(entry.routes, key=lambda f: (f.path, f.line)):
            assert fact.route is not None
            methods = "|".join(fact.route.methods)
            where = f"{fact.path}:{fact.line + 1} {fact.function}"
            lines.append(f"        - {_q(fact.route.pattern)}  # {methods + ' ' if methods else ''}{where}")
    if entry.functions:
        lines.append(f"      functions: {_list(entry.functions)}")
    return lines


def _boundary_lines(entries: list[_Entry], assets: list[tuple]) -> list[str]:
    internet = [e.id for e in entries if e.exposure == "internet"]
    lines = ["trust_boundaries:"]
    if internet:
        lines += ["  - id: internet", "    description: \"Requests from the internet enter the application\"",
                  f"    between: {_list(['anonymous', *internet])}", f"    entry_points: {_list(internet)}"]
    if any(a[0] == "database" for a in assets) and entries:
        lines += ["  - id: app-to-database", "    description: \"The application talks to its database\"",
                  f"    between: {_list([entries[0].id, 'database'])}"]
    return lines if len(lines) > 1 else ["trust_boundaries: []"]

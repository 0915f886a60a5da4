"""Load `threatmodel.yaml`: YAML with line numbers, JSON-schema validation, cross-reference
checks, and located problems (file, 0-based line, field). Never raises: an invalid item is
reported and left out, so analysis continues with the valid rest (or with defaults)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from threatmark.core.yamlload import YamlError, dotted, line_of, load_located
from threatmark.model import Problem
from threatmark.threat.model import AcceptedRisk, Actor, Asset, Control, EntryPoint, ThreatModel, TrustBoundary

DEFAULT_FILENAME = "threatmodel.yaml"
SCHEMA_PATH = Path(__file__).with_name("threatmodel-schema.json")
SCHEMA_URL = "https://threatmark.dev/schemas/threatmodel.json"
SECTIONS = ("assets", "actors", "entry_points", "trust_boundaries", "controls", "accepted_risks")

if TYPE_CHECKING:
    import jsonschema

Lines = dict[tuple[str | int, ...], int]


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The published JSON schema of the file format."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported on first use: it costs more than the rest of the CLI start-up

    return jsonschema.Draft202012Validator(schema())


def find_threat_model(candidates: Iterable[str | Path]) -> Path | None:
    """The first `threatmodel.yaml` (or `.yml`) in the given folders (files stand for their folder)."""
    for candidate in candidates:
        folder = Path(candidate)
        folder = folder if folder.is_dir() else folder.parent
        for name in (DEFAULT_FILENAME, "threatmodel.yml"):
            if (folder / name).is_file():
                return folder / name
    return None


def load_threat_model(path: str | Path) -> ThreatModel:
    """Read and validate a threat-model file; problems (not exceptions) for anything wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        model = ThreatModel.empty(str(path))
        return _with(model, [Problem(str(path), f"cannot read the threat model: {reason}")])
    return parse_threat_model(text, str(path))


def parse_threat_model(text: str, path: str = DEFAULT_FILENAME, root: str | None = None) -> ThreatModel:
    """Validate threat-model YAML text; `root` (default: the file's folder) anchors path globs."""
    root = root or str(Path(path).resolve().parent)
    base = ThreatModel(path=path, root=root)
    try:
        data, lines = load_located(text)
    except YamlError as exc:
        return _with(base, [Problem(path, str(exc), exc.line, None)])
    except (ValueError, TypeError) as exc:  # e.g. `expires: 2026-02-30` fails in PyYAML's date constructor
        return _with(base, [Problem(path, f"invalid YAML value: {exc}", _find_line(text, str(exc)))])
    if data is None:
        return _with(base, [Problem(path, "the threat model is empty", 0, level="warning")])
    if not isinstance(data, dict):
        return _with(base, [Problem(path, "a threat model must be a YAML mapping (see the schema)", 0)])
    data = _plain(data)
    problems: list[Problem] = []
    bad_items = _schema_problems(data, lines, path, problems)
    clean = _drop(data, bad_items)
    model = _build(clean, lines, path, root, problems)
    return _with(model, problems, _compact(clean))


def _with(model: ThreatModel, problems: list[Problem], data: dict[str, Any] | None = None) -> ThreatModel:
    from dataclasses import replace

    return replace(model, problems=tuple(problems), data=data if data is not None else {})


def _find_line(text: str, message: str) -> int | None:
    """The line of the first scalar PyYAML cannot construct (an impossible date)."""
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _plain(value: Any) -> Any:
    """Dates become ISO strings (PyYAML reads `2026-01-01` as a date), recursively."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _owner(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The item an error belongs to: ('assets', 2) for anything inside assets[2]."""
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        return path[:2]
    return path[:1]


def _schema_problems(data: dict[str, Any], lines: Lines, path: str, problems: list[Problem]) -> set[tuple]:
    """One located problem per invalid item; returns the owners (items or sections) to drop."""
    from jsonschema.exceptions import best_match

    groups: dict[tuple, list[jsonschema.ValidationError]] = {}
    for error in _validator().iter_errors(data):
        groups.setdefault(_owner(tuple(error.absolute_path)), []).append(error)
    for owner in sorted(groups, key=lambda o: line_of(lines, o) or 0):
        error = best_match(groups[owner])
        where = tuple(error.absolute_path)
        message, where = _explain(error, where)
        problems.append(Problem(path, message, line_of(lines, where), dotted(where)))
    return set(groups)


def _explain(error: jsonschema.ValidationError, where: tuple) -> tuple[str, tuple]:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        return f"unknown field `{extra[0]}` (allowed: {allowed})", (*where, extra[0])
    if error.validator == "required":
        return f"missing required field `{error.message.split(chr(39))[1]}`", where
    if error.validator == "anyOf" and where[:1] == ("accepted_risks",):
        return "an accepted risk needs `rules` or `fingerprints` (what it accepts)", where
    if error.validator == "enum":
        return f"{error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}", where
    if error.validator == "pattern" and where[-1:] == ("expires",):
        return f"{error.instance!r} is not a date (expected YYYY-MM-DD)", where
    if error.validator == "type" and isinstance(error.instance, str) and "TODO" in error.instance:
        return f"still a TODO: decide a {error.validator_value} value", where
    return error.message, where


def _drop(data: dict[str, Any], bad: set[tuple]) -> dict[str, Any]:
    """The data with invalid items replaced by None (so indexes, hence lines, stay right) and
    without invalid top-level values."""
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if (key,) in bad and (key not in SECTIONS or not isinstance(value, list)):
            continue
        if key in SECTIONS and isinstance(value, list):
            value = [None if (key, i) in bad else item for i, item in enumerate(value)]
        clean[key] = value
    return clean


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """The valid content only (what the digest hashes)."""
    return {k: [i for i in v if i is not None] if k in SECTIONS else v for k, v in data.items()}


def _t(item: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in item.get(key, ()))


def _build(data: dict[str, Any], lines: Lines, path: str, root: str, problems: list[Problem]) -> ThreatModel:
    def at(*where: str | int) -> int:
        return line_of(lines, where) or 0

    def items(section: str) -> list[tuple[int, dict[str, Any]]]:
        return _indexed(data, section)

    assets = tuple(Asset(a["id"], a["classification"], at("assets", i), a.get("description", ""),
                         **{k: _t(a.get("locations", {}), k) for k in ("paths", "tables", "env", "files")})
                   for i, a in items("assets"))
    actors = tuple(Actor(a["id"], a["trust"], at("actors", i), a.get("description", "")) for i, a in items("actors"))
    entries = tuple(EntryPoint(e["id"], e["kind"], e["exposure"], e["authentication"], at("entry_points", i),
                               e.get("description", ""), _t(e, "actors"),
                               **{k: _t(e["covers"], k) for k in ("paths", "routes", "functions")})
                    for i, e in items("entry_points"))
    boundaries = tuple(TrustBoundary(b["id"], at("trust_boundaries", i), b.get("description", ""),
                                     _t(b, "between"), _t(b, "entry_points"))
                       for i, b in items("trust_boundaries"))
    controls = tuple(Control(c["id"], c["description"], at("controls", i), _t(c, "mitigates"), _t(c, "paths"))
                     for i, c in items("controls"))
    risks = []
    for i, r in items("accepted_risks"):
        expires = None
        if "expires" in r:
            try:
                expires = date.fromisoformat(r["expires"])
            except ValueError:
                where = ("accepted_risks", i, "expires")
                problems.append(Problem(path, f"{r['expires']!r} is not a valid date", at(*where), dotted(where)))
                continue
        risks.append(AcceptedRisk(r.get("id", f"accepted-risk-{i + 1}"), r["justification"], r["owner"],
                                  at("accepted_risks", i), _t(r, "rules"), _t(r, "fingerprints"), _t(r, "paths"),
                                  expires, line_of(lines, ("accepted_risks", i, "expires"))))
    system = data.get("system", {})
    model = ThreatModel(path, root, system.get("name", ""), system.get("description", ""), assets, actors, entries,
                        boundaries, controls, tuple(risks))
    problems.extend(_reference_problems(model, data, lines))
    return model


def _indexed(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    """Valid items of a section with their original indexes (dropped items leave gaps)."""
    return [(i, item) for i, item in enumerate(data.get(section, [])) if item is not None]


def _reference_problems(model: ThreatModel, data: dict[str, Any], lines: Lines) -> list[Problem]:
    """Duplicate ids and references to unknown actors, entry points or assets."""
    problems = []
    for section in SECTIONS:
        seen: set[str] = set()
        for i, item in _indexed(data, section):
            ident = item.get("id")
            if ident is not None and ident in seen:
                where = (section, i, "id")
                problems.append(Problem(model.path, f"duplicate id `{ident}` in {section}", line_of(lines, where),
                                        dotted(where)))
            seen.add(ident)
    actors = {a.id for a in model.actors}
    known = actors | {e.id for e in model.entry_points} | {a.id for a in model.assets}
    checks = [("entry_points", "actors", actors, "actor"), ("trust_boundaries", "between", known, "actor, entry "
              "point or asset"), ("trust_boundaries", "entry_points", {e.id for e in model.entry_points},
              "entry point")]
    for section, key, valid, what in checks:
        for i, item in _indexed(data, section):
            for j, ref in enumerate(item.get(key, ())):
                if ref not in valid:
                    where = (section, i, key, j)
                    problems.append(Problem(model.path, f"unknown {what} `{ref}`", line_of(lines, where),
                                            dotted(where), "warning"))
    return problems

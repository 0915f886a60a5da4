"""What a project's code exposes and holds, found with tree-sitter: web routes (Flask, FastAPI,
Django urls.py), command-line entry points (argparse, click/typer, `__main__` blocks), task
queues (Celery), databases and tables (sqlite3, psycopg, SQLAlchemy, Django models, CREATE
TABLE), and environment variables. `threat-model init` drafts from it; `check` compares."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pathspec
import tree_sitter as ts

from threatmark.core.calls import arguments
from threatmark.core.names import matches_any, qualname
from threatmark.core.parse import language, parse
from threatmark.core.taint.library import CLI_DECORATORS
from threatmark.model import SourceFile
from threatmark.threat.django_urls import UrlConf, compose_django_routes, urlconf_entries
from threatmark.threat.globs import is_test_path, module_name
from threatmark.threat.locate import AUTH_HINT, FileFacts, Route, decorators_of, keyword, literal

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__", ".tox", ".nox",
              "build", "dist", "site-packages", ".eggs", ".mypy_cache", ".ruff_cache", ".pytest_cache", "migrations"}
_DB_CALLS = {"sqlite3.connect": "sqlite3", "psycopg.connect": "psycopg", "psycopg2.connect": "psycopg2",
             "sqlalchemy.create_engine": "sqlalchemy", "pymysql.connect": "pymysql",
             "mysql.connector.connect": "mysql", "pymongo.MongoClient": "mongodb", "redis.Redis": "redis",
             "redis.from_url": "redis", "asyncpg.connect": "asyncpg", "asyncpg.create_pool": "asyncpg"}
_ENV_CALLS = ("os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop", "environ.get")
_TASK_DECORATORS = ("celery.shared_task", "*.task", "shared_task", "dramatiq.actor", "*.actor")
_CREATE_TABLE = re.compile(r"(?i)create\s+table\s+(?:if\s+not\s+exists\s+)?[`\"\[]?(\w+)")
SECRET_NAME = re.compile(r"(?i)secret|passw|token|api_?key|private|credential|_key$|^key$|dsn|database_url|auth")
_QUERY = """
(call function: (_) @fn) @call
(subscript value: (_) @obj subscript: (string) @key) @sub
(if_statement condition: (comparison_operator) @cond) @main
(class_definition name: (identifier) @cname) @class
(assignment left: (identifier) @aname right: (string) @avalue) @assign
(string) @str
"""


@dataclass(frozen=True)
class Fact:
    """One thing found in the code: what, where (relative path, 0-based line) and details."""

    kind: str  # route | cli | task | database | table | env | secret
    name: str
    path: str
    line: int
    detail: str = ""
    function: str = ""  # dotted name of the handling function, inside `function_path`
    route: Route | None = None
    function_path: str = ""  # the handler's file when it is not `path` (Django views)

    @property
    def code_path(self) -> str:
        """The file whose code runs (the handler's file for Django routes)."""
        return self.function_path or self.path


@dataclass
class Inventory:
    root: str
    files: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


def project_files(root: Path) -> list[str]:
    """Python files under root (relative POSIX paths), skipping vendored, hidden, ignored and test code."""
    ignore = root / ".gitignore"
    spec = pathspec.GitIgnoreSpec.from_lines(ignore.read_text(errors="replace").splitlines()) \
        if ignore.is_file() else None
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith(".")
                             and not (spec and spec.match_file(f"{rel}/{d}/".lstrip("./"))))
        for name in sorted(filenames):
            path = f"{rel}/{name}" if rel != "." else name
            if name.endswith(".py") and not is_test_path(path) and not (spec and spec.match_file(path)):
                found.append(path)
    return found


def scan_project(root: str | Path) -> Inventory:
    """Read every project file and collect the facts (unreadable files are skipped)."""
    root = Path(root).resolve()
    inventory = Inventory(str(root))
    urlconfs: list[UrlConf] = []
    auth: dict[str, bool] = {}
    for relpath in project_files(root):
        try:
            text = (root / relpath).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        inventory.files.append(relpath)
        facts, urlconf, file_auth = _scan_file(relpath, text)
        inventory.facts.extend(facts)
        auth.update(file_auth)
        if urlconf is not None:
            urlconfs.append(urlconf)
    inventory.facts.extend(compose_django_routes(urlconfs, set(inventory.files), auth))
    served = {f.path for f in inventory.facts if f.kind == "route" and f.detail != "django"}
    inventory.facts = [f for f in inventory.facts if not (f.kind == "cli" and f.detail == "main" and f.path in served)]
    return inventory


def _scan_file(relpath: str, text: str) -> tuple[list[Fact], UrlConf | None, dict[str, bool]]:
    parsed = parse(SourceFile(relpath, text))
    facts = FileFacts(parsed)
    out: list[Fact] = []
    auth: dict[str, bool] = {}
    module = module_name(relpath)
    for function, name in facts.functions():
        decorators = decorators_of(function)
        auth[f"{module}.{name}"] = any(AUTH_HINT.search(d.text.decode("utf-8", "replace")) for d in decorators)
        for route in facts.routes_of(function, name):
            out.append(Fact("route", route.pattern, relpath, route.line, route.framework, name, route))
        for decorator in decorators:
            target = decorator.child_by_field_name("function") if decorator.type == "call" else decorator
            qual = qualname(target, facts.imports) or ""
            if matches_any(qual, (*CLI_DECORATORS, "click.group")) and not matches_any(
                    qual, ("click.option", "click.argument")):
                out.append(Fact("cli", name, relpath, decorator.start_point[0], _cli_kind(qual, facts), name))
                break
            if matches_any(qual, _TASK_DECORATORS):
                out.append(Fact("task", name, relpath, decorator.start_point[0], qual, name))
                break
    cursor = ts.QueryCursor(_query())
    for _, captures in cursor.matches(parsed.tree.root_node):
        out.extend(_fact(captures, relpath, facts))
    return _dedupe(out), urlconf_entries(parsed, facts.imports, module), auth


def _cli_kind(qualified: str, facts: FileFacts) -> str:
    modules = {v.split(".")[0] for v in facts.imports.values()}
    return next((m for m in ("click", "typer") if m in modules or qualified.startswith(m)), qualified)


def _query() -> ts.Query:
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = ts.Query(language("python"), _QUERY)
    return _COMPILED


_COMPILED: ts.Query | None = None


def _fact(captures: dict[str, list[ts.Node]], relpath: str, facts: FileFacts) -> list[Fact]:
    imports = facts.imports
    if "call" in captures:
        call, fn = captures["call"][0], captures["fn"][0]
        name = qualname(fn, imports) or ""
        positional, keywords, _ = arguments(call)
        line = call.start_point[0]
        if name in _DB_CALLS:
            return [Fact("database", _DB_CALLS[name], relpath, line, call.text.decode("utf-8", "replace")[:80])]
        if matches_any(name, _ENV_CALLS) and positional and literal(positional[0]):
            return [Fact("env", literal(positional[0]) or "", relpath, line)]
        if name == "argparse.ArgumentParser":
            return [Fact("cli", "argparse", relpath, line, "argparse", facts.location(call.start_byte).function)]
        if name == "sqlalchemy.Table" and positional and literal(positional[0]):
            return [Fact("table", literal(positional[0]) or "", relpath, line, "sqlalchemy")]
        if matches_any(name, ("*.add_url_rule",)) and positional and (literal(positional[0]) or "").startswith("/"):
            view = keyword(keywords, "view_func")
            handler = view.text.decode() if view is not None else ""
            route = Route(literal(positional[0]) or "", (), handler, line, "flask")
            return [Fact("route", route.pattern, relpath, line, "flask", handler, route)]
        return []
    if "sub" in captures:
        if qualname(captures["obj"][0], imports) in ("os.environ", "environ") and literal(captures["key"][0]):
            return [Fact("env", literal(captures["key"][0]) or "", relpath, captures["sub"][0].start_point[0])]
        return []
    if "main" in captures:
        cond = captures["cond"][0].text.decode()
        if "__name__" in cond and "__main__" in cond:
            return [Fact("cli", "__main__", relpath, captures["main"][0].start_point[0], "main")]
        return []
    if "class" in captures:
        return _table_of_class(captures["class"][0], relpath, imports)
    if "assign" in captures:
        name = captures["aname"][0].text.decode()
        value = literal(captures["avalue"][0])
        if SECRET_NAME.search(name) and value and name.isupper() and value.strip():
            return [Fact("secret", name, relpath, captures["assign"][0].start_point[0], "hard-coded value")]
        return []
    if "str" in captures:
        match = _CREATE_TABLE.search(captures["str"][0].text.decode("utf-8", "replace"))
        if match:
            return [Fact("table", match.group(1), relpath, captures["str"][0].start_point[0], "SQL")]
    return []


def _table_of_class(node: ts.Node, relpath: str, imports: dict[str, str]) -> list[Fact]:
    """Django models (`app_model` or Meta.db_table) and SQLAlchemy `__tablename__`."""
    name = node.child_by_field_name("name").text.decode()
    if name == "Meta":
        return []
    body = node.child_by_field_name("body")
    text = body.text.decode("utf-8", "replace") if body is not None else ""
    explicit = re.search(r"(?:__tablename__|db_table)\s*=\s*['\"](\w+)['\"]", text)
    if explicit:
        return [Fact("table", explicit.group(1), relpath, node.start_point[0], name)]
    bases = node.child_by_field_name("superclasses")
    if bases is not None and any(matches_any(qualname(b, imports), ("django.db.models.Model", "models.Model"))
                                 for b in bases.named_children):
        app = Path(relpath).parent.name or "app"
        return [Fact("table", f"{app}_{name.lower()}", relpath, node.start_point[0], f"Django model {name}")]
    return []


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = {"cli": (f.kind, f.path, f.line), "table": (f.kind, f.name, f.path)}.get(f.kind, (f.kind, f.name, f.path,
                                                                                            f.line))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

"""Django URL configurations: `path()`, `re_path()` and `url()` entries of each urls module,
composed through `include()` into full routes whose handlers are resolved to project files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.calls import arguments
from threatmark.core.names import matches_any, qualname
from threatmark.core.parse import ParsedFile
from threatmark.threat.globs import module_name
from threatmark.threat.locate import Route, keyword, literal

if TYPE_CHECKING:
    from threatmark.threat.inventory import Fact

_ROUTE_CALLS = ("django.urls.path", "django.urls.re_path", "django.conf.urls.url")
_INCLUDE = ("django.urls.include", "django.conf.urls.include")


@dataclass(frozen=True)
class UrlEntry:
    pattern: str
    line: int
    target: str  # dotted handler (`views.user_detail`) or included module (`shop.urls`)
    include: bool


@dataclass
class UrlConf:
    module: str
    path: str
    entries: list[UrlEntry] = field(default_factory=list)


def urlconf_entries(parsed: ParsedFile, imports: dict[str, str], module: str) -> UrlConf | None:
    """The route entries of one file (None when it declares none)."""
    if "django" not in " ".join(imports.values()) or b"urlpatterns" not in parsed.data:
        return None
    conf = UrlConf(module, parsed.source.path)
    stack = [parsed.tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.named_children))
        if node.type != "call":
            continue
        name = qualname(node.child_by_field_name("function"), imports)
        if not matches_any(name, _ROUTE_CALLS):
            continue
        positional, keywords, _ = arguments(node)
        pattern = literal(positional[0]) if positional else literal(keyword(keywords, "route"))
        view = positional[1] if len(positional) > 1 else keyword(keywords, "view")
        if pattern is None or view is None:
            continue
        conf.entries.append(_entry(pattern, node.start_point[0], view, imports))
    return conf if conf.entries else None


def _entry(pattern: str, line: int, view: ts.Node, imports: dict[str, str]) -> UrlEntry:
    if view.type == "call" and matches_any(qualname(view.child_by_field_name("function"), imports), _INCLUDE):
        positional, _, _ = arguments(view)
        first = positional[0] if positional else None
        if first is not None and first.type == "tuple" and first.named_children:
            first = first.named_children[0]
        target = literal(first) if first is not None and first.type == "string" else qualname(first, imports)
        return UrlEntry(pattern, line, target or "", True)
    if view.type == "call":  # SomeView.as_view()
        function = view.child_by_field_name("function")
        if function is not None and function.type == "attribute":
            view = function.child_by_field_name("object")
    return UrlEntry(pattern, line, qualname(view, imports) or view.text.decode("utf-8", "replace"), False)


def _join(prefix: str, pattern: str) -> str:
    pattern = pattern.removeprefix("^")
    if prefix.endswith("$"):
        prefix = prefix[:-1]
    return prefix + pattern


def _resolve_module(target: str, package: str, modules: dict[str, str]) -> str | None:
    for candidate in (f"{package}.{target}" if package else target, target):
        if candidate in modules:
            return candidate
    tail = "." + target
    return next((m for m in modules if m.endswith(tail)), None)


def _resolve_handler(target: str, package: str, modules: dict[str, str]) -> tuple[str, str] | None:
    """`views.user_detail` in package `shop` → ('shop/views.py', 'user_detail')."""
    parts = target.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = _resolve_module(".".join(parts[:cut]), package, modules)
        if module is not None:
            return modules[module], ".".join(parts[cut:])
    return None


def compose_django_routes(confs: list[UrlConf], files: set[str], auth: dict[str, bool]) -> list[Fact]:
    """Full routes from every root urlconf (one no other includes), with resolved handlers."""
    from threatmark.threat.inventory import Fact

    modules = {module_name(f): f for f in files}
    by_module = {c.module: c for c in confs}
    included = {_resolve_module(e.target, c.module.rpartition(".")[0], modules)
                for c in confs for e in c.entries if e.include}
    facts: list[Fact] = []

    def walk(conf: UrlConf, prefix: str, seen: frozenset[str]) -> None:
        package = conf.module.rpartition(".")[0]
        for entry in conf.entries:
            full = _join(prefix, entry.pattern)
            if entry.include:
                target = _resolve_module(entry.target, package, modules)
                if target in by_module and target not in seen:
                    walk(by_module[target], full, seen | {target})
                continue
            resolved = _resolve_handler(entry.target, package, modules)
            path, function = resolved if resolved else ("", entry.target)
            hint = auth.get(f"{module_name(path)}.{function}", False) or "admin.site" in entry.target
            route = Route("/" + full.lstrip("/").removesuffix("$"), (), function, entry.line, "django", hint)
            facts.append(Fact("route", route.pattern, conf.path, entry.line, "django", function, route, path))

    for conf in confs:
        if conf.module not in included:
            walk(conf, "", frozenset({conf.module}))
    return facts

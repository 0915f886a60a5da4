"""Function-level facts for the taint engine: tables of same-file functions, parameters, route
handlers and views (whose parameters are untrusted) and module constants."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import tree_sitter as ts

from threatmark.core.calls import arguments
from threatmark.core.fields import F_BODY, F_FUNCTION, F_LEFT, F_NAME, F_OBJECT, F_PARAMETERS, F_RIGHT, F_TYPE, F_VALUE
from threatmark.core.index import FileIndex
from threatmark.core.names import matches_any
from threatmark.core.taint.constfold import UNKNOWN, fold
from threatmark.core.taint.library import CLI_DECORATORS, NOT_UNTRUSTED_DEFAULTS, ROUTE_DECORATORS

if TYPE_CHECKING:
    pass

_PARAM_NAME = {"identifier": None, "typed_parameter": None, "default_parameter": F_NAME,
               "typed_default_parameter": F_NAME}  # kind → field holding the name (None: the node or a child)
_SCALAR_TYPES = {"int", "float", "bool", "UUID", "date", "datetime", "Decimal", "PositiveInt", "conint"}
_TRUSTED_TYPES = ("Request", "Session", "BackgroundTasks", "Response", "WebSocket", "HttpRequest")


def function_tables(index: FileIndex) -> tuple[dict[str, ts.Node], dict[tuple[str, str], ts.Node],
                                               dict[int, str | None]]:
    """(module-level functions by name, methods by (class, name), every function's `class_of` by id)."""
    functions: dict[str, ts.Node] = {}
    methods: dict[tuple[str, str], ts.Node] = {}
    classes: dict[int, str | None] = {}
    for node in index.functions:
        name = node.child_by_field_id(F_NAME).text.decode()
        container = _container(node)
        classes[node.id] = None
        if container is None:
            functions[name] = node
        elif container.type == "class_definition":
            owner = classes[node.id] = container.child_by_field_id(F_NAME).text.decode()
            methods[(owner, name)] = node
    return functions, methods, classes


def _container(node: ts.Node) -> ts.Node | None:
    """The nearest enclosing function or class definition (None at module level)."""
    current = node.parent
    while current is not None:
        if current.type in ("function_definition", "class_definition"):
            return current
        current = current.parent
    return None


def class_of(function: ts.Node) -> str | None:
    owner = _container(function)
    if owner is not None and owner.type == "class_definition":
        return owner.child_by_field_id(F_NAME).text.decode()
    return None


def class_body(method: ts.Node) -> ts.Node | None:
    """The body block of the class a method is defined in."""
    owner = _container(method)
    return owner.child_by_field_id(F_BODY) if owner is not None and owner.type == "class_definition" else None


def enclosing_function(node: ts.Node) -> ts.Node | None:
    current = node.parent
    while current is not None and current.type != "function_definition":
        current = current.parent
    return current


def parameters(function: ts.Node) -> list[tuple[str, ts.Node]]:
    """(name, node) for each named parameter, in order (splats included by their name)."""
    found: list[tuple[str, ts.Node]] = []
    params = function.child_by_field_id(F_PARAMETERS)
    for child in params.named_children if params is not None else []:
        if child.type in _PARAM_NAME:
            field = _PARAM_NAME[child.type]
            name = child.child_by_field_id(field) if field is not None else (
                child if child.type == "identifier" else child.named_children[0])
            if name is not None and name.type == "identifier":
                found.append((name.text.decode(), child))
        elif child.type in ("list_splat_pattern", "dictionary_splat_pattern") and child.named_children:
            found.append((child.named_children[0].text.decode(), child))
    return found


def _decorators(function: ts.Node, index: FileIndex) -> list[ts.Node]:
    """The decorator expressions of a function (the index knows which functions have any)."""
    if function.id not in index.decorated:
        return []
    parent = function.parent
    if parent is None or parent.type != "decorated_definition":
        return []
    return [d.named_children[0] for d in parent.named_children if d.type == "decorator" and d.named_children]


def is_route_handler(function: ts.Node, index: FileIndex) -> bool:
    """Decorated with a route decorator whose first argument is a URL path string."""
    key = ("route", function.id)
    if key not in index.memo:
        index.memo[key] = _is_route_handler(function, index)
    return bool(index.memo[key])


def _is_route_handler(function: ts.Node, index: FileIndex) -> bool:
    for decorator in _decorators(function, index):
        if decorator.type != "call":
            continue
        name = index.qualname(decorator.child_by_field_id(F_FUNCTION))
        positional, _, _ = arguments(decorator)
        if matches_any(name, ROUTE_DECORATORS) and positional and positional[0].type == "string":
            text = positional[0].text.decode()
            if text.lstrip("rbuRBU").strip("'\"").startswith("/"):
                return True
    return False


_JSON_FRAMEWORKS = ("fastapi", "starlette", "litestar")


def returns_html(function: ts.Node, index: FileIndex) -> bool:
    """Flask-style handlers return HTML; FastAPI/Starlette ones JSON unless response_class says HTML."""
    for decorator in _decorators(function, index):
        if decorator.type != "call":
            continue
        _, keywords, _ = arguments(decorator)
        response = keywords.get("response_class")
        if response is not None and b"HTML" in (response.text or b""):
            return True
        target = decorator.child_by_field_id(F_FUNCTION)
        owner = target.child_by_field_id(F_OBJECT) if target is not None and target.type == "attribute" else None
        if owner is not None and owner.type == "identifier":
            made_by = _constructors(index).get(owner.text.decode(), "")
            if made_by:
                return not made_by.startswith(_JSON_FRAMEWORKS)
    key = ("html frameworks", 0)
    if key not in index.memo:  # the file's imports decide it for every undecorated handler
        frameworks = {v.split(".")[0] for v in index.imports.values()}
        index.memo[key] = "flask" in frameworks or not frameworks & set(_JSON_FRAMEWORKS)
    return bool(index.memo[key])


def _constructors(index: FileIndex) -> dict[str, str]:
    """Module-level `name = Something(...)` → qualified name of Something (memoised per file)."""
    key = ("constructors", 0)
    if key not in index.memo:
        found: dict[str, str] = {}
        for statement in index.parsed.tree.root_node.named_children:
            node = statement.named_children[0] if statement.type == "expression_statement" and \
                statement.named_children else None
            if node is not None and node.type == "assignment":
                left, right = node.child_by_field_id(F_LEFT), node.child_by_field_id(F_RIGHT)
                if left is not None and left.type == "identifier" and right is not None and right.type == "call":
                    found[left.text.decode()] = index.qualname(right.child_by_field_id(F_FUNCTION)) or ""
        index.memo[key] = found
    return index.memo[key]  # type: ignore[return-value]


def _is_cli_command(function: ts.Node, index: FileIndex) -> bool:
    for decorator in _decorators(function, index):
        target = decorator.child_by_field_id(F_FUNCTION) if decorator.type == "call" else decorator
        if matches_any(index.qualname(target), CLI_DECORATORS):
            return True
    return False


def untrusted_params(function: ts.Node, params: list[tuple[str, ts.Node]], index: FileIndex) -> dict[str, str]:
    """Parameters that carry untrusted input: route handler, Django view or CLI command arguments."""
    names = [name for name, _ in params if name not in ("self", "cls")]
    if is_route_handler(function, index):
        return {name: "web" for name, node in params if name in names and _untrusted_web_param(name, node, index)}
    if names[:1] == ["request"] and len(names) > 1 and _looks_like_view(function, index) \
            and not _called_here(function, index):
        return {name: "web" for name in names[1:]}
    if _is_cli_command(function, index):
        return {name: "cli" for name in names}
    return {}


_VIEW_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "dispatch",
                 "list", "create", "retrieve", "update", "partial_update", "destroy"}  # DRF viewsets
_VIEW_MODULE_HINTS = ("view", "api", "endpoint", "handler", "route")
_RESPONSE_RETURN = re.compile(rb"return\s+(?:[\w.]+\.)?(?:render\w*|redirect|\w*Response)\s*\(")


def _called_here(function: ts.Node, index: FileIndex) -> bool:
    """A function that code in the same file calls by name is a helper (`render_flatpage(request,
    f)`), not a view: its parameters are what its callers pass, which the callers' flows follow."""
    key = ("called-names", 0)
    called = index.memo.get(key)
    if called is None:
        called = index.memo[key] = frozenset(fn.text for _, fn in index.calls if fn.type == "identifier")
    return function.child_by_field_id(F_NAME).text in called  # type: ignore[operator]


def _looks_like_view(function: ts.Node, index: FileIndex) -> bool:
    """A Django-style view: decorated, a class-based view's HTTP method, or in a views module."""
    name = function.child_by_field_id(F_NAME).text.decode()
    if _decorators(function, index) or (class_of(function) is not None and name in _VIEW_METHODS):
        return True
    if class_of(function) is not None:  # other methods (`ModelAdmin.response_add(request, obj)`) are
        return False                    # called by code, not by URL routing with path parameters
    path = index.parsed.source.path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if any(hint in path for hint in _VIEW_MODULE_HINTS):
        return True
    return _RESPONSE_RETURN.search(function.text or b"") is not None


def _untrusted_web_param(name: str, node: ts.Node, index: FileIndex) -> bool:
    if name in ("request", "req", "db", "session", "background_tasks", "response"):
        return False
    default = node.child_by_field_id(F_VALUE)
    if default is not None and default.type == "call" and matches_any(
            index.qualname(default.child_by_field_id(F_FUNCTION)), NOT_UNTRUSTED_DEFAULTS):
        return False
    annotation = node.child_by_field_id(F_TYPE)
    if annotation is None:
        return True
    text = annotation.text.decode()
    return not text.endswith(_TRUSTED_TYPES) and text.split("[")[0].split(".")[-1] not in _SCALAR_TYPES


def module_constants(root: ts.Node) -> dict[str, Any]:
    """Names bound once to a constant among a module's (or class body's) statements
    (`DEBUG = False`, `LIMIT = 7 * 6`)."""
    consts: dict[str, Any] = {}
    seen: set[str] = set()
    for statement in root.named_children:
        if statement.type != "expression_statement" or not statement.named_children:
            continue
        node = statement.named_children[0]
        if node.type != "assignment":
            continue
        left = node.child_by_field_id(F_LEFT)
        if left is None or left.type != "identifier":
            continue
        name = left.text.decode()
        value = fold(node.child_by_field_id(F_RIGHT), consts)
        if name in seen or value is UNKNOWN:
            consts.pop(name, None)
        else:
            consts[name] = value
        seen.add(name)
    return consts

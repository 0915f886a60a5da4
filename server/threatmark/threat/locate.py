"""Where in the code a finding sits: its enclosing functions and classes, and the routes
declared on them (Flask/FastAPI/Starlette-style decorators, with Blueprint/APIRouter prefixes
declared in the same file). Pure tree-sitter; shared by the ranker and the inventory."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from threatmark.core.calls import arguments
from threatmark.core.names import collect_imports, matches_any, qualname
from threatmark.core.parse import ParsedFile
from threatmark.core.taint.library import ROUTE_DECORATORS

_METHOD_DECORATORS = {"get", "post", "put", "delete", "patch", "head", "options", "websocket"}
_PREFIX_FACTORIES = ("flask.Blueprint", "fastapi.APIRouter", "*.Blueprint", "*.APIRouter", "Blueprint", "APIRouter")
AUTH_HINT = re.compile(r"(?i)login_required|auth|permission|jwt_required|requires_|current_user|staff_member")


@dataclass(frozen=True)
class Route:
    """One declared URL route and the function that handles it."""

    pattern: str
    methods: tuple[str, ...]
    handler: str  # the handler's dotted name inside its file (`login`, `Api.get`) or module-level target
    line: int  # 0-based line of the declaration
    framework: str  # "flask", "fastapi", "django", "starlette", "web"
    auth_hint: bool = False  # a decorator/dependency that looks like an authentication check


@dataclass(frozen=True)
class CodeLocation:
    """The function chain around an offset, and the routes declared on any of those functions."""

    function: str  # dotted name inside the file ('' at module level)
    routes: tuple[Route, ...] = ()


def literal(node: ts.Node | None) -> str | None:
    """The value of a plain string literal (no f-string interpolation), else None."""
    if node is None or node.type != "string":
        return None
    if any(child.type == "interpolation" for child in node.children):
        return None
    text = node.text.decode("utf-8", "replace")
    match = re.match(r"(?is)^([rbu]*)('''|\"\"\"|'|\")(.*)\2$", text)
    return match.group(3) if match else None


def keyword(keywords: dict[str, ts.Node], *names: str) -> ts.Node | None:
    """The value node of the first given keyword argument present."""
    for name in names:
        if name in keywords:
            return keywords[name].child_by_field_name("value")
    return None


def decorators_of(function: ts.Node) -> list[ts.Node]:
    parent = function.parent
    if parent is None or parent.type != "decorated_definition":
        return []
    return [d.named_children[0] for d in parent.named_children if d.type == "decorator" and d.named_children]


class FileFacts:
    """Per-file facts computed once: imports, router prefixes and routes by function node id."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        root = parsed.tree.root_node
        self.imports = collect_imports(root)
        self.prefixes = self._prefixes(root)
        self._framework = "fastapi" if any(v.startswith("fastapi") for v in self.imports.values()) else (
            "flask" if any(v.startswith("flask") for v in self.imports.values()) else "web")

    def _prefixes(self, root: ts.Node) -> dict[str, str]:
        """`bp = Blueprint("x", __name__, url_prefix="/admin")` → {"bp": "/admin"}."""
        found: dict[str, str] = {}
        for statement in root.named_children:
            node = statement.named_children[0] if statement.type == "expression_statement" and \
                statement.named_children else None
            if node is None or node.type != "assignment":
                continue
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None or left.type != "identifier" or right.type != "call":
                continue
            if not matches_any(qualname(right.child_by_field_name("function"), self.imports), _PREFIX_FACTORIES):
                continue
            _, keywords, _ = arguments(right)
            prefix = literal(keyword(keywords, "url_prefix", "prefix"))
            if prefix:
                found[left.text.decode()] = prefix.rstrip("/")
        return found

    def routes_of(self, function: ts.Node, name: str) -> list[Route]:
        """Routes declared by decorators on one function definition."""
        routes = []
        auth = any(AUTH_HINT.search(d.text.decode("utf-8", "replace")) for d in decorators_of(function))
        params = function.child_by_field_name("parameters")
        if params is not None and re.search(r"Depends\(\s*\w*(auth|user|token)", params.text.decode(), re.I):
            auth = True
        for decorator in decorators_of(function):
            if decorator.type != "call":
                continue
            target = decorator.child_by_field_name("function")
            if not matches_any(qualname(target, self.imports), ROUTE_DECORATORS):
                continue
            positional, keywords, _ = arguments(decorator)
            pattern = literal(positional[0] if positional else keyword(keywords, "path", "rule"))
            if pattern is None or not pattern.startswith("/"):
                continue
            routes.append(Route(self._prefix(target) + pattern, self._methods(target, keywords), name,
                                decorator.start_point[0], self._framework, auth))
        return routes

    def _prefix(self, target: ts.Node) -> str:
        receiver = target.child_by_field_name("object") if target.type == "attribute" else None
        return self.prefixes.get(receiver.text.decode(), "") if receiver is not None else ""

    @staticmethod
    def _methods(target: ts.Node, keywords: dict[str, ts.Node]) -> tuple[str, ...]:
        attr = target.child_by_field_name("attribute") if target.type == "attribute" else None
        if attr is not None and attr.text.decode() in _METHOD_DECORATORS:
            return (attr.text.decode().upper(),)
        methods = keyword(keywords, "methods")
        if methods is not None and methods.type in ("list", "tuple", "set"):
            return tuple(v.upper() for v in (literal(n) for n in methods.named_children) if v)
        return ()

    def location(self, offset: int) -> CodeLocation:
        """The enclosing function chain of a byte offset and every route declared on it."""
        node = self.parsed.tree.root_node.descendant_for_byte_range(offset, offset)
        names: list[str] = []
        functions: list[tuple[ts.Node, int]] = []
        while node is not None:
            if node.type in ("function_definition", "class_definition"):
                name_node = node.child_by_field_name("name")
                names.append(name_node.text.decode() if name_node is not None else "?")
                if node.type == "function_definition":
                    functions.append((node, len(names)))
            node = node.parent
        names.reverse()
        routes: list[Route] = []
        for function, depth in functions:
            routes.extend(self.routes_of(function, ".".join(names[: len(names) - depth + 1])))
        return CodeLocation(".".join(names), tuple(routes))

    def functions(self) -> list[tuple[ts.Node, str]]:
        """Every function definition with its dotted name inside the file."""
        out: list[tuple[ts.Node, str]] = []
        stack: list[tuple[ts.Node, str]] = [(self.parsed.tree.root_node, "")]
        while stack:
            node, prefix = stack.pop()
            for child in reversed(node.named_children):
                target = child.child_by_field_name("definition") if child.type == "decorated_definition" else child
                if target is not None and target.type in ("function_definition", "class_definition"):
                    name_node = target.child_by_field_name("name")
                    name = f"{prefix}{name_node.text.decode()}" if name_node is not None else prefix
                    if target.type == "function_definition":
                        out.append((target, name))
                    body = target.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, name + "."))
                elif child.type not in ("expression_statement", "comment"):
                    stack.append((child, prefix))
        out.sort(key=lambda item: item[0].start_byte)
        return out

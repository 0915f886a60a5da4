"""Guards: conditions whose truth sanitises a value in the branch they hold in (`if x in ALLOWED:`,
`if not p.startswith(base): abort()`, `if url_has_allowed_host_and_scheme(u, ...)`), as facts
path → sanitiser kinds, combined through `and`/`or`/`not`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter as ts

from threatmark.core.fields import (
    F_ARGUMENT,
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_FUNCTION,
    F_LEFT,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_RIGHT,
    F_VALUE,
)
from threatmark.core.names import matches_any
from threatmark.core.taint.binding import URL_PARSERS
from threatmark.core.taint.constfold import UNKNOWN, fold
from threatmark.core.taint.paths import access_path
from threatmark.core.taint.values import ALL_KINDS

if TYPE_CHECKING:
    from threatmark.core.taint.stmts import Walker

EMPTY_VALUE = frozenset({"$empty"})  # the path is false: "", None, 0 or an empty container
_GUARD_METHODS = {**dict.fromkeys(("isdigit", "isnumeric", "isalnum", "isalpha", "isdecimal", "isidentifier"),
                                  ALL_KINDS), "is_relative_to": frozenset({"path"})}
_PATH = frozenset({"path"})
_URL = frozenset({"url"})
_URL_PARTS = ("hostname", "netloc", "host")
_COMMON_PATH = ("os.path.commonpath", "os.path.commonprefix", "posixpath.commonpath")
_GUARD_CALLS = {"re.fullmatch": ALL_KINDS, "re.match": ALL_KINDS, "*.fullmatch": ALL_KINDS,
                "*url_has_allowed_host_and_scheme": frozenset({"url"}), "*is_safe_url": frozenset({"url"})}
_PATH_NORMALISERS = ("os.path.realpath", "os.path.abspath", "os.path.normpath", "*.resolve", "pathlib.Path",
                     "*.absolute")


def cleanings(walker: Walker, condition: ts.Node, truth: bool) -> dict[str, frozenset[str]]:
    """Path → sanitiser kinds that hold when the condition is `truth`. Both sides of `and`
    (true) / `or` (false) hold; for `and` (false) / `or` (true) only what either side gives.
    A name that is false is empty, which carries nothing: `(x or y) and not safe(x)` false
    means x is empty or safe."""
    node = condition
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "not_operator":
        return cleanings(walker, node.child_by_field_id(F_ARGUMENT), not truth)
    if node.type == "boolean_operator":
        op = node.child_by_field_id(F_OPERATOR).type
        left = cleanings(walker, node.child_by_field_id(F_LEFT), truth)
        right = cleanings(walker, node.child_by_field_id(F_RIGHT), truth)
        both = (op == "and" and truth) or (op == "or" and not truth)
        return _both(left, right) if both else _either(left, right)
    if not truth and node.type in ("identifier", "attribute"):
        path = access_path(node, walker.state)
        return {path: EMPTY_VALUE} if path is not None else {}
    found: dict[str, frozenset[str]] = {}
    for target, kinds, positive in _guard_facts(walker, node):
        if positive == truth:
            path = access_path(target, walker.state)
            if path is not None:
                found = _both(found, {path: kinds})
    return found




def _both(left: dict[str, frozenset[str]], right: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Facts that hold together: every path of either side, kinds united (empty absorbs all)."""
    out = dict(left)
    for path, kinds in right.items():
        have = out.get(path)
        out[path] = kinds if have is None else EMPTY_VALUE if EMPTY_VALUE in (have, kinds) else have | kinds
    return out


def _either(left: dict[str, frozenset[str]], right: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Facts that hold whichever side is true: paths on both sides, with the kinds both give."""
    out = {}
    for path in left.keys() & right.keys():
        a, b = left[path], right[path]
        out[path] = b if a == EMPTY_VALUE else a if b == EMPTY_VALUE else a & b
    return {path: kinds for path, kinds in out.items() if kinds}


def _guard_facts(walker: Walker, node: ts.Node) -> list[tuple[ts.Node, frozenset[str], bool]]:
    """(guarded expression, sanitiser kinds, holds-when-true) facts of a simple condition."""
    facts: list[tuple[ts.Node, frozenset[str], bool]] = []
    if node.type == "comparison_operator" and node.named_child_count == 2:
        ops = [c.type for c in node.children if not c.is_named]
        left, right = node.named_children
        special = _special_subject(walker, left)
        if special is not None:
            targets, kinds = special
            positive = ops in (["in"], ["=="])
            if ops in (["in"], ["=="], ["not", "in"], ["not in"], ["!="]):
                facts.extend((t, kinds, positive) for t in targets)
        elif ops == ["in"] and right.type != "string":
            facts.append((left, ALL_KINDS, True))
        elif ops == ["not", "in"] or ops == ["not in"]:
            facts.append((left, ALL_KINDS, False))
        elif ops == ["=="] and fold(right, walker.state.consts) is not UNKNOWN:
            facts.append((left, ALL_KINDS, True))
        elif ops == ["!="] and fold(right, walker.state.consts) is not UNKNOWN:
            facts.append((left, ALL_KINDS, False))
    if node.type == "call":
        fn = node.child_by_field_id(F_FUNCTION)
        name = walker.ctx.index.qualname(fn) or ""
        args = node.child_by_field_id(F_ARGUMENTS)
        first = args.named_children if args is not None else []
        if fn is not None and fn.type == "attribute":
            method = fn.child_by_field_id(F_ATTRIBUTE).text.decode()
            if method == "startswith":
                facts.extend(_startswith_facts(walker, fn.child_by_field_id(F_OBJECT), first))
            if method in _GUARD_METHODS:
                subject = fn.child_by_field_id(F_OBJECT)
                facts.extend((t, _GUARD_METHODS[method], True) for t in _guarded(walker, subject))
        for pattern, kinds in _GUARD_CALLS.items():
            if matches_any(name, pattern) and first:
                target = first[-1] if name.endswith(("fullmatch", "match")) else first[0]
                if target.type == "keyword_argument":
                    target = next((a.child_by_field_id(F_VALUE) for a in first if a.type == "keyword_argument"
                                   and a.child_by_field_id(F_NAME).text in (b"url", b"string")), None)
                facts.extend((t, kinds, True) for t in _guarded(walker, target))
    return facts


def _special_subject(walker: Walker, node: ts.Node) -> tuple[list[ts.Node], frozenset[str]] | None:
    """`urlparse(u).hostname` → ([u], url); `os.path.commonpath([p, base])` → ([p], path)."""
    if node.type == "attribute" and node.child_by_field_id(F_ATTRIBUTE).text.decode() in _URL_PARTS:
        call = node.child_by_field_id(F_OBJECT)
        if call.type == "identifier" and call.text.decode() in walker.derived:
            return _guarded(walker, walker.derived[call.text.decode()]), _URL
        if call.type == "call" and matches_any(walker.ctx.index.qualname(call.child_by_field_id(F_FUNCTION)),
                                               URL_PARSERS):
            args = call.child_by_field_id(F_ARGUMENTS).named_children
            return (_guarded(walker, args[0]) if args else []), _URL
    if node.type == "call" and matches_any(walker.ctx.index.qualname(node.child_by_field_id(F_FUNCTION)),
                                           _COMMON_PATH):
        args = node.child_by_field_id(F_ARGUMENTS).named_children
        if args and args[0].type in ("list", "tuple"):
            return [t for item in args[0].named_children for t in _guarded(walker, item)], _PATH
    return None


def _startswith_facts(walker: Walker, subject: ts.Node | None, args: list[ts.Node]):
    """`p.startswith(base)` proves containment only for a normalised path; `u.startswith(
    "https://host/")` proves an allowed URL, a bare "/" does not (`//evil.example`)."""
    if subject is None or not args:
        return []
    prefix = fold(args[0], walker.state.consts)
    facts = []
    if isinstance(prefix, str) and "://" in prefix and "/" in prefix.split("://", 1)[1]:
        facts += [(t, _URL, True) for t in _guarded(walker, subject)]
    normalised = subject.type == "call" or all("normalized" in f.cleaned for f in walker.ev(subject))
    if normalised:
        facts += [(t, _PATH, True) for t in _guarded(walker, subject)]
    return facts


def _guarded(walker: Walker, node: ts.Node | None) -> list[ts.Node]:
    """The expression a guard talks about, plus the variable inside a normalising call."""
    if node is None:
        return []
    found = [node]
    if node.type == "call" and matches_any(walker.ctx.index.qualname(node.child_by_field_id(F_FUNCTION)),
                                           _PATH_NORMALISERS):
        args = node.child_by_field_id(F_ARGUMENTS)
        if args is not None and args.named_children:
            found.extend(_guarded(walker, args.named_children[0]))
        fn = node.child_by_field_id(F_FUNCTION)
        if fn is not None and fn.type == "attribute":
            found.extend(_guarded(walker, fn.child_by_field_id(F_OBJECT)))
    return found

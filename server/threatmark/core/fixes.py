"""Fix templates → byte edits, and applying edits to text. Verification lives in the engine
(it needs to re-run the rules); a fix built here is unverified until then."""

from __future__ import annotations

from typing import Any

import tree_sitter as ts

from threatmark.core.conditions import check
from threatmark.core.fields import F_ARGUMENTS
from threatmark.core.findings import _PLACEHOLDER, fill
from threatmark.core.index import FileIndex
from threatmark.core.match import Match
from threatmark.core.parse import ParsedFile
from threatmark.model import Edit, Fix


class FixError(ValueError):
    """A fix template that cannot be applied at this match (missing capture, not a call...)."""


def build_fixes(match: Match, index: FileIndex) -> tuple[Fix, ...]:
    """Unverified candidate fixes for one match, from the rule's templates."""
    fixes = []
    call = match.captures.get("call")
    for i, template in enumerate(match.rule.fix):
        if not all(check(cond, call, match.captures, index.qualname) for cond in template.get("when", ())):
            continue
        try:
            edits = [e for spec in template["edits"] for e in _edits(spec, match, index.parsed)]
            edits += [e for module in template.get("imports", ()) if (e := _import_edit(module, index))]
        except FixError:
            continue
        if not edits:
            continue
        title = fill(template["title"], match, index.parsed)
        fixes.append(Fix(title=title, edits=tuple(edits), preferred=i == 0))
    return tuple(fixes)


def _fill_strict(template: str, match: Match, parsed: ParsedFile) -> str:
    """Fill a fix template; a placeholder with no value at this match makes the fix unusable."""
    text = fill(template, match, parsed, limit=None)
    missing = [m.group(1) for m in _PLACEHOLDER.finditer(template) if "{" + m.group(1) + "}" in text]
    if missing:
        raise FixError(f"no value for {missing}")
    return text


def _edits(spec: dict[str, Any], match: Match, parsed: ParsedFile) -> list[Edit]:
    if "replace" in spec:
        node = match.captures.get(spec["replace"])
        if node is None:
            raise FixError(f"no capture {spec['replace']!r}")
        return [Edit(node.start_byte, node.end_byte, _fill_strict(spec["with"], match, parsed))]
    call = match.captures.get("call")
    if call is None:
        raise FixError("keyword edits need a call")
    if "set-keyword" in spec:
        name, value = spec["set-keyword"]["name"], _fill_strict(spec["set-keyword"]["value"], match, parsed)
        existing = match.captures.get(f"kw_{name}")
        if existing is not None:
            if spec["set-keyword"].get("only-if-absent"):
                return []
            return [Edit(existing.start_byte, existing.end_byte, value)]
        return [_append_argument(call, f"{name}={value}", parsed)]
    keyword = match.captures.get(f"kwarg_{spec['remove-keyword']}")
    if keyword is None:
        raise FixError(f"no keyword {spec['remove-keyword']!r} to remove")
    return [_remove_argument(keyword, parsed)]


def _append_argument(call: ts.Node, text: str, parsed: ParsedFile) -> Edit:
    args = call.child_by_field_id(F_ARGUMENTS)
    if args is None or args.type != "argument_list":
        raise FixError("call has no argument list")
    close = args.end_byte - 1
    inner = parsed.data[args.start_byte + 1 : close].rstrip()
    if not inner:
        return Edit(close, close, text)
    if inner.endswith(b","):
        last_line = inner[inner.rfind(b"\n") + 1 :]
        if b"\n" in inner and last_line.strip() and parsed.data[args.start_byte + 1 + len(inner) : close].count(b"\n"):
            indent = last_line[: len(last_line) - len(last_line.lstrip())].decode()
            end = args.start_byte + 1 + len(inner)
            return Edit(end, end, f"\n{indent}{text},")
        return Edit(close, close, f" {text}")
    end = args.start_byte + 1 + len(inner)
    return Edit(end, end, f", {text}")


def _remove_argument(node: ts.Node, parsed: ParsedFile) -> Edit:
    prev = node.prev_sibling
    if prev is not None and prev.type == ",":
        return Edit(prev.start_byte, node.end_byte, "")
    nxt = node.next_sibling
    if nxt is not None and nxt.type == ",":
        end = nxt.end_byte
        while end < len(parsed.data) and parsed.data[end : end + 1] in (b" ", b"\t"):
            end += 1
        return Edit(node.start_byte, end, "")
    return Edit(node.start_byte, node.end_byte, "")


def _import_edit(module: str, index: FileIndex) -> Edit | None:
    """`import module` after the last top-level import, unless the module is already imported."""
    head = module.split(".")[0]
    if index.imports.get(head) == head:
        return None
    root = index.parsed.tree.root_node
    position = 0
    for statement in root.named_children:
        if statement.type in _IMPORTS or (position == 0 and _is_docstring(statement)):
            position = statement.end_byte
        elif statement.type != "comment":
            break
    return Edit(position, position, f"\nimport {module}" if position else f"import {module}\n")


_IMPORTS = ("import_statement", "import_from_statement", "future_import_statement")


def _is_docstring(statement: ts.Node) -> bool:
    children = statement.named_children
    return statement.type == "expression_statement" and bool(children) and children[0].type == "string"


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """Apply byte edits to text (identical edits once; an edit overlapping an earlier one is skipped)."""
    data = text.encode("utf-8", "surrogatepass")
    unique = sorted(set(edits), key=lambda e: (e.start, e.end, e.text))
    chosen: list[Edit] = []
    for edit in unique:
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    for edit in reversed(chosen):
        data = data[: edit.start] + edit.text.encode("utf-8", "surrogatepass") + data[edit.end :]
    return data.decode("utf-8", "surrogatepass")

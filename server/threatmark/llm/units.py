"""Split a parsed file into review units and give each a digest of its normalised text.

A unit is a function or method (with its decorators; nested functions stay inside their parent)
or the module-level code (every line not inside a function, as one unit). The digest ignores
comments, blank lines, trailing whitespace and the unit's indentation, so re-saving or
re-commenting a function does not make it "changed".
"""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from functools import cache

import tree_sitter as ts

from threatmark.core.parse import ParsedFile, language

MODULE = "<module>"
_CONTAINERS = {"class_definition", "decorated_definition"}
_BORING = {"import_statement", "import_from_statement", "future_import_statement", "pass_statement", "comment"}


@dataclass(frozen=True)
class Unit:
    """One reviewable piece of a file; `lines` are the 0-based file lines it owns."""

    name: str  # "func", "Class.method" or "<module>"
    kind: str  # "function" | "module"
    start: int  # byte offset of the first owned line's start (functions: where a rewrite begins)
    end: int  # byte offset where the unit ends (functions: end of the definition)
    lines: tuple[int, ...]
    text: str  # the owned lines as written (comments included), joined with "\n"
    signature: str  # normalised decorators + `def` line; "" for the module unit
    normalized: str
    digest: str
    calls: frozenset[str]  # simple names of the functions it calls

    def label(self) -> str:
        return "module-level code" if self.kind == "module" else f"{self.name}()"


@cache
def _queries() -> tuple[ts.Query, ts.Query]:
    lang = language("python")
    comments = ts.Query(lang, "(comment) @c")
    calls = ts.Query(lang, "(call function: [(identifier) @n (attribute attribute: (identifier) @n)])")
    return comments, calls


def split_units(parsed: ParsedFile) -> list[Unit]:
    """Function units in document order, then the module unit when it holds more than imports."""
    comments_q, calls_q = _queries()
    comment_nodes = ts.QueryCursor(comments_q).captures(parsed.tree.root_node).get("c", [])
    comments = sorted((n.start_byte, n.end_byte) for n in comment_nodes)
    call_nodes = ts.QueryCursor(calls_q).captures(parsed.tree.root_node).get("n", [])
    functions: list[tuple[str, ts.Node, ts.Node]] = []  # (qualified name, outer node, function_definition)
    interesting_module_code = _collect(parsed.tree.root_node, "", functions)
    units: list[Unit] = []
    owned: set[int] = set()
    for name, outer, func in functions:
        first, last = outer.start_point[0], outer.end_point[0]
        lines = tuple(range(first, last + 1))
        owned.update(lines)
        start = parsed.lines.line_starts[first]
        names = frozenset(parsed.text(n) for n in call_nodes if outer.start_byte <= n.start_byte < outer.end_byte)
        units.append(_make(parsed, name, "function", start, outer.end_byte, lines, comments,
                           _signature(parsed, outer, func, comments), names))
    rest = tuple(i for i in range(parsed.lines.line_count) if i not in owned)
    if interesting_module_code and rest:
        names = frozenset(parsed.text(n) for n in call_nodes
                          if parsed.lines.position(n.start_byte).line not in owned)
        units.append(_make(parsed, MODULE, "module", 0, len(parsed.data), rest, comments, "", names))
    return units


def _collect(node: ts.Node, prefix: str, out: list[tuple[str, ts.Node, ts.Node]]) -> bool:
    """Gather functions under a module or class body; True when other real statements exist."""
    interesting = False
    for child in node.named_children:
        inner = child.child_by_field_name("definition") if child.type == "decorated_definition" else child
        if inner is None:
            continue
        if inner.type == "function_definition":
            name_node = inner.child_by_field_name("name")
            name = name_node.text.decode("utf-8", "replace") if name_node is not None and name_node.text else "?"
            out.append((prefix + name, child, inner))
        elif inner.type == "class_definition":
            body = inner.child_by_field_name("body")
            name_node = inner.child_by_field_name("name")
            cname = name_node.text.decode("utf-8", "replace") if name_node is not None and name_node.text else "?"
            if body is not None:
                interesting |= _collect(body, f"{prefix}{cname}.", out)
        elif inner.type not in _BORING and not _is_docstring(inner):
            interesting = True
    return interesting


def _is_docstring(node: ts.Node) -> bool:
    return node.type == "expression_statement" and node.named_child_count == 1 and \
        node.named_children[0].type == "string"


def _signature(parsed: ParsedFile, outer: ts.Node, func: ts.Node, comments: list[tuple[int, int]]) -> str:
    """Decorators and the `def` header up to the body, without comments, whitespace-normalised."""
    body = func.child_by_field_name("body")
    end = body.start_byte if body is not None else func.end_byte
    header = _blank_comments(parsed.data[outer.start_byte:end], outer.start_byte, comments)
    return " ".join(header.decode("utf-8", "replace").split()).rstrip(":").rstrip()


def _blank_comments(data: bytes, lo: int, comments: list[tuple[int, int]]) -> bytes:
    """`data` (which starts at byte `lo` of the file) with every comment inside it blanked."""
    hi = lo + len(data)
    for c_lo, c_hi in comments:
        if c_lo >= hi:
            break
        if c_hi > lo:
            a, b = max(c_lo, lo) - lo, min(c_hi, hi) - lo
            data = data[:a] + b" " * (b - a) + data[b:]
    return data


def _make(parsed: ParsedFile, name: str, kind: str, start: int, end: int, lines: tuple[int, ...],
          comments: list[tuple[int, int]], signature: str, calls: frozenset[str]) -> Unit:
    texts = [parsed.lines.line_text(i) for i in lines]
    normalized = normalize(parsed, lines, comments)
    digest = hashlib.sha256(normalized.encode("utf-8", "surrogatepass")).hexdigest()
    return Unit(name, kind, start, end, lines, "\n".join(texts), signature, normalized, digest, calls)


def normalize(parsed: ParsedFile, lines: tuple[int, ...], comments: list[tuple[int, int]]) -> str:
    """The owned lines without comments, blank lines, trailing whitespace or common indentation."""
    out = []
    starts = parsed.lines.line_starts
    for i in lines:
        lo = starts[i]
        hi = starts[i + 1] if i + 1 < len(starts) else len(parsed.data)
        line = _blank_comments(parsed.data[lo:hi], lo, comments).decode("utf-8", "replace").rstrip()
        if line.strip():
            out.append(line)
    return textwrap.dedent("\n".join(out))


def unit_at(units: list[Unit], line: int) -> Unit | None:
    """The unit owning a 0-based file line (functions first, then the module unit)."""
    for unit in units:
        if unit.kind == "function" and unit.lines[0] <= line <= unit.lines[-1]:
            return unit
    for unit in units:
        if unit.kind == "module" and line in unit.lines:
            return unit
    return None


def imports_text(parsed: ParsedFile) -> str:
    """The file's top-level import statements, one per line."""
    found = [parsed.text(n) for n in parsed.tree.root_node.named_children
             if n.type in ("import_statement", "import_from_statement", "future_import_statement")]
    return "\n".join(" ".join(t.split()) for t in found)


def callee_signatures(unit: Unit, units: list[Unit]) -> list[str]:
    """Signatures of the same-file functions this unit calls (by simple name)."""
    out = []
    for other in units:
        if other is unit or other.kind != "function":
            continue
        if other.name.rsplit(".", 1)[-1] in unit.calls:
            out.append(other.signature)
    return out

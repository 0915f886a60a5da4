"""SourceFile → ParsedFile: tree-sitter parsing, position index and incremental re-parse.

`ParsedFile` is the parsed snapshot the matchers read. `Document` keeps exactly one tree per
open document and edits it in place (`tree.edit` + `parser.parse(new, old_tree)`), which is
what makes a one-character re-parse take about a millisecond.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import tree_sitter as ts

from threatmark.model import Position, SourceFile, Span

_NEWLINE = re.compile(b"\n")


@cache
def language(name: str) -> ts.Language:
    """The tree-sitter Language for a language name; ValueError if unsupported."""
    if name == "python":
        import tree_sitter_python

        return ts.Language(tree_sitter_python.language())
    raise ValueError(f"unsupported language {name!r}")


def language_for_path(path: str) -> str | None:
    """The analysed language of a file name, or None when we do not analyse it."""
    return "python" if path.endswith((".py", ".pyw", ".pyi")) else None


class LineIndex:
    """Converts between byte offsets and (line, code-point column) in one UTF-8 text."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(data)]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> Position:
        """The Position of a byte offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        prefix = self.data[start:offset]
        column = len(prefix) if prefix.isascii() else len(prefix.decode("utf-8", "replace"))
        return Position(line, column, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(end))

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a (line, code-point column), clamped to the line and text."""
        if line >= len(self.line_starts):
            return len(self.data)
        start = self.line_starts[max(line, 0)]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.data)
        text = self.data[start:end]
        if text.isascii():
            return start + min(max(column, 0), len(text))
        return start + len(text.decode("utf-8", "replace")[: max(column, 0)].encode("utf-8"))

    def line_text(self, line: int) -> str:
        if not 0 <= line < len(self.line_starts):
            return ""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.data)
        return self.data[start:end].decode("utf-8", "replace").rstrip("\r\n")


@dataclass(frozen=True)
class ParsedFile:
    """A parsed snapshot: source, tree, UTF-8 bytes, line index and syntax-error ranges."""

    source: SourceFile
    tree: ts.Tree
    data: bytes
    lines: LineIndex
    error_ranges: tuple[tuple[int, int], ...]

    def text(self, node: ts.Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def span(self, node: ts.Node) -> Span:
        return self.lines.span(node.start_byte, node.end_byte)

    def overlaps_error(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an ERROR or MISSING node."""
        return any((lo < end and start < hi) or (lo == hi and start <= lo <= end) for lo, hi in self.error_ranges)


def error_ranges(root: ts.Node) -> tuple[tuple[int, int], ...]:
    """Byte ranges of ERROR and MISSING nodes, visiting only subtrees that contain errors."""
    if not root.has_error:
        return ()
    found: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append((node.start_byte, node.end_byte))
            continue
        stack.extend(child for child in node.children if child.has_error)
    return tuple(sorted(found))


def parse(source: SourceFile, old_tree: ts.Tree | None = None) -> ParsedFile:
    """Parse a SourceFile (optionally reusing an already-edited old tree)."""
    data = source.text.encode("utf-8", "surrogatepass")
    parser = ts.Parser(language(source.language))
    tree = parser.parse(data, old_tree) if old_tree is not None else parser.parse(data)
    return ParsedFile(source, tree, data, LineIndex(data), error_ranges(tree.root_node))


class Document:
    """One open document: keeps a single tree and edits it in place on every change."""

    def __init__(self, source: SourceFile) -> None:
        self.parser = ts.Parser(language(source.language))
        self.source = source
        self.data = source.text.encode("utf-8", "surrogatepass")
        self.tree = self.parser.parse(self.data)
        self.changed: list[tuple[int, int]] = []  # byte ranges in the current text

    def snapshot(self) -> ParsedFile:
        """The current parse as a ParsedFile (builds the line index; not needed per edit)."""
        return ParsedFile(self.source, self.tree, self.data, LineIndex(self.data), error_ranges(self.tree.root_node))

    def edit(self, start: int, end: int, new_text: str) -> None:
        """Replace bytes [start, end) with new_text and re-parse incrementally."""
        start = max(0, min(start, len(self.data)))
        end = max(start, min(end, len(self.data)))
        new_bytes = new_text.encode("utf-8", "surrogatepass")
        start_point = self._point(start)
        old_end_point = self._point(end)
        data = self.data[:start] + new_bytes + self.data[end:]
        new_end = start + len(new_bytes)
        new_end_point = _point_after(start_point, new_bytes)
        self.tree.edit(start, end, new_end, start_point, old_end_point, new_end_point)
        self.data = data
        self.tree = self.parser.parse(data, self.tree)
        self.changed.append((start, new_end))
        text = data.decode("utf-8", "surrogatepass")
        self.source = SourceFile(self.source.path, text, self.source.language, self.source.uri, self.source.version)

    def set_version(self, version: int | None) -> None:
        s = self.source
        self.source = SourceFile(s.path, s.text, s.language, s.uri, version)

    def _point(self, offset: int) -> tuple[int, int]:
        """(row, byte column) of an offset in the current bytes, as tree-sitter wants it."""
        return (self.data.count(b"\n", 0, offset), offset - (self.data.rfind(b"\n", 0, offset) + 1))


def _point_after(start: tuple[int, int], inserted: bytes) -> tuple[int, int]:
    newlines = inserted.count(b"\n")
    if not newlines:
        return (start[0], start[1] + len(inserted))
    return (start[0] + newlines, len(inserted) - inserted.rfind(b"\n") - 1)

"""The one place where LSP positions meet byte offsets.

LSP positions are (line, character) where `character` counts UTF-16 code units by default, or
UTF-8 bytes / code points when the client negotiated `positionEncoding`. The engine and
tree-sitter speak byte offsets into the UTF-8 text. `TextBuffer` keeps a document's bytes and
line starts (updated incrementally on every edit) and converts in both directions.

Lines end at `\\n` (a `\\r` before it is part of the terminator). Out-of-range positions are
clamped as the LSP specification asks: a line past the end means the end of the text, a
character past the end of its line means the end of that line, and a position inside a UTF-16
surrogate pair or a multi-byte character rounds down to the character's start.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
_NEWLINE = re.compile(b"\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def encode(text: str) -> bytes:
    """Valid UTF-8 bytes of a document text.

    JSON strings may carry lone surrogates (what undecodable bytes become on the client side);
    each becomes U+FFFD, which has the same length in every encoding (1 code point, 1 UTF-16
    unit, 3 UTF-8 bytes as with `surrogatepass`), so every position and offset stays exact.
    """
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text.encode("utf-8")


def has_lone_surrogates(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


class TextBuffer:
    """A document's UTF-8 bytes, line starts, and the negotiated position encoding."""

    def __init__(self, text: str | bytes, encoding: str = UTF16) -> None:
        self.data = text if isinstance(text, bytes) else encode(text)
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(self.data)]

    @property
    def text(self) -> str:
        return decode(self.data)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    # --- editing ---------------------------------------------------------------------------

    def replace(self, start: int, end: int, new: bytes) -> None:
        """Replace bytes [start, end) and update the line starts without rescanning the text."""
        first = bisect.bisect_right(self.starts, start)
        last = bisect.bisect_right(self.starts, end)
        delta = len(new) - (end - start)
        inserted = [start + m.end() for m in _NEWLINE.finditer(new)]
        self.starts[first:] = inserted + [s + delta for s in self.starts[last:]]
        self.data = self.data[:start] + new + self.data[end:]

    def apply_change(self, change: types.TextDocumentContentChangeEvent) -> tuple[int, int, str] | None:
        """Apply one `didChange` content change; return the byte edit (start, old end, new text),
        or None for a whole-document replacement."""
        if isinstance(change, types.TextDocumentContentChangePartial):
            start, end = self.offset(change.range.start), self.offset(change.range.end)
            if end < start:
                start, end = end, start
            self.replace(start, end, encode(change.text))
            return start, end, change.text
        self.data = encode(change.text)
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(self.data)]
        return None

    # --- LSP position -> byte offset ---------------------------------------------------------

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Byte range of a line's content, without its `\\n` / `\\r\\n` terminator."""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.data)
        if end > start and self.data[end - 1 : end] == b"\r" and line + 1 < len(self.starts):
            end -= 1
        return start, end

    def offset(self, position: types.Position) -> int:
        """Byte offset of an LSP position (clamped to the text)."""
        line, character = position.line, max(position.character, 0)
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.data)
        start, end = self.line_bounds(line)
        content = self.data[start:end]
        if content.isascii():
            return start + min(character, len(content))
        if self.encoding == UTF8:
            column = min(character, len(content))
            while column > 0 and column < len(content) and content[column] & 0xC0 == 0x80:
                column -= 1
            return start + column
        text = decode(content)
        if self.encoding == UTF32:
            return start + len(encode(text[:character]))
        return start + len(encode(_utf16_prefix(text, character)))

    def byte_range(self, range_: types.Range) -> tuple[int, int]:
        start, end = self.offset(range_.start), self.offset(range_.end)
        return (start, end) if start <= end else (end, start)

    # --- byte offset -> LSP position ---------------------------------------------------------

    def position(self, offset: int) -> types.Position:
        """LSP position of a byte offset (clamped; rounded down to a character boundary)."""
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        while offset > start and offset < len(self.data) and self.data[offset] & 0xC0 == 0x80:
            offset -= 1
        prefix = self.data[start:offset]
        if prefix.isascii() or self.encoding == UTF8:
            return types.Position(line=line, character=len(prefix))
        text = decode(prefix)
        if self.encoding == UTF32:
            return types.Position(line=line, character=len(text))
        return types.Position(line=line, character=len(text.encode("utf-16-le", "surrogatepass")) // 2)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def line_text(self, line: int) -> str:
        """A line's content without its terminator ('' when out of range)."""
        if not 0 <= line < len(self.starts):
            return ""
        start, end = self.line_bounds(line)
        return decode(self.data[start:end])

    def line_ending(self, line: int) -> str:
        """The terminator of a line (`\\r\\n` or `\\n`), or of the document's first line as fallback."""
        for candidate in (line, 0):
            if 0 <= candidate < len(self.starts) - 1:
                end = self.starts[candidate + 1]
                return "\r\n" if self.data[end - 2 : end] == b"\r\n" else "\n"
        return "\n"


def _utf16_prefix(text: str, units: int) -> str:
    """The longest prefix of `text` that is at most `units` UTF-16 code units long."""
    if units <= 0:
        return ""
    encoded = text.encode("utf-16-le", "surrogatepass")[: 2 * units]
    prefix = encoded.decode("utf-16-le", "surrogatepass")
    # A cut inside a surrogate pair leaves a lone high surrogate that is not in `text`.
    if prefix and "\ud800" <= prefix[-1] <= "\udbff" and text[len(prefix) - 1] != prefix[-1]:
        prefix = prefix[:-1]
    return prefix

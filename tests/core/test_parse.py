"""Parsing: position index with non-ASCII text, error ranges, and incremental re-parse that
matches a fresh parse after every one of many random edits."""

from __future__ import annotations

import random

from threatmark.core.parse import Document, LineIndex, parse
from threatmark.model import SourceFile


def test_positions_count_code_points_with_emoji_cjk_and_crlf() -> None:
    text = "a = '😀漢字'\r\nb = md5(x)\n"
    index = LineIndex(text.encode())
    offset = text.encode().index(b"md5")
    position = index.position(offset)
    assert (position.line, position.column) == (1, 4)
    emoji_end = text.encode().index("漢".encode())
    assert index.position(emoji_end).column == 6
    assert index.offset(0, 6) == emoji_end
    assert index.offset(1, 4) == offset


def test_error_ranges_mark_only_the_broken_part() -> None:
    parsed = parse(SourceFile("x.py", "def ok():\n    return 1\n\ndef broken(:\n    pass\n"))
    assert parsed.error_ranges
    first_error = parsed.error_ranges[0][0]
    assert parsed.data.index(b"def broken") <= first_error
    assert not parsed.overlaps_error(0, 20)


def test_incremental_reparse_matches_fresh_parse_after_random_edits() -> None:
    rng = random.Random(7)
    text = "import os\n\ndef f(x):\n    y = 'é😀' + x\n    return os.path.join(y, \"漢\")\n" * 20
    document = Document(SourceFile("x.py", text))
    alphabet = ["a", " ", "\n", "(", ")", "'", "é", "😀", "漢", "x = 1\n", ""]
    for _ in range(300):
        data = document.data
        start = rng.randrange(len(data) + 1)
        end = min(len(data), start + rng.randrange(4))
        while start > 0 and (data[start] & 0xC0) == 0x80 if start < len(data) else False:
            start -= 1
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end += 1
        document.edit(start, end, rng.choice(alphabet))
        fresh = parse(SourceFile("x.py", document.source.text))
        assert str(document.tree.root_node) == str(fresh.tree.root_node)
        assert document.data == fresh.data

"""The one LSP-position ↔ byte-offset conversion, and incremental edits of the document tree
(no server: these are plain unit tests)."""

from __future__ import annotations

import random

import pytest
import tree_sitter as ts
from conftest import apply_text_edits, offset_of
from lsprotocol import types
from threatmark.core.parse import language
from threatmark.lsp.documents import OpenDocument
from threatmark.lsp.positions import UTF8, UTF16, UTF32, TextBuffer

LINE = 'a = "é😀中"; b\n'  # é: 2 bytes/1 unit, 😀: 4 bytes/2 UTF-16 units, 中: 3 bytes/1 unit


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.parametrize(("encoding", "column_of_b"), [(UTF16, 12), (UTF8, 17), (UTF32, 11)])
def test_columns_after_multibyte_text(encoding, column_of_b):
    buffer = TextBuffer(LINE * 2, encoding)
    offset_b = LINE.encode().index(b"; b") + 2
    assert buffer.position(offset_b) == pos(0, column_of_b)
    assert buffer.offset(pos(1, column_of_b)) == len(LINE.encode()) + offset_b


def test_utf16_inside_a_surrogate_pair_rounds_down():
    buffer = TextBuffer(LINE, UTF16)
    emoji = LINE.encode().index("😀".encode())
    assert buffer.offset(pos(0, 7)) == emoji  # between the two halves of 😀
    assert buffer.offset(pos(0, 8)) == emoji + 4


def test_utf8_inside_a_character_rounds_down():
    buffer = TextBuffer(LINE, UTF8)
    emoji = LINE.encode().index("😀".encode())
    assert buffer.offset(pos(0, emoji + 2)) == emoji
    assert buffer.position(emoji + 3) == pos(0, emoji)


def test_out_of_range_positions_are_clamped():
    buffer = TextBuffer("ab\r\ncd\n", UTF16)
    assert buffer.offset(pos(0, 99)) == 2  # end of line content, before the CR
    assert buffer.offset(pos(7, 3)) == len(buffer.data)
    assert buffer.position(10_000) == pos(2, 0)


@pytest.mark.parametrize("encoding", [UTF16, UTF8, UTF32])
def test_lone_surrogates_become_replacement_characters_of_the_same_size(encoding):
    buffer = TextBuffer("x = '\udcff'; y\n", encoding)
    assert buffer.line_text(0) == "x = '\ufffd'; y"
    assert buffer.data.decode("utf-8")  # valid UTF-8 for tree-sitter
    column = {UTF16: 9, UTF8: 11, UTF32: 9}[encoding]  # as if the surrogate were still there
    assert buffer.position(buffer.data.index(b"y")) == pos(0, column)


def test_line_ending_and_text():
    buffer = TextBuffer("a\r\nb\n", UTF16)
    assert buffer.line_ending(0) == "\r\n"
    assert buffer.line_ending(1) == "\n"
    assert buffer.line_text(0) == "a"


ALPHABET = ["a", "b", " ", "\n", "\r\n", "é", "😀", "中", "(", ")", "x = 1\n", "def f():\n    ", '"', "#"]


def _random_edit(rng: random.Random, text: str, encoding: str) -> types.TextDocumentContentChangePartial:
    lines = text.split("\n")

    def random_position():
        line = rng.randrange(len(lines) + 1)
        width = len(lines[line].encode("utf-16-le")) // 2 if line < len(lines) else 0
        return pos(line, rng.randrange(width + 3))  # sometimes past the end of the line

    a, b = random_position(), random_position()
    if (a.line, a.character) > (b.line, b.character):
        a, b = b, a
    insert = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(4)))
    return types.TextDocumentContentChangePartial(range=types.Range(start=a, end=b), text=insert)


@pytest.mark.parametrize("encoding", [UTF16, UTF8])
def test_300_random_edits_keep_text_and_tree_exact(encoding):
    """Every edit goes through the buffer and the incremental tree; both must equal a fresh
    computation after each step (the text by an independent converter, the tree by a full parse)."""
    rng = random.Random(4)
    text = "import os\n\ndef f(x):\n    return os.path.join(x, '😀')\r\n# 中文\n"
    doc = OpenDocument("file:///t.py", "python", 1, TextBuffer(text, encoding))
    parser = ts.Parser(language("python"))
    for version in range(2, 302):
        change = _random_edit(rng, text, encoding)
        lo = offset_of(text, change.range.start, encoding)
        hi = offset_of(text, change.range.end, encoding)
        text = text[:lo] + change.text + text[max(lo, hi):]
        doc.apply_changes([change], version)
        assert doc.buffer.text == text
        assert doc.buffer.starts == TextBuffer(text).starts
        if version % 10 == 0 or version > 290:
            assert doc.sync_tree() == version
            assert doc.tree.data == text.encode("utf-8")
            assert str(doc.tree.tree.root_node) == str(parser.parse(text.encode()).root_node)


def test_edits_with_independent_apply_match():
    text = "é😀\nab\n"
    edits = [types.TextEdit(range=types.Range(start=pos(0, 1), end=pos(0, 3)), new_text="Z")]
    assert apply_text_edits(text, edits, UTF16) == "éZ\nab\n"

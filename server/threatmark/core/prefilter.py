"""Text pre-filters for rule queries: a pattern whose predicates require a word (`#eq? @x
"DEBUG"`, `#any-of?`, the last segment of a `#qualname?` glob) cannot match in a file that
does not contain that word, so it need not be part of that file's query at all."""

from __future__ import annotations

import re

_PREDICATE = re.compile(r'\(#(eq|any-of|qualname)\?\s+@[\w.-]+((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def split_patterns(query: str) -> list[str]:
    """The top-level S-expressions (patterns) of a query source, comments removed."""
    patterns: list[str] = []
    depth, start, i, in_string = 0, -1, 0, False
    text = re.sub(r"(?m)^\s*;.*$", "", query)
    while i < len(text):
        char = text[i]
        if in_string:
            if char == "\\":
                i += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "([":
            if depth == 0:
                start = i
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0 and start >= 0:
                end = i + 1
                while (end < len(text) and text[end] in " \t") or text[end:end + 1] in ("@", "*", "+", "?"):
                    end += 1
                    while end < len(text) and (text[end].isalnum() or text[end] in "_.-@"):
                        end += 1
                patterns.append(text[start:end])
                start = -1
        i += 1
    return patterns


def required_words(pattern: str) -> tuple[bytes, ...] | None:
    """Words one of which must occur in a file for the pattern to match, or None if unknown."""
    best: tuple[bytes, ...] | None = None
    for kind, args in _PREDICATE.findall(pattern):
        values = [v.encode().decode("unicode_escape") for v in _STRING.findall(args)]
        if kind == "qualname":
            values = [v.rsplit(".", 1)[-1] for v in values]
        if not values or any(not v or "*" in v for v in values):
            continue
        words = tuple(dict.fromkeys(v.encode() for v in values))
        if best is None or len(words) < len(best):
            best = words
    return best

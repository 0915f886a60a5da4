"""Text pre-filters for rule queries: a pattern whose predicates require a word (`#eq? @x
"DEBUG"`, `#any-of?`, a literal part of a `#qualname?` glob, a literal a `#match?` regex needs)
cannot match where the text does not hold that word (compared case-insensitively), so it
need not run there at all."""

from __future__ import annotations

import re

from threatmark.core.captures import mandatory_captures
from threatmark.core.regexwords import regex_words

_PREDICATE = re.compile(r'\(#(eq|any-of|qualname|qualname-match|match)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)')
_ROOT_TYPE = re.compile(r"^[\s(]*([a-z_]+)")
# Node kinds whose text always holds a keyword: a pattern rooted at one needs the keyword.
_KEYWORD_NODES = {"assert_statement": b"assert", "global_statement": b"global", "nonlocal_statement": b"nonlocal",
                  "lambda": b"lambda", "decorator": b"@", "decorated_definition": b"@", "with_statement": b"with",
                  "raise_statement": b"raise", "try_statement": b"try", "delete_statement": b"del",
                  "class_definition": b"class", "await": b"await", "yield": b"yield"}
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def split_patterns(query: str) -> list[str]:
    """The top-level S-expressions (patterns) of a query source, comments removed."""
    patterns: list[str] = []
    text = re.sub(r"(?m)^\s*;.*$", "", query)
    i = 0
    while i < len(text):
        if text[i] == '"':
            i = _string_end(text, i)
        elif text[i] in "([":
            end = group_end(text, i)
            if end < 0:
                break
            while (end < len(text) and text[end] in " \t") or text[end:end + 1] in ("@", "*", "+", "?"):
                end += 1
                while end < len(text) and (text[end].isalnum() or text[end] in "_.-@"):
                    end += 1
            patterns.append(text[i:end])
            i = end
        else:
            i += 1
    return patterns


def group_end(text: str, start: int) -> int:
    """Index just after the bracket group opening at `start` (strings skipped); -1 if unclosed."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == '"':
            i = _string_end(text, i)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _string_end(text: str, start: int) -> int:
    """Index just after the query string literal opening at `start`."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return len(text)


def required_words(pattern: str) -> tuple[tuple[bytes, ...], ...]:
    """Word sets the pattern's predicates need: a match's text holds a word of every set.
    Only predicates on captures every match has count. Empty when no predicate names a word."""
    sets: list[tuple[bytes, ...]] = []
    mandatory = mandatory_captures(pattern)
    for kind, capture, args in _PREDICATE.findall(pattern):
        if capture not in mandatory:  # a match may lack it: the predicate then holds vacuously
            continue
        values = [v.encode().decode("unicode_escape") for v in _STRING.findall(args)]
        if kind == "match":
            words = regex_words(values[0]) if len(values) == 1 else None
            if words is None:
                continue
        elif kind == "qualname-match":  # words of the resolved name; its last segment is in the text
            found = regex_words(values[0]) if len(values) == 1 else None
            words = tuple(dict.fromkeys(w.rsplit(b".", 1)[-1] for w in found or ())) if found else None
            if not words or any(not w for w in words):
                continue
        else:
            if kind == "qualname":
                values = [_qualname_word(v) for v in values]
            if not values or any(not v for v in values):
                continue
            words = tuple(dict.fromkeys(v.encode() for v in values))
        if words not in sets:
            sets.append(words)
    root = _ROOT_TYPE.match(pattern)
    keyword = _KEYWORD_NODES.get(root.group(1)) if root else None
    if keyword is not None and (keyword,) not in sets:
        sets.append((keyword,))
    return tuple(sets)


def _qualname_word(glob: str) -> str:
    """The longest literal part of a name glob's segments (ties: the later one): `os.environ.get`
    → `environ`, `*Server` → `Server`. A resolved name holds it, so the text of the expression
    holds it too, or holds the local name of an import that does; '' when the glob has none."""
    best = ""
    for segment in glob.split("."):
        literal = max(segment.split("*"), key=len)
        if len(literal) >= len(best):
            best = literal
    return best


_ANY_PREDICATE = re.compile(r"#([\w-]+[?!])")
_BUILTIN_PREDICATES = {"eq?", "not-eq?", "any-eq?", "any-not-eq?", "match?", "not-match?", "any-match?",
                       "any-not-match?", "any-of?", "not-any-of?", "is?", "is-not?", "set!"}


def custom_predicates(source: str) -> bool:
    """True when the query source uses a predicate tree-sitter does not test itself (`#qualname?`):
    only then does a cursor need the predicate callback, which costs ~40% more per match."""
    return any(name not in _BUILTIN_PREDICATES for name in _ANY_PREDICATE.findall(source))

"""Literal words a regex needs: any text the regex matches holds one of them.

Used to gate `#match?` query patterns by the words their regex cannot match without (the
prefilter idea of RE2 and of code-search engines). Words are lower-cased: the caller searches a
lower-cased text, which is right whatever the regex's case flags.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+: the parser behind `re`
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_REPEATS |= {getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT)}
_MIN_WORD = 2
_MAX_SPELLINGS = 16


@lru_cache(maxsize=512)
def regex_words(regex: str) -> tuple[bytes, ...] | None:
    """Lower-cased words one of which every match holds, or None when no such set is known."""
    try:
        parsed = sre_parse.parse(regex)
    except (re.error, OverflowError, RecursionError):
        return None
    words = _sequence(list(parsed))
    if not words or any(len(w) < _MIN_WORD for w in words):
        return None
    return tuple(sorted({w.lower().encode() for w in words}))


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The most selective word set among the parts of a sequence (each part is required).
    Adjacent literals join into words; a small class of literals (`gh[pousr]`) spells several."""
    candidates: list[set[str]] = []
    run: set[str] = {""}
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run = {word + chr(arg) for word in run}
            continue
        chars = _literal_class(op, arg)
        if chars is not None and len(run) * len(chars) <= _MAX_SPELLINGS:
            run = {word + char for word in run for char in chars}
            continue
        if run != {""}:
            candidates.append(run)
        run = {""}
        found = _part(op, arg)
        if found:
            candidates.append(found)
    if run != {""}:
        candidates.append(run)
    if not candidates:
        return None
    return max(candidates, key=lambda words: min(len(w) for w in words))


def _literal_class(op: Any, arg: Any) -> list[str] | None:
    """The characters of a class made only of literals (`[pousr]`), else None."""
    if op is not sre_constants.IN or not arg or len(arg) > _MAX_SPELLINGS:
        return None
    if any(kind is not sre_constants.LITERAL for kind, _ in arg):
        return None
    return [chr(code) for _, code in arg]


def _part(op: Any, arg: Any) -> set[str] | None:
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    if op is sre_constants.BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]
        if any(not words for words in branches):
            return None
        return set().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _, item = arg
        return _sequence(list(item)) if low >= 1 else None
    return None  # classes, anchors, look-arounds, back-references: no literal known

"""The speed-ups that skip work must never change a finding.

Word gating (`core/gated.py`, `core/prefilter.py`, `core/regexwords.py`, `core/captures.py`,
`core/words.py`) runs a query pattern only near the words it needs; source pruning
(`core/taint/sourced.py`) walks only functions that can see untrusted data. Each is checked
piece by piece, and then end to end: findings with the shortcut equal findings without it on
every rule fixture, corpus case and example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from threatmark.core import gated
from threatmark.core.captures import mandatory_captures, root_types
from threatmark.core.prefilter import required_words
from threatmark.core.regexwords import regex_words
from threatmark.core.taint import relevance
from threatmark.core.words import WordFinder
from threatmark.engine import Engine
from threatmark.model import SourceFile

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("regex", "words"), [
    ("^(md5|sha1)$", (b"md5", b"sha1")),
    ("^[Ss]ecret_?key$", (b"secret",)),
    ("(?i)^password$", (b"password",)),
    ("^ba+d$", None),  # a repeat breaks the literal, and "b" alone is too short to gate on
    (".*", None),
    ("^(a|bc)$", None),  # "a" is too short to gate on
    ("([", None),  # invalid: no gate rather than an error
])
def test_regex_words_are_literals_every_match_needs(regex: str, words: tuple[bytes, ...] | None) -> None:
    assert regex_words(regex) == words


@pytest.mark.parametrize("regex", ["^(md5|sha1)$", "^[Ss]ecret_?key$", "^(get|post)_(url|uri)s?$",
                                   "^(DES|ARC4|Blowfish)$", "x(yz|yw)+"])
def test_every_match_of_a_regex_holds_one_of_its_words(regex: str) -> None:
    words = regex_words(regex)
    assert words is not None
    samples = ["md5", "SHA1", "secretkey", "Secret_key", "get_urls", "post_uri", "DES", "arc4",
               "BLOWFISH", "xyzyw", "xywyz", "nothing", "sha"]
    for text in samples:
        if re.search(regex, text):
            assert any(w in text.lower().encode() for w in words), (regex, text)


def test_mandatory_captures_skip_alternatives_and_optionals() -> None:
    pattern = '(call function: (_) @fn arguments: [(string) @s (identifier) @id]) @call'
    assert mandatory_captures(pattern) == {"fn", "call"}
    assert mandatory_captures("(call (identifier)? @maybe) @c") == {"c"}


def test_root_types() -> None:
    assert root_types('((call function: (_) @f) @c (#eq? @f "eval"))') == frozenset({"call"})
    assert root_types("[(assignment) (augmented_assignment)] @a") == frozenset({"assignment", "augmented_assignment"})
    assert root_types("(_) @any") is None


def test_required_words_ignore_predicates_on_optional_captures() -> None:
    pattern = ('(call function: (_) @fn arguments: [(string) @s (identifier) @id]) @c '
               '(#qualname? @fn "hashlib.md5") (#eq? @id "secret")')
    # the qualname gates by its longest literal segment; @id may be absent, so "secret" gates nothing
    assert required_words(pattern) == ((b"hashlib",),)
    assert required_words("(assert_statement) @a") == ((b"assert",),)


def test_word_finder_is_case_insensitive_and_keeps_overlaps() -> None:
    finder = WordFinder([b"md5", b"MD", b"d5h"])
    assert finder.vocabulary == {b"md5", b"md", b"d5h"}
    assert finder.find(b"x = MD5HASH(md5)") == {b"md": [4, 12], b"md5": [4, 12], b"d5h": [5]}
    assert WordFinder([]).find(b"anything") == {}


def _corpus_files() -> list[Path]:
    return sorted([*(ROOT / "rules" / "python").glob("*.py"), *(ROOT / "bench" / "corpus").rglob("*.py"),
                   *(ROOT / "examples").rglob("*.py")])


def _all_findings(files: list[Path]) -> dict[str, list[tuple]]:
    engine = Engine.create()
    out = {}
    for path in files:
        analysis = engine.analyze(SourceFile(str(path), path.read_text(encoding="utf-8")))
        out[str(path.relative_to(ROOT))] = sorted(
            (f.rule_id, f.span.start.offset, f.span.end.offset, f.fingerprint, len(f.trace))
            for f in analysis.findings)
    return out


@pytest.fixture(scope="module")
def shortcut_findings() -> dict[str, list[tuple]]:
    return _all_findings(_corpus_files())


def test_gated_patterns_find_what_whole_tree_queries_find(shortcut_findings, monkeypatch) -> None:
    def everywhere(self, pattern, where, root, only):  # every pattern on the whole tree, words or not
        return tuple(root.children) if pattern.top else (root,)

    monkeypatch.setattr(gated.GatedPatterns, "_nodes_for", everywhere)
    assert sum(map(len, shortcut_findings.values())) > 500
    assert _all_findings(_corpus_files()) == shortcut_findings


def test_walking_only_sourced_functions_loses_no_flow(shortcut_findings, monkeypatch) -> None:
    monkeypatch.setattr(relevance, "sourced_functions", lambda ctx: None)  # walk every relevant function
    assert _all_findings(_corpus_files()) == shortcut_findings

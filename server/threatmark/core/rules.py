"""Rules as data: load YAML rule files, validate them, and report readable, located errors.

An invalid rule is reported as a `Problem` (file, line, field, reason) and skipped; the other
rules still load. The built-in pack lives in `rules/` (shipped inside the wheel).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tree_sitter as ts

from threatmark.core.parse import language
from threatmark.core.rulecache import recall, remember, verdict_key
from threatmark.core.yamlload import YamlError, dotted, line_of, load_fast, load_located
from threatmark.model import Confidence, Problem, Severity

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).with_name("rule-schema.json")
_PREDICATE_REGEX = re.compile(r'#qualname-match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True, eq=False)
class Rule:
    """One validated rule. `pattern`/`taint`/`fix` keep the checked YAML structures."""

    id: str
    message: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    owasp: tuple[str, ...]
    docs: dict[str, Any]
    path: str
    language: str = "python"
    tags: tuple[str, ...] = ()
    pattern: tuple[dict[str, Any], ...] = ()
    taint: dict[str, Any] | None = None
    fix: tuple[dict[str, Any], ...] = ()
    query_patterns: dict[int, int] = field(default_factory=dict)  # matcher index → patterns in its query
    skip_test_code: bool = False  # not reported in test code or dev settings (threatmark.core.testcode)

    @property
    def docs_url(self) -> str:
        return f"https://cwe.mitre.org/data/definitions/{self.cwe[0]}.html" if self.cwe else ""


@dataclass(frozen=True)
class RuleSet:
    """The loaded rules plus the problems found while loading them."""

    rules: tuple[Rule, ...]
    problems: tuple[Problem, ...] = ()
    version: str = ""

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or `rules/` of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported only when a rule text is validated (not for remembered verdicts)

    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def load_rules(extra_dirs: tuple[str | Path, ...] = (), builtin: bool = True) -> RuleSet:
    """Load the built-in rules and any extra folders; later folders override earlier ids."""
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    rules: dict[str, Rule] = {}
    problems: list[Problem] = []
    digest = hashlib.sha256()
    for folder in dirs:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "rule folder does not exist or is not a directory"))
            continue
        for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")):
            text = _read(path, problems)
            if text is None:
                continue
            digest.update(path.name.encode() + b"\0" + text.encode())
            rule = load_rule_text(text, str(path), problems)
            if rule is not None:
                rules[rule.id] = rule
    return RuleSet(tuple(rules.values()), tuple(problems), digest.hexdigest()[:16])


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), f"cannot read rule file: {exc}"))
        return None


def load_rule_text(text: str, path: str, problems: list[Problem]) -> Rule | None:
    """Validate one rule's YAML text; append located problems and return None when invalid."""
    try:
        data = load_fast(text)
        lines = _LazyLines(text)  # line numbers are only worked out when there is an error to locate
    except YamlError as exc:
        problems.append(Problem(path, str(exc), exc.line))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path, "a rule file must be a YAML mapping", 0))
        return None
    key = verdict_key(Path(path).name, text)
    counts = recall(key)  # this very text passed validation before (see threatmark.core.rulecache)
    if counts is None:
        counts = _validate(data, lines, path, problems)
        if counts is None:
            return None
        remember(key, counts)
    return Rule(
        id=data["id"], message=data["message"], severity=Severity.parse(data["severity"]),
        confidence=Confidence.parse(data["confidence"]), cwe=tuple(data["cwe"]),
        owasp=tuple(data["owasp"]), docs=data["docs"], path=path, tags=tuple(data.get("tags", ())),
        pattern=tuple(data.get("pattern", ())), taint=data.get("taint"), fix=tuple(data.get("fix", ())),
        query_patterns=counts, skip_test_code=bool(data.get("skip-test-code", False)),
    )


def _validate(data: dict[str, Any], lines: dict, path: str, problems: list[Problem]) -> dict[int, int] | None:
    """Schema, id and queries of one rule: its queries' pattern counts, or None with a problem added."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: len(list(e.absolute_path)))
    if errors:
        error = _best_match(errors)
        where = tuple(error.absolute_path)
        problems.append(Problem(path, _explain(error), line_of(lines, where), dotted(where)))
        return None
    stem = Path(path).name.rsplit(".", 1)[0]
    if data["id"] != stem:
        message = f"rule id {data['id']!r} must equal the file name {stem!r}"
        problems.append(Problem(path, message, lines.get(("id",)), "id"))
        return None
    queries, bad = _compile(data, lines, path)
    if bad:
        problems.append(bad)
        return None
    return {index: query.pattern_count for index, query in queries.items()}


class _LazyLines(dict):
    """{path: line} of a YAML text, computed on first use (only needed to locate errors)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text, self.loaded = text, False

    def _load(self) -> None:
        if not self.loaded:
            self.loaded = True
            with contextlib.suppress(YamlError):
                self.update(load_located(self.text)[1])

    def __contains__(self, key: object) -> bool:
        self._load()
        return super().__contains__(key)

    def __getitem__(self, key: tuple) -> int:
        self._load()
        return super().__getitem__(key)

    def get(self, key: tuple, default: int | None = None) -> int | None:  # type: ignore[override]
        self._load()
        return super().get(key, default)


def _best_match(errors: list[jsonschema.ValidationError]) -> jsonschema.ValidationError:
    import jsonschema

    return jsonschema.exceptions.best_match(errors)


def _explain(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown field: {error.message.split('(')[-1].rstrip(')')}"
    if error.validator == "required":
        return f"missing required field {error.message.split(' ')[0]}"
    if error.validator == "oneOf" and not error.absolute_path:
        return "a rule needs exactly one of `pattern` or `taint`"
    return error.message


def _compile(data: dict[str, Any], lines: dict, path: str) -> tuple[dict[int, ts.Query], Problem | None]:
    """Compile tree-sitter queries and check regexes; return (queries by matcher index, problem)."""
    queries: dict[int, ts.Query] = {}
    for i, matcher in enumerate(data.get("pattern", ())):
        if "query" in matcher:
            where = ("pattern", i, "query")
            try:
                queries[i] = ts.Query(language("python"), matcher["query"])
            except Exception as exc:  # tree-sitter raises QueryError or NameError variants
                return {}, Problem(path, f"invalid tree-sitter query: {exc}", line_of(lines, where), dotted(where))
    for i, matcher in enumerate(data.get("pattern", ())):
        for regex in _PREDICATE_REGEX.findall(matcher.get("query", "")):
            where = ("pattern", i, "query")
            try:
                re.compile(regex.encode().decode("unicode_escape"))
            except re.error as exc:
                message = f"invalid regex in #qualname-match?: {exc}"
                return {}, Problem(path, message, line_of(lines, where), dotted(where))
    for where, regex in _regexes(data, ()):
        try:
            re.compile(regex)
        except re.error as exc:
            return {}, Problem(path, f"invalid regular expression: {exc}", line_of(lines, where), dotted(where))
    return queries, None


def _regexes(value: Any, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, dict):
        found = [((*path, "matches"), value["matches"])] if isinstance(value.get("matches"), str) else []
        for key, item in value.items():
            found += _regexes(item, (*path, key))
        return found
    if isinstance(value, list):
        return [hit for i, item in enumerate(value) for hit in _regexes(item, (*path, i))]
    return []

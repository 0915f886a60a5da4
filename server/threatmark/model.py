"""Frozen values that cross layers: SourceFile → Finding → Analysis.

Nothing here imports tree-sitter, pygls or lsprotocol: these values are what the CLI, the
language server, the threat model and the LLM reviewer exchange. Positions are 0-based
(line, code-point column) pairs plus byte offsets into the UTF-8 text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered severity; higher is worse."""

    INFO = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    CRITICAL = 5

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Parse a case-insensitive name ('high', 'Medium'); raise ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def security_score(self) -> float:
        """SARIF `security-severity` (CVSS-like 0–10) for this level."""
        return {1: 1.0, 2: 3.0, 3: 5.5, 4: 8.0, 5: 9.5}[int(self)]


class Confidence(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def parse(cls, text: str) -> Confidence:
        return cls[text.strip().upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Position:
    """A 0-based line and code-point column, plus the byte offset in the UTF-8 text."""

    line: int
    column: int
    offset: int = 0


@dataclass(frozen=True, order=True)
class Span:
    start: Position
    end: Position

    def contains(self, other: Span) -> bool:
        return self.start.offset <= other.start.offset and other.end.offset <= self.end.offset

    def overlaps(self, lo: int, hi: int) -> bool:
        """True when the byte range [lo, hi) intersects this span (empty ranges touch)."""
        return (self.start.offset < hi and lo < self.end.offset) or lo == hi == self.start.offset


@dataclass(frozen=True)
class SourceFile:
    """A document to analyse: where it came from and its full text."""

    path: str
    text: str
    language: str = "python"
    uri: str = ""
    version: int | None = None


@dataclass(frozen=True)
class TraceStep:
    """One hop of a taint flow: the source, an intermediate assignment/call, or the sink."""

    kind: str  # "source" | "step" | "sink"
    span: Span
    note: str


@dataclass(frozen=True)
class Edit:
    """Replace the byte range [start, end) of the original text with `text`."""

    start: int
    end: int
    text: str
    span: Span | None = None


@dataclass(frozen=True)
class Fix:
    """A rewrite of the document; `verified` is True only after the engine checked it."""

    title: str
    edits: tuple[Edit, ...]
    verified: bool = False
    preferred: bool = False
    origin: str = "rule"


@dataclass(frozen=True)
class ThreatContext:
    """Why a finding matters for this project (filled by the threat model, if any)."""

    summary: str = ""
    entry_points: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    references: tuple[tuple[str, int], ...] = ()  # (threat-model path, 0-based line)
    base_severity: Severity | None = None


@dataclass(frozen=True)
class Finding:
    """One reported weakness at a span of a file."""

    rule_id: str
    path: str
    span: Span
    message: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...] = ()
    owasp: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()
    origin: str = "rule"  # "rule" | "llm" | "engine"
    fingerprint: str = ""
    trace: tuple[TraceStep, ...] = ()
    snippet: str = ""
    suppressed: str | None = None  # the justification when suppressed
    suppression_kind: str = "inSource"  # SARIF's kind: a comment ("inSource") or a file/policy ("external")
    threat: ThreatContext | None = None
    notes: tuple[str, ...] = ()
    docs_url: str = ""


@dataclass(frozen=True)
class Problem:
    """A non-finding problem (unreadable file, invalid rule, ...), with its location if known."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    level: str = "error"  # "error" | "warning" | "info"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line + 1}"
        what = f" [{self.field}]" if self.field else ""
        return f"{where}:{what} {self.message}"


@dataclass(frozen=True)
class Analysis:
    """Everything the engine found in one file."""

    source: SourceFile
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    duration_ms: float = 0.0
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

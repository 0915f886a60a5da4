"""Frozen values of a loaded threat model: assets, actors, entry points, boundaries, controls
and accepted risks, each remembering the 0-based line it was declared on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from threatmark.model import Problem

SENSITIVE = frozenset({"secret", "credentials", "pii", "financial"})
CLASSIFICATION_LABEL = {"secret": "secret", "credentials": "credentials", "pii": "PII", "financial": "financial",
                        "internal": "internal", "public": "public"}


@dataclass(frozen=True)
class Asset:
    id: str
    classification: str
    line: int
    description: str = ""
    paths: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    files: tuple[str, ...] = ()

    @property
    def sensitive(self) -> bool:
        return self.classification in SENSITIVE

    @property
    def located(self) -> bool:
        """True when the model says where the asset lives (any location kind)."""
        return bool(self.paths or self.tables or self.env or self.files)

    @property
    def label(self) -> str:
        return f"`{self.id}` ({CLASSIFICATION_LABEL[self.classification]})"


@dataclass(frozen=True)
class Actor:
    id: str
    trust: str
    line: int
    description: str = ""


@dataclass(frozen=True)
class EntryPoint:
    id: str
    kind: str
    exposure: str
    authentication: bool
    line: int
    description: str = ""
    actors: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()

    @property
    def exposed(self) -> bool:
        """Internet-facing and unauthenticated: the case the severity policy raises."""
        return self.exposure == "internet" and not self.authentication

    @property
    def label(self) -> str:
        auth = "auth required" if self.authentication else "no auth"
        return f"`{self.id}` ({self.exposure}, {auth})"


@dataclass(frozen=True)
class TrustBoundary:
    id: str
    line: int
    description: str = ""
    between: tuple[str, ...] = ()
    entry_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Control:
    id: str
    description: str
    line: int
    mitigates: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class AcceptedRisk:
    id: str
    justification: str
    owner: str
    line: int
    rules: tuple[str, ...] = ()
    fingerprints: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    expires: date | None = None
    expires_line: int | None = None

    def expired(self, today: date) -> bool:
        """Expired the day after `expires` (an acceptance is valid through its expiry day)."""
        return self.expires is not None and today > self.expires


@dataclass(frozen=True)
class ThreatModel:
    """A validated threat model. `problems` are the located load errors; invalid items are left
    out, so analysis continues with whatever is valid (and defaults for the rest)."""

    path: str
    root: str
    name: str = ""
    description: str = ""
    assets: tuple[Asset, ...] = ()
    actors: tuple[Actor, ...] = ()
    entry_points: tuple[EntryPoint, ...] = ()
    trust_boundaries: tuple[TrustBoundary, ...] = ()
    controls: tuple[Control, ...] = ()
    accepted_risks: tuple[AcceptedRisk, ...] = ()
    problems: tuple[Problem, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    exists: bool = True

    @classmethod
    def empty(cls, path: str = "threatmodel.yaml", root: str | None = None) -> ThreatModel:
        """No threat model: severities stay as the rules say."""
        return cls(path=path, root=root or str(Path(path).resolve().parent), exists=False)

    @property
    def is_empty(self) -> bool:
        return not (self.assets or self.entry_points or self.accepted_risks)

    @property
    def digest(self) -> str:
        """A stable content hash (sha256 hex) of the model's meaning: comments, key order and
        formatting do not change it; any value does. Part of every LLM cache key."""
        canonical = json.dumps(self.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        return hashlib.sha256(b"threatmodel/v1\0" + canonical.encode("utf-8")).hexdigest()

    def asset(self, asset_id: str) -> Asset | None:
        return next((a for a in self.assets if a.id == asset_id), None)

    def entry_point(self, entry_id: str) -> EntryPoint | None:
        return next((e for e in self.entry_points if e.id == entry_id), None)

    def excerpt(self, path: str, function: str | None = None, source: str | None = None) -> str:
        """The part of the model relevant to one file (and function; give the file's `source` so
        routes declared on the function count): deterministic text for an LLM prompt and cache key."""
        from threatmark.threat.excerpt import excerpt

        return excerpt(self, path, function, source)

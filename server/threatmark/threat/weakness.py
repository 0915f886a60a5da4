"""Which assets a weakness class can touch.

A finding's class comes from its CWE ids (falling back to words in its rule id). Each class
reaches assets by where they live or by what they are; any finding also touches an asset whose
`paths` cover the finding's file. Documented in docs/threat-model.md ("What a weakness touches").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from threatmark.model import Finding
from threatmark.threat.globs import path_matches
from threatmark.threat.model import Asset

CODE_EXECUTION = "code execution"
DATA_STORE = "data-store injection"
FILE_ACCESS = "file access"
REQUEST_FORGERY = "request forgery"
CLIENT_SIDE = "attacks on users"
CRYPTO = "weak crypto or credential handling"
EXPOSURE = "information exposure"
AUTH_BYPASS = "broken authentication or access control"

_CWE = {
    CODE_EXECUTION: {77, 78, 88, 94, 95, 96, 470, 502, 915, 917, 1336},
    DATA_STORE: {89, 90, 564, 643, 652, 943},
    FILE_ACCESS: {22, 23, 36, 73, 377, 434, 611, 776},
    REQUEST_FORGERY: {918},
    CLIENT_SIDE: {79, 80, 113, 352, 384, 601, 614, 1004, 1021, 1275},
    CRYPTO: {256, 259, 261, 295, 297, 311, 312, 319, 321, 326, 327, 328, 330, 338, 522, 759, 760, 798, 916},
    EXPOSURE: {200, 209, 215, 489, 532, 117},
    AUTH_BYPASS: {284, 285, 287, 288, 290, 306, 345, 347, 613, 639, 640, 862, 863},
}
_WORDS = [
    (CODE_EXECUTION, r"exec|eval|shell|command|pickle|deserial|yaml|template-inj|ssti|marshal"),
    (DATA_STORE, r"sql|nosql|ldap|xpath|orm"),
    (FILE_ACCESS, r"path|travers|file|upload|xxe|xml"),
    (REQUEST_FORGERY, r"ssrf|request-forgery"),
    (CLIENT_SIDE, r"xss|redirect|csrf|cookie|session|header"),
    (CRYPTO, r"hash|crypt|cipher|secret|password|random|tls|ssl|cert|key"),
    (EXPOSURE, r"debug|log|leak|expos"),
    (AUTH_BYPASS, r"jwt|auth|access-control|idor|permission|signature"),
]


def _sensitive_kind(kinds: set[str]) -> Callable[[Asset], bool]:
    return lambda asset: asset.classification in kinds


_REACH: dict[str, Callable[[Asset], bool]] = {
    CODE_EXECUTION: lambda asset: True,
    DATA_STORE: lambda asset: bool(asset.tables) or (not asset.located and asset.classification in
                                                        {"pii", "financial", "credentials"}),
    FILE_ACCESS: lambda asset: bool(asset.files or asset.env) or asset.classification in {"secret", "credentials"},
    REQUEST_FORGERY: _sensitive_kind({"secret", "credentials", "internal"}),
    CLIENT_SIDE: _sensitive_kind({"credentials", "pii"}),
    CRYPTO: _sensitive_kind({"credentials", "secret"}),
    EXPOSURE: _sensitive_kind({"secret", "credentials", "pii"}),
    AUTH_BYPASS: _sensitive_kind({"credentials", "pii", "financial"}),
}


def weakness_classes(finding: Finding) -> tuple[str, ...]:
    """The classes of a finding, from its CWE ids, or from its rule id when no CWE is known."""
    found = [name for name, cwes in _CWE.items() if cwes & set(finding.cwe)]
    if not found:
        rule = finding.rule_id.lower()
        found = [name for name, words in _WORDS if re.search(words, rule)]
    return tuple(found)


def touched_assets(finding: Finding, relpath: str, assets: tuple[Asset, ...]) -> list[Asset]:
    """Assets the finding can touch: its file handles them, or its class reaches them."""
    classes = weakness_classes(finding)
    touched = []
    for asset in assets:
        if path_matches(relpath, asset.paths) or any(_REACH[c](asset) for c in classes):
            touched.append(asset)
    return touched

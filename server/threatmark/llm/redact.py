"""Replace secrets with stable placeholders before text leaves the machine, and put them back.

One `Redactor` serves one request: the same secret always gets the same placeholder
(`REDACTED_GITHUB_TOKEN_1`), placeholders keep the line count (multi-line secrets keep their
newlines), and `restore` puts the original values back into code the model returns. Redaction is
deterministic, so a unit redacted twice gives the same text (cached answers stay valid).
"""

from __future__ import annotations

import math
import re
from collections import Counter

PLACEHOLDER = re.compile(r"REDACTED_[A-Z_]+?_\d+\b")

# (kind, pattern, group holding the secret). Order matters only for overlapping matches: the
# earlier, more specific pattern wins.
_SECRET_NAME = (r"[A-Za-z0-9_]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api_?key|apikey|access_?key|"
                r"private_?key|credentials?|auth_?key|signing_?key|encryption_?key|session_?key|salt|"
                r"client_?secret|bearer|dsn|conn(?:ection)?_?str(?:ing)?)[A-Za-z0-9_]*")
_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("PRIVATE_KEY", re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*"
                               r"PRIVATE KEY(?: BLOCK)?-----"), 0),
    ("AWS_KEY_ID", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b"), 0),
    ("GITHUB_TOKEN", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b"), 0),
    ("GITLAB_TOKEN", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}\b"), 0),
    ("SLACK_TOKEN", re.compile(r"\bxox[abposre]-[A-Za-z0-9\-]{10,}\b"), 0),
    ("SLACK_WEBHOOK", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]+"), 0),
    ("STRIPE_KEY", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}\b|\bwhsec_[A-Za-z0-9]{20,}\b"), 0),
    ("GOOGLE_KEY", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b|\bya29\.[0-9A-Za-z_\-]{20,}|\bGOCSPX-[A-Za-z0-9_\-]{20,}"),
     0),
    ("ANTHROPIC_KEY", re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{20,}"), 0),
    ("OPENAI_KEY", re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"), 0),
    ("JWT", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"), 0),
    ("SENDGRID_KEY", re.compile(r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"), 0),
    ("TWILIO_KEY", re.compile(r"\b(?:SK|AC)[0-9a-f]{32}\b"), 0),
    ("NPM_TOKEN", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b"), 0),
    ("PYPI_TOKEN", re.compile(r"\bpypi-[A-Za-z0-9_\-]{50,}"), 0),
    ("HF_TOKEN", re.compile(r"\bhf_[A-Za-z0-9]{30,}\b"), 0),
    ("DIGITALOCEAN_TOKEN", re.compile(r"\bdo[por]_v1_[a-f0-9]{64}\b"), 0),
    ("SHOPIFY_TOKEN", re.compile(r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"), 0),
    ("MAILGUN_KEY", re.compile(r"\bkey-[0-9a-z]{32}\b"), 0),
    ("TELEGRAM_TOKEN", re.compile(r"\b\d{8,10}:AA[A-Za-z0-9_\-]{33}\b"), 0),
    ("DISCORD_WEBHOOK", re.compile(r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]+/[A-Za-z0-9_\-]+"),
     0),
    ("AZURE_KEY", re.compile(r"(?i)(?:AccountKey|SharedAccessKey|SharedAccessSignature)=([^;\"'\s]{8,})"), 1),
    # user:password@ in any URL (database, broker, HTTP)
    ("URL_PASSWORD", re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@\"']*:([^\s@/\"']{2,})@"), 1),
    # password=...; in connection strings
    ("CONN_PASSWORD", re.compile(r"(?i)(?<=[;\"'?&\s])(?:password|pwd|passwd|secret|token|api_?key)\s*=\s*"
                                 r"([^;\s\"'&(),\[\]{}]{3,})(?=[;&\s\"']|$)"),
     1),
    # password = "...", password: str = "...", "password": "...", password="..." (assignments, dicts, kwargs)
    ("SECRET", re.compile(r"(?i)\b" + _SECRET_NAME + r"[\"']?\]?\s*(?::\s*[A-Za-z_][\w\[\], .|]*?\s*)?(?:==|:=|=|:)\s*"
                          r"[rbuRBU]{0,2}(\"\"\"|'''|\"|')((?:(?!\1)[^\n\\]|\\.){3,}?)\1"), 2),
    # os.environ.setdefault("API_TOKEN", "..."), ("password", "...") pairs
    ("SECRET", re.compile(r"(?i)\(\s*[\"']" + _SECRET_NAME + r"[\"']\s*,\s*[rbuRBU]{0,2}([\"'])"
                          r"((?:(?!\1)[^\n\\]|\\.){3,}?)\1"), 2),
    ("SECRET_HEADER", re.compile(r"(?i)\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9_\-.=+/]{16,})"), 1),
]
_STRING_LITERAL = re.compile(r"(\"|')([A-Za-z0-9+/=_\-.~]{20,})\1")
_NOT_SECRETS = re.compile(r"(?i)^(?:REDACTED_|xxx|changeme|your[_-]|<|\$\{|%\(|\{)")


def shannon_entropy(text: str) -> float:
    """Bits per character of `text`."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_random(value: str) -> bool:
    """True for long literals that look like keys/tokens rather than words, paths or identifiers."""
    if len(value) < 20 or _NOT_SECRETS.match(value) or ("/" in value.strip("/=+") and value.count("/") > 2):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    if not (has_digit and has_alpha):
        return False
    if re.fullmatch(r"[A-Za-z_]+[0-9]{0,4}", value) or (re.fullmatch(r"[a-z0-9]+(?:[_\-.][a-z0-9]+)*", value) \
            and shannon_entropy(value) < 3.6):
        return False
    if re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", value):  # dotted names: modules, settings
        return False
    hexadecimal = re.fullmatch(r"[0-9a-fA-F]+", value) is not None
    return shannon_entropy(value) >= (3.0 if hexadecimal else 3.7)


class Redactor:
    """Replaces secrets with placeholders and remembers them for `restore`."""

    def __init__(self) -> None:
        self._by_value: dict[str, str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counts: Counter[str] = Counter()

    @property
    def secrets(self) -> dict[str, str]:
        """Placeholder → original value (only in memory, never logged)."""
        return dict(self._by_placeholder)

    def _placeholder(self, kind: str, value: str) -> str:
        if value in self._by_value:
            return self._by_value[value]
        self._counts[kind] += 1
        token = f"REDACTED_{kind}_{self._counts[kind]}"
        self._by_value[value] = token
        self._by_placeholder[token] = value
        return token

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, kind) spans of secrets in `text`."""
        spans: list[tuple[int, int, str]] = []
        for kind, pattern, group in _PATTERNS:
            for m in pattern.finditer(text):
                lo, hi = m.span(group)
                value = text[lo:hi]
                if lo < hi and not PLACEHOLDER.fullmatch(value) and not _NOT_SECRETS.match(value):
                    spans.append((lo, hi, kind))
        for m in _STRING_LITERAL.finditer(text):
            if looks_random(m.group(2)):
                spans.append((m.start(2), m.end(2), "HIGH_ENTROPY"))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        chosen: list[tuple[int, int, str]] = []
        for span in spans:
            if chosen and span[0] < chosen[-1][1]:
                continue
            chosen.append(span)
        return chosen

    def redact(self, text: str) -> str:
        """`text` with every secret replaced; multi-line secrets keep their line breaks."""
        out = []
        last = 0
        for lo, hi, kind in self.find(text):
            value = text[lo:hi]
            out.append(text[last:lo])
            out.append(self._placeholder(kind, value) + "\n" * value.count("\n"))
            last = hi
        out.append(text[last:])
        return "".join(out)

    def restore(self, text: str) -> str:
        """Put the original values back wherever a known placeholder appears."""
        if not self._by_placeholder:
            return text

        def back(m: re.Match[str]) -> str:
            token = m.group(0).rstrip("\n")
            value = self._by_placeholder.get(token)
            if value is None:
                return m.group(0)
            kept_newlines = m.group(0).count("\n") - value.count("\n")
            return value + "\n" * max(kept_newlines, 0)

        return re.sub(r"REDACTED_[A-Z_]+?_\d+\b\n*", back, text)

    def leaks(self, text: str) -> list[str]:
        """Placeholders of secrets that still appear in `text` verbatim (a last safety check)."""
        return [p for p, v in self._by_placeholder.items() if v in text]

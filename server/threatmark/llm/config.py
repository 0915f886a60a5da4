"""Where the LLM lives and how hard we may use it.

The configuration holds the *name* of the environment variable with the API key, never the key
itself: the key is read from the environment at the moment a client is built, and nothing here
prints, logs or stores it (see `LlmConfig.__repr__`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_KEY_ENV = "OPENAI_API_KEY"
FALLBACK_KEY_ENV = "THREATMARK_LLM_API_KEY"  # what the VS Code extension sets
MODEL_ENV = "THREATMARK_LLM_MODEL"
BASE_URL_ENV = "OPENAI_BASE_URL"
NO_KEY = "not-needed"  # local servers (llama.cpp, Ollama) accept any key; the client wants one

_URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")


@dataclass(frozen=True)
class LlmConfig:
    """Endpoint, model and limits of the LLM reviewer.

    `base_url` None means the OpenAI default. `api_key_env` is the name of the variable that holds
    the key; `THREATMARK_LLM_API_KEY` is tried when it is unset.
    """

    base_url: str | None = None
    model: str = DEFAULT_MODEL
    api_key_env: str = DEFAULT_KEY_ENV
    timeout: float = 60.0  # seconds per request
    concurrency: int = 4  # requests in flight at once
    budget: int = 24  # requests per review (per save); the rest wait for the next save
    max_unit_chars: int = 24_000  # larger units are not sent
    max_inline_wait: float = 10.0  # wait this long for a 429's Retry-After inside one review
    max_tokens: int = 1500
    cache_dir: Path | None = None  # None: the platform user cache dir
    environ: Mapping[str, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> LlmConfig:
        """Defaults from OPENAI_BASE_URL and THREATMARK_LLM_MODEL; explicit overrides win (None is ignored)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "base_url": env.get(BASE_URL_ENV) or None,
            "model": env.get(MODEL_ENV) or DEFAULT_MODEL,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(environ=environ, **values)  # type: ignore[arg-type]

    def _env(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ

    def api_key(self) -> str | None:
        """The key from the named variable (or THREATMARK_LLM_API_KEY); None when neither is set."""
        env = self._env()
        return env.get(self.api_key_env) or env.get(FALLBACK_KEY_ENV) or None

    @property
    def configured(self) -> bool:
        """True when an endpoint is known: an explicit base URL, or a key for the default one."""
        return bool(self.base_url) or self.api_key() is not None

    @property
    def endpoint(self) -> str:
        """The base URL for display and per-endpoint memory, with any credentials removed."""
        return _URL_CREDENTIALS.sub("***@", self.base_url or "https://api.openai.com/v1")

    def explain_missing(self) -> str:
        return (f"LLM review is off: no endpoint configured (set {BASE_URL_ENV} for a local or compatible "
                f"server, or {self.api_key_env} for OpenAI; {MODEL_ENV} names the model)")

    def __repr__(self) -> str:  # never the key, only where it comes from
        return (f"LlmConfig(endpoint={self.endpoint!r}, model={self.model!r}, api_key_env={self.api_key_env!r}, "
                f"concurrency={self.concurrency}, budget={self.budget}, timeout={self.timeout})")

    __str__ = __repr__

"""Constants and helpers shared by the LLM tests and bench/llm_session.py."""

from __future__ import annotations

from pathlib import Path

from threatmark.llm import ReviewCache
from threatmark.model import SourceFile

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-canary-DO-NOT-LEAK-0123456789abcdefABCDEF"
KEY_ENV = "THREATMARK_TEST_LLM_KEY"
MODEL = "gpt-test"


def fixture_source(name: str, text: str | None = None) -> SourceFile:
    """A fixture file as a SourceFile (optionally with replaced text, same path)."""
    path = FIXTURES / name
    return SourceFile(str(path), path.read_text() if text is None else text)


def cache_stats(cache_home: Path) -> dict[str, int]:
    """The persisted statistics of the LLM cache under an XDG_CACHE_HOME."""
    cache = ReviewCache(cache_home / "threatmark" / "llm")
    try:
        return cache.stats()
    finally:
        cache.close()

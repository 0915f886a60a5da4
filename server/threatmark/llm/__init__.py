"""Optional LLM review: per-unit, cached, redacted, verified. Never imports pygls or lsprotocol.

Entry points: `Reviewer` (review a file after the rules ran), `harden` (a verified rewrite of
the unit around a finding), `LlmConfig` (endpoint, model and limits) and `ReviewCache`.
"""

from threatmark.llm.cache import ReviewCache, default_cache_dir
from threatmark.llm.config import LlmConfig
from threatmark.llm.review import Reviewer, ReviewResult

__all__ = ["LlmConfig", "ReviewCache", "ReviewResult", "Reviewer", "default_cache_dir"]

"""Optional LLM review: per-unit, cached, redacted, verified. Never imports pygls or lsprotocol.

Entry points: `Reviewer` (review a file after the rules ran), `harden` (a verified rewrite of
the unit around a finding), `LlmConfig` (endpoint, model and limits) and `ReviewCache`.
"""

import logging

from threatmark.llm.cache import ReviewCache, default_cache_dir
from threatmark.llm.config import LlmConfig
from threatmark.llm.review import Reviewer, ReviewResult

logging.getLogger("threatmark.llm").addHandler(logging.NullHandler())  # hosts decide where messages go

__all__ = ["LlmConfig", "ReviewCache", "ReviewResult", "Reviewer", "default_cache_dir"]

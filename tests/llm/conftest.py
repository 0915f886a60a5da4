"""Fixtures for the LLM tests: a private cache dir, the scripted server and reviewers using it.

Every test goes through the real `openai` client to `ScriptedLLM` on 127.0.0.1; nothing is patched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from llm_support import API_KEY, KEY_ENV, MODEL
from scripted_llm import ScriptedLLM
from threatmark.engine import Engine
from threatmark.llm import LlmConfig, Reviewer


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.create()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setenv(KEY_ENV, API_KEY)
    return home


@pytest.fixture
def llm(cache_home: Path) -> Iterator[ScriptedLLM]:
    with ScriptedLLM() as server:
        yield server


@pytest.fixture
def make_reviewer(llm: ScriptedLLM, engine: Engine) -> Iterator[Callable[..., Reviewer]]:
    made: list[Reviewer] = []

    def make(server: ScriptedLLM | None = None, rules_version: str | None = None, **overrides: object) -> Reviewer:
        values: dict[str, object] = {"base_url": (server or llm).url, "model": MODEL, "api_key_env": KEY_ENV}
        values.update(overrides)
        reviewer = Reviewer(LlmConfig(**values), rules_version or engine.version)  # type: ignore[arg-type]
        made.append(reviewer)
        return reviewer

    yield make
    for reviewer in made:
        reviewer.close()

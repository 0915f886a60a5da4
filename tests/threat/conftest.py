"""Fixtures for the threat-model tests."""

from __future__ import annotations

import pytest
from threat_helpers import make_engine
from threatmark.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return make_engine()

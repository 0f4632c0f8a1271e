"""Shared fixtures: a fresh DuckDB per test, the seeds, and one Prefect test harness."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"

# Prefect reads its settings at import: keep its home and database out of the user's.
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect" / "test-home"))
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
from newsevents.settings import configure_prefect_env  # noqa: E402

configure_prefect_env()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh warehouse path for one test."""
    return tmp_path / "events.duckdb"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (starting it costs ~20 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield

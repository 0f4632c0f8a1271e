"""Shared fixtures: a fresh DuckDB per test, the seeds, one Prefect test harness, and a guard
that the session leaves the user's checkout alone.

No test may read or write the checkout's ``warehouse/``, ``.prefect/`` or ``inbox/`` (nor write
into ``seeds/``, which tests read as input): after ``make run`` they hold the user's data, and
a test that defaulted to them would pass or fail depending on it. So Prefect's home is a
per-session temporary folder, every test gets its own default warehouse, inbox and Prefect
home, and the session fails if any of those checkout folders changed while it ran.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
# The checkout's folders that hold the user's own state (seeds/ only as input).
CHECKOUT_STATE = ("warehouse", ".prefect", "inbox", "seeds")

Snapshot = dict[str, tuple[str, int, int]]


def checkout_snapshot(root: Path, folders: tuple[str, ...] = CHECKOUT_STATE) -> Snapshot:
    """Every file and folder under ``root/folder``: kind, size and mtime (ns), by path.

    A folder's mtime is kept too, so a file created and removed again (a write probe) shows.
    """
    seen: Snapshot = {}
    for name in folders:
        top = root / name
        if not top.exists():
            continue
        for folder, dirs, files in os.walk(top):  # os.walk does not follow symlinks
            for entry in [folder, *(os.path.join(folder, f) for f in files)]:
                try:
                    st = os.lstat(entry)
                except FileNotFoundError:  # removed while we walked: the next snapshot says
                    continue
                kind = "dir" if entry == folder else "file"
                seen[os.path.relpath(entry, root)] = (kind, st.st_size, st.st_mtime_ns)
            dirs.sort()
    return seen


def checkout_changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed between two snapshots, one readable line per path."""
    lines = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if old is None:
            lines.append(f"new {path}")
        elif new is None:
            lines.append(f"removed {path}")
        else:
            lines.append(f"changed {path}")
    return lines


# Taken at import, before collection, so that nothing the session does escapes it.
_CHECKOUT_BEFORE = checkout_snapshot(ROOT)

# Prefect reads its settings at import, so its environment is set here, before anything
# imports it. A user's own Prefect settings (an exported PREFECT_API_URL, a profile) are
# not the tests' to use: drop them, and give the session a temporary Prefect home.
for _name in [k for k in os.environ if k.startswith("PREFECT_")]:
    del os.environ[_name]
SESSION_TMP = Path(tempfile.mkdtemp(prefix="newsevents-tests-"))
os.environ["PREFECT_HOME"] = str(SESSION_TMP / "prefect-home")
Path(os.environ["PREFECT_HOME"]).mkdir()
# The defaults of anything a test runs without an explicit path: outside the checkout.
DEFAULT_PATHS = {
    "NEWSEVENTS_WAREHOUSE": "session-warehouse/events.duckdb",
    "NEWSEVENTS_INBOX_DIR": "inbox",
    "NEWSEVENTS_PREFECT_HOME": "prefect-home",
}
os.environ.update({k: str(SESSION_TMP / "session" / v) for k, v in DEFAULT_PATHS.items()})
from newsevents.settings import configure_prefect_env, get_settings  # noqa: E402

get_settings.cache_clear()
configure_prefect_env()
_TEST_NUMBER = itertools.count()


def pytest_sessionfinish(session: pytest.Session) -> None:
    shutil.rmtree(SESSION_TMP, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched() -> Iterator[None]:
    """Fail the session if the checkout's warehouse/, .prefect/, inbox/ or seeds/ changed."""
    yield
    changed = checkout_changes(_CHECKOUT_BEFORE, checkout_snapshot(ROOT))
    if changed:
        listed = "\n  ".join(changed[:20])
        pytest.fail(
            "the tests changed the user's checkout (each test must use its own tmp paths; "
            f"or another process, such as `newsevents ui` or `run`, wrote there meanwhile):\n"
            f"  {listed}",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def own_default_paths(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test's default warehouse, inbox and Prefect home are its own (created on use)."""
    base = SESSION_TMP / "tests" / str(next(_TEST_NUMBER))
    for key, value in DEFAULT_PATHS.items():
        monkeypatch.setenv(key, str(base / value))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def load_bench(name: str) -> ModuleType:
    """Import ``bench/NAME.py`` (the bench folder is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh warehouse path for one test."""
    return tmp_path / "events.duckdb"


@pytest.fixture
def idle(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of two seed articles and a warehouse that holds them (empty extractions):
    `run` over it has nothing to do, so it needs neither spaCy nor Prefect."""
    from newsevents import staging, warehouse
    from schemas import ExtractionResult

    folder = tmp_path / "in"
    folder.mkdir()
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, folder / name)
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        for part in staging.batched(staging.iter_stage(folder), 100):
            results = [
                ExtractionResult(
                    article_id=a.article_id, content_hash=a.content_hash, extractor_version="x"
                )
                for a in part.articles
            ]
            warehouse.load(con, part.articles, results, part.quarantined, files=part.files)
    return folder, db


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (starting it costs ~20 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield

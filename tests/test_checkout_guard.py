"""The session guard that keeps tests out of the user's checkout (tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsevents.settings import get_settings

from .conftest import ROOT, SESSION_TMP, checkout_changes, checkout_snapshot


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _probe(root: Path) -> None:  # created and removed again: only the folder's mtime shows it
    probe = root / "warehouse" / "probe"
    probe.write_bytes(b"x")
    probe.unlink()
    _touch_later(root / "warehouse")  # the same second on a coarse clock: make it show


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda root: None, []),
        (lambda root: (root / "warehouse" / "events.duckdb").write_bytes(b"more"), ["changed"]),
        (lambda root: _touch_later(root / "warehouse" / "events.duckdb"), ["changed"]),
        (lambda root: (root / "warehouse" / "events.duckdb").unlink(), ["changed", "removed"]),
        (lambda root: (root / "inbox").mkdir(), ["new"]),
        (lambda root: (root / ".prefect" / "storage").mkdir(), ["changed", "new"]),
        (_probe, ["changed"]),
        (lambda root: (root / "elsewhere.txt").write_text("x"), []),  # not a guarded folder
    ],
)
def test_snapshot_sees_every_change_in_the_guarded_folders(
    tmp_path: Path, change: Callable[[Path], object], expected: list[str]
) -> None:
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "warehouse" / "events.duckdb").write_bytes(b"db")
    (tmp_path / ".prefect").mkdir()
    before = checkout_snapshot(tmp_path)
    change(tmp_path)
    lines = checkout_changes(before, checkout_snapshot(tmp_path))
    assert sorted({line.split()[0] for line in lines}) == expected, lines


def test_the_session_defaults_point_outside_the_checkout() -> None:
    settings = get_settings()
    home = Path(os.environ["PREFECT_HOME"]).resolve()
    for path in (settings.warehouse, settings.inbox_dir, settings.prefect_home, home):
        assert not path.resolve().is_relative_to(ROOT), path
    assert "PREFECT_API_URL" not in os.environ  # a user's server is not the tests' to use


def test_each_test_gets_its_own_default_paths() -> None:
    settings = get_settings()
    mine = settings.warehouse.parent.parent  # SESSION_TMP/tests/N/warehouse/events.duckdb
    assert mine.parent == SESSION_TMP / "tests" and mine.name.isdigit()
    assert settings.inbox_dir.parent == mine

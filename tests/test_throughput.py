"""Parse batching choices and the no-op load's rebuild skip (issue 8, throughput)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsevents import warehouse as wh
from newsevents.extract import dispatch, nlp, pool
from newsevents.settings import Settings, get_settings
from schemas import Article


@pytest.mark.parametrize(
    ("n_articles", "processes", "expected"),
    [
        (10, 0, 1),  # a small batch: spawning workers costs more than it saves
        (199, 2, 1),
        (200, 2, 2),
        (5000, 3, 3),
        (200, 1, 1),
        (2, 4, 1),  # never more processes than the parallel minimum allows
    ],
)
def test_parse_settings_uses_processes_only_for_large_batches(
    n_articles: int, processes: int, expected: int
) -> None:
    settings = Settings(parse_processes=processes, parse_parallel_min=200, parse_batch_size=7)
    batch, procs = nlp.parse_settings(n_articles, settings)
    assert batch == 7
    assert procs == expected


@pytest.mark.parametrize(
    ("name", "daemon", "processes", "expected"),
    [
        ("MainProcess", False, 0, os.cpu_count() or 1),
        ("MainProcess", False, 3, 3),
        ("MainProcess", True, 3, 1),  # a daemonic (Dask) worker may not have children
        ("SpawnProcess-1", False, 3, 1),  # a pool worker already has its core
    ],
)
def test_pool_workers_only_from_a_main_process(
    monkeypatch: pytest.MonkeyPatch, name: str, daemon: bool, processes: int, expected: int
) -> None:
    here = SimpleNamespace(name=name, daemon=daemon)
    monkeypatch.setattr(pool.multiprocessing, "current_process", lambda: here)
    assert pool.pool_workers(processes) == expected


@pytest.mark.parametrize(
    ("n", "workers", "size", "expected"),
    [
        (0, 2, 25, []),
        (1, 2, 25, [1]),
        (10, 2, 25, [5, 5]),  # both workers get work, not one chunk of 10
        (11, 2, 25, [6, 5]),
        (60, 2, 25, [25, 25, 10]),
        (7, 3, 2, [2, 2, 2, 1]),
    ],
)
def test_pool_chunks_keep_every_worker_busy_and_order(
    n: int, workers: int, size: int, expected: list[int]
) -> None:
    arts = [Article(article_id=f"a{i}", raw_text="x", content_hash=f"{i:016d}") for i in range(n)]
    parts = dispatch.chunks(arts, workers, size)
    assert [len(p) for p in parts] == expected
    assert [a.article_id for p in parts for a in p] == [a.article_id for a in arts]


def test_no_op_load_skips_rebuild_unless_derived_tables_are_stale(db: Path) -> None:
    with wh.connect(db) as con:
        wh.migrate(con)
        con.execute(
            "INSERT INTO dim_date VALUES (DATE '2020-01-01', 2020, 1, 1, 'January', 1, 2020, 1, "
            "3, 'Wednesday', false, DATE '2019-12-30', DATE '2020-01-01')"
        )
        assert not wh.derived_stale(con)
        wh.load(con, [], [])
        # no rebuild: the row a rebuild would delete is still there
        assert con.execute("SELECT count(*) FROM dim_date").fetchone() == (1,)
        con.execute("INSERT INTO fct_event_mention_bridge VALUES ('m-orphan', 'e-orphan', 'seed')")
        assert wh.derived_stale(con)
        wh.load(con, [], [])
        assert con.execute("SELECT count(*) FROM fct_event_mention_bridge").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM dim_date").fetchone() == (0,)


def test_warm_pool_starts_the_workers_before_any_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.extract import warm_pool

    monkeypatch.setattr(get_settings(), "parse_processes", 2)
    pool.shutdown()
    try:
        assert not pool.running()
        assert warm_pool(articles=5) is True  # a small window: one worker is enough
        assert len(pool.worker_pids()) == 1
        assert warm_pool() is True  # a big one: every worker, the first one kept
        pids = pool.worker_pids()
        assert len(pids) == 2
    finally:
        pool.shutdown()
    assert not pool.running() and pool.worker_pids() == []
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)

"""Parse batching choices and the no-op load's rebuild skip (issue 8, throughput)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents import warehouse as wh
from newsevents.extract import nlp
from newsevents.settings import get_settings


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
    monkeypatch: pytest.MonkeyPatch, n_articles: int, processes: int, expected: int
) -> None:
    settings = get_settings()
    monkeypatch.setattr(settings, "parse_processes", processes)
    monkeypatch.setattr(settings, "parse_parallel_min", 200)
    batch, procs = nlp.parse_settings(n_articles)
    assert batch == settings.parse_batch_size
    assert procs == expected


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

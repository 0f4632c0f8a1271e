"""The pipeline flow under a Prefect test harness, end to end over the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsevents import warehouse as wh

from .conftest import SEEDS

pytestmark = pytest.mark.slow


def test_pipeline_over_seeds_then_rerun_changes_nothing(prefect_harness: None, db: Path) -> None:
    from flows.pipeline import pipeline

    first = pipeline(input_dir=SEEDS, warehouse_path=db)
    assert first.articles_extracted == 5 and not first.quarantined
    assert set(first.events_by_type) == {"attack", "talks", "statement", "deployment"}
    assert first.check_failures == {}
    with wh.connect(db, read_only=True) as con:
        before = wh.table_checksums(con)
        per_article = dict(
            con.execute(
                "SELECT d.article_id, count(m.mention_id) FROM dim_article d "
                "LEFT JOIN fct_event_mention m USING (article_id) GROUP BY 1"
            ).fetchall()
        )
        run_ids = con.execute("SELECT DISTINCT flow_run_id FROM fct_event_mention").fetchall()
    assert len(per_article) == 5 and all(n > 0 for n in per_article.values())
    assert run_ids == [(first.flow_run_id,)] and first.flow_run_id

    second = pipeline(input_dir=SEEDS, warehouse_path=db)
    assert (second.articles_extracted, second.articles_unchanged) == (0, 5)
    with wh.connect(db, read_only=True) as con:
        assert wh.table_checksums(con) == before


def test_pipeline_quarantines_bad_input_and_loads_the_rest(
    prefect_harness: None, db: Path, tmp_path: Path
) -> None:
    from flows.pipeline import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "002_90f67be5c111099e.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("  \n")
    summary = pipeline(input_dir=folder, warehouse_path=db)
    assert summary.articles_extracted == 1
    assert [(q.article_id, q.reason) for q in summary.quarantined] == [("empty", "empty")]
    with wh.connect(db, read_only=True) as con:
        rows = con.execute("SELECT article_id, reason, message FROM quarantine").fetchall()
        good = con.execute("SELECT published FROM dim_article").fetchall()
    assert rows == [("empty", "empty", "the file is empty")]
    assert good == [(None,)]  # no manifest and no date in the text: nothing is guessed


def test_big_task_arguments_are_not_walked_where_the_runner_unwraps_quote(
    prefect_harness: None,
) -> None:
    from prefect import flow
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
    from prefect.utilities.annotations import quote

    from flows.pipeline import extract, extract_task, unwalked

    @flow
    def probe() -> list[object]:
        return [unwalked(["a"]), extract_task().cache_result_in_memory]

    seen = {}
    for runner in (ThreadPoolTaskRunner(), ProcessPoolTaskRunner(max_workers=1)):
        seen[type(runner).__name__] = probe.with_options(task_runner=runner)()
    assert all(isinstance(v, quote) and v.unquote() == ["a"] for v, _ in seen.values())
    # results read back from storage, not kept in the result store's memory
    assert [kept for _, kept in seen.values()] == [False, False]
    assert unwalked(["a"]) == ["a"]  # outside a flow run: nothing would unwrap it
    assert extract_task() == extract  # Task has identity equality: the very task
    # Dask (which would not unwrap it) gets the plain list: test_orchestration's dask run


def test_tasks_that_write_or_read_the_warehouse_never_cache() -> None:
    from prefect.cache_policies import NO_CACHE

    from flows import pipeline as p

    for t in (p.prepare, p.ingest, p.load, p.finish, p.warehouse_report):
        assert t.cache_policy == NO_CACHE, t.name


def test_a_run_keeps_no_extraction_results_alive_once_loaded(
    prefect_harness: None, tmp_path: Path
) -> None:
    """Memory flat in N: after the load, nothing (the result store's cache) holds the rows."""
    import gc

    from flows.pipeline import pipeline
    from schemas import ExtractionResult

    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):  # ids no other test uses: other tests' rows may be alive
        shutil.copy(path, folder / f"alive-{path.name}")
    (folder / "alive-extra.txt").write_text(  # new content: a batch not already cached
        "Officials said on Monday that troops were deployed to the border on Sunday.\n"
    )
    summary = pipeline(input_dir=folder, warehouse_path=tmp_path / "w.duckdb")
    assert summary.articles_extracted == 6 and summary.events_total > 0
    gc.collect()
    alive = [
        o
        for o in gc.get_objects()
        if isinstance(o, ExtractionResult) and o.article_id.startswith("alive-")
    ]
    assert alive == []


@pytest.mark.parametrize("keep", [True, False])
def test_a_one_shot_run_stops_the_extraction_workers_before_the_rebuild(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: bool
) -> None:
    from flows import pipeline as p
    from newsevents.extract import pool

    order: list[str] = []
    monkeypatch.setattr(pool, "shutdown", lambda: order.append("shutdown"))
    finish = p.finish.fn
    monkeypatch.setattr(p.finish, "fn", lambda *a: order.append("finish") or finish(*a))
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "002_90f67be5c111099e.txt", folder / "one.txt")
    summary = p.pipeline(input_dir=folder, warehouse_path=tmp_path / "w.duckdb", keep_workers=keep)
    assert summary.articles_extracted == 1
    assert order == (["finish"] if keep else ["shutdown", "finish"])


@pytest.mark.parametrize(
    ("reason", "retried"),
    [("extraction_timeout", True), ("extraction_crash", True), ("extraction_error", False)],
)
def test_a_failed_article_is_quarantined_and_only_a_transient_failure_is_retried_uncached(
    prefect_harness: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reason: str,
    retried: bool,
) -> None:
    """The other article loads; the failed one is quarantined once, and is extracted again on
    the next run unless its failure is deterministic (then the cached batch answers)."""
    import uuid

    import flows.pipeline as fp
    from newsevents import extract
    from schemas import ExtractionFailure, ExtractionResult

    monkeypatch.setattr(fp.get_settings(), "batch_size", 1)  # the bad article's own batch
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "002_90f67be5c111099e.txt", folder / "good.txt")
    # unique text: no batch of an earlier test or session is in the cache
    (folder / "bad.txt").write_text(f"Troops were deployed on Monday. Ref {uuid.uuid4().hex}\n")
    real = extract.extract_articles
    calls: list[str] = []

    def failing(articles, **kw):
        calls.extend(a.article_id for a in articles)
        return [
            ExtractionResult(
                article_id=a.article_id,
                content_hash=a.content_hash,
                extractor_version=extract.EXTRACTOR_VERSION,
                failure=ExtractionFailure(reason=reason, message=f"{reason} after 2 s"),
            )
            if a.article_id == "bad"
            else real([a], **kw)[0]
            for a in articles
        ]

    monkeypatch.setattr(extract, "extract_articles", failing)
    db = tmp_path / "w.duckdb"
    first = fp.pipeline(input_dir=folder, warehouse_path=db)
    assert first.articles_extracted == 1 and first.events_total > 0
    assert [(q.article_id, q.reason) for q in first.quarantined] == [("bad", reason)]
    with wh.connect(db, read_only=True) as con:
        loaded = con.execute("SELECT article_id FROM dim_article").fetchall()
        files = con.execute("SELECT article_id FROM stg_file_manifest").fetchall()
        rows = con.execute("SELECT source_path, reason, message FROM quarantine").fetchall()
        before = wh.table_checksums(con)
    assert loaded == files == [("good",)]
    assert rows == [(str(folder / "bad.txt"), reason, f"{reason} after 2 s")]

    calls.clear()
    second = fp.pipeline(input_dir=folder, warehouse_path=db)
    assert calls == (["bad"] if retried else [])  # an error is replayed from the cache
    assert [(q.article_id, q.reason) for q in second.quarantined] == [("bad", reason)]
    assert second.articles_unchanged == 1
    with wh.connect(db, read_only=True) as con:
        assert wh.table_checksums(con) == before  # the quarantine row is not duplicated


def test_backfill_quarantines_a_failed_article_once_and_loads_the_rest(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import uuid

    from flows.backfill import backfill
    from newsevents import extract as ex
    from schemas import ExtractionFailure, ExtractionResult

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "002_90f67be5c111099e.txt", folder / "good.txt")
    (folder / "bad.txt").write_text(f"Troops were deployed on Monday. Ref {uuid.uuid4().hex}\n")
    (folder / "articles.csv").write_text(
        "article_id,source,title,published,url\ngood,wire,,2020-02-03,\nbad,wire,,2020-02-20,\n"
    )
    real = ex.extract_articles

    def failing(articles, **kw):
        return [
            ExtractionResult(
                article_id=a.article_id,
                content_hash=a.content_hash,
                extractor_version=ex.EXTRACTOR_VERSION,
                failure=ExtractionFailure(reason="extraction_crash", message="killed by SIGKILL"),
            )
            if a.article_id == "bad"
            else real([a], **kw)[0]
            for a in articles
        ]

    monkeypatch.setattr(ex, "extract_articles", failing)
    db = tmp_path / "w.duckdb"
    feb = {"start": dt.date(2020, 2, 1), "end": dt.date(2020, 2, 29), "batch_days": 14}
    out = backfill(input=str(folder), warehouse_path=db, **feb)
    assert [s.quarantined_by_reason for s in out.values()] == [{}, {"extraction_crash": 1}]
    assert sum(s.articles_extracted for s in out.values()) == 1
    with wh.connect(db, read_only=True) as con:
        assert con.execute("SELECT article_id FROM dim_article").fetchall() == [("good",)]
        rows = con.execute("SELECT article_id, reason FROM quarantine").fetchall()
        before = wh.table_checksums(con)
    assert rows == [("bad", "extraction_crash")]
    again = backfill(input=str(folder), warehouse_path=db, **feb)  # tried again, fails again
    assert [s.quarantined_by_reason for s in again.values()] == [{}, {"extraction_crash": 1}]
    with wh.connect(db, read_only=True) as con:
        assert wh.table_checksums(con) == before

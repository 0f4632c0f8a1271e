"""Orchestration: schedules, backfill batches, retries, caching and task runners."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import warehouse as wh
from newsevents.backfill import plan_windows, select
from newsevents.extract import pool
from newsevents.staging import stage_input
from schemas import Article

from .conftest import SEEDS

D = dt.date.fromisoformat
FEB = ["2020-02-01..2020-02-07", "2020-02-15..2020-02-21", "2020-02-22..2020-02-28"]
FEB_IDS = {
    "000_0a4181eb25ee23d2",
    "001_c9c5a79c84c9a880",
    "002_90f67be5c111099e",
    "003_b1aaa4893cb01347",
}


def _art(article_id: str, published: str | None) -> Article:
    return Article(
        article_id=article_id,
        raw_text="x",
        content_hash=article_id.ljust(16, "0"),
        published=D(published) if published else None,
    )


SEED_DATES = {
    "a": "2020-02-26",
    "b": "2020-02-15",
    "c": "2020-02-07",
    "d": "2020-02-22",
    "e": "2019-08-27",
    "u": None,
}


@pytest.mark.parametrize(
    ("start", "end", "days", "labels"),
    [
        ("2020-02-01", "2020-02-29", 7, FEB),
        ("2020-02-01", "2020-02-29", 29, ["2020-02-01..2020-02-29"]),
        ("2020-02-22", "2020-02-22", 7, ["2020-02-22..2020-02-22"]),
        ("2020-03-01", "2020-03-31", 7, []),
        (
            None,
            None,
            100,
            ["2019-08-27..2019-12-04", "2019-12-05..2020-02-26", "undated"],
        ),
        ("2020-02-20", None, 7, ["2020-02-20..2020-02-26"]),
        (None, "2019-12-31", 365, ["2019-08-27..2019-12-31"]),
    ],
)
def test_plan_windows(start: str | None, end: str | None, days: int, labels: list[str]) -> None:
    arts = [_art(k, v) for k, v in SEED_DATES.items()]
    windows = plan_windows(
        arts, start=D(start) if start else None, end=D(end) if end else None, batch_days=days
    )
    assert [w.label for w in windows] == labels
    # Every dated article in range lands in exactly one batch; undated only without a range.
    chosen = [a.article_id for w in windows for a in select(arts, w)]
    assert len(chosen) == len(set(chosen))
    assert ("u" in chosen) == (start is None and end is None)


def test_plan_windows_rejects_bad_ranges() -> None:
    with pytest.raises(ValueError, match="end 2020-02-01 is before start 2020-02-02"):
        plan_windows([], start=D("2020-02-02"), end=D("2020-02-01"))
    with pytest.raises(ValueError, match="batch_days"):
        plan_windows([], batch_days=0)


def test_stage_input_glob_takes_only_matching_files(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    staged = stage_input(str(tmp_path / "in" / "00[12]_*.txt"), max_bytes=10**6)
    assert sorted(a.article_id for a in staged.articles) == [
        "001_c9c5a79c84c9a880",
        "002_90f67be5c111099e",
    ]
    assert staged.quarantined == []  # manifest rows outside the glob are not "missing"
    assert {a.published for a in staged.articles} == {D("2020-02-15"), D("2020-02-07")}


def test_deployments_pipeline_on_cron_backfill_on_demand(tmp_path: Path) -> None:
    from flows.deployments import build_deployments

    deps = build_deployments(tmp_path / "inbox", tmp_path / "w.duckdb", "*/15 * * * *")
    by_name = {d.name: d for d in deps}
    assert set(by_name) == {"pipeline", "backfill"}
    pipe, back = by_name["pipeline"], by_name["backfill"]
    assert pipe.flow_name == "pipeline" and back.flow_name == "backfill"
    assert [s.schedule.cron for s in pipe.schedules] == ["*/15 * * * *"]
    assert back.schedules in (None, [])
    assert pipe.parameters["input_dir"] == str((tmp_path / "inbox").resolve())
    assert back.parameters["warehouse_path"] == str((tmp_path / "w.duckdb").resolve())


def test_cli_reports_a_down_prefect_server_without_traceback(
    unused_port: int, tmp_path: Path
) -> None:
    from newsevents.cli import app

    db = tmp_path / "w.duckdb"  # empty: the seeds are work to do, so the run needs the server
    res = CliRunner().invoke(
        app,
        ["run", "--input", str(SEEDS), "--warehouse", str(db)],
        env={"PREFECT_API_URL": f"http://127.0.0.1:{unused_port}/api"},
    )
    assert res.exit_code == 1
    said = " ".join(res.output.split())  # rich wraps long lines
    assert "no Prefect server answers" in said and "unset PREFECT_API_URL" in said
    assert "Traceback" not in res.output and isinstance(res.exception, SystemExit)
    with wh.connect(db, read_only=True) as con:  # checked before any article was loaded
        assert con.execute("SELECT count(*) FROM dim_article").fetchone() == (0,)


def test_cli_run_with_nothing_to_do_needs_no_prefect_server(
    unused_port: int, idle: tuple[Path, Path]
) -> None:
    """No flow run is started, so a dead PREFECT_API_URL does not matter (docs/cli.md: run)."""
    from newsevents.cli import app

    folder, db = idle
    res = CliRunner().invoke(
        app,
        ["run", "--input", str(folder), "--warehouse", str(db)],
        env={"PREFECT_API_URL": f"http://127.0.0.1:{unused_port}/api"},
    )
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.split())
    assert "nothing to do" in said and "no flow run was started" in said
    assert "no Prefect server answers" not in said


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- flows under the session's Prefect harness -------------------------------------------------


@pytest.mark.slow
def test_backfill_processes_the_range_in_batches_and_rerun_changes_nothing(
    prefect_harness: None, db: Path
) -> None:
    from prefect import get_client

    from flows.backfill import backfill

    out = backfill(input=str(SEEDS), start=D("2020-02-01"), end=D("2020-02-29"), warehouse_path=db)
    assert list(out) == FEB
    assert [out[k].articles_staged for k in FEB] == [1, 1, 2]
    with wh.connect(db, read_only=True) as con:
        ids = {r[0] for r in con.execute("SELECT article_id FROM dim_article").fetchall()}
        dates = con.execute("SELECT min(published), max(published) FROM dim_article").fetchone()
        before = wh.table_checksums(con)
    assert ids == FEB_IDS  # 004 (2019-08-27) is out of range
    assert dates == (D("2020-02-07"), D("2020-02-26"))
    with get_client(sync_client=True) as client:
        names = {r.name for r in client.read_flow_runs(limit=200)}
    assert {f"backfill-{label}" for label in FEB} <= names

    again = backfill(
        input=str(SEEDS), start=D("2020-02-01"), end=D("2020-02-29"), warehouse_path=db
    )
    assert [again[k].articles_unchanged for k in FEB] == [1, 1, 2]
    assert sum(s.articles_extracted for s in again.values()) == 0
    with wh.connect(db, read_only=True) as con:
        assert wh.table_checksums(con) == before


@pytest.mark.slow
def test_ingest_retries_io_errors_but_not_bugs(
    prefect_harness: None, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline as fp
    from newsevents import staging

    with wh.connect(db) as con:
        wh.migrate(con)
    part = staging.StagedBatch(articles=[_art("a1", "2020-02-01")])
    real = wh.loaded_articles
    calls: list[int] = []

    def flaky(con, ids=None):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk busy")
        return real(con, ids)

    monkeypatch.setattr(wh, "loaded_articles", flaky)
    found = fp.ingest(part, db)
    assert len(calls) == 2 and [a.article_id for a in found.todo] == ["a1"]

    def broken(con, ids=None):
        calls.append(1)
        raise ValueError("a bug")

    calls.clear()
    monkeypatch.setattr(wh, "loaded_articles", broken)
    with pytest.raises(ValueError, match="a bug"):
        fp.ingest(part, db)
    assert len(calls) == 1


def _unique_article(folder: Path) -> None:
    """One seed with a unique line, so no earlier session's cache can answer for it."""
    folder.mkdir()
    text = (SEEDS / "002_90f67be5c111099e.txt").read_text(encoding="utf-8")
    (folder / "x.txt").write_text(text + f"\nRef {uuid.uuid4().hex}\n", encoding="utf-8")


@pytest.mark.slow
def test_extraction_is_cached_by_content_hash_and_extractor_version(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline as fp
    from newsevents import extract

    _unique_article(tmp_path / "in")
    real = extract.extract_articles
    calls: list[int] = []
    monkeypatch.setattr(
        extract, "extract_articles", lambda arts, **kw: calls.append(1) or real(arts, **kw)
    )
    first = fp.pipeline(input_dir=tmp_path / "in", warehouse_path=tmp_path / "a.duckdb")
    # A fresh warehouse: the batch must be extracted again, but the cache answers.
    second = fp.pipeline(input_dir=tmp_path / "in", warehouse_path=tmp_path / "b.duckdb")
    assert (first.articles_extracted, second.articles_extracted) == (1, 1)
    assert len(calls) == 1
    assert second.events_by_type == first.events_by_type
    # Persisted under PREFECT_HOME/storage, named by the cache key.
    staged = stage_input(str(tmp_path / "in"), max_bytes=10**6).articles
    key = fp.extraction_cache_key(None, {"articles": staged})  # type: ignore[arg-type]
    assert (Path(os.environ["PREFECT_HOME"]) / "storage" / key).is_file()
    version = "test-" + uuid.uuid4().hex[:8]
    monkeypatch.setattr(fp, "extractor_version", lambda: version)
    fp.pipeline(input_dir=tmp_path / "in", warehouse_path=tmp_path / "c.duckdb")
    assert len(calls) == 2  # a new extractor version is a new key


@pytest.mark.slow
def test_dask_runner_and_worker_pool_give_the_same_warehouse_as_threads(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline as fp
    from flows.runners import make_task_runner

    monkeypatch.setattr(fp.get_settings(), "batch_size", 1)  # two batches to spread
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_0a4181eb25ee23d2.txt", "002_90f67be5c111099e.txt", "articles.csv"):
        shutil.copy(SEEDS / name, folder / name)
    exports = []
    settings = fp.get_settings()
    for name, runner in [
        ("thread", make_task_runner("thread")),
        ("dask", make_task_runner("dask", dask_processes=False)),
        ("pool", make_task_runner("thread")),  # threads hand batches to worker processes
    ]:
        # A fresh cache key per runner: each runner must really extract.
        version = f"test-{name}-{uuid.uuid4().hex[:8]}"
        monkeypatch.setattr(fp, "extractor_version", lambda v=version: v)
        if name == "pool":
            monkeypatch.setattr(settings, "parse_parallel_min", 2)
            monkeypatch.setattr(settings, "parse_processes", 2)
        db = tmp_path / f"{name}.duckdb"
        try:
            summary = fp.pipeline.with_options(task_runner=runner)(
                input_dir=folder, warehouse_path=db
            )
            # every runner here extracts in this process, so in its extraction workers
            assert pool.running() and pool.worker_pids()
        finally:
            pool.shutdown()
        assert summary.articles_extracted == 2
        with wh.connect(db, read_only=True) as con:
            exports.append(
                (
                    sorted(wh.export_rows(con), key=lambda r: r["event_id"]),
                    con.execute(
                        "SELECT article_id, content_hash, published FROM dim_article ORDER BY 1"
                    ).fetchall(),
                )
            )
    assert exports[0] == exports[1] == exports[2] and len(exports[0][0]) > 10


# ---- every entry point takes its task runner from the settings (flows/runners.py) -------------


def _probe_runner(seen: list[object]) -> object:
    """A stand-in for ``run_stages`` that notes the task runner of the flow run it is called in."""
    from prefect.context import FlowRunContext

    from newsevents.summary import RunCounts

    def probe(*args: object, **kwargs: object) -> object:
        seen.append(FlowRunContext.get().task_runner)  # type: ignore[union-attr]
        return RunCounts().summary({}, None)

    return probe


@pytest.fixture
def process_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """As NEWSEVENTS_TASK_RUNNER=process NEWSEVENTS_WORKERS=3; the harness's API in the
    environment, so a process runner's command starts no temporary API of its own."""
    from prefect.settings import PREFECT_API_URL

    from newsevents.settings import get_settings

    monkeypatch.setattr(get_settings(), "task_runner", "process")
    monkeypatch.setattr(get_settings(), "workers", 3)
    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))


def _runner_of(seen: list[object]) -> tuple[str, int]:
    (runner,) = seen
    return type(runner).__name__, runner._max_workers  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("flows_module", "command"),
    [
        ("flows.pipeline", ["run", "--no-preflight"]),  # which would warm extraction workers
        ("flows.backfill", ["backfill", "--from", "2020-02-22", "--to", "2020-02-28"]),
    ],
)
def test_cli_flow_runs_take_their_task_runner_from_the_settings_or_runner(
    prefect_harness: None,
    process_settings: None,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    flows_module: str,
    command: list[str],
) -> None:
    """``run``'s flow run, and the one batch (2020-02-22..28) of ``backfill``."""
    import importlib

    from newsevents.cli import app
    from newsevents.settings import get_settings

    with wh.connect(db) as con:  # what run_stages would have done, for the run's report
        wh.migrate(con)
    seen: list[object] = []
    monkeypatch.setattr(importlib.import_module(flows_module), "run_stages", _probe_runner(seen))
    args = [*command, "--input", str(SEEDS), "--warehouse", str(db)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert _runner_of(seen) == ("ProcessPoolTaskRunner", 3)
    seen.clear()
    res = CliRunner().invoke(app, [*args, "--runner", "thread"])
    assert res.exit_code == 0, res.output
    assert _runner_of(seen) == ("ThreadPoolTaskRunner", 3)
    assert get_settings().task_runner == "process"  # --runner lasts one command
    res = CliRunner().invoke(app, [*args, "--runner", "fibers"])
    assert res.exit_code == 1 and "choose one of thread, process, dask" in res.output


# What the engine does with a served flow run: load the deployment's entrypoint in a fresh
# process, which inherits the server's environment, and call the flow with its parameters.
SERVED_RUN = r"""
import json, sys
from prefect.context import FlowRunContext
from prefect.flows import load_flow_from_entrypoint
from newsevents.summary import RunCounts

def probe(*args, **kwargs):
    runner = FlowRunContext.get().task_runner
    # not print: the flows log prints instead
    sys.stdout.write(f"runner {type(runner).__name__} {runner._max_workers}\n")
    return RunCounts().summary({}, None)

flow = load_flow_from_entrypoint(sys.argv[1])
sys.modules[flow.fn.__module__].run_stages = probe
flow(**json.loads(sys.argv[2]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "extra"),
    [("pipeline", {}), ("backfill", {"start": "2020-02-22", "end": "2020-02-28"})],
)
def test_served_deployments_take_their_task_runner_from_the_settings(
    prefect_harness: None, tmp_path: Path, name: str, extra: dict[str, str]
) -> None:
    import json
    import subprocess
    import sys

    from prefect.settings import PREFECT_API_URL

    from flows.deployments import build_deployments

    db = tmp_path / "w.duckdb"
    with wh.connect(db) as con:  # the pipeline's report reads it
        wh.migrate(con)
    deps = build_deployments(tmp_path / "inbox", db, "*/15 * * * *", archive=SEEDS)
    (dep,) = [d for d in deps if d.name == name]
    env = {
        **os.environ,
        "NEWSEVENTS_TASK_RUNNER": "process",
        "NEWSEVENTS_WORKERS": "3",
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
    }
    params = json.dumps({**dep.parameters, **extra})
    out = subprocess.run(
        [sys.executable, "-c", SERVED_RUN, str(dep.entrypoint), params],
        env=env,
        cwd=os.getcwd(),  # the entrypoint is relative to where the deployment was built
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split("\n").count("runner ProcessPoolTaskRunner 3") == 1, out.stdout

"""Faults: a load killed mid-transaction, a warehouse locked by another process, a full or
unwritable disk, writes through the read-only `query` command, and articles whose extraction
failed (quarantined, not loaded, retried by the next run; end to end in test_faults_e2e)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import staging, summary
from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.settings import get_settings
from schemas import Article, ExtractionFailure, ExtractionResult, QuarantinedInput

from .conftest import ROOT, SEEDS

HELPER = ROOT / "tests" / "data" / "fault_load.py"


def _helper(db: Path, cache: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), str(SEEDS), str(db), str(cache)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
    )


def _state(db: Path) -> dict[str, object]:
    """Checksums of every table; schema_version compared without its applied_at clock."""
    with wh.connect(db, read_only=True) as con:
        sums = wh.table_checksums(con)
        versions = con.execute("SELECT version, name FROM schema_version ORDER BY 1").fetchall()
    sums.pop("schema_version")
    return {"tables": sums, "schema_version": versions}


@pytest.mark.slow
def test_kill_9_mid_load_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    cache = tmp_path / "results.json"
    clean, crashed = tmp_path / "clean.duckdb", tmp_path / "crashed.duckdb"
    first = _helper(clean, cache)  # extracts once and caches the results for the other runs
    out, errs = first.communicate(timeout=300)
    assert first.returncode == 0 and "LOADED" in out, errs

    victim = _helper(crashed, cache, FAULT_SLEEP_IN_TXN="60")
    assert victim.stdout is not None
    assert victim.stdout.readline().strip() == "IN_TXN"  # one article written, not committed
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    with wh.connect(crashed, read_only=True) as con:  # the open transaction left nothing
        assert con.execute("SELECT count(*) FROM dim_article").fetchone() == (0,)

    rerun = _helper(crashed, cache)
    out, errs = rerun.communicate(timeout=120)
    assert rerun.returncode == 0 and "LOADED" in out, errs
    after = _state(crashed)
    assert after == _state(clean)
    assert after["tables"]["dim_article"][0] == 5


@pytest.fixture
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the warehouse open read-write."""
    code = (
        "import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('CREATE TABLE IF NOT EXISTS t (x INTEGER)')\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    proc.kill()
    proc.wait(timeout=30)


@pytest.mark.parametrize("read_only", [False, True])
def test_locked_warehouse_names_the_holder_pid(
    db: Path, holder: subprocess.Popen[str], read_only: bool
) -> None:
    started = time.monotonic()
    with (
        pytest.raises(wh.WarehouseError) as info,
        wh.connect(db, read_only=read_only, retries=2, wait=0.05),
    ):
        pass
    elapsed = time.monotonic() - started
    assert f"process {holder.pid}" in str(info.value)
    assert "tried 3 times" in str(info.value)
    assert elapsed < 5  # bounded: 0.05 + 0.1 s of waiting, plus three attempts


@pytest.fixture
def quick_lock_retries(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NEWSEVENTS_LOCK_RETRIES", "1")
    monkeypatch.setenv("NEWSEVENTS_LOCK_WAIT_SECONDS", "0.05")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_query_on_a_locked_warehouse(
    db: Path, holder: subprocess.Popen[str], quick_lock_retries: None
) -> None:
    got = CliRunner().invoke(app, ["query", "SELECT 1", "--warehouse", str(db)])
    assert got.exit_code == 3
    assert f"process {holder.pid}" in " ".join(got.output.split())
    assert "Traceback" not in got.output
    assert got.exception is None or isinstance(got.exception, SystemExit)


def test_cli_run_on_a_locked_warehouse_fails_before_staging(
    db: Path,
    holder: subprocess.Popen[str],
    quick_lock_retries: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise AssertionError("staging ran although the warehouse is locked")

    monkeypatch.setattr(staging.scan, "iter_stage", boom)
    got = CliRunner().invoke(app, ["run", "--input", str(SEEDS), "--warehouse", str(db)])
    assert got.exit_code == 3
    assert f"process {holder.pid}" in " ".join(got.output.split())


def test_full_disk_is_reported_before_any_work(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=4096))
    with pytest.raises(wh.WarehouseError, match="only 4 KiB free"), wh.connect(db):
        pass
    assert not db.exists()
    monkeypatch.setattr(staging.scan, "iter_stage", lambda *a, **k: pytest.fail("staged"))
    got = CliRunner().invoke(app, ["run", "--input", str(SEEDS), "--warehouse", str(db)])
    assert got.exit_code == 3 and "free" in got.output


def test_unwritable_warehouse_path(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with (
        pytest.raises(wh.WarehouseError, match="cannot write the warehouse"),
        wh.connect(blocker / "events.duckdb"),
    ):
        pass


@pytest.fixture
def built(db: Path) -> Path:
    with wh.connect(db) as con:
        wh.migrate(con)
    return db


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM dim_article",
        "CREATE TABLE evil (x INTEGER)",
        "INSERT INTO quarantine VALUES ('k', 'p', NULL, NULL, 'r', 'm', NULL, now())",
        "DROP TABLE dim_article",
    ],
)
def test_cli_query_refuses_writes(built: Path, sql: str) -> None:
    got = CliRunner().invoke(app, ["query", sql, "--warehouse", str(built)])
    assert got.exit_code == 1
    assert "read-only" in got.output
    assert "Traceback" not in got.output
    with wh.connect(built, read_only=True) as con:
        rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        tables = {r[0] for r in rows}
    assert "dim_article" in tables and "evil" not in tables


def test_cli_query_binds_parameters(built: Path) -> None:
    hostile = "x'); DROP TABLE dim_article; --"
    got = CliRunner().invoke(
        app, ["query", "SELECT $v AS v", "-p", f"v={hostile}", "--warehouse", str(built)]
    )
    assert got.exit_code == 0, got.output
    assert "DROP TABLE dim_article" in got.output  # printed back as a value, never run


# ---- an article whose extraction failed: a quarantine row, not a crash --------------------------


def _article(article_id: str, source_path: str | None = None) -> Article:
    return Article(
        article_id=article_id,
        raw_text=f"text of {article_id}",
        content_hash=article_id.ljust(16, "0"),
        source_path=source_path,
    )


def _result(article_id: str, reason: str | None = None) -> ExtractionResult:
    failure = None if reason is None else ExtractionFailure(reason=reason, message=f"{reason}!")
    return ExtractionResult(
        article_id=article_id,
        content_hash=article_id.ljust(16, "0"),
        extractor_version="t",
        sentences=0 if reason else 1,
        failure=failure,
    )


def _stat(article_id: str) -> staging.FileStat:
    return staging.FileStat(f"/in/{article_id}.txt", article_id, 10, 1, "m")


@pytest.mark.parametrize(
    ("reasons", "loaded", "quarantined", "transient"),
    [
        ({}, ["a", "b"], [], False),
        ({"b": "extraction_error"}, ["a"], [("/in/b.txt", "extraction_error")], False),
        ({"b": "too_long_to_parse"}, ["a"], [("/in/b.txt", "too_long_to_parse")], False),
        ({"a": "extraction_timeout"}, ["b"], [("a", "extraction_timeout")], True),
        (
            {"a": "extraction_crash", "b": "extraction_error"},
            [],
            [("a", "extraction_crash"), ("/in/b.txt", "extraction_error")],
            True,
        ),
    ],
)
def test_failed_articles_become_quarantine_rows_and_are_not_loaded(
    reasons: dict[str, str], loaded: list[str], quarantined: list[tuple[str, str]], transient: bool
) -> None:
    arts = [_article("a"), _article("b", "/in/b.txt")]  # "a" came from a JSONL record: no path
    results = [_result(a.article_id, reasons.get(a.article_id)) for a in arts]
    done = summary.split_failures(arts, results, [(_stat("a"), "h"), (_stat("b"), "h")])
    assert [a.article_id for a in done.articles] == loaded
    assert [r.article_id for r in done.results] == loaded
    assert [st.article_id for st, _ in done.files] == loaded  # no manifest row: retried next run
    assert [(q.source_path, q.reason) for q in done.failed] == quarantined
    for q in done.failed:
        assert q.message == f"{q.reason}!" and q.content_hash == q.article_id.ljust(16, "0")
    assert summary.has_transient_failure(results) == transient

    counts = summary.RunCounts()
    counts.add(staged=2, unchanged=0, results=results, failed=done.failed)
    out = counts.summary({}, None)
    assert (out.articles_seen, out.articles_staged) == (2, 2)  # a failed article was staged
    assert out.articles_extracted == len(loaded)
    assert [q.reason for q in out.quarantined] == [r for _, r in quarantined]


def _quarantine(db: Path) -> list[tuple[str, str, str]]:
    with wh.connect(db, read_only=True) as con:
        return con.execute(
            "SELECT article_id, reason, message FROM quarantine ORDER BY 1, 2"
        ).fetchall()


def test_a_failure_is_recorded_once_and_cleared_when_the_article_loads(db: Path) -> None:
    art, other = _article("x", "/in/x.txt"), _article("y", "/in/y.txt")
    failed = summary.split_failures([art], [_result("x", "extraction_timeout")]).failed
    empty = QuarantinedInput(source_path="/in/e.txt", reason="empty", message="e", article_id="x")
    with wh.connect(db) as con:
        wh.migrate(con)
        wh.load(con, [other], [_result("y")], [*failed, empty])
        before = wh.table_checksums(con)
        wh.load(con, [], [], failed)  # the next run fails on it again: no second row
        assert wh.table_checksums(con) == before
    assert _quarantine(db) == [
        ("x", "empty", "e"),
        ("x", "extraction_timeout", "extraction_timeout!"),
    ]
    with wh.connect(db) as con:
        wh.load(con, [art], [_result("x")])  # it loads at last: its extraction failure goes
        loaded = con.execute("SELECT article_id FROM dim_article ORDER BY 1").fetchall()
    assert loaded == [("x",), ("y",)]
    assert _quarantine(db) == [("x", "empty", "e")]  # a staging row is not the extractor's


# ---- stopping on Ctrl-C or SIGTERM (end to end in test_faults_e2e) -----------------------------


def test_stop_signals_map_to_the_shells_exit_codes_and_only_the_first_counts() -> None:
    from newsevents import stopping

    assert [stopping.exit_code(s) for s in (signal.SIGINT, signal.SIGTERM)] == [130, 143]
    stopping._received.clear()
    try:
        assert stopping.received() is None
        assert stopping.note(signal.SIGTERM) is True
        assert stopping.note(signal.SIGINT) is False  # a second signal: already stopping
        assert stopping.received() == signal.SIGTERM
    finally:
        stopping._received.clear()


def _sleeper(*marks: str, child: bool = False) -> subprocess.Popen[bytes]:
    """A process that sleeps (with a sleeping child of its own when ``child``); ``marks``
    are extra arguments, so they show in its command line."""
    code = "import subprocess, sys, time\n"
    if child:
        code += "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    code += "print('ready', flush=True)\ntime.sleep(60)\n"
    proc = subprocess.Popen([sys.executable, "-c", code, *marks], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    return proc


def test_stop_children_stops_every_descendant_but_those_that_stop_at_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psutil

    from newsevents import stopping

    worker = _sleeper(child=True)  # a task runner's worker with a child of its own
    server = _sleeper("-m", "uvicorn", "prefect.server.api.server:create_app")
    # only this test's children count among pytest's (a session may hold others)
    real, mine = stopping.descendants, {worker.pid, server.pid}
    monkeypatch.setattr(
        stopping,
        "descendants",
        lambda pid=None: real(pid) if pid else [p for p in real() if p.pid in mine],
    )
    try:
        grandchild = psutil.Process(worker.pid).children()[0]
        started = time.monotonic()
        stopped = {p.pid for p in stopping.stop_children(grace=5)}
        assert stopped == {worker.pid, grandchild.pid}
        assert time.monotonic() - started < 5  # they went on SIGTERM, no kill needed
        assert worker.poll() is not None  # ended (and reaped)
        assert not grandchild.is_running() or grandchild.status() == psutil.STATUS_ZOMBIE
        assert server.poll() is None  # Prefect stops its server at exit
    finally:
        for proc in (worker, server):
            proc.kill()
            proc.wait(timeout=10)


def test_a_stopped_command_prints_one_line_and_exits_with_the_signals_code(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents import stopping
    from newsevents.cli import runs

    def interrupted(*_: object) -> None:
        stopping.note(signal.SIGTERM)  # as the handler does, before raising
        raise KeyboardInterrupt

    swept: list[int] = []
    monkeypatch.setattr(stopping, "install", stopping._received.clear)  # pytest keeps its own
    monkeypatch.setattr(stopping, "stop_children", lambda: swept.append(1) or [])
    monkeypatch.setattr(runs, "_nothing_to_do", interrupted)
    try:
        got = CliRunner().invoke(app, ["run", "--input", str(SEEDS), "--warehouse", str(db)])
    finally:
        stopping._received.clear()
    assert got.exit_code == 143
    assert "stopped by SIGTERM" in got.output and "Traceback" not in got.output
    assert len(got.output.strip().splitlines()) == 1
    assert swept == [1]  # whatever the run started and left is stopped

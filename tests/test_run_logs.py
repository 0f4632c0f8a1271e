"""What a run tells the person watching: its INFO log lines and its artifacts, read back from
the Prefect API, and a console that shows Prefect's and Dask's INFO lines only with --verbose.

The artifacts are compared with the table of docs/orchestration.md, so doc and code cannot drift.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from newsevents import runlog
from newsevents.staging import Ingested, StagedBatch, Unread
from newsevents.warehouse.loading import RebuildStats
from schemas import (
    Article,
    CheckResult,
    Event,
    ExtractionFailure,
    ExtractionResult,
    QuarantinedInput,
    RunSummary,
)

from .conftest import ROOT, SEEDS

DOC = ROOT / "docs" / "orchestration.md"


# ---- the lines, from the stages' return values --------------------------------------------------


def _quarantined(reason: str) -> QuarantinedInput:
    return QuarantinedInput(source_path=f"{reason}.txt", reason=reason, message="m")


def _article(aid: str) -> Article:
    return Article(article_id=aid, raw_text="Troops arrived.", content_hash=aid * 16)


def _result(aid: str, kinds: list[str], failure: str | None = None) -> ExtractionResult:
    # the line reads an event's type only: events and results built unvalidated
    return ExtractionResult.model_construct(
        article_id=aid,
        content_hash=aid * 16,
        extractor_version="v",
        events=tuple(Event.model_construct(type=k) for k in kinds),
        failure=ExtractionFailure.model_validate({"reason": failure, "message": "m"})
        if failure
        else None,
    )


def test_staged_and_ingest_lines_count_each_kind_of_input() -> None:
    unread = [Unread("u1", "h", "u1.txt", None), Unread("u2", "h", "u2.txt", None)]
    part = StagedBatch(
        articles=[_article("a")],
        unread=unread,
        quarantined=[_quarantined("empty"), _quarantined("not_english"), _quarantined("empty")],
    )
    assert runlog.staged_line(3, part) == (
        "window 3: 6 inputs staged: 1 read, 2 unchanged on disk (not read), "
        "3 quarantined (empty 2, not_english 1)"
    )
    found = Ingested(todo=[_article("a")], unchanged=2, staged=3)
    assert runlog.ingest_line("3", found) == (
        "window 3: 1 of 3 articles to extract, 2 unchanged in the warehouse"
    )


@pytest.mark.parametrize(
    ("results", "line"),
    [
        ([], "batch 1.1-of-2: 0 articles extracted in 2.5 s, 0 events"),
        (
            [_result("a", ["attack", "statement", "attack"]), _result("b", [])],
            "batch 1.1-of-2: 2 articles extracted in 2.5 s, 3 events (attack 2, statement 1)",
        ),
        (
            [_result("a", ["talks"]), _result("b", [], "extraction_timeout")],
            "batch 1.1-of-2: 1 article extracted in 2.5 s, 1 event (talks 1); "
            "1 failed (extraction_timeout 1)",
        ),
    ],
)
def test_extract_line(results: list[ExtractionResult], line: str) -> None:
    assert runlog.extract_line("1.1-of-2", results, 2.49) == line


@pytest.mark.parametrize(
    ("checks", "line"),
    [
        ([], "0 data checks run: no rows flagged"),
        (
            [CheckResult(name="orphan_keys", severity="error", rows=0)],
            "1 data check run: no rows flagged",
        ),
        (
            [
                CheckResult(name="a_warning", severity="warn", rows=1),
                CheckResult(name="orphan_keys", severity="error", rows=3),
                CheckResult(name="quiet", severity="warn", rows=0),
            ],
            "3 data checks run: orphan_keys (error) 3 rows, a_warning (warn) 1 row",
        ),
    ],
)
def test_checks_line_puts_errors_first(checks: list[CheckResult], line: str) -> None:
    assert runlog.checks_line(checks) == line


def test_load_rebuild_prepare_summary_and_batch_lines() -> None:
    loaded = {"articles": 2, "mentions": 14, "quarantined": 1, "files": 2, "seconds": 0.041}
    assert runlog.load_line(**loaded, known=0) == (
        "loaded in 0.04 s: dim_article 2, fct_event_mention 14, quarantine 1, "
        "stg_file_manifest 2 rows"
    )
    assert runlog.load_line(**loaded, known=1).endswith(
        "rows (1 quarantined input already recorded)"
    )
    stats = RebuildStats(False, 14, 20, 3, 12, 2, 0.123)
    assert runlog.rebuild_line(stats) == stats.describe()
    assert "20 clustered into 12 events" in stats.describe()
    assert runlog.rebuild_line(None) == "deduplicated events up to date: no rebuild"
    assert runlog.report_line(1, 2) == (
        "events-report: the warehouse holds 1 event (deduplicated) from 2 mentions"
    )
    assert runlog.prepare_line("w.duckdb", []) == "warehouse w.duckdb: schema up to date"
    assert runlog.prepare_line("w.duckdb", [1, 12]) == (
        "warehouse w.duckdb: schema migrated (001, 012 applied)"
    )
    summary = RunSummary(
        articles_seen=12,
        articles_extracted=2,
        articles_unchanged=9,
        events_by_type={"attack": 5, "talks": 9},
        quarantined_by_reason={"empty": 1, "too_large": 0},
    )
    said = "2 of 12 inputs extracted, 9 unchanged, 14 events, 1 quarantined (empty 1)"
    assert runlog.summary_line(summary) == said
    assert runlog.batch_line("2020-02-01..2020-02-07", "Completed", summary) == (
        f"batch 2020-02-01..2020-02-07: Completed: {said}"
    )
    assert runlog.batch_line("undated", "Failed", None) == "batch undated: Failed"
    assert runlog.plan_line(0, [], {}) == "0 articles in 0 batches; 0 quarantined"
    assert runlog.plan_line(9, ["2020-02-01..2020-02-07", "undated"], {"empty": 2}) == (
        "9 articles in 2 batches: 2020-02-01..2020-02-07, undated; 2 quarantined (empty 2)"
    )


# ---- read back from the Prefect API -----------------------------------------------------------


def documented_artifacts() -> dict[str, tuple[set[str], str]]:
    """docs/orchestration.md's artifact table: key -> (who publishes it, its description)."""
    rows = re.findall(r"^\| `([a-z-]+)` \| ([a-z ,]+) \| (.+?) \|$", DOC.read_text(), re.M)
    return {key: ({w.strip() for w in by.split(",")}, what) for key, by, what in rows}


def published_by(who: str) -> dict[str, str]:
    return {k: what for k, (by, what) in documented_artifacts().items() if who in by}


def test_the_doc_lists_every_artifact_the_flows_describe() -> None:
    from flows.pipeline import ARTIFACTS

    assert {k: what for k, (_, what) in documented_artifacts().items()} == ARTIFACTS


def _flushed_logs(flow_run_id: str) -> list[tuple[int, str]]:
    """The flow run's log lines (its tasks' too), once the handler has sent what it holds."""
    from prefect import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.sorting import LogSort
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)
    with get_client(sync_client=True) as client:
        logs = client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[uuid.UUID(flow_run_id)])),
            sort=LogSort.TIMESTAMP_ASC,
            limit=200,
        )
    return [(log.level, log.message) for log in logs]


def _artifacts(flow_run_id: str) -> dict[str, str | None]:
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[uuid.UUID(flow_run_id)])
            )
        )
    return {a.key: a.description for a in found if a.key}


def _two_articles_and_an_empty_file(folder: Path) -> Path:
    folder.mkdir()
    for name in ("002_90f67be5c111099e.txt", "003_b1aaa4893cb01347.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "empty.txt").write_text("\n")
    return folder


@pytest.mark.slow
def test_a_run_logs_each_stage_at_info_and_publishes_the_documented_artifacts(
    prefect_harness: None, tmp_path: Path
) -> None:
    from flows.pipeline import pipeline

    folder = _two_articles_and_an_empty_file(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    summary = pipeline(input_dir=folder, warehouse_path=db)
    assert summary.articles_extracted == 2 and summary.flow_run_id
    logs = _flushed_logs(summary.flow_run_id)
    info = [m for level, m in logs if level == logging.INFO]
    said = "\n".join(info)
    events = summary.events_total
    expected = [
        f"warehouse {db}: schema migrated (",
        "window 1: 3 inputs staged: 2 read, 0 unchanged on disk (not read), 1 quarantined "
        "(empty 1)",
        "window 1: 2 of 2 articles to extract, 0 unchanged in the warehouse",
        "batch 1.1-of-1: 2 articles extracted in ",
        "loaded in ",
        f"dim_article 2, fct_event_mention {events}, quarantine 1, stg_file_manifest 2 rows",
        "deduplicated events rebuilt in ",  # the rebuild's time, kind and size
        ", incrementally (",
        f"{events} mentions changed; {events} clustered into ",
        f"{len(summary.checks)} data checks run: ",
        f"(deduplicated) from {events} mentions",  # the events-report task's line
        f"2 of 3 inputs extracted, 0 unchanged, {events} events, 1 quarantined (empty 1)",
    ]
    for part in expected:
        assert part in said, (part, said)
    (extracted,) = [m for m in info if m.startswith("batch 1.1-of-1")]
    kinds = ", ".join(f"{t} {n}" for t, n in sorted(summary.events_by_type.items()))
    assert extracted.endswith(f", {events} events ({kinds})"), extracted
    # in the order of the stages: load, rebuild, checks, then the run's own line
    order = ["loaded in", "deduplicated events", "data checks run", "2 of 3 inputs extracted"]
    assert sorted(order, key=said.index) == order, said

    assert _artifacts(summary.flow_run_id) == published_by("pipeline")

    # nothing new: the window's files are skipped unread, and finish has no rebuild to do
    again = pipeline(input_dir=folder, warehouse_path=db)
    said = "\n".join(m for _, m in _flushed_logs(again.flow_run_id or ""))
    assert "window 1: 3 inputs staged: 0 read, 2 unchanged on disk (not read)" in said
    assert "deduplicated events up to date: no rebuild" in said
    assert "articles extracted in" not in said
    assert "quarantine 0, stg_file_manifest 0 rows (1 quarantined input already recorded)" in said


@pytest.mark.slow
def test_a_backfill_logs_each_batch_and_publishes_the_documented_artifacts(
    prefect_harness: None, tmp_path: Path
) -> None:
    from flows.backfill import backfill

    folder = _two_articles_and_an_empty_file(tmp_path / "in")
    state = backfill(input=str(folder), warehouse_path=tmp_path / "w.duckdb", return_state=True)
    batches = state.result()
    assert batches and sum(s.articles_extracted for s in batches.values()) == 2
    parent = str(state.state_details.flow_run_id)
    said = "\n".join(m for _, m in _flushed_logs(parent))
    plan = runlog.plan_line(2, list(batches), {"empty": 1})
    assert plan.endswith("; 1 quarantined (empty 1)") and plan in said
    for label, s in batches.items():
        assert runlog.batch_line(label, "Completed", s) in said
        assert _artifacts(s.flow_run_id or "") == published_by("backfill batch")
    assert _artifacts(parent) == published_by("backfill")


# ---- the console: quiet by default, INFO lines with --verbose ---------------------------------

# What `run --runner dask` does before its flow runs: the Prefect environment, then Prefect's
# SDK (which sets up logging) and Dask's distributed (which sets its own loggers' levels)
# imported; then a run's line, and Dask's start-up line, as they log them.
CONSOLE = textwrap.dedent(
    """
    import logging, sys
    from newsevents.settings import configure_prefect_env
    configure_prefect_env(verbose=sys.argv[1] == "verbose")
    from prefect import flow
    import distributed
    run = {"flow_run_name": "probe"}  # what a run's logger adds to its records
    logging.getLogger("prefect.flow_runs").info("window 1: 3 inputs staged", extra=run)
    logging.getLogger("distributed.scheduler").info("  Scheduler at:     tcp://127.0.0.1:1")
    logging.getLogger("distributed.scheduler").warning("a worker died")
    """
)


@pytest.mark.parametrize(
    ("mode", "shown"),
    [
        ("quiet", ["a worker died"]),
        ("verbose", ["window 1: 3 inputs staged", "Scheduler at:", "a worker died"]),
    ],
)
def test_the_console_shows_info_lines_only_when_verbose(
    tmp_path: Path, mode: str, shown: list[str]
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_LOGGING_TO_API_ENABLED"] = "false"  # the line is logged outside a flow run
    got = subprocess.run(
        [sys.executable, "-c", CONSOLE, mode],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert got.returncode == 0, got.stderr
    lines = got.stderr.strip().splitlines()
    assert len(lines) == len(shown), got.stderr
    for line, text in zip(lines, shown, strict=True):
        assert text in line


class _Configured(Exception):
    """Raised by a stand-in for configure_prefect_env: the command got that far."""


@pytest.mark.parametrize("command", ["run", "backfill"])
@pytest.mark.parametrize("verbose", [False, True])
def test_run_and_backfill_hand_verbose_to_the_prefect_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, verbose: bool
) -> None:
    from typer.testing import CliRunner

    from newsevents.cli import app, runs

    seen: list[bool] = []

    def configured(settings: object = None, *, verbose: bool = False) -> None:
        seen.append(verbose)
        raise _Configured

    monkeypatch.setattr(runs, "configure_prefect_env", configured)
    (tmp_path / "in").mkdir()
    args = [command, "--input", str(tmp_path / "in"), "--warehouse", str(tmp_path / "w.duckdb")]
    args += ["--no-preflight"] if command == "run" else []
    res = CliRunner().invoke(app, args + (["--verbose"] if verbose else []))
    assert isinstance(res.exception, _Configured), res.output
    assert seen == [verbose]

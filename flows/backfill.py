"""The ``backfill`` flow: load an archive in publication-date batches, one subflow per batch.

Each batch is its own flow run (``backfill-2020-02-01..2020-02-07``), so a
failed batch shows up alone in the UI, is retried alone, and can be rerun
alone with the same ``start``/``end``. Batches run one after another: within
a batch, extraction runs on the task runner the settings name (:mod:`flows.runners`),
and the load stays a single DuckDB writer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.pipeline import ARTIFACTS, finish, load, prepare, publish, run_stages, stream
from flows.runners import task_runner
from newsevents import runlog, staging
from newsevents.backfill import Window, plan_windows
from newsevents.report import batch_rows
from newsevents.settings import get_settings
from newsevents.summary import RunCounts
from schemas import RunSummary


@flow(
    name="backfill-batch",
    flow_run_name="backfill-{label}",
    task_runner=task_runner(),
    retries=1,
    retry_delay_seconds=5,
)
def backfill_batch(
    source: str,
    warehouse_path: Path,
    label: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    reprocess: bool = False,
) -> RunSummary:
    """One batch: the articles of ``source`` published ``start..end`` (undated when no dates)."""
    window = Window(start, end)
    summary = run_stages(source, Path(warehouse_path), reprocess=reprocess, window=window)
    get_run_logger().info(runlog.summary_line(summary))
    publish(summary)
    return summary


@flow(name="backfill", log_prints=True)
def backfill(
    input: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    reprocess: bool = False,
    batch_days: int = 7,
    warehouse_path: Path | None = None,
    full_rebuild: bool = False,
) -> dict[str, RunSummary]:
    """Load ``input`` (a folder, or a glob of article files) in batches of ``batch_days`` days.

    Only articles published ``start..end`` (inclusive; either side may be
    open) are processed. Articles without a publication date form an
    ``undated`` batch only when no range is given. Unchanged articles are
    skipped, so rerunning a backfill changes nothing. Each batch rebuilds the
    deduplicated events its articles reach; ``full_rebuild`` first rebuilds them over
    every mention, once, before the first batch.
    """
    settings = get_settings()
    source = str(Path(input).resolve()) if input and not staging.is_glob(input) else input
    source = source or str(settings.input_dir.resolve())
    db = Path(warehouse_path or settings.warehouse).resolve()
    logger = get_run_logger()

    # Quarantined inputs have no date to batch them by: record them once, here. Only the
    # articles' dates are kept to plan the batches, never their text.
    run_id = str(flow_run.id) if flow_run.id else None
    prepare(db)
    every: list[staging.Unread] = []
    total = RunCounts()
    for part in stream(source, db, reprocess=reprocess):
        every += part.unread
        every += [
            staging.Unread(a.article_id, a.content_hash, a.source_path or "", a.published)
            for a in part.articles
        ]
        if part.quarantined:
            load(db, [], [], quote(part.quarantined), run_id)
        total.add(staged=len(part), unchanged=0, quarantined=part.quarantined)
    finish(db, full_rebuild)
    windows = plan_windows(every, start=start, end=end, batch_days=batch_days)
    logger.info(
        runlog.plan_line(len(every), [w.label for w in windows], total.quarantined_by_reason)
    )

    done: list[tuple[str, str, RunSummary | None]] = []
    summaries: dict[str, RunSummary] = {}
    # the settings now, not at import: `newsevents backfill --runner` overrides them
    batch = backfill_batch.with_options(task_runner=task_runner())
    for win in windows:
        state = batch(
            source=source,
            warehouse_path=db,
            label=win.label,
            start=win.start,
            end=win.end,
            reprocess=reprocess,
            return_state=True,
        )
        summary = state.result(raise_on_failure=False) if state.is_completed() else None
        if isinstance(summary, RunSummary):
            summaries[win.label] = summary
        done.append((win.label, state.name or state.type.value, summary))
        logger.info(runlog.batch_line(*done[-1]))

    create_table_artifact(
        key="backfill-batches", table=batch_rows(done), description=ARTIFACTS["backfill-batches"]
    )
    failed = [label for label, state, s in done if s is None]
    # inputs that could not be staged, and articles whose extraction failed in a batch
    quarantined = sum(total.quarantined_by_reason.values()) + sum(
        s.quarantined_total for s in summaries.values()
    )
    lines = [
        f"# backfill {start or 'start'}..{end or 'end'}",
        "",
        f"{len(windows)} batches of {batch_days} days, {len(every)} articles found, "
        f"{sum(s.articles_extracted for s in summaries.values())} extracted, "
        f"{sum(s.events_total for s in summaries.values())} events, "
        f"{quarantined} inputs quarantined.",
    ]
    if failed:
        lines += ["", "Failed batches (rerun one with its start and end): " + ", ".join(failed)]
    create_markdown_artifact(
        key="backfill-summary",
        markdown="\n".join(lines) + "\n",
        description=ARTIFACTS["backfill-summary"],
    )
    if failed:
        raise RuntimeError(f"backfill batches failed: {', '.join(failed)}")
    return summaries

"""The ``pipeline`` flow: stage, extract in parallel batches, load with one writer."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from newsevents import staging, warehouse
from newsevents.extract import EXTRACTOR_VERSION, extract_articles
from newsevents.settings import get_settings
from newsevents.summary import batches, needs_extraction, summarise, summary_markdown
from schemas import Article, ExtractionResult, QuarantinedInput, RunSummary


@task(retries=2, retry_delay_seconds=[1, 5])
def stage_inputs(input_dir: Path, max_bytes: int) -> staging.StagingResult:
    """Read the input folder into staged articles and quarantined inputs."""
    return staging.stage_directory(input_dir, max_bytes=max_bytes)


@task(retries=2, retry_delay_seconds=[1, 5])
def read_loaded(db: Path) -> dict[str, warehouse.LoadedArticle]:
    """What the warehouse already holds, creating the schema on first use."""
    settings = get_settings()
    with warehouse.connect(
        db, retries=settings.lock_retries, wait=settings.lock_wait_seconds
    ) as con:
        warehouse.migrate(con)
        return warehouse.loaded_articles(con)


@task
def extract_batch(articles: list[Article]) -> list[ExtractionResult]:
    """Extract events from one batch of articles (pure, safe to run in parallel)."""
    return extract_articles(articles)


@task(retries=2, retry_delay_seconds=[2, 10])
def load_batch(
    db: Path,
    articles: list[Article],
    results: list[ExtractionResult],
    quarantined: list[QuarantinedInput],
    run_id: str | None,
) -> dict[str, int]:
    """The single writer: load everything in one transaction, then run the data checks."""
    settings = get_settings()
    with warehouse.connect(
        db, retries=settings.lock_retries, wait=settings.lock_wait_seconds
    ) as con:
        warehouse.load(con, articles, results, quarantined, flow_run_id=run_id)
        return warehouse.run_checks(con)


def publish(summary: RunSummary) -> None:
    """Publish the run summary as Markdown and table artifacts for the Prefect UI."""
    create_markdown_artifact(
        key="run-summary", markdown=summary_markdown(summary), description="newsevents run"
    )
    rows = [{"measure": "events", "type": t, "count": n} for t, n in summary.events_by_type.items()]
    rows += [{"measure": "quarantined", "type": q.reason, "count": 1} for q in summary.quarantined]
    if rows:
        create_table_artifact(key="run-counts", table=rows, description="events and quarantine")


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def pipeline(
    input_dir: Path | None = None,
    warehouse_path: Path | None = None,
    reprocess: bool = False,
) -> RunSummary:
    """Stage ``input_dir``, extract new or changed articles, and load them into the warehouse."""
    settings = get_settings()
    input_dir = Path(input_dir or settings.input_dir)
    db = Path(warehouse_path or settings.warehouse)
    logger = get_run_logger()
    staged = stage_inputs(input_dir, settings.max_file_bytes)
    loaded = read_loaded(db)
    todo, unchanged = needs_extraction(
        staged.articles, loaded, EXTRACTOR_VERSION, reprocess=reprocess
    )
    futures = [extract_batch.submit(b) for b in batches(todo, settings.batch_size)]
    results = [r for fut in futures for r in fut.result()]
    run_id = str(flow_run.id) if flow_run.id else None
    checks = load_batch(db, todo, results, staged.quarantined, run_id)
    summary = summarise(
        seen=len(staged.articles) + len(staged.quarantined),
        staged=staged.articles,
        unchanged=unchanged,
        results=results,
        quarantined=staged.quarantined,
        checks=checks,
        flow_run_id=run_id,
    )
    logger.info(
        "%d articles extracted, %d unchanged, %d events, %d quarantined",
        summary.articles_extracted,
        summary.articles_unchanged,
        summary.events_total,
        len(summary.quarantined),
    )
    publish(summary)
    return summary

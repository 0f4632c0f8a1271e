"""The ``pipeline`` flow: ``ingest`` new files, ``extract`` them in parallel batches, ``load``.

The three stages are named tasks so the Prefect UI shows them. Only ``extract``
is submitted to the task runner (threads, processes or Dask workers); ``ingest``
and ``load`` run in the flow process, which keeps DuckDB to a single writer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
from prefect import Task, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.client.schemas.objects import TaskRun
from prefect.context import TaskRunContext
from prefect.runtime import flow_run
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner

import newsevents
from newsevents import backfill as plan
from newsevents import report, warehouse
from newsevents.extract import EXTRACTOR_VERSION, extract_articles
from newsevents.report import summary_rows
from newsevents.settings import get_settings
from newsevents.summary import batches, needs_extraction, summarise, summary_markdown
from schemas import Article, ExtractionResult, QuarantinedInput, RunSummary


def transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry only I/O failures (a busy disk, a locked file); a bug fails at once."""
    return isinstance(state.data, OSError | duckdb.IOException)


@dataclass
class Ingested:
    """What ``ingest`` found: articles to extract, those unchanged, and quarantined inputs."""

    todo: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    seen: int = 0


@task(name="ingest", retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=transient_io)
def ingest(
    source: str, db: Path, reprocess: bool = False, window: plan.Window | None = None
) -> Ingested:
    """Stage the input and keep only what the warehouse does not already hold.

    With a backfill ``window``, only that batch's articles are kept and
    quarantined inputs are left to the parent flow, which records them once.
    """
    settings = get_settings()
    staged = plan.stage_input(source, max_bytes=settings.max_file_bytes)
    articles, quarantined = staged.articles, staged.quarantined
    if window is not None:
        articles, quarantined = plan.select(articles, window), []
    with warehouse.connect(
        db, retries=settings.lock_retries, wait=settings.lock_wait_seconds
    ) as con:
        warehouse.migrate(con)
        loaded = warehouse.loaded_articles(con)
    todo, unchanged = needs_extraction(articles, loaded, EXTRACTOR_VERSION, reprocess=reprocess)
    return Ingested(todo, unchanged, quarantined, seen=len(articles) + len(quarantined))


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A digest of the code and data extraction depends on, read once per process.

    ``EXTRACTOR_VERSION`` is bumped by hand; this catches an edit made without
    a bump, so a cached batch is never older than the code that would redo it.
    """
    root = Path(newsevents.__file__).resolve().parent
    digest = hashlib.sha256()
    files = [root / "staging.py"]
    for sub in ("extract", "temporal", "lexicon", "data"):
        files += [p for p in (root / sub).rglob("*") if "__pycache__" not in p.parts]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extraction_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of one extraction batch: its content hashes and the extractor version.

    The article id and publication date are in the key too, because results
    carry the id and dates are resolved against the publication date; so are
    the spaCy model and the extractor's code fingerprint.
    """
    head = f"{EXTRACTOR_VERSION}\x1f{extractor_fingerprint()}\x1f{get_settings().spacy_model}"
    digest = hashlib.sha256(head.encode())
    for art in parameters["articles"]:
        digest.update(f"\x1e{art.article_id}\x1f{art.content_hash}\x1f{art.published}".encode())
    return f"extract-{EXTRACTOR_VERSION}-{digest.hexdigest()}"


@task(
    name="extract",
    task_run_name="extract-{label}",
    cache_key_fn=extraction_cache_key,
    persist_result=True,
    retries=1,
    retry_delay_seconds=2,
    retry_condition_fn=transient_io,
)
def extract(articles: list[Article], label: str = "batch") -> list[ExtractionResult]:
    """Extract events from one batch of articles (pure: safe in threads, processes, workers)."""
    return extract_articles(articles)


@task(name="load", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=transient_io)
def load(
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


@task
def warehouse_report(db: Path) -> str:
    """The analyst summary of the whole warehouse (events by type, top dyads, daily counts)."""
    with warehouse.connect(db, read_only=True) as con:
        return report.warehouse_markdown(con)


def publish(
    summary: RunSummary, *, title: str = "newsevents run", events_report: str | None = None
) -> None:
    """Publish the run summary as Markdown and table artifacts for the Prefect UI."""
    create_markdown_artifact(
        key="run-summary", markdown=summary_markdown(summary), description=title
    )
    if events_report:
        create_markdown_artifact(
            key="events-report", markdown=events_report, description=f"{title}: the warehouse"
        )
    create_table_artifact(
        key="run-counts",
        table=summary_rows(summary),
        description=f"{title}: articles, events by type, dates, quarantine, data checks",
    )


def run_stages(
    source: str, db: Path, *, reprocess: bool, window: plan.Window | None = None
) -> RunSummary:
    """ingest, extract (parallel batches on the flow's task runner), load, and summarise."""
    settings = get_settings()
    found = ingest(source, db, reprocess, window)
    parts = batches(found.todo, settings.batch_size)
    futures = [
        extract.submit(part, label=f"{i + 1}-of-{len(parts)}") for i, part in enumerate(parts)
    ]
    results = [r for fut in futures for r in fut.result()]
    run_id = str(flow_run.id) if flow_run.id else None
    checks = load(db, found.todo, results, found.quarantined, run_id)
    return summarise(
        seen=found.seen,
        staged=found.todo + found.unchanged,
        unchanged=found.unchanged,
        results=results,
        quarantined=found.quarantined,
        checks=checks,
        flow_run_id=run_id,
    )


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def pipeline(
    input_dir: Path | None = None,
    warehouse_path: Path | None = None,
    reprocess: bool = False,
) -> RunSummary:
    """Stage ``input_dir``, extract new or changed articles, and load them into the warehouse."""
    settings = get_settings()
    source = str(input_dir or settings.input_dir)
    db = Path(warehouse_path or settings.warehouse)
    summary = run_stages(source, db, reprocess=reprocess)
    get_run_logger().info(
        "%d articles extracted, %d unchanged, %d events, %d quarantined",
        summary.articles_extracted,
        summary.articles_unchanged,
        summary.events_total,
        len(summary.quarantined),
    )
    publish(summary, events_report=warehouse_report(db))
    return summary

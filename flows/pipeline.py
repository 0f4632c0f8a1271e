"""The ``pipeline`` flow: stream the input in windows; ``ingest``, ``extract`` and ``load`` each.

Staging streams in the flow process: a window of ``window_size`` articles is
staged (files the file manifest knows are not read), ``ingest`` decides which
need extraction, ``extract`` runs them in parallel batches, and ``load`` writes
the window in one transaction without the cross-article rebuild. ``finish``
rebuilds the derived tables once and runs the data checks. Only ``extract`` is
submitted to the task runner (threads, processes or Dask workers); the others
run in the flow process, which keeps DuckDB to a single writer.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
from prefect import Task, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.context import FlowRunContext, TaskRunContext
from prefect.runtime import flow_run
from prefect.states import State
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect.transactions import get_transaction
from prefect.utilities.annotations import quote

import newsevents
from flows.runners import task_runner
from newsevents import report, runlog, staging, stopping, warehouse
from newsevents.backfill import Window, select
from newsevents.report import summary_rows
from newsevents.settings import get_settings
from newsevents.staging import Ingested, batches, window_changes
from newsevents.summary import (
    RunCounts,
    has_transient_failure,
    split_failures,
    summary_markdown,
)
from schemas import Article, CheckResult, ExtractionResult, QuarantinedInput, RunSummary


def extractor_version() -> str:
    """The extractor's version; imported when needed, because ``newsevents.extract`` loads spaCy."""
    from newsevents.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry only I/O failures (a busy disk, a locked file); a bug fails at once."""
    return isinstance(state.data, OSError | duckdb.IOException)


# The tasks that touch the warehouse in the flow process: never cached (they write or
# read the current state), retried only on I/O errors.
WAREHOUSE_TASK: dict[str, Any] = {
    "cache_policy": NO_CACHE,
    "retries": 2,
    "retry_condition_fn": transient_io,
}


@task(name="prepare", retry_delay_seconds=[1, 5], **WAREHOUSE_TASK)
def prepare(db: Path) -> None:
    """Create or migrate the warehouse before anything is staged against its file manifest."""
    with warehouse.connect(db) as con:
        applied = warehouse.migrate(con)
    get_run_logger().info(runlog.prepare_line(db, applied))


@task(
    name="ingest",
    task_run_name="ingest-{label}",
    retry_delay_seconds=[1, 5],
    **WAREHOUSE_TASK,
)
def ingest(
    part: staging.StagedBatch, db: Path, reprocess: bool = False, label: str = "window"
) -> Ingested:
    """Decide which staged articles of one window need extraction.

    The warehouse is asked about this window's article ids only, so the cost
    per window does not grow with what the warehouse holds.
    """

    def loaded(ids: list[str]) -> dict[str, warehouse.LoadedArticle]:
        with warehouse.connect(db) as con:
            return warehouse.loaded_articles(con, ids)

    found = window_changes(part, loaded, extractor_version() if reprocess else None)
    get_run_logger().info(runlog.ingest_line(label, found))
    return found


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A digest of the code and data extraction depends on, read once per process.

    ``EXTRACTOR_VERSION`` is bumped by hand; this catches an edit made without
    a bump, so a cached batch is never older than the code that would redo it.
    """
    root = Path(newsevents.__file__).resolve().parent
    digest = hashlib.sha256()
    files: list[Path] = []
    for sub in ("staging", "extract", "temporal", "lexicon", "data"):
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
    version = extractor_version()
    head = f"{version}\x1f{extractor_fingerprint()}\x1f{get_settings().spacy_model}"
    digest = hashlib.sha256(head.encode())
    for art in parameters["articles"]:
        digest.update(f"\x1e{art.article_id}\x1f{art.content_hash}\x1f{art.published}".encode())
    return f"extract-{version}-{digest.hexdigest()}"


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
    """Extract events from one batch of articles (safe in threads, processes, Dask workers).

    The batch runs in this process's supervised extraction workers, so an article that
    fails comes back with ``failure`` set instead of failing the task. A batch in which
    an article timed out or took its worker down is returned but not cached, so the next
    run extracts it again instead of replaying the failure.
    """
    # spaCy loads with the first batch, not at import
    from newsevents.extract import extract_articles

    started = time.monotonic()
    results = extract_articles(articles)
    get_run_logger().info(runlog.extract_line(label, results, time.monotonic() - started))
    if has_transient_failure(results):
        uncached()
    return results


def uncached() -> None:
    """Keep the running task's result out of its cache key's record (it is still returned).

    The cache is a transaction the task engine commits after the task returns; a
    transaction that does not write on commit leaves the key free for the next run.
    """
    txn = get_transaction()
    if txn is not None:
        txn.write_on_commit = False


@task(name="load", retry_delay_seconds=[2, 10], **WAREHOUSE_TASK)
def load(
    db: Path,
    articles: list[Article],
    results: list[ExtractionResult],
    quarantined: list[QuarantinedInput],
    run_id: str | None,
    files: list[tuple[staging.FileStat, str]] | None = None,
) -> int:
    """The single writer: one window's articles, mentions, quarantine and file manifest rows.

    One transaction; the derived tables are left to ``finish`` (marked stale meanwhile).
    """
    started = time.monotonic()
    with warehouse.connect(db) as con:
        new = warehouse.new_quarantine(con, quarantined)
        mentions = warehouse.load(
            con,
            articles,
            results,
            quarantined,
            flow_run_id=run_id,
            files=files or (),
            rebuild=False,
        )
    line = runlog.load_line(
        articles=len({a.article_id for a in articles}),
        mentions=mentions,
        quarantined=new,
        known=len(quarantined) - new,
        files=len(files or ()),
        seconds=time.monotonic() - started,
    )
    get_run_logger().info(line)
    return mentions


@task(name="finish", retry_delay_seconds=[2, 10], **WAREHOUSE_TASK)
def finish(db: Path, full_rebuild: bool = False) -> list[CheckResult]:
    """Rebuild the derived tables once if any window (or a killed run) left them stale
    (incrementally; with ``full_rebuild``, over every mention, stale or not); run the data
    checks (a ``warn`` one finding rows is reported, not raised: the run passes)."""
    logger = get_run_logger()
    with warehouse.connect(db) as con:
        rebuilt = warehouse.finish(con, full=full_rebuild)
        # the rebuild's time, kind and size (mentions clustered, events replaced)
        logger.info(runlog.rebuild_line(rebuilt))
        checks = warehouse.run_checks(con)
    logger.info(runlog.checks_line(checks))
    return checks


@task(cache_policy=NO_CACHE)
def warehouse_report(db: Path) -> str:
    """The analyst summary of the whole warehouse (events by type, top dyads, daily counts)."""
    with warehouse.connect(db, read_only=True) as con:
        data = report.collect(con)
    get_run_logger().info(runlog.report_line(data.deduplicated_events, len(data.events)))
    return report.report_markdown(data)


# Every artifact a run publishes, by key: its description, which the Prefect UI shows under
# the key. docs/orchestration.md lists the same, and a test reads both back from the API.
ARTIFACTS = {
    "run-summary": "This run in Markdown: articles seen, staged, unchanged and extracted, "
    "events by type, how their dates were found, quarantined inputs by reason, data checks",
    "run-counts": "This run's counts as a table (section, item, count, detail): the figures "
    "of run-summary, with the first quarantined inputs of each reason",
    "events-report": "The whole warehouse after this run, in Markdown: events per type, "
    "the top actor-target dyads, events per day",
    "backfill-batches": "One row per batch of the backfill: its dates, final state, articles "
    "staged, extracted and unchanged, events, data checks failing and warning",
    "backfill-summary": "The backfill in Markdown: batches, articles found and extracted, "
    "events, quarantined inputs, and the failed batches to rerun",
}


def publish(summary: RunSummary, *, events_report: str | None = None) -> None:
    """Publish the run summary as Markdown and table artifacts for the Prefect UI."""
    create_markdown_artifact(
        key="run-summary",
        markdown=summary_markdown(summary),
        description=ARTIFACTS["run-summary"],
    )
    if events_report:
        create_markdown_artifact(
            key="events-report", markdown=events_report, description=ARTIFACTS["events-report"]
        )
    create_table_artifact(
        key="run-counts", table=summary_rows(summary), description=ARTIFACTS["run-counts"]
    )


def known_files(db: Path, reprocess: bool) -> staging.Known:
    """The file manifest lookup staging calls (one connection per chunk of files).

    With ``reprocess``, only articles extracted by the current version are skipped,
    as :func:`newsevents.staging.needs_extraction` would keep them.
    """
    version = extractor_version() if reprocess else None

    def known(stats: list[staging.FileStat]) -> dict[str, staging.Unread]:
        with warehouse.connect(db) as con:
            return warehouse.known_files(con, stats, version)

    return known


def stream(
    source: str, db: Path, *, reprocess: bool, rehash: bool = False
) -> Iterator[staging.StagedBatch]:
    """Stage ``source`` in windows of ``window_size`` articles, reading only what changed."""
    settings = get_settings()
    known = None if rehash or settings.rehash else known_files(db, reprocess)
    items = staging.iter_input(source, max_bytes=settings.max_file_bytes, known=known)
    return staging.batched(items, settings.window_size)


def in_window(part: staging.StagedBatch, window: Window) -> staging.StagedBatch:
    """The part of a staged window inside a backfill batch (quarantine is left to the parent)."""
    articles = select(part.articles, window)
    ids = {a.article_id for a in articles}
    return staging.StagedBatch(
        articles=articles,
        unread=select(part.unread, window),
        files=[(st, h) for st, h in part.files if st.article_id in ids],
    )


def local_runner() -> bool:
    """Whether this flow run's tasks run on this machine, under Prefect's own thread or
    process runner (not Dask, whose workers may be elsewhere)."""
    ctx = FlowRunContext.get()
    return ctx is not None and isinstance(
        ctx.task_runner, ThreadPoolTaskRunner | ProcessPoolTaskRunner
    )


def unwalked(articles: list[Article]) -> Any:
    """``articles`` as an ``extract`` argument Prefect does not walk field by field.

    Prefect's own runners unwrap ``quote``; Dask packs a tuple subclass into its task
    spec and would not, so it gets the list as it is (the walk costs ~0.5 ms an article).
    """
    return quote(articles) if local_runner() else articles


def extract_task() -> Task[..., list[ExtractionResult]]:
    """``extract`` as this run submits it.

    On this machine the results are read back from the result storage they are
    persisted to anyway, instead of the store's in-memory cache, which would hold up
    to 1,000 batches (~30 MB per 1,000 articles) after they are loaded. A Dask
    worker's storage may be on another machine, so there they stay in memory.
    """
    return extract.with_options(cache_result_in_memory=False) if local_runner() else extract


def run_stages(
    source: str,
    db: Path,
    *,
    reprocess: bool,
    rehash: bool = False,
    window: Window | None = None,
    keep_workers: bool = True,
    full_rebuild: bool = False,
) -> RunSummary:
    """Stream the input: per window ingest, extract (parallel batches), load; then finish.

    A window whose articles were all skipped unread has nothing to ingest or load,
    so it costs no task run. The summary is built from counts, window by window.
    Without ``keep_workers`` the extraction workers stop before ``finish``; on Ctrl-C or
    SIGTERM they stop at once, whatever ``keep_workers`` says.
    """
    run_id = str(flow_run.id) if flow_run.id else None
    prepare(db)
    counts = RunCounts()
    submit = extract_task().submit  # the task's options copied once per run, not per window
    try:
        for n, part in enumerate(stream(source, db, reprocess=reprocess, rehash=rehash), 1):
            run_window(n, part, db, run_id, counts, submit, reprocess=reprocess, window=window)
    except BaseException as exc:
        if not isinstance(exc, Exception):
            stop_on_interrupt()
        raise
    if not keep_workers:
        stop_extraction()  # their models (~600 MB each) would idle through the rebuild
    return counts.summary(finish(db, full_rebuild), run_id)


def stop_on_interrupt() -> None:
    """On Ctrl-C or SIGTERM, stop now what the task runner would wait for on its way out.

    The extraction workers are killed, so a task waiting on one fails at once. A process
    runner's workers are stopped, each with its own extraction workers. The workers of a
    Dask cluster this run started stop their extraction workers (killed, the nannies
    would restart them), and the task runner then closes the cluster; a shared cluster
    (``--dask-address``) is left alone.
    """
    from prefect_dask import DaskTaskRunner

    runner = getattr(FlowRunContext.get(), "task_runner", None)
    if isinstance(runner, ProcessPoolTaskRunner):
        stopping.stop_children()
        return
    stop_extraction()
    if isinstance(runner, DaskTaskRunner) and runner.address is None:
        runner.client.run(stopping.stop_extraction_workers)


def stop_extraction() -> None:
    """Stop the extraction worker processes this process started (none: nothing to do)."""
    from newsevents.extract import pool

    pool.shutdown()


def run_window(
    n: int,
    part: staging.StagedBatch,
    db: Path,
    run_id: str | None,
    counts: RunCounts,
    submit: Any,
    *,
    reprocess: bool,
    window: Window | None,
) -> None:
    """One window: ingest, extract in parallel batches, load what succeeded, count it all.

    An article whose extraction failed is quarantined and not loaded (nor its file's
    manifest row written), so the next run tries it again.
    """
    settings = get_settings()
    if window is not None:
        part = in_window(part, window)
    if len(part) or part.quarantined:
        get_run_logger().info(runlog.staged_line(n, part))
    if not part.articles and not part.quarantined:
        counts.add(staged=len(part.unread), unchanged=len(part.unread))
        return
    # quote(): Prefect would otherwise walk every field of every article and event
    # looking for futures (about 2.5 s per 1,000-article window); load still waits
    # for the extract futures, so the run graph keeps its edges
    found = ingest(quote(part), db, reprocess, label=str(n))
    del part  # the window's texts live on in found.todo only
    parts = batches(found.todo, settings.batch_size)
    futures = [
        submit(unwalked(chunk), label=f"{n}.{i + 1}-of-{len(parts)}")
        for i, chunk in enumerate(parts)
    ]
    done = split_failures(found.todo, [r for fut in futures for r in fut.result()], found.files)
    quarantined = [*found.quarantined, *done.failed]
    if done.articles or quarantined or done.files:
        load(
            db,
            quote(done.articles),
            quote(done.results),
            quote(quarantined),
            run_id,
            quote(done.files),
            wait_for=futures,
        )
    counts.add(
        staged=found.staged,
        unchanged=found.unchanged,
        results=done.results,
        quarantined=found.quarantined,
        failed=done.failed,
    )


# the runner the settings name when the module is imported: a served run imports it anew
@flow(name="pipeline", task_runner=task_runner(), log_prints=True)
def pipeline(
    input_dir: Path | None = None,
    warehouse_path: Path | None = None,
    reprocess: bool = False,
    rehash: bool = False,
    keep_workers: bool = True,
    full_rebuild: bool = False,
) -> RunSummary:
    """Stage ``input_dir``, extract new or changed articles, and load them into the warehouse.

    ``rehash`` reads every file, whatever the file manifest says. ``keep_workers=False``
    (a one-shot ``newsevents run``) stops the extraction workers once the last window
    is extracted; a scheduled deployment keeps them for its next run. ``full_rebuild``
    rebuilds the deduplicated events over every mention at the end, even when nothing
    changed, instead of only the events the run's changes reach.
    """
    settings = get_settings()
    source = str(input_dir or settings.input_dir)
    db = Path(warehouse_path or settings.warehouse)
    summary = run_stages(
        source,
        db,
        reprocess=reprocess,
        rehash=rehash,
        keep_workers=keep_workers,
        full_rebuild=full_rebuild,
    )
    get_run_logger().info(runlog.summary_line(summary))
    publish(summary, events_report=warehouse_report(db))
    return summary

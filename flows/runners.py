"""The one place a flow run's task runner is built, from the settings: threads, processes or Dask.

Who owns what. The Prefect task runner decides where the ``extract`` tasks run: in threads
of the flow's process (``thread``, the default), in a pool of processes (``process``), or on
the workers of a Dask cluster (``dask``), ``workers`` of them unless a scheduler address is
given. Inside whichever process runs a task, the extraction pool's supervised worker
subprocesses (:mod:`newsevents.extract.pool`) parse the articles, each step under a time
bound: ``parse_processes`` of them in the flow's own process, one inside a process-pool or
Dask worker, which already has a core of its own (spaCy forks no parse processes of its own
there). ``ingest`` and ``load`` stay in the flow's process whatever the runner, so the DuckDB
file keeps a single writer; the tasks only parse text and return rows.

Every entry point takes its runner from :func:`task_runner`: ``newsevents run`` and
``newsevents backfill`` (their ``--runner`` and ``--dask-address`` override the settings for
the command), a backfill's batches, and the flows' own defaults. The latter are what the
deployments of ``newsevents serve`` run with: a served run loads its flow from the
entrypoint in a fresh process, which inherits the environment and so the settings.
"""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsevents.settings import TASK_RUNNERS, Settings, get_settings


def task_runner(settings: Settings | None = None) -> TaskRunner:
    """The task runner ``settings`` (default: the process's) name: kind, workers, Dask scheduler."""
    settings = settings or get_settings()
    return make_task_runner(
        settings.task_runner, workers=settings.workers, dask_address=settings.dask_address
    )


def make_task_runner(
    kind: str = "thread",
    *,
    workers: int = 2,
    dask_address: str | None = None,
    dask_processes: bool = True,
) -> TaskRunner:
    """Build the task runner named ``kind``.

    ``dask`` connects to the scheduler at ``dask_address`` (``tcp://host:8786``),
    or starts a ``LocalCluster`` of ``workers`` single-threaded workers; each
    worker process loads the spaCy model once, on its first batch.
    """
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": dask_processes,
                "dashboard_address": None,
            }
        )
    raise ValueError(f"unknown task runner {kind!r}: choose one of {', '.join(TASK_RUNNERS)}")

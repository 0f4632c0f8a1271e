"""Task runners for the ``extract`` tasks: threads, processes, or a Dask cluster.

Whatever the runner, ``ingest`` and ``load`` run in the flow process, so the
DuckDB file keeps a single writer; workers only parse text and return rows.
"""

from __future__ import annotations

from typing import Literal

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

RunnerKind = Literal["thread", "process", "dask"]
RUNNERS: tuple[str, ...] = ("thread", "process", "dask")


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
    raise ValueError(f"unknown task runner {kind!r}: choose one of {', '.join(RUNNERS)}")

"""Deployments served by ``newsevents serve``: ``pipeline`` on a cron schedule, ``backfill`` on demand."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner

from flows.backfill import backfill
from flows.pipeline import pipeline
from newsevents import stopping


def build_deployments(
    inbox: Path, warehouse: Path, cron: str, archive: Path | None = None
) -> list[RunnerDeployment]:
    """``pipeline/pipeline`` every ``cron`` over ``inbox``; ``backfill/backfill`` unscheduled.

    Paths are made absolute so the served process finds them whatever its
    working directory when a run fires. A served run loads its flow from the entrypoint
    in a fresh process, which inherits this one's environment, so its tasks run on the
    task runner the settings name there (:func:`flows.runners.task_runner`), as the
    module's flow default and a backfill's batches build it.
    """
    inbox, warehouse = inbox.resolve(), warehouse.resolve()
    scheduled = pipeline.to_deployment(
        name="pipeline",
        cron=cron,
        parameters={"input_dir": str(inbox), "warehouse_path": str(warehouse)},
        description=f"Load new or changed articles from {inbox} (cron {cron}).",
        tags=["newsevents"],
    )
    on_demand = backfill.to_deployment(
        name="backfill",
        parameters={"input": str((archive or inbox).resolve()), "warehouse_path": str(warehouse)},
        description="Load an archive in publication-date batches: pass start, end, batch_days.",
        tags=["newsevents"],
    )
    return [scheduled, on_demand]


class StoppableRunner(Runner):
    """Prefect's runner, whose SIGTERM is handled like Ctrl-C (:mod:`newsevents.stopping`).

    Prefect's own handler exits 0 on SIGTERM; this one calls ``on_stop``, which cancels
    the runner (see :func:`serve`), so that ``serve`` exits 143.
    """

    on_stop: Callable[[int], None] | None = None

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        if self.on_stop is None:
            stopping.on_signal(signal.SIGTERM)
        else:
            self.on_stop(signal.SIGTERM)


def serve(deployments: Sequence[RunnerDeployment]) -> None:
    """Serve ``deployments`` until Ctrl-C or SIGTERM, then raise ``KeyboardInterrupt``.

    As ``prefect.serve``, except that a stop signal is not swallowed, so the caller exits
    with its code. The signal cancels the runner (raising inside its event loop would
    interrupt any callback), which pauses the schedules and stops its flow runs on the way
    out. A second signal exits at once (:func:`newsevents.stopping.force_exit`).
    """
    runner = StoppableRunner(pause_on_shutdown=True)
    for deployment in deployments:
        runner.add_deployment(deployment)
    try:
        asyncio.run(_until_stopped(runner))
    except asyncio.CancelledError:
        if stopping.received() is None:
            raise
        raise KeyboardInterrupt from None


async def _until_stopped(runner: StoppableRunner) -> None:
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    assert main is not None

    def stop(signum: int) -> None:
        if not stopping.note(signum):
            stopping.force_exit()
        stopping.stop_extraction_workers()
        loop.call_soon_threadsafe(main.cancel)

    runner.on_stop = stop
    loop.add_signal_handler(signal.SIGINT, stop, signal.SIGINT)
    await runner.start()

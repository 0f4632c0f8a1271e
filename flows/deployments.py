"""Deployments served by ``newsevents serve``: ``pipeline`` on a cron schedule, ``backfill`` on demand.

:func:`serve` runs them until a stop signal; on a stop, the flow runs in progress and their
subflows end Cancelled in Prefect (or Crashed, if they got there first), none "Running".
While it serves, it says one line per flow run of its deployments that ends (:class:`Ticks`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import signal
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect.client.orchestration import PrefectClient, get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
    FlowRunFilter,
    FlowRunFilterDeploymentId,
    FlowRunFilterId,
    FlowRunFilterParentFlowRunId,
    FlowRunFilterStartTime,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.client.schemas.sorting import FlowRunSort
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner
from prefect.states import Cancelled

from flows.backfill import backfill
from flows.pipeline import pipeline
from newsevents import stopping

# How often serve looks for flow runs that ended, to say a line for each.
POLL_SECONDS = 3.0
# The runs of its deployments serve looks at on each poll, the latest started first: far
# more than can start between two polls.
RECENT_RUNS = 50
# Subflows within subflows: a backfill has one level; the walk stops here on any server.
SUBFLOW_DEPTH = 5
# The states of a run that has started (not Scheduled, Pending or Paused before its start).
STARTED = [
    StateType.RUNNING,
    StateType.CANCELLING,
    StateType.COMPLETED,
    StateType.FAILED,
    StateType.CANCELLED,
    StateType.CRASHED,
]
STOP_MESSAGE = "newsevents serve was stopped while the run was in progress"


def build_deployments(
    inbox: Path, warehouse: Path, cron: str, archive: Path | None = None
) -> list[RunnerDeployment]:
    """``pipeline/pipeline`` every ``cron`` over ``inbox``; ``backfill/backfill`` unscheduled,
    whose default ``input`` is ``archive`` (the inbox when there is none).

    Paths are made absolute so the served process finds them whatever its
    working directory when a run fires. A served run loads its flow from the entrypoint
    in a fresh process, which inherits this one's environment, so its tasks run on the
    task runner the settings name there (:func:`flows.runners.task_runner`), as the
    module's flow default and a backfill's batches build it.
    """
    inbox, warehouse = inbox.resolve(), warehouse.resolve()
    source = (archive or inbox).resolve()
    scheduled = pipeline.to_deployment(
        name="pipeline",
        cron=cron,
        parameters={"input_dir": str(inbox), "warehouse_path": str(warehouse)},
        description=f"Load new or changed articles from {inbox} (cron {cron}).",
        tags=["newsevents"],
    )
    on_demand = backfill.to_deployment(
        name="backfill",
        parameters={"input": str(source), "warehouse_path": str(warehouse)},
        description=(
            f"Load an archive in publication-date batches (default input {source}): "
            "pass start, end, batch_days."
        ),
        tags=["newsevents"],
    )
    return [scheduled, on_demand]


class StoppableRunner(Runner):
    """Prefect's runner, whose SIGTERM is handled like Ctrl-C (:mod:`newsevents.stopping`).

    Prefect's own handler exits 0 on SIGTERM; this one calls ``on_stop``, which starts the
    stop of :func:`serve`, so that ``serve`` exits 143.
    """

    on_stop: Callable[[int], None] | None = None

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        if self.on_stop is None:
            stopping.on_signal(signal.SIGTERM)
        else:
            self.on_stop(signal.SIGTERM)


def serve(deployments: Sequence[RunnerDeployment], say: Callable[[str], None] = print) -> None:
    """Serve ``deployments`` until Ctrl-C or SIGTERM, then raise ``KeyboardInterrupt``.

    As ``prefect.serve``, except that a stop signal is not swallowed, so the caller exits
    with its code, and that the runs in progress are cancelled first: each flow run is
    told to cancel and terminated, then marked Cancelled with its subflows (a served run's
    subflows run in its process, so nothing else would end them). The schedules are paused
    on the way out. ``say`` gets one line per flow run that ends (:func:`tick_line`). A
    second signal exits at once (:func:`newsevents.stopping.force_exit`).
    """
    runner = StoppableRunner(pause_on_shutdown=True)
    names: dict[UUID, str] = {}
    for deployment in deployments:
        names[runner.add_deployment(deployment)] = f"{deployment.flow_name}/{deployment.name}"
    asyncio.run(_until_stopped(runner, Ticks(names, say)))
    if stopping.received() is not None:
        raise KeyboardInterrupt


async def _until_stopped(runner: StoppableRunner, ticks: Ticks) -> None:
    loop = asyncio.get_running_loop()
    stop_asked = asyncio.Event()

    def stop(signum: int) -> None:
        if not stopping.note(signum):
            stopping.force_exit()
        # a signal handler may run between any two lines of the loop: only wake it up
        loop.call_soon_threadsafe(stop_asked.set)

    runner.on_stop = stop
    loop.add_signal_handler(signal.SIGINT, stop, signal.SIGINT)
    serving = asyncio.create_task(runner.start())
    watching = asyncio.create_task(ticks.watch())
    asked = asyncio.create_task(stop_asked.wait())
    await asyncio.wait({serving, asked}, return_when=asyncio.FIRST_COMPLETED)
    watching.cancel()
    if not stop_asked.is_set():  # the runner ended by itself: its error, if any, is the story
        asked.cancel()
        serving.result()
        return
    await _quietly(ticks.poll_once())  # the runs in progress now, to mark them below
    if runner.started:
        # no new run starts; each in progress is told to cancel, terminated and proposed
        # Cancelled; then start() pauses the schedules and returns
        await runner.astop()
    await _quietly(_mark_cancelled(ticks.running))
    await serving
    await _quietly(ticks.poll_once())  # the lines of the runs just cancelled


async def _quietly(step: Awaitable[None]) -> None:
    """A step of the stop that needs the API: if it is gone, the stop goes on without."""
    with contextlib.suppress(Exception):  # the server's own error: nothing to add
        await step


async def _mark_cancelled(running: dict[UUID, FlowRun]) -> None:
    """Mark Cancelled the ``running`` runs and their subflows that are not final yet (a run
    killed before it could report, or a subflow of its process, stays Running otherwise).

    The subflows of a run already final are walked too: the runner marks a run it killed
    Cancelled, but not the subflows that ran in its process.
    """
    if not running:
        return
    async with get_client() as client:
        top = await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=list(running))),
            limit=RECENT_RUNS,
        )
        for run in await _with_subflows(client, top):
            if run.state is None or not run.state.is_final():
                await client.set_flow_run_state(run.id, Cancelled(message=STOP_MESSAGE), force=True)


async def _with_subflows(client: PrefectClient, runs: Iterable[FlowRun]) -> list[FlowRun]:
    """``runs`` and their subflow runs, down to SUBFLOW_DEPTH levels."""
    found = {run.id: run for run in runs}
    level = list(found)
    for _ in range(SUBFLOW_DEPTH):
        if not level:
            break
        children = await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=level)
            )
        )
        level = [c.id for c in children if c.id not in found]
        found.update((c.id, c) for c in children)
    return list(found.values())


class Ticks:
    """Watches the flow runs of the served deployments and says one line for each that
    ends (:func:`tick_line`); ``running`` holds those seen in progress."""

    def __init__(self, deployments: dict[UUID, str], say: Callable[[str], None]) -> None:
        self.deployments = deployments
        self.say = say
        self.running: dict[UUID, FlowRun] = {}
        self._said: set[UUID] = set()
        self._since = dt.datetime.now(dt.UTC)

    async def watch(self) -> None:
        """Poll every POLL_SECONDS until cancelled; a failed poll is tried again next time."""
        while True:
            with contextlib.suppress(Exception):  # a server restarting: polled again next time
                await self.poll_once()
            await asyncio.sleep(POLL_SECONDS)

    async def poll_once(self) -> None:
        async with get_client() as client:
            runs = await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(any_=list(self.deployments)),
                    # started since serve did (the API compares the expected start of a
                    # run not started yet, so the runs scheduled ahead need the state too)
                    start_time=FlowRunFilterStartTime(after_=self._since),
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=STARTED)),
                ),
                sort=FlowRunSort.START_TIME_DESC,
                limit=RECENT_RUNS,
            )
            for run in runs:
                if run.id in self._said:
                    continue
                if run.state is None or not run.state.is_final():
                    self.running[run.id] = run
                    continue
                self.running.pop(run.id, None)
                self._said.add(run.id)
                counts = await _run_counts(client, run)
                self.say(
                    tick_line(
                        self.deployments.get(run.deployment_id or UUID(int=0), "?"), run, counts
                    )
                )


async def _run_counts(client: PrefectClient, run: FlowRun) -> dict[str, int] | None:
    """The counts of the ``run-counts`` artifacts of ``run`` and its subflows, summed;
    None when there is none (a run cancelled or failed before it published them)."""
    ids = [r.id for r in await _with_subflows(client, [run])]
    artifacts = await client.read_artifacts(
        artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["run-counts"]),
            flow_run_id=ArtifactFilterFlowRunId(any_=ids),
        )
    )
    if not artifacts:
        return None
    return count_rows(row for a in artifacts for row in _table_rows(a.data))


def _table_rows(data: Any) -> list[dict[str, Any]]:
    try:
        rows = json.loads(data) if isinstance(data, str) else data
    except ValueError:
        return []
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


# The rows of a run-counts table (newsevents.report.runs.summary_rows) that a tick line says.
TICK_COUNTS = {
    ("articles", "extracted"): "extracted",
    ("articles", "unchanged"): "unchanged",
    ("events", "total"): "events",
    ("quarantine", "total"): "quarantined",
}


def count_rows(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """The counts a tick line says, summed over the rows of one or more run-counts tables."""
    counts = dict.fromkeys(TICK_COUNTS.values(), 0)
    for row in rows:
        name = TICK_COUNTS.get((row.get("section"), row.get("item")))
        if name is not None and isinstance(row.get("count"), int):
            counts[name] += row["count"]
    return counts


def tick_line(deployment: str, run: FlowRun, counts: dict[str, int] | None) -> str:
    """One line for a flow run that ended: when it started, its counts, state and duration.

    ``09:15:02 pipeline/pipeline 'brave-owl': 12 articles extracted, 30 unchanged,
    41 events, 1 quarantined; Completed in 48.2 s``
    """
    started = run.start_time.astimezone().strftime("%H:%M:%S") if run.start_time else "--:--:--"
    if run.start_time and run.end_time:
        seconds = (run.end_time - run.start_time).total_seconds()
    else:
        seconds = run.total_run_time.total_seconds()
    if counts is None:
        said = "no counts published"
    else:
        said = (
            f"{counts['extracted']} articles extracted, {counts['unchanged']} unchanged, "
            f"{counts['events']} events, {counts['quarantined']} quarantined"
        )
    state = run.state.name if run.state else "?"
    return f"{started} {deployment} '{run.name}': {said}; {state} in {seconds:.1f} s"

"""Deployments served by ``newsevents serve``: ``pipeline`` on a cron schedule, ``backfill`` on demand."""

from __future__ import annotations

from pathlib import Path

from prefect.deployments.runner import RunnerDeployment

from flows.backfill import backfill
from flows.pipeline import pipeline


def build_deployments(
    inbox: Path, warehouse: Path, cron: str, archive: Path | None = None
) -> list[RunnerDeployment]:
    """``pipeline/pipeline`` every ``cron`` over ``inbox``; ``backfill/backfill`` unscheduled.

    Paths are made absolute so the served process finds them whatever its
    working directory when a run fires.
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

"""The no-op check `newsevents run` makes before starting Prefect.

A rerun over an unchanged input is the common case of a scheduled or repeated
run. This finds out, from the file manifest and the warehouse alone, whether the
pipeline flow would change anything. It imports neither spaCy nor Prefect, so an
unchanged 100k-article input is confirmed in seconds.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsevents import backfill as plan
from newsevents import staging, warehouse
from newsevents.summary import RunCounts, needs_extraction
from schemas import RunSummary


def nothing_to_do(
    con: duckdb.DuckDBPyConnection, source: Path | str, *, max_bytes: int, window_size: int
) -> RunSummary | None:
    """The summary of a run that would change nothing, or None as soon as the flow has work.

    Work is: a file the manifest does not know (new, changed, touched, or whose
    metadata changed) that stages to a new or changed article, a manifest row to
    refresh, a quarantined input not yet recorded, stale derived tables, or a
    failing data check (the flow reports those). Articles loaded by an older
    extractor version count as unchanged, as in a run without ``--reprocess``.
    """
    if warehouse.derived_stale(con):
        return None
    counts = RunCounts()

    def known(stats: list[staging.FileStat]) -> dict[str, staging.Unread]:
        return warehouse.known_files(con, stats)

    items = plan.iter_input(str(source), max_bytes=max_bytes, known=known)
    for part in staging.batched(items, window_size):
        if part.files:  # a file was read: its manifest row is new or changed
            return None
        if part.articles:  # JSONL records: never in the manifest, compared by content hash
            loaded = warehouse.loaded_articles(con, [a.article_id for a in part.articles])
            # without --reprocess the extractor version is not compared
            todo, _ = needs_extraction(part.articles, loaded, "", reprocess=False)
            if todo:
                return None
        if warehouse.new_quarantine(con, part.quarantined):
            return None
        counts.add(staged=len(part), unchanged=len(part), quarantined=part.quarantined)
    checks = warehouse.run_checks(con)
    if any(checks.values()):
        return None
    return counts.summary(checks, None)

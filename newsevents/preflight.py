"""The no-op check `newsevents run` makes before starting Prefect.

A rerun over an unchanged input is the common case of a scheduled or repeated
run. This finds out, from the file manifest and the warehouse alone, whether the
pipeline flow would change anything. It imports neither spaCy nor Prefect, so an
unchanged 100k-article input is confirmed in seconds. When there is work, it says how
many articles the first window with work holds to extract, so that ``newsevents run``
can start the extraction workers while Prefect starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsevents import staging, warehouse
from newsevents.summary import RunCounts
from schemas import RunSummary


@dataclass(frozen=True)
class Pending:
    """The flow has work; ``to_extract`` counts the articles to extract in the first window
    that has any (0 when the work is a manifest row, a quarantine row or a rebuild)."""

    to_extract: int


def nothing_to_do(
    con: duckdb.DuckDBPyConnection, source: Path | str, *, max_bytes: int, window_size: int
) -> RunSummary | Pending:
    """The summary of a run that would change nothing, or :class:`Pending` at the first work.

    Work is: a file the manifest does not know (new, changed, touched, or whose
    metadata changed) that stages to a new or changed article, a manifest row to
    refresh, a quarantined input not yet recorded, or stale derived tables. Articles
    loaded by an older extractor version count as unchanged, as in a run without
    ``--reprocess``. A data check that finds rows is not work: no run would change them,
    so the summary carries every check's result (``checks``; an ``error`` one is in
    ``check_failures``, a ``warn`` one in ``check_warnings``) for the caller to report.
    """
    if warehouse.derived_stale(con):
        return Pending(0)
    counts = RunCounts()

    def known(stats: list[staging.FileStat]) -> dict[str, staging.Unread]:
        return warehouse.known_files(con, stats)

    def loaded(ids: list[str]) -> dict[str, warehouse.LoadedArticle]:
        return warehouse.loaded_articles(con, ids)

    items = staging.iter_input(str(source), max_bytes=max_bytes, known=known)
    for part in staging.batched(items, window_size):
        # read: new or changed files, and JSONL records (never in the manifest); without
        # --reprocess the extractor version is not compared
        found = staging.window_changes(part, loaded)
        # a file read has a manifest row to write, even when its article is unchanged
        if found.todo or found.files or warehouse.new_quarantine(con, found.quarantined):
            return Pending(len(found.todo))
        counts.add(staged=found.staged, unchanged=found.unchanged, quarantined=found.quarantined)
    return counts.summary(warehouse.run_checks(con), None)

"""What a run tells the person watching: one log line per stage, from the counts it returns.

The flows log these lines at INFO with Prefect's run logger, so a run's Logs tab in the
Prefect UI tells its story (staged, extracted, loaded, rebuilt, checked) without opening
the warehouse. Plain functions of the stages' return values, so they are tested alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsevents.staging import Ingested, StagedBatch
from schemas import ExtractionResult, QuarantinedInput, RunSummary

if TYPE_CHECKING:
    from newsevents.warehouse.loading import RebuildStats
    from schemas import CheckResult


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``; ``many`` for a word whose plural is not ``word + s``."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def by_reason(counts: Mapping[str, int]) -> str:
    """``" (empty 1, not_english 2)"`` in reason order, or nothing when there is none."""
    shown = sorted((r, n) for r, n in counts.items() if n)
    if not shown:
        return ""
    return " (" + ", ".join(f"{r} {n}" for r, n in shown) + ")"


def quarantine_reasons(items: Iterable[QuarantinedInput]) -> str:
    """The quarantined inputs' count per reason, as :func:`by_reason` writes it."""
    return by_reason(Counter(q.reason for q in items))


def prepare_line(db: object, applied: Sequence[int]) -> str:
    """The warehouse made ready: the DDL versions applied now, if any."""
    if not applied:
        return f"warehouse {db}: schema up to date"
    return f"warehouse {db}: schema migrated ({', '.join(f'{v:03d}' for v in applied)} applied)"


def staged_line(n: int, part: StagedBatch) -> str:
    """Window ``n`` as staged: inputs seen, read, skipped unread as unchanged, quarantined."""
    seen = len(part) + len(part.quarantined)
    return (
        f"window {n}: {plural(seen, 'input')} staged: {len(part.articles)} read, "
        f"{len(part.unread)} unchanged on disk (not read), "
        f"{len(part.quarantined)} quarantined{quarantine_reasons(part.quarantined)}"
    )


def ingest_line(label: str, found: Ingested) -> str:
    """What ``ingest`` decided for one window: articles to extract, unchanged ones."""
    return (
        f"window {label}: {len(found.todo)} of {plural(found.staged, 'article')} to extract, "
        f"{found.unchanged} unchanged in the warehouse"
    )


def extract_line(label: str, results: Sequence[ExtractionResult], seconds: float) -> str:
    """One ``extract`` batch: articles extracted, events by type, failures, seconds taken."""
    done = [r for r in results if r.failure is None]
    types = Counter(e.type for r in done for e in r.events)
    events = sum(types.values())
    kinds = ", ".join(f"{t} {c}" for t, c in sorted(types.items()))
    line = (
        f"batch {label}: {plural(len(done), 'article')} extracted in {seconds:.1f} s, "
        f"{plural(events, 'event')}" + (f" ({kinds})" if kinds else "")
    )
    failed = [r.failure.reason for r in results if r.failure is not None]
    if failed:
        line += f"; {len(failed)} failed{by_reason(Counter(failed))}"
    return line


def load_line(
    *, articles: int, mentions: int, quarantined: int, known: int, files: int, seconds: float
) -> str:
    """One window's load: rows written per table (one transaction), and its time.

    ``quarantined`` inputs are new rows; ``known`` ones the table already held.
    """
    line = (
        f"loaded in {seconds:.2f} s: dim_article {articles}, fct_event_mention {mentions}, "
        f"quarantine {quarantined}, stg_file_manifest {files} rows"
    )
    if known:
        line += f" ({plural(known, 'quarantined input')} already recorded)"
    return line


def rebuild_line(stats: RebuildStats | None) -> str:
    """The deduplication rebuild at the end of a run: its kind, size and time, or that the
    derived tables were up to date (``stats`` is what :func:`newsevents.warehouse.finish`
    returned)."""
    if stats is None:
        return "deduplicated events up to date: no rebuild"
    return stats.describe()


def checks_line(checks: Sequence[CheckResult]) -> str:
    """The data checks run: how many, and the ones that flagged rows, errors first."""
    flagged = sorted((c for c in checks if c.rows), key=lambda c: (c.severity != "error", c.name))
    if not flagged:
        return f"{plural(len(checks), 'data check')} run: no rows flagged"
    found = ", ".join(f"{c.name} ({c.severity}) {plural(c.rows, 'row')}" for c in flagged)
    return f"{plural(len(checks), 'data check')} run: {found}"


def report_line(events: int, mentions: int) -> str:
    """The events-report artifact's scope: the whole warehouse after the run."""
    return (
        f"events-report: the warehouse holds {plural(events, 'event')} (deduplicated) "
        f"from {plural(mentions, 'mention')}"
    )


def summary_line(summary: RunSummary) -> str:
    """The whole run in one line, as its last."""
    return (
        f"{summary.articles_extracted} of {plural(summary.articles_seen, 'input')} extracted, "
        f"{summary.articles_unchanged} unchanged, {plural(summary.events_total, 'event')}, "
        f"{summary.quarantined_total} quarantined"
        f"{by_reason(summary.quarantined_by_reason)}"
    )


def plan_line(articles: int, batches: Sequence[str], quarantined: Mapping[str, int]) -> str:
    """A backfill's plan: the articles staged, their batches, and the inputs quarantined
    once for all batches (they have no date to batch them by)."""
    return (
        f"{plural(articles, 'article')} in {plural(len(batches), 'batch', 'batches')}"
        f"{': ' + ', '.join(batches) if batches else ''}; "
        f"{sum(quarantined.values())} quarantined{by_reason(quarantined)}"
    )


def batch_line(label: str, state: str, summary: RunSummary | None) -> str:
    """One backfill batch's outcome: its state, and its counts when it completed."""
    if summary is None:
        return f"batch {label}: {state}"
    return f"batch {label}: {state}: {summary_line(summary)}"

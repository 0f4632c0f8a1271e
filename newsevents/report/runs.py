"""A run's counts as table rows: the Prefect table artifacts of the pipeline and backfill flows."""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.summary import quarantine_groups
from schemas import RunSummary


def summary_rows(summary: RunSummary) -> list[dict[str, str | int]]:
    """Every count of a run as ``section | item | count | detail`` rows, in a fixed order."""
    rows: list[dict[str, str | int]] = []

    def add(section: str, item: str, count: int, detail: str = "") -> None:
        rows.append({"section": section, "item": item, "count": count, "detail": detail})

    add("articles", "seen", summary.articles_seen, "input files found")
    add("articles", "staged", summary.articles_staged, "read and validated")
    add("articles", "unchanged", summary.articles_unchanged, "same content and extractor: skipped")
    add("articles", "extracted", summary.articles_extracted)
    add("events", "total", summary.events_total)
    for etype in ("attack", "talks", "statement", "deployment"):
        add("events", etype, summary.events_by_type.get(etype, 0))
    for etype, n in summary.events_by_type.items():
        if etype not in ("attack", "talks", "statement", "deployment"):
            add("events", etype, n)
    add("dates", "resolved", summary.dates_resolved, "from a date expression in the text")
    add("dates", "fallback", summary.dates_fallback, "publication date used")
    add("dates", "unresolved", summary.dates_unresolved, "no date")
    add("quarantine", "total", summary.quarantined_total)
    for group in quarantine_groups(summary):  # a count per reason, with a few examples
        shown = [f"{q.source_path}: {q.message}" for q in group.examples]
        shown += [f"... and {group.more} more"] if group.more else []
        add("quarantine", group.reason, group.count, "; ".join(shown))
    add("data checks", "run", len(summary.checks))
    add("data checks", "failing", len(summary.check_failures), "error: the run fails (exit 4)")
    add("data checks", "warnings", len(summary.check_warnings), "warn: extraction quality")
    for check, n in summary.check_failures.items():
        add("data checks", check, n, "error: offending rows")
    for check, n in summary.check_warnings.items():
        add("data checks", check, n, "warn: offending rows")
    return rows


def batch_rows(
    batches: Sequence[tuple[str, str, RunSummary | None]],
) -> list[dict[str, str | int]]:
    """One row per backfill batch: ``(label, final state name, summary or None)``."""
    rows: list[dict[str, str | int]] = []
    for label, state, summary in batches:
        s = summary or RunSummary()
        rows.append(
            {
                "batch": label,
                "state": state,
                "articles": s.articles_staged,
                "extracted": s.articles_extracted,
                "unchanged": s.articles_unchanged,
                "events": s.events_total,
                "data checks failing": len(s.check_failures),
                "data check warnings": len(s.check_warnings),
            }
        )
    return rows

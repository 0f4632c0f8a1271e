"""Run bookkeeping: which staged articles need extraction, and the run summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from newsevents.warehouse import LoadedArticle
from schemas import Article, ExtractionResult, QuarantinedInput, RunSummary


def needs_extraction(
    articles: Iterable[Article],
    loaded: dict[str, LoadedArticle],
    extractor_version: str,
    *,
    reprocess: bool = False,
) -> tuple[list[Article], list[Article]]:
    """Split staged articles into ``(to_extract, unchanged)``.

    An article is unchanged when the warehouse holds the same content hash,
    extracted by the same extractor version; ``reprocess`` only forces
    re-extraction of articles whose extractor version differs.
    """
    todo, same = [], []
    for art in articles:
        prev = loaded.get(art.article_id)
        fresh = prev is not None and prev.content_hash == art.content_hash
        if fresh and (prev.extractor_version == extractor_version or not reprocess):
            same.append(art)
        else:
            todo.append(art)
    return todo, same


def batches(items: Sequence[Article], size: int) -> list[list[Article]]:
    """Split into batches of at most ``size`` (the unit of one extraction task)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def summarise(
    *,
    seen: int,
    staged: Sequence[Article],
    unchanged: Sequence[Article],
    results: Sequence[ExtractionResult],
    quarantined: Sequence[QuarantinedInput],
    checks: dict[str, int],
    flow_run_id: str | None,
) -> RunSummary:
    """Build the run summary from what each stage returned."""
    events = [e for r in results for e in r.events]
    return RunSummary(
        flow_run_id=flow_run_id,
        articles_seen=seen,
        articles_staged=len(staged),
        articles_unchanged=len(unchanged),
        articles_extracted=len(results),
        quarantined=list(quarantined),
        events_by_type=dict(sorted(Counter(e.type for e in events).items())),
        dates_resolved=sum(1 for e in events if e.date is not None and e.date_text),
        dates_fallback=sum(1 for e in events if e.date is not None and not e.date_text),
        dates_unresolved=sum(1 for e in events if e.date is None),
        check_failures={k: v for k, v in checks.items() if v},
    )


def summary_markdown(summary: RunSummary) -> str:
    """The run summary as Markdown (the Prefect artifact and the CLI's plain output)."""
    lines = [
        "# newsevents run",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles seen | {summary.articles_seen} |",
        f"| articles staged | {summary.articles_staged} |",
        f"| unchanged (skipped) | {summary.articles_unchanged} |",
        f"| articles extracted | {summary.articles_extracted} |",
        f"| events | {summary.events_total} |",
    ]
    lines += [f"| {t} events | {n} |" for t, n in summary.events_by_type.items()]
    lines += [
        f"| dates resolved from text | {summary.dates_resolved} |",
        f"| dates from publication date | {summary.dates_fallback} |",
        f"| dates unresolved | {summary.dates_unresolved} |",
        f"| quarantined | {len(summary.quarantined)} |",
    ]
    if summary.quarantined:
        lines += ["", "## Quarantined", "", "| input | reason | message |", "|---|---|---|"]
        lines += [f"| {q.source_path} | {q.reason} | {q.message} |" for q in summary.quarantined]
    if summary.check_failures:
        lines += ["", "## Data checks failing", "", "| check | rows |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in summary.check_failures.items()]
    return "\n".join(lines) + "\n"

"""Run bookkeeping: what extraction failed, and the run summary (counts, Markdown)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from newsevents.staging import FileStat
from schemas import Article, CheckResult, ExtractionResult, QuarantinedInput, RunSummary

# Failures that may not recur (a slow machine, a killed worker): their batch is not cached,
# so the next run really extracts the article again. An error or an over-long text recurs
# for the same text and extractor, so caching it costs nothing.
TRANSIENT_FAILURES = frozenset({"extraction_timeout", "extraction_crash"})


def has_transient_failure(results: Iterable[ExtractionResult]) -> bool:
    """Whether any result failed for a reason a rerun may not meet (timeout, dead worker)."""
    return any(r.failure is not None and r.failure.reason in TRANSIENT_FAILURES for r in results)


@dataclass
class Extracted:
    """One window's extraction, split: what to load, and the failed articles to quarantine."""

    articles: list[Article] = field(default_factory=list)
    results: list[ExtractionResult] = field(default_factory=list)
    failed: list[QuarantinedInput] = field(default_factory=list)
    files: list[tuple[FileStat, str]] = field(default_factory=list)


def split_failures(
    articles: Sequence[Article],
    results: Sequence[ExtractionResult],
    files: Sequence[tuple[FileStat, str]] = (),
) -> Extracted:
    """Keep the articles whose extraction succeeded; the others become quarantine rows.

    A failed article is not loaded and its file gets no manifest row, so the next run
    sees it as new and extracts it again (a new extractor version may have fixed it).
    """
    failures = {r.article_id: r.failure for r in results if r.failure is not None}
    out = Extracted(
        results=[r for r in results if r.failure is None],
        files=[(st, h) for st, h in files if st.article_id not in failures],
    )
    for art in articles:
        failure = failures.get(art.article_id)
        if failure is None:
            out.articles.append(art)
            continue
        out.failed.append(
            QuarantinedInput(
                source_path=art.source_path or art.article_id,
                reason=failure.reason,
                message=failure.message,
                article_id=art.article_id,
                content_hash=art.content_hash,
            )
        )
    return out


# A run's summary keeps this many quarantined inputs of each reason as examples and counts
# the rest: a million-row articles.csv of unknown ids would otherwise be held, and printed,
# a row at a time. The warehouse's quarantine table holds every one.
QUARANTINE_EXAMPLES = 3


@dataclass
class RunCounts:
    """Running totals of a streaming run: the summary's figures, with no article or result held."""

    seen: int = 0
    staged: int = 0
    unchanged: int = 0
    extracted: int = 0
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    """The first :data:`QUARANTINE_EXAMPLES` quarantined inputs of each reason."""
    quarantined_by_reason: Counter[str] = field(default_factory=Counter)
    events_by_type: Counter[str] = field(default_factory=Counter)
    dates_resolved: int = 0
    dates_fallback: int = 0
    dates_unresolved: int = 0

    def add(
        self,
        *,
        staged: int,
        unchanged: int,
        results: Iterable[ExtractionResult] = (),
        quarantined: Sequence[QuarantinedInput] = (),
        failed: Sequence[QuarantinedInput] = (),
    ) -> None:
        """Count one window: articles staged (read or not), unchanged, extracted, quarantined.

        ``quarantined`` inputs could not be staged; ``failed`` articles were staged (so
        counted in ``staged``) but their extraction failed. Both are quarantined.
        """
        self.seen += staged + len(quarantined)
        self.staged += staged
        self.unchanged += unchanged
        for q in chain(quarantined, failed):
            self.quarantined_by_reason[q.reason] += 1
            if self.quarantined_by_reason[q.reason] <= QUARANTINE_EXAMPLES:
                self.quarantined.append(q)
        for res in results:
            if res.failure is not None:
                continue
            self.extracted += 1
            for e in res.events:
                self.events_by_type[e.type] += 1
                if e.date is None:
                    self.dates_unresolved += 1
                elif e.date_text:
                    self.dates_resolved += 1
                else:
                    self.dates_fallback += 1

    def summary(self, checks: Sequence[CheckResult], flow_run_id: str | None) -> RunSummary:
        """The run summary, with every data check run (its severity and offending rows)."""
        return RunSummary(
            flow_run_id=flow_run_id,
            articles_seen=self.seen,
            articles_staged=self.staged,
            articles_unchanged=self.unchanged,
            articles_extracted=self.extracted,
            quarantined=list(self.quarantined),
            quarantined_by_reason=dict(sorted(self.quarantined_by_reason.items())),
            events_by_type=dict(sorted(self.events_by_type.items())),
            dates_resolved=self.dates_resolved,
            dates_fallback=self.dates_fallback,
            dates_unresolved=self.dates_unresolved,
            checks=list(checks),
        )


class QuarantineGroup(NamedTuple):
    """One quarantine reason of a run: how many inputs, a few of them, how many not shown."""

    reason: str
    count: int
    examples: list[QuarantinedInput]
    more: int


def quarantine_groups(
    summary: RunSummary, examples: int = QUARANTINE_EXAMPLES
) -> list[QuarantineGroup]:
    """The run's quarantined inputs by reason: the count and the first ``examples`` of each."""
    counts = summary.quarantined_by_reason or Counter(q.reason for q in summary.quarantined)
    groups = []
    for reason, count in sorted(counts.items()):
        shown = [q for q in summary.quarantined if q.reason == reason][:examples]
        groups.append(QuarantineGroup(reason, count, shown, count - len(shown)))
    return groups


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
        f"| quarantined | {summary.quarantined_total} |",
        f"| data checks failing (error) | {len(summary.check_failures)} |",
        f"| data check warnings (warn) | {len(summary.check_warnings)} |",
    ]
    groups = quarantine_groups(summary)
    if groups:
        lines += ["", "## Quarantined", "", "| input | reason | message |", "|---|---|---|"]
        for group in groups:
            lines += [f"| {q.source_path} | {q.reason} | {q.message} |" for q in group.examples]
            if group.more:
                lines.append(f"| ... and {group.more} more | {group.reason} | |")
    flagged = [c for c in summary.checks if c.rows]
    if flagged:
        # errors fail the run (exit 4); warnings are extraction quality, reported only
        lines += ["", "## Data checks", "", "| check | severity | rows |", "|---|---|---|"]
        flagged.sort(key=lambda c: (c.severity != "error", c.name))
        lines += [f"| {c.name} | {c.severity} | {c.rows} |" for c in flagged]
    return "\n".join(lines) + "\n"

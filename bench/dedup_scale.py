"""Scale of cross-article dedup: ``newsevents.dedup.cluster`` against the plain scan it replaced.

Reads the mentions of a real warehouse (``sql/dml/select_mentions_for_dedup.sql``) and
replicates them. Every base article is first moved to one publication date, its event dates
alongside. Then copy *k* of every mention gets its own mention and article ids and has its
publication and event dates moved back ``k // --copies-per-day`` days. So the warehouse
spans more days as it grows while each day holds the same articles, as a newsroom archive
does, and the copies made for one day report the same events (they are clustered together,
as several outlets' reports are).

For each size it prints the median of ``--repeats`` runs with min and max in wall seconds,
and wall and CPU µs per mention (CPU time is steadier on a shared machine), of the indexed
``cluster()`` and of the reference scan kept as the test oracle in ``tests/test_dedup.py``. The reference runs only while its repeats fit in
``--budget`` seconds, judged by its time at the previous size scaled quadratically (its cost
per mention grows with the number of open clusters); where both run, their outputs must be
equal. Nothing is extrapolated into the table.

Without ``--warehouse``, the base warehouse is built once from the seeds, the generalisation
set and the dup_reports set (staging, extraction and load, no Prefect).

Usage::

    python bench/dedup_scale.py                          # 2k, 20k, 200k and 1M mentions
    python bench/dedup_scale.py --sizes 2000,20000 --repeats 1
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsevents import dedup, warehouse  # noqa: E402
from newsevents.dedup import MentionRecord  # noqa: E402
from schemas import EventCluster  # noqa: E402

SOURCES = [
    ROOT / "seeds",
    ROOT / "tests" / "data" / "generalisation",
    ROOT / "tests" / "data" / "dup_reports",
]

Cluster = Callable[[Sequence[MentionRecord]], list[EventCluster]]


def build_warehouse(path: Path) -> None:
    """Stage, extract and load the base articles into a new warehouse at ``path``."""
    from newsevents.extract import extract_articles
    from newsevents.staging import stage_directory

    articles = [a for folder in SOURCES for a in stage_directory(folder).articles]
    path.parent.mkdir(parents=True, exist_ok=True)
    with warehouse.connect(path) as con:
        warehouse.migrate(con)
        warehouse.load(con, articles, extract_articles(articles), flow_run_id="bench-dedup")


def base_mentions(path: Path) -> list[MentionRecord]:
    """The dedup rows of a warehouse, as ``rebuild_events`` reads them."""
    with warehouse.connect(path, read_only=True) as con:
        return warehouse.mention_records(con)


def _shift(d: dt.date | None, days: int) -> dt.date | None:
    return None if d is None else d - dt.timedelta(days=days)


def rebase(base: Sequence[MentionRecord]) -> list[MentionRecord]:
    """``base`` with every article moved to one publication date, event dates alongside.

    The base articles were published years apart; on one date, every day of the replicated
    warehouse holds copies of all of them, whatever its size.
    """
    day = max((m.published for m in base if m.published), default=dt.date(2025, 1, 1))
    out = []
    for m in base:
        lag = (m.published - day).days if m.published else 0
        out.append(
            dataclasses.replace(
                m, published=_shift(m.published, lag), event_date=_shift(m.event_date, lag)
            )
        )
    return out


def replicate(base: Sequence[MentionRecord], n: int, per_day: int) -> list[MentionRecord]:
    """The first ``n`` mentions of copies 0, 1, 2... of ``base`` (see the module docstring)."""
    out: list[MentionRecord] = []
    k = 0
    while len(out) < n:
        days = k // per_day
        for m in base[: n - len(out)]:
            out.append(
                dataclasses.replace(
                    m,
                    mention_id=hashlib.sha1(f"{m.mention_id}:{k}".encode()).hexdigest()[:16],
                    article_id=f"{m.article_id}~{k:07d}",
                    published=_shift(m.published, days),
                    event_date=_shift(m.event_date, days),
                )
            )
        k += 1
    return out


Timing = tuple[list[float], list[float], list[EventCluster]]


def timed(fn: Cluster, mentions: Sequence[MentionRecord], repeats: int) -> Timing:
    """(wall seconds of each run, CPU seconds of each run, the last run's events)."""
    wall, cpu, events = [], [], []
    for _ in range(repeats):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        events = fn(mentions)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu, events


def line(impl: str, n: int, timing: Timing, same: str) -> str:
    wall, cpu, events = timing
    med = statistics.median(wall)
    merged = sum(1 for e in events if e.n_articles > 1)
    largest = max((len(e.links) for e in events), default=0)
    return (
        f"| {impl} | {n:,} | {len(wall)} | {med:.2f} ({min(wall):.2f}-{max(wall):.2f}) "
        f"| {med / n * 1e6:,.1f} | {statistics.median(cpu) / n * 1e6:,.1f} "
        f"| {len(events):,} | {merged:,} | {largest} | {same} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,20000,200000,1000000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--budget", type=float, default=300.0, help="max estimated s, all repeats")
    ap.add_argument("--copies-per-day", type=int, default=2)
    ap.add_argument(
        "--warehouse",
        type=Path,
        default=Path(tempfile.gettempdir()) / "ne-bench-dedup" / "events.duckdb",
        help="base warehouse (built from the seeds and test sets when missing)",
    )
    args = ap.parse_args()

    from tests.test_dedup import reference_cluster

    if not args.warehouse.exists():
        print(f"building the base warehouse {args.warehouse} ...", file=sys.stderr)
        build_warehouse(args.warehouse)
    base = rebase(base_mentions(args.warehouse))
    print(
        f"base: {len(base)} mentions in {len({m.article_id for m in base})} articles "
        f"({args.warehouse}); {args.copies_per_day} copies a day"
    )
    print()
    print(
        "| cluster() | mentions | runs | median s (min-max) | µs/mention | CPU µs/mention "
        "| events | multi-article events | largest | same as reference |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    ref_prev: tuple[int, float] | None = None
    for n in (int(s) for s in args.sizes.split(",")):
        mentions = replicate(base, n, args.copies_per_day)
        new = timed(dedup.cluster, mentions, args.repeats)
        estimate = 0.0 if ref_prev is None else ref_prev[1] * (n / ref_prev[0]) ** 2
        if ref_prev is not None and estimate * args.repeats > args.budget:
            print(line("indexed", n, new, "—"))
            print(
                f"| reference scan | {n:,} | 0 | not run: ~{estimate:,.0f} s a run "
                f"> budget {args.budget:.0f} s for {args.repeats} | | | | | | |"
            )
            ref_prev = (n, estimate)
            continue
        ref = timed(reference_cluster, mentions, args.repeats)
        same = "yes" if ref[2] == new[2] else "**NO**"
        print(line("indexed", n, new, same))
        print(line("reference scan", n, ref, same))
        ref_prev = (n, statistics.median(ref[0]))
        del mentions, new, ref


if __name__ == "__main__":
    main()

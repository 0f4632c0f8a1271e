"""A scheduled tick over a big warehouse: the dedup rebuild in full against the incremental one.

Builds a warehouse of ``--articles`` synthetic articles (default 100k, about 4 mentions each,
``--per-day`` articles a day) by inserting rows, not by extraction, and rebuilds its events
once. Then it loads a tick of ``--tick`` new articles (default 10) published the day after
the last, as a scheduled run would (``warehouse.load`` without the rebuild), and times the
rebuild that ``finish`` then makes, both ways: ``rebuild_events(full=True)`` (every mention
clustered again, as every run did before) and the incremental one (only the events the tick
can reach). Each measurement runs in a fresh process, inside a transaction that is rolled
back, so every run starts from the same state: its wall time, its process's peak RSS, and the
RSS it added over the open warehouse. Medians of ``--repeats`` runs of each; the two results
are checked equal (fct_event and the bridge, row for row).

The synthetic mentions: four event types, mostly occurred, dated 0-3 days before their
article (a day mostly; some publication-date fallbacks, weeks, months, years, undated), with
actors and targets from 40 countries and a few named groups and places from 200: so each day
holds clusters of several reports, as a newsroom archive does.

Usage::

    python bench/dedup_incremental.py                      # 100k articles, a tick of 10
    python bench/dedup_incremental.py --articles 10000 --repeats 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsevents import warehouse  # noqa: E402
from newsevents.warehouse.loading import actor_key, location_key  # noqa: E402
from schemas import (  # noqa: E402
    SUBTYPES,
    Article,
    Event,
    ExtractionResult,
    Location,
    Party,
)

FIRST_DAY = dt.date(2022, 1, 1)
TYPES = ["attack"] * 5 + ["statement"] * 2 + ["talks"] * 2 + ["deployment"]
COUNTRIES = [f"C{i:02d}" for i in range(40)]
PARTIES = [Party(name=f"Country {c}", country=c) for c in COUNTRIES] + [
    Party(name=f"Group {i}") for i in range(10)
]
PLACES = [Location(name=f"Place {i}", country=COUNTRIES[i % 40]) for i in range(200)]
VERSION = "bench"


def _spec(rng: random.Random, published: dt.date) -> dict[str, object]:
    """One mention's fields, drawn as described in the module docstring."""
    etype = rng.choice(TYPES)
    roll = rng.random()
    date: dt.date | None = published - dt.timedelta(days=rng.randint(0, 3))
    precision, text = "day", "on Monday"
    if roll < 0.10:
        date, text = published, ""  # the publication date stands in
    elif roll < 0.14:
        precision, text = "week", "last week"
    elif roll < 0.17:
        precision, text = "month", "this month"
    elif roll < 0.18:
        precision, text = "year", "this year"
    elif roll < 0.20:
        date, precision, text = None, "unknown", ""
    return {
        "type": etype,
        "subtype": SUBTYPES[etype][0],
        "status": "planned" if rng.random() < 0.15 else "occurred",
        "date": date,
        "precision": precision,
        "date_text": text,
        "actor": rng.choice(PARTIES) if rng.random() < 0.85 else None,
        "target": rng.choice(PARTIES) if rng.random() < 0.6 else None,
        "location": rng.choice(PLACES) if rng.random() < 0.7 else None,
    }


def _mentions_of(rng: random.Random, published: dt.date) -> list[dict[str, object]]:
    return [_spec(rng, published) for _ in range(rng.randint(2, 6))]


def build(path: Path, articles: int, per_day: int, seed: int) -> None:
    """A new warehouse at ``path``: dimensions, articles and mentions inserted as rows, then
    one full rebuild."""
    rng = random.Random(seed)
    now = dt.datetime(2026, 1, 1)
    with warehouse.connect(path) as con:
        warehouse.migrate(con)
        warehouse.insert_rows(
            con,
            "dml/insert_dim_actor.sql",
            [
                {"actor_key": actor_key(p), "name": p.name, "country": p.country, "sector": None}
                for p in PARTIES
            ],
        )
        warehouse.insert_rows(
            con,
            "dml/insert_dim_location.sql",
            [
                {"location_key": location_key(p), "name": p.name, "country": p.country}
                | {"lat": None, "lon": None}
                for p in PLACES
            ],
        )
        arts, rows = [], []
        for i in range(articles):
            aid = f"b{i:07d}"
            published = FIRST_DAY + dt.timedelta(days=i // per_day)
            arts.append(
                {
                    "article_id": aid,
                    "content_hash": f"{i:032x}",
                    "source": f"Source {i % 7}",
                    "title": None,
                    "url": None,
                    "published": published,
                    "published_how": "manifest",
                    "language": "en",
                    "source_path": None,
                    "sentences": 10,
                    "extractor_version": VERSION,
                    "flow_run_id": None,
                    "ingested_at": now,
                }
            )
            for n, s in enumerate(_mentions_of(rng, published)):
                rows.append(
                    {
                        "mention_id": f"{aid}-{n}",
                        "article_id": aid,
                        "event_type": s["type"],
                        "subtype": s["subtype"],
                        "status": s["status"],
                        "event_date": s["date"],
                        "date_precision": s["precision"],
                        "date_text": s["date_text"],
                        "actor_key": actor_key(s["actor"]),  # type: ignore[arg-type]
                        "target_key": actor_key(s["target"]),  # type: ignore[arg-type]
                        "location_key": location_key(s["location"]),  # type: ignore[arg-type]
                        "evidence": "x",
                        "evidence_start": n * 10,
                        "evidence_end": n * 10 + 5,
                        "mention_spans": "[]",
                        "confidence": 0.5,
                        "extractor_version": VERSION,
                        "flow_run_id": None,
                    }
                )
        with warehouse.transaction(con):
            warehouse.insert_rows(con, "dml/upsert_dim_article.sql", arts)
            warehouse.insert_rows(con, "dml/insert_event_mention.sql", rows)
        with warehouse.transaction(con):
            stats = warehouse.rebuild_events(con, full=True)
        print(f"built {path}: {articles:,} articles, {stats.describe()}", file=sys.stderr)


def load_tick(path: Path, n: int, seed: int, back: int = 0) -> None:
    """Load ``n`` new articles published the day after the last (or ``back`` days before
    that), without the rebuild."""
    rng = random.Random(seed + 1)
    with warehouse.connect(path) as con:
        warehouse.migrate(con)  # a cached base may predate the schema's latest DDL
        (last,) = con.execute("SELECT max(published) FROM dim_article").fetchone()
        published = last + dt.timedelta(days=1 - back)
        arts, results = [], []
        for i in range(n):
            aid = f"t{i:04d}"
            events = tuple(
                Event(
                    event_id=f"{aid}-{k}",
                    article_id=aid,
                    type=s["type"],  # type: ignore[arg-type]
                    subtype=s["subtype"],  # type: ignore[arg-type]
                    status=s["status"],  # type: ignore[arg-type]
                    date=s["date"],  # type: ignore[arg-type]
                    precision=s["precision"],  # type: ignore[arg-type]
                    date_text=s["date_text"],  # type: ignore[arg-type]
                    actor=s["actor"],  # type: ignore[arg-type]
                    target=s["target"],  # type: ignore[arg-type]
                    location=s["location"],  # type: ignore[arg-type]
                    evidence="x",
                    evidence_start=k * 10,
                    evidence_end=k * 10 + 5,
                    confidence=0.5,
                )
                for k, s in enumerate(_mentions_of(rng, published))
            )
            art = Article(
                article_id=aid,
                raw_text="x",
                content_hash=f"{10**9 + i:032x}",
                published=published,
                published_how="manifest",
                source="Source T",
            )
            arts.append(art)
            results.append(
                ExtractionResult(
                    article_id=aid,
                    content_hash=art.content_hash,
                    extractor_version=VERSION,
                    events=events,
                )
            )
        warehouse.load(con, arts, results, flow_run_id="tick", rebuild=False)


def one(path: Path, full: bool, digest: bool) -> dict[str, object]:
    """One rebuild, rolled back: its time, size and memory (run in a fresh process)."""
    import psutil

    with warehouse.connect(path) as con:
        before = psutil.Process().memory_info().rss
        con.execute("BEGIN TRANSACTION")
        try:
            t0 = time.perf_counter()
            stats = warehouse.rebuild_events(con, full=full)
            seconds = time.perf_counter() - t0
            rows = None
            if digest:
                rows = [
                    con.execute(
                        f"SELECT count(*), bit_xor(hash(t))::VARCHAR FROM {table} AS t"
                    ).fetchone()
                    for table in ("fct_event", "fct_event_mention_bridge", "dim_date")
                ]
        finally:
            con.execute("ROLLBACK")
    peak = _high_water()
    return {
        "seconds": seconds,
        "peak_mb": peak / 2**20,
        "added_mb": (peak - before) / 2**20,
        "mentions": stats.mentions,
        "events": stats.events,
        "replaced": stats.events_replaced,
        "rounds": stats.rounds,
        "full": stats.full,
        "rows": rows,
    }


def _high_water() -> int:
    """This process's peak RSS in bytes: VmHWM, which starts afresh at exec (ru_maxrss would
    carry the parent's peak over into the child on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(path: Path, full: bool, digest: bool = False) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", "full" if full else "incremental"]
    cmd += ["--warehouse", str(path)] + (["--digest"] if digest else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--per-day", type=int, default=100)
    ap.add_argument("--tick", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument(
        "--back",
        type=int,
        default=0,
        help="publish the tick this many days before the day after the last (an archive "
        "loaded after newer articles: every later mention may be reached)",
    )
    ap.add_argument(
        "--base",
        type=Path,
        default=None,
        help="the base warehouse, built when missing (default: a file in the temp folder "
        "named after --articles, --per-day and --seed, kept for the next run)",
    )
    ap.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--one", choices=["full", "incremental"], help=argparse.SUPPRESS)
    ap.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.warehouse, args.one == "full", args.digest)))
        return

    name = f"ne-bench-incr-{args.articles}-{args.per_day}-{args.seed}.duckdb"
    base = args.base or Path(tempfile.gettempdir()) / name
    if not base.exists():
        t0 = time.perf_counter()
        build(base, args.articles, args.per_day, args.seed)
        print(f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="ne-bench-incr-"))
    path = work / "events.duckdb"
    shutil.copyfile(base, path)
    load_tick(path, args.tick, args.seed, args.back)
    with warehouse.connect(path, read_only=True) as con:
        (mentions,) = con.execute("SELECT count(*) FROM fct_event_mention").fetchone()
        (events,) = con.execute("SELECT count(*) FROM fct_event").fetchone()
    print(
        f"warehouse: {args.articles:,} articles, {mentions:,} mentions, {events:,} events "
        f"before the tick; tick: {args.tick} new articles, published "
        f"{'the day after the last' if not args.back else f'{args.back} days before that'}"
    )
    runs: dict[bool, list[dict[str, object]]] = {True: [], False: []}
    for _ in range(args.repeats):
        for full in (True, False):
            runs[full].append(_child(path, full))
    same = _child(path, True, digest=True)["rows"] == _child(path, False, digest=True)["rows"]
    print()
    print("| rebuild | runs | median s (min-max) | peak RSS MB | added RSS MB | mentions clustered "
          "| events replaced | events written |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    med = {}
    for full in (True, False):
        rs = runs[full]
        secs = [float(r["seconds"]) for r in rs]  # type: ignore[arg-type]
        med[full] = statistics.median(secs)
        peak = statistics.median(float(r["peak_mb"]) for r in rs)  # type: ignore[arg-type]
        added = statistics.median(float(r["added_mb"]) for r in rs)  # type: ignore[arg-type]
        last = rs[-1]
        kind = "full" if full else f"incremental ({last['rounds']} rounds)"
        print(
            f"| {kind} | {len(rs)} | {med[full]:.3f} ({min(secs):.3f}-{max(secs):.3f}) "
            f"| {peak:.0f} | {added:.0f} | {last['mentions']:,} | {last['replaced']:,} "
            f"| {last['events']:,} |"
        )
    print()
    print(f"full / incremental time: {med[True] / med[False]:.1f}x; same rows: {same}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

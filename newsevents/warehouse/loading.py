"""Loading the warehouse: articles, event mentions, quarantined inputs and file manifest rows
in one transaction, and the derived tables (``fct_event``, its bridge, ``dim_date``) rebuilt
from the mentions: incrementally, only the events a load's changes can reach
(:mod:`newsevents.dedup_scope`), or in full.

DuckDB allows one writer process per file, so every write goes through :func:`load` from a
single task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import get_args

import duckdb

from newsevents import dedup, dedup_scope
from newsevents.staging import FileStat, Unread
from newsevents.warehouse.connection import (
    insert_rows,
    read_sql,
    records,
    rows_named,
    transaction,
)
from schemas import (
    Article,
    Event,
    EventCluster,
    ExtractionFailureReason,
    ExtractionResult,
    Location,
    Party,
    QuarantinedInput,
)


def key(*parts: object) -> str:
    """A short stable key from the parts (used for dimension keys)."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def actor_key(party: Party | None) -> str | None:
    return None if party is None else key(party.name, party.country, party.sector)


def location_key(loc: Location | None) -> str | None:
    return None if loc is None else key(loc.name, loc.country)


@dataclass(frozen=True)
class LoadedArticle:
    """What the warehouse already holds for an article id."""

    content_hash: str
    extractor_version: str


def loaded_articles(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str] | None = None
) -> dict[str, LoadedArticle]:
    """Article ids already loaded (all, or those of ``ids``), with their hash and version."""
    if ids is None:
        cur = con.execute("SELECT article_id, content_hash, extractor_version FROM dim_article")
    else:
        cur = con.execute(read_sql("dml/select_loaded_articles.sql"), {"article_ids": list(ids)})
    return {
        r["article_id"]: LoadedArticle(r["content_hash"], r["extractor_version"])
        for r in records(cur)
    }


def known_files(
    con: duckdb.DuckDBPyConnection,
    stats: Sequence[FileStat],
    extractor_version: str | None = None,
) -> dict[str, Unread]:
    """The files of ``stats`` staging need not read, by path (see ``stg_file_manifest``).

    A file is known when the manifest holds its path, article id, size, mtime and
    metadata digest, and ``dim_article`` holds the content it staged to, extracted by
    ``extractor_version`` (any version when None). The manifest is read by the range
    of the paths asked about (staging asks in path order, so a range is one stretch
    of the table), and the rows compared here.
    """
    if not stats:
        return {}
    want = {s.path: s for s in stats}
    cur = con.execute(
        read_sql("dml/select_known_files.sql"),
        {"first_path": min(want), "last_path": max(want), "extractor_version": extractor_version},
    )
    out = {}
    # unpacked by position (a million-file rerun reads as many rows), the names checked first
    columns = ("path", "article_id", "size", "mtime_ns", "meta_key", "content_hash", "published")
    for path, art_id, size, mtime_ns, mkey, digest, published in rows_named(cur, columns):
        s = want.get(path)
        if s is not None and (s.article_id, s.size, s.mtime_ns, s.meta_key) == (
            art_id,
            size,
            mtime_ns,
            mkey,
        ):
            out[path] = Unread(art_id, digest, path, published)
    return out


def record_files(con: duckdb.DuckDBPyConnection, files: Sequence[tuple[FileStat, str]]) -> None:
    """Write the file manifest rows of files just staged (stat, content hash)."""
    latest = {stat.path: (stat, digest) for stat, digest in files}
    insert_rows(
        con,
        "dml/upsert_stg_file_manifest.sql",
        [
            {
                "path": st.path,
                "article_id": st.article_id,
                "size": st.size,
                "mtime_ns": st.mtime_ns,
                "meta_key": st.meta_key,
                "content_hash": digest,
            }
            for st, digest in latest.values()
        ],
    )


def load(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    results: Sequence[ExtractionResult],
    quarantined: Iterable[QuarantinedInput] = (),
    *,
    flow_run_id: str | None = None,
    now: dt.datetime | None = None,
    files: Sequence[tuple[FileStat, str]] = (),
    rebuild: bool = True,
) -> int:
    """Write articles, their events, quarantined inputs and file manifest rows in one transaction.

    An article's previous mentions are replaced, so a reprocessed article never
    doubles; the articles and the mentions they held are recorded for the next
    incremental rebuild. With ``rebuild``, ``fct_event``, its bridge and ``dim_date``
    are rebuilt (incrementally) before the commit; without it (one window of a
    streaming run), they are left stale, for :func:`finish` to rebuild once.
    Returns the number of mentions written.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    by_id = {r.article_id: r for r in results}
    missing = [a.article_id for a in articles if a.article_id not in by_id]
    if missing:
        raise ValueError(f"no extraction result for {missing}")
    mentions = [
        _mention_row(ev, res.extractor_version, flow_run_id)
        for art in articles
        for res in (by_id[art.article_id],)
        for ev in res.events
    ]
    with transaction(con):
        # the record commits with the mentions: a run killed before its rebuild leaves it,
        # and the next run's stale check finds it (taken before dim_article changes: the
        # old mentions are recorded as deduplication read them)
        _record_changes(con, [a.article_id for a in articles])
        _write_articles(con, articles, by_id, flow_run_id, now)
        _write_events(con, articles, by_id, mentions)
        _clear_extraction_failures(con, articles)
        inserted = _write_quarantine(con, quarantined, flow_run_id, now)
        record_files(con, files)
        # derived tables are rebuilt in the same transaction, so a load never leaves them stale;
        # a load with no article and no new quarantine row changes no mention, so a no-op
        # rerun skips the rebuild unless the derived tables are out of step with the mentions
        if rebuild and (articles or inserted or derived_stale(con)):
            rebuild_events(con)
    return len(mentions)


def derived_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when articles were loaded without a rebuild, or the bridge is out of step.

    One query over counts: the changed articles, an older version's rebuild mark, and one
    bridge row per mention.
    """
    return bool(con.execute(read_sql("dml/select_derived_stale.sql")).fetchone()[0])


def finish(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> RebuildStats | None:
    """Rebuild the derived tables in one transaction if they are stale (with ``full``,
    always, over every mention); what the rebuild did, or None when nothing was stale."""
    if not full and not derived_stale(con):
        return None
    with transaction(con):
        return rebuild_events(con, full=full)


def _record_changes(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Record ``article_ids`` as changed, with the mentions they hold now (before the load
    replaces them), for the next incremental rebuild."""
    if article_ids:
        params = {"article_ids": article_ids}
        con.execute(read_sql("dml/insert_dedup_removed.sql"), params)
        con.execute(read_sql("dml/insert_dedup_changed.sql"), params)


def _write_articles(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    by_id: dict[str, ExtractionResult],
    flow_run_id: str | None,
    now: dt.datetime,
) -> None:
    if not articles:
        return
    texts = {
        art.content_hash: {
            "content_hash": art.content_hash,
            "raw_text": art.raw_text,
            "body_spans": json.dumps([[s.start, s.end] for s in art.body]),
        }
        for art in articles
    }
    insert_rows(con, "dml/insert_stg_article_text.sql", list(texts.values()))
    # a repeated id is written once, as its last row was (ON CONFLICT keeps the first of a batch)
    latest = {art.article_id: art for art in articles}
    insert_rows(
        con,
        "dml/upsert_dim_article.sql",
        [_article_row(a, by_id[a.article_id], flow_run_id, now) for a in latest.values()],
    )


def _article_row(
    art: Article, res: ExtractionResult, flow_run_id: str | None, now: dt.datetime
) -> dict[str, object]:
    return {
        "article_id": art.article_id,
        "content_hash": art.content_hash,
        "source": art.source,
        "title": art.title,
        "url": art.url,
        "published": art.published,
        "published_how": art.published_how,
        "language": art.language,
        "source_path": art.source_path,
        "sentences": res.sentences,
        "extractor_version": res.extractor_version,
        "flow_run_id": flow_run_id,
        "ingested_at": now,
    }


def _write_events(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    by_id: dict[str, ExtractionResult],
    mentions: list[dict[str, object]],
) -> None:
    """Replace the mentions of ``articles``, adding the actors and places they name."""
    if not articles:
        return
    con.execute(
        read_sql("dml/delete_article_mentions.sql"),
        {"article_ids": [a.article_id for a in articles]},
    )
    actors: dict[str, dict[str, object]] = {}
    places: dict[str, dict[str, object]] = {}
    for art in articles:
        for ev in by_id[art.article_id].events:
            for party in (ev.actor, ev.target):
                if party is not None:
                    k = actor_key(party)
                    actors.setdefault(
                        k,
                        {
                            "actor_key": k,
                            "name": party.name,
                            "country": party.country,
                            "sector": party.sector,
                        },
                    )
            if ev.location is not None:
                loc = ev.location
                k = location_key(loc)
                places.setdefault(
                    k,
                    {
                        "location_key": k,
                        "name": loc.name,
                        "country": loc.country,
                        "lat": loc.lat,
                        "lon": loc.lon,
                    },
                )
    insert_rows(con, "dml/insert_dim_actor.sql", list(actors.values()))
    insert_rows(con, "dml/insert_dim_location.sql", list(places.values()))
    insert_rows(con, "dml/insert_event_mention.sql", mentions)


def _mention_row(ev: Event, extractor_version: str, flow_run_id: str | None) -> dict[str, object]:
    return {
        "mention_id": ev.event_id,
        "article_id": ev.article_id,
        "event_type": ev.type,
        "subtype": ev.subtype,
        "status": ev.status,
        "event_date": ev.date,
        "date_precision": ev.precision,
        "date_text": ev.date_text,
        "actor_key": actor_key(ev.actor),
        "target_key": actor_key(ev.target),
        "location_key": location_key(ev.location),
        "evidence": ev.evidence,
        "evidence_start": ev.evidence_start,
        "evidence_end": ev.evidence_end,
        "mention_spans": json.dumps([[m.start, m.end] for m in ev.mentions]),
        "confidence": ev.confidence,
        "extractor_version": extractor_version,
        "flow_run_id": flow_run_id,
    }


def quarantine_key(q: QuarantinedInput) -> str:
    """The key of a quarantined input: the same input for the same reason is recorded once."""
    return key(q.source_path, q.reason, q.content_hash, q.article_id)


def new_quarantine(con: duckdb.DuckDBPyConnection, quarantined: Sequence[QuarantinedInput]) -> int:
    """How many of ``quarantined`` the quarantine table does not hold yet."""
    if not quarantined:
        return 0
    keys = [quarantine_key(q) for q in quarantined]
    (count,) = con.execute(
        read_sql("dml/select_new_quarantine.sql"), {"quarantine_keys": keys}
    ).fetchone()
    return int(count)


def _clear_extraction_failures(con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> None:
    """Drop the extraction-failure rows of articles that now load (a fixed extractor, or a
    timeout that did not recur); the rows of inputs that could not be staged stay."""
    if articles:
        con.execute(
            read_sql("dml/delete_article_quarantine.sql"),
            {
                "article_ids": [a.article_id for a in articles],
                "reasons": list(get_args(ExtractionFailureReason)),
            },
        )


def _write_quarantine(
    con: duckdb.DuckDBPyConnection,
    quarantined: Iterable[QuarantinedInput],
    flow_run_id: str | None,
    now: dt.datetime,
) -> int:
    """Record quarantined inputs not yet held; return how many rows were new."""
    rows = {
        quarantine_key(q): {
            "quarantine_key": quarantine_key(q),
            "source_path": q.source_path,
            "article_id": q.article_id,
            "content_hash": q.content_hash,
            "reason": q.reason,
            "message": q.message,
            "flow_run_id": flow_run_id,
            "first_seen_at": now,
        }
        for q in quarantined
    }
    if not rows:
        return 0
    (before,) = con.execute("SELECT count(*) FROM quarantine").fetchone()
    insert_rows(con, "dml/insert_quarantine.sql", list(rows.values()))
    (after,) = con.execute("SELECT count(*) FROM quarantine").fetchone()
    return int(after - before)


@dataclass(frozen=True)
class RebuildStats:
    """What one rebuild of the derived tables did, for the run's log."""

    full: bool
    """True when every mention was clustered again: asked for, changes reaching too many
    mentions (:func:`incremental_limit`), or changes that were not recorded."""
    changed: int
    """Mentions loaded, or removed by a reload, since the last rebuild."""
    mentions: int
    """Mentions clustered again (all of them in a full rebuild)."""
    events_replaced: int
    """Events of the last rebuild deleted (all of them in a full rebuild)."""
    events: int
    """Events written in their place."""
    rounds: int
    """Passes of the incremental search (0 for a full rebuild)."""
    seconds: float

    def describe(self) -> str:
        """One line for a log: the time, the kind and the size."""
        kind = "in full" if self.full else f"incrementally ({self.rounds} rounds)"
        return (
            f"deduplicated events rebuilt in {self.seconds:.2f} s, {kind}: {self.changed:,} "
            f"mentions changed; {self.mentions:,} clustered into {self.events:,} events, "
            f"replacing {self.events_replaced:,}"
        )


def rebuild_events(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> RebuildStats:
    """Re-derive ``fct_event``, ``fct_event_mention_bridge`` and ``dim_date`` from the mentions.

    Incremental unless ``full``: only the events the mentions changed since the last rebuild
    can reach are deleted and written again (:mod:`newsevents.dedup_scope`), with the same
    rows a full rebuild would write. It is a full one when the scope would pass
    :func:`incremental_limit` (a ``--reprocess`` of everything, a first load), and when the
    changes were not recorded (an older version's rebuild mark, or a bridge out of step with
    the mentions afterwards). Runs inside the caller's transaction, and clears what was
    recorded.
    """
    started = time.perf_counter()
    changed, full_pending, total = con.execute(read_sql("dml/select_dedup_pending.sql")).fetchone()
    limit = incremental_limit(int(total))
    stats = None
    if not (full or full_pending or changed > limit):
        stats = _rebuild_incremental(con, int(changed), limit)
    con.execute(read_sql("dml/delete_dedup_changes.sql"))
    # with nothing recorded any more, a bridge out of step with the mentions means changes
    # that were not recorded: only a full rebuild repairs those
    if stats is None or derived_stale(con):
        stats = _rebuild_full(con, int(changed))
    con.execute("DELETE FROM dim_date")
    con.execute(read_sql("dml/insert_dim_date.sql"))
    return replace(stats, seconds=time.perf_counter() - started)


def _rebuild_full(con: duckdb.DuckDBPyConnection, changed: int) -> RebuildStats:
    """Every mention clustered again; every event written again."""
    (replaced,) = con.execute("SELECT count(*) FROM fct_event").fetchone()
    records = mention_records(con)
    events = dedup.cluster(records)
    con.execute("DELETE FROM fct_event_mention_bridge")
    con.execute("DELETE FROM fct_event")
    _insert_events(con, events)
    return RebuildStats(True, changed, len(records), int(replaced), len(events), 0, 0.0)


INCREMENTAL_FLOOR = 10_000
"""An incremental rebuild may reach this many mentions, or a quarter of them if more."""


def incremental_limit(mentions: int) -> int:
    """The most mentions an incremental rebuild may cluster again in a warehouse of
    ``mentions``: past that, clustering every mention costs less than searching for them."""
    return max(INCREMENTAL_FLOOR, mentions // 4)


def _rebuild_incremental(
    con: duckdb.DuckDBPyConnection, changed: int, limit: int
) -> RebuildStats | None:
    """The events the recorded changes reach, written again; None (nothing written) when
    they reach more than ``limit`` mentions."""
    current, removed = [], []
    for held, was_removed in _held(con.execute(read_sql("dml/select_dedup_changes.sql"))):
        (removed if was_removed else current).append(held)
    scope = dedup_scope.rebuild_scope(
        current, removed, _Near(con), lambda keys: _members(con, keys), limit
    )
    if scope is None:
        return None
    events = dedup.cluster(scope.mentions)
    keys = {"event_keys": sorted(scope.event_keys)}
    con.execute(read_sql("dml/delete_event_bridge_rows.sql"), keys)
    con.execute(read_sql("dml/delete_events.sql"), keys)
    _insert_events(con, events)
    return RebuildStats(
        False,
        changed,
        len(scope.mentions),
        len(scope.event_keys),
        len(events),
        scope.rounds,
        0.0,
    )


_RECORD_FIELDS = [f.name for f in fields(dedup.MentionRecord)]


def _held(cur: duckdb.DuckDBPyConnection) -> Iterable[tuple[dedup_scope.Held, bool]]:
    """Rows of the dedup selects (a mention, its ``event_key``, maybe a ``removed`` flag) as held
    mentions, built by column name."""
    cols = [d[0] for d in cur.description]
    extra = [c for c in cols if c not in _RECORD_FIELDS]
    if sorted(c for c in cols if c in _RECORD_FIELDS) != sorted(_RECORD_FIELDS) or not set(
        extra
    ) <= {"event_key", "removed"}:
        raise ValueError(f"the columns {cols} do not name a held mention")
    for row in cur.fetchall():
        values = dict(zip(cols, row, strict=True))
        key_ = values.pop("event_key", None)
        removed = bool(values.pop("removed", False))
        yield dedup_scope.Held(dedup.MentionRecord(**values), key_), removed


class _Near:
    """``dedup_scope.NearFn`` over the warehouse: the ids of each round's candidates
    (sql/dml/select_dedup_near.sql), and the rows of those not read yet
    (sql/dml/select_dedup_mentions.sql): a mention met in many rounds is read once."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.read: dict[str, dedup_scope.Held] = {}

    def __call__(
        self, reaches: Sequence[dedup_scope.Reach], since: dt.date, exclude: Collection[str]
    ) -> list[dedup_scope.Held]:
        if not reaches:
            return []
        params = {
            "event_type": [r.event_type for r in reaches],
            "status": [r.status for r in reaches],
            "lo": [r.lo for r in reaches],
            "hi": [r.hi for r in reaches],
            "late": [r.late for r in reaches],
            "since": since,
            "first": min(r.lo for r in reaches),
            "last": max(r.hi for r in reaches),
            "exclude": list(exclude),
        }
        cur = self.con.execute(read_sql("dml/select_dedup_near.sql"), params)
        ids = [i for (i,) in rows_named(cur, ["mention_id"])]
        unread = [i for i in ids if i not in self.read]
        if unread:
            cur = self.con.execute(
                read_sql("dml/select_dedup_mentions.sql"), {"mention_ids": unread}
            )
            self.read.update((h.record.mention_id, h) for h, _ in _held(cur))
        return [self.read[i] for i in ids if i in self.read]


def _members(con: duckdb.DuckDBPyConnection, event_keys: Sequence[str]) -> list[dedup_scope.Held]:
    """``dedup_scope.MembersFn`` over the warehouse (sql/dml/select_dedup_members.sql)."""
    cur = con.execute(read_sql("dml/select_dedup_members.sql"), {"event_keys": list(event_keys)})
    return [h for h, _ in _held(cur)]


def _insert_events(con: duckdb.DuckDBPyConnection, events: Sequence[EventCluster]) -> None:
    insert_rows(con, "dml/insert_fct_event.sql", [_fct_event_row(e) for e in events])
    insert_rows(
        con,
        "dml/insert_event_mention_bridge.sql",
        [
            {"mention_id": lk.mention_id, "event_key": lk.event_key, "rule": lk.rule}
            for e in events
            for lk in e.links
        ],
    )


def mention_records(con: duckdb.DuckDBPyConnection) -> list[dedup.MentionRecord]:
    """Every mention as deduplication reads it, built from the query's named columns."""
    cur = con.execute(read_sql("dml/select_mentions_for_dedup.sql"))
    return dedup.MentionRecord.from_rows([d[0] for d in cur.description], cur.fetchall())


def _fct_event_row(e: EventCluster) -> dict[str, object]:
    return {
        "event_key": e.event_key,
        "event_type": e.event_type,
        "subtype": e.subtype,
        "status": e.status,
        "first_reported": e.first_reported,
        "last_reported": e.last_reported,
        "n_articles": e.n_articles,
        "n_sources": e.n_sources,
        "n_mentions": e.n_mentions,
        "event_date": e.event_date,
        "date_precision": e.date_precision,
        "date_conflicts": e.date_conflicts,
        "actor_key": e.actor_key,
        "target_key": e.target_key,
        "location_key": e.location_key,
        "lead_mention_id": e.lead_mention_id,
    }

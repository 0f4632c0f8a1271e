"""DuckDB warehouse I/O: schema migration, transactional loads, checks and reads.

All SQL lives in ``sql/``; values are always bound as parameters. DuckDB allows
one writer process per file, so every write goes through :func:`load` from a
single task, and readers open the file read-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import duckdb

from newsevents import dedup
from newsevents.lexicon import read_tsv
from newsevents.staging import FileStat, Unread
from newsevents.values import json_default
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


class WarehouseError(RuntimeError):
    """A warehouse problem with a message meant for the user, not a traceback."""


def sql_dir() -> Path:
    """The ``sql/`` folder: beside the package in a checkout, inside it in a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "sql", here / "_sql"):
        if candidate.is_dir():
            return candidate
    raise WarehouseError(f"cannot find the sql/ folder near {here}")


def read_sql(relative: str) -> str:
    """Read one ``.sql`` file from the ``sql/`` folder."""
    return (sql_dir() / relative).read_text(encoding="utf-8")


_LOCK_PID = re.compile(r"PID (\d+)")


@contextmanager
def connect(
    path: Path,
    *,
    read_only: bool = False,
    retries: int | None = None,
    wait: float | None = None,
    config: Mapping[str, object] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying a bounded number of times while another process holds it.

    ``retries`` and ``wait`` default to the ``lock_retries`` and
    ``lock_wait_seconds`` settings. A write connection first checks that the
    folder is writable and has room, so a full disk fails before any work.
    ``config`` holds DuckDB settings applied at open (see :func:`user_sql_config`).
    """
    import shutil

    from newsevents.settings import get_settings

    settings = get_settings()
    retries = settings.lock_retries if retries is None else retries
    wait = settings.lock_wait_seconds if wait is None else wait
    if not read_only:
        _check_writable(path)
        # DuckDB needs room for its WAL and checkpoint; failing mid-load is the worse error.
        min_free = 16 * 1024 * 1024
        free = shutil.disk_usage(path.parent).free
        if free < min_free:
            raise WarehouseError(
                f"cannot write the warehouse at {path}: only {free // 1024} KiB free on its "
                f"disk (at least {min_free // (1024 * 1024)} MiB needed)"
            )
    elif not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `newsevents run` first")
    attempt = 0
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(config or {}))
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseError(f"cannot open {path}: {exc}") from exc
            if attempt >= retries:
                # DuckDB says "Conflicting lock is held in /usr/bin/python3 (PID 123)".
                held = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
                pid = _LOCK_PID.search(str(exc))
                if held:
                    holder = f"process {held.group(2)} ({Path(held.group(1)).name})"
                else:
                    holder = f"process {pid.group(1)}" if pid else "another process"
                raise WarehouseError(
                    f"the warehouse {path} is locked by {holder} (an open duckdb shell or "
                    f"another newsevents run); tried {retries + 1} times. Close it and rerun."
                ) from exc
            attempt += 1
            time.sleep(wait * attempt)
    try:
        yield con
    finally:
        con.close()


def user_sql_config(*, allow_files: bool = False) -> dict[str, object]:
    """DuckDB settings for running a user's SQL on a read-only warehouse (``newsevents query``).

    Without ``allow_files`` the SQL reaches the warehouse file and nothing else: no file read
    or write (``read_csv``, ``COPY ... TO``, ``EXPORT DATABASE``, ``ATTACH``, ``glob``), no
    network and no spill folder. Either way extensions are neither installed nor loaded on
    demand, and the configuration is locked, so the SQL cannot ``SET`` its way back out.
    """
    config: dict[str, object] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "lock_configuration": True,
    }
    if not allow_files:
        # DuckDB may still write spill files beside the database, and SQL could COPY there.
        config |= {"enable_external_access": False, "temp_directory": ""}
    return config


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-probe-{time.time_ns()}"
        probe.write_bytes(b"x")
        probe.unlink()
    except OSError as exc:
        raise WarehouseError(f"cannot write the warehouse at {path}: {exc.strerror}") from exc


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: committed at its end, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the numbered DDL files not yet recorded in ``schema_version``; return those applied."""
    con.execute(read_sql("ddl/001_schema_version.sql"))
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    for path in sorted((sql_dir() / "ddl").glob("[0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:3])
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_version (version, name) VALUES ($version, $name)",
                {"version": version, "name": path.stem},
            )
        applied.append(version)
    for path in sorted((sql_dir() / "views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    _seed_countries(con)
    return applied


def country_codes() -> list[tuple[str, str, str]]:
    """Valid actor country codes as ``(code, name, kind)``: ISO-3 countries, then IGO bodies."""
    rows = {r[0]: (r[0], r[1].split("|")[0], "country") for r in read_tsv("countries.tsv")}
    for r in read_tsv("igos.tsv"):
        rows.setdefault(r[0], (r[0], r[1], "igo"))
    return sorted(rows.values())


def _seed_countries(con: duckdb.DuckDBPyConnection) -> None:
    # refreshed from the data files on every migrate; same content gives the same checksum
    wanted = country_codes()
    held = con.execute("SELECT country_code, name, kind FROM dim_country ORDER BY 1").fetchall()
    if held == wanted:
        return
    with transaction(con):
        con.execute("DELETE FROM dim_country")
        insert_rows(
            con,
            "dml/insert_dim_country.sql",
            [{"country_code": code, "name": name, "kind": kind} for code, name, kind in wanted],
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
    doubles. With ``rebuild``, ``fct_event``, its bridge and ``dim_date`` are
    rebuilt before the commit; without it (one window of a streaming run), they
    are marked stale instead, for :func:`finish` to rebuild once.
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
        _write_articles(con, articles, by_id, flow_run_id, now)
        _write_events(con, articles, by_id, mentions)
        _clear_extraction_failures(con, articles)
        inserted = _write_quarantine(con, quarantined, flow_run_id, now)
        record_files(con, files)
        if not rebuild:
            # the mark commits with the mentions: a run killed before its final rebuild
            # leaves it, and the next run's stale check repairs the derived tables
            if articles:
                con.execute(
                    read_sql("dml/insert_rebuild_pending.sql"),
                    {"flow_run_id": flow_run_id, "marked_at": now},
                )
        # derived tables are rebuilt in the same transaction, so a load never leaves them stale;
        # a load with no article and no new quarantine row changes no mention, so a no-op
        # rerun skips the rebuild unless the derived tables are out of step with the mentions
        elif articles or inserted or derived_stale(con):
            rebuild_events(con)
    return len(mentions)


def derived_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a window was loaded without a rebuild, or the bridge is out of step.

    One query over counts: the rebuild mark, and one bridge row per mention.
    """
    return bool(con.execute(read_sql("dml/select_derived_stale.sql")).fetchone()[0])


def finish(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the derived tables in one transaction if they are stale; True if it did."""
    if not derived_stale(con):
        return False
    with transaction(con):
        rebuild_events(con)
    return True


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


def insert_rows(
    con: duckdb.DuckDBPyConnection, sql_file: str, rows: Sequence[Mapping[str, object]]
) -> None:
    """Run ``sql_file`` once, binding each column of ``rows`` as one list parameter of its name.

    One statement per table rather than one per row (DuckDB's executemany costs about 1 ms a
    row). The statement names its parameters (``$name``), so a column the SQL does not expect
    or one it misses fails instead of shifting the others.
    """
    if rows:
        con.execute(read_sql(sql_file), {name: [row[name] for row in rows] for name in rows[0]})


def records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def rows_named(cur: duckdb.DuckDBPyConnection, names: Sequence[str]) -> list[tuple[Any, ...]]:
    """The rows of an executed query whose columns must be ``names``, in that order.

    For code that unpacks many rows by position: the query's column names are checked once.
    """
    got = tuple(d[0] for d in cur.description)
    if got != tuple(names):
        raise ValueError(f"the query's columns are {got}, not {tuple(names)}")
    return cur.fetchall()


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


def rebuild_events(con: duckdb.DuckDBPyConnection) -> list[EventCluster]:
    """Re-derive ``fct_event``, ``fct_event_mention_bridge`` and ``dim_date`` from the mentions.

    Runs inside the caller's transaction, and clears the rebuild mark.
    Deterministic: the same mentions give the same rows.
    """
    events = dedup.cluster(mention_records(con))
    con.execute("DELETE FROM fct_event_mention_bridge")
    con.execute("DELETE FROM fct_event")
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
    con.execute("DELETE FROM dim_date")
    con.execute(read_sql("dml/insert_dim_date.sql"))
    con.execute("DELETE FROM stg_rebuild_pending")
    return events


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


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Run every data check in ``sql/checks``; return offending-row counts by check name."""
    out = {}
    for path in sorted((sql_dir() / "checks").glob("*.sql")):
        rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
        out[path.stem] = len(rows)
    return out


def export_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Rows of ``v_event_export`` as JSON-ready dicts (the export contract)."""
    return records(con.execute("SELECT * FROM v_event_export"))


EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_VIEWS = {"mentions": "v_event_export", "events": "v_event_export_events"}


def export(
    con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "jsonl", what: str = "mentions"
) -> int:
    """Write the mentions (``v_event_export``) or events (``v_event_export_events``) to ``out``.

    jsonl writes one JSON object a line (the mentions export is the guideline contract);
    csv and parquet are written by DuckDB from a relation, whose writers take the path as a
    Python string, so the path is never spliced into SQL. Returns the number of rows.
    """
    if fmt not in EXPORT_FORMATS:
        raise WarehouseError(
            f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}"
        )
    if what not in EXPORT_VIEWS:
        raise WarehouseError(f"unknown export {what!r}: use one of {', '.join(EXPORT_VIEWS)}")
    if out.is_dir():
        raise WarehouseError(f"{out} is a folder: give a file name to export to")
    if not out.parent.is_dir():
        raise WarehouseError(f"cannot export to {out}: the folder {out.parent} does not exist")
    rel = con.sql(f"SELECT * FROM {_ident(EXPORT_VIEWS[what])}")
    if fmt == "csv":
        rel = con.sql(_flat_select(rel, EXPORT_VIEWS[what]))
    if fmt == "jsonl":
        cols = rel.columns
        rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
        try:
            with out.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False, default=json_default) + "\n")
        except OSError as exc:
            raise WarehouseError(f"cannot write {out}: {exc.strerror}") from exc
        return len(rows)
    try:
        if fmt == "csv":
            rel.write_csv(str(out), header=True)
        else:
            rel.write_parquet(str(out))
    except duckdb.IOException as exc:
        raise WarehouseError(f"cannot write {out}: {exc}") from exc
    (count,) = con.execute(f"SELECT count(*) FROM {_ident(EXPORT_VIEWS[what])}").fetchall()[0]
    return int(count)


def _flat_select(rel: duckdb.DuckDBPyRelation, view: str) -> str:
    """SQL selecting ``view`` with struct fields as ``col_field`` columns and lists joined by
    ``;`` (CSV has no nested values)."""
    items = []
    for col, typ in zip(rel.columns, rel.types, strict=True):
        if typ.id == "struct":
            items += [
                f"{_ident(col)}.{_ident(f)} AS {_ident(f'{col}_{f}')}" for f, _ in typ.children
            ]
        elif typ.id == "list":
            items.append(f"array_to_string({_ident(col)}, ';') AS {_ident(col)}")
        else:
            items.append(_ident(col))
    return f"SELECT {', '.join(items)} FROM {_ident(view)}"


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content checksum of every base table."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    out = {}
    for name in tables:
        count, digest = con.execute(
            f"SELECT count(*), coalesce(bit_xor(hash(t)), 0)::VARCHAR FROM {_ident(name)} AS t"
        ).fetchone()
        out[name] = (count, digest)
    return out


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


def named_query(name: str) -> str | None:
    """The SQL of ``sql/queries/NAME.sql``, or None when ``name`` is not a query name."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        return None
    path = sql_dir() / "queries" / f"{name}.sql"
    return path.read_text(encoding="utf-8") if path.exists() else None


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, str] | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one query with named parameters bound (``$name`` in the SQL)."""
    cur = con.execute(sql, params) if params else con.execute(sql)
    if cur.description is None:
        return [], []
    return [d[0] for d in cur.description], cur.fetchall()

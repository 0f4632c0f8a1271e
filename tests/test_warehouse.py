"""Warehouse: migrations, transactional idempotent loads, checks, export, queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from newsevents import dedup, warehouse
from newsevents.staging import stage_text
from schemas import Article, Event, ExtractionResult, Location, Party, QuarantinedInput, Span

TEXT = "Officials met on Monday.\nRebels shelled the town of Kafr Nabl on Tuesday.\n"


def _article(text: str = TEXT, article_id: str = "a1") -> Article:
    art = stage_text(article_id, text, today=dt.date(2030, 1, 1))
    assert isinstance(art, Article)
    return art


def _event(art: Article, start: int, end: int, **kw: object) -> Event:
    fields = dict(
        event_id=f"{art.article_id}-{start}",
        article_id=art.article_id,
        type="attack",
        subtype="shelling",
        status="occurred",
        date=dt.date(2020, 2, 4),
        precision="day",
        date_text="on Tuesday",
        actor=Party(name="rebels", country="SYR", sector="REB"),
        target=None,
        location=Location(name="Kafr Nabl", country="SYR", lat=35.6, lon=36.6),
        evidence=art.raw_text[start:end],
        evidence_start=start,
        evidence_end=end,
        mentions=(Span(start=start, end=end),),
        confidence=0.8,
    )
    fields.update(kw)
    return Event(**fields)


def _shelling(art: Article) -> Event:
    """The rebel shelling reported on the second line of TEXT."""
    start = TEXT.index("Rebels")
    return _event(art, start, TEXT.index("\n", start))


def _result(art: Article, events: list[Event], version: str = "v1") -> ExtractionResult:
    return ExtractionResult(
        article_id=art.article_id,
        content_hash=art.content_hash,
        extractor_version=version,
        events=tuple(events),
        sentences=2,
    )


def test_migrate_is_idempotent_and_recorded(db: Path) -> None:
    with warehouse.connect(db) as con:
        first = warehouse.migrate(con)
        second = warehouse.migrate(con)
        versions = [
            r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        ]
    assert first == versions and first[0] == 1 and len(first) >= 7
    assert second == []


def test_load_rerun_and_reprocess_never_duplicate(db: Path) -> None:
    art = _article()
    ev = _shelling(art)
    q = QuarantinedInput(source_path="x.txt", reason="empty", message="the file is empty")
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, [art], [_result(art, [ev])], [q], flow_run_id="r1")
        before = warehouse.table_checksums(con)
        warehouse.load(
            con, [art], [_result(art, [ev])], [q], flow_run_id="r1", now=dt.datetime(2020, 1, 1)
        )
        # loading the same extraction again replaces rows, never adds them
        assert warehouse.table_checksums(con)["fct_event_mention"] == before["fct_event_mention"]
        assert warehouse.table_checksums(con)["quarantine"] == before["quarantine"]
        warehouse.load(
            con,
            [art],
            [
                _result(
                    art,
                    [ev, _event(art, 0, 24, type="talks", subtype="meeting", event_id="m")],
                    "v2",
                )
            ],
        )
        counts = con.execute(
            "SELECT count(*), count(DISTINCT extractor_version) FROM fct_event_mention"
        ).fetchone()
        assert counts == (2, 1)
        assert warehouse.loaded_articles(con)["a1"] == warehouse.LoadedArticle(
            art.content_hash, "v2"
        )
        assert {c.name: c.rows for c in warehouse.run_checks(con)} == {
            "event_orphan_keys": 0,
            "mention_without_evidence": 0,
            "occurred_after_publication": 0,
            "orphan_keys": 0,
            "planned_before_publication": 0,
            "unknown_actor_country": 0,
        }


def test_failed_load_rolls_back(db: Path) -> None:
    art = _article()
    bad = ExtractionResult(article_id="other", content_hash="0" * 64, extractor_version="v1")
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        with pytest.raises(ValueError):
            warehouse.load(con, [art], [bad])
        dup = _event(art, 0, 24)
        with pytest.raises(duckdb.ConstraintException):
            warehouse.load(con, [art], [_result(art, [dup, dup])])
        assert con.execute("SELECT count(*) FROM dim_article").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM fct_event_mention").fetchone() == (0,)


def test_export_contract_and_checks_catch_bad_rows(db: Path) -> None:
    art = _article()
    ev = _shelling(art)
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, [art], [_result(art, [ev])])
        (row,) = warehouse.export_rows(con)
        assert set(row) == {
            "article",
            "type",
            "subtype",
            "status",
            "date",
            "precision",
            "date_text",
            "actor",
            "target",
            "location",
            "evidence",
            "event_id",
            "confidence",
            "evidence_start",
            "evidence_end",
        }
        assert row["date"] == "2020-02-04"
        assert row["actor"] == {"name": "rebels", "country": "SYR", "sector": "REB"}
        assert row["target"] is None
        assert row["location"] == {"name": "Kafr Nabl", "country": "SYR"}
        assert TEXT[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
        con.execute("UPDATE fct_event_mention SET evidence_start = evidence_start + 1")
        con.execute("UPDATE dim_article SET published = DATE '2020-02-01'")
        checks = {c.name: c.rows for c in warehouse.run_checks(con)}
    assert checks["mention_without_evidence"] == 1
    assert checks["occurred_after_publication"] == 1


def test_query_is_read_only_and_binds_parameters(db: Path) -> None:
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
    with warehouse.connect(db, read_only=True) as con:
        cols, rows = warehouse.run_query(con, "SELECT $x::INTEGER + 1 AS y", {"x": "41"})
        assert (cols, rows) == (["y"], [(42,)])
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE evil (x INTEGER)")
    assert warehouse.named_query("events_by_type") is not None
    assert warehouse.named_query("../etc/passwd") is None


def test_unwritable_warehouse_fails_before_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with (
        pytest.raises(warehouse.WarehouseError, match="cannot write"),
        warehouse.connect(blocker / "w.duckdb"),
    ):
        pass


def test_load_builds_events_dates_and_countries(db: Path) -> None:
    art = _article()
    ev = _shelling(art)
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, [art], [_result(art, [ev])])
        event = con.execute(
            "SELECT event_type, event_date, n_articles, lead_mention_id FROM fct_event"
        ).fetchall()
        assert event == [("attack", dt.date(2020, 2, 4), 1, ev.event_id)]
        assert con.execute("SELECT rule FROM fct_event_mention_bridge").fetchall() == [("seed",)]
        # the calendar spans the event date (4 Feb 2020) to the publication date (none here)
        day = con.execute(
            "SELECT year, quarter, month, iso_week, iso_weekday, weekday_name, week_start "
            "FROM dim_date WHERE date_key = DATE '2020-02-04'"
        ).fetchone()
        assert day == (2020, 1, 2, 6, 2, "Tuesday", dt.date(2020, 2, 3))
        codes = dict(con.execute("SELECT country_code, kind FROM dim_country").fetchall())
        assert codes["SYR"] == "country" and codes["UNO"] == "igo" and len(codes) > 200
        # a failed load leaves the derived tables as they were
        before = warehouse.table_checksums(con)
        with pytest.raises(duckdb.ConstraintException):
            warehouse.load(con, [art], [_result(art, [ev, ev])])
        assert warehouse.table_checksums(con) == before


def test_checks_catch_unknown_countries_and_event_orphans(db: Path) -> None:
    art = _article()
    ev = _shelling(art)
    odd = _event(
        art,
        0,
        24,
        event_id="m",
        type="talks",
        subtype="meeting",
        actor=Party(name="X", country="XYZ"),
    )
    un = _event(
        art,
        0,
        23,
        event_id="u",
        type="statement",
        subtype="comment",
        actor=Party(name="United Nations", country="UNO", sector="IGO"),
    )
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, [art], [_result(art, [ev, odd, un])])
        checks = {c.name: c.rows for c in warehouse.run_checks(con)}
        assert checks["unknown_actor_country"] == 1  # XYZ; UNO is a known body code
        assert checks["event_orphan_keys"] == 0
        con.execute("DELETE FROM fct_event_mention_bridge WHERE mention_id = 'm'")
        con.execute(
            "UPDATE fct_event SET event_date = DATE '1900-01-01' WHERE lead_mention_id = 'u'"
        )
        # mention without event, event without mentions, lead not bridged, date not in calendar
        checks = {c.name: c.rows for c in warehouse.run_checks(con)}
        assert checks["event_orphan_keys"] == 4


# --- every value lands in the column of its name ----------------------------------------------

NOW = dt.datetime(2020, 2, 7, 8, 30)


def _two_reports() -> tuple[list[Article], list[ExtractionResult]]:
    """Two articles reporting one shelling, with every field of a row set to its own value."""
    arts = [
        _article(article_id=aid).model_copy(
            update={
                "published": dt.date(2020, 2, day),
                "published_how": "sidecar",
                "source": f"Agency {aid}",
                "title": f"Title {aid}",
                "url": f"https://example.org/{aid}",
                "source_path": f"in/{aid}.txt",
                "body": (Span(start=0, end=24), Span(start=25, end=len(TEXT) - 1)),
            }
        )
        for aid, day in (("a1", 5), ("a2", 6))
    ]
    start = TEXT.index("Rebels")
    end = TEXT.index("\n", start)
    events = [
        _event(
            art,
            start,
            end,
            date_text=date_text,
            target=Party(name="soldiers", country="TUR", sector="MIL"),
            mentions=(Span(start=start, end=end), Span(start=0, end=8)),
            confidence=confidence,
        )
        for art, date_text, confidence in ((arts[0], "on Tuesday", 0.8), (arts[1], "Tuesday", 0.7))
    ]
    results = [_result(art, [ev]) for art, ev in zip(arts, events, strict=True)]
    return arts, results


def _expected_rows(arts: list[Article], results: list[ExtractionResult]) -> dict[str, list[dict]]:
    events = [ev for res in results for ev in res.events]
    ev = events[0]
    return {
        "dim_article": [
            {
                "article_id": a.article_id,
                "content_hash": a.content_hash,
                "source": a.source,
                "title": a.title,
                "url": a.url,
                "published": a.published,
                "published_how": a.published_how,
                "language": a.language,
                "source_path": a.source_path,
                "sentences": 2,
                "extractor_version": "v1",
                "flow_run_id": "run-1",
                "ingested_at": NOW,
            }
            for a in arts
        ],
        "stg_article_text": [
            {
                "content_hash": arts[0].content_hash,
                "raw_text": TEXT,
                "body_spans": f"[[0, 24], [25, {len(TEXT) - 1}]]",
            }
        ],
        "fct_event_mention": [
            {
                "mention_id": e.event_id,
                "article_id": e.article_id,
                "event_type": "attack",
                "subtype": "shelling",
                "status": "occurred",
                "event_date": dt.date(2020, 2, 4),
                "date_precision": "day",
                "date_text": e.date_text,
                "actor_key": warehouse.actor_key(e.actor),
                "target_key": warehouse.actor_key(e.target),
                "location_key": warehouse.location_key(e.location),
                "evidence": e.evidence,
                "evidence_start": e.evidence_start,
                "evidence_end": e.evidence_end,
                "mention_spans": f"[[{e.evidence_start}, {e.evidence_end}], [0, 8]]",
                "confidence": e.confidence,
                "extractor_version": "v1",
                "flow_run_id": "run-1",
            }
            for e in events
        ],
        "dim_actor": sorted(
            (
                {
                    "actor_key": warehouse.actor_key(p),
                    "name": p.name,
                    "country": p.country,
                    "sector": s,
                }
                for p, s in ((ev.actor, "REB"), (ev.target, "MIL"))
            ),
            key=lambda r: r["actor_key"],
        ),
        "dim_location": [
            {
                "location_key": warehouse.location_key(ev.location),
                "name": "Kafr Nabl",
                "country": "SYR",
                "lat": 35.6,
                "lon": 36.6,
            }
        ],
        "quarantine": [
            {
                "quarantine_key": warehouse.quarantine_key(QUARANTINED),
                "source_path": "in/bad.txt",
                "article_id": "bad",
                "content_hash": "c" * 16,
                "reason": "empty",
                "message": "the file is empty",
                "flow_run_id": "run-1",
                "first_seen_at": NOW,
            }
        ],
        "stg_file_manifest": [
            {
                "path": "in/a1.txt",
                "article_id": "a1",
                "size": 111,
                "mtime_ns": 222,
                "meta_key": "meta",
                "content_hash": arts[0].content_hash,
            }
        ],
    }


QUARANTINED = QuarantinedInput(
    source_path="in/bad.txt",
    reason="empty",
    message="the file is empty",
    article_id="bad",
    content_hash="c" * 16,
)


def _load_two_reports(db: Path) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Load :func:`_two_reports`; return (the rows expected, the rows held) per table."""
    from newsevents.staging import FileStat

    arts, results = _two_reports()
    stat = FileStat(path="in/a1.txt", article_id="a1", size=111, mtime_ns=222, meta_key="meta")
    expected = _expected_rows(arts, results)
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(
            con,
            arts,
            results,
            [QUARANTINED],
            flow_run_id="run-1",
            now=NOW,
            files=[(stat, arts[0].content_hash)],
        )
        (cluster,) = dedup.cluster(warehouse.mention_records(con))
        expected["fct_event"] = [cluster.model_dump(exclude={"links"})]
        held = {
            table: warehouse.records(con.execute(f"SELECT * FROM {table} ORDER BY 1"))
            for table in [*expected, "fct_event"]
        }
    return expected, held


def test_every_value_lands_in_the_column_of_its_name(db: Path) -> None:
    expected, held = _load_two_reports(db)
    assert held == expected
    (event,) = held["fct_event"]
    # the fields below differ, so a swap between any two of them would show
    assert event["first_reported"] < event["last_reported"]
    assert len({event["actor_key"], event["target_key"], event["location_key"]}) == 3


@pytest.mark.parametrize(
    ("builder", "first", "second"),
    [
        ("_mention_row", "actor_key", "target_key"),
        ("_mention_row", "evidence_start", "evidence_end"),
        ("_article_row", "source", "title"),
        ("_fct_event_row", "first_reported", "last_reported"),
    ],
)
def test_two_swapped_fields_of_one_type_are_caught(
    db: Path, monkeypatch: pytest.MonkeyPatch, builder: str, first: str, second: str
) -> None:
    build = getattr(warehouse.loading, builder)

    def swapped(*args: object) -> dict[str, object]:
        row = build(*args)
        return {**row, first: row[second], second: row[first]}

    monkeypatch.setattr(warehouse.loading, builder, swapped)
    expected, held = _load_two_reports(db)
    wrong = {
        (table, col)
        for table, rows in expected.items()
        for want, got in zip(rows, held[table], strict=True)
        for col in want
        if want[col] != got[col]
    }
    assert {col for _, col in wrong} == {first, second}


def test_mention_records_are_built_by_column_name() -> None:
    row = {
        "mention_id": "m1",
        "article_id": "a1",
        "source": "Agency",
        "published": dt.date(2020, 2, 5),
        "event_type": "talks",
        "subtype": "meeting",
        "status": "occurred",
        "event_date": dt.date(2020, 2, 4),
        "precision": "day",
        "date_text": "on Tuesday",
        "evidence_start": 3,
        "n_spans": 2,
        "actor_key": "k1",
        "actor_name": "Erdogan",
        "actor_country": "TUR",
        "target_key": "k2",
        "target_name": "Putin",
        "target_country": "RUS",
        "location_key": "k3",
        "location_name": "Moscow",
        "location_country": "RUS",
    }
    columns = sorted(row)  # any order: fields are matched by name
    (rec,) = dedup.MentionRecord.from_rows(columns, [[row[c] for c in columns]])
    assert rec == dedup.MentionRecord(**row)
    assert (rec.actor_name, rec.target_name) == ("Erdogan", "Putin")
    with pytest.raises(ValueError, match="do not name the fields"):
        dedup.MentionRecord.from_rows(columns[1:], [[row[c] for c in columns[1:]]])


def test_rows_unpacked_by_position_have_their_names_checked() -> None:
    con = duckdb.connect()
    sql = "SELECT 1 AS a, 2 AS b"
    assert warehouse.rows_named(con.execute(sql), ("a", "b")) == [(1, 2)]
    with pytest.raises(ValueError, match="columns are"):
        warehouse.rows_named(con.execute(sql), ("b", "a"))

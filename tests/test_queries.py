"""Named queries, views and exports on the seeds.

Expectations are recomputed in Python from ``v_event_export`` (the mention of each event that
supplied its date), so they follow the extractor when it improves; a few known facts of the
seeds are asserted as well.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.staging import stage_directory

from .conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsevents.extract import extract_articles

    arts = stage_directory(SEEDS).articles
    path = tmp_path_factory.mktemp("queries") / "events.duckdb"
    with wh.connect(path) as con:
        wh.migrate(con)
        wh.load(con, arts, extract_articles(arts), flow_run_id="r1")
    return path


@pytest.fixture(scope="module")
def leads(seeds_db: Path) -> list[dict]:
    """One export row per deduplicated event: the mention that supplied the event's date."""
    with wh.connect(seeds_db, read_only=True) as con:
        rows = {r["event_id"]: r for r in wh.export_rows(con)}
        lead_ids = [r[0] for r in con.execute("SELECT lead_mention_id FROM fct_event").fetchall()]
    return [rows[i] for i in lead_ids]


def _query(db: Path, name: str, **params: str) -> list[dict]:
    sql = wh.named_query(name)
    assert sql is not None, name
    with wh.connect(db, read_only=True) as con:
        cols, rows = wh.run_query(con, sql, params or None)
    return [dict(zip(cols, r, strict=True)) for r in rows]


def _side(party: dict | None) -> str | None:
    return None if party is None else party["country"] or party["name"]


def _date(row: dict) -> dt.date | None:
    return dt.date.fromisoformat(row["date"]) if row["date"] else None


def test_attacks_per_week_by_country(seeds_db: Path, leads: list[dict]) -> None:
    got = {
        (r["iso_year"], r["iso_week"], r["actor_country"]): r["attacks"]
        for r in _query(seeds_db, "attacks_per_week_by_country")
    }
    want: Counter[tuple] = Counter()
    for r in leads:
        if r["type"] == "attack" and r["date"]:
            year, week, _ = _date(r).isocalendar()
            want[(year, week, r["actor"] and r["actor"]["country"])] += 1
    assert got == dict(want) and sum(got.values()) >= 5


def test_talks_between_either_way_round(seeds_db: Path, leads: list[dict]) -> None:
    got = _query(seeds_db, "talks_between", a="tur", b="RUS")
    want = [
        r
        for r in leads
        if r["type"] == "talks"
        and {r["actor"] and r["actor"]["country"], r["target"] and r["target"]["country"]}
        == {"TUR", "RUS"}
    ]
    assert sorted(g["evidence"] for g in got) == sorted(w["evidence"] for w in want)
    assert got == _query(seeds_db, "talks_between", a="RUS", b="TUR")
    # known fact: Erdogan phoned Putin early on Wednesday 12 February 2020 (seed 001)
    assert any(g["date"] == dt.date(2020, 2, 12) and g["subtype"] == "phone_call" for g in got), got


def test_talks_between_tur_rus_on_21_february(seeds_db: Path) -> None:
    got = _query(seeds_db, "talks_between", a="TUR", b="RUS")
    assert any(g["date"] == dt.date(2020, 2, 21) for g in got)


def test_statements_by_actor_substring(seeds_db: Path, leads: list[dict]) -> None:
    got = _query(seeds_db, "statements_by_actor", actor="ERDOGAN")
    want = [
        r
        for r in leads
        if r["type"] == "statement" and r["actor"] and "erdogan" in r["actor"]["name"].lower()
    ]
    assert sorted(g["evidence"] for g in got) == sorted(w["evidence"] for w in want)
    assert len(got) >= 3 and all("Erdogan" in g["actor"] for g in got)
    # a LIKE wildcard in the parameter is text, not a pattern
    assert _query(seeds_db, "statements_by_actor", actor="%") == []


def test_deployments_by_place(seeds_db: Path, leads: list[dict]) -> None:
    got = {
        (r["place"], r["place_country"]): r["deployments"]
        for r in _query(seeds_db, "deployments_by_place")
    }
    want = Counter(
        (r["location"]["name"], r["location"]["country"]) if r["location"] else (None, None)
        for r in leads
        if r["type"] == "deployment"
    )
    assert got == dict(want) and sum(got.values()) >= 3


def test_event_timeline_window(seeds_db: Path, leads: list[dict]) -> None:
    got = _query(seeds_db, "event_timeline", **{"from": "2020-02-10", "to": "2020-02-16"})
    lo, hi = dt.date(2020, 2, 10), dt.date(2020, 2, 16)
    want = [r for r in leads if r["date"] and lo <= _date(r) <= hi]
    assert sorted(g["evidence"] for g in got) == sorted(w["evidence"] for w in want)
    assert [g["date"] for g in got] == sorted(g["date"] for g in got)
    assert got and all(g["title"] for g in got)


def test_top_dyads(seeds_db: Path, leads: list[dict]) -> None:
    got = _query(seeds_db, "top_dyads")
    want = Counter(
        (_side(r["actor"]), _side(r["target"])) for r in leads if r["actor"] and r["target"]
    )
    assert {(g["actor"], g["target"]): g["events"] for g in got}.items() <= want.items()
    assert got[0]["events"] == max(want.values())
    assert len(got) == min(20, len(want))
    # known fact: Turkey -> Russia is the seeds' busiest dyad
    assert (got[0]["actor"], got[0]["target"]) == ("TUR", "RUS")


def test_views_agree_with_mentions(seeds_db: Path, leads: list[dict]) -> None:
    with wh.connect(seeds_db, read_only=True) as con:
        mentions = wh.export_rows(con)
        unresolved = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT article_id, events, undated, publication_dated FROM v_unresolved_dates"
            ).fetchall()
        }
        daily = con.execute("SELECT sum(events) FROM v_daily_counts").fetchone()[0]
        dyads = con.execute("SELECT sum(events) FROM v_dyads").fetchone()[0]
        timeline = con.execute("SELECT count(*) FROM v_event_timeline").fetchone()[0]
    per_article: dict[str, list[int]] = {}
    for m in mentions:
        c = per_article.setdefault(m["article"], [0, 0, 0])
        c[0] += 1
        c[1] += m["date"] is None
        c[2] += m["date"] is not None and not m["date_text"].strip()
    assert unresolved == {a: tuple(c) for a, c in per_article.items() if c[1] + c[2]}
    assert daily == sum(1 for r in leads if r["date"])
    assert dyads == sum(1 for r in leads if r["actor"] and r["target"])
    assert timeline == len(leads)


def test_query_cli_binds_parameters(seeds_db: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["query", "talks_between", "--warehouse", str(seeds_db), "-p", "a=TUR", "-p", "b=RUS"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    assert "phone_call" in result.output and "2020-02-12" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", ["mentions", "events"])
def test_export_formats(seeds_db: Path, tmp_path: Path, fmt: str, what: str) -> None:
    # a quote in the path must not reach SQL
    out = tmp_path / f"it's {what}.{fmt}"
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--warehouse",
            str(seeds_db),
            "--format",
            fmt,
            "--what",
            what,
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    with wh.connect(seeds_db, read_only=True) as con:
        view = wh.EXPORT_VIEWS[what]
        n = con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
        first = wh.export_rows(con)[0]
    reader = duckdb.connect()
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == n
        if what == "mentions":
            assert rows[0] == first  # today's export contract, unchanged
        else:
            assert {"event_key", "mention_ids", "n_articles"} <= set(rows[0])
    elif fmt == "csv":
        got = reader.execute("SELECT * FROM read_csv($p)", {"p": str(out)})
        cols = [d[0] for d in got.description]
        assert len(got.fetchall()) == n and "actor_country" in cols and "actor" not in cols
    else:
        got = reader.execute("SELECT * FROM read_parquet($p)", {"p": str(out)})
        cols = [d[0] for d in got.description]
        assert len(got.fetchall()) == n and "actor" in cols


def test_export_rejects_bad_requests(seeds_db: Path, tmp_path: Path) -> None:
    with wh.connect(seeds_db, read_only=True) as con:
        with pytest.raises(wh.WarehouseError, match="unknown export format"):
            wh.export(con, tmp_path / "x.xml", "xml")
        with pytest.raises(wh.WarehouseError, match="unknown export"):
            wh.export(con, tmp_path / "x.jsonl", "jsonl", "actors")
        with pytest.raises(wh.WarehouseError, match="does not exist"):
            wh.export(con, tmp_path / "no" / "x.csv", "csv")

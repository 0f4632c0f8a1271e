"""The incremental dedup rebuild equals the full one: random histories of loads (new articles,
articles extracted again with changed, fewer or no mentions, or a new publication date),
rebuilt incrementally after some of the loads, against clustering every mention again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsevents import dedup, dedup_scope, warehouse
from newsevents.dedup import MentionRecord
from newsevents.dedup_scope import Held, Reach
from newsevents.warehouse.loading import actor_key, location_key
from schemas import (
    SUBTYPES,
    Article,
    Event,
    EventCluster,
    ExtractionResult,
    Location,
    Party,
    RunSummary,
)

D = dt.date
# dates around week, month and year boundaries, so windows meet across them
_DAYS = [D(2024, 12, 30), D(2025, 1, 5)]
_PARTIES = [None, Party(name="Russia", country="RUS"), Party(name="Ukraine", country="UKR")]
_PARTIES += [Party(name="Russian forces", country="RUS"), Party(name="Wagner group")]
_PLACES = [None, Location(name="Kharkiv", country="UKR"), Location(name="kharkiv")]
_PLACES += [Location(name="Belgorod", country="RUS")]


@st.composite
def _event(draw: st.DrawFn, article_id: str, n: int) -> Event:
    dated = draw(st.integers(0, 9)) > 0
    day = draw(st.sampled_from(_DAYS)) + dt.timedelta(days=draw(st.integers(-2, 2)))
    start = draw(st.integers(0, 3))
    etype = draw(st.sampled_from(["attack", "attack", "talks", "statement"]))
    return Event(
        # a few ids per article, so an article extracted again reuses some
        event_id=f"{article_id}-{n}",
        article_id=article_id,
        type=etype,
        subtype=draw(st.sampled_from(SUBTYPES[etype][:2])),
        status=draw(st.sampled_from(["occurred", "occurred", "planned"])),
        date=day if dated else None,
        precision=draw(st.sampled_from(["day", "day", "day", "week", "month", "year", "unknown"])),
        date_text=draw(st.sampled_from(["", "on Friday"])),
        actor=draw(st.sampled_from(_PARTIES)),
        target=draw(st.sampled_from(_PARTIES)),
        location=draw(st.sampled_from(_PLACES)),
        evidence="x",
        evidence_start=start,
        evidence_end=start + 1,
        confidence=0.5,
    )


@dataclass(frozen=True)
class _Version:
    """One extraction of one article: its publication date and source, and its events."""

    article_id: str
    published: dt.date | None
    source: str | None
    events: tuple[Event, ...]


@st.composite
def _version(draw: st.DrawFn, article_id: str) -> _Version:
    ns = draw(st.lists(st.integers(0, 6), unique=True, max_size=5))
    return _Version(
        article_id,
        draw(st.one_of(st.none(), st.sampled_from(_DAYS))),
        draw(st.sampled_from([None, "Wire", "Daily"])),
        tuple(draw(_event(article_id, n)) for n in ns),
    )


@st.composite
def _history(draw: st.DrawFn) -> list[tuple[list[_Version], bool]]:
    """Loads (distinct articles each; ids repeat across loads) and whether a rebuild follows."""
    steps = []
    for _ in range(draw(st.integers(1, 5))):
        ids = draw(st.lists(st.sampled_from([f"a{i}" for i in range(8)]), unique=True, max_size=4))
        steps.append(([draw(_version(i)) for i in ids], draw(st.booleans())))
    return steps


def _records(v: _Version) -> list[MentionRecord]:
    """The mentions of ``v`` as the warehouse gives them to deduplication."""
    return [
        MentionRecord(
            mention_id=e.event_id,
            article_id=v.article_id,
            source=v.source,
            published=v.published,
            event_type=e.type,
            subtype=e.subtype,
            status=e.status,
            event_date=e.date,
            precision=e.precision,
            date_text=e.date_text,
            evidence_start=e.evidence_start,
            n_spans=0,
            actor_key=actor_key(e.actor),
            actor_name=e.actor.name if e.actor else None,
            actor_country=e.actor.country if e.actor else None,
            target_key=actor_key(e.target),
            target_name=e.target.name if e.target else None,
            target_country=e.target.country if e.target else None,
            location_key=location_key(e.location),
            location_name=e.location.name if e.location else None,
            location_country=e.location.country if e.location else None,
        )
        for e in v.events
    ]


def _by_key(events: Sequence[EventCluster]) -> dict[str, EventCluster]:
    return {e.event_key: e for e in events}


# --- the scope alone, on mentions held in memory ---------------------------------------------


class _Memory:
    """A warehouse in memory: the current mentions, the last rebuild's events, and what was
    recorded since, as load and the rebuild keep them."""

    def __init__(self) -> None:
        self.current: dict[str, list[MentionRecord]] = {}
        self.events: dict[str, EventCluster] = {}
        self.bridge: dict[str, str] = {}
        self.changed: set[str] = set()
        self.removed: list[Held] = []

    def load(self, v: _Version) -> None:
        self.removed += [
            Held(m, self.bridge.get(m.mention_id)) for m in self.current.get(v.article_id, [])
        ]
        self.changed.add(v.article_id)
        self.current[v.article_id] = _records(v)

    def mentions(self) -> list[MentionRecord]:
        return [m for ms in self.current.values() for m in ms]

    def held(self, ms: Sequence[MentionRecord]) -> list[Held]:
        return [Held(m, self.bridge.get(m.mention_id)) for m in ms]

    def rebuild(self) -> dedup_scope.Scope:
        changed = self.held([m for a in sorted(self.changed) for m in self.current[a]])

        def near(rs: Sequence[Reach], since: dt.date, exclude: Collection[str]) -> list[Held]:
            return self.held(self.mentions())  # every mention: a superset, as the contract allows

        def members(keys: Sequence[str]) -> list[Held]:
            return self.held([m for m in self.mentions() if self.bridge.get(m.mention_id) in keys])

        scope = dedup_scope.rebuild_scope(changed, self.removed, near, members)
        assert scope is not None  # no limit
        for k in scope.event_keys:
            del self.events[k]
        for e in dedup.cluster(scope.mentions):
            self.events[e.event_key] = e
        self.bridge = {lk.mention_id: k for k, e in self.events.items() for lk in e.links}
        self.changed, self.removed = set(), []
        return scope


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_history())
def test_scope_rebuild_equals_clustering_everything(
    history: list[tuple[list[_Version], bool]],
) -> None:
    mem = _Memory()
    for versions, rebuild in [*history[:-1], (history[-1][0], True)]:
        for v in versions:
            mem.load(v)
        if rebuild:
            scope = mem.rebuild()
            assert mem.events == _by_key(dedup.cluster(mem.mentions()))
            # only current mentions are clustered again, each once
            ids = [m.mention_id for m in scope.mentions]
            assert len(ids) == len(set(ids)) <= len(mem.mentions())


def _attack(mid: str, article: str, published: dt.date, day: dt.date, who: str) -> MentionRecord:
    return MentionRecord(
        mid, article, "Wire", published, "attack", "x", "occurred", day, "day", "on Sunday",
        actor_key=who, actor_name=who, actor_country=who,
    )  # fmt: skip


def test_scope_holds_what_a_late_article_reaches_and_no_more() -> None:
    # m1 and m2 are compatible but both reported before the new m4: they made their
    # choices already, so m4 reaches m1's event (m1 and m2), not m3's other actor
    old = [
        _attack("m1", "a1", D(2025, 1, 6), D(2025, 1, 5), "RUS"),
        _attack("m2", "a2", D(2025, 1, 7), D(2025, 1, 5), "RUS"),
        _attack("m3", "a3", D(2025, 1, 7), D(2025, 1, 5), "UKR"),
    ]
    keys = {lk.mention_id: e.event_key for e in dedup.cluster(old) for lk in e.links}
    assert keys["m1"] == keys["m2"] != keys["m3"]
    new = _attack("m4", "a4", D(2025, 1, 8), D(2025, 1, 5), "RUS")
    every = [*old, new]

    def near(rs: Sequence[Reach], since: dt.date, exclude: Collection[str]) -> list[Held]:
        return [Held(m, keys.get(m.mention_id)) for m in every]

    def members(ks: Sequence[str]) -> list[Held]:
        return [Held(m, keys[m.mention_id]) for m in old if keys[m.mention_id] in ks]

    scope = dedup_scope.rebuild_scope([Held(new, None)], [], near, members)
    assert scope is not None
    assert sorted(m.mention_id for m in scope.mentions) == ["m1", "m2", "m4"]
    # past its limit, the search gives up (the caller clusters everything)
    assert dedup_scope.rebuild_scope([Held(new, None)], [], near, members, limit=2) is None
    assert dedup_scope.rebuild_scope([Held(new, None)], [], near, members, limit=3) == scope
    assert scope.event_keys == {keys["m1"]}
    # nothing changed, nothing to do
    assert dedup_scope.rebuild_scope([], [], near, members) == dedup_scope.Scope([], frozenset(), 0)


def _strike(article_id: str, target: Party | None) -> Event:
    return Event(
        event_id=f"{article_id}-0",
        article_id=article_id,
        type="attack",
        subtype=SUBTYPES["attack"][0],
        status="occurred",
        date=D(2025, 1, 5),
        precision="day",
        date_text="on Sunday",
        actor=_PARTIES[1],
        target=target,
        evidence="x",
        evidence_start=0,
        evidence_end=1,
        confidence=0.5,
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["attack", "talks"]),
            st.integers(-20, 20),
            st.sampled_from(["day", "week", "month", "year", "unknown"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(-60, 60),
    st.sampled_from(["day", "week", "month"]),
)
def test_reaches_cover_exactly_the_windows_a_day_wider(
    given_: list[tuple[str, int, str, bool]], probe_day: int, probe_precision: str
) -> None:
    # the merged stretches meet a probe's window exactly when one of the mentions' windows,
    # a day wider, does: the warehouse's select loses nothing and adds nothing
    base = D(2025, 1, 1)
    ms = [
        _attack(f"m{i}", f"a{i}", base, base + dt.timedelta(days=d), "RUS")
        for i, (_, d, _, _) in enumerate(given_)
    ]
    ms = [
        dataclasses.replace(m, event_type=t, precision=p)
        for m, (t, _, p, _) in zip(ms, given_, strict=True)
    ]
    late = [lt for *_, lt in given_]
    probe = _attack("p", "ap", base, base + dt.timedelta(days=probe_day), "RUS")
    probe = dataclasses.replace(probe, precision=probe_precision)
    pw = dedup.date_window(probe)
    assert pw is not None
    one_day = dt.timedelta(days=1)
    for etype in ("attack", "talks"):
        for is_late in (True, False):
            direct = any(
                w[0] - one_day <= pw[1] and pw[0] <= w[1] + one_day
                for m, lt in zip(ms, late, strict=True)
                if m.event_type == etype and lt == is_late
                for w in (dedup.date_window(m),)
                if w is not None
            )
            merged = [
                r
                for r in dedup_scope.reaches(ms, late)
                if (r.event_type, r.late) == (etype, is_late)
            ]
            assert direct == any(r.lo <= pw[1] and pw[0] <= r.hi for r in merged)
            # stretches of one group never overlap nor touch
            spans = sorted((r.lo, r.hi) for r in merged)
            assert all(b[0] > a[1] + one_day for a, b in itertools.pairwise(spans))


def test_a_removed_mention_frees_a_later_one_to_join_an_earlier_event() -> None:
    # r, then d (joins r: no target on r), then c, whose target conflicts with d's: c opens
    # its own event. a2 is extracted again without d: c now joins r, reached from r (before
    # the change) because c comes after it
    r = _Version("a1", D(2025, 1, 6), "Wire", (_strike("a1", None),))
    d = _Version("a2", D(2025, 1, 7), "Wire", (_strike("a2", _PARTIES[2]),))
    c = _Version("a3", D(2025, 1, 8), "Wire", (_strike("a3", _PARTIES[4]),))
    mem = _Memory()
    for v in (r, d, c):
        mem.load(v)
    mem.rebuild()
    assert mem.bridge["a1-0"] == mem.bridge["a2-0"] != mem.bridge["a3-0"]
    mem.load(_Version("a2", D(2025, 1, 7), "Wire", ()))
    scope = mem.rebuild()
    assert sorted(m.mention_id for m in scope.mentions) == ["a1-0", "a3-0"]
    assert mem.bridge["a1-0"] == mem.bridge["a3-0"]
    assert mem.events == _by_key(dedup.cluster(mem.mentions()))


# --- the warehouse: load, then finish, against a full rebuild of the same mentions ---------


@pytest.fixture(scope="module")
def memory_db() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    warehouse.migrate(con)
    yield con
    con.close()


_EMPTIED = [
    "fct_event_mention_bridge",
    "fct_event",
    "fct_event_mention",
    "dim_article",
    "dim_actor",
    "dim_location",
    "dim_date",
    "stg_article_text",
    "stg_dedup_changed_article",
    "stg_dedup_removed_mention",
    "stg_rebuild_pending",
]


def _article(v: _Version) -> Article:
    return Article(
        article_id=v.article_id,
        raw_text="x",
        content_hash=hashlib.sha1(repr(v).encode()).hexdigest(),
        published=v.published,
        source=v.source,
    )


def _derived(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple], list[tuple], list[tuple]]:
    return (
        con.execute("SELECT * FROM fct_event ORDER BY event_key").fetchall(),
        con.execute("SELECT * FROM fct_event_mention_bridge ORDER BY mention_id").fetchall(),
        con.execute("SELECT * FROM dim_date ORDER BY date_key").fetchall(),
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_history())
def test_incremental_finish_equals_a_full_rebuild(
    memory_db: duckdb.DuckDBPyConnection, history: list[tuple[list[_Version], bool]]
) -> None:
    con = memory_db
    for table in _EMPTIED:
        con.execute(f"DELETE FROM {table}")
    loaded = False
    for versions, rebuild in [*history[:-1], (history[-1][0], True)]:
        _load(con, *versions)
        loaded = loaded or bool(versions)
        if not rebuild:
            continue
        stats = warehouse.finish(con)
        # incremental whenever anything was loaded since the last rebuild; else nothing to do
        assert (stats is None) == (not loaded) and not (stats and stats.full)
        loaded = False
        incremental = _derived(con)
        assert not warehouse.derived_stale(con)
        with warehouse.transaction(con):
            full = warehouse.rebuild_events(con, full=True)
        assert full.full and full.mentions >= (stats.mentions if stats else 0)
        assert _derived(con) == incremental


# --- when the rebuild is a full one, and --full-rebuild -------------------------------------


def _loaded(con: duckdb.DuckDBPyConnection, *versions: _Version) -> None:
    """A warehouse holding only ``versions``, not rebuilt yet."""
    for table in _EMPTIED:
        con.execute(f"DELETE FROM {table}")
    _load(con, *versions)


def _load(con: duckdb.DuckDBPyConnection, *versions: _Version) -> None:
    results = [
        ExtractionResult(
            article_id=v.article_id,
            content_hash=_article(v).content_hash,
            extractor_version="t",
            events=v.events,
        )
        for v in versions
    ]
    warehouse.load(con, [_article(v) for v in versions], results, rebuild=False)


def test_finish_is_full_when_asked_or_when_changes_were_not_recorded(
    memory_db: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = memory_db
    one = _Version("a1", D(2025, 1, 6), "Wire", (_strike("a1", None),))
    two = _Version("a2", D(2025, 1, 7), "Wire", (_strike("a2", None),))
    _loaded(con, one, two)
    stats = warehouse.finish(con)
    assert stats is not None and not stats.full and (stats.changed, stats.mentions) == (2, 2)
    assert stats.events == 1 and stats.events_replaced == 0
    assert "deduplicated events rebuilt in " in stats.describe()
    assert warehouse.finish(con) is None  # nothing changed since
    # asked: every mention, though nothing changed
    stats = warehouse.finish(con, full=True)
    assert stats is not None and stats.full and (stats.changed, stats.mentions) == (0, 2)
    # a mark an older version left: full
    con.execute("INSERT INTO stg_rebuild_pending VALUES (NULL, now())")
    stats = warehouse.finish(con)
    assert stats is not None and stats.full
    # a mention no load recorded (the bridge misses it): the incremental pass finds nothing
    # to do, the bridge is still out of step, so the rebuild goes on in full
    con.execute("DELETE FROM fct_event_mention_bridge WHERE mention_id = 'a2-0'")
    stats = warehouse.finish(con)
    assert stats is not None and stats.full and stats.events == 1
    assert con.execute("SELECT count(*) FROM fct_event_mention_bridge").fetchone() == (2,)
    # changes that reach more than the limit: a full one (one mention allowed here)
    monkeypatch.setattr("newsevents.warehouse.loading.INCREMENTAL_FLOOR", 1)
    three = _Version("a3", D(2025, 1, 8), "Wire", (_strike("a3", None),))
    _loaded(con, one, two)
    assert warehouse.finish(con, full=True) is not None
    _load(con, three)
    stats = warehouse.finish(con)  # a3 reaches the event of a1 and a2: 3 mentions
    assert stats is not None and stats.full and stats.changed == 1
    monkeypatch.setattr("newsevents.warehouse.loading.INCREMENTAL_FLOOR", 3)
    _load(con, three)
    stats = warehouse.finish(con)
    assert stats is not None and not stats.full and stats.mentions == 3


def test_full_rebuild_option_reaches_the_flows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.backfill
    import flows.pipeline
    from newsevents.cli import app, runs

    seen: dict[str, object] = {}

    class Fake:
        def with_options(self, **_: object) -> Fake:
            return self

        def __call__(self, **kw: object) -> RunSummary:
            seen.update(kw)
            return RunSummary()

    monkeypatch.setattr(flows.pipeline, "pipeline", Fake())
    monkeypatch.setattr(flows.backfill, "backfill", lambda **kw: seen.update(kw) or {})
    monkeypatch.setattr(runs, "_check_prefect_api", lambda: None)
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"
    # nothing to do, but the preflight does not stop a full rebuild
    result = CliRunner().invoke(app, ["run", "--input", str(folder), "--warehouse", str(db)])
    assert result.exit_code == 0 and "nothing to do" in result.output and not seen
    args = ["--input", str(folder), "--warehouse", str(db), "--full-rebuild"]
    assert CliRunner().invoke(app, ["run", *args]).exit_code == 0
    assert seen.pop("full_rebuild") is True
    assert CliRunner().invoke(app, ["backfill", *args]).exit_code == 0
    assert seen.pop("full_rebuild") is True

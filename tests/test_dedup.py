"""Cross-article deduplication: the pure rules, and the real pipeline on articles that report
the same events differently (tests/data/dup_reports)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import random
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents import dedup, warehouse
from newsevents.dedup import MentionRecord
from newsevents.staging import stage_directory
from schemas import Article, EventCluster, ExtractionResult

from .conftest import ROOT, SEEDS

DUP = ROOT / "tests" / "data" / "dup_reports"
D = dt.date


def _m(mid: str = "m1", article: str = "a1", **kw: object) -> MentionRecord:
    fields: dict[str, object] = dict(
        mention_id=mid,
        article_id=article,
        source="Wire",
        published=D(2025, 2, 22),
        event_type="attack",
        subtype="airstrike",
        status="occurred",
        event_date=D(2025, 2, 20),
        precision="day",
        date_text="on Thursday",
        actor_key="k-aze",
        actor_name="Azerbaijani drones",
        actor_country="AZE",
        target_key="k-arm",
        target_name="Armenia",
        target_country="ARM",
    )
    fields.update(kw)
    return MentionRecord(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (dict(), dict(), "same_day"),
        (dict(), dict(event_date=D(2025, 2, 21)), None),
        # 2025-02-17 (Mon) stands for its ISO week, which holds Thursday the 20th
        (dict(), dict(event_date=D(2025, 2, 17), precision="week"), "within_week"),
        (dict(), dict(event_date=D(2025, 2, 24), precision="week"), None),
        (dict(), dict(event_date=D(2025, 2, 1), precision="month"), "within_month"),
        (dict(), dict(event_date=D(2025, 3, 1), precision="month"), None),
        (dict(), dict(event_date=D(2025, 1, 1), precision="year"), "within_year"),
        # a publication-date fallback (no date text) is weak: one day either way
        (dict(), dict(event_date=D(2025, 2, 21), date_text=""), "dct_1day"),
        (dict(), dict(event_date=D(2025, 2, 19), date_text=""), "dct_1day"),
        (dict(), dict(event_date=D(2025, 2, 22), date_text=""), None),
        (dict(date_text=""), dict(event_date=D(2025, 2, 21), date_text=""), "dct_1day"),
        (dict(), dict(event_date=None, precision="unknown"), None),
        (dict(), dict(precision="period"), None),
    ],
)
def test_dates_rule(a: dict, b: dict, rule: str | None) -> None:
    assert dedup.dates_rule(_m(**a), _m("m2", "a2", **b)) == rule
    assert dedup.dates_rule(_m("m2", "a2", **b), _m(**a)) == rule


TALKS = dict(event_type="talks", subtype="phone_call")
NO_TARGET = dict(target_key=None, target_name=None, target_country=None)
NO_ACTOR = dict(actor_key=None, actor_name=None, actor_country=None)
SWAPPED = dict(
    actor_key="k-arm",
    actor_name="Nikol Pashinyan",
    actor_country="ARM",
    target_key="k-aze",
    target_name="Ilham Aliyev",
    target_country="AZE",
)


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (TALKS, {**TALKS, **SWAPPED}, "pair"),  # talks have no direction
        (TALKS, {**TALKS, **SWAPPED, **NO_TARGET}, "pair_partial"),
        (TALKS, {**TALKS, "target_country": "TUR"}, None),
        ({**TALKS, **NO_ACTOR, **NO_TARGET}, TALKS, ""),
        (dict(), dict(), "actor+target"),
        (dict(), NO_TARGET, "actor"),
        (dict(), NO_ACTOR, "target"),
        (dict(), SWAPPED, None),  # who attacked whom is part of the event
        (dict(), dict(actor_country=None, actor_name="azerbaijani drones"), None),
        # parties without a country are compared by folded name
        (
            dict(actor_country=None, actor_name="Rebels"),
            dict(actor_country=None, actor_name="rebels"),
            "actor+target",
        ),
        # statements need the same speaker, not just the same country
        (dict(event_type="statement"), dict(event_type="statement"), "speaker+target"),
        (
            dict(event_type="statement"),
            dict(event_type="statement", actor_name="Azerbaijani Defence Ministry"),
            None,
        ),
        (dict(event_type="statement", **NO_ACTOR), dict(event_type="statement", **NO_ACTOR), None),
    ],
)
def test_parties_rule(a: dict, b: dict, rule: str | None) -> None:
    assert dedup.parties_rule(_m(**a), _m("m2", "a2", **b)) == rule


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ({}, {}, "attack:actor+target,same_day"),
        ({}, {"article_id": "a1"}, None),  # one article already merged its own mentions
        ({}, {"status": "planned"}, None),
        ({}, {"event_type": "deployment", "subtype": "troops"}, None),
        (
            {"location_name": "Jermuk", "location_country": "ARM"},
            {"location_name": "Vayk", "location_country": "ARM"},
            "attack:actor+target,same_day,place",
        ),
        (
            {"location_name": "Jermuk", "location_country": "ARM"},
            {"location_name": "Ganja", "location_country": "AZE"},
            None,
        ),
        # nothing but type and date in common: no anchor, kept apart
        ({**NO_ACTOR, **NO_TARGET}, {**NO_ACTOR, **NO_TARGET}, None),
        (
            {**NO_ACTOR, **NO_TARGET, "location_name": "Jermuk"},
            {**NO_ACTOR, **NO_TARGET, "location_name": "jermuk"},
            "attack:same_day,place",
        ),
    ],
)
def test_compatible(a: dict, b: dict, ok: str | None) -> None:
    other = {"mention_id": "m2", "article_id": "a2", **b}
    assert dedup.compatible(_m(**a), _m(**other)) == ok


def test_best_date_prefers_precision_then_support_then_earliest() -> None:
    week = _m("w", "a1", event_date=D(2025, 2, 17), precision="week", date_text="last week")
    fallback = _m("f", "a2", event_date=D(2025, 2, 21), date_text="")
    thu = _m("t", "a3")
    fri = _m("r", "a4", event_date=D(2025, 2, 21), date_text="on 21 February")
    fri2 = _m("r2", "a5", event_date=D(2025, 2, 21), date_text="on Friday")
    assert dedup.best_date([week, fallback]).mention_id == "f"  # a day beats a week
    assert dedup.best_date([week, fallback, thu]).mention_id == "t"  # explicit beats fallback
    # explicit days: the one more mentions support (the week and the 22nd ±1 hold Friday)
    late = _m("l", "a6", event_date=D(2025, 2, 22), date_text="")
    assert dedup.best_date([thu, fri, week, late]).mention_id == "r"
    assert dedup.best_date([thu, fri, fri2]).mention_id == "r"
    assert dedup.best_date([fri, thu]).mention_id == "t"  # equal support: the earlier day


def _dup_mentions() -> list[MentionRecord]:
    call = {**TALKS, "subtype": "phone_call", "published": D(2025, 2, 22)}
    return [
        _m("c1", "a1", **call, event_date=D(2025, 2, 21), date_text="on Friday", **NO_TARGET),
        _m("c2", "a2", **call, **SWAPPED, event_date=D(2025, 2, 21), date_text="on 21 February"),
        _m("c3", "a3", **call, event_date=D(2025, 2, 22), date_text=""),
        _m("s1", "a1", subtype="airstrike", source="Wire"),
        _m("s2", "a2", subtype="ground_assault", source="Daily"),
        _m("s3", "a3", subtype="airstrike", source="wire", event_date=D(2025, 2, 21), date_text=""),
        _m("x1", "a4", subtype="shelling", event_date=D(2025, 3, 8)),
        _m("u1", "a5", event_date=None, precision="unknown"),
        _m("u2", "a6", event_date=None, precision="unknown"),
    ]


def test_cluster_groups_reports_and_is_order_independent() -> None:
    mentions = _dup_mentions()
    events = dedup.cluster(mentions)
    groups = sorted(sorted(lk.mention_id for lk in e.links) for e in events)
    assert groups == [["c1", "c2", "c3"], ["s1", "s2", "s3"], ["u1"], ["u2"], ["x1"]]
    by_first = {min(lk.mention_id for lk in e.links): e for e in events}
    call, strike = by_first["c1"], by_first["s1"]
    assert (call.event_date, call.date_precision, call.date_conflicts) == (D(2025, 2, 21), "day", 0)
    # the reports disagree on direction; the event keeps the first report's orientation
    assert (call.actor_key, call.target_key) == ("k-aze", "k-arm")
    assert (strike.subtype, strike.n_articles, strike.n_sources) == ("airstrike", 3, 2)
    assert strike.event_key == dedup.event_key(["s1", "s2", "s3"])
    rules = {lk.mention_id: lk.rule for lk in call.links}
    assert rules == {
        "c1": "seed",
        "c2": "talks:pair_partial,same_day",
        "c3": "talks:pair_partial,dct_1day",
    }
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert dedup.cluster(shuffled) == events


def test_cluster_never_chains_loose_matches() -> None:
    # b joins a's event (a names no target); c agrees with a but not with b's target, so it
    # opens its own event instead of chaining through a
    a = _m("a", "a1", **NO_TARGET)
    b = _m("b", "a2", target_country="TUR", target_key="k-tur")
    c = _m("c", "a3")
    events = dedup.cluster([a, b, c])
    assert sorted(sorted(lk.mention_id for lk in e.links) for e in events) == [["a", "b"], ["c"]]


# --- the indexed cluster() against the plain scan it replaced ---


class _RefCluster:
    def __init__(self, index: int) -> None:
        self.index = index
        self.members: list[MentionRecord] = []
        self.rules: list[str] = []
        self.articles: set[str] = set()
        self.lo, self.hi = dt.date.max, dt.date.min

    def add(self, m: MentionRecord, rule: str) -> None:
        self.members.append(m)
        self.rules.append(rule)
        self.articles.add(m.article_id)
        w = dedup.date_window(m)
        if w is not None:
            self.lo, self.hi = min(self.lo, w[0]), max(self.hi, w[1])

    def near(self, w: tuple[dt.date, dt.date]) -> bool:
        slack = dt.timedelta(days=dedup.FALLBACK_SLACK_DAYS)
        return w[0] <= self.hi + slack and self.lo - slack <= w[1]


def _ref_order(m: MentionRecord) -> tuple[object, ...]:
    return (m.published or dt.date.max, m.article_id, m.evidence_start, m.mention_id)


def reference_cluster(mentions: Iterable[MentionRecord]) -> list[EventCluster]:
    """The quadratic cluster() of extractor 0.2.0, kept as the oracle: each mention is checked
    against every member of every open cluster of its type and status, in creation order."""
    groups: dict[tuple[str, str], list[_RefCluster]] = {}
    done: list[_RefCluster] = []
    for m in sorted(mentions, key=_ref_order):
        w = dedup.date_window(m)
        open_ = groups.setdefault((m.event_type, m.status), [])
        best: _RefCluster | None = None
        rule = ""
        if w is not None:
            for c in open_:
                if m.article_id in c.articles or not c.near(w):
                    continue
                if best is not None and len(c.members) <= len(best.members):
                    continue
                rules = [dedup.compatible(x, m) for x in c.members]
                if all(r is not None for r in rules):
                    best, rule = c, str(rules[0])
        if best is None:
            best = _RefCluster(index=len(done))
            done.append(best)
            if w is not None:
                open_.append(best)
            rule = "seed"
        best.add(m, rule)
    return [_reference_event(c.members, c.rules) for c in done]


def _reference_support(window: tuple[dt.date, dt.date], members: Sequence[MentionRecord]) -> int:
    n = 0
    for m in members:
        w = dedup.date_window(m)
        if w is None:
            continue
        slack = dt.timedelta(days=dedup.FALLBACK_SLACK_DAYS if m.fallback else 0)
        n += w[0] - slack <= window[0] and window[1] <= w[1] + slack
    return n


def reference_best_date(members: Sequence[MentionRecord]) -> MentionRecord:
    def rank(item: tuple[int, MentionRecord]) -> tuple[object, ...]:
        i, m = item
        w = dedup.date_window(m)
        if w is None:
            return (9, 0, dt.date.max, i)
        tier = 1 if m.fallback else dedup._TIER[m.precision]
        return (tier, -_reference_support(w, members), m.event_date, i)

    return min(enumerate(members), key=rank)[1]


def _reference_event(members: Sequence[MentionRecord], rules: Sequence[str]) -> EventCluster:
    # the event fields are unchanged code; only the lead picker had a plain version
    return dedup._event(members, rules, lead_of=reference_best_date)


# a few parties that agree or clash by country, by folded name, or not at all
_PARTIES = st.sampled_from(
    [
        (None, None, None),
        ("k-aze", "Azerbaijani drones", "AZE"),
        ("k-aze2", "Ilham Aliyev", "AZE"),
        ("k-arm", "Nikol Pashinyan", "ARM"),
        ("k-arm2", "Armenia", "ARM"),
        ("k-tur", "Turkey", "TUR"),
        ("k-reb", "Rebels", None),
        ("k-reb2", " rebels ", None),
        ("k-cav", "Çavuşoğlu", None),
        ("k-cav2", "cavusoglu", None),
        (None, "", None),
        ("k-x", None, "RUS"),
    ]
)
_PLACES = st.sampled_from(
    [
        (None, None, None),
        ("l-jer", "Jermuk", "ARM"),
        ("l-vay", "Vayk", "ARM"),
        ("l-jer2", "jermuk", None),
        ("l-gan", "Ganja", "AZE"),
        ("l-gan2", "GANJA", None),
        ("l-emp", "", "ARM"),
    ]
)
# dates around week, month and year boundaries, so windows span index buckets
_ANCHORS = [D(2024, 12, 30), D(2025, 1, 5), D(2025, 2, 27), D(2025, 3, 31)]


@st.composite
def _mention(draw: st.DrawFn, mid: str) -> MentionRecord:
    actor, target, place = draw(_PARTIES), draw(_PARTIES), draw(_PLACES)
    dated = draw(st.integers(0, 9)) > 0
    event_date = draw(st.sampled_from(_ANCHORS)) + dt.timedelta(days=draw(st.integers(-4, 4)))
    published = draw(st.one_of(st.none(), st.sampled_from(_ANCHORS)))
    return MentionRecord(
        mention_id=mid,
        article_id=draw(st.sampled_from(["a1", "a2", "a3", "a4", "a5", "a6", "a7"])),
        source=draw(st.sampled_from([None, "", "Wire", "wire", "Daily"])),
        published=published,
        event_type=draw(st.sampled_from(["attack", "talks", "statement", "deployment"])),
        subtype=draw(st.sampled_from(["airstrike", "phone_call", "comment"])),
        status=draw(st.sampled_from(["occurred", "occurred", "planned"])),
        event_date=event_date if dated else None,
        precision=draw(
            st.sampled_from(["day", "day", "day", "week", "month", "year", "period", "unknown"])
        ),
        date_text=draw(st.sampled_from(["", "", "on Friday", "last week"])),
        evidence_start=draw(st.integers(0, 3)),
        n_spans=draw(st.integers(0, 2)),
        actor_key=actor[0],
        actor_name=actor[1],
        actor_country=actor[2],
        target_key=target[0],
        target_name=target[1],
        target_country=target[2],
        location_key=place[0],
        location_name=place[1],
        location_country=place[2],
    )


@st.composite
def _mentions(draw: st.DrawFn, max_size: int) -> list[MentionRecord]:
    ids = draw(st.lists(st.integers(0, 10**6), unique=True, max_size=max_size))
    return [draw(_mention(f"{i:07x}")) for i in ids]


ORACLE = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ORACLE
@given(_mentions(max_size=40))
def test_cluster_matches_reference_scan(mentions: list[MentionRecord]) -> None:
    assert dedup.cluster(mentions) == reference_cluster(mentions)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mentions(max_size=300))
def test_cluster_matches_reference_scan_on_crowded_sets(mentions: list[MentionRecord]) -> None:
    # many mentions per type, status and week: big clusters and many candidates per mention
    assert dedup.cluster(mentions) == reference_cluster(mentions)


@ORACLE
@given(_mention("m1"), _mention("m2"), st.booleans())
def test_cached_checks_agree_with_compatible(
    a: MentionRecord, b: MentionRecord, same_group: bool
) -> None:
    if same_group:
        b = dataclasses.replace(b, event_type=a.event_type, status=a.status)
    # cluster() only offers a dated mention to dated clusters of its own type and status
    seed, item = dedup._Item(a), dedup._Item(b)
    assert (seed.dated, item.dated) == (
        a.precision in dedup._TIER and a.event_date is not None,
        b.precision in dedup._TIER and b.event_date is not None,
    )
    offered = seed.dated and item.dated and (a.event_type, a.status) == (b.event_type, b.status)
    c = dedup._Cluster(index=0)
    c.add(seed, "seed")
    expected = offered and dedup.compatible(a, b) is not None
    assert (offered and c.accepts(item)) == expected
    if expected:  # the index finds b under a key of a's
        assert set(seed.anchors) & set(item.anchors)


JERMUK = dict(location_key="l-jer", location_name="Jermuk", location_country="ARM")
VAYK = dict(location_key="l-vay", location_name="Vayk", location_country="ARM")


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        (NO_TARGET, NO_TARGET, {("actor", "AZE")}),
        (NO_ACTOR, NO_ACTOR, {("target", "ARM")}),
        (
            {**NO_ACTOR, **NO_TARGET, **JERMUK},
            {**NO_ACTOR, **NO_TARGET, **VAYK},
            {("country", "ARM")},
        ),
        (
            {**NO_ACTOR, **NO_TARGET, **JERMUK},
            {**NO_ACTOR, **NO_TARGET, **JERMUK, "location_country": None},
            {("place", "jermuk")},
        ),
        ({**TALKS, **NO_TARGET}, {**TALKS, **SWAPPED}, {("party", "AZE")}),
        (
            dict(event_type="statement"),
            dict(event_type="statement"),
            {("speaker", "azerbaijani drones")},
        ),
    ],
)
def test_compatible_mentions_share_an_index_key(a: dict, b: dict, shared: set) -> None:
    ma, mb = _m(**a), _m("m2", "a2", **b)
    assert dedup.compatible(ma, mb) is not None
    keys_a, keys_b = dedup._Item(ma).anchors, dedup._Item(mb).anchors
    assert set(keys_a) & set(keys_b) == shared


@ORACLE
@given(st.lists(_mention("m"), min_size=1, max_size=12))
def test_best_date_matches_reference(members: list[MentionRecord]) -> None:
    # members equal by value are interchangeable leads
    assert dedup.best_date(members) == reference_best_date(members)


@pytest.mark.parametrize(
    ("extra", "groups"),
    [
        # z agrees with both one-mention clusters: the earlier opened wins the tie
        ([], [["x", "z"], ["y"]]),
        # y's cluster has grown to two members, so it is the larger one and wins
        ([_m("y2", "a2b", **NO_ACTOR)], [["x"], ["y", "y2", "z"]]),
    ],
)
def test_cluster_picks_the_largest_then_the_earliest(
    extra: list[MentionRecord], groups: list[list[str]]
) -> None:
    # x names only the actor and y only the target: no shared anchor, so they stay apart
    mentions = [_m("x", "a1", **NO_TARGET), _m("y", "a2", **NO_ACTOR), *extra, _m("z", "a3")]
    events = dedup.cluster(mentions)
    assert sorted(sorted(lk.mention_id for lk in e.links) for e in events) == groups
    assert events == reference_cluster(mentions)


def test_cluster_matches_reference_on_the_shipped_mentions() -> None:
    mentions = _dup_mentions()
    assert dedup.cluster(mentions) == reference_cluster(mentions)
    # a year-long window meets clusters opened in every week of its year
    year = _m("y1", "a9", event_date=D(2025, 1, 1), precision="year", date_text="this year")
    events = dedup.cluster([*mentions, year])
    assert events == reference_cluster([*mentions, year])
    joined = next(e for e in events if any(lk.mention_id == "y1" for lk in e.links))
    assert joined.n_articles > 1


# --- the real pipeline on articles that report the same events differently ---


@pytest.fixture(scope="module")
def extracted() -> tuple[list[Article], list[ExtractionResult]]:
    from newsevents.extract import extract_articles

    arts = [a for folder in (SEEDS, DUP) for a in stage_directory(folder).articles]
    return arts, extract_articles(arts)


@pytest.fixture(scope="module")
def base_db(
    tmp_path_factory: pytest.TempPathFactory,
    extracted: tuple[list[Article], list[ExtractionResult]],
) -> Path:
    arts, results = extracted
    path = tmp_path_factory.mktemp("dedup") / "events.duckdb"
    with warehouse.connect(path) as con:
        warehouse.migrate(con)
        warehouse.load(con, arts, results, flow_run_id="r1", now=dt.datetime(2030, 1, 1))
    return path


@pytest.fixture
def loaded(db: Path, base_db: Path) -> Path:
    """A private copy of the seeds + dup_reports warehouse (loading costs ~1 s)."""
    shutil.copy(base_db, db)
    return db


def _dup_events(con: object, etype: str, status: str = "occurred") -> list[tuple]:
    """(event_date, n_articles, sorted article ids) of dup_reports events of one type."""
    return con.execute(  # type: ignore[attr-defined]
        """
        SELECT e.event_date, e.n_articles, list(DISTINCT m.article_id ORDER BY m.article_id)
        FROM fct_event e
        JOIN fct_event_mention_bridge b USING (event_key)
        JOIN fct_event_mention m USING (mention_id)
        WHERE e.event_type = $t AND e.status = $s AND m.article_id LIKE 'dup_%'
          AND e.subtype <> 'killing'
        GROUP BY e.event_key, e.event_date, e.n_articles
        ORDER BY e.event_date
        """,
        {"t": etype, "s": status},
    ).fetchall()


@pytest.mark.slow
def test_each_reported_event_is_one_fct_event(loaded: Path) -> None:
    with warehouse.connect(loaded, read_only=True) as con:
        # one phone call on Friday 21 Feb, told as "on Friday" and "on 21 February"
        assert _dup_events(con, "talks") == [(D(2025, 2, 21), 2, ["dup_001", "dup_002"])]
        # one planned summit on 3 March, announced by two outlets
        assert _dup_events(con, "talks", "planned") == [(D(2025, 3, 3), 2, ["dup_001", "dup_002"])]
        # one drone strike reported by three outlets; the 8 March shelling is another event
        assert _dup_events(con, "attack") == [
            (D(2025, 2, 20), 3, ["dup_001", "dup_002", "dup_003"]),
            (D(2025, 3, 8), 1, ["dup_004"]),
        ]
        assert all(c.rows == 0 for c in warehouse.run_checks(con))
        merged, mentions = con.execute(
            "SELECT count(*), sum(n_articles) FROM fct_event WHERE n_articles > 1"
        ).fetchone()
        total = con.execute("SELECT count(*) FROM fct_event_mention").fetchone()[0]
        events = con.execute("SELECT count(*) FROM fct_event").fetchone()[0]
    assert events == total - mentions + merged  # every mention in exactly one event


def _without(con: object, table: str, cols: str) -> tuple:
    return con.execute(  # type: ignore[attr-defined]
        f"SELECT count(*), bit_xor(hash(t))::VARCHAR FROM (SELECT * EXCLUDE ({cols}) "
        f"FROM {table}) t"
    ).fetchone()


@pytest.mark.slow
def test_rerun_changes_nothing_and_reprocess_changes_only_versions(
    loaded: Path, extracted: tuple[list[Article], list[ExtractionResult]]
) -> None:
    arts, results = extracted
    with warehouse.connect(loaded) as con:
        warehouse.migrate(con)
        before = warehouse.table_checksums(con)
        # a plain rerun with nothing to extract still rebuilds events: identically
        warehouse.load(con, [], [], flow_run_id="r2")
        assert warehouse.table_checksums(con) == before
        warehouse.load(con, arts, results, flow_run_id="r1", now=dt.datetime(2030, 1, 1))
        assert warehouse.table_checksums(con) == before
        volatile = {
            "fct_event_mention": "extractor_version, flow_run_id",
            "dim_article": "extractor_version, flow_run_id, ingested_at",
        }
        stable = {table: _without(con, table, cols) for table, cols in volatile.items()}
        bumped = [r.model_copy(update={"extractor_version": "9.9.9"}) for r in results]
        warehouse.load(con, arts, bumped, flow_run_id="r3", now=dt.datetime(2030, 1, 2))
        after = warehouse.table_checksums(con)
        changed = {t for t in after if after[t] != before[t]}
        assert changed == {"fct_event_mention", "dim_article"}
        assert con.execute(
            "SELECT DISTINCT extractor_version FROM fct_event_mention"
        ).fetchall() == [("9.9.9",)]
        for table, cols in volatile.items():
            assert _without(con, table, cols) == stable[table]


@pytest.mark.slow
def test_reprocess_with_changed_extraction_rebuilds_events(
    loaded: Path, extracted: tuple[list[Article], list[ExtractionResult]]
) -> None:
    arts, results = extracted
    dup2 = next(r for r in results if r.article_id == "dup_002")
    call = next(e for e in dup2.events if e.type == "talks" and e.status == "occurred")
    # a new extractor that no longer sees dup_002's phone call
    fewer = dup2.model_copy(
        update={"extractor_version": "9.9.9", "events": tuple(e for e in dup2.events if e != call)}
    )
    art = next(a for a in arts if a.article_id == "dup_002")
    with warehouse.connect(loaded) as con:
        warehouse.load(con, [art], [fewer], flow_run_id="r3")
        assert _dup_events(con, "talks") == [(D(2025, 2, 21), 1, ["dup_001"])]
        assert con.execute(
            "SELECT count(*) FROM fct_event_mention_bridge WHERE mention_id = ?", [call.event_id]
        ).fetchone() == (0,)
        assert all(c.rows == 0 for c in warehouse.run_checks(con))


def test_mention_record_matches_dedup_select(db: Path) -> None:
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        cols = [
            d[0]
            for d in con.execute(
                warehouse.read_sql("dml/select_mentions_for_dedup.sql")
            ).description
        ]
    # rebuild_events builds the records by these names: every field is named, once
    assert sorted(cols) == sorted(MentionRecord.__dataclass_fields__)


def test_cluster_restores_the_garbage_collector() -> None:
    mentions = _dup_mentions()
    assert gc.isenabled()
    assert len(dedup.cluster(mentions)) == 5
    assert gc.isenabled()
    gc.disable()
    try:
        dedup.cluster(mentions)
        assert not gc.isenabled()
    finally:
        gc.enable()

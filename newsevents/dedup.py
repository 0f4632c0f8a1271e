"""Cross-article deduplication: mentions of one real-world event in several articles -> one event.

Extraction already merges the mentions of one happening *within* an article, so a cluster
holds at most one mention per article. Two mentions from different articles may join when
every rule below holds (each is checked against every member already in the cluster, so a
cluster never grows by chaining loosely similar mentions):

* **type and status**: the same event type and the same status (a plan and its outcome are
  different facts: a planned meeting may never happen on the announced day).
* **parties**: a party is identified by its country code, or by its folded name when it has
  no country.

  - talks: the unordered pair {actor, target}; equal pairs agree, and a mention naming only
    one side agrees with a pair that contains it ("Pashinyan spoke by phone" vs
    "Pashinyan and Aliyev spoke by phone").
  - statements: the speaker must be known on both and have the same folded name (one
    country issues many statements a day, so the country alone is too weak).
  - attacks and deployments: actor identities must be equal when both are known, and so
    must target identities.
* **dates** agree within their precision: a day agrees with a day, with the ISO week of a
  ``week`` mention, the month of a ``month`` one and the year of a ``year`` one. A date
  taken from the publication date (empty ``date_text``) is weak evidence and agrees with
  anything within one day of it (reports run on the day of the event or the day after).
  Undated mentions (no date, or ``period``/``unknown`` precision) never join another.
* **place**: when both mentions have a place, their countries must be equal (or their folded
  names when a country is missing).
* **an anchor**: at least one party or the place is known on both sides and equal; two
  mentions that share only a type and a date stay apart.

Mentions are visited in reporting order (publication date, article id, offset, mention id);
each joins the largest compatible cluster (ties: the earliest opened) or opens a new one.
The event key hashes the smallest mention id of the cluster, so reruns give identical keys.

The event's date is the best member date, ranked by precision (explicit day, then
publication-date day, week, month, year), then by support (members whose own window
contains it), then the earliest date. Members that disagree keep their own dates on the
mention rows and are counted in ``date_conflicts``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields

from newsevents.lexicon import fold
from schemas import EventCluster, EventLink

_TIER = {"day": 0, "week": 2, "month": 3, "year": 4}
"""Date precision rank for the event date; 1 is a day taken from the publication date."""

FALLBACK_SLACK_DAYS = 1


@dataclass(frozen=True)
class MentionRecord:
    """The fields of one mention (one event in one article) that deduplication looks at."""

    mention_id: str
    article_id: str
    source: str | None
    published: dt.date | None
    event_type: str
    subtype: str
    status: str
    event_date: dt.date | None
    precision: str
    date_text: str
    evidence_start: int = 0
    n_spans: int = 1
    actor_key: str | None = None
    actor_name: str | None = None
    actor_country: str | None = None
    target_key: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    location_key: str | None = None
    location_name: str | None = None
    location_country: str | None = None

    @property
    def fallback(self) -> bool:
        """True when the date is the publication date, not read from the text."""
        return self.event_date is not None and not self.date_text.strip()

    @property
    def actor_id(self) -> str | None:
        return _identity(self.actor_name, self.actor_country)

    @property
    def target_id(self) -> str | None:
        return _identity(self.target_name, self.target_country)

    @classmethod
    def from_rows(
        cls, columns: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> list[MentionRecord]:
        """Records from query rows whose ``columns`` are named after the fields, in any order.

        Every field must be named once: a missing column would otherwise take a default.
        """
        names = [f.name for f in fields(cls)]
        if sorted(columns) != sorted(names):
            raise ValueError(
                f"mention columns {list(columns)} do not name the fields of MentionRecord ({names})"
            )
        return [cls(**dict(zip(columns, row, strict=True))) for row in rows]


def _identity(name: str | None, country: str | None) -> str | None:
    if country:
        return country
    return (fold(name).strip() or None) if name else None


def date_window(m: MentionRecord) -> tuple[dt.date, dt.date] | None:
    """The days a mention's date stands for, or None when it has no usable date."""
    d = m.event_date
    if d is None or m.precision not in _TIER:
        return None
    if m.precision == "day":
        return d, d
    if m.precision == "week":
        monday = d - dt.timedelta(days=d.isoweekday() - 1)
        return monday, monday + dt.timedelta(days=6)
    if m.precision == "month":
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    return d.replace(month=1, day=1), d.replace(month=12, day=31)


def dates_rule(a: MentionRecord, b: MentionRecord) -> str | None:
    """How the two dates agree (``same_day``, ``within_week``...), or None when they conflict."""
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return None
    slack = FALLBACK_SLACK_DAYS if a.fallback or b.fallback else 0
    gap = (max(wa[0], wb[0]) - min(wa[1], wb[1])).days
    if gap > slack:
        return None
    if gap > 0:
        return "dct_1day"
    coarsest = max((a.precision, b.precision), key=_TIER.__getitem__)
    return "same_day" if coarsest == "day" else f"within_{coarsest}"


def parties_rule(a: MentionRecord, b: MentionRecord) -> str | None:
    """How the parties agree (``pair``, ``actor``...), ``""`` when neither side can tell,
    or None when they conflict."""
    if a.event_type == "talks":
        sa = {x for x in (a.actor_id, a.target_id) if x}
        sb = {x for x in (b.actor_id, b.target_id) if x}
        if not sa or not sb:
            return ""
        if sa == sb:
            return "pair"
        return "pair_partial" if sa <= sb or sb <= sa else None
    if a.event_type == "statement":
        names = [fold(m.actor_name).strip() if m.actor_name else "" for m in (a, b)]
        if not names[0] or names[0] != names[1]:
            return None
        return "speaker" + _target_suffix(a, b) if _target_ok(a, b) else None
    if a.actor_id and b.actor_id and a.actor_id != b.actor_id:
        return None
    if not _target_ok(a, b):
        return None
    parts = ["actor"] if a.actor_id and a.actor_id == b.actor_id else []
    suffix = _target_suffix(a, b)
    if suffix:
        parts.append("target")
    return "+".join(parts)


def _target_ok(a: MentionRecord, b: MentionRecord) -> bool:
    return not (a.target_id and b.target_id and a.target_id != b.target_id)


def _target_suffix(a: MentionRecord, b: MentionRecord) -> str:
    return "+target" if a.target_id and a.target_id == b.target_id else ""


def place_rule(a: MentionRecord, b: MentionRecord) -> str | None:
    """``place`` when both places agree, ``""`` when one is unknown, None when they conflict."""
    if not a.location_name or not b.location_name:
        return ""
    if a.location_country and b.location_country:
        return "place" if a.location_country == b.location_country else None
    return "place" if fold(a.location_name) == fold(b.location_name) else None


def compatible(a: MentionRecord, b: MentionRecord) -> str | None:
    """The rule that lets ``b`` join ``a``'s event (e.g. ``talks:pair,same_day,place``),
    or None when they must stay apart."""
    if a.article_id == b.article_id or a.event_type != b.event_type or a.status != b.status:
        return None
    when = dates_rule(a, b)
    who = parties_rule(a, b)
    where = place_rule(a, b)
    if when is None or who is None or where is None or not (who or where):
        return None
    return f"{a.event_type}:" + ",".join(p for p in (who, when, where) if p)


_NO_LO = -(10**9)
_NO_HI = 10**9
_BUCKET_DAYS = 7
"""Index bucket: one ISO week (ordinal 1, 0001-01-01, is a Monday)."""

_Place = tuple[str | None, str] | None
_Sig = tuple[str | None, str | None, str, _Place, frozenset[str]]
"""What the party, place and anchor rules read from a mention: actor id, target id, folded
speaker, (place country, folded place name) or None, and the talks pair."""


def _signature(m: MentionRecord) -> _Sig:
    actor, target = m.actor_id, m.target_id
    place = (m.location_country or None, fold(m.location_name)) if m.location_name else None
    speaker = fold(m.actor_name).strip() if m.actor_name else ""
    return actor, target, speaker, place, frozenset(x for x in (actor, target) if x)


def _anchors(event_type: str, sig: _Sig) -> tuple[tuple[str, str], ...]:
    """Keys two mentions share whenever ``compatible`` finds them anchored (a party or the
    place known on both sides and equal); mentions that share none never join."""
    actor, target, speaker, place, pair = sig
    if event_type == "statement":
        # the speaker is required, so it is the only anchor needed
        return (("speaker", speaker),) if speaker else ()
    if event_type == "talks":
        keys = [("party", x) for x in sorted(pair)]
    else:
        keys = [("actor", actor)] if actor else []
        keys += [("target", target)] if target else []
    if place is not None:
        # places agree by country when both have one, else by folded name
        keys += [("country", place[0])] if place[0] else []
        keys.append(("place", place[1]))
    return tuple(keys)


def _agree(event_type: str, a: _Sig, b: _Sig) -> bool:
    """True when ``parties_rule``, ``place_rule`` and the anchor let two mentions with these
    signatures join (the same verdict as ``compatible`` without the dates)."""
    a_actor, a_target, a_speaker, a_place, a_pair = a
    b_actor, b_target, b_speaker, b_place, b_pair = b
    where = False
    if a_place is not None and b_place is not None:
        if a_place[0] and b_place[0]:
            if a_place[0] != b_place[0]:
                return False
        elif a_place[1] != b_place[1]:
            return False
        where = True
    if event_type == "talks":
        if not a_pair or not b_pair:
            return where
        return a_pair <= b_pair or b_pair <= a_pair
    if a_target and b_target and a_target != b_target:
        return False
    if event_type == "statement":
        return bool(a_speaker) and a_speaker == b_speaker
    if a_actor and b_actor and a_actor != b_actor:
        return False
    return where or bool(a_actor and a_actor == b_actor) or bool(a_target and a_target == b_target)


class _Item:
    """A mention with what clustering reads from it computed once."""

    __slots__ = ("anchors", "dated", "fallback", "hi", "lo", "m", "sig")

    def __init__(self, m: MentionRecord) -> None:
        self.m = m
        w = date_window(m)
        # undated mentions never join nor take others in, so their bounds are never read
        self.dated = w is not None
        self.lo = w[0].toordinal() if w else 0
        self.hi = w[1].toordinal() if w else 0
        self.fallback = m.fallback
        self.sig = _signature(m)
        self.anchors = _anchors(m.event_type, self.sig)


class _Cluster:
    """An event being built, with what a joining mention must agree with cached.

    A mention agrees with every member's date when it meets the intersection of the member
    windows, widened by a day for members with a publication-date fallback (or all of them
    when the mention itself is a fallback); so four bounds stand for all member dates. The
    members' distinct signatures stand for their parties and places.
    """

    __slots__ = ("articles", "hi", "hi_fb", "index", "lo", "lo_fb", "members", "rules", "sigs")

    def __init__(self, index: int) -> None:
        self.index = index
        self.members: list[MentionRecord] = []
        self.rules: list[str] = []
        self.articles: set[str] = set()
        self.lo, self.lo_fb, self.hi, self.hi_fb = _NO_LO, _NO_LO, _NO_HI, _NO_HI
        self.sigs: dict[_Sig, None] = {}

    def add(self, item: _Item, rule: str) -> None:
        self.members.append(item.m)
        self.rules.append(rule)
        self.articles.add(item.m.article_id)
        self.sigs[item.sig] = None
        if not item.dated:
            return
        if item.fallback:
            self.lo_fb, self.hi_fb = max(self.lo_fb, item.lo), min(self.hi_fb, item.hi)
        else:
            self.lo, self.hi = max(self.lo, item.lo), min(self.hi, item.hi)

    def accepts(self, item: _Item) -> bool:
        """True when ``compatible(member, item.m)`` passes for every member (``item`` dated,
        of the cluster's type and status)."""
        lo, hi = item.lo, item.hi
        # dates_rule against every member, from the four cached bounds
        if item.fallback:
            if max(self.lo, self.lo_fb) - 1 > hi or lo > min(self.hi, self.hi_fb) + 1:
                return False
        elif self.lo > hi or self.lo_fb - 1 > hi or lo > self.hi or lo > self.hi_fb + 1:
            return False
        if item.m.article_id in self.articles:
            return False
        etype, sig = item.m.event_type, item.sig
        return all(_agree(etype, s, sig) for s in self.sigs)


def reporting_order(m: MentionRecord) -> tuple[dt.date, str, int, str]:
    """Where ``cluster`` visits a mention: publication date (undated articles last), article
    id, offset, mention id."""
    return (m.published or dt.date.max, m.article_id, m.evidence_start, m.mention_id)


def anchor_keys(m: MentionRecord) -> tuple[tuple[str, str], ...]:
    """The keys of ``_anchors``: two mentions ``compatible`` admits share one of them."""
    return _anchors(m.event_type, _signature(m))


def cluster(mentions: Iterable[MentionRecord]) -> list[EventCluster]:
    """Group mentions into deduplicated events (deterministic for a given set of mentions).

    Every member must agree with the cluster's first mention: share an anchor with it (a
    party or the place, see ``_anchors``) and meet its date window, give or take a day. So
    open clusters are indexed by type, status, the first mention's anchors and the weeks of
    its widened window, and a mention meets only the clusters under its own keys. The choice
    is the same as a scan of every open cluster in creation order: the largest that accepts
    the mention, ties to the earliest opened.
    """
    with _cyclic_gc_paused():
        return _cluster(mentions)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: clustering allocates millions of objects and no
    reference cycles, and each full collection would re-scan the whole, growing heap (at 1M
    mentions that cost as much as the clustering itself)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cluster(mentions: Iterable[MentionRecord]) -> list[EventCluster]:
    index: dict[tuple[str, str, str, str, int], list[_Cluster]] = {}
    done: list[_Cluster] = []
    for m in sorted(mentions, key=reporting_order):
        item = _Item(m)
        etype, status = m.event_type, m.status
        best: _Cluster | None = None
        if item.dated:
            size, first = 0, len(done)
            weeks = range((item.lo - 1) // _BUCKET_DAYS, (item.hi - 1) // _BUCKET_DAYS + 1)
            for kind, value in item.anchors:
                for week in weeks:
                    # a cluster met under two keys gets the same verdict twice: harmless
                    for c in index.get((etype, status, kind, value, week), ()):
                        n = len(c.members)
                        if (n > size or (n == size and c.index < first)) and c.accepts(item):
                            best, size, first = c, n, c.index
        if best is not None:
            best.add(item, str(compatible(best.members[0], m)))
            continue
        best = _Cluster(index=len(done))
        done.append(best)
        best.add(item, "seed")
        if item.dated:
            slack = FALLBACK_SLACK_DAYS
            first_week = (item.lo - slack - 1) // _BUCKET_DAYS
            weeks = range(first_week, (item.hi + slack - 1) // _BUCKET_DAYS + 1)
            for kind, value in item.anchors:
                for week in weeks:
                    index.setdefault((etype, status, kind, value, week), []).append(best)
    return [_event(c.members, c.rules) for c in done]


def event_key(mention_ids: Iterable[str]) -> str:
    """A stable event key: a hash of the cluster's smallest mention id."""
    return hashlib.sha1(("event\x1f" + min(mention_ids)).encode("utf-8")).hexdigest()[:16]


def best_date(members: Sequence[MentionRecord]) -> MentionRecord:
    """The member whose date the event takes: most precise, most supported, earliest.

    Support is the number of members whose window (a day wider for a publication-date
    fallback) contains the candidate's window; it is counted once per distinct window of the
    most precise tier, as only that tier can win.
    """
    dated = []
    for i, m in enumerate(members):
        w = date_window(m)
        if w is not None:
            dated.append((1 if m.fallback else _TIER[m.precision], w, i, m))
    if not dated:
        return members[0]
    slack = dt.timedelta(days=FALLBACK_SLACK_DAYS)
    reach = [(w[0] - slack, w[1] + slack) if m.fallback else w for _, w, _, m in dated]
    top = min(d[0] for d in dated)
    support: dict[tuple[dt.date, dt.date], int] = {}
    ranked = []
    for tier, w, i, m in dated:
        if tier != top:
            continue
        if w not in support:
            support[w] = sum(lo <= w[0] and w[1] <= hi for lo, hi in reach)
        ranked.append((-support[w], m.event_date, i))
    return members[min(ranked)[2]]


def _mode(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    # ties go to the value reported first, so the choice never depends on hash order
    return next(v for v in values if v is not None and counts[v] == top)


def _event(
    members: Sequence[MentionRecord],
    rules: Sequence[str],
    lead_of: Callable[[Sequence[MentionRecord]], MentionRecord] = best_date,
) -> EventCluster:
    """One cluster as an event; ``lead_of`` picks the report whose date the event takes."""
    lead = lead_of(members)
    key = event_key(m.mention_id for m in members)
    anchor = members[0]
    pairs = []
    for m in members:
        pair = (m.actor_key, m.target_key)
        # talks have no direction: align each report with the first one before voting
        if m.event_type == "talks" and (
            (m.actor_id and m.actor_id == anchor.target_id)
            or (m.target_id and m.target_id == anchor.actor_id)
        ):
            pair = (m.target_key, m.actor_key)
        pairs.append(pair)
    lead_w = date_window(lead)
    conflicts = 0
    for m in members:
        w = date_window(m)
        if w is not None and lead_w is not None and lead.event_date is not None:
            slack = dt.timedelta(days=FALLBACK_SLACK_DAYS if m.fallback or lead.fallback else 0)
            conflicts += not (w[0] - slack <= lead.event_date <= w[1] + slack)
    published = [m.published for m in members if m.published is not None]
    sources = {fold(m.source).strip() for m in members if m.source and m.source.strip()}
    return EventCluster(
        event_key=key,
        event_type=anchor.event_type,
        subtype=str(_mode([m.subtype for m in members])),
        status=anchor.status,
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        n_articles=len({m.article_id for m in members}),
        n_sources=len(sources),
        n_mentions=sum(max(m.n_spans, 1) for m in members),
        event_date=lead.event_date,
        date_precision=lead.precision,
        date_conflicts=conflicts,
        actor_key=_mode([p[0] for p in pairs]),
        target_key=_mode([p[1] for p in pairs]),
        location_key=_mode([m.location_key for m in members]),
        lead_mention_id=lead.mention_id,
        links=tuple(
            EventLink(mention_id=m.mention_id, event_key=key, rule=r)
            for m, r in zip(members, rules, strict=True)
        ),
    )

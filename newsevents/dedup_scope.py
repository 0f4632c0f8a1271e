"""The incremental rebuild's scope: which mentions to cluster again after a load, and which
events they replace, so that the result equals clustering every mention again.

``newsevents.dedup.cluster`` visits mentions in reporting order, and each joins the largest
cluster that accepts it (a cluster accepts only mentions compatible with all its members).
Let *t0* be the reporting-order place of the earliest changed mention: a new one, or one an
article held before it was loaded again. Every choice before *t0* is as it was. From *t0*
on, a choice can differ only where it meets a cluster that changed. The scope is the
smallest set of mentions that:

* holds every new mention (of the articles loaded since the last rebuild);
* holds the whole event the last rebuild put each of its mentions in, and each removed
  mention's event, so the events outside it are kept whole;
* holds every mention ``compatible`` with one of its mentions, when either of the two is
  at or after *t0* (two mentions both before *t0* made their choices already).

A removed mention need not be reached from: a later mention outside the scope chose a
cluster outside it, and losing a cluster it did not choose leaves that choice the best.

Clustering the scope's current mentions alone then makes the choices the full clustering
makes for them, and every event outside it is unchanged, key included
(``tests/test_dedup_incremental.py`` compares the two on random histories). A tick of new
articles, reported last, so reaches the events its mentions can join and the few mentions
reported after it, not the whole warehouse.

The search is breadth first over the warehouse, through two questions the caller answers:
``near`` (the mentions in some stretches of days of a type and status, :class:`Reach`: a
superset, which ``compatible`` then filters) and ``members`` (the mentions of earlier
events). A tick reported before newer articles (an archive loaded late) reaches every later
mention its events' members meet, so its scope grows with what came after it; past a
limit the caller clusters everything instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from newsevents.dedup import (
    MentionRecord,
    anchor_keys,
    compatible,
    date_window,
    reporting_order,
)


@dataclass(frozen=True)
class Held:
    """A mention and the event the last rebuild put it in (None: loaded since)."""

    record: MentionRecord
    event_key: str | None


@dataclass(frozen=True)
class Scope:
    """What an incremental rebuild clusters again, and the events that replaces."""

    mentions: list[MentionRecord]
    event_keys: frozenset[str]
    rounds: int


@dataclass(frozen=True)
class Reach:
    """Where some mentions may find compatible ones: the mentions of ``event_type`` and
    ``status`` whose date window meets ``lo..hi`` (their own windows, a day wider, merged);
    unless ``late``, only those reported on or after the first change."""

    event_type: str
    status: str
    lo: dt.date
    hi: dt.date
    late: bool


NearFn = Callable[[Sequence[Reach], dt.date, Collection[str]], Iterable[Held]]
"""``near(reaches, since, exclude)``: every current mention in one of ``reaches`` (a
superset is fine), those of a reach that is not ``late`` reported on or after ``since`` (or
by undated articles), leaving out the mention ids ``exclude``."""

MembersFn = Callable[[Sequence[str]], Iterable[Held]]
"""``members(event_keys)``: the current mentions the last rebuild put in those events."""


def rebuild_scope(
    current: Sequence[Held],
    removed: Sequence[Held],
    near: NearFn,
    members: MembersFn,
    limit: int | None = None,
) -> Scope | None:
    """The scope of a rebuild after ``current`` (the changed articles' mentions now) replaced
    ``removed`` (what those articles held at the last rebuild); None as soon as it holds
    more than ``limit`` mentions (clustering every mention is then the cheaper way)."""
    changed = [h.record for h in (*current, *removed)]
    if not changed:
        return Scope([], frozenset(), 0)
    t0 = min(map(reporting_order, changed))
    scope: dict[str, MentionRecord] = {}
    events: set[str] = set()
    fresh: list[str] = []  # events whose members are not fetched yet

    def add(h: Held) -> bool:
        if h.record.mention_id in scope:
            return False
        scope[h.record.mention_id] = h.record
        if h.event_key is not None and h.event_key not in events:
            events.add(h.event_key)
            fresh.append(h.event_key)
        return True

    for h in removed:
        if h.event_key is not None and h.event_key not in events:
            events.add(h.event_key)
            fresh.append(h.event_key)
    wave = [h.record for h in current if add(h)]
    rounds = 0
    # each pass goes on only with mentions it added to the scope, which holds each current
    # mention once: at most one pass per mention, then the wave is empty
    while wave or fresh:
        if limit is not None and len(scope) > limit:
            return None
        rounds += 1
        keys, fresh[:] = list(fresh), []
        if keys:
            wave += [h.record for h in members(keys) if add(h)]
        wave = [h.record for h in _reached(wave, t0, near, scope) if add(h)]
    if limit is not None and len(scope) > limit:
        return None
    return Scope(sorted(scope.values(), key=lambda m: m.mention_id), frozenset(events), rounds)


def _reached(
    wave: Sequence[MentionRecord],
    t0: tuple[dt.date, str, int, str],
    near: NearFn,
    scope: dict[str, MentionRecord],
) -> list[Held]:
    """The current mentions outside ``scope`` that ``wave`` reaches: compatible with one of
    its mentions, one of the two at or after ``t0``."""
    dated = [m for m in wave if date_window(m) is not None]
    if not dated:
        return []
    late = [reporting_order(m) >= t0 for m in dated]
    # compatible mentions share an anchor key, of their own type and status, and their date
    # windows meet within a day: so each mention of the wave is indexed under its keys and
    # the weeks of its window a day wider, and a candidate meets only those under its own
    index: dict[tuple[str, str, str, str, int], list[tuple[MentionRecord, bool]]] = {}
    for m, is_late in zip(dated, late, strict=True):
        for key in _keys(m, slack=1):
            index.setdefault(key, []).append((m, is_late))
    out = []
    for h in near(reaches(dated, late), t0[0], scope.keys()):
        c = h.record
        if c.mention_id in scope:
            continue
        c_late = reporting_order(c) >= t0
        if any(
            (is_late or c_late) and compatible(m, c) is not None
            for key in _keys(c, slack=0)
            for m, is_late in index.get(key, ())
        ):
            out.append(h)
    return out


def _keys(m: MentionRecord, slack: int) -> list[tuple[str, str, str, str, int]]:
    """The index keys of a dated mention: its type, status, each anchor key, and each week
    (ordinal // 7) its date window, ``slack`` days wider, touches."""
    w = date_window(m)
    if w is None:
        return []
    weeks = range((w[0].toordinal() - slack) // 7, (w[1].toordinal() + slack) // 7 + 1)
    return [
        (m.event_type, m.status, kind, value, wk) for kind, value in anchor_keys(m) for wk in weeks
    ]


def reaches(mentions: Sequence[MentionRecord], late: Sequence[bool]) -> list[Reach]:
    """Where ``mentions`` (dated) may find compatible ones: per type, status and lateness,
    their date windows a day wider (the publication-date slack), overlapping ones merged,
    so a wave of thousands of mentions asks about a few stretches of days."""
    spans: dict[tuple[str, str, bool], list[tuple[dt.date, dt.date]]] = {}
    day = dt.timedelta(days=1)
    for m, is_late in zip(mentions, late, strict=True):
        w = date_window(m)
        if w is not None:
            spans.setdefault((m.event_type, m.status, is_late), []).append((w[0] - day, w[1] + day))
    out = []
    for (etype, status, is_late), ws in sorted(spans.items()):
        ws.sort()
        lo, hi = ws[0]
        for a, b in ws[1:]:
            if a > hi + day:  # a gap of at least one day: a new stretch
                out.append(Reach(etype, status, lo, hi, is_late))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        out.append(Reach(etype, status, lo, hi, is_late))
    return out

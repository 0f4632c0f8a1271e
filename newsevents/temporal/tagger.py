"""The tagger: choose among the pattern candidates, normalise them, and attach modifiers,
anchors and anaphora state in text order (:func:`tag`); a value as a day (:func:`value_to_date`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

from newsevents.doccache import doc_text
from schemas import TemporalExpression

from .normalise import HANDLERS, Ctx, Res, at_gran, shift
from .patterns import LEFT_MOD, LEFT_REL, TimexCandidate, find_candidates
from .tense import tense_from_doc, tense_from_window

_POINT_KINDS = frozenset(
    {"mdy", "dmy", "month_year", "month", "year", "weekday", "rel_unit", "quarter", "season",
     "decade", "century", "relword", "iso", "slash", "spelled_year", "holiday", "yearend"}
)  # fmt: skip
_MOD_WORDS = (
    ("beginning", "START"), ("start", "START"), ("early", "START"), ("dawn", "START"),
    ("first half", "START"), ("turn", "START"), ("middle", "MID"), ("mid", "MID"),
    ("end", "END"), ("close", "END"), ("late", "END"), ("second half", "END"),
)  # fmt: skip
_DEADLINE = frozenset({"by", "until", "till", "before", "ahead of", "prior to", "up to"})
_SPAN_START = frozenset({"since", "from", "starting", "beginning", "as of"})
_SPAN = frozenset({"over", "during", "throughout", "within"})
_POSSESSIVE = re.compile(r"['’]s$")
_ADJ_DURATION = re.compile(
    r"the\s+(?:(?:nearly|almost|about|some|roughly|around|over|more\s+than)\s+)?"
    r"(?=[\w.]+(?:-[a-z]+)*-(?:second|minute|hour|day|week|month|year|decade)(?:[-\s](?:long|old))?$)",
    re.I,
)


def _select(cands: list[TimexCandidate], ok: dict[int, Res]) -> list[TimexCandidate]:
    """Longest non-overlapping candidates among those that normalise."""
    chosen: list[TimexCandidate] = []
    # Characters already taken: checking a candidate costs its length, not the number taken
    # (candidates are never empty, so sharing a character is overlapping).
    taken = bytearray(max((c.end for c in cands), default=0))
    for i, c in sorted(enumerate(cands), key=lambda x: (-(x[1].end - x[1].start), x[1].priority)):
        if i not in ok:
            continue
        if taken.find(1, c.start, c.end) != -1:
            continue
        chosen.append(c)
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _make_tense(text: str, doc: Any) -> Any:
    use_doc = doc is not None and doc_text(doc) == text

    def tense(s: int, e: int) -> str | None:
        w = tense_from_window(text, s, e)
        if use_doc and w != "future":
            # the parse wins for future readings the cue window misses ("meet Monday",
            # "is expected to"); otherwise the window, whose cues are tuned on news text
            t = tense_from_doc(doc, s, e)
            if t == "future":
                return t
        return w

    return tense


def _within_lines(text: str, cands: list[TimexCandidate]) -> list[TimexCandidate]:
    """Cut candidates at a line break: lines are paragraphs, headlines or captions, and an
    expression never runs from one into the next ("in a week\n\nEarlier ...")."""
    out = []
    for c in cands:
        cut = text.find("\n", c.start, c.end)
        if cut == -1:
            out.append(c)
            continue
        end = len(text[c.start : cut].rstrip()) + c.start
        if end > c.start:
            out.append(TimexCandidate(start=c.start, end=end, kind=c.kind, priority=c.priority))
    return out


def tag(text: str, dct: dt.date | None, doc: Any = None) -> list[TemporalExpression]:
    """Find and normalise the temporal expressions in ``text``.

    Args:
        text: The article text; offsets in the result index into it exactly.
        dct: Document creation time, or None when unknown (values then keep X placeholders).
        doc: Optional spaCy Doc over the same text; used for the tense of the governing verb.

    Returns:
        TemporalExpression objects in text order.
    """
    if not text:
        return []
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    tense = _make_tense(text, doc)
    cands = _within_lines(text, find_candidates(text))
    probe = Ctx(text=text, dct=dct, tense=lambda s, e: None)
    ok: dict[int, Res] = {}
    for i, c in enumerate(cands):
        try:
            r = HANDLERS[c.kind](text[c.start : c.end], probe, c.start, c.end)
        except (ValueError, KeyError, IndexError, OverflowError, StopIteration):
            r = None
        if r is not None:
            ok[i] = r
    ctx = Ctx(text=text, dct=dct, tense=tense)
    out: list[TemporalExpression] = []
    prev_end = 0
    chosen = _select(cands, ok)
    skip: set[int] = set()
    last_weekday: int | None = None  # index in out of the weekday just tagged
    for i, c in enumerate(chosen):
        if i in skip:
            continue
        s, e = c.start, c.end
        if _POSSESSIVE.search(text[s:e]) and c.kind in ("weekday", "relword", "rel_unit", "mdy"):
            e -= 2
        head = _NEST_HEAD.fullmatch(text, s, e) if c.kind == "anaphor" else None
        if head:
            nested = _nested(text, ctx, head, chosen[i + 1] if i + 1 < len(chosen) else None)
            if nested is not None:
                res, e = nested
                skip.add(i + 1)
                out.append(_expr(text, s, e, res))
                prev_end = e
                _remember(ctx, res, "nested", e)
                continue
            if head.group(1).lower() != "day":
                continue  # "the week before" only with a date to count from
            app = _appositive_day(text, head, out)
            if app is not None:
                e = s + len(head.group(0).rsplit(None, 1)[0])
                out.append(_expr(text, s, e, app))
                prev_end = e
                continue
        if c.kind == "duration":
            # adjectival "the nine-year conflict": the article belongs to the noun
            m = _ADJ_DURATION.match(text, s, e)
            if m:
                s = m.end()
        try:
            res = HANDLERS[c.kind](text[s:e], ctx, s, e)
        except (ValueError, KeyError, IndexError, OverflowError, StopIteration):
            res = None
        if res is None:
            continue
        if c.kind in _POINT_KINDS and res.gran not in ("ref",):
            m = LEFT_MOD.search(text, max(prev_end, s - 40), s)
            if m and m.end() == s:
                word = m.group(0).lower()
                mod = next((v for k, v in _MOD_WORDS if k in word), None)
                if mod and res.mod is None:
                    res.mod = mod
                s = m.start()
        rel = LEFT_REL.search(text, max(prev_end, s - 20), s)
        if rel and rel.end() == s and res.type in ("DATE", "TIME"):
            p = re.sub(r"\s+", " ", rel.group(1).lower())
            if (p in _DEADLINE and p != "before") or (p == "before" and res.mod == "END"):
                res.anchor = "deadline"
            elif p in _SPAN_START:
                res.anchor = "span_start"
                if p == "since" and c.kind in _SINCE_KINDS and dct is not None:
                    res.value = _not_after(res.value, text[s:e], c.kind, dct)
            elif p in _SPAN and res.gran in ("ref", "duration"):
                res.anchor = "span"
        if res.type == "DURATION" and res.anchor not in ("span",):
            res.anchor = "duration"
        if res.type == "SET":
            res.anchor = "set"
        if (
            c.kind in _TITLE_KINDS
            and _TITLE.search(text, max(0, s - 2), s)
            and _is_title(text[s:e])
        ):
            continue  # "ABC's "This Week"", ""60 Minutes"": the title of a show or work
        if c.kind == "weekday" and last_weekday is not None and dct is not None:
            _order_day_range(text, out, last_weekday, s, res, dct)
        out.append(_expr(text, s, e, res))
        last_weekday = len(out) - 1 if c.kind == "weekday" else None
        prev_end = e
        if not _PERIOD_END.search(text, max(0, s - 40), s):
            _remember(ctx, res, c.kind, e)
        if c.kind in ("mdy", "dmy") and (extra := _next_day(text, e, res)):
            out.append(extra)
            prev_end = extra.end
    return out


# "from Monday to Thursday", "Monday through Friday", "Tuesday-Thursday"
_RANGE_TO = re.compile(r"\s*(?:to|through|thru|until|till|[-–])\s*", re.I)


def _order_day_range(
    text: str, out: list[TemporalExpression], i: int, s: int, res: Res, dct: dt.date
) -> None:
    """A range of weekdays runs forward: when the end resolved before the start, the range
    is the one ending on or before the DCT if its end is, else the end is a week later."""
    first = out[i]
    if not _RANGE_TO.fullmatch(text, first.end, s) or not _DAY_RX.fullmatch(res.value):
        return
    if not _DAY_RX.fullmatch(first.value):
        return
    start, end = dt.date.fromisoformat(first.value), dt.date.fromisoformat(res.value)
    if end >= start:
        return
    if end <= dct:
        moved = (start - dt.timedelta(days=7)).isoformat()
        out[i] = first.model_copy(update={"value": moved})
    else:
        res.value = (end + dt.timedelta(days=7)).isoformat()


_TITLE = re.compile(r"[\"“‘']\s?$")
# kinds whose words are common nouns; capitalised after a quote they name a show or work
_TITLE_KINDS = frozenset({"rel_unit", "duration", "relword", "anaphor", "the_past_unit", "in_the"})


def _is_title(span: str) -> bool:
    """Two or more words, each capitalised: a title, not a sentence-initial "Now" or "Today"."""
    words = span.split()
    return len(words) > 1 and all(w[0].isupper() or w[0].isdigit() for w in words)


# "April 24 and 25", "May 3-5": a second day of the same month
_NEXT_DAY = re.compile(
    r"(?:\s+(?:and|or|to|through|until)\s+|\s*[-–]\s*)(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
    r"(?=\s*(?:[.,;:)]|$|\s(?:in|at|on|for|when|with|and|to|,)\b))"
)


def _next_day(text: str, e: int, res: Res) -> TemporalExpression | None:
    """A bare day number after a month-day, joined by and/or/to or a dash, is another day of
    that month, later than the first."""
    m = _NEXT_DAY.match(text, e)
    if not m or not re.fullmatch(r"\d{4}-\d\d-\d\d", res.value):
        return None
    day = int(m.group(1))
    if day <= int(res.value[8:10]):
        return None
    try:
        d = dt.date(int(res.value[:4]), int(res.value[5:7]), day)
    except ValueError:
        return None
    return _expr(text, m.start(1), m.end(), Res(d.isoformat()))


# "the quarter ended Sept. 30": the date closes the period under discussion and does not
# replace it as the reference for "a year earlier"
_PERIOD_END = re.compile(
    r"\b(?:quarter|period|half|year|months|weeks)\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?$",
    re.I,
)


# "since" opens a span that reaches the present, so its start is not after the DCT ("has
# risen since March 3" in a February story is last year's March 3); the kinds whose year or
# week the DCT supplies
_SINCE_KINDS = frozenset({"mdy", "dmy", "month", "weekday", "season", "holiday"})
_YEAR_IN_SPAN = re.compile(r"\d{4}|['’]\d\d\b")


def _not_after(value: str, span: str, kind: str, dct: dt.date) -> str:
    """Move a DCT-resolved value one cycle back (a week for a weekday, else a year) when it
    starts after the DCT; a span that names its year is left alone."""
    day, _ = value_to_date(value)
    if day is None or day <= dct or _YEAR_IN_SPAN.search(span):
        return value
    if kind == "weekday" and _DAY_RX.match(value):
        return (day - dt.timedelta(days=7)).isoformat() + value[10:]
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


def _expr(text: str, s: int, e: int, res: Res) -> TemporalExpression:
    return TemporalExpression(
        start=s,
        end=e,
        text=text[s:e],
        type=res.type,  # type: ignore[arg-type]
        value=res.value,
        granularity=res.gran,
        anchor=res.anchor,  # type: ignore[arg-type]
        mod=res.mod,
    )


# "the day before last Tuesday's hearing": the anchor is the date expression that follows
_NEST_HEAD = re.compile(r"the\s+(day|night|week|weekend|month|year)\s+(before|after)", re.I)
_NEST_UNIT = {"day": "D", "night": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y"}
_NEST_INNER = frozenset(
    {"mdy", "dmy", "month_year", "month", "year", "weekday", "rel_unit", "relword", "iso",
     "slash", "holiday", "time", "quarter", "season"}
)  # fmt: skip
_PREC_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_UNIT_RANK = {"D": 0, "W": 1, "WE": 1, "M": 2, "Y": 3}


def _nested(
    text: str, ctx: Ctx, head: re.Match[str], nxt: TimexCandidate | None
) -> tuple[Res, int] | None:
    """Resolve "the <unit> before/after <date expression>" as one expression counted from
    that date; None when no date expression follows or it is coarser than the unit."""
    if nxt is None or nxt.kind not in _NEST_INNER or text[head.end() : nxt.start].strip():
        return None
    s, e = nxt.start, nxt.end
    if _POSSESSIVE.search(text[s:e]):
        e -= 2
    try:
        inner = HANDLERS[nxt.kind](text[s:e], ctx, s, e)
    except (ValueError, KeyError, IndexError, OverflowError, StopIteration):
        return None
    if inner is None or inner.type not in ("DATE", "TIME"):
        return None
    day, prec = value_to_date(inner.value)
    word = head.group(1).lower()
    unit = _NEST_UNIT[word]
    if day is None or _PREC_RANK.get(prec, 9) > _UNIT_RANK[unit]:
        return None  # "the day before March": no day to count from
    d = shift(day, unit, -1 if head.group(2).lower() == "before" else 1)
    v, g = at_gran(d, unit)
    if word == "night":
        return Res(f"{v}TNI", "TIME", "time"), e
    return Res(v, gran=g), e


_APPOSITION = re.compile(r"\s*,\s*$")


def _appositive_day(text: str, head: re.Match[str], out: list[TemporalExpression]) -> Res | None:
    """A day after a date and a comma ("Oct. 12, the day before the crash") renames it."""
    if not out or not _APPOSITION.fullmatch(text, out[-1].end, head.start()):
        return None
    if not re.match(r"\s+[a-z]", text[head.end() : head.end() + 2]):
        return None  # "Oct. 12, the day before." is counted from Oct. 12
    day, prec = value_to_date(out[-1].value)
    if day is None or prec != "day":
        return None
    return Res(out[-1].value[:10])


_DAY_RX = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_Q_RX = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH_RX = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _remember(ctx: Ctx, res: Res, kind: str, end: int) -> None:
    """Update the anaphora state after a resolved expression."""
    if res.type in ("DURATION", "SET") or res.gran == "ref":
        return
    if kind == "year_period" and ctx.last_q and res.value[:4] != str(ctx.last_q[0]):
        return  # "in the 1988 period" compares against the quarter under discussion
    if kind in ("ago", "yearago", "latest_q", "anaphor", "period_ago"):
        # comparisons ("a year earlier") must not move the reference they compare against
        ctx.last_gran = res.gran if kind != "anaphor" else ctx.last_gran
        if kind == "anaphor":
            m = _DAY_RX.match(res.value)
            if m:
                ctx.last_day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return
    # Naming a reference again (even the same day) moves where it was last named.
    named = False
    m = _DAY_RX.match(res.value)
    if m:
        with contextlib.suppress(ValueError):
            ctx.last_day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            ctx.last_ref = (ctx.last_day, "day")
            named = True
    elif mm := _MONTH_RX.match(res.value):
        ctx.last_ref = (dt.date(int(mm.group(1)), int(mm.group(2)), 1), "month")
        named = True
    elif yy := re.match(r"(\d{4})(?:$|-[QH]\d)", res.value):
        ctx.last_ref = (dt.date(int(yy.group(1)), 1, 1), "year")
        named = True
    if named:
        ctx.last_ref_end = end
    q = _Q_RX.match(res.value)
    if q:
        ctx.last_q = (int(q.group(1)), int(q.group(2)))
    ctx.last_gran = res.gran


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def value_to_date(value: str) -> tuple[dt.date | None, str]:
    """Map a TimeML value to (first day, precision).

    Precision is one of day/week/month/year/period/unknown. Values containing X, and
    references such as PAST_REF, give no usable day.
    """
    v = (value or "").strip()
    if not v or "X" in v.split("T")[0]:
        return None, "unknown"
    if v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF") or v.startswith("P"):
        return None, "period"
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", v):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := re.fullmatch(r"(\d{4})-W(\d\d?)(?:-WE)?", v):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "week"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            return dt.date(int(m[1]), int(m[2]), 1), "month"
        if m := re.fullmatch(r"(\d{4})", v):
            return dt.date(int(m[1]), 1, 1), "year"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), "period"
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            return dt.date(int(m[1]), 1 if m[2] == "1" else 7, 1), "period"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            return dt.date(int(m[1]), _SEASON_START[m[2]], 1), "period"
        if m := re.fullmatch(r"(\d{3})", v):
            return dt.date(int(m[1]) * 10, 1, 1), "period"
        if m := re.fullmatch(r"(\d{2})", v):
            return dt.date(max(1, int(m[1]) * 100), 1, 1), "period"
    except ValueError:
        return None, "unknown"
    return None, "unknown"

"""Turn a found span into a TIMEX3 value, type, granularity, anchor and mod."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .words import (
    DAY_ORDINALS,
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    spelled_year,
    words_to_int,
)

Date = dt.date


@dataclass
class Res:
    """A normalised expression before span adjustments."""

    value: str
    type: str = "DATE"
    gran: str = "day"
    anchor: str = "point"
    mod: str | None = None


@dataclass
class Ctx:
    """Document-level state: DCT, tense oracle and the last resolved references."""

    text: str
    dct: Date | None
    tense: Callable[[int, int], str | None]
    last_day: Date | None = None
    last_q: tuple[int, int] | None = None
    last_gran: str | None = None
    last_year: int | None = None
    # the last absolute expression at any granularity: "in June 1998 ... later that year"
    last_ref: tuple[Date, str] | None = None
    last_ref_end: int = 0  # where last_ref was named
    extra: dict[str, object] = field(default_factory=dict)

    def base(self) -> Date | None:
        """Anchor for anaphoric expressions: the last day mentioned, else the DCT."""
        return self.last_day or self.dct

    def anchor_for(self, unit: str) -> Date | None:
        """Anchor for an anaphoric unit: "that year" and "the following month" refer to the
        last date named at that grain or finer, which may be a month or a year, not a day."""
        if self.last_ref and (
            unit == "Y" or (unit == "M" and self.last_ref[1] in ("day", "month"))
        ):
            return self.last_ref[0]
        return self.base()


# ---------------------------------------------------------------- formatting helpers


def fday(d: Date) -> str:
    """Day value."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fweek(d: Date) -> str:
    """ISO week value."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmonth(y: int, m: int) -> str:
    """Month value."""
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """Shift a (year, month) by n months."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(d: Date, unit: str, n: float) -> Date:
    """Shift a date by n units (D, W, M, Y, Q, DE, CE, WE)."""
    n_i = round(n)
    if unit == "D":
        return d + dt.timedelta(days=n_i)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n_i)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    y, m = add_months(d.year, d.month, n_i * months)
    day = min(d.day, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
    return dt.date(y, m, day)


def at_gran(d: Date | None, unit: str) -> tuple[str, str]:
    """Format a date at the granularity of a unit; X-form when the date is unknown."""
    if unit in ("D", "H", "S", "MIN"):
        return (fday(d) if d else "XXXX-XX-XX"), "day"
    if unit == "W":
        return (fweek(d) if d else "XXXX-WXX"), "week"
    if unit == "WE":
        return (fweek(d) + "-WE" if d else "XXXX-WXX-WE"), "week"
    if unit == "M":
        return (fmonth(d.year, d.month) if d else "XXXX-XX"), "month"
    if unit == "Q":
        return (f"{d.year}-Q{(d.month - 1) // 3 + 1}" if d else "XXXX-QX"), "quarter"
    if unit == "Y":
        return (f"{d.year:04d}" if d else "XXXX"), "year"
    if unit == "DE":
        return (f"{d.year // 10:03d}" if d else "XXX"), "decade"
    if unit == "CE":
        return (f"{d.year // 100:02d}" if d else "XX"), "century"
    return (fday(d) if d else "XXXX-XX-XX"), "day"


def season_of(d: Date) -> tuple[int, str]:
    """(year, season code) of a date; December counts as the winter of its own year."""
    m = d.month
    code = "WI" if m in (12, 1, 2) else "SP" if m <= 5 else "SU" if m <= 8 else "FA"
    return d.year, code


_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def unit_code(word: str) -> str:
    """Unit word to TimeML unit letter(s)."""
    w = word.lower().rstrip("s")
    if w.startswith("centur"):
        return "CE"
    if w == "minute":
        return "MIN"
    return UNITS.get(w, "D")


_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
            "MIN": (60, "S")}  # fmt: skip


def period(n: float | None, unit: str) -> str:
    """Duration value: P3Y, PT2H, PXM, P2Y6M; quarters in months, decades in years."""
    if unit in ("Q", "DE", "CE"):
        mult, unit = {"Q": (3, "M"), "DE": (10, "Y"), "CE": (100, "Y")}[unit]
        n = None if n is None else n * mult
    if n is not None and not float(n).is_integer() and unit in _SMALLER:
        k, small = _SMALLER[unit]
        whole, frac = int(n), round((n - int(n)) * k)
        rest = period(frac, small)
        head = period(whole, unit) if whole else ("PT" if small in ("H", "MIN", "S") else "P")
        if whole and small in ("H", "MIN", "S") and "T" not in head:
            return head + "T" + rest[2:]
        return head + rest[2:] if head.endswith("T") or head == "P" else head + rest[1:].lstrip("T")
    num = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if unit in ("H", "MIN", "S"):
        return f"PT{num}{'M' if unit == 'MIN' else unit}"
    if unit == "WE":
        return f"P{num}WE"
    return f"P{num}{unit}"


def parse_num(s: str) -> float | None:
    """Number phrase to a number; None for vague amounts."""
    s = s.lower().strip()
    s = re.sub(r"^(?:about|some|nearly|almost|more\s+than|less\s+than|over|just|only|roughly"
               r"|around|at\s+least|up\s+to)\s+", "", s)  # fmt: skip
    half = 0.0
    if fm := re.fullmatch(r"(\d+)\s+1/2", s):
        return int(fm.group(1)) + 0.5
    if re.search(r"and[-\s]a[-\s]half", s):
        half = 0.5
        s = re.sub(r"[-\s]*and[-\s]a[-\s]half", "", s)
    if s in ("a half", "half an", "half a"):
        return 0.5
    try:
        return float(s) + half
    except ValueError:
        pass
    n = words_to_int(re.sub(r"^an?[-\s]+(?=hundred|thousand)", "one ", s))
    return None if n is None else n + half


def tense_of(ctx: Ctx, s: int, e: int) -> str | None:
    """Cached tense lookup."""
    key = ("tense", s, e)
    if key not in ctx.extra:
        ctx.extra[key] = ctx.tense(s, e)
    return ctx.extra[key]  # type: ignore[return-value]


def resolve_weekday(dct: Date, wd: int, tense: str | None, rel: str | None = None) -> Date:
    """Day of week relative to the DCT: past → on/before, future → strictly after."""
    cur = dct.weekday()
    if rel in ("next", "coming", "following"):
        return dct + dt.timedelta(days=(wd - cur) % 7 or 7)
    if rel in ("last", "past", "previous"):
        return dct - dt.timedelta(days=(cur - wd) % 7 or 7)
    if rel == "this":
        return dct + dt.timedelta(days=wd - cur)
    if tense == "future":
        # a bare weekday naming the DCT's own weekday is that day ("will meet on Saturday"
        # in a Saturday story); a week ahead is written "next Saturday"
        return dct + dt.timedelta(days=(wd - cur) % 7)
    return dct - dt.timedelta(days=(cur - wd) % 7)


_MONTHS_AHEAD = 2
_DEADLINE_AHEAD = 6


def resolve_month(
    dct: Date, month: int, tense: str | None, deadline: bool = False
) -> tuple[int, int]:
    """Month without year: past → latest on/before the DCT month, future → next on/after.

    ``deadline``: the month follows "by/until/through", which mostly look ahead.
    """
    if tense == "future":
        return (dct.year if month >= dct.month else dct.year + 1), month
    # No cue: news mostly reports what happened, but a month just ahead of the DCT is the
    # coming one ("decided to admit them in early March", "for November transactions").
    ahead = (month - dct.month) % 12
    if tense in (None, "present") and 0 < ahead <= (_DEADLINE_AHEAD if deadline else _MONTHS_AHEAD):
        return (dct.year if month > dct.month else dct.year + 1), month
    return (dct.year if month <= dct.month else dct.year - 1), month


def month_num(word: str) -> int | None:
    """Month word (any case, with/without dot) to its number."""
    return MONTHS.get(word.lower().rstrip("."))


def make_date(y: int, m: int, d: int) -> Date | None:
    """A date, or None if invalid."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_for_mday(ctx: Ctx, m: int, d: int, s: int, e: int) -> int | None:
    """Year for a month-day without year, from the tense and DCT."""
    if ctx.dct is None:
        return None
    t = tense_of(ctx, s, e)
    y = ctx.dct.year
    cand = make_date(y, m, d)
    if cand is None:
        return y
    # Tense only decides far-off dates: a date a few weeks ahead in a past-tense clause is
    # more often a misread tense than a date eleven months back.
    if t == "future" and cand < ctx.dct - dt.timedelta(days=90):
        return y + 1
    if t != "future" and cand > ctx.dct + dt.timedelta(days=90):
        return y - 1
    return y


def two_digit_year(yy: int, dct: Date | None) -> int:
    """Expand a two-digit year: the century that puts it no more than 10 years after the DCT."""
    ref = dct.year if dct else 2000
    y = (ref // 100) * 100 + yy
    if y > ref + 10:
        y -= 100
    return y


# ---------------------------------------------------------------- plausibility

_LEFT_WORD = re.compile(r"([A-Za-z’']+)\W*$")
_MONTH_PREP = frozenset(
    "in last next this early late mid since until till by of through from during before after"
    " end beginning start middle and or between throughout around to on".split()
)
_SEASON_PREP = _MONTH_PREP | {"the", "this", "that", "each", "every"}


def left_word(text: str, s: int) -> str:
    """The word just left of position s, lowercased."""
    m = _LEFT_WORD.search(text[max(0, s - 30) : s])
    return m.group(1).lower() if m else ""


_MOD_LEFT = re.compile(
    r"(?:\b(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning"
    r"|start|middle)\s+of)[-\s]*)$",
    re.I,
)


def _left_word_past_mods(text: str, s: int) -> str:
    """The word left of position s, past early/mid/late ("by mid-November" → "by")."""
    m = _MOD_LEFT.search(text, max(0, s - 30), s)
    return left_word(text, m.start() if m else s)


# ---------------------------------------------------------------- handlers

_RX_WORD = re.compile(r"[A-Za-z]+\.?|\d+|['’]\d\d")


def h_iso(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """2020-02-18 or 2020-02-18T10:28."""
    d = make_date(int(t[:4]), int(t[5:7]), int(t[8:10]))
    if d is None:
        return None
    if "T" in t:
        return Res(t[:16], "TIME", "time")
    return Res(fday(d))


def h_slash(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """22/2/2020 (day-first only when the first number cannot be a month)."""
    a, b, y = (int(x) for x in t.split("/"))
    if y < 100:
        y = two_digit_year(y, ctx.dct)
    m, d = (b, a) if a > 12 else (a, b)
    dd = make_date(y, m, d)
    return Res(fday(dd)) if dd else None


def h_mdy(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Month-day(-year) and day-month(-year) in any order."""
    m = d = y = None
    for tok in _RX_WORD.findall(t):
        low = tok.lower()
        if m is None and month_num(low) and low.rstrip(".") not in WEEKDAYS:
            if tok[0].islower():
                return None
            m = month_num(low)
        elif tok.isdigit() and len(tok) == 4:
            y = int(tok)
        elif re.fullmatch(r"\d{1,2}", tok):
            d = int(tok)
    digits = re.findall(r"\d+(?:st|nd|rd|th)?", t)
    no_year = re.sub(r",?\s*\d{4}$", "", t.lower())
    if d is None and (dw := re.search(r"[a-z]+(?:[-\s][a-z]+)?$", no_year)):
        # "March eighth", "June twenty-first"
        d = DAY_ORDINALS.get(re.sub(r"\s+", "-", dw.group(0))) or DAY_ORDINALS.get(
            dw.group(0).split()[-1]
        )
    if d is None:
        for g in digits:
            g2 = re.sub(r"\D", "", g)
            if len(g2) <= 2:
                d = int(g2)
    if m is None or d is None:
        return None
    if m == 5 and "may" in t.lower() and not re.search(r"\d", t[: t.lower().find("may")]):
        pass
    if y is None:
        y = year_for_mday(ctx, m, d, s, e)
        if y is None:
            return Res(f"XXXX-{m:02d}-{d:02d}")
    dd = make_date(y, m, d)
    return Res(fday(dd)) if dd else None


def h_month_year(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """November 2015."""
    toks = _RX_WORD.findall(t)
    m = month_num(toks[0])
    if m is None or toks[0][0].islower():
        return None
    low = t.lower()
    yt = toks[-1]
    if low.endswith("year"):
        if ctx.dct is None:
            return Res(f"XXXX-{m:02d}", gran="month")
        y = ctx.dct.year + (-1 if "last" in low else 1 if "next" in low else 0)
    elif yt.isdigit():
        y = int(yt)
    elif yt.startswith(("'", "’")):
        y = two_digit_year(int(yt[1:]), ctx.dct)
    else:
        sy = spelled_year(" ".join(low.replace(",", " ").split()[1:]).replace("of ", ""))
        if sy is None:
            return None
        y = sy
    return Res(fmonth(y, m), gran="month")


def h_year_period(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The 1988 quarter / the 1989 period: the year, at the quarter under discussion."""
    y = int(re.search(r"\d{4}", t).group(0))  # type: ignore[union-attr]
    low = t.lower()
    if ("quarter" in low or "period" in low) and ctx.last_q:
        return Res(f"{y}-Q{ctx.last_q[1]}", gran="quarter")
    return Res(str(y), gran="year")


def h_month(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Bare month name, year by tense."""
    if t[0].islower():
        return None
    m = month_num(t)
    if m is None:
        return None
    lw = left_word(ctx.text, s)
    if (m in (3, 5) or "." in t or len(t) <= 4) and lw not in _MONTH_PREP:
        return None
    if len(t) <= 4 and "." not in t and re.match(r"\s+[A-Z][a-z]", ctx.text[e : e + 3]):
        return None  # a first name: "Jan Kavan", "June Carter"
    if t.isupper() and len(t) > 3 and not ctx.text[max(0, s - 20) : s].isupper():
        return None
    if ctx.dct is None:
        return Res(f"XXXX-{m:02d}", gran="month")
    deadline = _left_word_past_mods(ctx.text, s) in ("by", "until", "till", "through")
    y, m = resolve_month(ctx.dct, m, tense_of(ctx, s, e), deadline)
    return Res(fmonth(y, m), gran="month")


_NOUNISH_AFTER = re.compile(r"\s+([a-z]{3,})\b")
_YEAR_NOUN_OK = frozenset(
    "was has is as this its levels figures sales results earnings elections olympics games"
    " says".split()
)


_CLOCK_AFTER = re.compile(r"\s*(?:(?-i:GMT|UTC|[A-Z][SD]T)\b|hours\b|hrs\b|local\s+time\b)", re.I)


def h_year(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """1990, fiscal 1989, FY2019, in '98."""
    m = re.search(r"(\d{4})|FY\s?(\d{2,4})|['’]?(\d\d)$", t)
    if not m:
        return None
    if m.group(1):
        y = int(m.group(1))
        after = _NOUNISH_AFTER.match(ctx.text, e)
        prefixed = re.search(r"\b(?:pre|post|mid)-$", ctx.text[max(0, s - 5) : s], re.I)
        if (
            after
            and not prefixed
            and after.group(1).endswith("s")
            and after.group(1) not in _YEAR_NOUN_OK
        ):
            if not re.match(r"\w+ly\b", after.group(1)):
                return None
        if ctx.text[e : e + 1] in ("-", ".") and ctx.text[e + 1 : e + 2].isdigit():
            return None  # a range "1989-90" or an index level "2082.1"
        if _CLOCK_AFTER.match(ctx.text, e):
            return None  # a 24-hour clock time: "1730 GMT", "1900 hours"
    else:
        g = m.group(2) or m.group(3)
        y = int(g) if len(g) == 4 else two_digit_year(int(g), ctx.dct)
    return Res(f"{y:04d}", gran="year")


def h_year_short(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """'98 as a year."""
    return Res(f"{two_digit_year(int(t[1:]), ctx.dct):04d}", gran="year")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def h_decade(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The 1990s, the '80s, the eighties, early 2000s."""
    low = t.lower()
    mod = "START" if "early" in low else "END" if "late" in low else "MID" if "mid" in low else None
    m = re.search(r"(\d{4})", low)
    if m:
        v = m.group(1)[:3]
    else:
        m2 = re.search(r"['’](\d)0s", low)
        if m2:
            dd = int(m2.group(1))
            v = str(two_digit_year(dd * 10, ctx.dct))[:3]
        else:
            w = re.search(r"[a-z]+ies", low)
            if not w or w.group(0) not in _DECADE_WORDS:
                return None
            v = "19" + str(_DECADE_WORDS[w.group(0)])
    return Res(v, gran="decade", mod=mod)


def h_century(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The 21st century → 20."""
    low = t.lower()
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", low)
    if m:
        n = int(m.group(1))
    else:
        words = {"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22}  # fmt: skip
        n = next((v for k, v in words.items() if k in low), 0)
        if not n:
            return None
    return Res(f"{n - 1:02d}", gran="century")


def h_spelled_year(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Nineteen ninety-eight."""
    low = re.sub(r"^the\s+year\s+", "", t.lower())
    y = spelled_year(low)
    if y is None or not 1000 <= y <= 2100:
        return None
    # "nineteen ninety-six" reads as a year wherever it stands; "two thousand" may be a count
    full = re.match(r"(?:nineteen|eighteen|seventeen)[-\s](?:twenty|thirty|forty|fifty|sixty|seventy"
                    r"|eighty|ninety)\b", low)  # fmt: skip
    if "year" not in t.lower() and not full:
        lw = left_word(ctx.text, s)
        if lw not in ("in", "of", "since", "until", "by", "from", "to", "and", "before", "after",
                      "during", "early", "late", "mid", "year"):  # fmt: skip
            return None
    return Res(f"{y:04d}", gran="year")


def _day_of(word: str, ctx: Ctx, s: int, e: int) -> Date | None:
    low = word.lower()
    if ctx.dct is None:
        return None
    if low.startswith("today") or low.startswith("tonight"):
        return ctx.dct
    if low.startswith("yesterday"):
        return ctx.dct - dt.timedelta(days=1)
    if low.startswith("tomorrow"):
        return ctx.dct + dt.timedelta(days=1)
    if low in WEEKDAYS:
        return resolve_weekday(ctx.dct, WEEKDAYS[low], tense_of(ctx, s, e))
    return None


_TIME_MDAY = re.compile(r"\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b(?!:)")
_DAY_WORDS = ("today", "yesterday", "tomorrow", "tonight")
# "10:30 a.m. (0730 GMT) on Tuesday", "4 in the morning (4 a.m. EDT Thursday)"
_TIME_DAY_AFTER = re.compile(
    r"\s*\((?:[^()\n]{1,25}\)\s*,?\s*(?:on\s+)?|[^()\n]{0,25}?\b)"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b",
    re.I,
)


def h_time(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """10 a.m., 10:28 PM, noon, with an optional day."""
    low = t.lower()
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*([ap])?\.?m?", low)
    if re.search(r"\bhigh\s+$", ctx.text[max(0, s - 6) : s], re.I):
        return None  # "high noon" is an idiom
    if "noon" in low or "midday" in low:
        hh, mm = 12, 0
    elif "midnight" in low:
        hh, mm = 24, 0
    elif m:
        hh, mm = int(m.group(1)), int(m.group(2) or 0)
        ap = re.search(r"\d\s*([ap])\.?m\b|\d\s*([ap])\.m\.?", low)
        ampm = (ap.group(1) or ap.group(2)) if ap else None
        if ampm is None and not m.group(2):
            return None
        if ampm == "p" and hh < 12:
            hh += 12
        if ampm == "a" and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
    else:
        return None
    day: Date | None = None
    md = _TIME_MDAY.search(t)
    words = re.findall(r"[a-z]+", low)
    after = _TIME_DAY_AFTER.match(ctx.text, e)
    if after and not any(w in WEEKDAYS or w in _DAY_WORDS for w in words):
        # "10:30 a.m. (0730 GMT) on Tuesday": the day follows a bracketed other-zone time
        words.append(after.group(1).lower())
    for w in words:
        if w in WEEKDAYS or w in _DAY_WORDS:
            day = _day_of(w, ctx, s, e)
            break
    else:
        day = ctx.base()
        if md:
            # "5 p.m. EST Nov. 9": the date written after the time
            r = h_mdy(md.group(0), ctx, s + md.start(), e)
            if r is None or "X" in r.value:
                return None if r is None else Res(f"{r.value}T{hh:02d}:{mm:02d}", "TIME", "time")
            day = dt.date.fromisoformat(r.value)
    dpart = fday(day) if day else "XXXX-XX-XX"
    return Res(f"{dpart}T{hh:02d}:{mm:02d}", "TIME", "time")


def h_weekday(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Bare or qualified weekday, possibly with a part of day."""
    words = re.findall(r"[a-z]+", t.lower())
    if not t.strip()[0].isupper() and not any(
        w in ("last", "next", "this", "the") for w in words[:1]
    ):
        return None
    anaphoric = words[0] == "the"
    if anaphoric:
        words = words[1:]
    if words[0] == "this" and words[1] in ("coming", "past"):
        words = words[1:]  # "this coming Sunday", "this past Friday"
    rel = words[0] if words[0] in ("last", "next", "this", "coming", "past", "previous",
                                   "following", "preceding") else None  # fmt: skip
    wd = next(WEEKDAYS[w] for w in words if w in WEEKDAYS)
    pod = next((PARTS_OF_DAY[w] for w in words if w in PARTS_OF_DAY), None)
    if ctx.dct is None:
        v = f"XXXX-WXX-{wd + 1}"
        return Res(v + (f"T{pod}" if pod else ""), "TIME" if pod else "DATE", "day")
    if rel == "following" or (anaphoric and rel == "next"):
        d = resolve_weekday(ctx.base() or ctx.dct, wd, "future", "next")
    elif anaphoric and rel in ("previous", "preceding"):
        # "the previous Friday": the one before the day under discussion
        d = resolve_weekday(ctx.base() or ctx.dct, wd, "past", "last")
    else:
        d = resolve_weekday(ctx.dct, wd, tense_of(ctx, s, e), rel)
    if pod:
        return Res(f"{fday(d)}T{pod}", "TIME", "time")
    return Res(fday(d))


_PRESENT = ("now", "currently", "nowadays", "presently", "at present", "the present", "the moment",
            "right now", "just now", "these days", "current", "the time being")  # fmt: skip
_PAST = ("recently", "lately", "the past")
_FUTURE = ("the future",)


_GENERIC_NOW = re.compile(
    r"\s+(?:world|youth|society|generations?|young|children|kids|teenagers|standards|culture"
    r"|life|times)\b",
    re.I,
)
_QUANT_OF = re.compile(r"\b(?:many|most|some|all|much)\s+of\s+$", re.I)


def h_relword(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Today, yesterday, now, recently, soon, this morning, last night."""
    low = re.sub(r"\s+", " ", t.lower()).replace("’", "'")
    if low == "future":
        return None
    # Rarely annotated in TimeML corpora: precision killers.
    if low in ("this time", "once again", "previously", "formerly", "soon", "the moment"):
        return None
    if low in _PRESENT:
        if low == "current" and not re.match(r"\s+[a-z]", ctx.text[e : e + 3]):
            return None
        return Res("PRESENT_REF", gran="ref", anchor="ref")
    if low in _PAST:
        return Res("PAST_REF", gran="ref")
    if low in _FUTURE:
        return Res("FUTURE_REF", gran="ref")
    after = e if low.endswith("'s") else e + 2 if ctx.text[e : e + 2] in ("'s", "’s") else -1
    if after >= 0 and (
        _GENERIC_NOW.match(ctx.text, after) or _QUANT_OF.search(ctx.text, max(0, s - 20), s)
    ):
        return None  # "today's world", "many of today's computers": the present era, no date
    low = low.replace("'s", "")
    if low in ("earlier today", "later today"):
        low = "today"
    parts = low.split()
    pod = PARTS_OF_DAY.get(parts[-1]) if len(parts) > 1 else None
    if low == "tonight":
        pod, parts = "NI", ["today"]
    first = parts[0]
    if first in ("this",):
        d = ctx.dct
    elif first == "last":
        d = ctx.dct - dt.timedelta(days=1) if ctx.dct else None
        if pod != "NI":
            d = ctx.dct
    else:
        d = _day_of(first, ctx, s, e)
        if d is None and ctx.dct is not None:
            return None
    dpart = fday(d) if d else "XXXX-XX-XX"
    if pod:
        return Res(f"{dpart}T{pod}", "TIME", "time")
    return Res(dpart, anchor="ref" if first == "today" else "point")


def h_anaphor(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The next day, the day before, that day, the following week."""
    low = re.sub(r"\s+", " ", t.lower())
    base = ctx.base()
    unit = "D"
    for w, u in (("weekend", "WE"), ("week", "W"), ("month", "M"), ("year", "Y")):
        if re.search(rf"\b{w}\b", low):
            unit = u
            break
    base = ctx.anchor_for(unit)
    pod = next((PARTS_OF_DAY[w] for w in PARTS_OF_DAY if low.endswith(w)), None)
    n = 0
    if any(k in low for k in ("next", "following", "after")):
        n = 1
    elif any(k in low for k in ("previous", "preceding", "prior", "before")):
        n = -1
    if low.endswith("yesterday"):
        base, n = (ctx.dct, -2) if ctx.dct else (None, 0)
    elif low.endswith("tomorrow"):
        base, n = (ctx.dct, 2) if ctx.dct else (None, 0)
    if low == "the night before" or low == "the previous night":
        pod, n = "NI", -1
    d = shift(base, unit, n) if base else None
    v, g = at_gran(d, unit)
    if pod:
        return Res(f"{v}T{pod}", "TIME", "time")
    return Res(v, gran=g)


_VAGUE_RX = re.compile(r"several|few|many|some|dozens|number|hundreds")


def h_ago(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Three days ago, a year earlier, two weeks later, a week or so ago."""
    low = re.sub(r"\s+", " ", t.lower())
    low = re.sub(r" or (?:so|two|three|more)\b", "", low)  # the lower bound is what is said
    m = re.match(r"(.*?)[-\s]+(second|minute|hour|day|night|week|weekend|fortnight|month"
                 r"|quarter|year|decade|centur)\w*[-\s]+(.+)$", low)  # fmt: skip
    if not m:
        return None
    numtxt, unit_w, direction = m.groups()
    unit = unit_code(unit_w)
    vague = bool(_VAGUE_RX.search(numtxt))
    n = None if vague else parse_num(numtxt)
    if unit_w == "fortnight" and n is not None:
        n *= 2
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    anaph = direction in ("earlier", "later", "before", "after", "previously")
    if (vague or n is None) and anaph and unit not in ("H", "MIN", "S"):
        # "a few days later" counts from the last event, not from the DCT: not a future
        # reference but an unknown number of units, as TimeML writes the offset ("PXD")
        return Res(period(None, unit), "DURATION", "duration", anchor="duration")
    if vague or n is None:
        return Res("PAST_REF" if sign < 0 else "FUTURE_REF", gran="ref")
    base = ctx.dct
    if anaph:
        # "in 1999 ... two years later": the last date named at the unit's grain, when it
        # is in the same paragraph; a year named paragraphs back is not what "a year
        # earlier" compares against
        near = ctx.last_ref is not None and "\n" not in ctx.text[ctx.last_ref_end : s]
        base = ctx.anchor_for(unit) if near else ctx.base()
    if unit == "Y" and ctx.last_gran == "quarter" and ctx.last_q and n == int(n):
        y, q = ctx.last_q
        return Res(f"{y + sign * int(n)}-Q{q}", gran="quarter")
    if unit in ("H", "MIN", "S"):
        return Res(fday(base) if base else "XXXX-XX-XX", "DATE", "day")
    if base is None:
        return Res(at_gran(None, unit)[0], gran=at_gran(None, unit)[1])
    d = shift(base, unit, sign * n)
    v, g = at_gran(d, unit)
    return Res(v, gran=g)


def h_ago_day(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """A week ago Sunday, two weeks from Monday, a year ago today: a day counted from a day.

    The named day is the last one for "ago" and the coming one for "from".
    """
    low = re.sub(r"\s+", " ", t.lower())
    m = re.match(r"(.*?)[-\s]+(\w+?)s? (ago|from) (\w+)$", low)
    if not m or ctx.dct is None:
        return None
    n = parse_num(m.group(1))
    unit = unit_code(m.group(2))
    if n is None or n != int(n) or unit not in ("D", "W", "M", "Y"):
        return None
    sign = -1 if m.group(3) == "ago" else 1
    word = m.group(4)
    if word in WEEKDAYS:
        day = resolve_weekday(ctx.dct, WEEKDAYS[word], "past" if sign < 0 else "future")
    else:
        day = _day_of(word, ctx, s, e)
    if day is None:
        return None
    return Res(fday(shift(day, unit, sign * n)), gran="day")


def h_yearago(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Year-earlier, the year-ago quarter/period."""
    low = t.lower()
    if ctx.dct is None:
        return Res("XXXX", gran="year")
    if ("quarter" in low or "period" in low or ctx.last_gran == "quarter") and ctx.last_q:
        y, q = ctx.last_q
        return Res(f"{y - 1}-Q{q}", gran="quarter")
    if "quarter" in low:
        y, q = _prev_quarter(ctx.dct)
        return Res(f"{y - 1}-Q{q}", gran="quarter")
    return Res(str(ctx.dct.year - 1), gran="year")


def _prev_quarter(d: Date) -> tuple[int, int]:
    q = (d.month - 1) // 3 + 1
    return (d.year, q - 1) if q > 1 else (d.year - 1, 4)


def _season_shift(y: int, code: str, n: int) -> tuple[int, str]:
    i = _SEASON_ORDER.index(code) + n
    return y + i // 4, _SEASON_ORDER[i % 4]


def _season_rel(dct: Date, code: str, rel: int | None, tense: str | None) -> tuple[int, str]:
    cy, cc = season_of(dct)
    ci, ti = _SEASON_ORDER.index(cc), _SEASON_ORDER.index(code)
    if rel == 0:
        return dct.year, code
    if rel == -1 or (rel is None and tense != "future"):
        back = (ci - ti) % 4 or (4 if rel == -1 else 0)
        return _season_shift(cy, cc, -back)
    fwd = (ti - ci) % 4 or (4 if rel == 1 else 0)
    return _season_shift(cy, cc, fwd)


_REL_WORDS = {
    "this": 0, "the current": 0, "current": 0, "the present": 0, "present": 0, "the": 0,
    "the same": 0, "same": 0, "the latest": 0, "latest": 0,
    "last": -1, "past": -1, "previous": -1, "the past": -1, "the last": -1, "the previous": -1,
    "the preceding": -1, "preceding": -1, "the prior": -1, "prior": -1,
    "next": 1, "coming": 1, "the next": 1, "the coming": 1, "following": 1, "the following": 1,
    "that": 0,
}  # fmt: skip


def h_rel_unit(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """This week, last month, next year, earlier this summer, last September."""
    low = re.sub(r"\s+", " ", t.lower()).replace("’", "'")
    low = re.sub(r"'s$", "", low)
    mod = None
    pm = re.match(r"(early|earlier|late|later|mid)(?: in)? ", low)
    if pm:
        mod = {"early": "START", "late": "END", "mid": "MID"}.get(pm.group(1))
        low = low[pm.end() :]
    words = low.split(" ")
    head = words[-1]
    if head == "year" and words[-2:-1] == ["fiscal"]:
        words = words[:-1]
        if words == ["the", "fiscal"]:
            # "throughout the fiscal year": the company's year, whose dates are unknown
            return Res("P1Y", "DURATION", "duration", anchor="duration")
    relw = " ".join(words[:-1]).replace(" fiscal", "")
    rel = _REL_WORDS.get(relw)
    if rel is None:
        return None
    anaph = relw in ("the following", "following", "the previous", "the preceding", "that",
                     "the prior", "the same")  # fmt: skip
    base = ctx.anchor_for(unit_code(head)) if anaph else ctx.dct
    if relw == "the" and head not in ("year", "week", "month", "weekend", "quarter"):
        return None
    if relw == "the" and head == "year" and re.match(r"\s+(?:ended|ending)\b", ctx.text[e : e + 9]):
        return Res("P1Y", "DURATION", "duration", anchor="duration")
    if relw in ("the past", "the last") and head in ("week", "month", "weekend"):
        return Res(period(1, unit_code(head)), "DURATION", "duration", anchor="span")
    if head in SEASONS:
        if ctx.dct is None:
            return Res(f"XXXX-{SEASONS[head]}", gran="season", mod=mod)
        y, c = _season_rel(ctx.dct, SEASONS[head], rel if relw != "the" else None,
                           tense_of(ctx, s, e))  # fmt: skip
        return Res(f"{y}-{c}", gran="season", mod=mod)
    if head == "season":
        if relw == "the":
            return None
        return Res(f"{ctx.dct.year}" if ctx.dct else "XXXX", gran="year")
    mnum = month_num(head)
    if (mnum is not None and head not in ("may", "march")) or head in ("may", "march"):
        if mnum is None or t.split()[-1][0].islower() or relw == "the":
            return None
        if re.match(r"\s+\d{1,2}\b(?!,\d)", ctx.text[e : e + 4]):
            return None  # "last Oct. 23": the month-day, in the past, says it
        if ctx.dct is None:
            return Res(f"XXXX-{mnum:02d}", gran="month", mod=mod)
        y = ctx.dct.year
        if rel == -1:
            y = y if mnum < ctx.dct.month else y - 1
        elif rel == 1:
            y = y if mnum > ctx.dct.month else y + 1
        return Res(fmonth(y, mnum), gran="month", mod=mod)
    if head == "half":
        if base is None:
            return Res("XXXX-HX", gran="period")
        h = 1 if base.month <= 6 else 2
        y, h = (base.year, h + rel)
        if h == 0:
            y, h = y - 1, 2
        elif h == 3:
            y, h = y + 1, 1
        return Res(f"{y}-H{h}", gran="period", mod=mod)
    unit = unit_code(head)
    if (
        unit == "WE"
        and base is not None
        and relw in ("the", "this", "last", "past", "next", "the past", "the last", "coming")
    ):
        # a weekend belongs to the ISO week of its Saturday
        since_sat = (base.weekday() - 5) % 7
        sat = base - dt.timedelta(days=since_sat)
        future = rel == 1 or (relw in ("the", "this") and tense_of(ctx, s, e) == "future")
        if future and since_sat > 1:
            sat += dt.timedelta(days=7)
        if rel == -1 and since_sat <= 1:
            sat -= dt.timedelta(days=7)
        return Res(fweek(sat) + "-WE", gran="week", mod=mod)
    if relw == "the" and unit == "Q" and not ctx.last_q and (q_end := _quarter_ending(ctx, e)):
        return Res(q_end, gran="quarter")
    if relw == "the" and ctx.last_q and unit == "Q":
        y, q = ctx.last_q
        return Res(f"{y}-Q{q}", gran="quarter")
    if unit == "Q" and rel == 0 and relw in ("the", "the latest", "latest") and ctx.dct:
        y, q = _prev_quarter(ctx.dct)
        return Res(f"{y}-Q{q}", gran="quarter")
    if base is None:
        v, g = at_gran(None, unit)
        return Res(v, gran=g, mod=mod)
    d = shift(base, unit, rel)
    v, g = at_gran(d, unit)
    return Res(v, gran=g, mod=mod)


_ENDED = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to)\s+(?:on\s+)?([A-Z][a-z]{2,8}\.?\s+\d{1,2}\b"
    r"(?:,?\s+\d{4})?)"
)


def _quarter_ending(ctx: Ctx, e: int) -> str | None:
    """A quarter named by its last day ("the quarter ended July 31").

    It is a fiscal quarter of an unknown fiscal year, so it is named by the calendar quarter
    holding the middle of its three months (May to July → Q2). Once a quarter has been named
    ("its fiscal first quarter"), "the quarter" keeps referring to that one instead.
    """
    m = _ENDED.match(ctx.text, e)
    if not m:
        return None
    r = h_mdy(m.group(1), ctx, m.start(1), m.end(1))
    if r is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", r.value):
        return None
    mid = dt.date.fromisoformat(r.value) - dt.timedelta(days=45)
    return f"{mid.year}-Q{(mid.month - 1) // 3 + 1}"


def h_in_the(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Earlier in the week → the DCT's week."""
    unit = unit_code(t.lower().split()[-1])
    v, g = at_gran(ctx.dct, unit)
    return Res(v, gran=g)


def h_quarter(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The third quarter, 2013's first half, fiscal fourth quarter, Q3 2013."""
    low = t.lower().replace("’", "'")
    half = "half" in low
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[-\s]", low)
    qm = re.search(r"\bq([1-4])|([1-4])q|h([12])", low)
    if m:
        n = ORDINALS[m.group(1)]
        if n == -1:
            n = 2 if half else 4
    elif qm:
        n = int(next(g for g in qm.groups() if g))
        half = bool(qm.group(3))
    else:
        return None
    if half and n > 2:
        return None
    ym = re.search(r"(\d{4})", low)
    if ym:
        y: int | None = int(ym.group(1))
    elif ctx.dct is None:
        y = None
    elif "last year" in low:
        y = ctx.dct.year - 1
    elif "next year" in low:
        y = ctx.dct.year + 1
    elif "this year" in low or "the year" in low:
        y = ctx.dct.year
    else:
        y = ctx.dct.year
        cur = (ctx.dct.month - 1) // (6 if half else 3) + 1
        tense = tense_of(ctx, s, e)
        if (n > cur and tense == "past") or (
            n >= cur and not half and tense != "future" and n == 4 and ctx.dct.month <= 3
        ):
            y -= 1
    ys = f"{y:04d}" if y is not None else "XXXX"
    return Res(f"{ys}-{'H' if half else 'Q'}{n}", gran="period" if half else "quarter")


def h_period_ago(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The corresponding period last year: the quarter under discussion, a year back."""
    if ctx.dct is None:
        return Res("XXXX-QX", gran="quarter")
    y, q = ctx.last_q if ctx.last_q else _prev_quarter(ctx.dct)
    return Res(f"{y - 1}-Q{q}", gran="quarter")


def h_latest_q(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The latest quarter / the year-ago period."""
    low = t.lower()
    if ctx.dct is None:
        return Res("XXXX-QX", gran="quarter")
    y, q = ctx.last_q if ctx.last_q else _prev_quarter(ctx.dct)
    if "half" in low:
        return Res(f"{y}-H{1 if q <= 2 else 2}", gran="period")
    if "year" in low:
        y -= 1
    return Res(f"{y}-Q{q}", gran="quarter")


def h_season(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Bare season, with optional year or early/late."""
    low = t.lower()
    mod = "START" if low.startswith("early") else "END" if low.startswith("late") else None
    if low.startswith("mid"):
        mod = "MID"
    code = SEASONS[re.search(r"spring|summer|fall|autumn|winter", low).group(0)]  # type: ignore[union-attr]
    ym = re.search(r"\d{4}", low)
    if ym:
        return Res(f"{ym.group(0)}-{code}", gran="season", mod=mod)
    sp = re.search(r"(?:nineteen|twenty)[-\s].*$", low)
    if sp and spelled_year(sp.group(0)):
        return Res(f"{spelled_year(sp.group(0))}-{code}", gran="season", mod=mod)
    lw = "the" if low.startswith("the ") else left_word(ctx.text, s)
    if mod is None and lw not in _SEASON_PREP:
        return None
    if low == "fall" and lw == "to" and not _FROM_TO.search(ctx.text, max(0, s - 40), s):
        return None  # "began to fall apart": the verb
    if lw in ("the", "each", "every") and mod is None:
        if lw != "the":
            return None
    if ctx.dct is None:
        return Res(f"XXXX-{code}", gran="season", mod=mod)
    y, c = _season_rel(ctx.dct, code, None, tense_of(ctx, s, e))
    return Res(f"{y}-{c}", gran="season", mod=mod)


_FROM_TO = re.compile(r"\bfrom\s+(?:the\s+)?(?:spring|summer|winter|autumn)\s+to\s+$", re.I)
# "$2 million a year", "four flights a week": a rate, which TimeML leaves untagged.
_RATE_LEFT = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|dozen|percent|cents?|dollars|times|once|twice)"
    r"|[a-z]{3,}[^s\W]s)\W*$",
    re.I,
)


def h_duration(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Three years, nine-year, the past two months, several weeks."""
    low = re.sub(r"\s+", " ", t.lower())
    trailing_half = low.endswith(" and a half")  # "a minute and a half"
    if trailing_half:
        low = low[: -len(" and a half")]
    if re.fullmatch(r"an? (?:second|minute|hour|day|night|week|month|quarter|year)", low):
        if _RATE_LEFT.search(ctx.text, max(0, s - 30), s):
            return None
    m = re.search(r"(second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year"
                  r"|decade|centur)\w*(?:[-\s](?:long|old))?$", low)  # fmt: skip
    if not m:
        return None
    unit_w = m.group(1)
    unit = unit_code(unit_w)
    if re.search(r"-quarters$", low):
        return None  # "three-quarters" is a fraction
    pre = low[: m.start()].strip(" -")
    pre = re.sub(r"^(the )?(past|last|next|first|previous|coming|final|latest|remaining"
                 r"|following|initial|recent|year[-\s]earlier|year[-\s]ago|comparable"
                 r"|corresponding) ", "", pre)  # fmt: skip
    pre = re.sub(r"^the ", "", pre)
    pre = re.sub(r"[-\s]*(or so|plus)$", "", pre)
    pre = re.sub(
        r"\s+(more|additional|further|extra|straight|consecutive|successive|full|whole)$", "", pre
    )
    if pre in ("a", "an", "one") and unit_w == "second" and "second" in low.split()[-1]:
        if not low.endswith("seconds"):
            return None
    if pre in ("a", "an") and re.match(r"s\b", low[m.end(1) :]):
        return None  # "a years-long slump": the article belongs to the noun
    if pre in ("a", "an") and re.search(r"(?:past|last|first|next|previous)", low):
        return None
    vague = bool(_VAGUE_RX.search(pre))
    n = None if vague else parse_num(pre)
    if n is None and not vague:
        return None
    if unit_w == "fortnight" and n is not None:
        n *= 2
    if n is not None and trailing_half:
        n += 0.5
    if low.endswith("-old") or low.endswith(" old"):
        return None
    anchor = "span" if re.search(r"\b(past|last|recent)\b", low) else "duration"
    if unit == "WE":
        unit = "WE"
    return Res(period(n, unit), "DURATION", "duration", anchor=anchor)


def h_unit_long(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Day-long (P1D), decades-long (PXY): a length used as an adjective."""
    w = t.lower()[: -len("-long")]
    plural = w.endswith("s")
    return Res(period(None if plural else 1, unit_code(w)), "DURATION", "duration")


def h_the_past_unit(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The past day, the next hour."""
    unit = unit_code(t.lower().split()[-1])
    plural = t.lower().endswith("s")
    return Res(period(None if plural else 1, unit), "DURATION", "duration", anchor="span")


_PLURAL_OK_LEFT = frozenset("for in over within recent coming past after the those these".split())


def h_plural_units(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Years, recent weeks."""
    low = t.lower().split()
    unit = unit_code(low[-1])
    if low[0] in ("recent", "coming"):
        # TimeML gold mostly gives the vague duration (PXY, PXM) rather than PAST_REF
        return Res(period(None, unit), "DURATION", "duration", anchor="span")
    lw = left_word(ctx.text, s)
    if lw not in ("for", "over", "within", "coming") and low[0] != "coming":
        return None
    return Res(period(None, unit), "DURATION", "duration")


_VAGUE_DUR_LEFT = frozenset(
    "for in after within over during spent spend spends spending lasted last lasts lasting"
    " wait waited waiting".split()
)


def h_vague_dur(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """For some time, a while, a fairly lengthy period: a length with no unit word, PXX.

    The words name no unit, so none is guessed; "some time ago" is a past reference.
    """
    low = re.sub(r"\s+", " ", t.lower())
    if low.endswith(" ago"):
        return Res("PAST_REF", gran="ref")
    if left_word(ctx.text, s) not in _VAGUE_DUR_LEFT:
        return None  # "take quite a long time to", "at some time": no stretch is measured
    return Res("PXX", "DURATION", "duration", anchor="duration")


_RANGE_NUM = re.compile(
    r"(\d+(?:\.\d+)?|[a-z]+(?:[-\s][a-z]+)?)(?:\s*[-–]\s*|\s+(?:to|or|and)\s+)", re.I
)


def h_range_dur(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Two to three weeks, between 10 and 15 years: a duration of at least the lower end.

    A TIMEX3 value holds one length, so the range keeps its lower bound with mod
    EQUAL_OR_MORE; ranges of dates ("between 1990 and 1995") are two expressions instead.
    """
    low = re.sub(r"\s+", " ", t.lower())
    low = re.sub(r"^(?:the )?(?:past|last|next|coming|first|previous|following) ", "", low)
    m = _RANGE_NUM.match(low)
    if not m:
        return None
    lo = parse_num(m.group(1))
    um = re.search(r"(second|minute|hour|day|week|month|quarter|year|decade|centur)\w*$", low)
    if lo is None or um is None:
        return None
    hi = parse_num(re.sub(r"[-\s]+\S+$", "", low[m.end() :]))
    if hi is None or hi <= lo:
        return None  # "1-1 days", a score or a typo, not a range
    return Res(period(lo, unit_code(um.group(1))), "DURATION", "duration", mod="EQUAL_OR_MORE")


_OF_DATE = re.compile(r"\s+of\s+(?:[A-Z]|\d|(?:today|yesterday|last|this|next)\b)")
_STRETCH_LEFT = frozenset("over during through throughout for".split())


def h_vague_plural(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The weeks ahead, the first hours, over the years: a stretch of unknown length."""
    w = t.lower().split()
    qualified = len(w) > 2
    if not qualified and left_word(ctx.text, s) not in _STRETCH_LEFT:
        return None  # "the days of empire", "in the days before the vote": not a length
    if _OF_DATE.match(ctx.text, e):
        return None  # "the early hours of Thursday morning": a part of that day, not a length
    unit = next(x for x in w if x not in ("the", "ahead") and x.endswith("s"))
    return Res(period(None, unit_code(unit)), "DURATION", "duration")


_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
              "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W"}  # fmt: skip


def h_set(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Every week, each year, daily, twice a year, $5 a year."""
    low = re.sub(r"\s+", " ", t.lower())
    if low == "quarterly":
        return None  # mostly an adjective of amounts ("quarterly dividend"), not a TimeML set
    if low == "annually":
        # an adverb: a recurrence ("held here annually"), unless it makes a rate of an amount
        # ("rise 8% annually", "10,000 units annually"), which TimeML leaves untagged
        if _RATE_LEFT.search(ctx.text, max(0, s - 30), s):
            return None
        return Res("P1Y", "SET", "set", anchor="set")
    if low in _SET_WORDS:
        return Res(_SET_WORDS[low], "SET", "set", anchor="set")
    w = low.split()
    if w[0] == "a":
        # "$2 million a year", "700 seats a week": TimeML gold leaves rates untagged (TBAQ: 6
        # rates untagged against 2 tagged)
        return None
    wd = next((WEEKDAYS[x] for x in w if x in WEEKDAYS), None)
    if wd is not None:
        return Res(f"XXXX-WXX-{wd + 1}", "SET", "set", anchor="set")
    if len(w) == 2 and w[0] in ("every", "each"):
        # "each July", "every spring": that month or season of every year
        m = month_num(w[1])
        if m is not None and t.split()[-1][0].isupper():
            return Res(f"XXXX-{m:02d}", "SET", "set", anchor="set")
        if w[1] in SEASONS:
            return Res(f"XXXX-{SEASONS[w[1]]}", "SET", "set", anchor="set")
        if m is not None:
            return None  # "each may": a modal
    pod = next((PARTS_OF_DAY[x] for x in w if x in PARTS_OF_DAY), None)
    if pod:
        return Res(f"XXXX-XX-XXT{pod}", "SET", "set", anchor="set")
    unit = unit_code(w[-1])
    n = 1.0
    if len(w) > 2 and w[0] in ("every", "each", "per") and w[1] != "other":
        n = parse_num(" ".join(w[1:-1])) or 1.0
    if "other" in w:
        n = 2.0
    return Res(period(n, unit), "SET", "set", anchor="set")


def _easter(y: int) -> Date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def h_holiday(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Christmas, Thanksgiving, Easter."""
    low = re.sub(r"\s+", " ", t.lower()).replace("’", "'")
    if ctx.dct is None:
        return Res("XXXX-XX-XX")
    y = ctx.dct.year

    def day_in(yy: int) -> Date:
        if low.startswith("thanksgiving"):
            nov1 = dt.date(yy, 11, 1)
            return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        if low.startswith("easter"):
            return _easter(yy)
        if low.startswith("memorial"):
            may31 = dt.date(yy, 5, 31)
            return may31 - dt.timedelta(days=may31.weekday())
        if low.startswith("election"):
            # US general elections: the Tuesday after the first Monday of November
            nov2 = dt.date(yy, 11, 2)
            return nov2 + dt.timedelta(days=(1 - nov2.weekday()) % 7)
        if low.startswith("labor"):
            sep1 = dt.date(yy, 9, 1)
            return sep1 + dt.timedelta(days=(0 - sep1.weekday()) % 7)
        key = low if low in HOLIDAYS else low + " day"
        mm, dd = HOLIDAYS.get(key, HOLIDAYS.get(low.replace(" day", ""), (12, 25)))
        return dt.date(yy, mm, dd)

    d = day_in(y)
    tense = tense_of(ctx, s, e)
    if tense == "future" and d < ctx.dct:
        d = day_in(y + 1)
    elif tense == "past" and d > ctx.dct:
        d = day_in(y - 1)
    return Res(fday(d))


def h_partday(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """This morning; the evening (anaphoric)."""
    w = t.lower().split()
    pod = PARTS_OF_DAY[w[-1]]
    d = ctx.dct if w[0] == "this" else ctx.base()
    if w[0] != "this":
        return None
    return Res(f"{fday(d) if d else 'XXXX-XX-XX'}T{pod}", "TIME", "time")


def h_pod_mod(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Mid-afternoon yesterday, late evening: the part of a named day, or of the day under
    discussion; early/mid/late become the mod."""
    low = t.lower()
    mod = {"e": "START", "m": "MID", "l": "END"}[low[0]]
    pod = PARTS_OF_DAY[re.search(r"morning|afternoon|evening", low).group(0)]  # type: ignore[union-attr]
    day_w = re.search(r"(yesterday|today|tomorrow|[a-z]+day)$", low)
    d = _day_of(day_w.group(1), ctx, s, e) if day_w else ctx.base()
    return Res(f"{fday(d) if d else 'XXXX-XX-XX'}T{pod}", "TIME", "time", mod=mod)


def h_yearend(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """Year-end, the full year, the fiscal year."""
    low = re.sub(r"\s+", " ", t.lower())
    if "period" in low:
        if ctx.last_q and ctx.last_gran == "quarter" and "same" in low:
            y, q = ctx.last_q
            return Res(f"{y}-Q{q}", gran="quarter")
        return None
    if re.match(r"\s+(?:ended|ending)\b", ctx.text[e : e + 9]):
        # "the year ended Sept. 30": TimeML tags "the year" alone, as a duration
        return Res("P1Y", "DURATION", "duration", anchor="duration")
    if low in ("the fiscal year", "the year") and left_word(ctx.text, s) == "for":
        return Res("P1Y", "DURATION", "duration", anchor="duration")
    if low == "the fiscal year":
        return Res("P1Y", "DURATION", "duration", anchor="duration")
    y = (
        ctx.last_year
        if (low == "the year" and ctx.last_year)
        else (ctx.dct.year if ctx.dct else None)
    )
    v = f"{y:04d}" if y else "XXXX"
    return Res(v, gran="year", mod="END" if "end" in low else None)


_CLOCK_PREP = frozenset("at by until till around about from before after since to".split())


def h_clock_pod(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """At 4 in the morning, 10 at night: an hour made a.m. or p.m. by the part of day."""
    if left_word(ctx.text, s) not in _CLOCK_PREP:
        return None  # "rose 5 in the morning session": a number, not a time
    low = t.lower()
    m = re.match(r"(\d{1,2})(?::(\d\d))?", low)
    if not m:
        return None
    hh, mm = int(m.group(1)), int(m.group(2) or 0)
    if not 1 <= hh <= 12:
        return None
    if "morning" in low:
        hh %= 12
    elif "night" in low and hh < 5:
        pass  # "2 at night" is after midnight
    elif hh < 12:
        hh += 12
    named = re.search(r"(\w+)$", low)
    word = (
        named.group(1)
        if named and named.group(1) not in ("morning", "afternoon", "evening", "night")
        else None
    )
    after = _TIME_DAY_AFTER.match(ctx.text, e)
    if word is None and after:
        word = after.group(1).lower()
    day = _day_of(word, ctx, s, e) if word else ctx.base()
    return Res(f"{fday(day) if day else 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}", "TIME", "time")


def h_future_ref(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """At a later date, in the near term: an unspecified time ahead."""
    if t.lower().startswith("the") and (
        left_word(ctx.text, s) not in _TERM_PREP or not _TERM_END.match(ctx.text, e)
    ):
        return None  # "the long term" as a subject, "the long-term lot": not a time
    return Res("FUTURE_REF", gran="ref")


_TERM_PREP = frozenset("in for over of during into through at".split())
# what may follow "in the near term": punctuation or a function word, not a noun it modifies
_TERM_END = re.compile(
    r"\s*(?:[.,;:!?)\"'”’]|$|(?:and|or|but|as|is|are|was|were|will|would|could|can|may"
    r"|might|should|to|at|because|if|when|while|than|the|a|an|it|they|we|he|she|this|that"
    r"|there)\b)",
    re.I,
)


def h_week_of(t: str, ctx: Ctx, s: int, e: int) -> Res | None:
    """The week of March 6: the ISO week holding that day."""
    i = t.lower().index(" of ") + 4
    r = h_mdy(t[i:], ctx, s + i, e)
    if r is None or not re.match(r"\d{4}-\d\d-\d\d$", r.value):
        return None
    d = dt.date.fromisoformat(r.value)
    return Res(fweek(d), gran="week")


HANDLERS: dict[str, Callable[[str, Ctx, int, int], Res | None]] = {
    "week_of": h_week_of,
    "iso": h_iso,
    "slash": h_slash,
    "mdy": h_mdy,
    "dmy": h_mdy,
    "month_year": h_month_year,
    "month": h_month,
    "year": h_year,
    "year_short": h_year_short,
    "decade": h_decade,
    "century": h_century,
    "spelled_year": h_spelled_year,
    "time": h_time,
    "weekday": h_weekday,
    "relword": h_relword,
    "anaphor": h_anaphor,
    "ago": h_ago,
    "ago_day": h_ago_day,
    "clock_pod": h_clock_pod,
    "future_ref": h_future_ref,
    "yearago": h_yearago,
    "rel_unit": h_rel_unit,
    "in_the": h_in_the,
    "quarter": h_quarter,
    "latest_q": h_latest_q,
    "period_ago": h_period_ago,
    "season": h_season,
    "year_period": h_year_period,
    "duration": h_duration,
    "the_past_unit": h_the_past_unit,
    "plural_units": h_plural_units,
    "vague_dur": h_vague_dur,
    "unit_long": h_unit_long,
    "range_dur": h_range_dur,
    "vague_plural": h_vague_plural,
    "set": h_set,
    "holiday": h_holiday,
    "partday": h_partday,
    "pod_mod": h_pod_mod,
    "yearend": h_yearend,
}

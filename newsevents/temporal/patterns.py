"""Regular expressions that find candidate temporal expressions, compiled once at import."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import ONES, TENS

_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\."
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_DAYWORD = (
    r"(?:(?:twenty[-\s])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth"
    r"|thirty[-\s]first)(?![\w-])"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
_ONES = "|".join(sorted(ONES, key=len, reverse=True))
_TENS = "|".join(TENS)
_NUMWORD = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_ONES})"
_NUM = (
    rf"(?:(?:an?|{_NUMWORD})[-\s]+(?:hundred|thousand)|\d{{1,3}}\s+1/2|\d{{1,3}}(?:\.\d+)?(?!\d)|{_NUMWORD}(?:[-\s]and[-\s]a[-\s]half)?|an?|several|a\s+few|few|many|some"
    r"|a\s+couple\s+of|couple\s+of|a\s+dozen|dozens\s+of|a\s+number\s+of|hundreds\s+of"
    r"|a\s+half|half\s+an?|one\s+and\s+a\s+half)"
)
# a precise number, for the two ends of a range
_NUMR = rf"(?:\d{{1,3}}(?:\.\d+)?(?!\d)|{_NUMWORD})"
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)(?![a-z])"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_POD = r"(?:morning|afternoon|evening|night|overnight)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
_AMPM = r"(?:a\.m\.?|p\.m\.?|am|pm)(?![a-z])"
_REL = (
    r"(?:(?:the\s+)?(?:past|last|next|previous|coming|following|current|same|latest|preceding"
    r"|prior|present)|this|that|the)"
)

RULES: list[tuple[str, str]] = [
    ("iso", r"\b\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::\d\d)?)?\b"),
    ("slash", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
    (
        "mdy",
        rf"\b(?:{_WD},?\s+)?{_MON}\s+(?:{_DAY}|{_DAYWORD})(?:,?\s+{_YEAR})?",
    ),
    ("dmy", rf"\b(?:{_WD},?\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?"),
    (
        "month_year",
        rf"\b{_MON},?\s+(?:of\s+)?(?:{_YEAR}|'\d\d\b|(?:last|next|this)\s+year\b"
        rf"|(?:nineteen|twenty|two\s+thousand)[-\s]\w+(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?)",
    ),
    ("year_period", rf"\bthe\s+{_YEAR}\s+(?:quarter|period|half|season|fiscal\s+year)\b"),
    ("month", rf"\b{_MON}"),
    (
        "year",
        rf"(?<![\$\d.,])\b(?:(?:fiscal|calendar|financial|model)(?:\s+year)?\s+)?{_YEAR}"
        r"(?:\s+fiscal\s+year)?|\bFY\s?\d{2,4}\b|(?<=\bin\s)'\d\d\b|(?<=\bin\s)\d\d(?=[.,;)]|\s+[^a-z\s])",
    ),
    ("year_short", r"(?<![\w'’])['’]\d\d\b(?!s)"),
    (
        "decade",
        r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s])?(?:(?:1[5-9]|20)\d0['’]?s|['’]\d0s"
        r"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    ),
    (
        "century",
        rf"\b(?:the\s+)?(?:{_ORD}|\d{{1,2}}(?:st|nd|rd|th)|(?:fif|six|seven|eigh|nine|twen)teenth|twenty-first|twenty-second)[-\s]century\b",
    ),
    (
        "spelled_year",
        rf"\b(?:the\s+year\s+)?(?:(?:nineteen|eighteen|seventeen|twenty)[-\s](?:hundred[-\s](?:and[-\s])?)?(?:{_TENS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|two[-\s]thousand(?:(?:[-\s]and)?[-\s](?:{_NUMWORD}))?)\b",
    ),
    (
        "time",
        rf"\b(?:(?:{_WD}|today|yesterday|tomorrow|tonight)\s*,?\s*(?:at\s+)?)?"
        rf"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*{_AMPM}|(?:[01]?\d|2[0-3]):[0-5]\d"
        rf"|noon|midnight|midday)"
        rf"(?:\s+(?-i:[A-Z][A-Z]?[SD]?T|GMT|UTC)|\s+local\s+time)?"
        rf"(?:\s*,?\s*(?:on\s+)?(?:{_WD}|today|yesterday|tomorrow|{_MON}\s+{_DAY}))?",
    ),
    # "at 4 in the morning", "10 at night": the part of day says a.m. or p.m.
    (
        "clock_pod",
        r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?(?:\s+o['’]clock)?"
        r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b"
        rf"(?:\s*,?\s*(?:on\s+)?(?:{_WD}|today|yesterday|tomorrow)\b)?",
    ),
    ("week_of", rf"\bthe\s+week\s+of\s+{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    (
        "weekday",
        rf"\b(?:(?:the\s+)?(?:last|next|this(?:\s+(?:coming|past))?|coming|past|previous|following|preceding)\s+)?{_WD}(?:['’]s)?(?:\s+{_POD})?",
    ),
    (
        "relword",
        r"\b(?:today|tonight|yesterday|tomorrow|now|currently|nowadays|presently|at\s+present"
        r"|recently|lately|previously|soon|the\s+future|future|the\s+past|the\s+present"
        r"|the\s+moment|this\s+time|the\s+time\s+being|right\s+now|just\s+now|earlier\s+today"
        r"|later\s+today|these\s+days|current|once\s+again|formerly"
        rf"|(?:this|yesterday|tomorrow|last|tomorrow['’]s|yesterday['’]s)\s+{_POD}"
        rf"|(?:today|yesterday|tomorrow)['’]s)\b",
    ),
    (
        "anaphor",
        r"\b(?:the\s+(?:next|following|previous|preceding|same|prior)\s+(?:day|morning|evening|night|week|month|year)"
        r"|the\s+day\s+(?:before|after)(?:\s+(?:yesterday|tomorrow))?"
        r"|the\s+(?:week|month|year|weekend)\s+(?:before|after)(?=\s+[A-Z0-9]|\s+(?:last|next|this)\b)"
        r"|that\s+(?:day|morning|night|evening|week|month|year)"
        r"|the\s+same\s+day|the\s+night\s+before|the\s+previous\s+night)\b",
    ),
    (
        "ago",
        rf"\b(?:(?:about|some|nearly|almost|more\s+than|less\s+than|over|just|only|roughly|around)\s+)?"
        rf"{_NUM}[-\s]+{_UNIT}(?:\s+or\s+(?:so|two|three|more))?\s+(?:ago|earlier|later|before(?=[\s]*[.,;)])|after(?=[\s]*[.,;)])|from\s+now|hence|previously|back)\b",
    ),
    # "a week ago Sunday", "two weeks from Monday", "a year ago today": counted from that day
    (
        "ago_day",
        rf"\b{_NUM}[-\s]+{_UNIT}\s+(?:ago|from)\s+(?:today|yesterday|tomorrow|{_WD})\b"
        r"(?!['’]s|\s+(?:to|until|till|through|and)\b)",
    ),
    (
        "yearago",
        r"\b(?:the\s+)?year[-\s](?:earlier|ago|before)(?:\s+(?:quarter|period|level|month|year))?\b",
    ),
    (
        "rel_unit",
        rf"\b(?:(?:early|earlier|late|later|mid)(?:\s+in)?\s+)?{_REL}\s+"
        rf"(?:week|weekend|month|quarter|year|decade|century|fiscal\s+year|half|season|{_SEASON}|{_MON})"
        r"(?:['’]s\b|(?![a-z'’-]))",
    ),
    (
        "in_the",
        r"\b(?:earlier|later|early|late)\s+in\s+the\s+(?:week|month|year|day|season|decade|century)\b",
    ),
    (
        "quarter",
        rf"\b(?:the\s+)?(?:(?:{_YEAR}|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?(?:fiscal\s+)?"
        rf"{_ORD}[-\s](?:fiscal[-\s])?(?:quarters?|half)(?![a-z])(?:\s+of\s+(?:fiscal\s+)?(?:{_YEAR}|this\s+year|next\s+year|last\s+year|the\s+year))?"
        r"|\b[1-4]Q\s?\d{2,4}\b|\bQ[1-4](?:\s+\d{4})?\b|\bH[12]\s+\d{4}\b",
    ),
    # "the corresponding period last year", "the quarter a year ago", "last year's quarter"
    (
        "period_ago",
        r"\b(?:the\s+(?:(?:same|corresponding|comparable|year-earlier|year-ago)\s+)?(?:period|quarter)"
        r"\s+(?:of\s+|in\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)|the\s+(?:previous|prior)\s+year)"
        r"|last\s+year['’]s\s+(?:quarter|period))\b",
    ),
    (
        "latest_q",
        r"\bthe\s+(?:latest|recent|most\s+recent|current|just[-\s]ended|year-ago|year-earlier)\s+(?:quarter|period|half)\b",
    ),
    (
        "season",
        rf"\b(?:the\s+)?(?:(?:early|late|mid)[-\s])?{_SEASON}(?:\s+(?:of\s+)?(?:{_YEAR}|(?:nineteen|twenty)[-\s][a-z]+(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?))?",
    ),
    (
        "duration",
        rf"\b(?:the\s+)?(?:(?:past|last|next|first|previous|coming|final|latest|remaining|following|initial|recent"
        rf"|year[-\s]earlier|year[-\s]ago|comparable|corresponding)\s+)?"
        rf"(?:(?:about|some|nearly|almost|more\s+than|less\s+than|over|just|only|roughly|around|at\s+least|up\s+to)\s+)?"
        rf"{_NUM}[-\s]+(?:(?:and[-\s]a[-\s]half|or\s+so|plus)[-\s]+)?(?:(?:more|additional|further|extra|straight|consecutive|successive|full|whole)\s+)?"
        rf"{_UNIT}(?:[-\s]long|[-\s]old)?(?:\s+and\s+a\s+half\b)?",
    ),
    # "a day-long meeting", "a decades-long feud": the length as an adjective
    ("unit_long", r"\b(?:hour|day|night|week|month|year|decade)s?-long\b"),
    ("the_past_unit", rf"\bthe\s+(?:past|last|previous|next|coming)\s+(?:{_UNIT})\b"),
    # A length of time without a unit: "for some time", "a while", "a fairly lengthy period"
    (
        "vague_dur",
        r"\b(?:(?:quite\s+)?some\s+time|(?:quite\s+)?a\s+(?:little\s+|good\s+)?while"
        r"|(?:quite\s+)?an?\s+(?:(?:very|fairly|rather|relatively|quite|reasonably)\s+)?"
        r"(?:long|short|brief|lengthy|extended|considerable|prolonged|protracted)\s+"
        r"(?:time|while|period|spell|stretch)(?:\s+of\s+time)?)(?:\s+ago)?\b",
    ),
    # "two to three weeks", "between 10 and 15 years", "five or six days": one duration
    (
        "range_dur",
        rf"\b(?:(?:the\s+)?(?:past|last|next|coming|first|previous|following)\s+)?"
        rf"(?:{_NUMR}\s*(?:to|-|–|or)\s*{_NUMR}|(?<=\bbetween\s){_NUMR}\s+and\s+{_NUMR})"
        rf"[-\s]+{_UNIT}(?![-\s]+(?:ago|earlier|later|old)\b)",
    ),
    # "the weeks ahead", "the first hours", "the early years": a vague stretch of that unit
    (
        "vague_plural",
        r"\bthe\s+(?:(?:first|early|initial|final|closing|opening)\s+)?"
        r"(?:minutes|hours|days|weeks|months|years|decades)(?:\s+ahead)?\b",
    ),
    (
        "plural_units",
        r"\b(?:recent\s+|coming\s+)?(?:years|months|weeks|days|decades|hours|minutes|centuries|quarters)\b",
    ),
    (
        "set",
        rf"\b(?:(?:every|each|per)\s+(?:other\s+)?(?:{_NUM}\s+)?(?:{_UNIT}|{_WD}|{_POD})"
        rf"|(?:every|each)\s+(?:{_MON}|{_SEASON})"
        r"|daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|quarterly"
        r"|twice\s+a\s+(?:day|week|month|year)|once\s+a\s+(?:day|week|month|year)|a\s+(?:year|month|week|day)(?=\s*(?:[.,;)]|$|\s+(?:for|in|on|to|and|at|from))))\b",
    ),
    # "at a later date", "in the near term": an unspecified time ahead
    (
        "future_ref",
        r"\b(?:(?:a|some)\s+(?:later|future)\s+(?:date|time|stage|point)"
        r"|the\s+(?:near|short|long|medium)[-\s]term(?![-\w]))",
    ),
    (
        "holiday",
        r"\b(?:christmas(?:\s+(?:day|eve))?|new\s+year['’]s(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?"
        r"|easter(?:\s+sunday)?|halloween|valentine['’]s\s+day|independence\s+day|memorial\s+day"
        r"|labor\s+day|veterans\s+day|boxing\s+day|election\s+day|ramadan|eid(?:\s+al-\w+)?)\b",
    ),
    ("partday", rf"\b(?:the|this|that|in\s+the|during\s+the)\s+{_POD}\b"),
    # "mid-afternoon yesterday", "by late evening": a part of a day named or under discussion
    (
        "pod_mod",
        rf"\b(?:early|mid|late)[-\s]?(?:morning|afternoon|evening)"
        rf"(?:,?\s+(?:on\s+)?(?:yesterday|today|tomorrow|{_WD}))?\b",
    ),
    (
        "yearend",
        r"\b(?:year[-\s]end|year['’]s\s+end|the\s+full\s+year|the\s+(?:fiscal\s+)?year|the\s+same\s+period|the\s+period)\b",
    ),
]


@dataclass
class TimexCandidate:
    """A raw match before normalisation."""

    start: int
    end: int
    kind: str
    priority: int


_COMPILED = [(k, re.compile(rx, re.I), i) for i, (k, rx) in enumerate(RULES)]

# Modifier words and relation words just left of an expression.
LEFT_MOD = re.compile(
    r"(?:\b(?:the\s+)?(?:very\s+)?(?:(?:end|beginning|start|middle|close|turn|dawn|rest|remainder"
    r"|first\s+half|second\s+half|bulk|course)\s+of(?:\s+the)?|early|earlier|late|later"
    r"|mid(?=-)|mid|end(?=-))[\s-]+(?:on\s+|in\s+)?)$",
    re.I,
)
LEFT_REL = re.compile(
    r"\b(by|until|till|before|after|since|from|through|throughout|during|over|within|in|for"
    r"|on|at|as\s+of|starting|beginning|ahead\s+of|prior\s+to|up\s+to|of)\s+$",
    re.I,
)


def find_candidates(text: str) -> list[TimexCandidate]:
    """All raw matches of every rule, possibly overlapping."""
    out: list[TimexCandidate] = []
    for kind, rx, pri in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            # trim trailing whitespace/commas a greedy optional group may have taken
            while e > s and text[e - 1] in " ,\t\n":
                e -= 1
            if e > s:
                out.append(TimexCandidate(s, e, kind, pri))
    return out

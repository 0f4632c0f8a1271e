"""Extraction on short inline wire-style sentences (not from the seeds), one row per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.extract import extract_articles
from newsevents.staging import stage_text
from schemas import Article, Event


def _extract(text: str, published: str) -> list[Event]:
    art = stage_text("t", text + "\n", today=dt.date(2030, 1, 1))
    assert isinstance(art, Article)
    art = art.model_copy(update={"published": dt.date.fromisoformat(published)})
    (result,) = extract_articles([art])
    for ev in result.events:  # offsets always index the raw text
        assert art.raw_text[ev.evidence_start : ev.evidence_end] == ev.evidence
    return list(result.events)


def _summary(ev: Event) -> tuple:
    return (ev.type, ev.status, ev.actor.country if ev.actor else None, str(ev.date))


CASES = [
    # past-tense weekday, demonym + agent noun, air strike from the subject
    (
        "Israeli jets struck targets in Gaza on Tuesday.",
        "2023-10-12",
        [("attack", "occurred", "ISR", "2023-10-10")],
    ),
    # future talks with a weekday after the publication date
    (
        "Ukrainian President Volodymyr Zelensky will meet Polish President Andrzej Duda in "
        "Warsaw on Friday.",
        "2023-04-05",
        [("talks", "planned", "UKR", "2023-04-07")],
    ),
    # a negated attack inside a statement is not an event; the statement is
    (
        "Sudanese Foreign Minister Ali al-Sadiq said on Monday the army had not attacked the camp.",
        "2023-05-10",
        [("statement", "occurred", "SDN", "2023-05-08")],
    ),
    # called-off talks are cancelled
    (
        "Peace talks between Armenia and Azerbaijan were called off on Sunday.",
        "2022-03-09",
        [("talks", "cancelled", "ARM", "2022-03-06")],
    ),
    # a deployment needs a military object; the country acts through its military
    (
        "Russia sent 500 troops to the border on Monday.",
        "2021-04-14",
        [("deployment", "occurred", "RUS", "2021-04-12")],
    ),
    ("Russia sent a letter to the council on Monday.", "2021-04-14", []),
    # an international body's appeal, dated by the publication date
    (
        "The United Nations called for an immediate ceasefire in Sudan.",
        "2023-05-10",
        [("statement", "occurred", "UNO", "2023-05-10")],
    ),
    # a threat to strike is a statement, not an attack
    (
        "North Korean leader Kim Jong Un threatened to strike US bases in Guam.",
        "2017-08-10",
        [("statement", "occurred", "PRK", "2017-08-10")],
    ),
    # phrasal attack verb and a week-precision date
    (
        "Indian troops exchanged fire with Pakistani forces last week.",
        "2019-02-28",
        [("attack", "occurred", "IND", "2019-02-18")],
    ),
    # phone call with a named counterpart
    (
        "French President Emmanuel Macron spoke by phone with Russian President Vladimir Putin "
        "on Saturday.",
        "2022-02-21",
        [("talks", "occurred", "FRA", "2022-02-19")],
    ),
    # an unnamed speaker is not a statement
    ("The military said the situation was calm.", "2022-02-21", []),
    # a planned meeting without a date has a null date
    (
        "A meeting between the Kenyan and Somali presidents is expected to take place.",
        "2022-02-21",
        [("talks", "planned", "KEN", "None")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_extraction_rules(text: str, published: str, expected: list[tuple]) -> None:
    assert [_summary(ev) for ev in _extract(text, published)] == expected


def test_repeated_mentions_merge_into_one_event() -> None:
    text = (
        "Chinese President Xi Jinping and his US counterpart Joe Biden talked by phone. "
        "Monday's phone conversation lasted two hours, according to the readout."
    )
    (ev,) = _extract(text, "2021-11-17")
    assert (ev.type, ev.date, ev.date_text) == ("talks", dt.date(2021, 11, 15), "Monday")
    assert len(ev.mentions) == 2
    assert {ev.actor.country, ev.target.country} == {"CHN", "USA"}


def test_passive_attack_takes_agent_as_actor_and_place_from_gazetteer() -> None:
    (ev,) = _extract(
        "A Syrian helicopter was shot down by rebels near Aleppo on Tuesday.", "2020-02-15"
    )
    assert (ev.type, ev.subtype, ev.date) == ("attack", "shootdown", dt.date(2020, 2, 11))
    assert (ev.actor.sector, ev.target.country) == ("REB", "SYR")
    assert ev.location is not None and ev.location.country == "SYR"

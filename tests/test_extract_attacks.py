"""Attacks in real news: one attack told several ways, who attacked, dates and status
(sentences written for the tests)."""

from __future__ import annotations

import pytest

from .test_extract import _extract
from .test_extract_rules import _row

# One attack told with two triggers, or told again later, is one event.
MERGES = [
    # two verbs of one clause pair: "attacked and blew up"
    (
        "Russian troops attacked and blew up a government building in Kharkiv on Tuesday.",
        "2022-03-10",
        ("RUS", "2022-03-08"),
    ),
    # the attack noun is the subject of the casualty verb
    (
        "Russian strikes killed nine civilians in Kharkiv on Tuesday, officials said.",
        "2022-03-10",
        ("RUS", "2022-03-08"),
    ),
    # "these missiles were fired": the volley already told, told again in a quote
    (
        "Iran fired missiles at two bases in Iraq on Tuesday. "
        '"Without doubt these missiles were fired from Iranian soil," an army spokesman said.',
        "2020-06-17",
        ("IRN", "2020-06-16"),
    ),
    # "killed in the strike": a back-reference to the strike already told
    (
        "Russian jets bombed a market in Kharkiv on Tuesday. "
        "Eleven people were killed in the strike, officials said.",
        "2022-03-10",
        ("RUS", "2022-03-08"),
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), MERGES)
def test_one_attack_is_one_event(text: str, published: str, expected: tuple) -> None:
    attacks = [e for e in _extract(text, published) if e.type == "attack"]
    assert [(e.actor.country if e.actor else None, str(e.date)) for e in attacks] == [expected]


def test_attacks_by_two_sides_or_on_two_days_stay_apart() -> None:
    text = (
        "Russian jets bombed a market in Kharkiv on Tuesday. "
        "Rebels shelled a police post in Donetsk on Friday. "
        "Ukrainian troops attacked a depot and Russian jets bombed a bridge on Saturday."
    )
    rows = [_row(e) for e in _extract(text, "2022-03-13") if e.type == "attack"]
    assert [r[3] for r in rows] == ["RUS", "UKR", "UKR", "RUS"]
    assert [r[5] for r in rows[:2]] == ["2022-03-08", "2022-03-11"]


# Who attacked, from the report around the clause (discourse).
ATTACKERS = [
    # the victims of "died ... and were wounded" are not the attackers
    (
        "Three people died and seven were wounded in Kharkiv on Monday, the governor said.",
        ["-"],
    ),
    # an army's report of the enemy's losses, without an agent, is its own side's attack
    (
        "Azerbaijan's defence ministry said on Sunday that two Armenian helicopters had been "
        "shot down.",
        ["AZE"],
    ),
    # an attack told without its attacker is by the one the article has established
    (
        "Russian forces shelled Kharkiv on Monday. "
        "One person was killed on Tuesday when missiles hit a shop in Zaporizhzhia.",
        ["RUS", "RUS"],
    ),
    # without a place in the clause, the article's country is the side attacked
    (
        "Russian forces shelled towns across Ukraine on Monday. "
        "Three people died and seven were wounded on Tuesday, the governor said.",
        ["RUS", "RUS"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTACKERS)
def test_who_attacked_from_the_report(text: str, expected: list) -> None:
    attacks = [e for e in _extract(text, "2022-04-27") if e.type == "attack"]
    assert [(e.actor.country or "?") if e.actor else "-" for e in attacks] == expected


def test_a_reporting_body_does_not_attack_its_own_side() -> None:
    # the victims are the speaker's own: the report says nothing about who attacked
    text = "Ukraine's army said on Sunday that two Ukrainian drones were shot down over Kharkiv."
    attacks = [e for e in _extract(text, "2022-04-27") if e.type == "attack"]
    assert [e.actor for e in attacks] == [None]


# A saying is not dated by an event noun nested in its complement.
NESTED_DATES = [
    (
        "Turkish President Recep Tayyip Erdogan said the border had stayed closed since the "
        "bombing on Saturday.",
        "2024-08-02",
    ),
    (
        "The Lebanese prime minister said his government had reduced its contacts since "
        "Tuesday night's strike.",
        "2024-08-02",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTED_DATES)
def test_a_saying_keeps_its_own_date(text: str, expected: str) -> None:
    (said,) = [e for e in _extract(text, "2024-08-02") if e.type == "statement"]
    assert str(said.date) == expected


# Who attacked, from the argument structure.
ARGUMENTS = [
    # the parser hangs "of shelling" on the accused: its own modifier names the side
    ("Kyiv accused Belarusian forces of shelling Ukrainian border posts on Sunday.", ("BLR", "-")),
    # an attack inside the charge is the accused's
    (
        "Sudan accused Chad on Friday of breaking the ceasefire with drone strikes that "
        "killed six herders in Darfur.",
        ("TCD", "-"),
    ),
    # a by-phrase on an attack noun names its attacker
    (
        "Ukraine said an airstrike by Russian fighter jets on Tuesday hit a depot near Sumy.",
        ("RUS", "2019-02-26"),
    ),
    # a platform with a demonym names its country's forces
    (
        "Syrian warplanes including attack helicopters killed 12 farmers in a raid on "
        "a hamlet near Hama.",
        ("SYR", "-"),
    ),
    # the agent of a participle on the subject: one shelling, by them, on Monday
    (
        "Mortar shells fired by Ethiopian troops killed six soldiers in Humera on Monday.",
        ("ETH", "2019-02-25"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ARGUMENTS)
def test_who_attacked_from_the_arguments(text: str, expected: tuple) -> None:
    (attack,) = [e for e in _extract(text, "2019-02-28") if e.type == "attack"]
    country = attack.actor.country if attack.actor else None
    assert country == expected[0]
    assert expected[1] == "-" or str(attack.date) == expected[1]


# A cancelling verb cancels what it governs, not the attack that was its occasion.
OCCASIONS = [
    "Colombia's government suspended negotiations with the rebels a day after a rebel attack "
    "killed two soldiers.",
    "The cabinet suspended the peace talks two days after a rebel ambush killed three police "
    "officers and wounded 11 others.",
]


@pytest.mark.parametrize("text", OCCASIONS)
def test_the_attack_that_prompted_a_suspension_occurred(text: str) -> None:
    events = _extract(text, "2024-09-20")
    assert {e.status for e in events if e.type == "talks"} == {"cancelled"}
    assert {e.status for e in events if e.type == "attack"} == {"occurred"}

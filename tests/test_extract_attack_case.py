"""Attack detection on snippet-shaped and accident-laden text (sentences written for the tests).

Cut-off lines (no final stop) are prose when they report in the past and nothing after them
is prose; casualties with a natural or accidental cause are not attacks.
"""

from __future__ import annotations

import pytest

from .test_extract import _extract
from .test_extract_rules import _row

SHAPE = [
    # a snippet cut off before its final stop still reports an attack
    (
        "Rebel fighters attacked an army checkpoint near the town of Goma on Monday, killing "
        "three soldiers",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", None, None, "2022-03-07")],
    ),
    # a headline above a body is not prose, however long
    (
        "Rebel fighters attacked an army checkpoint near Goma on Monday and killed three "
        "soldiers there\nThe army said it would respond.",
        "2022-03-09",
        [],
    ),
    # a short headline without a verb in the past stays out
    ("Army attacks rebel camp near Goma", "2022-03-09", []),
]

ACCIDENTS = [
    ("Floods killed at least 40 people in the north of the country last week.", "2022-03-09", []),
    ("A helicopter crash killed five police officers in Mexico on Saturday.", "2022-03-09", []),
    (
        "Nineteen passengers were killed when a bus plunged off a bridge in Peru on Sunday.",
        "2022-03-09",
        [],
    ),
    (
        "A gas tank explosion killed four workers at a factory near Kabul on Tuesday.",
        "2022-03-09",
        [],
    ),
    # the same casualty verbs with an armed cause stay attacks
    (
        "Gunmen killed eight villagers in Nigeria on Monday.",
        "2022-03-09",
        [("attack", "killing", "occurred", "NGA", None, "2022-03-07")],
    ),
    (
        "A roadside bomb blast killed four soldiers in Somalia on Monday.",
        "2022-03-09",
        [("attack", "bombing", "occurred", None, "SOM", "2022-03-07")],
    ),
]


IN_CONTEXT = [
    (
        "Gunmen hurled a grenade at a security post in Srinagar on Saturday.",
        "2022-03-09",
        [("attack", "bombing", "occurred", "IND", None, "2022-03-05")],
    ),
    (
        "A roadside bomb went off near a market in Mogadishu on Monday.",
        "2022-03-09",
        [("attack", "bombing", "occurred", None, None, "2022-03-07")],
    ),
    (
        "Attackers set off two car bombs outside a hotel in Kabul on Friday.",
        "2022-03-09",
        [("attack", "bombing", "occurred", None, None, "2022-03-04")],
    ),
    (
        "Iraqi troops recovered control of three villages near Mosul on Tuesday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", "IRQ", None, "2022-03-08")],
    ),
    (
        "Government forces freed four villages from the rebels on Sunday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", None, None, "2022-03-06")],
    ),
    (
        "Israeli jets destroyed a weapons depot in Gaza on Monday.",
        "2022-03-09",
        [("attack", "airstrike", "occurred", "ISR", None, "2022-03-07")],
    ),
    (
        "The ship was hit by a missile off the coast of Yemen on Sunday.",
        "2022-03-09",
        [("attack", "shelling", "occurred", None, None, "2022-03-06")],
    ),
    (
        "Syrian government forces used chlorine gas in an attack on the town on Tuesday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", "SYR", None, "2022-03-08")],
    ),
    # attack nouns the clause treats as happenings
    (
        "A grenade attack rocked the city of Cotabato on Wednesday night.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", None, None, "2022-03-09")],
    ),
    (
        "An attack on the army base in Mali was carried out by jihadists on Friday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", None, None, "2022-03-04")],
    ),
    (
        "The base came under attack from militants in Mali on Friday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", None, None, "2022-03-04")],
    ),
    # an attack noun reported, or naming its attacker in a by-phrase
    (
        "Ukraine reported artillery strikes near Donetsk on Tuesday.",
        "2022-03-09",
        [("attack", "airstrike", "occurred", "UKR", None, "2022-03-08")],
    ),
    (
        "Residents fled after raids by government helicopters on the village in Sudan on Monday.",
        "2022-03-09",
        [("attack", "airstrike", "occurred", "SDN", None, "2022-03-07")],
    ),
    # condemning an attack is a statement about it: the speaker is never its attacker
    (
        "Armenian Foreign Minister Ararat Mirzoyan condemned the attack on Friday.",
        "2022-03-09",
        [("statement", "accusation", "occurred", "ARM", None, "2022-03-04")],
    ),
    # a kind of attack, not one
    (
        "The minister discussed the threat of attacks by militants in Mali on Monday.",
        "2022-03-09",
        [("talks", "negotiation", "occurred", None, None, "2022-03-07")],
    ),
    # a casualty participle that is the sentence's only attack word carries the attack
    (
        "A car exploded outside a police station in Baghdad on Monday, killing two officers.",
        "2022-03-09",
        [("attack", "killing", "occurred", None, None, "2022-03-07")],
    ),
    # not after a perfect that sums up a campaign, nor after an accident
    (
        "Jihadists had terrorised the province for years, killing thousands of villagers.",
        "2022-03-09",
        [],
    ),
    ("A gas tank exploded in a market in Kabul on Monday, killing two people.", "2022-03-09", []),
    # onsets of fighting, rockets sent into a place, strikes on depots and vessels
    (
        "Heavy clashes broke out between the army and rebels in Darfur on Monday.",
        "2022-03-09",
        # sides without a country fight for the country the clashes are in
        [("attack", "clash", "occurred", "SDN", None, "2022-03-07")],
    ),
    (
        "Fighting erupted between rival militias in Tripoli on Sunday.",
        "2022-03-09",
        [("attack", "clash", "occurred", "LBY", None, "2022-03-06")],
    ),
    (
        "Hamas sent dozens of rockets into southern Israel on Tuesday.",
        "2022-03-09",
        [("attack", "shelling", "occurred", "PSE", None, "2022-03-08")],
    ),
    (
        "Houthi forces struck a fuel depot in Jeddah on Friday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", "YEM", None, "2022-03-04")],
    ),
    ("A bus hit a car on the highway in Kenya on Friday.", "2022-03-09", []),
    # a transitive blast verb, an invasion, part of a stronghold
    (
        "Rebels exploded three bombs near a busy market in Kabul on Monday.",
        "2022-03-09",
        [("attack", "bombing", "occurred", "AFG", None, "2022-03-07")],
    ),
    (
        "Turkey launched an invasion of northern Syria on Wednesday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", "TUR", None, "2022-03-09")],
    ),
    (
        "Burmese troops captured part of a rebel stronghold near the Thai border on Monday.",
        "2022-03-09",
        [("attack", "ground_assault", "occurred", "MMR", "THA", "2022-03-07")],
    ),
    ("Protesters exploded in anger in the capital on Monday.", "2022-03-09", []),
    # the same verbs without an armed argument
    ("The police freed two hostages in Paris on Sunday.", "2022-03-09", []),
    ("Investors set off a rally in stocks on Monday.", "2022-03-09", []),
    ("The alarm went off in the building on Monday.", "2022-03-09", []),
    ("The company established control over its rival in March.", "2022-03-09", []),
    ("The storm destroyed hundreds of homes in Florida on Monday.", "2022-03-09", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), SHAPE + ACCIDENTS + IN_CONTEXT)
def test_attack_rows(text: str, published: str, expected: list[tuple]) -> None:
    assert [_row(e) for e in _extract(text, published)] == expected

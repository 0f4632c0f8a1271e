"""Deployments, statements and talks told in the ways news commonly reports them (issue 17,
classes 6, 8, 9 and 12); every sentence is written for the test, one row per rule."""

from __future__ import annotations

import pytest

from .test_extract import _extract
from .test_extract_rules import _row

DEPLOYMENTS = [
    # mobilising, calling up, alerting
    (
        "Poland mobilised 20,000 reservists on Tuesday.",
        "2022-03-03",
        [("deployment", "troops", "occurred", "POL", None, "2022-03-01")],
    ),
    (
        "Armenia called up reservists on Sunday as fighting spread.",
        "2020-09-29",
        [("deployment", "troops", "occurred", "ARM", None, "2020-09-27")],
    ),
    (
        "Serbia put its troops on high alert on Friday.",
        "2022-12-28",
        [("deployment", "troops", "occurred", "SRB", None, "2022-12-23")],
    ),
    # police officers are deployable forces
    (
        "Nigeria deployed 500 police officers to the border town on Monday.",
        "2021-05-12",
        [("deployment", "troops", "occurred", "NGA", None, "2021-05-10")],
    ),
    # motion verbs with a military subject and a destination
    (
        "Kenyan police officers arrived in Haiti on Tuesday.",
        "2024-06-27",
        [("deployment", "troops", "occurred", "KEN", None, "2024-06-25")],
    ),
    (
        "On Friday the army chief saw off Kenyan soldiers heading to relieve the first contingent.",
        "2024-06-30",
        [("deployment", "troops", "occurred", "KEN", None, "2024-06-28")],
    ),
    # perception: the observed state's forces are the deployment, by its actor
    (
        "Japan's defence ministry said on Monday it detected eight Chinese warships near the "
        "islands.",
        "2023-05-09",
        [
            ("statement", "comment", "occurred", "JPN", None, "2023-05-08"),
            ("deployment", "troops", "occurred", "CHN", None, "2023-05-08"),
        ],
    ),
    # force posture held or built up
    (
        "Israeli troops remained on high alert on Monday.",
        "2023-07-04",
        [("deployment", "troops", "occurred", "ISR", None, "2023-07-03")],
    ),
    (
        "Israel strengthened its forces along the border on Monday.",
        "2023-07-04",
        [("deployment", "troops", "occurred", "ISR", None, "2023-07-03")],
    ),
    # a quantity of troops on the move
    (
        "A first batch of Kenyan peacekeeping troops arrived in Haiti on Tuesday.",
        "2023-07-04",
        [("deployment", "troops", "occurred", "KEN", None, "2023-07-04")],
    ),
    # completing or speeding up a withdrawal; the subject, not the "from" place, withdraws
    (
        "Russian forces completed their withdrawal from the town on Tuesday.",
        "2023-07-04",
        [("deployment", "withdrawal", "occurred", "RUS", None, "2023-07-04")],
    ),
    (
        "The United States sped up the withdrawal of its forces from Iraq on Tuesday.",
        "2023-07-04",
        [("deployment", "withdrawal", "occurred", "USA", None, "2023-07-04")],
    ),
    # a withdrawal that is a talks topic, a possibility or a forcing's purpose did not happen
    (
        "Russian officials said on Monday they would discuss the possible withdrawal of heavy "
        "weapons.",
        "2023-05-05",
        [("talks", "negotiation", "planned", "RUS", None, "2023-05-08")],
    ),
    (
        "Israel said the strikes were meant to force Syria to withdraw its forces from the city.",
        "2023-05-05",
        [("statement", "comment", "occurred", "ISR", None, "2023-05-05")],
    ),
    # "would" under a past saying verb is a plan; "the government" is the article's state
    (
        "Colombia's army fought rebels near the border. The government said on Sunday that it "
        "would deploy 200 more troops to the province.",
        "2025-01-21",
        [
            ("attack", "clash", "occurred", "COL", None, "2025-01-21"),
            ("deployment", "troops", "planned", "COL", None, "None"),
        ],
    ),
]

STATEMENTS = [
    # a definite body without its country takes the one named before it
    (
        "Turkey's defence ministry announced new exercises on Friday. The defence ministry said "
        "on Saturday that the operation would continue.",
        "2023-12-24",
        [
            ("statement", "announcement", "occurred", "TUR", None, "2023-12-22"),
            ("statement", "comment", "occurred", "TUR", None, "2023-12-23"),
        ],
    ),
    # "Long Name (ABBR)" makes the abbreviation an alias
    (
        "The Kenya Defence Forces (KDF) arrived on Monday. The KDF said on Tuesday that its "
        "units were ready.",
        "2024-06-27",
        [("statement", "comment", "occurred", "KEN", None, "2024-06-25")],
    ),
    # "<demonym> officials" take a stance with a verb that is not plain saying
    (
        "Palestinian officials demanded on Monday an end to the raids.",
        "2023-07-04",
        [("statement", "demand", "occurred", "PSE", None, "2023-07-03")],
    ),
    ("Kenyan officials said on Monday that talks had ended.", "2023-07-04", []),
    # progressive and free-standing participles
    (
        "Iranian officials are demanding the release of the crew.",
        "2023-07-04",
        [("statement", "demand", "occurred", "IRN", None, "2023-07-04")],
    ),
    (
        "Prime Minister Narendra Modi went on television on Sunday urging calm.",
        "2019-02-25",
        [("statement", "appeal", "occurred", "IND", None, "2019-02-24")],
    ),
    # report + clause by a state body is news; by an agency it is sourcing
    (
        "Chancellor Olaf Scholz's office reported on Friday that the two leaders agreed to keep "
        "talking.",
        "2023-02-04",
        [
            ("statement", "announcement", "occurred", "DEU", None, "2023-02-03"),
            ("talks", "negotiation", "occurred", None, None, "2023-02-04"),
        ],
    ),
    (
        "The news agency reported on Friday that the two leaders agreed to keep talking.",
        "2023-02-04",
        [("talks", "negotiation", "occurred", None, None, "2023-02-04")],
    ),
    # confirm + clause: an announcement, except the sourcing of an attack
    (
        "The Kremlin confirmed on Friday that the leaders will meet in June.",
        "2020-02-28",
        [
            ("statement", "announcement", "occurred", "RUS", None, "2020-02-28"),
            ("talks", "meeting", "planned", None, None, "2020-06-01"),
        ],
    ),
    (
        "Ankara confirmed on Friday that 17 soldiers had been killed.",
        "2020-02-28",
        [("attack", "killing", "occurred", None, None, "2020-02-28")],
    ),
    # a person's office, the name written with a possessive ending
    (
        "Chancellor Angela Merkel's office reported that the leaders agreed on new steps.",
        "2015-02-17",
        [("statement", "announcement", "occurred", "DEU", None, "2015-02-17")],
    ),
    # a province in the speaker's phrase names its country
    (
        "The office of South Kivu's governor said on Sunday that the road was open again.",
        "2022-06-13",
        [("statement", "comment", "occurred", "COD", None, "2022-06-12")],
    ),
    # the title the text gives outranks a dictionary role the date has ended (CVL)
    (
        "President George Bush threatened further action against Russia on Monday.",
        "2016-01-05",
        [("statement", "threat", "occurred", "USA", None, "2016-01-04")],
    ),
    (
        "U.N. Secretary-General Kofi Annan announced on Monday that inspectors would leave.",
        "2016-01-05",
        [("statement", "announcement", "occurred", "UNO", None, "2016-01-04")],
    ),
    ("Former President George Bush warned on Monday that the plan would fail.", "2016-01-05", []),
    # "the bloc" is the international body named before
    (
        "The Economic Community of West African States met in Abuja on Thursday. The bloc on "
        "Friday repeated its threat to use force against the junta.",
        "2023-08-19",
        [
            ("talks", "meeting", "occurred", "WAS", None, "2023-08-17"),
            ("statement", "comment", "occurred", "WAS", None, "2023-08-18"),
        ],
    ),
    # a speaker "in <country>" is of that country
    (
        "Rebels in Mali rejected the plan on Monday.",
        "2023-07-04",
        [("statement", "rejection", "occurred", "MLI", None, "2023-07-03")],
    ),
    (
        "Opposition groups in Zimbabwe are demanding new elections.",
        "2023-07-04",
        [("statement", "demand", "occurred", "ZWE", None, "2023-07-04")],
    ),
    # a protest lodged is an accusation
    (
        "Greece lodged a formal protest with Turkey on Tuesday.",
        "2023-07-04",
        [("statement", "accusation", "occurred", "GRC", "TUR", "2023-07-04")],
    ),
    # a street protest is no statement
    ("Thousands of Serbs protested in the town on Monday.", "2023-07-04", []),
    # stance verbs
    (
        "Japanese Prime Minister Fumio Kishida praised the agreement on Sunday.",
        "2023-03-20",
        [("statement", "comment", "occurred", "JPN", None, "2023-03-19")],
    ),
    # statement nouns with their own speaker
    (
        "The talks follow a proposal by Putin on Sunday to resume the negotiations.",
        "2025-05-13",
        [("statement", "appeal", "occurred", "RUS", None, "2025-05-11")],
    ),
    (
        "According to a statement from Jakarta on Saturday, the leaders reached a consensus.",
        "2021-04-26",
        [("statement", "announcement", "occurred", "IDN", None, "2021-04-24")],
    ),
    ("The threat of war hangs over the region.", "2021-04-26", []),
]

TALKS = [
    # envoys arriving to mediate: talks by the sending state
    (
        "A delegation from Qatar arrived in Kabul on Sunday to mediate a truce between the "
        "two sides.",
        "2023-07-04",
        [("talks", "negotiation", "occurred", "QAT", None, "2023-07-02")],
    ),
    # a visit one arrives on; negotiations renewed
    (
        "On Wednesday, Turkish President Recep Tayyip Erdogan arrived in Baghdad on a two-day "
        "visit.",
        "2023-05-05",
        [("talks", "visit", "occurred", "TUR", None, "2023-05-03")],
    ),
    (
        "Israel and Lebanon renewed negotiations on Tuesday.",
        "2023-05-05",
        [("talks", "negotiation", "occurred", "ISR", "LBN", "2023-05-02")],
    ),
    # the envoy noun misattached to a preposition ("as a delegation ... arrived")
    (
        "Rockets were fired on Sunday as a delegation from Egypt arrived in the country to "
        "broker a truce.",
        "2022-08-08",
        [
            ("attack", "shelling", "occurred", None, None, "2022-08-07"),
            ("talks", "negotiation", "occurred", "EGY", None, "2022-08-08"),
        ],
    ),
    # a call in a phrase of the clause: between the subject and the object
    (
        "German Chancellor Olaf Scholz briefed French President Emmanuel Macron on the crisis "
        "during a phone call on Monday.",
        "2023-07-04",
        [("talks", "phone_call", "occurred", "DEU", "FRA", "2023-07-03")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), DEPLOYMENTS + STATEMENTS + TALKS)
def test_posture_and_speech(text: str, published: str, expected: list[tuple]) -> None:
    assert [_row(ev) for ev in _extract(text, published)] == expected

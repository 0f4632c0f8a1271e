"""Statements and talks that PLOVER's categories name beyond plain saying (issue 17, engineer E):
stances told by a verb with its complement, speakers coded by where they live, and mediation.
Every sentence is written for the test, one row per rule."""

from __future__ import annotations

import pytest

from .test_extract import _extract
from .test_extract_rules import _row

STANCES = [
    # decline + infinitive is a rejection; declining to comment is sourcing
    (
        "Kenya's finance minister declined to resign on Monday despite the scandal.",
        "2023-07-04",
        [("statement", "rejection", "occurred", "KEN", None, "2023-07-03")],
    ),
    ("A spokesman for the ministry declined to comment on Monday.", "2023-07-04", []),
    ("The mayor declined to be named.", "2023-07-04", []),
    # renege on, push for (a phrase or a clause), pressure X to
    (
        "Zambia's president reneged on Monday on his pledge to hold early elections.",
        "2023-07-04",
        [("statement", "rejection", "occurred", "ZMB", None, "2023-07-03")],
    ),
    (
        "Britain is pushing for a new vote in the Security Council.",
        "2023-07-04",
        [("statement", "appeal", "occurred", "GBR", None, "2023-07-04")],
    ),
    (
        "Germany pushed on Monday for the bloc to adopt new sanctions.",
        "2023-07-04",
        [("statement", "appeal", "occurred", "DEU", None, "2023-07-03")],
    ),
    # insist on a thing is a demand; "insisted on Monday that" stays a comment
    (
        "Turkey insisted on a share of the gas revenue on Monday.",
        "2023-07-04",
        [("statement", "demand", "occurred", "TUR", None, "2023-07-03")],
    ),
    (
        "Turkey insisted on Monday that the vote was fair.",
        "2023-07-04",
        [("statement", "comment", "occurred", "TUR", None, "2023-07-03")],
    ),
    # a summons made to complain: the complaint was made
    (
        "Egypt's foreign minister summoned the Ethiopian ambassador to complain about the dam.",
        "2023-07-04",
        [
            ("talks", "meeting", "occurred", "EGY", "ETH", "2023-07-04"),
            ("statement", "accusation", "occurred", "EGY", None, "2023-07-04"),
        ],
    ),
    (
        "Iranian officials pressured the union on Monday to cancel the rally.",
        "2023-07-04",
        [("statement", "demand", "occurred", "IRN", None, "2023-07-03")],
    ),
]

RESIDENTS = [
    # a people is coded by the state it lives in; agents keep their own state
    (
        "Ethnic Armenians in southern Georgia demanded a referendum on Monday.",
        "2023-07-04",
        [("statement", "demand", "occurred", "GEO", None, "2023-07-03")],
    ),
    (
        "Macedonian Albanians rejected the proposal for a new constitution on Monday.",
        "2023-07-04",
        [("statement", "rejection", "occurred", "MKD", None, "2023-07-03")],
    ),
    (
        "Turkish officials in Syria demanded the release of the prisoners on Monday.",
        "2023-07-04",
        [("statement", "demand", "occurred", "TUR", None, "2023-07-03")],
    ),
    # officials of a named body take a stance with a verb that is not plain saying
    (
        "Red Crescent officials demanded access to the city on Monday.",
        "2023-07-04",
        [("statement", "demand", "occurred", "IRC", None, "2023-07-03")],
    ),
    # a place named in several words
    (
        "Rebels in the Ivory Coast rejected the offer on Monday.",
        "2023-07-04",
        [("statement", "rejection", "occurred", "CIV", None, "2023-07-03")],
    ),
]

NAMED_SPEAKERS = [
    # a stance by a speaker named with a title or as an organisation, country unknown
    (
        "President Jean Mbarga threatened on Monday to close the border.",
        "2023-07-04",
        [("statement", "threat", "occurred", None, None, "2023-07-03")],
    ),
    (
        "Archbishop John Okoro called on Sunday for sanctions against the junta.",
        "2023-07-04",
        [("statement", "appeal", "occurred", None, None, "2023-07-02")],
    ),
    (
        "Amnesty International accused the police on Monday of torturing detainees.",
        "2023-07-04",
        [("statement", "accusation", "occurred", None, None, "2023-07-03")],
    ),
    # plain saying by such a speaker stays sourcing
    ("Amnesty International said on Monday that the camp was full.", "2023-07-04", []),
]

PATROLS = [
    # patrols ordered or stepped up are forces put out; patrols attacked are not
    (
        "Pakistan's interior ministry ordered patrols by police and soldiers on Sunday.",
        "2023-07-04",
        [
            ("statement", "demand", "occurred", "PAK", None, "2023-07-02"),
            ("deployment", "troops", "occurred", "PAK", None, "2023-07-02"),
        ],
    ),
    (
        "Kenya stepped up patrols along the border with Somalia on Monday.",
        "2023-07-04",
        [("deployment", "troops", "occurred", "KEN", None, "2023-07-03")],
    ),
    (
        "Gunmen attacked a police patrol on Monday.",
        "2023-07-04",
        [("attack", "ground_assault", "occurred", None, None, "2023-07-03")],
    ),
]

MEDIATION = [
    # a mediation effort or mission between two states is talks between them
    (
        "The Kenyan president launched a mediation effort on Monday between Ethiopia and Eritrea.",
        "2023-07-04",
        [("talks", "negotiation", "occurred", "ETH", "ERI", "2023-07-03")],
    ),
    (
        "The African Union chairman undertook a mediation mission between Sudan and Chad on "
        "Friday.",
        "2023-07-04",
        [("talks", "negotiation", "occurred", "SDN", "TCD", "2023-06-30")],
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"), STANCES + RESIDENTS + NAMED_SPEAKERS + PATROLS + MEDIATION
)
def test_stances_speakers_mediation(text: str, published: str, expected: list[tuple]) -> None:
    assert [_row(ev) for ev in _extract(text, published)] == expected

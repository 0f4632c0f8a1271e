"""Table-driven tests for generic agent nouns."""

from __future__ import annotations

import pytest

from newsevents.lexicon.agents import agent_role, agent_sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("minister", "GOV"),
        ("prime minister", "GOV"),
        ("diplomats", "GOV"),
        ("officials", "GOV"),
        ("spokesman", "GOV"),
        ("envoy", "GOV"),
        ("the delegation", "GOV"),
        ("regime", "GOV"),
        ("foreign ministry", "GOV"),
        ("army", "MIL"),
        ("Russian troops", "MIL"),
        ("soldiers", "MIL"),
        ("security forces", "MIL"),
        ("security personnel", "MIL"),
        ("warplanes", "MIL"),
        ("bombers", "MIL"),
        ("Syrian government forces", "MIL"),
        ("rebels", "REB"),
        ("militants", "REB"),
        ("jihadists", "REB"),
        ("insurgents", "REB"),
        ("opposition groups", "REB"),
        ("armed groups", "REB"),
        ("gunmen", "REB"),
        ("civilians", "CVL"),
        ("refugees", "CVL"),
        ("protesters", "CVL"),
        ("students", "CVL"),
        ("journalists", "MED"),
        ("the observatory", "MED"),
        ("war monitor", "MED"),
        ("news agency", "MED"),
        ("observation posts", None),
        ("weather", None),
        ("", None),
    ],
)
def test_agent_sector(phrase: str, sector: str | None) -> None:
    assert agent_sector(phrase) == sector


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("Turkish Defence Minister", "defence minister"),
        ("U.S. Defense Secretary", "defence minister"),
        ("Secretary of State", "foreign minister"),
        ("Foreign Minister", "foreign minister"),
        ("British Foreign Secretary", "foreign minister"),
        ("President", "president"),
        ("Prime Minister", "prime minister"),
        ("Kremlin spokesman", "spokesperson"),
        ("UN special envoy", "envoy"),
        ("EU foreign policy chief", "foreign policy chief"),
        ("army chief of staff", "chief of staff"),
        ("farmer", None),
    ],
)
def test_agent_role(phrase: str, role: str | None) -> None:
    assert agent_role(phrase) == role

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


@pytest.mark.parametrize(("text", "published", "expected"), SHAPE + ACCIDENTS)
def test_attack_rows(text: str, published: str, expected: list[tuple]) -> None:
    assert [_row(e) for e in _extract(text, published)] == expected

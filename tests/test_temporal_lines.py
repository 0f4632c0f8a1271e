"""Date expressions never cross a line break (lines are paragraphs, headlines, captions)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.temporal import tag


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shot down a second helicopter in a week\n\nEarlier his deputy said talks failed.",
        "Troops left on Monday\nMorning prayers were held.",
    ],
)
def test_no_expression_spans_a_line_break(text: str) -> None:
    found = tag(text, dt.date(2020, 2, 15))
    assert found, "the expressions within a line are still found"
    assert all("\n" not in t.text for t in found)

"""Hypothesis property tests for the temporal engine."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.temporal import tag

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
dates = st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 20))


@settings(max_examples=150, deadline=None)
@given(dct=dates, wd=st.integers(0, 6))
def test_past_weekday_on_or_before_dct(dct: dt.date, wd: int) -> None:
    text = f"The minister said on {WEEKDAYS[wd]}."
    (t,) = [t for t in tag(text, dct) if t.text == WEEKDAYS[wd]]
    d = dt.date.fromisoformat(t.value)
    assert d.weekday() == wd and 0 <= (dct - d).days <= 6


@settings(max_examples=150, deadline=None)
@given(dct=dates, wd=st.integers(0, 6))
def test_future_weekday_after_dct(dct: dt.date, wd: int) -> None:
    text = f"The ministers will meet on {WEEKDAYS[wd]}."
    (t,) = [t for t in tag(text, dct) if t.text == WEEKDAYS[wd]]
    d = dt.date.fromisoformat(t.value)
    # the DCT's own weekday resolves to the DCT: a week ahead is "next Saturday"
    assert d.weekday() == wd and 0 <= (d - dct).days <= 6


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), dct=st.one_of(st.none(), dates))
def test_never_raises_and_offsets_index_text(text: str, dct: dt.date | None) -> None:
    for t in tag(text, dct):
        assert text[t.start : t.end] == t.text


words = st.sampled_from(
    ["said", "on", "Friday", "last", "week", "in", "March", "2019", "three", "days", "ago",
     "the", "end", "of", "early", "will", "meet", "since", "by", "'98", "10", "a.m.", ",", "."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(toks=st.lists(words, max_size=25), dct=st.one_of(st.none(), dates))
def test_timexy_text_offsets_and_order(toks: list[str], dct: dt.date | None) -> None:
    text = " ".join(toks)
    tags = tag(text, dct)
    starts = [t.start for t in tags]
    assert starts == sorted(starts)
    for t in tags:
        assert text[t.start : t.end] == t.text and t.value

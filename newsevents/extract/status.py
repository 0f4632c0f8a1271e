"""The status of a trigger: ``occurred``, ``planned``, ``cancelled``, or not asserted at all
(negated, conditional, intended, hypothetical), from its auxiliaries and governing verbs."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.syntax import _aux_words, _clause_head, _governor, _negated
from newsevents.extract.triggers import (
    ATTEMPT_WORDS,
    CANCEL_VERBS,
    CANCELLED_MODIFIERS,
    CONDITIONAL_MARKS,
    EVENT_PREPOSITIONS,
    HAPPENED_PREPOSITIONS,
    IMPLICATIVE_VERBS,
    INTENT_VERBS,
    MODALS_FUTURE,
    MODALS_HYPOTHETICAL,
    PAST_SAYING_VERBS,
    PLANNED_GOVERNORS,
    PLANNED_MODIFIERS,
    SCHEDULED_COMPLEMENTS,
    SUMMONING_VERBS,
    TriggerClass,
)


def _cancels(tok: Token) -> bool:
    """Is ``tok`` a verb of cancelling ("cancel", "call off", "postpone")?"""
    lemma = tok.lemma_.lower()
    if lemma == "call":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children)
    return lemma in CANCEL_VERBS


# Clause links by which a cancelling verb's complement is what is cancelled ("called off
# plans to meet", "suspended efforts to negotiate"); an adverbial clause is the occasion.
CANCELLED_CLAUSES = frozenset(["xcomp", "ccomp", "acl"])


def _cancelled_by(tok: Token, clause: Token, gov: Token | None) -> bool:
    """Does a verb of cancelling govern ``tok`` as what it cancels?

    "broke off talks two days after an ambush killed four": the attack is the occasion
    of the suspension, in an adverbial clause or a time phrase, not cancelled by it.
    """
    link = clause
    for _ in range(len(tok.doc)):  # "... after an attack killed two and wounded 29"
        if link.dep_ != "conj" or link.head.i == link.i:
            break
        link = link.head
    if gov is not None and _cancels(gov) and link.dep_ in CANCELLED_CLAUSES:
        return True
    if clause.i == tok.i or not _cancels(clause):
        return False
    cur = tok
    for _ in range(len(tok.doc)):
        if cur.i == clause.i or cur.head.i == cur.i:
            break
        if cur.dep_ == "prep" and cur.lower_ in EVENT_PREPOSITIONS:
            return False  # "suspended the talks after the attack"
        cur = cur.head
    return True


def _future_in_past(clause: Token, aux: set[str], gov: Token | None) -> bool:
    """ "would" in a clause reported by a past saying verb is the reported "will"."""
    return (
        "would" in aux
        and not aux & (MODALS_HYPOTHETICAL - {"would"})
        and gov is not None
        and clause.dep_ == "ccomp"
        and gov.lemma_.lower() in PAST_SAYING_VERBS
        and gov.tag_ == "VBD"
    )


def _purpose(verb: Token) -> bool:
    """Is ``verb`` an infinitive of purpose or intent ("meant to force", "in order to")?"""
    return "to" in _aux_words(verb) and verb.dep_ in ("xcomp", "advcl", "conj")


def _attempted(clause: Token, gov: Token | None) -> bool:
    """ "attempted to assassinate", "an attempt to kill him was thwarted": a past attempt."""
    if (
        gov is None
        or gov.lemma_.lower() not in ATTEMPT_WORDS
        or clause.dep_ not in ("xcomp", "acl")
    ):
        return False
    if _negated(gov):
        return False
    if gov.pos_ == "VERB":
        return gov.tag_ == "VBD" or "have" in _aux_words(gov) or "had" in _aux_words(gov)
    verb = gov.head  # the attempt noun: "was thwarted", "foiled an attempt"
    return gov.dep_ in ("nsubjpass", "dobj", "nsubj") and verb.tag_ in ("VBD", "VBN")


def status_of(tok: Token, cls: TriggerClass) -> str | None:
    """``occurred``, ``planned``, ``cancelled``, or None when the event is not asserted."""
    if _negated(tok):
        return None
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in HAPPENED_PREPOSITIONS:
        # "may not have got what he hoped for during talks in Moscow": the talks still happened.
        return "occurred"
    clause = _clause_head(tok)
    aux = _aux_words(clause) | _aux_words(tok)
    gov = _governor(tok)
    gov_lemma = gov.lemma_.lower() if gov is not None else ""
    mark = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if mark & CONDITIONAL_MARKS:
        return None
    if clause.i != tok.i and _negated(clause):
        return None
    if _cancels(tok) or _cancelled_by(tok, clause, gov):
        return "cancelled"
    if any(c.dep_ == "amod" and c.lower_ in CANCELLED_MODIFIERS for c in tok.children):
        return "cancelled"
    future = bool(aux & MODALS_FUTURE) or (
        clause.lemma_.lower() in PLANNED_GOVERNORS and clause.i != tok.i
    )
    if gov_lemma in PLANNED_GOVERNORS or (
        gov_lemma == "be" and "due" in {c.lower_ for c in gov.children}
    ):
        future = True
    if any(c.lower_ in PLANNED_MODIFIERS for c in tok.children if c.dep_ in ("amod", "compound")):
        future = True
    if any(c.dep_ == "acomp" and c.lower_ in SCHEDULED_COMPLEMENTS for c in clause.children):
        future = True  # "another round is due to take place"
    if "going" in aux or (clause.lemma_ == "be" and "due" in aux):
        future = True
    hypothetical = bool(aux & MODALS_HYPOTHETICAL)
    if hypothetical and _future_in_past(clause, aux, gov):
        hypothetical, future = False, True  # "said it would deploy 300 troops": a plan
    if gov_lemma in IMPLICATIVE_VERBS and _purpose(gov):
        return None  # "meant to force X to withdraw": the forcing is itself only a purpose
    if gov_lemma in IMPLICATIVE_VERBS:
        # "prompting the South to fire": the caused event happened.
        return "occurred" if cls.type != "talks" or not future else "planned"
    if cls.type == "attack" and not future and not hypothetical and _attempted(clause, gov):
        return "occurred"
    intended = gov_lemma in INTENT_VERBS and clause.dep_ in ("xcomp", "ccomp", "advcl")
    infinitive = "to" in aux and clause.dep_ in (
        "xcomp",
        "advcl",
        "acl",
        "relcl",
        "pcomp",
        "ccomp",
        "conj",
    )
    if cls.type in ("attack", "deployment"):
        if future and cls.type == "deployment" and not hypothetical:
            return "planned"
        if future or hypothetical or intended or infinitive:
            return None
        return "occurred"
    if cls.type == "talks":
        if future or hypothetical or intended or infinitive:
            return "planned"
        return "occurred"
    # Statements: the saying happened; a future "will say" is not news yet.
    if infinitive and gov_lemma in SUMMONING_VERBS and not (future or hypothetical):
        return "occurred"  # "summoned the ambassador to complain": the complaint was made
    if "will" in aux or infinitive or intended:
        return None
    return "occurred"

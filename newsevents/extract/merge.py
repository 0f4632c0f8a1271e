"""In-article merging: repeated mentions of one happening become one event."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from newsevents.extract.candidate import EventCandidate
from newsevents.extract.triggers import ONSET_PHRASAL
from schemas import Party


def _name_key(party: Party | None) -> str | None:
    return party.name.split()[-1].lower() if party is not None else None


def _countries(c: EventCandidate) -> set[str]:
    return {p.country for p in (c.actor, c.target) if p is not None and p.country}


# An undated past mention ("X and Y talked by phone") reports something from the last week.
RECENT = dt.timedelta(days=7)


def _dates_agree(a: EventCandidate, b: EventCandidate, *, loose: bool) -> bool:
    if (a.date, a.precision) == (b.date, b.precision):
        return True
    if not loose or (a.timex is not None and b.timex is not None):
        return False
    dated, undated = (a, b) if a.timex is not None else (b, a)
    if dated.date is None or undated.date is None:
        return dated.date is None or undated.status == "planned"
    return dt.timedelta(0) <= undated.date - dated.date <= RECENT


# "similar contacts last week", "another round of talks": a different happening by definition.
DISTINCT = frozenset(["similar", "another", "previous", "earlier", "new", "other", "second"])


def _marked_distinct(c: EventCandidate) -> bool:
    if not c.nominal:
        return False
    heads = [c.trigger]
    if c.trigger.head.lower_ == "of":  # "another round of talks"
        heads.append(c.trigger.head.head)
    return any(t.lower_ in DISTINCT for h in heads for t in h.subtree if t.i < c.trigger.i)


def _breaks_out(noun: Token) -> bool:
    """An indefinite attack noun that is the subject of an onset ("clashes broke out",
    "fighting erupted") tells a new happening, not the one already told."""
    verb = noun.head
    if noun.dep_ != "nsubj" or any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return False
    onset = any((verb.lemma_.lower(), c.lower_) in ONSET_PHRASAL for c in verb.children)
    return onset or verb.lemma_.lower() in ONSET_VERBS


def _same_attack_across_subtypes(a: EventCandidate, b: EventCandidate) -> bool:
    """One attack told with two words: "attacked and blew up", "strikes killed nine".

    A nominal mention, or a second trigger in the same sentence, joins an earlier attack of
    another subtype when the attackers' countries agree (or one is unknown) and the dates agree.
    """
    same_sentence = a.sent.start == b.sent.start
    if not (b.nominal or same_sentence):
        return False
    if not same_sentence and _breaks_out(b.trigger):
        return False  # "then clashes broke out in the north": a new happening
    ca = a.actor.country if a.actor is not None else None
    cb = b.actor.country if b.actor is not None else None
    if ca and cb and ca != cb:
        return False
    if not (ca or cb) and not same_sentence:
        return False  # two attacks by nobody known, in two sentences: nothing ties them
    return _dates_agree(a, b, loose=True)


def _patients(c: EventCandidate) -> list[Token]:
    """What the trigger's clause hit: its objects or passive subjects and their conjuncts;
    for "stormed and burned the depot", the object the two verbs share."""
    verbs = [c.trigger, *(v for v in c.trigger.children if v.dep_ == "conj" and v.pos_ == "VERB")]
    found = [t for v in verbs for t in v.children if t.dep_ in ("dobj", "nsubjpass")]
    return found + [conj for t in found for conj in t.children if conj.dep_ == "conj"]


# "these rockets were fired": a demonstrative points back to what was already told.
DEMONSTRATIVES = frozenset(["these", "those", "this", "that"])
DEFINITE = DEMONSTRATIVES | {"the"}
# Verbs of an onset without a particle ("fighting erupted", "clashes flared").
ONSET_VERBS = frozenset(["erupt", "flare"])


def _no_attacker_named(a: EventCandidate, b: EventCandidate) -> bool:
    """Does ``b``'s clause leave its attacker unnamed? An attacker only inferred from the
    article ("the depot was burned", after the one who burned it) is ``a``'s."""
    if b.actor is None:
        return True
    own = any(c.dep_ in ("nsubj", "agent") for c in b.trigger.children)
    return not own and a.actor is not None and a.actor.country == b.actor.country


def _told_again(a: EventCandidate, b: EventCandidate) -> bool:
    """A clause without attacker about what an earlier attack hit ("the office was blown
    up", after "blew up the liaison office") or about "these missiles" tells it again."""
    if b.nominal or a.sent.start == b.sent.start or not _no_attacker_named(a, b):
        return False
    hit = {t.lemma_.lower() for t in _patients(a)}
    for patient in _patients(b):
        if patient.lemma_.lower() in hit:
            return True
        if any(d.dep_ == "det" and d.lower_ in DEMONSTRATIVES for d in patient.children):
            return True
    return False


def _passive_sequel(a: EventCandidate, b: EventCandidate) -> bool:
    """ "Government jets bombed the town. A clinic and two shops were hit": a passive
    clause with neither attacker, date nor place of its own, in the very next sentence, tells
    what the attack just told hit."""
    trigger = b.trigger
    if b.nominal or b.timex is not None or b.location is not None:
        return False
    hit = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    if not hit or any(t.ent_type_ in ("NORP", "GPE", "ORG") for t in hit[0].subtree):
        return False  # "three of our drones were shot down": a side's losses, news
    if any(c.dep_ in ("agent", "nsubj") for c in trigger.children):
        return False
    return a.sent.end == b.sent.start and _no_attacker_named(a, b)


def _same_attack_split(a: EventCandidate, b: EventCandidate) -> bool:
    if a.cls.type != "attack" or _marked_distinct(b):
        return False
    if _told_again(a, b) and _dates_agree(a, b, loose=True):
        return True
    if _passive_sequel(a, b) and _dates_agree(a, b, loose=True):
        return True
    return _same_attack_across_subtypes(a, b)


def same_event(a: EventCandidate, b: EventCandidate) -> bool:
    """Do two mentions in one article report the same happening?"""
    if a.cls.type != b.cls.type or a.status != b.status:
        return False
    if _same_attack_split(a, b):
        return True
    if _marked_distinct(b):
        return False
    kind = a.cls.type
    if kind == "statement":
        # One statement per speaker per occasion.
        return _name_key(a.actor) == _name_key(b.actor) and _dates_agree(a, b, loose=False)
    if kind == "talks":
        ca, cb = _countries(a), _countries(b)
        if not ca or not cb:
            # only "the talks" (a nominal back-reference) may join without known parties
            return (b.nominal and not cb) and _dates_agree(a, b, loose=True)
        # One report may name both sides and another only one: a subset still agrees.
        return (ca <= cb or cb <= ca) and _dates_agree(a, b, loose=True)
    campaign = "period" in (a.precision, b.precision) and not (a.timex or b.timex)
    if not (a.nominal or b.nominal or a.timex or b.timex or campaign):
        return False  # two undated clauses with their own verbs are two happenings
    if b.nominal and b.actor is None and (a.date, a.precision) == (b.date, b.precision):
        return True  # "after Monday's attack": a back-reference to the attack already coded
    same_actor = a.actor is None or b.actor is None or a.actor.country == b.actor.country
    same_target = a.target is None or b.target is None or a.target.country == b.target.country
    same_place = a.location is None or b.location is None or a.location.name == b.location.name
    if campaign:
        # undated mentions of one ongoing campaign by one side are one event
        return a.cls.subtype == b.cls.subtype and same_actor and same_place
    return (
        a.cls.subtype == b.cls.subtype
        and same_actor
        and same_target
        and same_place
        and _dates_agree(a, b, loose=False)
    )


def _better(x: Party | None, y: Party | None) -> Party | None:
    """Prefer the more specific of two parties for one role."""
    if x is None:
        return y
    if y is None:
        return x
    return y if len(y.name.split()) > len(x.name.split()) and y.country == x.country else x


def absorb(into: EventCandidate, other: EventCandidate) -> None:
    """Fold ``other`` into ``into``: keep the first evidence, the most precise date."""
    if into.timex is None and other.timex is not None:
        into.timex, into.date, into.precision = other.timex, other.date, other.precision
    into.actor = _better(into.actor, other.actor)
    into.target = _better(into.target, other.target)
    if into.target is not None and into.actor is not None and into.target == into.actor:
        into.target = other.target if other.target != into.actor else None
    into.location = into.location or other.location
    into.nominal = into.nominal and other.nominal
    if other.rank > into.rank:
        into.rank, into.evidence = other.rank, other.evidence
    for span in other.mentions:
        if span not in into.mentions:
            into.mentions.append(span)


def merge_candidates(cands: list[EventCandidate]) -> list[EventCandidate]:
    """Merge mentions in text order; each joins the most recent matching event."""
    merged: list[EventCandidate] = []
    for cand in cands:
        for prev in reversed(merged):
            if same_event(prev, cand):
                absorb(prev, cand)
                break
        else:
            merged.append(cand)
    return merged

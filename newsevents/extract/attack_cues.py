"""The clues that make a violent word an attack: the cause a sentence names, the verb's
arguments, an attack noun the clause treats as a happening."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.extract.syntax import _aux_words, _children, _first, _objects
from newsevents.extract.triggers import (
    ACCIDENT_CONTAINERS,
    ACCIDENT_NOUNS,
    ACCIDENT_VERBS,
    AIR_PLATFORMS,
    AIR_SUBJECTS,
    ARMED_SUBJECTS,
    ATTACK_OBJECT_VERBS,
    ATTACK_SUBJECT_VERBS,
    ATTACK_WITNESS_VERBS,
    BLAST_WORDS,
    CASUALTY_PARTICIPLES,
    CASUALTY_TRIGGERS,
    CHEMICAL_AGENTS,
    EXPLODE_VERBS,
    EXPLOSIVE_DEVICES,
    FIRE_PREPOSITIONS,
    FIRED_MUNITIONS,
    HELD_GROUND,
    KEEP_UP,
    LAUNCH_VERBS,
    LIBERATE_VERBS,
    NOUN_CLASSES,
    ONSET_PHRASAL,
    OUST_VERBS,
    OUSTED_SIDES,
    OUT_OF_PREPS,
    PARTICIPLE_DEPS,
    PLACE_NOUNS,
    PLATFORM_VERBS,
    PRESS_ON_PARTICLES,
    PRESS_ON_VERBS,
    REGAIN_VERBS,
    RESPONSE_PREPS,
    RESPONSE_VERBS,
    SEND_VERBS,
    SIDES_PREPS,
    STRUCK_TARGETS,
    TARGETING_VERBS,
    THROW_VERBS,
    THROWN_EXPLOSIVES,
    UNDERGO_PHRASES,
    USE_VERBS,
    TriggerClass,
    words,
)
from newsevents.lexicon import agents
from newsevents.lexicon.gazetteer import lookup_place


def accidental(tok: Token, sent: Span) -> bool:
    """Is a casualty or blast trigger the work of a disaster or an accident?

    "an earthquake killed eight", "a gas cylinder exploded, injuring four", "a bus plunged
    off a bridge, killing 19": the sentence names a natural or accidental cause.
    """
    if tok.lemma_.lower() not in CASUALTY_TRIGGERS and tok.lower_ not in CASUALTY_TRIGGERS:
        return False
    found = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    if found & ACCIDENT_NOUNS or found & ACCIDENT_VERBS:
        return True
    return bool(found & ACCIDENT_CONTAINERS and found & BLAST_WORDS)


def attack_in_context(tok: Token, lemma: str) -> TriggerClass | None:
    """An attack told by a verb that is one only with its arguments.

    "hurled a grenade", "a bomb went off", "set off bombs", "recovered control of villages",
    "freed three villages", "rebels gained ground", "jets destroyed a depot", "was hit by a
    missile", "rockets fired from across the border", "used chlorine".
    """
    if lemma not in _CONTEXT_LEMMAS or tok.tag_ in ("VBP", "VBZ"):
        return None  # present simple is habitual
    if tok.tag_ == "VBG" and not _aux_words(tok):
        return None  # "..., liberating the suburbs": part of the event the clause tells
    objs = _objects(tok)
    obj_words = {o.lower_ for o in objs} | {o.lemma_.lower() for o in objs}
    particles = {c.lower_ for c in _children(tok, "prt")}
    subj = _first(tok, "nsubj")
    subj_words = {w.lower_ for w in subj.subtree} | {subj.lemma_.lower()} if subj else set()
    if lemma in THROW_VERBS and obj_words & THROWN_EXPLOSIVES:
        return TriggerClass("attack", "bombing")
    if lemma == "go" and "off" in particles and subj_words & EXPLOSIVE_DEVICES:
        return TriggerClass("attack", "bombing")
    if lemma in EXPLODE_VERBS and obj_words & EXPLOSIVE_DEVICES:
        return TriggerClass("attack", "bombing")  # "exploded a series of bombs"
    if lemma == "set" and "off" in particles and obj_words & EXPLOSIVE_DEVICES:
        return TriggerClass("attack", "bombing")
    if lemma in REGAIN_VERBS and _controls(tok, obj_words):
        return TriggerClass("attack", "ground_assault")
    if lemma in LIBERATE_VERBS and any(
        o.lemma_.lower() in PLACE_NOUNS | HELD_GROUND or o.ent_type_ in ("GPE", "LOC") for o in objs
    ):
        return TriggerClass("attack", "ground_assault")
    if lemma == "gain" and "ground" in obj_words and subj is not None:
        if subj.lemma_.lower() in ARMED_SUBJECTS:
            return TriggerClass("attack", "ground_assault")
    if lemma in PLATFORM_VERBS and tok.tag_ != "VBG":
        if subj_words & (AIR_SUBJECTS | AIR_PLATFORMS):
            return TriggerClass("attack", "airstrike")
        if subj_words & FIRED_MUNITIONS:
            return TriggerClass("attack", "shelling")
        agents_ = {p.lemma_.lower() for a in _children(tok, "agent") for p in _children(a, "pobj")}
        if agents_ & FIRED_MUNITIONS:
            return TriggerClass("attack", "shelling")  # "was hit by a missile"
        if agents_ & words("bomber bombers"):
            return TriggerClass("attack", "bombing")  # "targeted by a suicide bomber"
    if lemma in LAUNCH_VERBS and tok.dep_ == "acl" and tok.tag_ == "VBN":
        if tok.head.lemma_.lower() in FIRED_MUNITIONS:
            return TriggerClass("attack", "shelling")  # "rockets fired from across the border"
    if lemma in SEND_VERBS and obj_words & FIRED_MUNITIONS and tok.tag_ != "VBG":
        if any(p.lower_ in FIRE_PREPOSITIONS for p in _children(tok, "prep")):
            return TriggerClass("attack", "shelling")  # "sent rockets into the town"
    if lemma in TARGETING_VERBS and obj_words & STRUCK_TARGETS and _armed_striker(subj):
        return TriggerClass("attack", "ground_assault")  # "struck a fuel depot"
    if lemma in USE_VERBS and any(w.lower_ in CHEMICAL_AGENTS for o in objs for w in o.subtree):
        return TriggerClass("attack", "ground_assault")  # "used chlorine gas"
    if lemma in OUST_VERBS and obj_words & OUSTED_SIDES and _out_of_place(tok):
        return TriggerClass("attack", "ground_assault")  # "ousted the army from Goma"
    return None


def _out_of_place(tok: Token) -> bool:
    """Does the verb drive its object from a place ("from the capital", "out of the town")?"""
    for prep in _children(tok, "prep", "prt"):
        if prep.lower_ not in OUT_OF_PREPS:
            continue
        inner = [
            *_children(prep, "pobj"),
            *(o for p in _children(prep, "prep") for o in _children(p, "pobj")),
        ]
        if tok.lemma_.lower() == "drive" and prep.lower_ == "out" and prep.dep_ == "prt":
            inner += [
                o for p in _children(tok, "prep") if p.lower_ == "of" for o in _children(p, "pobj")
            ]
        if any(_place(o) for o in inner):
            return True
    return False


def _place(noun: Token) -> bool:
    """A place noun, a place entity, or a proper noun the gazetteer knows (NER may call a
    city a person)."""
    if noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.lemma_.lower() in PLACE_NOUNS:
        return True
    return noun.pos_ == "PROPN" and lookup_place(noun.text) is not None


def _armed_striker(subj: Token | None) -> bool:
    """Is the subject of "hit"/"struck" an armed party or a weapon, not a bus or a storm?"""
    if subj is None:
        return False
    words_ = {w.lower_ for w in subj.subtree} | {subj.lemma_.lower()}
    weapons = AIR_SUBJECTS | AIR_PLATFORMS | FIRED_MUNITIONS | EXPLOSIVE_DEVICES
    return bool(
        subj.ent_type_ in ("NORP", "GPE", "ORG")
        or words_ & weapons
        or subj.lemma_.lower() in ARMED_SUBJECTS
        or agents.agent_sector(subj.lemma_.lower()) in ("MIL", "REB")
    )


def _controls(tok: Token, obj_words: set[str]) -> bool:
    """Does the verb take control of a place ("control of/over two villages", "control over
    an area")? Not of a rival or a market."""
    if "control" not in obj_words:
        return False
    holders = [tok] + [o for o in _objects(tok) if o.lemma_.lower() == "control"]
    for prep in (p for h in holders for p in _children(h, "prep")):
        for obj in _objects(prep) + _children(prep, "pobj"):
            if obj.lemma_.lower() in PLACE_NOUNS | HELD_GROUND or obj.ent_type_ in ("GPE", "LOC"):
                return True
    return False


_CONTEXT_LEMMAS = (
    THROW_VERBS
    | REGAIN_VERBS
    | LIBERATE_VERBS
    | PLATFORM_VERBS
    | LAUNCH_VERBS
    | USE_VERBS
    | SEND_VERBS
    | EXPLODE_VERBS
    | OUST_VERBS
    | words("go set gain")
)


def attack_noun_happened(tok: Token) -> bool:
    """An attack noun that the clause treats as a happening: the subject of a verb of damage,
    the object of a verb of carrying out or fending off, "came under attack"."""
    head = tok.head
    hl = head.lemma_.lower()
    if tok.dep_ == "nsubj" and hl in ATTACK_SUBJECT_VERBS:
        return True
    if tok.dep_ == "nsubj" and any((hl, c.lower_) in ONSET_PHRASAL for c in _children(head, "prt")):
        return True  # "clashes broke out"
    if tok.dep_ in ("dobj", "nsubjpass") and hl in ATTACK_OBJECT_VERBS:
        return True
    if tok.dep_ in ("dobj", "nsubjpass") and hl in ATTACK_WITNESS_VERBS:
        return True  # "reported artillery strikes", "announced their first airstrike"
    if tok.dep_ in ("dobj", "nsubjpass") and hl in RESPONSE_VERBS:
        return True  # "answering a drone strike", "to avenge the bombing"
    if tok.dep_ == "pobj" and (head.head.lemma_.lower(), head.lower_) in RESPONSE_PREPS:
        return True  # "responded to the attack", "retaliated for the raid"
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and _by_attacker(tok):
        # "raids by the army's helicopters", "strikes carried out by jets"; not "the threat
        # of attacks by militants", a kind of attack rather than one.
        return not (tok.dep_ == "pobj" and head.lower_ == "of")
    if _kept_going(tok):
        return True  # "pressed on with their offensive", "kept up the shelling"
    if _two_sides(tok):
        return True  # "due to fighting between the army and the rebels"
    return tok.dep_ == "pobj" and (head.head.lemma_.lower(), head.lower_) in UNDERGO_PHRASES


def _kept_going(tok: Token) -> bool:
    """Is the attack noun kept going: "pressed on with", "pushed ahead with", "kept up"?"""
    head = tok.head
    if tok.dep_ == "dobj":
        return any((head.lemma_.lower(), c.lower_) in KEEP_UP for c in _children(head, "prt"))
    if tok.dep_ != "pobj" or head.lower_ != "with":
        return False
    verb = head.head
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return verb.lemma_.lower() in PRESS_ON_VERBS and bool(particles & PRESS_ON_PARTICLES)


def _two_sides(tok: Token) -> bool:
    """Does the attack noun name both its sides ("clashes between the army and rebels")?"""
    for prep in _children(tok, "prep"):
        if prep.lower_ in SIDES_PREPS:
            for obj in _children(prep, "pobj"):
                if _children(obj, "conj"):
                    return True
    return False


def _by_attacker(tok: Token) -> bool:
    """Does the attack noun name its attacker in a by-phrase, on itself or its participle?"""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by" and _children(child, "pobj"):
            return True
        if child.dep_ == "acl" and _children(child, "agent"):
            return True
    return False


def _lone_casualty_participle(tok: Token) -> bool:
    """ "A car bomb exploded on Monday, killing two": the participle is the sentence's only
    attack word, so it carries the attack. Not after a perfect ("had wreaked havoc for years,
    killing thousands"), which sums up a campaign."""
    head = tok.head
    if tok.lemma_.lower() not in CASUALTY_PARTICIPLES or tok.dep_ not in PARTICIPLE_DEPS:
        return False
    if head.tag_ != "VBD" or {"have", "has", "had"} & _aux_words(head):
        return False
    for other in tok.sent:
        if other.i == tok.i:
            continue
        if other.pos_ == "VERB" and other.tag_ != "VBG":
            from newsevents.extract.classify import classify  # a cycle: classify uses these cues

            found = classify(other)
            if found is not None and found[0].type == "attack":
                return False
        elif other.pos_ in ("NOUN", "PROPN"):
            noun = NOUN_CLASSES.get(other.lower_) or NOUN_CLASSES.get(other.lemma_.lower())
            if noun is not None and noun.type == "attack":
                return False
    return True


def answered_attack(tok: Token) -> bool:
    """Is the attack noun the object of a response ("answering a raid", "responded to
    the attack")? Then the verb's subject is the side that was attacked, not the attacker."""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in RESPONSE_VERBS:
        return True
    prep = tok.head
    return tok.dep_ == "pobj" and (prep.head.lemma_.lower(), prep.lower_) in RESPONSE_PREPS


def misplaced_agent(tok: Token) -> Token | None:
    """ "answering a raid two days before by Turkish drones": the parser hangs the noun's
    by-phrase on the active verb, which takes no agent of its own."""
    verb = tok.head
    if tok.dep_ != "dobj" or verb.pos_ != "VERB" or verb.tag_ == "VBN":
        return None
    for prep in _children(verb, "prep"):
        if prep.lower_ == "by" and prep.i > tok.i:
            return _first(prep, "pobj")
    return None

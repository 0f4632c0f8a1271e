"""Trigger classification: whether a token reports an event, of which type and subtype.

A verb's class comes from the tables in :mod:`.triggers`, checked against its objects and
subject (``send`` is a deployment only with troops); some verbs are events only in context
(``fire`` a rocket). A nominal trigger must be a discrete happening (``held talks``), not a
generic mention. The word lists live in the tables, the logic here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.extract.attack_cues import (
    _lone_casualty_participle,
    attack_in_context,
    attack_noun_happened,
)
from newsevents.extract.status import _cancels
from newsevents.extract.syntax import _aux_words, _children, _first, _objects
from newsevents.extract.triggers import (
    ACCUSING_VERBS,
    AGREEMENT_OBJECTS,
    AIR_MUNITIONS,
    AIR_SUBJECTS,
    AIRCRAFT,
    ALERT_STATE_VERBS,
    ALERT_VERBS,
    ARMED_SUBJECTS,
    ARRIVAL_VERBS,
    ARTILLERY_SUBJECTS,
    CALL_NOUNS,
    CALL_VERBS,
    CASUALTY_NOUNS,
    CONFIRM_VERBS,
    CONTROL_VERBS,
    DAMAGE_VERBS,
    DECLINE_VERBS,
    DELIVERED_STATEMENTS,
    DELIVERING_VERBS,
    DEPLOYED_FORCES,
    DEPLOYMENT_SUPPORT_VERBS,
    DROPPED_MUNITIONS,
    ENTRY_VERBS,
    ENVOY_NOUNS,
    EQUIPMENT_OBJECTS,
    EVENT_PREPOSITIONS,
    EXPLOSIVES,
    GROUND_TARGETS,
    HOSTED,
    INJURE_VERBS,
    INTO_PREPOSITIONS,
    ISSUING_VERBS,
    LAUNCH_VERBS,
    MEDIATION_NOUNS,
    MEDIATION_VERBS,
    MILITARY_OBJECTS,
    MOBILISE_VERBS,
    MOTION_PREPS,
    MOTION_VERBS,
    NOUN_CLASSES,
    PATROL_NOUNS,
    PATROL_VERBS,
    PERCEPTION_VERBS,
    PHONE_WORDS,
    PHRASAL,
    PLACE_NOUNS,
    PLANNED_GOVERNORS,
    PLANNED_MODIFIERS,
    POSSIBILITY_MODIFIERS,
    PRESSURE_VERBS,
    PUSH_VERBS,
    REINFORCE_VERBS,
    RENEGE_VERBS,
    REPORT_VERBS,
    RETALIATION,
    ROUNDS,
    SEIZE_VERBS,
    SHELLING_MUNITIONS,
    SPEAK_VERBS,
    SPEAKER_PREPS,
    SPEECH_ACT_NOUNS,
    SUBJECT_STATEMENT_VERBS,
    SUPPORT_SUBJECT_VERBS,
    SUPPORT_VERBS,
    TALKS_PREP_GOVERNORS,
    TALKS_PREPOSITIONS,
    TALKS_RENEW_VERBS,
    TALKS_SUBJECT_VERBS,
    TARGETING_VERBS,
    TOPIC_VERBS,
    TRAVEL_PURPOSES,
    TRAVEL_VERBS,
    TROOP_NOUNS,
    TROOP_OBJECTS,
    UNTOLD_COMPLEMENTS,
    VERB_CLASSES,
    VISIT_NOUNS,
    WAR_NOUNS,
    TriggerClass,
)
from newsevents.lexicon import agents


def classify(tok: Token) -> tuple[TriggerClass, bool] | None:
    """The trigger class of a token and whether it is nominal, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if lemma == "call" and any(c.lower_ == "up" for c in _children(tok, "prt")):
            return _contextual_verb(tok, lemma)  # "called up reservists on Sunday"
        for child in tok.children:
            if child.dep_ == "prep" and any(
                o.ent_type_ in ("DATE", "TIME") for o in child.children
            ):
                continue  # "insisted on Monday that ...": a date, not the particle of "insist on"
            if child.dep_ in ("prt", "prep", "dobj", "advmod"):
                pcls = PHRASAL.get((lemma, child.lemma_.lower()))
                if pcls is not None:
                    return pcls, False
        in_context = attack_in_context(tok, lemma)
        if in_context is not None:
            return in_context, False
        cls = VERB_CLASSES.get(lemma)
        if cls is None:
            return _contextual_verb(tok, lemma)
        return _check_verb(tok, cls)
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNP",):
        cls = NOUN_CLASSES.get(tok.lower_) or NOUN_CLASSES.get(lemma)
        if cls is not None:
            return cls, True
        if tok.lower_ in MEDIATION_NOUNS:
            return TriggerClass("talks", "negotiation"), True
        if (
            tok.lower_ in PATROL_NOUNS
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in PATROL_VERBS
        ):
            return TriggerClass("deployment", "troops"), True  # "ordered patrols"
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in DELIVERING_VERBS:
            cls = DELIVERED_STATEMENTS.get(tok.lower_)  # "lodged a protest"
            if cls is not None:
                return cls, True
    return None


def _place_object(objs: list[Token]) -> bool:
    return any(
        o.ent_type_ in ("GPE", "LOC", "FAC")
        or o.lemma_.lower() in PLACE_NOUNS
        or o.lemma_.lower() in MILITARY_OBJECTS
        for o in objs
    )


def _into_place(tok: Token) -> bool:
    """ "stormed into southern Israel": the place can be a prepositional object."""
    return any(
        _place_object(_children(p, "pobj"))
        for p in _children(tok, "prep")
        if p.lower_ in INTO_PREPOSITIONS
    )


def _check_verb(tok: Token, cls: TriggerClass) -> tuple[TriggerClass, bool] | None:
    objs = {o.lemma_.lower() for o in _objects(tok)} | {o.lower_ for o in _objects(tok)}
    if tok.lemma_.lower() in SEIZE_VERBS and not (_place_object(_objects(tok)) or _into_place(tok)):
        return None
    if tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children):
        return None  # "the wounded" is a noun
    if cls.type == "attack" and objs & WAR_NOUNS:
        return None  # "fought two wars", "waged a war": a war, not one happening
    if cls.type == "attack" and tok.tag_ in ("VBP", "VBZ"):
        return None  # "aircraft that target civilians": present simple is habitual, not a happening
    if cls.type == "attack" and tok.tag_ == "VBG" and not _aux_words(tok) and _accused(tok) is None:
        if not _lone_casualty_participle(tok):
            return None  # "..., killing two", "a decade fighting jihadists": part of another event
    if tok.lemma_.lower() in INJURE_VERBS:
        subj = _first(tok, "nsubj")
        if (
            subj is not None
            and subj.ent_type_ == ""
            and subj.pos_ == "NOUN"
            and not ({subj.lemma_.lower()} & MILITARY_OBJECTS or agents.agent_sector(subj.lemma_))
        ):
            return None  # "falling debris injured three people"
    if tok.lemma_.lower() == "host" and not (
        objs & HOSTED or any(o.ent_type_ in ("PERSON", "GPE") for o in _objects(tok))
    ):
        return None  # "hosts 3.6 million refugees" is not a visit
    if cls.type == "deployment":
        if not objs & (MILITARY_OBJECTS | DEPLOYED_FORCES):
            return None
        if cls.subtype == "troops" and objs & EQUIPMENT_OBJECTS:
            if not objs & TROOP_OBJECTS:
                return TriggerClass("deployment", "equipment"), False
        return cls, False
    if cls.subtype == "shootdown" and not objs & AIRCRAFT:
        return None
    if cls.type == "statement" and tok.lemma_.lower() in SUBJECT_STATEMENT_VERBS:
        if not _children(tok, "nsubj"):
            return None
    if cls.type == "talks" and tok.lemma_.lower() == "talk":
        phone = any(t.lower_ in PHONE_WORDS for t in tok.subtree)
        return TriggerClass("talks", "phone_call" if phone else "negotiation"), False
    return cls, False


def _contextual_verb(tok: Token, lemma: str) -> tuple[TriggerClass, bool] | None:
    objs = _objects(tok)
    obj_words = {o.lower_ for o in objs} | {o.lemma_.lower() for o in objs}
    if lemma == "agree" and obj_words & AGREEMENT_OBJECTS:
        return TriggerClass("talks", "negotiation"), False
    if lemma == "agree":
        for prep in _children(tok, "prep"):
            if {p.lemma_.lower() for p in _children(prep, "pobj")} & AGREEMENT_OBJECTS:
                return TriggerClass("talks", "negotiation"), False
    if lemma in LAUNCH_VERBS and tok.tag_ != "VBG":
        # "fired a rocket and three artillery shells", "launched drones at ..."
        if obj_words & SHELLING_MUNITIONS:
            return TriggerClass("attack", "shelling"), False
        if obj_words & AIR_MUNITIONS:
            return TriggerClass("attack", "airstrike"), False
    if lemma in DAMAGE_VERBS and any(
        p.lemma_.lower() in EXPLOSIVES
        for a in _children(tok, "agent")
        for p in _children(a, "pobj")
    ):
        return TriggerClass("attack", "bombing"), False  # "hit by a roadside bomb"
    if lemma in TARGETING_VERBS and tok.tag_ != "VBG":
        subj = _first(tok, "nsubj")
        subj_words = {w.lower_ for w in subj.subtree} if subj is not None else set()
        if subj_words & ARTILLERY_SUBJECTS:
            return TriggerClass("attack", "shelling"), False
        if subj_words & AIR_SUBJECTS:
            return TriggerClass("attack", "airstrike"), False
        if obj_words & GROUND_TARGETS:
            return TriggerClass("attack", "ground_assault"), False
        return None
    if lemma in CONTROL_VERBS and "control" in obj_words:
        return TriggerClass("attack", "ground_assault"), False  # "took control of Goma"
    if lemma == "drop" and obj_words & DROPPED_MUNITIONS:
        return TriggerClass("attack", "airstrike"), False
    if lemma in ENTRY_VERBS and obj_words:
        subj = _first(tok, "nsubj")
        if subj is not None and subj.lemma_.lower() in ARMED_SUBJECTS:
            return TriggerClass("attack", "ground_assault"), False
    if lemma == "shoot":
        if obj_words & AIRCRAFT or any(c.lower_ == "down" for c in tok.children):
            return TriggerClass("attack", "shootdown"), False
    if lemma in CALL_VERBS and obj_words & CALL_NOUNS:
        return None  # the noun "call" is the trigger
    if lemma == "confirm" and any(
        o.lower_ in NOUN_CLASSES or o.lemma_.lower() in CASUALTY_NOUNS for o in objs
    ):
        return TriggerClass("statement", "announcement"), False  # "confirmed the strike"
    if lemma == "summon" and objs:
        return TriggerClass("talks", "meeting"), False  # a diplomat summoned to the ministry
    if (
        lemma == "ask"
        and objs
        and (_children(tok, "xcomp") or any(p.lower_ == "for" for p in _children(tok, "prep")))
    ):
        return TriggerClass("statement", "appeal"), False  # "asked the alliance for help"
    if lemma == "call" and objs and _children(tok, "oprd", "xcomp", "ccomp", "acomp"):
        return TriggerClass("statement", "comment"), False  # "called the deal monumental"
    if lemma in SPEAK_VERBS and any(c.lower_ in PHONE_WORDS for c in tok.subtree):
        return TriggerClass("talks", "phone_call"), False
    if lemma in TRAVEL_VERBS:
        for prep in _children(tok, "prep"):
            if prep.lower_ == "for" and any(
                p.lower_ in TRAVEL_PURPOSES for p in _children(prep, "pobj")
            ):
                return None  # the nominal trigger carries it
    if _envoy_arrival(tok, lemma):
        return TriggerClass("talks", "negotiation"), False
    stance = _stance_in_context(tok, lemma, objs)
    if stance is not None:
        return stance, False
    if lemma in CONFIRM_VERBS | REPORT_VERBS and any(
        not _tells_fighting(c) for c in _children(tok, "ccomp")
    ):
        # "confirmed that the talks ended"; "confirmed that 17 soldiers were killed" is the
        # attack's sourcing.
        return TriggerClass("statement", "announcement"), False
    return _deployment_context(tok, lemma, obj_words)


def _stance_in_context(tok: Token, lemma: str, objs: list[Token]) -> TriggerClass | None:
    """Rejections and demands told by a verb with its complement: "declined to resign" (not
    "declined to comment"), "reneged on a pledge", "pushed for a vote", "pressured X to ..."."""
    preps = {p.lower_ for p in _children(tok, "prep")}
    # "pushing for the US to support the plan": "for" marks a clause
    preps |= {m.lower_ for c in _children(tok, "advcl", "ccomp") for m in _children(c, "mark")}
    if lemma in DECLINE_VERBS:
        done = _children(tok, "xcomp")
        if done and not any(x.lemma_.lower() in UNTOLD_COMPLEMENTS for x in done):
            return TriggerClass("statement", "rejection")
    if lemma in RENEGE_VERBS and "on" in preps:
        return TriggerClass("statement", "rejection")
    if lemma in PUSH_VERBS and "for" in preps:
        return TriggerClass("statement", "appeal")
    if (
        lemma in PRESSURE_VERBS
        and objs
        and any("to" in _aux_words(c) for c in _children(tok, "xcomp", "advcl"))
    ):
        return TriggerClass("statement", "demand")
    return None


def _with_quantity(noun: Token) -> list[Token]:
    """A noun and, for "a batch of troops", the noun it counts."""
    return [
        noun,
        *(o for p in _children(noun, "prep") if p.lower_ == "of" for o in _children(p, "pobj")),
    ]


def _military_words(toks: list[Token]) -> set[str]:
    return {w for t in toks for w in (t.lower_, t.lemma_.lower())} & (
        MILITARY_OBJECTS | DEPLOYED_FORCES
    )


def _deployment_context(
    tok: Token, lemma: str, obj_words: set[str]
) -> tuple[TriggerClass, bool] | None:
    """Deployments told without a deployment verb: mobilising, alerting, forces on the move,
    foreign forces observed."""
    military = obj_words & (MILITARY_OBJECTS | DEPLOYED_FORCES)
    troops = TriggerClass("deployment", "troops")
    if lemma in MOBILISE_VERBS and military:
        return troops, False  # "mobilised 300,000 reservists"
    if lemma == "call" and military and any(c.lower_ == "up" for c in _children(tok, "prt")):
        return troops, False  # "called up reservists"
    if lemma in ALERT_VERBS and military and _alert(tok):
        return troops, False  # "put its troops on high alert"
    subj = _first(tok, "nsubj")
    if lemma in ALERT_STATE_VERBS and subj is not None and _military_words([subj]) and _alert(tok):
        return troops, False  # "troops remained on high alert"
    if lemma in REINFORCE_VERBS and military & TROOP_NOUNS:
        return troops, False  # "strengthened its forces along the border"
    if lemma in PERCEPTION_VERBS and military and tok.tag_ != "VBG":
        # "detected 12 Chinese warships near the island": another state's forces, deployed.
        if any(c.ent_type_ in ("NORP", "GPE") for o in _objects(tok) for c in o.children):
            return troops, False
    if lemma in MOTION_VERBS:
        subj = _first(tok, "nsubj")
        if subj is None and tok.dep_ == "acl":
            subj = tok.head  # "forces heading to the front"
        dest = [p for p in _children(tok, "prep") if p.lower_ in MOTION_PREPS]
        if lemma == "head":
            dest += _children(tok, "xcomp")  # "heading to relieve the contingent"
        if subj is not None and _military_words(_with_quantity(subj)) & TROOP_NOUNS and dest:
            return troops, False
    return None


ENVOY_LEMMAS = frozenset(w.rstrip("s") for w in ENVOY_NOUNS)
# How far before its verb a misattached envoy noun may stand ("an envoy from Qatar arrived").
ENVOY_REACH = 6


def _envoy_arrival(tok: Token, lemma: str) -> bool:
    """ "a delegation arrived in Kabul to mediate a truce": envoys travelling to negotiate."""
    if lemma not in ARRIVAL_VERBS or envoy_subject(tok) is None:
        return False
    return any(c.lemma_.lower() in MEDIATION_VERBS for c in _children(tok, "xcomp", "advcl"))


def envoy_subject(tok: Token) -> Token | None:
    """The delegation or envoy that travels: the subject, or, when the parser hung it on a
    preposition ("as an envoy from Qatar arrived"), the envoy noun just before the verb."""
    subj = _first(tok, "nsubj")
    if subj is not None:
        return subj if subj.lemma_.lower() in ENVOY_NOUNS | ENVOY_LEMMAS else None
    for i in range(tok.i - 1, max(tok.i - ENVOY_REACH, tok.sent.start - 1), -1):
        near = tok.doc[i]
        if near.pos_ in ("VERB", "AUX") or near.is_punct:
            return None
        if near.pos_ == "NOUN" and near.lemma_.lower() in ENVOY_NOUNS | ENVOY_LEMMAS:
            return near
    return None


def _tells_fighting(clause: Token) -> bool:
    """Does a reported clause tell of an attack or its casualties?"""
    for t in clause.subtree:
        found = classify(t) if t.pos_ in ("VERB", "NOUN") else None
        if found is not None and found[0].type == "attack":
            return True
    return False


def _alert(tok: Token) -> bool:
    """Does the verb put its object "on alert" / "on high alert"?"""
    return any(
        p.lower_ == "on" and any(o.lower_ == "alert" for o in _children(p, "pobj"))
        for p in [
            *_children(tok, "prep"),
            *(q for a in _children(tok, "acomp") for q in _children(a, "prep")),
        ]
    )


def nominal_ok(tok: Token, cls: TriggerClass) -> bool:
    """Is a nominal trigger a discrete happening rather than a generic mention?"""
    head = tok.head
    hl = head.lemma_.lower()
    has_date_mod = any(
        c.dep_ in ("poss", "compound", "npadvmod") and c.ent_type_ in ("DATE", "TIME")
        for c in tok.children
    )
    if has_date_mod:
        return True
    if cls.type == "attack":
        if tok.lower_ in RETALIATION and _provoking_attack(tok) is not None:
            return True
        if tok.dep_ in ("dobj",) and hl in SUPPORT_VERBS:
            return True
        if tok.dep_ in ("nsubj",) and hl in SUPPORT_SUBJECT_VERBS:
            return True
        if attack_noun_happened(tok):
            return True
        if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
            return True
        if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() == "kill":
            return False  # "killed in a bombing": the killing carries it
        return False
    if cls.type == "statement":
        # "issued a joint statement", "released a communique"; "in a statement" is a verb's.
        delivered = tok.dep_ == "dobj" and hl in ISSUING_VERBS | DELIVERING_VERBS
        return delivered or _own_speaker(tok)
    if cls.type == "deployment":
        if tok.lower_ in PATROL_NOUNS:
            return True  # classify took only patrols ordered or stepped up
        if _discussed_or_possible(tok):
            return False  # "to discuss pulling back the heavy guns"
        if _military_complement(tok) is not None:
            return True  # "deliveries of the S-400 system", "a deployment of troops"
        return tok.dep_ in ("dobj", "nsubj", "nsubjpass") and hl in DEPLOYMENT_SUPPORT_VERBS
    if cls.type == "talks":
        if tok.lower_ in MEDIATION_NOUNS and tok.dep_ == "compound":
            return nominal_ok(head, cls)  # "a mediation effort between X and Y": judge the effort
        if tok.lower_ in ("call",) and not any(c.lower_ in PHONE_WORDS for c in tok.children):
            return False
        if tok.lower_ == "conversation" and not any(
            c.lower_ in PHONE_WORDS or c.dep_ == "poss" for c in tok.children
        ):
            return False
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and (
            hl in SUPPORT_VERBS or hl in PLANNED_GOVERNORS or _cancels(head)
        ):
            return True
        if (
            tok.dep_ == "pobj"
            and head.lower_ in TALKS_PREPOSITIONS
            and head.head.lemma_.lower() in TALKS_PREP_GOVERNORS
        ):
            return True
        if tok.dep_ == "nsubj" and hl in TALKS_SUBJECT_VERBS:
            return True
        if tok.dep_ == "dobj" and hl in TALKS_RENEW_VERBS:
            return True  # "renewed negotiations"
        if (
            tok.lower_ in VISIT_NOUNS
            and tok.dep_ == "pobj"
            and head.lower_ == "on"
            and head.head.lemma_.lower() in ARRIVAL_VERBS | TRAVEL_VERBS
        ):
            return True  # "arrived in Amman on a visit"
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ROUNDS:
            # "another round of talks is due to take place": judge the round.
            return nominal_ok(head.head, cls)
        # "during talks in Moscow", "after the meeting", "ahead of the phone call".
        if tok.dep_ == "pobj" and _event_preposition(head):
            return True
        if _children(tok, "prep") and any(p.lower_ == "between" for p in tok.children):
            return True
        if any(c.lower_ in PLANNED_MODIFIERS for c in tok.children):
            return True
    return False


def _discussed_or_possible(tok: Token) -> bool:
    """A deployment noun that is a talks topic or only a possibility is no happening."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in TOPIC_VERBS:
        return True
    return any(c.dep_ == "amod" and c.lower_ in POSSIBILITY_MODIFIERS for c in tok.children)


def _own_speaker(tok: Token) -> bool:
    """A statement noun that names its speaker: "its threat to use force", "a proposal by
    Moscow", "according to a statement from the ministry"."""
    by_speaker = any(
        p.lower_ in SPEAKER_PREPS and _children(p, "pobj") for p in _children(tok, "prep")
    )
    if tok.lower_ in SPEECH_ACT_NOUNS or tok.lemma_.lower() in SPEECH_ACT_NOUNS:
        owner = _first(tok, "poss")
        return by_speaker or (owner is not None and owner.ent_type_ not in ("DATE", "TIME"))
    according = (
        tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
    )
    return according and by_speaker


def _event_preposition(prep: Token) -> bool:
    """Prepositions that treat their object as a happening ("ahead of" included)."""
    if prep.lower_ in EVENT_PREPOSITIONS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ == "ahead"


def _military_complement(tok: Token) -> Token | None:
    """The military object in "deliveries of X" / "deployment of X", if any."""
    for prep in _children(tok, "prep"):
        if prep.lower_ != "of":
            continue
        for obj in _children(prep, "pobj"):
            words = {t.lower_ for t in obj.subtree} | {obj.lemma_.lower()}
            if words & MILITARY_OBJECTS:
                return obj
    return None


def _provoking_attack(tok: Token) -> Token | None:
    """The attack verb whose clause a "retaliation" answers ("killed ..., prompting a
    retaliation")."""
    for anc in tok.ancestors:
        found = classify(anc) if anc.pos_ == "VERB" else None
        if found is not None and found[0].type == "attack" and not found[1]:
            return anc
    return None


# How far an attack may sit below the charge: "of breaking the ceasefire with drone strikes".
ACCUSATION_DEPTH = 6


def _accused(tok: Token) -> Token | None:
    """The object of "accuse/blame X of/for V-ing" when ``tok`` is that V, or an attack
    inside it ("accused X of breaking the ceasefire with drone strikes that killed ...")."""
    cur = tok
    for _ in range(min(ACCUSATION_DEPTH, len(tok.doc))):
        prep = cur.head
        if prep.i == cur.i or cur.dep_ == "ccomp":
            return None  # the sentence root, or another saying's clause
        if cur.dep_ == "pcomp" and prep.lower_ in ("of", "for"):
            verb = prep.head
            if verb.lemma_.lower() in ACCUSING_VERBS:
                return _first(verb, "dobj")
            # "accused Belarusian forces of shelling": the parser hangs "of" on the object
            if verb.dep_ == "dobj" and verb.head.lemma_.lower() in ACCUSING_VERBS:
                return verb
            return None
        cur = prep
    return None


def _killed_in(tok: Token) -> Token | None:
    """The attack noun in "killed in a bombing" / "killed in air strikes", if any."""
    for prep in _children(tok, "prep"):
        if prep.lower_ in ("in", "by"):
            for obj in _children(prep, "pobj"):
                found = NOUN_CLASSES.get(obj.lower_) or NOUN_CLASSES.get(obj.lemma_.lower())
                if found is not None and found.type == "attack":
                    return obj
    return None


def _other_attack(tok: Token, sent: Span) -> bool:
    """Does the sentence report another attack that these casualties belong to?"""
    for other in sent:
        if other.i == tok.i:
            continue
        found = classify(other)
        if (
            found is not None
            and not found[1]
            and found[0].type == "attack"
            and (found[0].subtype != "killing")
        ):
            return True
    return False

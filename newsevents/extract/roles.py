"""The parties of a trigger: its actor and target, found in the tree around it and resolved
to :class:`~schemas.Party` by the article's :class:`~.parties.PartyResolver`; whether a
saying has a speaker who makes it a statement."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.attack_cues import answered_attack, misplaced_agent
from newsevents.extract.classify import (
    _accused,
    _event_preposition,
    _military_complement,
    classify,
    envoy_subject,
)
from newsevents.extract.parties import GROUP_PRONOUNS, PERSON_PRONOUNS, PartyResolver
from newsevents.extract.syntax import _aux_words, _children, _first, _objects, _subject
from newsevents.extract.triggers import (
    ANONYMOUS_SOURCES,
    CITING_VERBS,
    ENGAGE_VERBS,
    MOTION_VERBS,
    NOUN_CLASSES,
    PATROL_NOUNS,
    PERCEPTION_VERBS,
    PLAIN_SAYING,
    PROGRESSIVE_AUX,
    REPORT_VERBS,
    REPORTING_SECTORS,
    SPEAKER_PREPS,
    SUMMONING_VERBS,
    TOPIC_VERBS,
    TriggerClass,
)
from newsevents.lexicon import agents
from schemas import Party

# Statement subtypes that take a stance rather than report (CAMEO 10-13, 17).
STANCE_SUBTYPES = frozenset(["threat", "appeal", "demand", "rejection", "commitment", "accusation"])
FORMER_WORDS = frozenset(["former", "ex", "late"])


def actor_and_target(
    res: PartyResolver, tok: Token, cls: TriggerClass, nominal: bool
) -> tuple[Party | None, Party | None]:
    """Who did it (the actor) and to or with whom (the target), resolved by ``res``."""
    if nominal:
        return _nominal_parties(res, tok, cls)
    if cls.type == "statement":
        speaker = _speaker_token(tok)
        actor = res.speaker(speaker)
        if tok.tag_ != "VBG":
            res.note_speaker(speaker, actor)
        target = None
        for c in tok.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN", "PRON"):
                target = res.resolve(c)
            elif c.dep_ == "prep" and c.lower_ in ("on", "to", "against"):
                target = res.resolve(_first(c, "pobj")) or target
        return actor, target
    agent = None
    for c in tok.children:
        if c.dep_ == "agent":
            agent = _first(c, "pobj")
    subj = _subject(tok)
    if subj is None and tok.dep_ in ("conj", "xcomp") and tok.head.i != tok.i:
        subj = _first(tok.head, "nsubj")
    if agent is None and subj is not None and cls.type == "attack":
        agent = _participle_agent(subj)  # "shells fired by rebel fighters killed six"
        if agent is not None:
            subj = None
    if cls.type == "deployment":
        observed = _observed_forces(res, tok)
        if observed is not None:
            return observed, None
        if subj is None and tok.dep_ == "acl" and tok.lemma_.lower() in MOTION_VERBS:
            subj = tok.head  # "forces heading to the front"
    accused = _accused(tok)
    if accused is not None:
        # "accused the TPLF of attacking a base": the accused is the alleged attacker.
        actor = _accused_party(res, accused, tok)
        target = res.resolve(_first(tok, "dobj"))
    elif agent is not None:
        actor = res.resolve(agent)
        target = res.resolve(_first(tok, "nsubjpass"))
        if subj is None and target is None:
            target = res.resolve(_first(tok, "dobj"))
    elif (
        subj is not None
        and subj.lower_ in NOUN_CLASSES
        and NOUN_CLASSES[subj.lower_].type == "attack"
    ):
        # "Their shelling on Monday killed ...": the attack noun's owner is the actor;
        # "Israeli airstrikes killed ...": so is its demonym.
        owner = _first(subj, "poss") or _first(subj, "compound")
        actor = res.resolve(owner) if owner is not None else res.armed_by_demonym(subj)
        target = res.resolve(_first(tok, "dobj"))
    else:
        actor = res.resolve(subj)
        obj = _first(tok, "dobj") if cls.type != "deployment" else None
        if cls.type == "talks" and tok.lemma_.lower() in TOPIC_VERBS:
            obj = None  # "talked Syria", "discussed the ceasefire": the topic, not a party
        target = res.resolve(obj) if obj is not None else None
    envoy = envoy_subject(tok) if cls.type == "talks" and tok.pos_ == "VERB" else None
    if envoy is not None and (actor is None or actor.country is None):
        # "an envoy from Qatar arrived": the sending state.
        actor = actor or res.resolve(envoy)
        for prep in _children(envoy, "prep"):
            if prep.lower_ == "from":
                actor = res.resolve(_first(prep, "pobj"))
    if cls.type == "talks":
        conj = _children(subj, "conj") if subj is not None else []
        if conj and target is None:
            target = res.resolve(conj[0])
        # "spoke by phone with X": the partner may hang off "phone".
        heads = [tok, *[p for b in _children(tok, "prep") for p in _children(b, "pobj")]]
        for head in heads:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "to"):
                    target = res.resolve(_first(c, "pobj")) or target
    elif target is None and cls.type == "attack":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("against", "on"):
                target = res.resolve(_first(c, "pobj"))
    return actor, target


def _participle_agent(noun: Token) -> Token | None:
    """The agent of a participle on a noun: "mortar shells fired by rebels" -> rebels."""
    for acl in _children(noun, "acl"):
        for agent in _children(acl, "agent"):
            found = _first(agent, "pobj")
            if found is not None:
                return found
    return None


def _agent_party(res: PartyResolver, noun: Token | None) -> Party | None:
    """The side behind a by-phrase: a party, or the country of "Russian fighter jets"."""
    if noun is None:
        return None
    party = res.resolve(noun)
    if party is not None and party.country:
        return party
    return res.armed_by_demonym(noun) or party


def _named_group(res: PartyResolver, noun: Token) -> Party | None:
    """An armed group named by a proper-noun compound the tagger left unlabelled ("a PKK
    bomb attack", "a Hamas rocket attack"), at most two compounds deep."""
    frontier = [noun]
    for _ in range(2):
        frontier = [c for t in frontier for c in t.children if c.dep_ == "compound"]
        for mod in frontier:
            if mod.pos_ == "PROPN" and not mod.ent_type_:
                # the acronym of a long name spelt out before: "Kurdistan Workers' Party (PKK)"
                party = res.resolve(mod, remember=False) or res._alias(mod)
                if party is not None and party.country and party.sector in ("REB", "MIL"):
                    return party
    return None


def _accused_party(res: PartyResolver, accused: Token, tok: Token) -> Party | None:
    """The accused; when the charge hangs on it ("accused Belarusian forces of shelling"),
    its phrase runs on into the charge, so its own modifier names the side."""
    if any(a.i == accused.i for a in tok.ancestors):
        for mod in accused.lefts:
            if mod.dep_ in ("amod", "compound", "poss", "nmod"):
                party = res.resolve(mod)
                if party is not None and party.country:
                    return party
    return res.resolve(accused)


def _nominal_parties(
    res: PartyResolver, tok: Token, cls: TriggerClass
) -> tuple[Party | None, Party | None]:
    if cls.type == "talks" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        return _nominal_parties(res, tok.head, cls)  # "a mediation mission between X and Y"
    actor = target = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            first = _first(c, "pobj")
            if first is not None:
                actor = res.resolve(first)
                conj = _children(first, "conj")
                target = res.resolve(conj[0]) if conj else None
        elif c.dep_ == "prep" and c.lower_ in SPEAKER_PREPS and cls.type == "statement":
            actor = actor or res.resolve(_first(c, "pobj"))  # "a proposal by Moscow"
        elif c.dep_ == "prep" and c.lower_ == "by" and cls.type == "attack" and actor is None:
            actor = _agent_party(res, _first(c, "pobj"))  # "an airstrike by Indian jets"
        elif c.dep_ == "prep" and c.lower_ in ("with", "to") and target is None:
            target = res.resolve(_first(c, "pobj"))
        elif c.dep_ == "prep" and c.lower_ == "of" and actor is None and cls.type == "talks":
            # "an emergency meeting of the U.N. Security Council"
            body = _first(c, "pobj")
            if body is not None and body.ent_type_ in ("ORG", "GPE", "NORP"):
                actor = res.resolve(body)
        elif c.dep_ == "poss" and cls.type == "statement" and c.lower_ in GROUP_PRONOUNS:
            continue  # "repeated its threat": the verb's subject speaks, not a guess at "its"
        elif c.dep_ == "poss" and cls.type == "attack" and c.lower_ in GROUP_PRONOUNS:
            continue  # "pressed on with their assault": the verb's subject attacks
        elif (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") and actor is None) or (
            c.dep_ in ("amod", "compound")
            and actor is None
            and c.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            actor = res.resolve(c)
    if cls.type == "attack" and actor is None:
        actor = _named_group(res, tok)  # "a PKK bomb attack"
    accused = _accused(tok) if cls.type == "attack" and actor is None else None
    if accused is not None:
        actor = _accused_party(res, accused, tok)  # "accused X of violating ... with airstrikes"
    head = tok.head
    complement = _military_complement(tok) if cls.type == "deployment" else None
    if complement is not None and actor is None:
        # "deliveries of the Russian S-400 system (to Turkey)": the maker supplies it;
        # "the withdrawal of its forces from Iraq" names no state: the verb's subject does.
        actor = res.resolve(complement)
        actor = actor if actor is not None and actor.country is not None else None
        for prep in _children(tok, "prep"):
            if prep.lower_ == "to":
                target = res.resolve(_first(prep, "pobj"))
    back_reference = cls.type == "attack" and tok.dep_ == "pobj" and _event_preposition(head)
    answered = cls.type == "attack" and answered_attack(tok)
    if actor is None and answered:
        # "answering a raid by Turkish drones": never the responder, who was attacked
        actor = _agent_party(res, misplaced_agent(tok))
    if actor is None and tok.dep_ in ("dobj", "pobj") and head.i != tok.i and not back_reference:
        if answered:
            return None, target
        verb = head if tok.dep_ == "dobj" else head.head
        subj = _subject(verb)
        if subj is None and verb.lemma_.lower() in ENGAGE_VERBS:
            subj = _first(verb, "nsubjpass")  # "militias were engaged in a massacre"
        if subj is not None:
            # "the bloc repeated its threat": a statement noun's speaker is resolved as one
            # (the body ordering patrols too: "the government of Sindh province ordered")
            ordered = cls.type == "statement" or tok.lower_ in PATROL_NOUNS
            actor = res.speaker(subj) if ordered else res.resolve(subj)
            conj = _children(subj, "conj")
            if conj and target is None:
                target = res.resolve(conj[0])
    if (actor is None or target is None) and cls.type == "talks" and tok.dep_ == "pobj":
        caller, target = _caller_and_partner(res, tok, target)
        actor = actor or caller
    if target is None and cls.type == "talks" and tok.dep_ == "pobj" and head.lower_ == "for":
        verb = head.head
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                target = res.resolve(_first(c, "pobj"))
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                target = res.resolve(_first(c, "pobj"))
    return actor, target


def _observed_forces(res: PartyResolver, tok: Token) -> Party | None:
    """The state whose forces a perception verb reports ("detected 12 Chinese warships")."""
    if tok.lemma_.lower() not in PERCEPTION_VERBS:
        return None
    for obj in _objects(tok):
        party = res.armed_by_demonym(obj)
        if party is not None:
            return party
    return None


def _caller_and_partner(
    res: PartyResolver, tok: Token, target: Party | None
) -> tuple[Party | None, Party | None]:
    """ "X briefed Y on the attacks in a phone call": the call is between the clause's
    subject and its object, however deep the phrase hangs."""
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if verb is None:
        return None, target
    actor = res.resolve(_subject(verb))
    obj = _first(verb, "dobj")
    if target is None and obj is not None and obj.ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
        target = res.resolve(obj)
    return actor, target


def talks_sides(res: PartyResolver, tok: Token) -> tuple[Party, Party] | None:
    """Talks "between the warring parties" or by "the two countries' advisers"."""
    heads = [p for prep in _children(tok, "prep") for p in _children(prep, "pobj")]
    heads += [s for s in (_subject(tok),) if s is not None]
    for head in heads:
        for cand in [
            head,
            *[p for prep in _children(head, "prep") for p in _children(prep, "pobj")],
        ]:
            sides = res.both_sides(cand)
            if sides is not None:
                return sides
    return None


def statement_ok(tok: Token, actor: Party | None) -> bool:
    """A statement needs a finite saying verb and an identifiable, named speaker."""
    # "..., adding that", "insisting on": participles continue a statement, not start one.
    if tok.tag_ == "VBG" and not _own_participle(tok):
        return False
    if "to" in _aux_words(tok) and tok.head.lemma_.lower() not in SUMMONING_VERBS:
        return False  # "plans to say"; but "summoned the envoy to complain" was said
    if actor is None or actor.sector == "MED":
        return False
    if (actor.sector == "CVL" or actor.country is None) and not _named_stance(tok):
        return False
    if tok.lemma_.lower() in REPORT_VERBS and actor.sector not in REPORTING_SECTORS:
        return False  # "the agency reported that": sourcing; "the ministry reported": news
    if tok.dep_ == "conj" and _is_talks_verb(tok.head):
        return False  # "spoke with X by phone and told him ...": the call's content
    subj = _speaker_token(tok)
    if subj is None or subj.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return True
    person = subj.ent_type_ == "PERSON" or agents.agent_role(subj.text) is not None
    plain = tok.lemma_.lower() in PLAIN_SAYING
    if not person and plain:
        # "the military said", "officials say": unnamed institutions are sourcing.
        if not any(
            t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "ORG", "NORP") for t in subj.subtree
        ):
            return False
        # "X struck Y, the White House said": a trailing attribution of another event.
        if _trailing_attribution(tok):
            return False
    named = subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN"
    if not plain and any(c.ent_type_ in ("NORP", "GPE", "ORG") for c in subj.children):
        return True  # "Palestinian officials demanded", "union officials demanded": a stance
    # "officials said", "a source told journalists": unnamed sourcing, not a statement.
    return named or subj.lemma_.lower() not in ANONYMOUS_SOURCES


def _named_stance(tok: Token) -> bool:
    """A stance (a threat, demand, appeal, rejection, pledge or accusation) by a speaker the
    text names: "Amnesty International demanded", "President Bush threatened". It is news
    even when the speaker has no country or is no state body; plain saying is not."""
    found = classify(tok)
    if found is None or found[1] or found[0].subtype not in STANCE_SUBTYPES:
        return False
    subj = _speaker_token(tok)
    if subj is None or any(t.lower_ in FORMER_WORDS for t in subj.subtree):
        return False  # "former President X warned": no office speaks
    names = [subj, *(c for c in subj.children if c.dep_ in ("compound", "nmod", "poss", "appos"))]
    return any(t.ent_type_ in ("PERSON", "ORG") for t in names)


def _own_participle(tok: Token) -> bool:
    """A participle that is a saying of its own: a progressive ("are demanding") or one
    that goes with a non-saying verb ("went on television urging calm")."""
    if _aux_words(tok) & PROGRESSIVE_AUX:
        return True
    head = tok.head
    if tok.dep_ not in ("advcl", "xcomp") or head.dep_ != "ROOT" or head.pos_ != "VERB":
        return False
    found = classify(head)
    return found is None and _first(head, "nsubj") is not None


def _speaker_token(tok: Token) -> Token | None:
    if (tok.lemma_.lower() in CITING_VERBS and tok.dep_ != "ROOT") or _first(tok, "nsubjpass"):
        passive = _first(tok, "nsubjpass")
        if passive is not None:
            return passive
        obj = _first(tok, "dobj")
        if obj is not None:
            return obj
    subj = _subject(tok)
    if subj is None and tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
        subj = _first(tok.head, "nsubj")
    if subj is None and tok.dep_ in ("relcl", "acl"):
        subj = tok.head
    return subj


def _is_talks_verb(tok: Token) -> bool:
    found = classify(tok) if tok.pos_ == "VERB" else None
    return found is not None and found[0].type == "talks"


def _trailing_attribution(tok: Token) -> bool:
    """Is the saying placed after a reported event ("X happened, the ministry said")?"""
    for comp in _children(tok, "ccomp"):
        if comp.i < tok.i and any(
            (found := classify(t)) is not None and not found[1] and found[0].type != "statement"
            for t in comp.subtree
        ):
            return True
    head = tok.head
    if tok.dep_ in ("parataxis", "ccomp") and head.i != tok.i and head.i < tok.i:
        found = classify(head)
        return found is not None and found[0].type != "statement"
    return False


def _military(party: Party | None) -> Party | None:
    """A country or capital that attacks or deploys is acting through its armed forces."""
    if party is not None and party.sector == "GOV" and " " not in party.name.strip():
        return party.model_copy(update={"sector": "MIL"})
    return party

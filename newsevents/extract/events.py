"""Event extraction from a parsed article: triggers, status, parties, dates, places.

Everything here works on one spaCy ``Doc`` whose character offsets index the
article's raw text, so every event carries evidence offsets into that text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from newsevents import temporal
from newsevents.doccache import doc_text, entities, entities_in
from newsevents.extract import places
from newsevents.extract.candidate import Candidate
from newsevents.extract.merge import merge_candidates
from newsevents.extract.parties import GROUP_PRONOUNS, PERSON_PRONOUNS, PartyResolver
from newsevents.extract.triggers import (
    AGREEMENT_OBJECTS,
    AIRCRAFT,
    ANONYMOUS_SOURCES,
    CANCEL_VERBS,
    EVENT_PREPOSITIONS,
    EXPLOSIVES,
    HOSTED,
    IMPLICATIVE_VERBS,
    INTENT_VERBS,
    MILITARY_OBJECTS,
    MODALS_FUTURE,
    MODALS_HYPOTHETICAL,
    NOUN_CLASSES,
    PHRASAL,
    PLACE_NOUNS,
    PLACE_PREPS,
    PLAIN_SAYING,
    PLANNED_GOVERNORS,
    PLANNED_MODIFIERS,
    QUANTITY_NOUNS,
    REPORTING_VERBS,
    RETALIATION,
    ROUNDS,
    SEIZE_VERBS,
    SUPPORT_SUBJECT_VERBS,
    SUPPORT_VERBS,
    TOPIC_VERBS,
    VERB_CLASSES,
    TriggerClass,
)
from newsevents.lexicon import agents
from schemas import Article, Event, Location, Party, TemporalExpression
from schemas import Span as OffsetSpan

# Not ")": captions end with "(AFP)".
SENTENCE_END = (".", '"', "”", "’", "'", "!")  # not "?": teasers ask, reports tell


def sentence_span(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def is_prose(sent: Span) -> bool:
    """Headlines, captions and teasers lack sentence-final punctuation; prose has it."""
    text = sent.text.strip()
    return len(text) > 20 and text.endswith(SENTENCE_END) and any(t.pos_ == "VERB" for t in sent)


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _first(tok: Token, *deps: str) -> Token | None:
    found = _children(tok, *deps)
    return found[0] if found else None


def _subject(tok: Token) -> Token | None:
    """The subject; of two ("army chief" + "Abdel Fattah al-Burhan"), the named person.

    Climbs "is due to host", "is expected to meet" to the subject of the finite verb.
    """
    subjects = _children(tok, "nsubj")
    cur = tok
    for _ in range(3):
        if subjects or cur.dep_ not in ("xcomp", "acomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        subjects = _children(cur, "nsubj")
    named = [t for t in subjects if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    return (named or subjects or [None])[0]


def _negated(tok: Token) -> bool:
    if _children(tok, "neg") or any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children):
        return True
    # "a meeting ... was not on the cards": the copula carries the negation.
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass", "attr") and bool(_children(head, "neg"))


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _clause_head(tok: Token) -> Token:
    """The verb whose clause contains ``tok`` (``tok`` itself when it is a verb).

    Without a verb on the way up ("Tens of thousands of ..." parsed with a noun root, a
    caption) it is the sentence root. spaCy makes a new Token on each access, so the root is
    found by index (its head is itself); the step bound holds on any parse.
    """
    cur = tok
    for _ in range(len(tok.doc)):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


def _governor(tok: Token) -> Token | None:
    """The verb that embeds ``tok``'s clause (xcomp, ccomp, advcl), if any."""
    head = _clause_head(tok)
    # "to stop its attacks ... and to pull back": a conjunct shares its first conjunct's governor.
    for _ in range(len(tok.doc)):
        if head.dep_ != "conj" or head.head.i == head.i:
            break
        head = head.head
    if head.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp") and head.head.i != head.i:
        return head.head
    return None


def _cancels(tok: Token) -> bool:
    """Is ``tok`` a verb of cancelling ("cancel", "call off", "postpone")?"""
    lemma = tok.lemma_.lower()
    if lemma == "call":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children)
    return lemma in CANCEL_VERBS


def status_of(tok: Token, cls: TriggerClass) -> str | None:
    """``occurred``, ``planned``, ``cancelled``, or None when the event is not asserted."""
    if _negated(tok):
        return None
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("during", "after", "since")
    ):
        # "may not have got what he hoped for during talks in Moscow": the talks still happened.
        return "occurred"
    clause = _clause_head(tok)
    aux = _aux_words(clause) | _aux_words(tok)
    gov = _governor(tok)
    gov_lemma = gov.lemma_.lower() if gov is not None else ""
    mark = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if "if" in mark or "unless" in mark or "whether" in mark:
        return None
    if clause.i != tok.i and _negated(clause):
        return None
    if _cancels(tok) or (gov is not None and _cancels(gov)) or _cancels(clause):
        return "cancelled"
    if any(
        c.dep_ == "amod" and c.lower_ in ("cancelled", "canceled", "postponed")
        for c in tok.children
    ):
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
    if any(
        c.dep_ == "acomp" and c.lower_ in ("due", "set", "scheduled", "expected", "slated")
        for c in clause.children
    ):
        future = True  # "another round is due to take place"
    if "going" in aux or (clause.lemma_ == "be" and "due" in aux):
        future = True
    hypothetical = bool(aux & MODALS_HYPOTHETICAL)
    if gov_lemma in IMPLICATIVE_VERBS:
        # "prompting the South to fire": the caused event happened.
        return "occurred" if cls.type != "talks" or not future else "planned"
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
    if "will" in aux or infinitive or intended:
        return None
    return "occurred"


def classify(tok: Token) -> tuple[TriggerClass, bool] | None:
    """The trigger class of a token and whether it is nominal, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        for child in tok.children:
            if child.dep_ in ("prt", "prep", "dobj", "advmod"):
                pcls = PHRASAL.get((lemma, child.lemma_.lower()))
                if pcls is not None:
                    return pcls, False
        cls = VERB_CLASSES.get(lemma)
        if cls is None:
            return _contextual_verb(tok, lemma)
        return _check_verb(tok, cls)
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNP",):
        cls = NOUN_CLASSES.get(tok.lower_) or NOUN_CLASSES.get(lemma)
        if cls is not None:
            return cls, True
    return None


def _objects(tok: Token) -> list[Token]:
    """Direct objects (and passive subjects), their conjuncts, and the noun behind
    a quantity ("dozens of trucks", "a contingent of its forces")."""
    objs = _children(tok, "dobj", "nsubjpass", "attr")
    for o in list(objs):
        objs += _children(o, "conj")
        if o.lemma_.lower() in QUANTITY_NOUNS or o.lower_ in QUANTITY_NOUNS:
            for prep in _children(o, "prep"):
                if prep.lower_ == "of":
                    objs += _children(prep, "pobj")
    return objs


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
        if p.lower_ in ("into", "through", "across")
    )


def _check_verb(tok: Token, cls: TriggerClass) -> tuple[TriggerClass, bool] | None:
    objs = {o.lemma_.lower() for o in _objects(tok)} | {o.lower_ for o in _objects(tok)}
    if tok.lemma_.lower() in SEIZE_VERBS and not (_place_object(_objects(tok)) or _into_place(tok)):
        return None
    if tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children):
        return None  # "the wounded" is a noun
    if cls.type == "attack" and objs & {"war", "wars"}:
        return None  # "fought two wars", "waged a war": a war, not one happening
    if cls.type == "attack" and tok.tag_ in ("VBP", "VBZ"):
        return None  # "aircraft that target civilians": present simple is habitual, not a happening
    if cls.type == "attack" and tok.tag_ == "VBG" and not _aux_words(tok) and _accused(tok) is None:
        return None  # "..., killing two", "a decade fighting jihadists": part of another event
    if tok.lemma_.lower() in ("wound", "injure"):
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
        if not objs & MILITARY_OBJECTS:
            return None
        if cls.subtype == "troops" and objs & {
            "tanks",
            "tank",
            "weapons",
            "missiles",
            "equipment",
            "ammunition",
            "systems",
            "system",
            "arms",
        }:
            if not objs & {"troops", "soldiers", "forces", "commandos", "personnel", "commandoes"}:
                return TriggerClass("deployment", "equipment"), False
        return cls, False
    if cls.subtype == "shootdown" and not objs & AIRCRAFT:
        return None
    if cls.type == "statement" and tok.lemma_.lower() in ("order", "instruct", "write", "publish"):
        if not _children(tok, "nsubj"):
            return None
    if cls.type == "talks" and tok.lemma_.lower() == "talk":
        phone = any(t.lower_ in ("phone", "telephone") for t in tok.subtree)
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
    if lemma in ("fire", "launch", "lob") and tok.tag_ != "VBG":
        # "fired a rocket and three artillery shells", "launched drones at ..."
        if obj_words & {
            "shell",
            "shells",
            "round",
            "rounds",
            "mortar",
            "mortars",
            "rocket",
            "rockets",
            "artillery",
            "grenade",
            "grenades",
        }:
            return TriggerClass("attack", "shelling"), False
        if obj_words & {"missile", "missiles", "drone", "drones"}:
            return TriggerClass("attack", "airstrike"), False
    if lemma in ("hit", "strike", "destroy", "damage") and any(
        p.lemma_.lower() in EXPLOSIVES
        for a in _children(tok, "agent")
        for p in _children(a, "pobj")
    ):
        return TriggerClass("attack", "bombing"), False  # "hit by a roadside bomb"
    if lemma in ("strike", "hit", "target", "fire") and tok.tag_ != "VBG":
        subj = _first(tok, "nsubj")
        subj_words = {w.lower_ for w in subj.subtree} if subj is not None else set()
        if subj_words & {"artillery", "howitzers", "tanks", "mortars", "guns"}:
            return TriggerClass("attack", "shelling"), False
        if subj_words & {"jets", "warplanes", "aircraft", "bombers", "drones", "planes", "air"}:
            return TriggerClass("attack", "airstrike"), False
        if obj_words & {
            "positions",
            "targets",
            "bases",
            "base",
            "convoy",
            "posts",
            "troops",
            "forces",
            "areas",
            "town",
            "city",
            "village",
            "hospital",
            "school",
        }:
            return TriggerClass("attack", "ground_assault"), False
        return None
    if lemma in ("take", "seize", "gain", "wrest") and "control" in obj_words:
        return TriggerClass("attack", "ground_assault"), False  # "took control of Goma"
    if lemma == "drop" and obj_words & {"bomb", "bombs", "munitions", "bombshells"}:
        return TriggerClass("attack", "airstrike"), False
    if lemma in ("enter", "take", "capture") and obj_words:
        subj = _first(tok, "nsubj")
        if subj is not None and subj.lemma_.lower() in (
            "force",
            "troops",
            "army",
            "rebel",
            "fighter",
            "militant",
            "militia",
            "soldier",
        ):
            return TriggerClass("attack", "ground_assault"), False
    if lemma == "shoot":
        if obj_words & AIRCRAFT or any(c.lower_ == "down" for c in tok.children):
            return TriggerClass("attack", "shootdown"), False
    if lemma in ("call", "make") and obj_words & {"call", "phone"}:
        return None  # the noun "call" is the trigger
    if lemma == "confirm" and any(
        o.lower_ in NOUN_CLASSES or o.lemma_.lower() in ("death", "deaths", "casualty")
        for o in objs
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
    if lemma in ("speak", "talk") and any(c.lower_ in ("phone", "telephone") for c in tok.subtree):
        return TriggerClass("talks", "phone_call"), False
    if lemma in ("arrive", "travel", "fly", "head"):
        for prep in _children(tok, "prep"):
            if prep.lower_ == "for" and any(
                p.lower_ in ("talks", "meeting", "visit", "summit", "consultations", "negotiations")
                for p in _children(prep, "pobj")
            ):
                return None  # the nominal trigger carries it
    return None


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
        if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
            return True
        if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() == "kill":
            return False  # "killed in a bombing": the killing carries it
        return False
    if cls.type == "statement":
        # "issued a joint statement", "released a communique"; "in a statement" is a verb's.
        return tok.dep_ == "dobj" and hl in ("issue", "release", "publish", "read", "make")
    if cls.type == "deployment":
        if _military_complement(tok) is not None:
            return True  # "deliveries of the S-400 system", "a deployment of troops"
        return tok.dep_ in ("dobj", "nsubj", "nsubjpass") and hl in SUPPORT_VERBS | {
            "send",
            "arrive",
            "reach",
            "continue",
        }
    if cls.type == "talks":
        if tok.lower_ in ("call",) and not any(
            c.lower_ in ("phone", "telephone") for c in tok.children
        ):
            return False
        if tok.lower_ == "conversation" and not any(
            c.lower_ in ("phone", "telephone") or c.dep_ == "poss" for c in tok.children
        ):
            return False
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and (
            hl in SUPPORT_VERBS or hl in PLANNED_GOVERNORS or _cancels(head)
        ):
            return True
        if (
            tok.dep_ == "pobj"
            and head.lower_ in ("for", "at", "during", "in")
            and head.head.lemma_.lower() in SUPPORT_VERBS | {"arrive", "meet", "say"}
        ):
            return True
        if tok.dep_ == "nsubj" and hl in ("take", "begin", "end", "be", "start", "conclude"):
            return True
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


@dataclass
class Extractor:
    """Extracts events from one parsed article."""

    article: Article
    doc: Doc
    timexes: list[TemporalExpression]
    resolver: PartyResolver = field(init=False)
    _by_token: dict[int, TemporalExpression] = field(init=False, default_factory=dict)
    _last_actor: dict[str, Party] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.resolver = PartyResolver(self.doc, self.article.published)
        for tx in self.timexes:
            span = self.doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self._by_token[tok.i] = tx

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for sent in self.doc.sents:
            if not is_prose(sent):
                continue
            for tok in sent:
                if tok.lemma_ == "report" and tok.pos_ == "VERB" and tok.tag_ != "VBG":
                    # "the agency reported ...; it said": track the reporter as the last speaker.
                    subj = _first(tok, "nsubj")
                    self.resolver.note_speaker(subj, self.resolver.resolve(subj))
                found = classify(tok)
                if found is None:
                    continue
                cls, nominal = found
                if nominal and not nominal_ok(tok, cls):
                    continue
                cand = self._candidate(tok, cls, nominal, sent)
                if cand is not None:
                    out.append(cand)
            self._remember_entities(sent)
        return out

    def _remember_entities(self, sent: Span) -> None:
        for ent in entities_in(sent):
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
                self.resolver.resolve(ent.root)

    def _candidate(
        self, tok: Token, cls: TriggerClass, nominal: bool, sent: Span
    ) -> Candidate | None:
        status = status_of(tok, cls)
        if status is None:
            return None
        actor, target = self._parties(tok, cls, nominal)
        provoking = _provoking_attack(tok) if tok.lower_ in RETALIATION else None
        if provoking is not None:
            # A retaliation is by the side attacked, against the attacker, on the same day.
            first = self._candidate(provoking, classify(provoking)[0], False, sent)
            if first is None or first.target is None:
                return None
            return replace(
                first,
                cls=cls,
                trigger=tok,
                actor=_military(first.target),
                target=first.actor,
                nominal=True,
                rank=first.rank - 1.0,
            )
        if cls.type == "statement" and not self._statement_ok(tok, actor):
            return None
        if cls.type == "talks" and (actor is None or actor.country is None):
            sides = self._both_sides(tok, nominal)
            if sides is not None:
                actor, target = sides
        if cls.type == "talks" and actor is None and target is None and nominal:
            actor = self._last_actor.get("talks")
        if cls.type == "talks" and actor is None and target is None:
            return None  # talks with no known participant code nothing
        if cls.type in ("attack", "deployment"):
            actor = _military(actor)
            if actor is None and cls.type == "deployment":
                actor = self._last_actor.get("deployment")
        location = self._location(tok, sent)
        actor = self._home_country(actor, location, target)
        target = self._home_country(target, location, actor)
        if actor is not None:
            self._last_actor[cls.type] = actor
        timex = self._link_timex(tok, sent)
        if timex is None and cls.type != "statement" and status == "occurred":
            timex = self._reported_timex(tok, sent)
        clause = _clause_head(tok)
        if (
            timex is None
            and cls.type != "statement"
            and clause.dep_ == "relcl"
            and ({"have", "has"} & _aux_words(clause) or clause.tag_ in ("VBZ", "VBP"))
        ):
            return None  # "Oman, which has mediated between ...": undated background
        if cls.subtype == "killing" and actor is None:
            means = _killed_in(tok)
            if means is not None:
                # "killed in a bombing", "killed in Israeli strikes": code the attack itself.
                cls = NOUN_CLASSES.get(means.lower_, cls)
                actor = _military(self.resolver.armed_by_demonym(means))
        if cls.subtype == "killing" and actor is None and _other_attack(tok, sent):
            return None  # "... killed when forces attacked": the casualties of that attack
        if (
            cls.subtype == "killing"
            and actor is None
            and timex is None
            and ({"have", "has"} & _aux_words(tok))
        ):
            return None  # "53 soldiers have been killed since 2013": a running tally
        date, precision = self._date(timex, status)
        if (
            timex is None
            and status == "occurred"
            and cls.type in ("attack", "deployment")
            and (_ongoing(tok))
        ):
            date, precision = None, "period"  # "was sending reinforcements": an undated campaign
        return Candidate(
            cls=cls,
            trigger=tok,
            sent=sent,
            status=status,
            actor=actor,
            target=target,
            location=location,
            timex=timex,
            date=date,
            precision=precision,
            nominal=nominal,
            mentions=[sentence_span(sent)],
            rank=mention_rank(tok, timex, nominal),
            evidence=sentence_span(sent),
        )

    def _home_country(
        self, party: Party | None, location: Location | None, other: Party | None
    ) -> Party | None:
        """Armed groups named without a country ("the rebels") fight where the event is.

        Falls back to the other side's country (insurgents fight their own state's forces),
        then to the country the article's places are mostly in.
        """
        if party is None or party.country is not None or party.sector not in ("REB", "MIL"):
            return party
        country = location.country if location is not None else None
        if country is None and other is not None and other.sector in ("GOV", "MIL"):
            country = other.country
        country = country or self._main_country
        return party.model_copy(update={"country": country}) if country else party

    @cached_property
    def _main_country(self) -> str | None:
        """The country most of the article's named places are in."""
        counts: Counter[str] = Counter()
        for ent in entities(self.doc):
            # Only places things happen "in/at/near", not adjectives such as "Russia-backed".
            head = ent.root.head
            if ent.label_ in ("GPE", "LOC") and head.dep_ == "prep" and head.lower_ in PLACE_PREPS:
                loc = places.resolve_place(self.doc, ent.root)
                if loc is not None and loc.country:
                    counts[loc.country] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _both_sides(self, tok: Token, nominal: bool) -> tuple[Party, Party] | None:
        """Talks "between the warring parties" or by "the two countries' advisers"."""
        heads = [p for prep in _children(tok, "prep") for p in _children(prep, "pobj")]
        heads += [s for s in (_subject(tok),) if s is not None]
        for head in heads:
            for cand in [
                head,
                *[p for prep in _children(head, "prep") for p in _children(prep, "pobj")],
            ]:
                sides = self.resolver.both_sides(cand)
                if sides is not None:
                    return sides
        return None

    def _statement_ok(self, tok: Token, actor: Party | None) -> bool:
        """A statement needs a finite saying verb and an identifiable, named speaker."""
        # "..., adding that", "insisting on": participles continue a statement, not start one.
        if tok.tag_ == "VBG" or "to" in _aux_words(tok):
            return False
        if actor is None or actor.sector in ("MED", "CVL") or actor.country is None:
            return False
        if tok.dep_ == "conj" and _is_talks_verb(tok.head):
            return False  # "spoke with X by phone and told him ...": the call's content
        subj = self._speaker_token(tok)
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
        # "officials said", "a source told journalists": unnamed sourcing, not a statement.
        return named or subj.lemma_.lower() not in ANONYMOUS_SOURCES

    def _speaker_token(self, tok: Token) -> Token | None:
        if (tok.lemma_.lower() in ("quote", "cite") and tok.dep_ != "ROOT") or _first(
            tok, "nsubjpass"
        ):
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

    def _parties(
        self, tok: Token, cls: TriggerClass, nominal: bool
    ) -> tuple[Party | None, Party | None]:
        res = self.resolver
        if nominal:
            return self._nominal_parties(tok, cls)
        if cls.type == "statement":
            speaker = self._speaker_token(tok)
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
        accused = _accused(tok)
        if accused is not None:
            # "accused the TPLF of attacking a base": the accused is the alleged attacker.
            actor = res.resolve(accused)
            target = res.resolve(_first(tok, "dobj"))
        elif agent is not None:
            actor = res.resolve(agent)
            target = res.resolve(_first(tok, "nsubjpass"))
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

    def _nominal_parties(self, tok: Token, cls: TriggerClass) -> tuple[Party | None, Party | None]:
        res = self.resolver
        actor = target = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                first = _first(c, "pobj")
                if first is not None:
                    actor = res.resolve(first)
                    conj = _children(first, "conj")
                    target = res.resolve(conj[0]) if conj else None
            elif c.dep_ == "prep" and c.lower_ in ("with", "to") and target is None:
                target = res.resolve(_first(c, "pobj"))
            elif c.dep_ == "prep" and c.lower_ == "of" and actor is None and cls.type == "talks":
                # "an emergency meeting of the U.N. Security Council"
                body = _first(c, "pobj")
                if body is not None and body.ent_type_ in ("ORG", "GPE", "NORP"):
                    actor = res.resolve(body)
            elif (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") and actor is None) or (
                c.dep_ in ("amod", "compound")
                and actor is None
                and c.ent_type_ in ("NORP", "GPE", "ORG")
            ):
                actor = res.resolve(c)
        head = tok.head
        complement = _military_complement(tok) if cls.type == "deployment" else None
        if complement is not None and actor is None:
            # "deliveries of the Russian S-400 system (to Turkey)": the maker supplies it.
            actor = res.resolve(complement)
            for prep in _children(tok, "prep"):
                if prep.lower_ == "to":
                    target = res.resolve(_first(prep, "pobj"))
        back_reference = cls.type == "attack" and tok.dep_ == "pobj" and _event_preposition(head)
        if (
            actor is None
            and tok.dep_ in ("dobj", "pobj")
            and head.i != tok.i
            and not back_reference
        ):
            verb = head if tok.dep_ == "dobj" else head.head
            subj = _subject(verb)
            if subj is not None:
                actor = res.resolve(subj)
                conj = _children(subj, "conj")
                if conj and target is None:
                    target = res.resolve(conj[0])
        if target is None and cls.type == "talks" and tok.dep_ == "pobj" and head.lower_ == "for":
            verb = head.head
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    target = res.resolve(_first(c, "pobj"))
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    target = res.resolve(_first(c, "pobj"))
        return actor, target

    def _location(self, tok: Token, sent: Span) -> Location | None:
        """The nearest "in/at/near <place>" in the trigger's clause, outside embedded clauses."""
        clause = _clause_head(tok)
        frontier = [tok] if tok.i == clause.i else [tok, clause]
        seen: set[int] = set()
        while frontier:
            nxt: list[Token] = []
            for head in frontier:
                for child in head.children:
                    if child.i in seen or child.dep_ in ("ccomp", "relcl", "advcl", "xcomp"):
                        continue
                    seen.add(child.i)
                    if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                        for obj in _children(child, "pobj"):
                            loc = places.resolve_place(self.doc, obj)
                            if loc is not None:
                                return loc
                    nxt.append(child)
            frontier = nxt
        return None

    def _link_timex(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """The date expression in the trigger's own clause, if any."""
        clause = _clause_head(tok)
        best: tuple[int, TemporalExpression] | None = None
        for t in sent:
            tx = self._by_token.get(t.i)
            if tx is None or tx.anchor in ("deadline", "duration", "set"):
                continue
            owner = _timex_owner(t)
            # "said on Monday ...": a date right after the verb dates the verb.
            if 0 < t.i - tok.i <= 2 and all(x.pos_ == "ADP" for x in self.doc[tok.i + 1 : t.i]):
                owner = tok
            inside = owner.pos_ == "NOUN" and owner.i != tok.i and tok in owner.ancestors
            if (
                owner.i not in (tok.i, clause.i)
                and not inside
                and not (tok.pos_ == "NOUN" and owner.i == tok.head.i)
            ):
                continue
            dist = abs(t.i - tok.i)
            if best is None or dist < best[0]:
                best = (dist, tx)
        if best is not None:
            return best[1]
        return self._only_timex(tok, sent)

    def _only_timex(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """The sentence's one date expression, when no other event claims it.

        Parsers often hang "on Thursday" on the wrong verb ("blew up a bridge used by
        insurgents on Thursday"); with a single date and a single event it is the event's.
        """
        found = {id(tx): (t, tx) for t in sent if (tx := self._by_token.get(t.i)) is not None}
        points = [(t, tx) for t, tx in found.values() if tx.anchor == "point"]
        if len(points) != 1 or len(found) != 1:
            return None
        t, tx = points[0]
        owner = _timex_owner(t)
        if owner.i != tok.i and classify(owner) is not None:
            return None
        if owner.i != tok.i and any(c.dep_ == "mark" for c in owner.children):
            return None  # "since France first intervened in 2013": another clause's date
        others = [x for x in sent if x.i != tok.i and classify(x) is not None]
        return None if others else tx

    def _reported_timex(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """An undated past event reported by a dated saying takes the saying's date.

        "The agency reported on Thursday that troops had been sent": sent by Thursday.
        """
        gov = _governor(tok)
        if gov is None or gov.lemma_.lower() not in REPORTING_VERBS:
            return None
        found = self._link_timex(gov, sent)
        if found is not None and found.anchor == "point":
            return found
        return None

    def _date(self, timex: TemporalExpression | None, status: str) -> tuple[dt.date | None, str]:
        if timex is not None:
            date, precision = temporal.value_to_date(timex.value)
            if precision != "unknown":
                return date, precision
        if status == "occurred" and self.article.published is not None:
            return self.article.published, "day"
        return None, "unknown"


def _timex_owner(tok: Token) -> Token:
    """The verb or event noun that a date expression's token attaches to; without one on
    the way up (a verbless caption, a noun root), the sentence root."""
    cur = tok
    for _ in range(len(tok.doc)):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "NOUN" and cur.lower_ in NOUN_CLASSES):
            return cur
    return cur


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


def _provoking_attack(tok: Token) -> Token | None:
    """The attack verb whose clause a "retaliation" answers ("killed ..., prompting a
    retaliation")."""
    for anc in tok.ancestors:
        found = classify(anc) if anc.pos_ == "VERB" else None
        if found is not None and found[0].type == "attack" and not found[1]:
            return anc
    return None


def _ongoing(tok: Token) -> bool:
    """Progressive aspect with a bare plural object ("was sending reinforcements", "are
    shelling villages") describes an activity under way, not one happening."""
    if tok.tag_ != "VBG" or not {"is", "are", "was", "were", "been"} & _aux_words(tok):
        return False
    objs = _objects(tok)
    return bool(objs) and all(
        o.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod") for c in o.children) for o in objs
    )


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


def _accused(tok: Token) -> Token | None:
    """The object of "accuse/blame X of/for V-ing" when ``tok`` is that V."""
    prep = tok.head
    if tok.dep_ == "pcomp" and prep.lower_ in ("of", "for"):
        verb = prep.head
        if verb.lemma_.lower() in ("accuse", "blame", "charge", "condemn"):
            return _first(verb, "dobj")
    return None


def _military(party: Party | None) -> Party | None:
    """A country or capital that attacks or deploys is acting through its armed forces."""
    if party is not None and party.sector == "GOV" and " " not in party.name.strip():
        return party.model_copy(update={"sector": "MIL"})
    return party


def event_id(article_id: str, cand: Candidate) -> str:
    parts = [
        article_id,
        cand.cls.type,
        cand.cls.subtype,
        str(cand.mentions[0][0]),
        str(cand.trigger.idx),
    ]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def confidence(c: Candidate) -> float:
    score = 0.45
    score += 0.2 if c.actor is not None else 0.0
    score += 0.15 if c.timex is not None else 0.05
    score += 0.1 if not c.nominal else 0.0
    score += 0.05 if c.target is not None else 0.0
    return round(min(score, 0.95), 2)


def mention_rank(tok: Token, timex: TemporalExpression | None, nominal: bool) -> float:
    """Prefer as evidence the mention that dates the event, reports it as its own news
    (a saying that leads its content, not a trailing "..., he said") and names the actor."""
    subj = _first(tok, "nsubj", "nsubjpass")
    named = subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG"))
    leading = 1.0
    if not nominal and tok.lemma_.lower() in PLAIN_SAYING | {"quote", "cite"}:
        sent = tok.sent
        trailing = any(c.i < tok.i for c in _children(tok, "ccomp")) or sent.text.lstrip()[:1] in (
            '"',
            "“",
        )
        leading = 0.0 if trailing else 1.0
    return 1.0 * (timex is not None) + 0.5 * named + 1.5 * (not nominal) + leading


def to_event(article: Article, doc: Doc, cand: Candidate) -> Event:
    start, end = cand.evidence or cand.mentions[0]
    return Event(
        event_id=event_id(article.article_id, cand),
        article_id=article.article_id,
        type=cand.cls.type,
        subtype=cand.cls.subtype,
        status=cand.status,
        date=cand.date,
        precision=cand.precision,
        date_text=cand.timex.text if cand.timex is not None else "",
        actor=cand.actor,
        target=cand.target,
        location=cand.location,
        evidence=article.raw_text[start:end],
        evidence_start=start,
        evidence_end=end,
        mentions=tuple(OffsetSpan(start=s, end=e) for s, e in cand.mentions),
        confidence=confidence(cand),
    )


def extract_from_doc(article: Article, doc: Doc) -> list[Event]:
    """All events of one article (after in-article merging)."""
    timexes = temporal.tag(doc_text(doc), article.published, doc=doc)
    extractor = Extractor(article, doc, timexes)
    merged = merge_candidates(extractor.candidates())
    return [to_event(article, doc, c) for c in merged]

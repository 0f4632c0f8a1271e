"""Who attacked, from the report around the clause: the victims are never the attacker; a
passive attack that a state or armed body reports on its enemy is that body's side's; and
an attack told without its attacker is by the attacker the article has established."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsevents.extract.parties import PartyResolver
from newsevents.extract.syntax import _aux_words, _first, _governor
from newsevents.extract.triggers import (
    AIR_MUNITIONS,
    AIR_PLATFORMS,
    AIR_SUBJECTS,
    ARTILLERY_SUBJECTS,
    EXPLOSIVES,
    FIRED_MUNITIONS,
    NOUN_CLASSES,
    REPORTING_VERBS,
    SHELLING_MUNITIONS,
)
from newsevents.lexicon import countries
from schemas import Location, Party

# Subjects that are the means of an attack, not a side: "missiles hit a shop".
WEAPON_SUBJECTS = (
    AIR_MUNITIONS
    | AIR_PLATFORMS
    | AIR_SUBJECTS
    | ARTILLERY_SUBJECTS
    | EXPLOSIVES
    | FIRED_MUNITIONS
    | SHELLING_MUNITIONS
)

# Verbs whose subject (or passive subject) counts the victims, never the attackers.
CASUALTY_VERBS = frozenset(["kill", "wound", "injure", "die", "hurt"])
# Sectors whose reports of an enemy's losses are reports of their own side's attacks.
ARMED_REPORTERS = frozenset(["MIL", "GOV"])


def _attack_noun(tok: Token) -> bool:
    found = NOUN_CLASSES.get(tok.lower_) or NOUN_CLASSES.get(tok.lemma_.lower())
    return found is not None and found.type == "attack"


def victims(tok: Token) -> Token | None:
    """The victims' noun of a casualty clause: the passive subject ("were killed"), the
    subject of "died", or of a bare participle ("nine soldiers killed in ...")."""
    lemma = tok.lemma_.lower()
    found = _first(tok, "nsubjpass")
    if found is None and lemma in CASUALTY_VERBS:
        # "nine soldiers killed in ...": a reduced passive has no object of its own
        bare_participle = (
            tok.tag_ == "VBN"
            and not {"have", "has", "had"} & _aux_words(tok)
            and _first(tok, "dobj") is None
        )
        subj = _first(tok, "nsubj")
        # "airstrikes killed 11", "aircraft killed 46": the means, even when tagged VBN
        means = subj is not None and (_attack_noun(subj) or subj.lemma_.lower() in WEAPON_SUBJECTS)
        if (lemma == "die" or bare_participle) and not means:
            found = subj
    if found is None and tok.dep_ == "conj" and not _first(tok, "nsubj"):
        # "three died and seven were wounded": the conjunct's victims are the first's
        return victims(tok.head) if tok.head.i != tok.i and tok.head.dep_ != "conj" else None
    return found


def drop_victims(res: PartyResolver, tok: Token, actor: Party | None) -> Party | None:
    """The actor, unless it is the victims (or civilians) the clause counts."""
    if actor is None:
        return None
    if actor.sector == "CVL":
        return None
    victim = victims(tok)
    if victim is None or tok.lemma_.lower() not in CASUALTY_VERBS:
        return actor
    party = res.resolve(victim, remember=False)
    if party is not None and (party.name == actor.name or party.country == actor.country):
        return None
    return actor


def platform_side(res: PartyResolver, tok: Token) -> Party | None:
    """ "Russian aircraft killed 46": a weapon or platform subject with a demonym names the
    armed forces of that country."""
    subj = _first(tok, "nsubj")
    if subj is None or subj.lemma_.lower() not in WEAPON_SUBJECTS:
        return None
    return res.armed_by_demonym(subj)


def self_reported(res: PartyResolver, tok: Token) -> Party | None:
    """ "militants had been killed, the ministry said": an army or government reporting its
    enemy's losses without an agent reports its own side's attack.

    The victims must be named and of another country than the speaker's: a body reporting
    an attack on its own side ("the office was blown up, the ministry said") says nothing
    about who attacked.
    """
    victim = victims(tok)
    gov = _governor(tok)
    if victim is None or gov is None or gov.lemma_.lower() not in REPORTING_VERBS:
        return None
    speaker = res.resolve(_first(gov, "nsubj"), remember=False)
    if speaker is None or not speaker.country or speaker.sector not in ARMED_REPORTERS:
        return None
    hit = res.resolve(victim, remember=False)
    if hit is None or not hit.country or hit.country == speaker.country:
        return None
    if speaker.sector == "MIL":
        return speaker
    name = f"{countries.country_name(speaker.country) or speaker.country} armed forces"
    return Party(name=name, country=speaker.country, sector="MIL")


@dataclass
class AttackerMemory:
    """The attackers an article has named so far, in text order."""

    named: list[Party] = field(default_factory=list)

    def note(self, actor: Party | None) -> None:
        if actor is not None and actor.country:
            self.named.append(actor)

    def established(
        self,
        res: PartyResolver,
        tok: Token,
        location: Location | None,
        target: Party | None,
        home: str | None = None,
    ) -> Party | None:
        """The one attacker the article has named that is not of the place's or the
        victims' country ("one person was killed when missiles hit a shop"); without either,
        the country the article's places are in (``home``) is the side attacked."""
        victim = victims(tok)
        subj = _first(tok, "nsubj")
        weapon = subj is not None and (_attack_noun(subj) or subj.lemma_.lower() in WEAPON_SUBJECTS)
        if subj is not None and not weapon and (victim is None or subj.i != victim.i):
            return None  # the clause names its own subject ("the neighbours have fought")
        hit = res.resolve(victim, remember=False) if victim is not None else None
        other = {p.country for p in (hit, target) if p is not None and p.country} | (
            {location.country} if location is not None and location.country else set()
        )
        if not other and home:
            other = {home}
        if not other:
            return None  # nothing to tell the attacker's side from the victims'
        candidates = [a for a in self.named if a.country not in other]
        if not candidates or len({a.country for a in candidates}) != 1:
            return None
        return candidates[-1]


# "fighting spread throughout the country": the article's country is the place.
NATIONWIDE_PREPS = frozenset(["across", "throughout"])


def _nationwide(tok: Token) -> bool:
    return any(
        p.lower_ in NATIONWIDE_PREPS and o.lemma_.lower() == "country"
        for p in tok.head.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
    ) or any(
        p.lower_ in NATIONWIDE_PREPS and o.lemma_.lower() == "country"
        for p in tok.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
    )


def local_sides(
    res: PartyResolver,
    tok: Token,
    location: Location | None,
    target: Party | None,
    home: str | None = None,
) -> Party | None:
    """ "clashes flared in eastern Chad": fighting told without its sides, at a named
    place (or "across the country", the article's ``home``), is between forces of the
    country it happens in, unless the side hit (the target or the victims) is of that
    country: then the other side is unknown."""
    if tok.lemma_.lower() in CASUALTY_VERBS:
        return None  # "seven were wounded in Kharkiv": casualties say nothing of the sides
    country = location.country if location is not None else None
    if country is None and _nationwide(tok):
        country = home
    victim = victims(tok)
    hit = res.resolve(victim, remember=False) if victim is not None else None
    if not country or any(p is not None and p.country == country for p in (target, hit)):
        return None
    name = f"{countries.country_name(country) or country} armed groups"
    return Party(name=name, country=country, sector="MIL")


# Prepositions that make a place what was fired at ("lobbed mortars at Sderot").
TARGET_PREPS = frozenset(["at", "on", "onto", "into", "toward", "towards"])


def fired_at_place(tok: Token) -> bool:
    """Is a place the attack's target ("lobbed mortars at Sderot", "fired into Chad")?"""
    return any(
        p.lower_ in TARGET_PREPS and o.ent_type_ in ("GPE", "LOC", "FAC")
        for p in tok.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
    )


def fire_origin(res: PartyResolver, tok: Token, actor: Party, location: Location) -> Party:
    """ "Gunmen lobbed mortars at Sderot, hours after troops arrested a Hamas leader":
    armed men without a country who fire at a place are not of the place's country; they
    are of the one armed group of another country the sentence names, if any."""
    found = set()
    for ent in tok.sent.ents:
        if ent.label_ not in ("ORG", "NORP", "GPE"):
            continue
        party = res.resolve(ent.root, remember=False)
        if party is not None and party.sector == "REB" and party.country:
            found.add(party.country)
    found.discard(location.country)
    if len(found) != 1:
        return actor
    return actor.model_copy(update={"country": found.pop()})

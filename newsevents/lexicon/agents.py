"""Generic agent nouns ("troops", "foreign minister", "rebels") to sector and role.

Lookup order: a hand-written table from general knowledge (it overrides Phoenix where Phoenix
disagrees with our guideline, e.g. Phoenix codes "spokesman" as MED), then ``agents.tsv``
(converted ``Phoenix.agents.txt``), whose codes are mapped like actor codes (see
:mod:`newsevents.lexicon.actors`). The full phrase is tried first, then its last two words,
then its head (last word), each also singularised.
"""

from __future__ import annotations

import functools
import re

from newsevents.lexicon import fold, read_tsv
from newsevents.lexicon.actors import code_country_sector

_S = {
    "GOV": "minister president prime-minister premier chancellor diplomat official spokesman "
    "spokeswoman spokesperson envoy ambassador governor delegation government regime presidency "
    "ministry cabinet administration authorities authority leader leadership lawmaker "
    "parliament legislator senator foreign-ministry defence-ministry defense-ministry "
    "interior-ministry foreign-office state-department negotiator mediator mayor king emir "
    "monarch sultan junta consul embassy official consulate council-of-ministers "
    "foreign-secretary secretary-of-state defence-secretary defense-secretary "
    "national-security-adviser head-of-state vice-president deputy-minister",
    "MIL": "army troops troop soldier soldiers forces force military artillery air-force navy "
    "warplane warplanes jet jets fighter-jet fighter-jets bomber bombers helicopter "
    "helicopters gunship gunships commando commandos personnel security-forces "
    "security-personnel armed-forces marines marine paratroopers paratrooper infantry "
    "battalion brigade division regiment unit units tank tanks drone drones warship warships "
    "frigate submarine coast-guard border-guards border-guard gendarmerie police "
    "police-officers policemen special-forces general commander chief-of-staff "
    "defence-forces defense-forces garrison sniper snipers artillery-units ground-forces "
    "air-defence air-defense missile-unit peacekeeper peacekeepers national-guard "
    "intelligence-services intelligence-agency",
    "REB": "rebels rebel militants militant jihadists jihadist insurgents insurgent fighters "
    "fighter opposition-groups opposition-fighters opposition-forces armed-opposition "
    "terrorists terrorist militia militias militiamen armed-groups armed-group "
    "armed-men gunmen gunman guerrillas guerrilla separatists separatist extremists "
    "extremist paramilitaries paramilitary insurgency mercenaries mercenary "
    "suicide-bomber suicide-bombers kidnappers bandits",
    "CVL": "civilians civilian refugees refugee residents resident protesters protester "
    "demonstrators demonstrator students student villagers villager farmers farmer "
    "workers worker people children women displaced-people aid-workers aid-worker "
    "doctors doctor medics medic patients worshippers pilgrims migrants migrant "
    "activists activist opposition-party opposition-leader opposition-parties ngo "
    "charity humanitarian-group rights-group rights-groups",
    "MED": "journalists journalist reporter reporters agency news-agency observatory monitor "
    "monitoring-group war-monitor newspaper broadcaster television state-media "
    "state-television state-tv correspondent media outlet",
}
_MANUAL: dict[str, str] = {
    w.replace("-", " "): sector for sector, words in _S.items() for w in words.split()
}
# Role words normalised: surface pattern -> role. Longest pattern found in the phrase wins.
_ROLES: dict[str, str] = {
    "foreign minister": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "top diplomat": "foreign minister",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "defence secretary": "defence minister",
    "defense secretary": "defence minister",
    "secretary of defense": "defence minister",
    "war secretary": "defence minister",
    "interior minister": "interior minister",
    "home secretary": "interior minister",
    "minister of interior": "interior minister",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "chancellor": "head of government",
    "president": "president",
    "vice president": "vice president",
    "vice-president": "vice president",
    "head of state": "president",
    "king": "monarch",
    "emir": "monarch",
    "sultan": "monarch",
    "crown prince": "crown prince",
    "supreme leader": "supreme leader",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "special envoy": "envoy",
    "special representative": "envoy",
    "national security adviser": "national security adviser",
    "national security advisor": "national security adviser",
    "chief of staff": "chief of staff",
    "chief of general staff": "chief of staff",
    "chief of the general staff": "chief of staff",
    "army chief": "army chief",
    "commander": "commander",
    "general": "general",
    "governor": "governor",
    "mayor": "mayor",
    "secretary-general": "secretary-general",
    "secretary general": "secretary-general",
    "foreign policy chief": "foreign policy chief",
    "high representative": "foreign policy chief",
    "minister": "minister",
    "leader": "leader",
}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _norm(phrase: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(phrase).replace("'s", ""))
    while words and words[0] in ("the", "a", "an", "its", "their", "his", "her", "some"):
        words = words[1:]
    return words


@functools.lru_cache(maxsize=1)
def _phoenix() -> dict[str, str]:
    table: dict[str, str] = {}
    for phrase, code in read_tsv("agents.tsv"):
        sector = code_country_sector("XXX" + code)[1]
        if sector:
            table[phrase] = sector
    return table


def _lookup(cand: str) -> str | None:
    hit = _MANUAL.get(cand)
    if hit is None:
        hit = _phoenix().get(cand)
    return hit


@functools.lru_cache(maxsize=4096)
def agent_sector(phrase: str) -> str | None:
    """Sector for a generic agent noun phrase.

    Args:
        phrase: e.g. "Russian troops", "the security personnel", "foreign minister".

    Returns:
        "GOV", "MIL", "REB", "CVL", "MED" (or "IGO"), or None when the head is not an agent.
    """
    words = _norm(phrase)
    if not words:
        return None
    for n in (len(words), 2, 1):
        if n > len(words):
            continue
        tail = words[-n:]
        for cand in (" ".join(tail), " ".join([*tail[:-1], _singular(tail[-1])])):
            hit = _lookup(cand)
            if hit:
                return hit
    return None


@functools.lru_cache(maxsize=4096)
def agent_role(phrase: str) -> str | None:
    """Normalised role word for a title phrase.

    Args:
        phrase: e.g. "Turkish Defence Minister", "U.S. Secretary of State", "spokeswoman".

    Returns:
        e.g. "defence minister", "foreign minister", "spokesperson", or None.
    """
    text = " " + " ".join(_norm(phrase)) + " "
    best: tuple[int, str] | None = None
    for pat, role in _ROLES.items():
        if f" {pat} " in text and (best is None or len(pat) > best[0]):
            best = (len(pat), role)
    return best[1] if best else None

"""Event triggers: verb and noun classes for the four event types.

The classes follow the CAMEO verb families (01-03 statements, 04 consult,
15 force posture, 18-20 assault and fight) reduced to the guideline's types
and subtypes; they are lists of English verbs, not sentences from any corpus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TriggerClass:
    """What a trigger word means: event type and subtype."""

    type: str
    subtype: str


def _table(rows: dict[tuple[str, str], str]) -> dict[str, TriggerClass]:
    out: dict[str, TriggerClass] = {}
    for (etype, subtype), words in rows.items():
        for word in words.split():
            out[word.replace("_", " ")] = TriggerClass(etype, subtype)
    return out


# Verbs of saying whose subject is the speaker (CAMEO 01, 02, 03, 10-13).
STATEMENT_VERBS = _table(
    {
        ("statement", "comment"): "say tell add state note stress insist argue explain express "
        "emphasise emphasize reiterate repeat acknowledge admit comment describe claim "
        "indicate suggest remark tweet write quote cite assert maintain predict hint",
        ("statement", "announcement"): "announce declare proclaim unveil publish",
        ("statement", "threat"): "warn threaten",
        ("statement", "appeal"): "urge appeal plead implore",
        ("statement", "demand"): "demand order instruct",
        ("statement", "rejection"): "reject deny refuse dismiss oppose refute rebuff",
        ("statement", "commitment"): "vow pledge promise commit swear guarantee",
        ("statement", "accusation"): "accuse blame condemn criticise criticize denounce slam "
        "lambast castigate decry rebuke",
    }
)

# Verbs of consultation (CAMEO 04, 05): the subject is one party.
TALKS_VERBS = _table(
    {
        ("talks", "meeting"): "meet confer",
        ("talks", "negotiation"): "negotiate discuss consult mediate talk",
        ("talks", "visit"): "visit host tour",
        ("talks", "phone_call"): "phone telephone ring",
    }
)

# Use of force (CAMEO 18-20).
ATTACK_VERBS = _table(
    {
        ("attack", "shelling"): "shell bombard pound mortar rocket",
        ("attack", "airstrike"): "airstrike strafe",
        ("attack", "bombing"): "bomb detonate",
        ("attack", "killing"): "kill assassinate execute massacre murder behead slaughter",
        ("attack", "ground_assault"): "attack assault storm capture seize overrun raid "
        "retake recapture besiege invade ambush occupy encircle repel repulse",
        ("attack", "clash"): "clash fight skirmish wound injure",
        ("attack", "shootdown"): "down intercept",
    }
)

# Force posture (CAMEO 15) and withdrawal (0874).
DEPLOYMENT_VERBS = _table(
    {
        ("deployment", "troops"): "send deploy dispatch station mass reinforce move transfer "
        "airlift redeploy flood rush",
        ("deployment", "equipment"): "deliver supply ship",
        ("deployment", "base"): "establish build",
        ("deployment", "withdrawal"): "withdraw evacuate",
    }
)

VERB_CLASSES: dict[str, TriggerClass] = {
    **STATEMENT_VERBS,
    **TALKS_VERBS,
    **ATTACK_VERBS,
    **DEPLOYMENT_VERBS,
}

# Phrasal verbs: (lemma, particle) -> class.
PHRASAL: dict[tuple[str, str], TriggerClass] = {
    ("shoot", "down"): TriggerClass("attack", "shootdown"),
    ("open", "fire"): TriggerClass("attack", "clash"),
    ("exchange", "fire"): TriggerClass("attack", "clash"),
    ("blow", "up"): TriggerClass("attack", "bombing"),
    ("gun", "down"): TriggerClass("attack", "killing"),
    ("trade", "fire"): TriggerClass("attack", "clash"),
    ("pull", "out"): TriggerClass("deployment", "withdrawal"),
    ("pull", "back"): TriggerClass("deployment", "withdrawal"),
    ("set", "up"): TriggerClass("deployment", "base"),
    ("rule", "out"): TriggerClass("statement", "rejection"),
    ("call", "on"): TriggerClass("statement", "appeal"),
    ("call", "for"): TriggerClass("statement", "appeal"),
    ("speak", "to"): TriggerClass("talks", "phone_call"),
    ("speak", "with"): TriggerClass("talks", "phone_call"),
    ("talk", "to"): TriggerClass("talks", "phone_call"),
    ("talk", "with"): TriggerClass("talks", "negotiation"),
    ("hold", "talk"): TriggerClass("talks", "negotiation"),
}

# Event nouns (nominal events): "the talks", "Friday's phone conversation", "a bombing".
NOUN_CLASSES = _table(
    {
        ("statement", "announcement"): "statement communique declaration",
        ("talks", "negotiation"): "talks negotiation negotiations consultations contacts",
        ("talks", "meeting"): "meeting meetings session",
        ("talks", "summit"): "summit",
        ("talks", "visit"): "visit trip",
        ("talks", "phone_call"): "call conversation",
        ("attack", "shelling"): "shelling barrage bombardment retaliation reprisal reprisals",
        ("attack", "airstrike"): "airstrike airstrikes strike strikes raid raids",
        ("attack", "bombing"): "bombing bombings blast explosion",
        ("attack", "ground_assault"): "attack attacks assault offensive incursion",
        ("attack", "clash"): "clash clashes fighting",
        ("attack", "shootdown"): "shootdown",
        ("deployment", "troops"): "deployment deployments reinforcements convoy",
        ("deployment", "equipment"): "delivery deliveries shipment",
        ("deployment", "withdrawal"): "withdrawal pullout",
    }
)

# Words that turn "send/deploy/move X" into a deployment only when X is military.
MILITARY_OBJECTS = frozenset(
    [
        "troops",
        "troop",
        "soldiers",
        "soldier",
        "forces",
        "force",
        "tanks",
        "tank",
        "armour",
        "armor",
        "vehicles",
        "vehicle",
        "equipment",
        "weapons",
        "weapon",
        "arms",
        "missiles",
        "missile",
        "ammunition",
        "munitions",
        "commandos",
        "commando",
        "reinforcements",
        "convoy",
        "convoys",
        "artillery",
        "jets",
        "warplanes",
        "aircraft",
        "helicopters",
        "warships",
        "ships",
        "battalion",
        "battalions",
        "brigade",
        "brigades",
        "units",
        "unit",
        "personnel",
        "systems",
        "system",
        "drones",
        "post",
        "posts",
        "base",
        "bases",
        "outpost",
        "outposts",
        "garrison",
        "battery",
        "batteries",
        "marines",
        "paratroopers",
        "howitzers",
        "rockets",
        "frigate",
        "frigates",
        "destroyer",
        "destroyers",
        "warship",
        "submarine",
        "submarines",
        "carrier",
        "corvette",
        "corvettes",
        "gunboat",
        "gunboats",
        "fighters",
        "peacekeepers",
        "mercenaries",
        "militiamen",
        "launchers",
        "interceptors",
    ]
)

# Objects that make "down"/"hit" an aircraft shoot-down.
AIRCRAFT = frozenset(
    [
        "helicopter",
        "helicopters",
        "jet",
        "jets",
        "warplane",
        "warplanes",
        "plane",
        "planes",
        "aircraft",
        "drone",
        "drones",
        "fighter",
        "bomber",
        "bombers",
        "missile",
        "missiles",
        "rocket",
        "rockets",
    ]
)

# Verbs of saying that are journalists' sourcing, not news, when the speaker is a source.
ANONYMOUS_SOURCES = frozenset(
    [
        "source",
        "sources",
        "official",
        "officials",
        "diplomat",
        "diplomats",
        "observer",
        "observers",
        "analyst",
        "analysts",
        "witness",
        "witnesses",
        "report",
        "reports",
        "media",
    ]
)

# Nouns that place a talks event in the future when they modify it ("a possible summit").
PLANNED_MODIFIERS = frozenset(
    [
        "possible",
        "proposed",
        "planned",
        "upcoming",
        "expected",
        "forthcoming",
        "next",
        "potential",
        "future",
        "scheduled",
        "prospective",
    ]
)
PLANNED_GOVERNORS = frozenset(
    [
        "expect",
        "plan",
        "schedule",
        "due",
        "set",
        "prepare",
        "intend",
        "aim",
        "hope",
        "agree",
        "propose",
        "arrange",
        "seek",
    ]
)
CANCEL_VERBS = frozenset(
    ["cancel", "postpone", "scrap", "suspend", "delay", "abandon", "halt", "shelve"]
)
MODALS_FUTURE = frozenset(["will", "shall", "'ll", "wo"])
MODALS_HYPOTHETICAL = frozenset(["would", "could", "might", "may", "can", "should", "must"])

"""Event triggers: verb and noun classes for the four event types, and the word lists the
extraction rules consult (the lexicon lives here, the logic in the rule modules).

The classes follow the CAMEO verb families (01-03 statements, 04 consult,
15 force posture, 18-20 assault and fight) reduced to the guideline's types
and subtypes; they are lists of English verbs, not sentences from any corpus.
They are a curated subset: the full CAMEO verb table converted in
``newsevents.lexicon.verbs`` holds many senses news rarely means ("think" as
consult, "leave" as talks), so the extractor reads these lists, and a test
checks that every word both know has the same event type in each.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TriggerClass:
    """What a trigger word means: event type and subtype."""

    type: str
    subtype: str


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


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
    ("insist", "on"): TriggerClass("statement", "demand"),
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
MILITARY_OBJECTS = words(
    "troops troop soldiers soldier forces force tanks tank armour armor vehicles vehicle "
    "equipment weapons weapon arms missiles missile ammunition munitions commandos "
    "commando reinforcements convoy convoys artillery jets warplanes aircraft helicopters "
    "warships ships battalion battalions brigade brigades units unit personnel systems "
    "system drones post posts base bases outpost outposts garrison battery batteries "
    "marines paratroopers howitzers rockets frigate frigates destroyer destroyers warship "
    "submarine submarines carrier corvette corvettes gunboat gunboats fighters "
    "peacekeepers mercenaries militiamen launchers interceptors"
)

# Objects that make "down"/"hit" an aircraft shoot-down.
AIRCRAFT = words(
    "helicopter helicopters jet jets warplane warplanes plane planes aircraft drone "
    "drones fighter bomber bombers missile missiles rocket rockets"
)

# Verbs of saying that are journalists' sourcing, not news, when the speaker is a source.
ANONYMOUS_SOURCES = words(
    "source sources official officials diplomat diplomats observer observers analyst "
    "analysts witness witnesses report reports media"
)

# Nouns that place a talks event in the future when they modify it ("a possible summit").
PLANNED_MODIFIERS = words(
    "possible proposed planned upcoming expected forthcoming next potential future "
    "scheduled prospective"
)
PLANNED_GOVERNORS = words(
    "expect plan schedule due set prepare intend aim hope agree propose arrange seek"
)
CANCEL_VERBS = words("cancel postpone scrap suspend delay abandon halt shelve")
MODALS_FUTURE = words("will shall 'll wo")
MODALS_HYPOTHETICAL = words("would could might may can should must")

# Word lists the rules (classify.py, status.py, roles.py, dating.py) consult; the lexicon lives
# here, the logic there.
# Verbs under which an attack or deployment is intended, not done ("threatened to strike").
INTENT_VERBS = words(
    "threaten vow plan want aim seek try intend prepare ready promise pledge warn decide "
    "hope expect order urge call demand push able unable fail refuse agree"
)
# Verbs whose infinitive complement happened ("forced them to retreat").
IMPLICATIVE_VERBS = words("prompt force cause compel lead trigger spur")
# Verbs that make a nominal event a happening ("held talks", "launched an attack").
SUPPORT_VERBS = words(
    "hold have begin start end conclude resume continue launch carry conduct stage mount "
    "make take attend join host arrive come head travel go fly break convene organise organize "
    "chair"
)
SUPPORT_SUBJECT_VERBS = words("take begin start end continue resume kill hit")
# Objects that make "agree" a negotiated outcome.
AGREEMENT_OBJECTS = words("ceasefire truce deal agreement accord treaty pact armistice memorandum")
PLACE_PREPS = words("in at near over into outside around inside across from")
QUANTITY_NOUNS = words(
    "dozens hundreds thousands scores number contingent batch unit group column convoy "
    "fleet wave round salvo barrage volley series string part parts"
)
HOSTED = words(
    "delegation talks summit meeting visit president minister leader envoy counterpart "
    "king chancellor officials conference"
)
EXPLOSIVES = words("bomb mine landmine ied explosive device grenade")
# Seizing "power" is a coup, not an assault; seizing a town, a base or a position is.
SEIZE_VERBS = words("capture seize storm overrun occupy retake recapture")
PLACE_NOUNS = words(
    "town city village airport base post outpost hospital position territory area "
    "district region bridge building camp crossing control hill port compound "
    "headquarters capital province stronghold neighbourhood neighborhood suburb "
    "settlement checkpoint township"
)
REPORTING_VERBS = words("say report tell announce confirm state add claim write")
ROUNDS = words("round series resumption start session")
EVENT_PREPOSITIONS = words("during after following before since at")
# Talks verbs whose direct object is what was talked about.
TOPIC_VERBS = words("talk discuss negotiate debate consult")
# Verbs that attribute information rather than make news by themselves.
PLAIN_SAYING = words("say tell add state note report write indicate")
RETALIATION = words("retaliation reprisal reprisals")


# Verbs that trigger only with the right objects or subject (classify._contextual_verb).
LAUNCH_VERBS = words("fire launch lob")  # "fired a rocket", "launched drones at ..."
SHELLING_MUNITIONS = words(
    "shell shells round rounds mortar mortars rocket rockets artillery grenade grenades"
)
AIR_MUNITIONS = words("missile missiles drone drones")
DAMAGE_VERBS = words("hit strike destroy damage")  # "hit by a roadside bomb": a bombing
TARGETING_VERBS = words("strike hit target fire")
ARTILLERY_SUBJECTS = words("artillery howitzers tanks mortars guns")
AIR_SUBJECTS = words("jets warplanes aircraft bombers drones planes air")
GROUND_TARGETS = words(
    "positions targets bases base convoy posts troops forces areas town city village hospital "
    "school"
)
CONTROL_VERBS = words("take seize gain wrest")  # "took control of Goma"
DROPPED_MUNITIONS = words("bomb bombs munitions bombshells")
ENTRY_VERBS = words("enter take capture")
ARMED_SUBJECTS = words("force troops army rebel fighter militant militia soldier")
CALL_VERBS = words("call make")  # "made a call": the noun "call" is the trigger
CALL_NOUNS = words("call phone")
CASUALTY_NOUNS = words("death deaths casualty")  # "confirmed the deaths": an announcement
SPEAK_VERBS = words("speak talk")
TRAVEL_VERBS = words("arrive travel fly head")
# "arrived for talks": the nominal trigger carries the event.
TRAVEL_PURPOSES = words("talks meeting visit summit consultations negotiations")
PHONE_WORDS = words("phone telephone")

# Checks of a verb's class against its objects (classify._check_verb).
WAR_NOUNS = words("war wars")  # "fought two wars", "waged a war": a war, not one happening
INJURE_VERBS = words("wound injure")
# "sent tanks and missiles" without troops is a delivery of equipment.
EQUIPMENT_OBJECTS = words("tanks tank weapons missiles equipment ammunition systems system arms")
TROOP_OBJECTS = words("troops soldiers forces commandos personnel commandoes")
# Sayings that are statements only with a subject ("ordered", not "as ordered").
SUBJECT_STATEMENT_VERBS = words("order instruct write publish")

# Nominal triggers (classify.nominal_ok).
ISSUING_VERBS = words("issue release publish read make")  # "issued a joint statement"
DEPLOYMENT_SUPPORT_VERBS = SUPPORT_VERBS | words("send arrive reach continue")
# (DEPLOYMENT_PHASE_VERBS, below, join these: "completed their withdrawal".)
TALKS_PREPOSITIONS = words("for at during in")  # "arrived for talks", "at the meeting"
TALKS_PREP_GOVERNORS = SUPPORT_VERBS | words("arrive meet say")
TALKS_SUBJECT_VERBS = words("take begin end be start conclude")  # "talks began"
# "accused the TPLF of attacking": the accused is the alleged attacker.
ACCUSING_VERBS = words("accuse blame charge condemn")
INTO_PREPOSITIONS = words("into through across")  # "stormed into southern Israel"

# Status (status.status_of).
# "during talks in Moscow": an event a preposition places in the past happened.
HAPPENED_PREPOSITIONS = words("during after since")
CONDITIONAL_MARKS = words("if unless whether")
CANCELLED_MODIFIERS = words("cancelled canceled postponed")
SCHEDULED_COMPLEMENTS = words("due set scheduled expected slated")  # "is due to take place"

# Progressive auxiliaries: "was sending reinforcements" is a campaign under way (dating).
PROGRESSIVE_AUX = words("is are was were been")
# Sayings whose speaker may be their object ("quoted the minister"; roles, emit).
CITING_VERBS = words("quote cite")

# Casualties and blasts with a natural or accidental cause are not attacks
# (classify.accidental). Not "fire" or "storm": "opened fire", "stormed the town".
ACCIDENT_NOUNS = words(
    "earthquake earthquakes quake tsunami flood floods flooding landslide landslides mudslide "
    "volcano eruption cyclone typhoon hurricane tornado blaze wildfire crash accident collapse "
    "stampede avalanche lightning derailment"
)
# "a gas cylinder exploded": an industrial blast needs both a container and a blast word.
ACCIDENT_CONTAINERS = words("gas tank boiler transformer cylinder pipeline")
BLAST_WORDS = words("explosion explode blast")
ACCIDENT_VERBS = words("plunge overturn capsize derail collide")  # "a bus plunged off a bridge"
# Triggers that only count casualties or a blast, and so say nothing of who caused them.
CASUALTY_TRIGGERS = words("kill injure wound die explosion blast hit")

# Deployments beyond "send troops" (classify._deployment_context, status, roles).
# Forces that are deployed without being an army unit ("police officers", "reservists").
DEPLOYED_FORCES = words("officers police policemen gendarmes reservists reservist barracks points")
# "mobilised reservists", "called up 300,000 reservists", "put troops on high alert".
MOBILISE_VERBS = words("mobilise mobilize")
ALERT_VERBS = words("put place")
# "troops heading to the border", "peacekeepers arrived in Goma": motion with a destination.
MOTION_VERBS = words("head arrive land")
MOTION_PREPS = words("to in into for toward towards")
# "detected 12 Chinese warships": the observed state's forces are deployed.
PERCEPTION_VERBS = words("detect spot track monitor observe")
# "said it would deploy": a future in the past under a saying verb is a plan, not a guess.
PAST_SAYING_VERBS = words("say announce tell state add confirm pledge vow promise")
# Subjects that make a motion verb a troop movement (never a delegation's arrival).
TROOP_NOUNS = words(
    "troops soldiers forces force peacekeepers reinforcements convoy convoys contingent "
    "battalion battalions brigade brigades units marines paratroopers commandos officers "
    "police reservists warships"
)

# Statements beyond verbs of saying (CAMEO 02, 05-praise, 11-13; classify, roles).
# Stances taken in public: praise and complaint, veto.
STANCE_VERBS = _table(
    {
        ("statement", "comment"): "praise welcome hail commend applaud",
        ("statement", "accusation"): "complain",
        ("statement", "rejection"): "veto",
    }
)
VERB_CLASSES.update(STANCE_VERBS)
# Nouns that carry a statement when they name their own speaker ("its threat to use force",
# "a proposal by Moscow", "according to a statement from the ministry").
SPEECH_ACT_NOUNS = _table(
    {
        ("statement", "threat"): "threat threats warning warnings ultimatum",
        ("statement", "appeal"): "appeal appeals proposal",
    }
)
NOUN_CLASSES.update(SPEECH_ACT_NOUNS)
SPEAKER_PREPS = words("by from")
# "confirmed that the talks ended": confirm with a clause is an announcement.
CONFIRM_VERBS = words("confirm")
# "the ministry reported that ...": an announcement only when a state body reports.
REPORT_VERBS = words("report")
REPORTING_SECTORS = words("GOV MIL")

# Attacks told by a verb that is an attack only with its arguments (classify.attack_in_context).
# "hurled a grenade at", "grenades were thrown at a patrol".
THROW_VERBS = words("throw hurl toss lob")
THROWN_EXPLOSIVES = words("grenade grenades bomb bombs explosive explosives")
# "a roadside bomb went off", "set off a car bomb": the device goes off.
EXPLOSIVE_DEVICES = words(
    "bomb bombs mine mines landmine landmines ied ieds explosive explosives device devices "
    "grenade grenades"
)
# "recovered control of two villages", "established control over the area". Not "regain":
# "regained control of areas in recent days" sums up a campaign.
REGAIN_VERBS = words("recover restore establish reassert extend")
# "freed several villages from the militants", "liberated the hilltops".
LIBERATE_VERBS = words("free liberate")
HELD_GROUND = words("hilltop hilltops heights ridge")
# Platforms and munitions whose subject makes "destroyed", "hit" an attack from the air or by fire.
PLATFORM_VERBS = words("destroy damage hit strike target slam pound raze flatten")
AIR_PLATFORMS = words("helicopters choppers gunships helicopter chopper gunship")
FIRED_MUNITIONS = words(
    "missile missiles rocket rockets shell shells mortar mortars projectile projectiles"
)
# Chemical weapons: "used chlorine", "poison gas was used".
CHEMICAL_AGENTS = words("chlorine sarin mustard nerve toxic poison chemical")
USE_VERBS = words("use deploy unleash")
# Verbs whose subject is an attack noun that happened ("an airstrike destroyed a clinic",
# "a grenade attack rocked the city").
ATTACK_SUBJECT_VERBS = words("rock destroy damage wound injure target erupt rage flare")
# "exploded a series of bombs": the transitive blast verb with a device.
EXPLODE_VERBS = words("explode")
# "mounted its invasion": an invasion is a ground assault (CAMEO 192-195 occupy/invade).
NOUN_CLASSES.update(_table({("attack", "ground_assault"): "invasion"}))
# "clashes broke out": an attack noun with an onset particle verb.
ONSET_PHRASAL = frozenset({("break", "out")})
# "sent rockets into Israel" is fire, not a delivery: a munition sent into, at or onto a place.
SEND_VERBS = words("send")
FIRE_PREPOSITIONS = words("into at on onto toward towards across")
# Targets beyond places and positions whose strike is an attack ("hit a fuel depot", "struck a
# tanker", "targeted a clinic").
STRUCK_TARGETS = words(
    "vessel vessels ship ships boat boats tanker tankers depot depots clinic clinics terminal "
    "warehouse warehouses market markets mosque church bus buses car vehicle vehicles "
    "checkpoint headquarters barracks"
)
# Verbs whose passive subject or object is an attack that happened ("was carried out",
# "was fended off", "repelled an offensive").
ATTACK_OBJECT_VERBS = words("carry conduct launch mount stage repel repulse fend")
# Verbs that report or witness an attack noun as a happening ("reported artillery strikes",
# "heard shelling", "claimed the bombing"). Not condemn or denounce: "X condemned the
# attack" is X's statement about an attack told elsewhere, and X is never its attacker.
ATTACK_WITNESS_VERBS = words("report confirm announce claim hear witness see describe")
# ", killing two": a casualty participle that may be the sentence's only attack word.
CASUALTY_PARTICIPLES = words("kill wound injure")
PARTICIPLE_DEPS = words("advcl xcomp conj acl")
# "came under attack", "engaged in clashes": the attack noun is the verb's content.
UNDERGO_PHRASES = frozenset({("come", "under"), ("engage", "in")})

# Talks told by an arrival (classify._envoy_arrival): "a delegation arrived to mediate a truce".
ENVOY_NOUNS = words(
    "delegation delegations envoy envoys mediator mediators negotiator negotiators emissary "
    "emissaries team"
)
ARRIVAL_VERBS = words("arrive land travel fly come")
# The purpose that makes the trip talks ("to negotiate", "to broker a ceasefire").
MEDIATION_VERBS = words("negotiate mediate broker discuss hold")

# Force posture held or built up (classify._deployment_context): "troops remained on alert",
# "strengthened its forces along the border".
ALERT_STATE_VERBS = words("remain stay")
REINFORCE_VERBS = words("strengthen bolster boost")
# Verbs that make a withdrawal or deployment noun a happening ("completed their withdrawal").
DEPLOYMENT_PHASE_VERBS = words("complete finish speed accelerate")
# Statement nouns that need a verb of delivering them ("lodged a protest", "issued a reminder").
DELIVERED_STATEMENTS = _table(
    {
        ("statement", "accusation"): "protest complaint",
        ("statement", "demand"): "reminder",
    }
)
DELIVERING_VERBS = words("lodge file issue deliver send")
DEPLOYMENT_SUPPORT_VERBS = DEPLOYMENT_SUPPORT_VERBS | DEPLOYMENT_PHASE_VERBS

# Talks nouns made happenings (classify.nominal_ok): "renewed negotiations", "arrived in Amman
# on a visit".
TALKS_RENEW_VERBS = words("renew reopen restart revive")
VISIT_NOUNS = words("visit trip tour")
# "the possible withdrawal": a deployment noun that is only a possibility (classify.nominal_ok).
POSSIBILITY_MODIFIERS = words("possible potential eventual hypothetical proposed")

# Stances told by a verb only with its complement (classify._stance_in_context, CAMEO 12
# reject, 10 demand): "declined to resign", "reneged on its pledge", "pushed for a vote",
# "pressured the union to call off the strike".
DECLINE_VERBS = words("decline")
# "declined to comment", "declined to be named": the journalist's sourcing, no stance.
UNTOLD_COMPLEMENTS = words(
    "comment elaborate say confirm discuss speak give provide specify identify name disclose "
    "reveal answer respond reply detail"
)
RENEGE_VERBS = words("renege backtrack")  # "reneged on", "backtracked on"
PUSH_VERBS = words("push press lobby")  # "pushing for", "pressed for"
PRESSURE_VERBS = words("pressure pressurise pressurize press")  # "pressured X to ..."
# Talks named by a mediation (classify, roles): "launched a mediation effort between X and Y".
MEDIATION_NOUNS = words("mediation")

# Attacks tried (status.status_of): "attempted to assassinate the governor", "an attempt to
# kill him was thwarted". A failed attack is still an attack that took place.
ATTEMPT_WORDS = words("attempt try")

# Patrols ordered or stepped up are forces put out (CAMEO 15, force posture; classify):
# "ordered patrols by police and soldiers", "stepped up patrols along the border".
PATROL_NOUNS = words("patrol patrols")
PATROL_VERBS = words("order launch begin start step increase intensify mount deploy")

# "summoned the ambassador to complain": the saying a summons is for was made (status, roles).
SUMMONING_VERBS = words("summon")

# An attack answered or avenged happened (attack_cues.attack_noun_happened): "answering a
# drone strike", "to avenge the bombing", "responded to the attack",
# "retaliated for the raid".
RESPONSE_VERBS = words("answer avenge")
RESPONSE_PREPS = frozenset({("respond", "to"), ("retaliate", "for"), ("retaliate", "against")})

# Mass killing named as such (CAMEO 20, unconventional mass violence): "a massacre of
# villagers", "carried out ethnic cleansing".
NOUN_CLASSES.update(_table({("attack", "killing"): "massacre massacres cleansing"}))
# "fighting between the army and the rebels": fighting whose two sides are named is a
# happening (attack_cues.attack_noun_happened).
SIDES_PREPS = words("between")
# "militias were engaged in a massacre": the passive subject is the attacker (roles).
ENGAGE_VERBS = words("engage")

# Driving a side out of a place by force (attack_cues.attack_in_context): "ousted the army
# from Goma", "drove the militants out of the town". Not expel: diplomats are expelled.
OUST_VERBS = words("oust drive dislodge")
OUT_OF_PREPS = words("from out")
# Who is driven out by force: an armed side or a government, not diplomats or a leader.
OUSTED_SIDES = words(
    "government regime forces force troops army rebels rebel militants militant fighters "
    "fighter militia militias insurgents jihadists soldiers"
)

# An attack kept going is one under way (attack_cues.attack_noun_happened): "pressed on with
# their offensive", "pushed ahead with the assault", "kept up the shelling".
PRESS_ON_VERBS = words("press push carry forge go")
PRESS_ON_PARTICLES = words("on ahead")
KEEP_UP = frozenset({("keep", "up")})

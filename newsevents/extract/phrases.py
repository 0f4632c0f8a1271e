"""Noun-phrase helpers for party resolution: sponsors, countries and places named in a
phrase, titles, cataphora, example lists and names."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.doccache import entity_at
from newsevents.lexicon import agents, countries
from newsevents.lexicon.actors import ActorEntry
from newsevents.lexicon.gazetteer import lookup_place
from schemas import Party

PERSON_PRONOUNS = frozenset(["he", "him", "his", "she", "her"])
# "Russia-backed Syrian forces": the first country names the sponsor, not the actor.
SPONSOR_WORDS = frozenset(
    ["back", "lead", "support", "sponsor", "make", "fund", "align", "ally", "arm", "train", "build"]
) | frozenset(
    [
        "backed",
        "led",
        "supported",
        "sponsored",
        "made",
        "funded",
        "aligned",
        "allied",
        "armed",
        "trained",
        "built",
    ]
)
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "some"])
# "ministers of 14 nations, including Germany": examples are not the actor.
_EXAMPLE_PREPS = frozenset(["including", "like", "such", "except", "excluding", "besides"])
_IGO_CODES = frozenset(countries.IGO_CODES.values())
# Regional adjectives CAMEO codes like countries.
_REGIONS = {"european": "EUR", "african": "AFR", "arab": "ARB", "western": "WST"}


def _is_sponsor(tok: Token) -> bool:
    """True for the country in "Russia-backed"/"Russian-led" compounds."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc):
        return tok.doc[tok.i + 2].lemma_.lower() in SPONSOR_WORDS
    return tok.head.lemma_.lower() in SPONSOR_WORDS and tok.dep_ in ("npadvmod", "compound")


def _country_in(span: Span) -> str | None:
    """The country a phrase names by demonym or name, skipping sponsors ("Russia-backed").

    A leader ("Saudi-led coalition") is the actor's country only when nothing else is named.
    """
    found = leader = None
    for tok in span:
        if not tok.text[:1].isupper() or _in_example(tok, span):
            continue
        code = countries.country_code(tok.text) or _REGIONS.get(tok.lower_)
        if not code:
            continue
        if _is_sponsor(tok):
            if _sponsor_word(tok) == "lead":
                leader = code
            continue
        found = code  # the last one is nearest the head
    return found or leader


def _titled_sector(span: Span, head: Token, party: Party) -> Party:
    """ "President George Bush said": the title the text gives outranks a dictionary role
    that the article's date puts in the past (a former office holder is CVL today)."""
    ent = entity_at(head, "PERSON")
    start = ent.start if ent is not None else head.i
    title = span.doc[span.start : start] if span.start < start else None
    if title is None or any(
        t.lower_ in ("former", "ex", "late") for t in span.doc[max(0, span.start - 2) : start]
    ):
        return party  # "former Nigerian President X" is no office holder
    sector = agents.agent_sector(title.text)
    if sector is None and agents.agent_role(title.text) is not None:
        # "the U.N. High Commissioner for Refugees": an office of a body or of a state
        sector = "IGO" if party.country in _IGO_CODES else "GOV"
    if sector is None or sector == "CVL":
        return party
    return party.model_copy(update={"sector": sector})


def _country_of_place(head: Token, preps: frozenset[str] = frozenset(["in"])) -> str | None:
    """The country of an "in <place>" phrase on a noun ("rebels in Mali", "rebels in the Ivory
    Coast"); the place may be named in several words, and NER may miss its label."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ != "pobj" or not (
                    obj.ent_type_ in ("GPE", "LOC") or obj.pos_ == "PROPN"
                ):
                    continue
                names = [t.text for t in obj.lefts if t.dep_ == "compound"] + [obj.text]
                for name in (" ".join(names), obj.text):
                    code = countries.country_code(name)
                    place = lookup_place(name) if code is None else None
                    found = code or (place.country if place is not None else None)
                    if found:
                        return found
    return None


def _seat_or_place_country(title: Span) -> str | None:
    """ "State Department spokesman" -> USA; "the Tigray delegation's spokesman" -> ETH."""
    words = [t.text for t in title]
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            piece = " ".join(words[i : i + size])
            code = countries.capital_metonym(piece) or countries.capital_metonym("the " + piece)
            if code:
                return code
    for tok in title:
        if tok.pos_ == "PROPN":
            place = lookup_place(tok.text)
            if place is not None and place.country:
                return place.country
    return None


def _sponsor_word(tok: Token) -> str:
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        return doc[tok.i + 2].lemma_.lower()
    return tok.head.lemma_.lower()


def _same_person(tok: Token, hit: tuple[int, ActorEntry]) -> bool:
    """A surname match is another person when the text names a different first name.

    "Dorothy Shea" is not the dictionary's "Gail Shea"; "Yahya Saree" is not "Ahmad Yahya".
    """
    ent = entity_at(tok, "PERSON")
    if ent is None:
        return True
    end = ent.end
    while end > ent.start and tok.doc[end - 1].tag_ == "POS":
        end -= 1  # "Angela Merkel's": the possessive ending is no part of the name
    if end > hit[0]:
        return False  # the name goes on past the match: a different surname
    known = {w.lower() for w in hit[1].name.replace("-", " ").split()}
    given = [t for t in ent if t.i < tok.i and t.is_alpha and t.text[:1].isupper()]
    return not given or any(t.lower_ in known for t in given)


def _cataphor(pron: Token) -> Token | None:
    """ "During his visit, the Turkish president ...": a possessive in a fronted phrase
    refers forward to the subject of the clause it modifies."""
    if pron.dep_ != "poss":
        return None
    cur = pron.head
    for _ in range(len(pron.doc)):  # a tree climb: the root (its own head) ends it
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i < pron.i or subj.lower_ in PERSON_PRONOUNS:
        return None
    return subj


def _definite(span: Span) -> bool:
    return any(t.lower_ in ("the", "these", "those") for t in span[:2])


def _in_example(tok: Token, span: Span) -> bool:
    """Is ``tok`` inside an "including ..." list hanging off the phrase?"""
    cur = tok
    # A span over two sentences holds a root other than span.root: stop at any root.
    for _ in range(len(tok.doc)):
        if cur.i == span.root.i or not span.start <= cur.i < span.end or cur.head.i == cur.i:
            break
        if cur.dep_ == "prep" and cur.lower_ in _EXAMPLE_PREPS:
            return True
        cur = cur.head
    return False


def _role_keys(role: str, country: str | None) -> list[tuple[str, str | None]]:
    """Lookup keys for a role: heads of state and government also answer to "leader"."""
    keys = [(role, country)]
    if role in (
        "president",
        "leader",
        "prime minister",
        "head of government",
        "chancellor",
        "king",
        "emir",
        "premier",
    ):
        keys.append(("leader", country))
    return keys


def _phrase_text(span: Span, head: Token) -> str:
    return " ".join(t.text for t in span if t.i <= head.i and not t.is_punct)


def _clean_name(span: Span) -> str:
    words = [t for t in span if not t.is_space]
    while words and (words[0].lower_ in _DETERMINERS or words[0].tag_ in ("PRP$", "POS")):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].tag_ == "POS"):
        words = words[:-1]
    if not words:
        return span.text.strip()
    return span.doc[words[0].i : words[-1].i + 1].text.strip()

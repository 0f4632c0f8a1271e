"""Event places: a noun phrase to a gazetteer :class:`Location`, the place of a trigger, and
the country most of an article's places are in."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from newsevents.doccache import entities
from newsevents.extract.syntax import _children, _clause_head
from newsevents.extract.triggers import PLACE_PREPS
from newsevents.lexicon.countries import countries_named
from newsevents.lexicon.gazetteer import lookup_place
from schemas import Location

_KNOWN = "newsevents.countries_named"


def doc_countries(doc: Doc) -> frozenset[str]:
    """The countries the article names anywhere, computed once per Doc."""
    if _KNOWN not in doc.user_data:
        doc.user_data[_KNOWN] = countries_named([t.text for t in doc])
    return doc.user_data[_KNOWN]


def resolve_place(doc: Doc, head: Token) -> Location | None:
    """The place named by the phrase headed by ``head`` ("the town of Neirab", "Idlib city")."""
    for child in head.children:
        # "the town of Neirab": the place is the object of "of".
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC"):
                    return resolve_place(doc, obj)
    if not head.text[:1].isupper() and head.ent_type_ not in ("GPE", "LOC", "FAC"):
        compounds = [c for c in head.children if c.dep_ == "compound" and c.text[:1].isupper()]
        if not compounds:
            return None
        head = compounds[0]
    # The whole name ("New York"): the head and its compounds (tokens compared by index).
    name_tokens = [t for t in head.subtree if t.dep_ in ("compound", "flat") or t.i == head.i]
    name = " ".join(t.text for t in sorted(name_tokens, key=lambda t: t.i))
    for candidate in (name, head.text):
        loc = lookup_place(candidate, known_countries=doc_countries(doc))
        if loc is not None:
            return loc
    return None


def event_location(doc: Doc, tok: Token) -> Location | None:
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
                        loc = resolve_place(doc, obj)
                        if loc is not None:
                            return loc
                nxt.append(child)
        frontier = nxt
    return None


def main_country(doc: Doc) -> str | None:
    """The country most of the article's named places are in."""
    counts: Counter[str] = Counter()
    for ent in entities(doc):
        # Only places things happen "in/at/near", not adjectives such as "Russia-backed".
        head = ent.root.head
        if ent.label_ in ("GPE", "LOC") and head.dep_ == "prep" and head.lower_ in PLACE_PREPS:
            loc = resolve_place(doc, ent.root)
            if loc is not None and loc.country:
                counts[loc.country] += 1
    return counts.most_common(1)[0][0] if counts else None

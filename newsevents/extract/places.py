"""Event places: a noun phrase to a gazetteer :class:`Location`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

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

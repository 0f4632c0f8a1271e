"""Dependency-tree helpers over spaCy tokens: children by relation, the subject, negation,
auxiliaries, the clause a token is in and the verb that embeds it, a verb's objects.

Tokens are compared by ``.i`` (spaCy makes a new Token on each access), and every climb up
the tree is bounded by the length of the Doc, so each helper ends on any parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.triggers import QUANTITY_NOUNS


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

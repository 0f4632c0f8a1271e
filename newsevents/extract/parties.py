"""Actors and targets: from a noun phrase to a coded :class:`Party`.

Resolution order, most to least specific: a dictionary name inside the
phrase, a person named by spaCy with a title and demonym, a demonym with an
agent noun ("Turkish troops"), a capital or seat of power as metonym, and
finally pronouns and definite descriptions ("the Turkish leader") back to the
last matching actor in the article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.lexicon import agents, countries
from newsevents.lexicon.actors import ActorEntry, load_actor_index
from schemas import Party

PERSON_PRONOUNS = frozenset(["he", "him", "his", "she", "her"])
GROUP_PRONOUNS = frozenset(["they", "them", "their", "it", "its"])
LEADER_WORDS = frozenset(
    ["leader", "president", "premier", "counterpart", "chancellor", "king", "emir"]
)
# "Russia-backed Syrian forces": the first country names the sponsor, not the actor.
SPONSOR_WORDS = frozenset(
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
_STOP_CLAUSE_DEPS = frozenset(["relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"])


@dataclass
class Known:
    """A party already seen in the article, for pronouns and short names."""

    party: Party
    kind: str
    start: int


@dataclass
class PartyResolver:
    """Resolves noun phrases of one parsed article to parties, remembering the discourse."""

    doc: Doc
    published: dt.date | None
    entries: dict[int, tuple[int, ActorEntry]] = field(default_factory=dict)
    history: list[Known] = field(default_factory=list)

    def __post_init__(self) -> None:
        for start, end, entry in load_actor_index().find(self.doc.text, on=self.published):
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.entries[tok.i] = (span.end, entry)

    def phrase(self, head: Token) -> Span:
        """The noun phrase headed by ``head``, without clauses and coordinated phrases."""
        left, right = head.i, head.i
        for child in head.lefts:
            if child.dep_ not in _STOP_CLAUSE_DEPS:
                left = min(left, child.left_edge.i)
        for child in head.rights:
            if child.dep_ in ("compound", "appos", "prep", "amod", "nummod", "case", "flat"):
                if child.dep_ == "prep" and child.text.lower() != "of":
                    continue
                right = max(right, child.right_edge.i)
        return self.doc[left : right + 1]

    def resolve(self, head: Token | None, *, remember: bool = True) -> Party | None:
        """The party that the noun phrase headed by ``head`` refers to, or None."""
        if head is None:
            return None
        party, kind = self._resolve(head)
        if party is not None and remember:
            self.history.append(Known(party, kind, head.i))
        return party

    def _resolve(self, head: Token) -> tuple[Party | None, str]:
        span = self.phrase(head)
        low = head.text.lower()
        if low in PERSON_PRONOUNS:
            return self._last(head.i, kinds=("person",)), "person"
        if low in GROUP_PRONOUNS:
            return self._last(head.i, kinds=("country", "body", "group", "capital", "igo")), "group"
        found = self._dictionary(span, head)
        if found is not None:
            return found
        person = self._person(span, head)
        if person is not None:
            return person, "person"
        country = _country_in(span)
        sector = agents.agent_sector(_phrase_text(span, head)) or agents.agent_sector(head.lemma_)
        if low in LEADER_WORDS or head.lemma_.lower() in LEADER_WORDS:
            prior = self._last(head.i, kinds=("person",), country=country)
            if prior is not None:
                return prior, "person"
        if sector and country:
            return Party(name=_clean_name(span), country=country, sector=sector), "group"
        if sector:
            return Party(name=_clean_name(span), country=None, sector=sector), "group"
        return None, ""

    def _dictionary(self, span: Span, head: Token) -> tuple[Party, str] | None:
        best: tuple[int, ActorEntry] | None = None
        for tok in span:
            hit = self.entries.get(tok.i)
            # A weekday or month is a date, never an actor ("Tuesday" is also a surname).
            if hit is None or _is_sponsor(tok) or tok.ent_type_ in ("DATE", "TIME"):
                continue
            rank = (tok.i == head.i or hit[0] > head.i >= tok.i, hit[1].kind == "person")
            if best is None or rank > best[0]:
                best = (rank, hit[1])
        if best is None:
            return None
        entry = best[1]
        sector = entry.sector
        if entry.kind in ("country", "capital"):
            # A country with an agent noun ("Turkish troops") takes the noun's sector.
            sector = agents.agent_sector(_phrase_text(span, head)) or sector or "GOV"
            if head.text.lower() not in (entry.name.lower(),) and agents.agent_sector(head.lemma_):
                name = _clean_name(span)
                return Party(name=name, country=entry.country, sector=sector), "group"
        if entry.kind == "person":
            prior = self._by_surname(entry.name)
            if prior is not None:
                return prior, "person"
        return Party(name=entry.name, country=entry.country, sector=sector), entry.kind

    def _person(self, span: Span, head: Token) -> Party | None:
        ents = [e for e in span.ents if e.label_ == "PERSON"]
        if not ents:
            return None
        ent = next((e for e in ents if e.start <= head.i < e.end), ents[-1])
        name = ent.text.strip()
        prior = self._by_surname(name)
        if prior is not None:
            return prior
        title = span.doc[span.start : ent.start]
        country = _country_in(title) if len(title) else None
        sector = agents.agent_sector(title.text) if len(title) else None
        if country is None:
            return None
        return Party(name=name, country=country, sector=sector or "GOV")

    def _by_surname(self, name: str) -> Party | None:
        last = name.split()[-1].lower()
        for known in reversed(self.history):
            if known.kind == "person" and known.party.name.split()[-1].lower() == last:
                return known.party
        return None

    def _last(
        self, before: int, *, kinds: tuple[str, ...], country: str | None = None
    ) -> Party | None:
        for known in reversed(self.history):
            if known.start >= before or known.kind not in kinds:
                continue
            if country is None or known.party.country == country:
                return known.party
        return None


def _is_sponsor(tok: Token) -> bool:
    """True for the country in "Russia-backed"/"Russian-led" compounds."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc):
        return tok.doc[tok.i + 2].lemma_.lower() in SPONSOR_WORDS
    return tok.head.lemma_.lower() in SPONSOR_WORDS and tok.dep_ in ("npadvmod", "compound")


def _country_in(span: Span) -> str | None:
    """The country a phrase names by demonym or name, skipping sponsors ("Russia-backed")."""
    found = None
    for tok in span:
        if _is_sponsor(tok) or not tok.text[:1].isupper():
            continue
        code = countries.country_code(tok.text)
        if code:
            found = code  # the last one is nearest the head
    return found


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

"""Actors and targets: from a noun phrase to a coded :class:`Party`.

Resolution order, most to least specific: a dictionary name inside the
phrase, a person named by spaCy with a title and demonym, a demonym with an
agent noun ("Turkish troops"), a capital or seat of power as metonym, and
finally pronouns and definite descriptions ("the Turkish leader") back to the
last matching actor in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.doccache import doc_text, entities, entities_in, entity_at
from newsevents.extract.phrases import (
    PERSON_PRONOUNS,
    _cataphor,
    _clean_name,
    _country_in,
    _country_of_place,
    _definite,
    _in_example,
    _is_sponsor,
    _phrase_text,
    _role_keys,
    _same_person,
    _seat_or_place_country,
    _sponsor_word,
    _titled_sector,
)
from newsevents.lexicon import agents, countries
from newsevents.lexicon.actors import ActorEntry, load_actor_index
from newsevents.lexicon.gazetteer import lookup_place
from schemas import Party

AIDE_WORDS = frozenset(
    [
        "deputy",
        "aide",
        "adviser",
        "advisor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "assistant",
        "secretary",
        "chief",
        "minister",
    ]
)
GROUP_PRONOUNS = frozenset(["they", "them", "their", "it", "its"])
LEADER_WORDS = frozenset(
    ["leader", "president", "premier", "counterpart", "chancellor", "king", "emir"]
)
_NP_LEFT_DEPS = frozenset(
    ["det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "predet", "npadvmod"]
)
_BOTH_SIDES = re.compile(
    r"\b(?:both sides|both countries|both governments|(?:the )?two (?:sides|countries|nations|"
    r"neighbou?rs|governments|leaders|koreas|rivals|capitals|delegations|parties)|"
    r"warring (?:parties|sides))\b"
)
# Sectors of state bodies that an article names without their country ("the ministry said").
BODY_SECTORS = frozenset(["GOV", "MIL", "JUD", "LEG", "SPY", "COP"])
# Nouns an article uses for an international body it has named ("the bloc", "the alliance").
BLOC_NOUNS = frozenset(["bloc", "alliance", "organisation", "organization", "grouping"])


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
    roles: dict[tuple[str, str | None], Party] = field(default_factory=dict)
    last_speaker: Known | None = None
    principal: Known | None = None
    # Indexes of ``history`` (positions in it), kept by :meth:`_remember` so that each lookup
    # costs the matches, not a scan of everything the article said before.
    _kind_at: dict[int, str] = field(default_factory=dict, repr=False)
    _by_kind: dict[tuple[str, str | None], list[int]] = field(default_factory=dict, repr=False)
    _by_sector: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _surname: dict[str, int] = field(default_factory=dict, repr=False)
    _forename: dict[str, int] = field(default_factory=dict, repr=False)
    # For unnamed bodies ("the ministry said"): history positions by name word, and how often
    # each country was named; abbreviations spelt out as "Long Name (ABBR)".
    _by_word: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _tally: Counter[str] = field(default_factory=Counter, repr=False)
    _aliases: dict[str, Token] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for start, end, entry in load_actor_index().find(doc_text(self.doc), on=self.published):
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.entries[tok.i] = (span.end, entry)
        self._scan_titles()

    def _scan_titles(self) -> None:
        """Record "Turkish Foreign Minister Mevlut Cavusoglu" as (foreign minister, TUR).

        Later (or earlier) descriptions such as "the Turkish foreign minister" or
        "the Russian leader" then resolve to the named person.
        """
        for ent in entities(self.doc):
            if ent.label_ != "PERSON":
                continue
            left = ent.start
            while (
                left > 0
                and self.doc[left - 1].dep_ in ("compound", "amod", "nmod")
                and (self.doc[left - 1].head.i >= ent.start - 1)
            ):
                left -= 1
            if left == ent.start:
                continue
            title = self.doc[left : ent.start]
            role = agents.agent_role(title.text)
            if role is None:
                continue
            person = self._person(self.doc[left : ent.end], ent.root, register=False)
            if person is None or person.country is None:
                continue
            for key in _role_keys(role, person.country):
                self.roles.setdefault(key, person)

    def speaker(self, head: Token | None) -> Party | None:
        """The speaker of a saying verb: "he said" after a quote is the last speaker."""
        if head is not None and head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            last = self.last_speaker
            person = head.lower_ in PERSON_PRONOUNS
            if last is not None and last.start < head.i and (not person or last.kind != "body"):
                return last.party
            if person and self.principal is not None and self.principal.start < head.i:
                return self.principal.party  # "Erdogan's office said he told Trump"
        if head is None:
            return None
        party, kind = self._resolve(head)
        if party is None:
            party, kind = self._alias(head), "body"
        if party is None and head.lemma_.lower() in BLOC_NOUNS and _definite(self.phrase(head)):
            party = self._last_sector(head.i, "IGO")  # "the bloc said": the body named before
        if party is not None and party.country is None and _definite(self.phrase(head)):
            party = self._body_country(head, party)
        if party is not None and party.country is None:
            # "rebels in Mali said", "opposition parties in Malawi are demanding"
            place = _country_of_place(head)
            party = party.model_copy(update={"country": place}) if place else party
        if party is None or party.country is None:
            party = self._placed(head, party)
        if party is None and head.ent_type_ == "PERSON":
            party = self._titled(head)
        if party is not None and party.sector == "CVL" and head.ent_type_ == "PERSON":
            party = _titled_sector(self.phrase(head), head, party)
        if party is not None:
            self._remember(Known(party, kind, head.i))
        return party

    def _placed(self, head: Token, party: Party | None) -> Party | None:
        """ "the office of North Kivu's governor": a province names the country."""
        span = self.phrase(head)
        for ent in entities_in(span):
            if ent.label_ in ("GPE", "LOC"):
                place = lookup_place(" ".join(t.text for t in ent if t.tag_ != "POS"))
                if place is not None and place.country:
                    name = party.name if party is not None else _clean_name(span)
                    sector = (party.sector if party is not None else None) or "GOV"
                    return Party(name=name, country=place.country, sector=sector)
        return party

    def _titled(self, head: Token) -> Party | None:
        """ "President Maria Alvarez", "Cardinal John Okafor": a speaker the text
        names with a title, whose country neither the dictionary nor the phrase gives."""
        ent = entity_at(head, "PERSON")
        if ent is None:
            return None
        start = min(self.phrase(head).start, ent.start)
        # NER may take the title into the name ("Archbishop Desmond Tutu"): try each split.
        for cut in range(max(ent.start, start + 1), ent.end):
            title = self.doc[start:cut].text
            sector = agents.agent_sector(title)
            if sector is not None or agents.agent_role(title) is not None:
                name = self.doc[max(cut, ent.start) : ent.end].text.strip()
                return Party(name=name, country=None, sector=sector or "GOV")
        return None

    def _alias(self, head: Token) -> Party | None:
        """ "the RDF said" after "Rwanda Defence Force (RDF)": the long name spelt out earlier."""
        abbr = head.text
        if not (2 <= len(abbr) <= 6 and abbr.isupper() and abbr.isalpha()):
            return None
        if self._aliases is None:
            self._aliases = {}
            for tok in self.doc:
                if tok.i >= 2 and self.doc[tok.i - 1].text == "(" and tok.text.isupper():
                    long_name = tok.head if tok.dep_ == "appos" else self.doc[tok.i - 2]
                    if long_name.i != tok.i:
                        self._aliases.setdefault(tok.text, long_name)
        long_name = self._aliases.get(abbr)
        if long_name is None or long_name.i >= head.i:
            return None
        party, _ = self._resolve(long_name)
        return party if party is not None and party.country is not None else None

    def _body_country(self, head: Token, party: Party) -> Party:
        """ "the defence ministry said", "the government said": an unnamed state body is that
        of the same body named before, else of the article's main country."""
        if party.sector not in BODY_SECTORS:
            return party
        pos = self._latest_before(self._by_word.get(head.lower_, []), head.i)
        country = self.history[pos].party.country if pos >= 0 else None
        if country is None and self._tally:
            country = self._tally.most_common(1)[0][0]
        return party.model_copy(update={"country": country}) if country else party

    def note_speaker(self, head: Token | None, party: Party | None) -> None:
        """Remember who spoke last, even an anonymous source (then ``party`` is None)."""
        if head is not None:
            kind = self._kind_at.get(head.i, "speaker")
            self.last_speaker = Known(party, kind, head.i)  # type: ignore[arg-type]
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            hit = self.entries.get(owner.i) if owner is not None else None
            if kind == "body" and hit is not None and hit[1].kind == "person":
                entry = hit[1]
                self.principal = Known(
                    Party(name=entry.name, country=entry.country, sector=entry.sector or "GOV"),
                    "person",
                    owner.i,
                )

    def phrase(self, head: Token) -> Span:
        """The noun phrase headed by ``head``: modifiers, names and "of" complements only."""
        left, right = head.i, head.i
        for child in head.lefts:
            if child.dep_ in _NP_LEFT_DEPS:
                left = min(left, child.left_edge.i)
        if head.ent_type_ == "PERSON":
            ent = entity_at(head)
            if ent is not None:
                left, right = min(left, ent.start), max(right, ent.end - 1)
        if head.ent_type_ == "PERSON" and left > 0:
            # A misparse can split "Sudanese Foreign Minister | Ali al-Sadiq" into two subjects.
            title = self.doc[left - 1]
            if (
                title.pos_ in ("NOUN", "PROPN")
                and title.head.i == head.head.i
                and title.i != head.i
            ):
                left = title.left_edge.i
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
            self._remember(Known(party, kind, head.i))
        return party

    def _remember(self, known: Known) -> None:
        """Append to ``history`` and index the entry (the latest entry wins each key)."""
        pos = len(self.history)
        self.history.append(known)
        party = known.party
        self._kind_at[known.start] = known.kind
        self._by_kind.setdefault((known.kind, None), []).append(pos)
        if party.country is not None:
            self._by_kind.setdefault((known.kind, party.country), []).append(pos)
            if party.sector is not None and party.country:
                self._by_sector.setdefault(party.sector, []).append(pos)
        words = party.name.lower().split()
        if party.country is not None:
            for word in words:
                self._by_word.setdefault(word, []).append(pos)
            if party.sector != "IGO":
                self._tally[party.country] += 1
        if known.kind == "person" and words:
            self._surname[words[-1]] = pos
            if len(words) > 1:
                self._forename[words[0]] = pos

    def _resolve(self, head: Token) -> tuple[Party | None, str]:
        span = self.phrase(head)
        low = head.text.lower()
        if low in PERSON_PRONOUNS:
            later = _cataphor(head)
            if later is not None:
                return self._resolve(later)
            return self._last(head.i, kinds=("person",)), "person"
        if low in GROUP_PRONOUNS:
            return self._last(head.i, kinds=("country", "body", "group", "capital", "igo")), "group"
        aide = self._aide(head)
        if aide is not None:
            return aide, "person"
        described = self._described(span, head)
        if described is not None:
            return described, "person"
        found = self._dictionary(span, head)
        if found is not None:
            return _residents(head, found[0], _clean_name(span)), found[1]
        person = self._person(span, head)
        if person is not None:
            return person, "person"
        if head.pos_ == "PROPN":
            # "Wang said": a short name for a person already named in full (whatever NER says).
            prior = self._by_surname(head.text)
            if prior is not None:
                return prior, "person"
        country = _country_in(span)
        text = _phrase_text(span, head)
        sector = agents.agent_sector(text) or agents.agent_sector(head.lemma_)
        if low in LEADER_WORDS or head.lemma_.lower() in LEADER_WORDS:
            prior = self._last(head.i, kinds=("person",), country=country)
            if prior is not None:
                return prior, "person"
        if sector in ("REB", "MIL") and country is None and _definite(span):
            # "M23 rebels seized ... The rebels also attacked": the same group again.
            prior = self._last_sector(head.i, sector)
            if prior is not None:
                return prior, "group"
        if sector and country:
            return Party(name=_clean_name(span), country=country, sector=sector), "group"
        if country and _people_noun(head):
            # "Bosnian Croats demanded": a people, coded by the state it lives in
            name = _clean_name(span)
            return _residents(head, Party(name=name, country=country), name), "group"
        if sector:
            return Party(name=_clean_name(span), country=None, sector=sector), "group"
        return None, ""

    def _aide(self, head: Token) -> Party | None:
        """ "his deputy Fuat Oktay", "her spokesman": serves the possessor's government."""
        title = head
        if head.lemma_.lower() not in AIDE_WORDS:
            # "his deputy Fuat Oktay" parsed with the name as head or as a second subject
            near = [c for c in head.children if c.dep_ in ("compound", "appos", "nmod")]
            near += [c for c in head.head.children if c.dep_ == head.dep_ and c.i < head.i]
            title = next((c for c in near if c.lemma_.lower() in AIDE_WORDS), None)
            if title is None:
                return None
        poss = next((c for t in (title, head) for c in t.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ not in PERSON_PRONOUNS:
            return None
        spoke = self.last_speaker.party if self.last_speaker is not None else None
        owner = spoke if spoke is not None else self._last(head.i, kinds=("person",))
        if owner is None or owner.country is None:
            return None
        named = (
            [head]
            if head.i != title.i
            else [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        )
        proper = [t.text for t in self.phrase(named[0]) if t.pos_ == "PROPN"] if named else []
        name = " ".join(proper) or _clean_name(self.phrase(head))
        return Party(name=name, country=owner.country, sector="GOV")

    def armed_by_demonym(self, noun: Token) -> Party | None:
        """ "Israeli airstrikes", "Russian shelling": the armed forces of the named country."""
        country = _country_in(self.phrase(noun))
        if country is None:
            return None
        name = countries.country_name(country) or country
        return Party(name=f"{name} armed forces", country=country, sector="MIL")

    def _described(self, span: Span, head: Token) -> Party | None:
        """ "The Turkish foreign minister" -> the person titled so in this article."""
        if head.pos_ != "NOUN" or head.tag_ != "NN":
            return None
        role = agents.agent_role(_phrase_text(span, head))
        if role is None:
            return None
        country = _country_in(span)
        for key in _role_keys(role, country):
            if key in self.roles:
                return self.roles[key]
        return None

    def _dictionary(self, span: Span, head: Token) -> tuple[Party, str] | None:
        best: tuple[int, ActorEntry] | None = None
        for tok in span:
            if _in_example(tok, span):
                continue
            hit = self.entries.get(tok.i)
            # A weekday or month is a date, never an actor ("Tuesday" is also a surname).
            if hit is None or tok.ent_type_ in ("DATE", "TIME"):
                continue
            leader = _is_sponsor(tok) and _sponsor_word(tok) == "lead"
            if _is_sponsor(tok) and not (leader and hit[1].kind in ("group", "body", "igo")):
                continue  # "Russia-backed": the sponsor; "Hamas-led": the leader may be the actor
            if hit[1].kind == "person" and not _same_person(tok, hit):
                continue
            if (
                hit[0] == tok.i + 1
                and tok.is_sent_start
                and (tok.pos_ != "PROPN" or agents.agent_sector(tok.lower_) is not None)
            ):
                continue  # "Resistance fighters ...": a capitalised common word, not a name
            rank = (
                not leader,
                tok.i == head.i or hit[0] > head.i >= tok.i,
                hit[1].kind == "person",
            )
            if best is None or rank > best[0]:
                best = (rank, hit[1])
        if best is None:
            return None
        entry = best[1]
        if entry.kind in ("country", "capital") and head.ent_type_ == "PERSON" and not best[0][1]:
            return None  # "Sudan's army chief Abdel Fattah al-Burhan" is a person
        sector = entry.sector
        if entry.kind in ("country", "capital"):
            # A country with an agent noun ("Turkish troops") takes the noun's sector.
            sector = agents.agent_sector(_phrase_text(span, head)) or sector or "GOV"
            if head.text.lower() not in (entry.name.lower(),) and agents.agent_sector(head.lemma_):
                name = _clean_name(span)
                return Party(name=name, country=entry.country, sector=sector), "group"
        if entry.kind in ("body", "group"):
            owner = next((t for t in span if t.dep_ == "poss" and t.i < head.i), None)
            owner_country = _country_in(span.doc[owner.i : owner.i + 1]) if owner else None
            if owner_country and owner_country != entry.country:
                # "Seoul's Joint Chiefs of Staff": the possessor says whose body it is.
                return Party(name=_clean_name(span), country=owner_country, sector=sector), "body"
        if entry.kind == "person" and head.pos_ == "NOUN" and not best[0][1]:
            # "Erdogan's office said": the person's office speaks, not the person.
            return Party(
                name=_clean_name(span), country=entry.country, sector=entry.sector or "GOV"
            ), "body"
        if entry.kind == "person":
            prior = self._by_surname(entry.name)
            if prior is not None:
                return prior, "person"
        return Party(name=entry.name, country=entry.country, sector=sector), entry.kind

    def _person(self, span: Span, head: Token, *, register: bool = True) -> Party | None:
        ents = [e for e in entities_in(span) if e.label_ == "PERSON"]
        if not ents:
            return None
        ent = next((e for e in ents if e.start <= head.i < e.end), ents[-1])
        name = ent.text.strip()
        hit = self.entries.get(ent.root.i)
        if hit is not None and hit[1].kind == "person" and _same_person(ent.root, hit):
            entry = hit[1]
            return Party(name=entry.name, country=entry.country, sector=entry.sector or "GOV")
        prior = self._by_surname(name) if register else None
        if prior is not None:
            return prior
        title = span.doc[span.start : ent.start]
        country = _country_in(title) if len(title) else None
        sector = agents.agent_sector(title.text) if len(title) else None
        if country is None and len(title):
            country = _seat_or_place_country(title)
        owner = next(
            (t for t in title if t.dep_ == "poss" and t.lower_ not in PERSON_PRONOUNS), None
        )
        if country is None and owner is not None:
            # "the rebels' military spokesman, Yahya Saree": the possessor's side.
            party = self.resolve(owner, remember=False)
            if party is not None and party.country:
                country, sector = party.country, sector or party.sector
        appositives = [c for c in ent.root.children if c.dep_ == "appos"]
        # "Getachew Reda, the spokesman for ...": a misparse can make it a second subject.
        appositives += [
            c
            for c in ent.root.head.children
            if c.dep_ == ent.root.dep_
            and c.i > ent.root.i
            and c.i - ent.end <= 3
            and c.pos_ == "NOUN"
        ]
        for appos in appositives:
            # "Getachew Reda, the spokesman for the Tigray delegation, said"
            described = span.doc[appos.left_edge.i : appos.right_edge.i + 1]
            country = country or _country_in(described) or _seat_or_place_country(described)
            sector = sector or agents.agent_sector(described.text)
        if country is None and any(t.lower_ in ("his", "her") for t in title):
            # "his deputy Fuat Oktay": a deputy, aide or envoy serves the possessor's state.
            spoke = self.last_speaker.party if self.last_speaker is not None else None
            owner = spoke if spoke is not None else self._last(head.i, kinds=("person",))
            country = owner.country if owner is not None else None
            sector = "GOV" if sector in (None, "MIL") else sector
        if country is None:
            return None
        return Party(name=name, country=country, sector=sector or "GOV")

    def _by_surname(self, name: str) -> Party | None:
        """A person already named in full; one word may be the family name written first
        ("Wang" for "Wang Yi") or last ("Putin" for "Vladimir Putin")."""
        words = name.lower().split()
        if not words:
            return None
        found = [self._surname.get(words[-1], -1)]
        if len(words) == 1:
            found.append(self._forename.get(words[0], -1))
        pos = max(found)
        return self.history[pos].party if pos >= 0 else None

    def both_sides(self, head: Token) -> tuple[Party, Party] | None:
        """ "the two countries", "both sides", "the two Koreas": the last two states named."""
        text = " ".join(t.lower_ for t in self.phrase(head))
        if not _BOTH_SIDES.search(text):
            return None
        seen: list[Party] = []
        for known in reversed(self.history):
            party = known.party
            if known.start >= head.i or party.country is None or party.sector == "IGO":
                continue
            if all(p.country != party.country for p in seen):
                seen.append(party)
            if len(seen) == 2:
                return seen[1], seen[0]
        return None

    def _last_sector(self, before: int, sector: str) -> Party | None:
        """The latest party of ``sector`` with a country, named before token ``before``."""
        pos = self._latest_before(self._by_sector.get(sector, []), before)
        return self.history[pos].party if pos >= 0 else None

    def _last(
        self, before: int, *, kinds: tuple[str, ...], country: str | None = None
    ) -> Party | None:
        """The latest party of one of ``kinds`` (from ``country``) named before ``before``."""
        pos = max(
            (self._latest_before(self._by_kind.get((k, country), []), before) for k in kinds),
            default=-1,
        )
        return self.history[pos].party if pos >= 0 else None

    def _latest_before(self, positions: list[int], before: int) -> int:
        """The last history position in ``positions`` whose token precedes ``before``, or -1.

        Entries come mostly in text order, so the walk back stops after a step or two.
        """
        for pos in reversed(positions):
            if self.history[pos].start < before:
                return pos
        return -1


# "Albanians in southern Serbia", "the Kurds of Syria": where a people lives.
RESIDENCE_PREPS = frozenset(["in", "of"])


def _people_noun(head: Token) -> bool:
    """A plural demonym that names a people ("Serbs", "Albanians"), not an agent noun."""
    return head.tag_ in ("NNPS", "NNS") and countries.country_code(head.text) is not None


def _residents(head: Token, party: Party, name: str) -> Party:
    """A people is coded by the state it lives in: "ethnic Armenians in Georgia" (GEO),
    "Macedonian Albanians" (MKD). Troops, officials and other agents keep their own state."""
    if not _people_noun(head):
        return party
    own = countries.country_code(head.text)
    home = _country_of_place(head, RESIDENCE_PREPS)
    if home is None:
        home = next(
            (
                code
                for c in head.lefts
                if c.dep_ in ("amod", "compound")
                and (code := countries.country_code(c.text)) is not None
                and code != own
            ),
            None,
        )
    if home is None or home == party.country:
        return party
    return party.model_copy(update={"country": home, "name": name})

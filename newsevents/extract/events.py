"""Event extraction from one parsed article: the :class:`Extractor` walks the prose
sentences, classifies each token, and makes a candidate of each trigger with its status,
parties, place and date; :func:`extract_from_doc` merges and emits them.

Everything works on one spaCy ``Doc`` whose character offsets index the article's raw text,
so every event carries evidence offsets into that text. The steps live beside it:
:mod:`.syntax`, :mod:`.classify`, :mod:`.status`, :mod:`.roles`, :mod:`.places`,
:mod:`.dating`, :mod:`.merge` and :mod:`.emit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from newsevents import temporal
from newsevents.doccache import doc_text, entities_in
from newsevents.extract import places
from newsevents.extract.attack_cues import accidental
from newsevents.extract.attackers import (
    AttackerMemory,
    drop_victims,
    fire_origin,
    fired_at_place,
    local_sides,
    platform_side,
    self_reported,
)
from newsevents.extract.candidate import EventCandidate
from newsevents.extract.classify import (
    _killed_in,
    _other_attack,
    _provoking_attack,
    classify,
    nominal_ok,
)
from newsevents.extract.dating import DateLinker, _ongoing
from newsevents.extract.emit import mention_rank, to_event
from newsevents.extract.merge import merge_candidates
from newsevents.extract.parties import PartyResolver
from newsevents.extract.roles import _military, actor_and_target, statement_ok, talks_sides
from newsevents.extract.status import status_of
from newsevents.extract.syntax import _aux_words, _clause_head, _first
from newsevents.extract.triggers import NOUN_CLASSES, RETALIATION, TriggerClass
from schemas import Article, Event, Location, Party, TemporalExpression

# Not ")": captions end with "(AFP)".
SENTENCE_END = (".", '"', "”", "’", "'", "!")  # not "?": teasers ask, reports tell


def sentence_span(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def _has_stop(sent: Span) -> bool:
    text = sent.text.strip()
    return len(text) > 20 and text.endswith(SENTENCE_END) and any(t.pos_ == "VERB" for t in sent)


# A cut-off line is prose when it is at least this long: headlines are shorter.
CUT_OFF_MIN_WORDS = 12


def _reports_past(sent: Span) -> bool:
    """A past verb, or a participle with an auxiliary ("has been killed")."""
    return any(
        t.tag_ == "VBD"
        or (t.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in t.children))
        for t in sent
    )


def _cut_off_report(sent: Span) -> bool:
    """A long line in the past: a report whose final stop was cut off, if nothing follows."""
    words = sum(1 for t in sent if not (t.is_punct or t.is_space))
    return words >= CUT_OFF_MIN_WORDS and _reports_past(sent)


def prose_sentences(doc: Doc) -> list[Span]:
    """The sentences that are prose: headlines, captions and teasers lack sentence-final
    punctuation; prose has it.

    A text cut off mid-report (a snippet, a truncated feed) also counts: a long line in the
    past with no final stop is prose when no later sentence is, because a headline or
    standfirst stands above the body, never after it. One pass, linear in the sentences.
    """
    sents = list(doc.sents)
    stops = [_has_stop(s) for s in sents]
    last_stop = max((i for i, stop in enumerate(stops) if stop), default=-1)
    return [s for i, s in enumerate(sents) if stops[i] or (i > last_stop and _cut_off_report(s))]


@dataclass
class Extractor:
    """Extracts events from one parsed article."""

    article: Article
    doc: Doc
    timexes: list[TemporalExpression]
    resolver: PartyResolver = field(init=False)
    dates: DateLinker = field(init=False)
    _last_actor: dict[str, Party] = field(init=False, default_factory=dict)
    _attackers: AttackerMemory = field(init=False, default_factory=AttackerMemory)

    def __post_init__(self) -> None:
        self.resolver = PartyResolver(self.doc, self.article.published)
        self.dates = DateLinker(self.doc, self.timexes, self.article.published)

    def candidates(self) -> list[EventCandidate]:
        out: list[EventCandidate] = []
        for sent in prose_sentences(self.doc):
            for tok in sent:
                if tok.lemma_ == "report" and tok.pos_ == "VERB" and tok.tag_ != "VBG":
                    # "the agency reported ...; it said": track the reporter as the last speaker.
                    subj = _first(tok, "nsubj")
                    self.resolver.note_speaker(subj, self.resolver.resolve(subj))
                found = classify(tok)
                if found is None:
                    continue
                cls, nominal = found
                if nominal and not nominal_ok(tok, cls):
                    continue
                cand = self._candidate(tok, cls, nominal, sent)
                if cand is not None:
                    out.append(cand)
            self._remember_entities(sent)
        return out

    def _remember_entities(self, sent: Span) -> None:
        for ent in entities_in(sent):
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
                self.resolver.resolve(ent.root)

    def _candidate(
        self, tok: Token, cls: TriggerClass, nominal: bool, sent: Span
    ) -> EventCandidate | None:
        status = status_of(tok, cls)
        if status is None:
            return None
        if cls.type == "attack" and accidental(tok, sent):
            return None  # "an earthquake killed eight": casualties, not an attack
        actor, target = actor_and_target(self.resolver, tok, cls, nominal)
        provoking = _provoking_attack(tok) if tok.lower_ in RETALIATION else None
        if provoking is not None:
            # A retaliation is by the side attacked, against the attacker, on the same day.
            first = self._candidate(provoking, classify(provoking)[0], False, sent)
            if first is None or first.target is None:
                return None
            return replace(
                first,
                cls=cls,
                trigger=tok,
                actor=_military(first.target),
                target=first.actor,
                nominal=True,
                rank=first.rank - 1.0,
            )
        if cls.type == "statement" and not statement_ok(tok, actor):
            return None
        if cls.type == "talks" and (actor is None or actor.country is None):
            sides = talks_sides(self.resolver, tok)
            if sides is not None:
                actor, target = sides
        if cls.type == "talks" and actor is None and target is None and nominal:
            actor = self._last_actor.get("talks")
        if cls.type == "talks" and actor is None and target is None:
            return None  # talks with no known participant code nothing
        if cls.type in ("attack", "deployment"):
            actor = _military(actor)
            if cls.type == "attack" and not nominal:
                actor = drop_victims(self.resolver, tok, actor)
                actor = actor or platform_side(self.resolver, tok)
                actor = actor or self_reported(self.resolver, tok)
            if actor is None and cls.type == "deployment":
                actor = self._last_actor.get("deployment")
        location = places.event_location(self.doc, tok)
        if (
            cls.type == "attack"
            and actor is not None
            and actor.country is None
            and location is not None
            and fired_at_place(tok)
        ):
            actor = fire_origin(self.resolver, tok, actor, location)
        actor = self._home_country(actor, location, target)
        target = self._home_country(target, location, actor)
        if actor is not None:
            self._last_actor[cls.type] = actor
        timex = self.dates.link(tok, sent)
        own_date = timex is not None
        if timex is None and cls.type != "statement" and status == "occurred":
            timex = self.dates.reported(tok, sent) or self.dates.narrated(tok, sent)
        clause = _clause_head(tok)
        if (
            timex is None
            and cls.type != "statement"
            and clause.dep_ == "relcl"
            and ({"have", "has"} & _aux_words(clause) or clause.tag_ in ("VBZ", "VBP"))
        ):
            return None  # "Oman, which has mediated between ...": undated background
        if cls.subtype == "killing" and actor is None:
            means = _killed_in(tok)
            if means is not None:
                # "killed in a bombing", "killed in Israeli strikes": code the attack itself.
                cls = NOUN_CLASSES.get(means.lower_, cls)
                actor = _military(self.resolver.armed_by_demonym(means))
                if actor is None and _definite(means):
                    # "were killed in the strike": the strike already told, not a new one
                    nominal = True
                    timex = timex if own_date else None
        if cls.subtype == "killing" and actor is None and _other_attack(tok, sent):
            return None  # "... killed when forces attacked": the casualties of that attack
        if (
            cls.subtype == "killing"
            and actor is None
            and timex is None
            and ({"have", "has"} & _aux_words(tok))
        ):
            return None  # "53 soldiers have been killed since 2013": a running tally
        if cls.type == "attack" and actor is None and not nominal:
            actor = self._attackers.established(
                self.resolver, tok, location, target, self._main_country
            )
        if cls.type == "attack":
            self._attackers.note(actor)
        if cls.subtype == "clash" and actor is None:
            # after note(): the country's forces are no attacker the article established
            actor = local_sides(self.resolver, tok, location, target, self._main_country)
        date, precision = self.dates.date_of(timex, status)
        if status == "occurred":
            timex, bounded = self.dates.past_bound(timex, date, sent)
            if bounded:
                date, precision = self.dates.date_of(timex, status)
        if (
            timex is None
            and status == "occurred"
            and cls.type in ("attack", "deployment")
            and (_ongoing(tok))
        ):
            date, precision = None, "period"  # "was sending reinforcements": an undated campaign
        return EventCandidate(
            cls=cls,
            trigger=tok,
            sent=sent,
            status=status,
            actor=actor,
            target=target,
            location=location,
            timex=timex,
            date=date,
            precision=precision,
            nominal=nominal,
            mentions=[sentence_span(sent)],
            rank=mention_rank(tok, timex, nominal),
            evidence=sentence_span(sent),
        )

    def _home_country(
        self, party: Party | None, location: Location | None, other: Party | None
    ) -> Party | None:
        """Armed groups named without a country ("the rebels") fight where the event is.

        Falls back to the other side's country (insurgents fight their own state's forces),
        then to the country the article's places are mostly in.
        """
        if party is None or party.country is not None or party.sector not in ("REB", "MIL"):
            return party
        country = location.country if location is not None else None
        if country is None and other is not None and other.sector in ("GOV", "MIL"):
            country = other.country
        country = country or self._main_country
        return party.model_copy(update={"country": country}) if country else party

    @cached_property
    def _main_country(self) -> str | None:
        """The country most of the article's named places are in."""
        return places.main_country(self.doc)


def _definite(noun: Token) -> bool:
    """A definite noun ("the strike", "this attack") that refers back to an attack already told."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def extract_from_doc(article: Article, doc: Doc) -> list[Event]:
    """All events of one article (after in-article merging)."""
    timexes = temporal.tag(doc_text(doc), article.published, doc=doc)
    extractor = Extractor(article, doc, timexes)
    merged = merge_candidates(extractor.candidates())
    return [to_event(article, doc, c) for c in merged]

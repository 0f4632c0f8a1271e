"""Date linking: the date expression that dates a trigger (in its own clause, the sentence's
only one, or the date of the saying that reports it), and the day and precision it gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.extract.classify import classify
from newsevents.extract.syntax import _aux_words, _clause_head, _governor, _objects
from newsevents.extract.triggers import (
    NOUN_CLASSES,
    PROGRESSIVE_AUX,
    REPORTING_VERBS,
)
from newsevents.temporal import value_to_date
from schemas import TemporalExpression


@dataclass
class DateLinker:
    """Links the triggers of one article to its date expressions (``timexes``)."""

    doc: Doc
    timexes: list[TemporalExpression]
    published: dt.date | None
    _by_token: dict[int, TemporalExpression] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for tx in self.timexes:
            span = self.doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self._by_token[tok.i] = tx

    def link(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """The date expression in the trigger's own clause, if any."""
        clause = _clause_head(tok)
        found = classify(tok)
        attack = found is not None and found[0].type == "attack"
        best: tuple[int, TemporalExpression] | None = None
        for t in sent:
            tx = self._by_token.get(t.i)
            if tx is None or tx.anchor in ("deadline", "duration", "set"):
                continue
            owner = _timex_owner(t)
            # "said on Monday ...": a date right after the verb dates the verb.
            if 0 < t.i - tok.i <= 2 and all(x.pos_ == "ADP" for x in self.doc[tok.i + 1 : t.i]):
                owner = tok
            if attack and _other_time(t, tok):
                continue  # "the first attack since the killing of its leader on Tuesday"
            if _instrument_participle(owner, tok):
                owner = tok  # "in a raid approved by the minister last week": its date
            if _dated_antecedent(t, tok):
                owner = tok  # "a 2014 offensive that destroyed the port": the offensive's year
            inside = owner.pos_ == "NOUN" and owner.i != tok.i and tok in owner.ancestors
            if inside and _nested_happening(owner, tok):
                continue  # "said ... since Tuesday's strike": the strike's date, not the saying's
            if (
                owner.i not in (tok.i, clause.i)
                and not inside
                and not (tok.pos_ == "NOUN" and owner.i == tok.head.i)
            ):
                continue
            dist = abs(t.i - tok.i)
            if best is None or dist < best[0]:
                best = (dist, tx)
        if best is not None:
            return best[1]
        return (
            self._days_apart(tok, sent)
            or self._only_timex(tok, sent)
            or self._hours_later(tok, sent)
        )

    def _hours_later(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """ "Within hours, the premier went on television": a sentence whose only time words
        are "within hours" / "hours later" continues the day the previous sentence's main
        clause is dated by (hours never cross into the publication day by themselves)."""
        found = [tx for t in sent if (tx := self._by_token.get(t.i)) is not None]
        if any(tx.anchor != "duration" for tx in found):
            return None
        for t in sent:
            if t.lower_ not in HOUR_UNITS:
                continue
            before = self.doc[t.i - 1].lower_ if t.i > sent.start else ""
            after = self.doc[t.i + 1].lower_ if t.i + 1 < sent.end else ""
            if before == "within" or after == "later":
                return self._previous_date(sent)
        return None

    def narrated(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """An undated past event whose subject is a pronoun ("They were shot down", "All of
        them were intercepted") continues the previous sentence's narration: its date."""
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN"):
            return None
        if tok.i != sent.root.i:
            return None  # "said it would not stop until it had taken ...": another time
        if any(self._by_token.get(t.i) is not None for t in sent):
            return None
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ not in BACK_REFERENCES:
            return None
        if subj.pos_ != "PRON" and not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" for g in c.children)
            for c in subj.children
        ):
            return None
        return self._previous_date(sent)

    def _previous_date(self, sent: Span, day_only: bool = True) -> TemporalExpression | None:
        """The (day-precision) date the sentence before ``sent`` gives its main clause."""
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        found = self.link(prev.root, prev)
        if found is None or found.anchor != "point":
            return None
        if day_only and value_to_date(found.value)[1] != "day":
            return None
        return found

    def past_bound(
        self, timex: TemporalExpression | None, date: dt.date | None, sent: Span
    ) -> tuple[TemporalExpression | None, bool]:
        """An event that occurred cannot follow the publication date. "The next day" or "two
        days later" counted from an undated or coarser sentence ("in March") lands after it:
        the previous sentence's date at its own precision, else the publication date.
        Returns the timex to use and whether it was replaced."""
        if timex is None or date is None or self.published is None or date <= self.published:
            return timex, False
        if not LATER_WORDS & {w.lower() for w in timex.text.split()}:
            return timex, False
        prev = self._previous_date(sent, day_only=False)
        if prev is not None:
            day = value_to_date(prev.value)[0]
            if day is not None and day <= self.published:
                return prev, True
        return None, True

    def _days_apart(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """ "suspended the talks on Monday, a day after rebels attacked a base": a clause "N
        days after/before" a dated clause is dated N days earlier/later (hours: the same day).
        A coarser date ("In May, ... two days after") is kept as it is."""
        clause = _clause_head(tok)
        for _ in range(len(tok.doc)):  # "a day after an attack killed two and wounded 29"
            if clause.dep_ != "conj" or clause.head.i == clause.i:
                break
            clause = clause.head
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        sign = -1 if "after" in marks else 1 if "before" in marks else 0
        span = next((c for c in clause.children if c.dep_ == "npadvmod"), None)
        if not sign or span is None or clause.dep_ != "advcl" or span.lemma_ not in SPAN_DAYS:
            return None
        anchor = self.link(clause.head, sent)
        if anchor is None or anchor.anchor != "point":
            return None
        day, precision = value_to_date(anchor.value)
        if day is None or precision != "day":
            return anchor
        shift = sign * SPAN_DAYS[span.lemma_] * _count(span)
        return anchor.model_copy(update={"value": (day + dt.timedelta(days=shift)).isoformat()})

    def _only_timex(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """The sentence's one date expression, when no other event claims it.

        Parsers often hang "on Thursday" on the wrong verb ("blew up a bridge used by
        insurgents on Thursday"); with a single date and a single event it is the event's.
        """
        found = {id(tx): (t, tx) for t in sent if (tx := self._by_token.get(t.i)) is not None}
        points = [(t, tx) for t, tx in found.values() if tx.anchor == "point"]
        if len(points) != 1 or len(found) != 1:
            return None
        t, tx = points[0]
        owner = _timex_owner(t)
        if owner.i != tok.i and classify(owner) is not None:
            return None
        if owner.i != tok.i and any(c.dep_ == "mark" for c in owner.children):
            return None  # "since France first intervened in 2013": another clause's date
        others = [x for x in sent if x.i != tok.i and classify(x) is not None]
        return None if others else tx

    def reported(self, tok: Token, sent: Span) -> TemporalExpression | None:
        """An undated past event reported by a dated saying takes the saying's date.

        "The agency reported on Thursday that troops had been sent": sent by Thursday.
        """
        gov = _governor(tok)
        if gov is None or gov.lemma_.lower() not in REPORTING_VERBS:
            return None
        found = self.link(gov, sent)
        if found is not None and found.anchor == "point":
            return found
        return None

    def date_of(self, timex: TemporalExpression | None, status: str) -> tuple[dt.date | None, str]:
        """The day and precision of a trigger dated by ``timex``; an occurred event without one
        happened by the publication date."""
        if timex is not None:
            date, precision = value_to_date(timex.value)
            if precision != "unknown":
                return date, precision
        if status == "occurred" and self.published is not None:
            return self.published, "day"
        return None, "unknown"


# Clause links and prepositions behind which an event noun is another happening, not the one
# the trigger reports ("announced ... since the assassination on Tuesday").
NESTED_CLAUSES = frozenset(["ccomp", "advcl", "relcl", "acl", "xcomp"])
NESTED_PREPOSITIONS = frozenset(["since", "after", "before", "following"])


def _nested_happening(owner: Token, tok: Token) -> bool:
    """Is the event noun ``owner`` a happening of its own inside a saying's complement?

    Only statements: a saying is dated by its own words, while an attack verb whose noun
    complement carries the date ("carried out an attack on Monday") takes that date.
    """
    found = classify(tok)
    if found is None or found[0].type != "statement":
        return False
    cur = owner
    for _ in range(len(owner.doc)):
        if cur.i == tok.i or cur.head.i == cur.i:
            return False
        if cur.dep_ in NESTED_CLAUSES:
            return True
        if cur.dep_ == "prep" and cur.lower_ in NESTED_PREPOSITIONS:
            return True
        cur = cur.head
    return False


# Prepositions whose object is another time than the attack's own ("since", "before").
OTHER_TIME_PREPS = frozenset(["since", "before"])


def _other_time(date_tok: Token, tok: Token) -> bool:
    """Does a date reach an (attack) trigger through "since"/"before" ("the first attack since
    the killing of its commander on Tuesday")? That date is the other happening's."""
    cur = date_tok
    for _ in range(len(tok.doc)):
        if cur.i == tok.i or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ in OTHER_TIME_PREPS and cur.head.i == tok.i:
            return any(c.dep_ == "pobj" and c.i != date_tok.i for c in cur.children)
        cur = cur.head
    return False


# Words of a date counted forward from another happening ("the next day", "two days later").
LATER_WORDS = frozenset(["later", "next", "following", "after"])


# Subjects that point back at what the previous sentence told ("they", "all of them").
BACK_REFERENCES = frozenset(["they", "it", "all", "both", "most", "some", "each"])


# Units of a span short enough to stay within the day it follows ("hours later").
HOUR_UNITS = frozenset(["hour", "hours", "minute", "minutes"])


# Spans of "N days after": how many days one unit is (hours stay on the same day).
SPAN_DAYS = {"day": 1, "hour": 0, "week": 7}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _count(span: Token) -> int:
    """How many units "a day", "two days", "3 days" count."""
    for c in span.children:
        if c.dep_ == "nummod":
            if c.lower_.isdigit():
                return int(c.lower_)
            return NUMBER_WORDS.get(c.lower_, 1)
    return 1


def _instrument_participle(owner: Token, tok: Token) -> bool:
    """Is ``owner`` a participle on the trigger noun or on the attack or statement noun that is
    the trigger's means ("killed X in an airstrike ordered last week", "strikes launched on
    Monday", "welcomed it in a communique published early Sunday")? Its date is the trigger's."""
    if owner.dep_ != "acl" or owner.tag_ != "VBN":
        return False
    noun = owner.head
    if noun.i == tok.i:
        return True
    found = classify(noun) if noun.pos_ == "NOUN" else None
    own = classify(tok)
    return (
        found is not None
        and own is not None
        and found[0].type in ("attack", "statement")
        and found[0].type == own[0].type
        and noun.dep_ == "pobj"
        and _on_trigger(noun.head.head, tok)
    )


def _dated_antecedent(date_tok: Token, tok: Token) -> bool:
    """Does the date modify the noun a relative-clause trigger describes ("a 2014 offensive that
    destroyed the port", "Tuesday's raid, which killed two")? The clause tells that happening."""
    return (
        tok.dep_ == "relcl"
        and date_tok.head.i == tok.head.i
        and date_tok.dep_ in ("nummod", "compound", "amod", "poss", "npadvmod")
        and date_tok.i < tok.head.i
    )


def _on_trigger(head: Token, tok: Token) -> bool:
    """Is ``head`` the trigger, or its direct object (parsers hang "praised the deal in a
    statement" on the object as often as on the verb)?"""
    return head.i == tok.i or (head.dep_ == "dobj" and head.head.i == tok.i)


def _timex_owner(tok: Token) -> Token:
    """The verb or event noun that a date expression's token attaches to; without one on
    the way up (a verbless caption, a noun root), the sentence root."""
    cur = tok
    for _ in range(len(tok.doc)):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "NOUN" and cur.lower_ in NOUN_CLASSES):
            return cur
    return cur


def _ongoing(tok: Token) -> bool:
    """Progressive aspect with a bare plural object ("was sending reinforcements", "are
    shelling villages") describes an activity under way, not one happening."""
    if tok.tag_ != "VBG" or not PROGRESSIVE_AUX & _aux_words(tok):
        return False
    objs = _objects(tok)
    return bool(objs) and all(
        o.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod") for c in o.children) for o in objs
    )

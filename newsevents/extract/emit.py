"""From a merged candidate to an :class:`~schemas.Event`: its stable id, its confidence, and
which mention of it is the best evidence."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Token

from newsevents.extract.candidate import EventCandidate
from newsevents.extract.syntax import _children, _first
from newsevents.extract.triggers import (
    CITING_VERBS,
    PLAIN_SAYING,
)
from schemas import Article, Event, Span, TemporalExpression


def event_id(article_id: str, cand: EventCandidate) -> str:
    parts = [
        article_id,
        cand.cls.type,
        cand.cls.subtype,
        str(cand.mentions[0][0]),
        str(cand.trigger.idx),
    ]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def confidence(c: EventCandidate) -> float:
    score = 0.45
    score += 0.2 if c.actor is not None else 0.0
    score += 0.15 if c.timex is not None else 0.05
    score += 0.1 if not c.nominal else 0.0
    score += 0.05 if c.target is not None else 0.0
    return round(min(score, 0.95), 2)


def mention_rank(tok: Token, timex: TemporalExpression | None, nominal: bool) -> float:
    """Prefer as evidence the mention that dates the event, reports it as its own news
    (a saying that leads its content, not a trailing "..., he said") and names the actor."""
    subj = _first(tok, "nsubj", "nsubjpass")
    named = subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG"))
    leading = 1.0
    if not nominal and tok.lemma_.lower() in PLAIN_SAYING | CITING_VERBS:
        sent = tok.sent
        trailing = any(c.i < tok.i for c in _children(tok, "ccomp")) or sent.text.lstrip()[:1] in (
            '"',
            "“",
        )
        leading = 0.0 if trailing else 1.0
    return 1.0 * (timex is not None) + 0.5 * named + 1.5 * (not nominal) + leading


def to_event(article: Article, doc: Doc, cand: EventCandidate) -> Event:
    start, end = cand.evidence or cand.mentions[0]
    return Event(
        event_id=event_id(article.article_id, cand),
        article_id=article.article_id,
        type=cand.cls.type,
        subtype=cand.cls.subtype,
        status=cand.status,
        date=cand.date,
        precision=cand.precision,
        date_text=cand.timex.text if cand.timex is not None else "",
        actor=cand.actor,
        target=cand.target,
        location=cand.location,
        evidence=article.raw_text[start:end],
        evidence_start=start,
        evidence_end=end,
        mentions=tuple(Span(start=s, end=e) for s, e in cand.mentions),
        confidence=confidence(cand),
    )

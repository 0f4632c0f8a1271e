"""A candidate event mention, before in-article merging."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsevents.extract.triggers import TriggerClass
from schemas import Location, Party, TemporalExpression


@dataclass
class EventCandidate:
    """An event mention before in-article merging."""

    cls: TriggerClass
    trigger: Token
    sent: Span
    status: str
    actor: Party | None
    target: Party | None
    location: Location | None
    timex: TemporalExpression | None
    date: dt.date | None
    precision: str
    nominal: bool
    mentions: list[tuple[int, int]] = field(default_factory=list)
    rank: float = 0.0
    """How well the evidence mention reports the event (see ``emit.mention_rank``)."""
    evidence: tuple[int, int] | None = None

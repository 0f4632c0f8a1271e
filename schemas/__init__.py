"""Pydantic v2 models: the contracts between pipeline stages.

Staging produces :class:`Article` (or :class:`QuarantinedInput`), extraction
produces :class:`ExtractionResult` holding :class:`Event` objects, and the
warehouse load returns a :class:`RunSummary`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

EventType = Literal["attack", "talks", "statement", "deployment"]
Status = Literal["occurred", "planned", "cancelled"]
Precision = Literal["day", "week", "month", "year", "period", "unknown"]
Sector = Literal["GOV", "MIL", "REB", "IGO", "CVL", "MED"]
PublishedHow = Literal[
    "manifest", "sidecar", "jsonl", "page_meta", "text_stamp", "updated_line", "dateline", "none"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexAnchor = Literal["point", "deadline", "span_start", "span", "ref", "duration", "set"]

SUBTYPES: dict[str, tuple[str, ...]] = {
    "attack": (
        "airstrike",
        "shelling",
        "ground_assault",
        "shootdown",
        "bombing",
        "clash",
        "killing",
    ),
    "talks": ("meeting", "phone_call", "negotiation", "summit", "visit"),
    "statement": (
        "threat",
        "appeal",
        "demand",
        "rejection",
        "commitment",
        "accusation",
        "announcement",
        "comment",
    ),
    "deployment": ("troops", "equipment", "base", "withdrawal"),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A half-open character range ``[start, end)`` into an article's raw text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Article(_Frozen):
    """A staged article: raw text as read, plus metadata and the body spans kept."""

    article_id: str = Field(min_length=1)
    raw_text: str
    content_hash: str = Field(min_length=16)
    published: dt.date | None = None
    published_how: PublishedHow = "none"
    source: str | None = None
    title: str | None = None
    url: str | None = None
    language: str = "en"
    source_path: str | None = None
    body: tuple[Span, ...] = ()
    """Spans of ``raw_text`` that are article body (page furniture removed)."""


class QuarantinedInput(_Frozen):
    """An input that could not be staged, with a reason code and a readable message."""

    source_path: str
    reason: str
    message: str
    article_id: str | None = None
    content_hash: str | None = None


class Party(_Frozen):
    """An actor or target: who did it, to whom."""

    name: str
    country: str | None = None
    sector: Sector | None = None


class Location(_Frozen):
    """Where an event happened, resolved against the gazetteer when possible."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class TemporalExpression(_Frozen):
    """A TIMEX3-style expression found in text, normalised against the DCT."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimexType
    value: str
    granularity: str = "day"
    anchor: TimexAnchor = "point"
    mod: str | None = None


class Event(_Frozen):
    """One extracted event in one article (a mention group after in-article merging)."""

    event_id: str
    article_id: str
    type: EventType
    subtype: str
    status: Status
    date: dt.date | None
    precision: Precision
    date_text: str = ""
    actor: Party | None = None
    target: Party | None = None
    location: Location | None = None
    evidence: str
    evidence_start: int = Field(ge=0)
    evidence_end: int = Field(ge=0)
    mentions: tuple[Span, ...] = ()
    confidence: float = Field(ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _subtype_matches_type(self) -> Event:
        if self.subtype not in SUBTYPES[self.type]:
            raise ValueError(f"subtype {self.subtype!r} is not a subtype of {self.type!r}")
        return self


ExtractionFailureReason = Literal[
    "extraction_timeout", "extraction_error", "extraction_crash", "too_long_to_parse"
]


class ExtractionFailure(_Frozen):
    """Why one article yielded no extraction: it becomes a quarantine row, not a crash."""

    reason: ExtractionFailureReason
    message: str


class ExtractionResult(_Frozen):
    """Everything extraction produced for one article (no events when ``failure`` is set)."""

    article_id: str
    content_hash: str
    extractor_version: str
    events: tuple[Event, ...] = ()
    sentences: int = 0
    failure: ExtractionFailure | None = None


CheckSeverity = Literal["warn", "error"]


class CheckResult(_Frozen):
    """One data check of ``sql/checks/`` run once: its severity and the rows it flagged.

    An ``error`` check (integrity) with rows fails the run; a ``warn`` check (extraction
    quality) is counted and reported only.
    """

    name: str
    severity: CheckSeverity
    rows: int = Field(ge=0)


class RunSummary(BaseModel):
    """What a pipeline run did; printed by the CLI and published as an artifact."""

    flow_run_id: str | None = None
    articles_seen: int = 0
    articles_staged: int = 0
    articles_unchanged: int = 0
    articles_extracted: int = 0
    quarantined: list[QuarantinedInput] = Field(default_factory=list)
    """The quarantined inputs: on a run that summarises them (``quarantined_by_reason``),
    the first few of each reason only; the warehouse's ``quarantine`` table has them all."""
    quarantined_by_reason: dict[str, int] = Field(default_factory=dict)
    """How many inputs each reason quarantined, all of them counted."""
    events_by_type: dict[str, int] = Field(default_factory=dict)
    dates_resolved: int = 0
    dates_fallback: int = 0
    dates_unresolved: int = 0
    checks: list[CheckResult] = Field(default_factory=list)
    """Every data check the run ran, with its severity and offending-row count."""

    @computed_field  # type: ignore[prop-decorator]  # in the JSON, for its readers
    @property
    def check_failures(self) -> dict[str, int]:
        """Offending rows of the ``error`` checks that found any: these fail the run."""
        return {c.name: c.rows for c in self.checks if c.severity == "error" and c.rows}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def check_warnings(self) -> dict[str, int]:
        """Offending rows of the ``warn`` checks that found any: reported, the run passes."""
        return {c.name: c.rows for c in self.checks if c.severity == "warn" and c.rows}

    @property
    def events_total(self) -> int:
        return sum(self.events_by_type.values())

    @property
    def quarantined_total(self) -> int:
        """Every quarantined input, counted (``quarantined`` may hold examples only)."""
        if self.quarantined_by_reason:
            return sum(self.quarantined_by_reason.values())
        return len(self.quarantined)


class EventLink(_Frozen):
    """One mention's membership of a deduplicated event, with the rule that joined it."""

    mention_id: str
    event_key: str
    rule: str


class EventCluster(_Frozen):
    """One real-world event: the mentions of it in different articles, deduplicated."""

    event_key: str
    event_type: EventType
    subtype: str
    status: Status
    first_reported: dt.date | None
    last_reported: dt.date | None
    n_articles: int = Field(ge=1)
    n_sources: int = Field(ge=0)
    n_mentions: int = Field(ge=1)
    event_date: dt.date | None
    date_precision: Precision
    date_conflicts: int = Field(ge=0)
    actor_key: str | None = None
    target_key: str | None = None
    location_key: str | None = None
    lead_mention_id: str
    links: tuple[EventLink, ...]

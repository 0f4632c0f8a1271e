"""A Doc's named entities, built once: spaCy rebuilds ``doc.ents`` from every token per access."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "newsevents.ents"


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, cached in ``doc.user_data`` (the extraction never changes entities)."""
    ents = doc.user_data.get(_KEY)
    if ents is None:
        ents = doc.user_data[_KEY] = tuple(doc.ents)
    return ents


def entities_in(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside ``span``."""
    return [e for e in entities(span.doc) if e.start >= span.start and e.end <= span.end]


def entity_at(tok: Token, label: str | None = None) -> Span | None:
    """The entity covering ``tok`` (with that label, if given), or None."""
    return next(
        (
            e
            for e in entities(tok.doc)
            if e.start <= tok.i < e.end and (label is None or e.label_ == label)
        ),
        None,
    )

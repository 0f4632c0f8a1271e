"""Per-Doc values built once: spaCy rebuilds ``doc.text`` and ``doc.ents`` from every token
on each access, and extraction and date resolution read them many times per article."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by whoever made the Doc
    from spacy.tokens import Doc, Span, Token

_ENTS = "newsevents.ents"
_TEXT = "newsevents.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data`` (nothing here changes a Doc's tokens)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, cached in ``doc.user_data`` (the extraction never changes entities)."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
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

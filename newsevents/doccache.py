"""Per-Doc values built once: spaCy rebuilds ``doc.text`` and ``doc.ents`` from every token
on each access, and extraction and date resolution read them many times per article.

The entity lookups go through an index built once per Doc, so asking for a sentence's
entities costs the entities found, not a scan of the whole article: per-sentence work stays
linear in the article's length."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by whoever made the Doc
    from spacy.tokens import Doc, Span, Token

_ENTS = "newsevents.ents"
_TEXT = "newsevents.text"
_INDEX = "newsevents.ent_index"


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


def _index(doc: Doc) -> tuple[list[int], dict[int, int]]:
    """Entity start tokens in order, and token index -> position of the entity covering it.

    spaCy's entities never overlap and come sorted by start, so one entity at most covers a
    token and the starts are sorted for bisection.
    """
    index = doc.user_data.get(_INDEX)
    if index is None:
        ents = entities(doc)
        starts = [e.start for e in ents]
        covering = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
        index = doc.user_data[_INDEX] = (starts, covering)
    return index


def entities_in(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside ``span``, in order."""
    ents = entities(span.doc)
    starts, _ = _index(span.doc)
    out: list[Span] = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


def entity_at(tok: Token, label: str | None = None) -> Span | None:
    """The entity covering ``tok`` (with that label, if given), or None."""
    k = _index(tok.doc)[1].get(tok.i)
    if k is None:
        return None
    ent = entities(tok.doc)[k]
    return ent if label is None or ent.label_ == label else None

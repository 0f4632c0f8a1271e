"""Event extraction: parse articles and code their events (no Prefect here)."""

from __future__ import annotations

from newsevents.extract.events import extract_from_doc
from newsevents.extract.nlp import iter_parsed
from newsevents.settings import get_settings
from schemas import Article, ExtractionResult

# Bump when extraction output changes: `newsevents run --reprocess` re-extracts older rows.
EXTRACTOR_VERSION = "0.3.0"


def extract_articles(articles: list[Article], model: str | None = None) -> list[ExtractionResult]:
    """Extract the events of a batch of staged articles."""
    if not articles:
        return []
    # Docs are consumed as the parser yields them: memory holds one parse batch, not all
    docs = iter_parsed(articles, model or get_settings().spacy_model)
    return [
        ExtractionResult(
            article_id=art.article_id,
            content_hash=art.content_hash,
            extractor_version=EXTRACTOR_VERSION,
            events=tuple(extract_from_doc(art, doc)),
            sentences=sum(1 for _ in doc.sents),
        )
        for art, doc in zip(articles, docs, strict=True)
    ]

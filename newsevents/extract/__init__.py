"""Event extraction: parse articles and code their events (no Prefect here)."""

from __future__ import annotations

from newsevents.extract import pool
from newsevents.extract.events import extract_from_doc
from newsevents.extract.nlp import iter_parsed
from newsevents.extract.pool import pool_workers
from newsevents.settings import get_settings
from schemas import Article, ExtractionResult

# Bump when extraction output changes: `newsevents run --reprocess` re-extracts older rows.
EXTRACTOR_VERSION = "0.3.0"


def extract_articles(
    articles: list[Article], model: str | None = None, *, pooled: bool | None = None
) -> list[ExtractionResult]:
    """Extract the events of a batch of staged articles, in input order.

    Args:
        articles: Staged articles.
        model: spaCy model package; the settings' by default.
        pooled: Run in the worker pool (:mod:`newsevents.extract.pool`). By default,
            when the batch holds at least ``parse_parallel_min`` articles or the pool
            is already up, and this process may start workers at all.
    """
    if not articles:
        return []
    settings = get_settings()
    model = model or settings.spacy_model
    workers = pool_workers()
    if pooled is None:
        pooled = len(articles) >= settings.parse_parallel_min or pool.running()
    if pooled and workers > 1:
        return pool.extract_pooled(articles, model, workers=workers, chunk_size=settings.batch_size)
    return extract_in_process(articles, model)


def warm_pool(model: str | None = None) -> bool:
    """Start the extraction workers ahead of a big batch; False where this process may not."""
    workers = pool_workers()
    if workers < 2:
        return False
    pool.warm(workers, model or get_settings().spacy_model)
    return True


def extract_in_process(articles: list[Article], model: str) -> list[ExtractionResult]:
    """Parse and extract in this process (spaCy may still fork parse workers, see nlp)."""
    # Docs are consumed as the parser yields them: memory holds one parse batch, not all
    docs = iter_parsed(articles, model)
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

"""Event extraction: parse articles and code their events (no Prefect here).

Public API: :func:`extract_articles` (a batch, in the supervised workers), :func:`warm_pool`,
:func:`extract_doc` and :func:`extract_in_process` (one parsed article, or a batch in this
process), ``EXTRACTOR_VERSION`` and the errors :class:`ExtractionStopped` and
:class:`WorkerStartError`. Settings are read here when a caller passes none, and handed down.

The rules over one parsed article are :mod:`.events` (the per-sentence orchestration) with
:mod:`.syntax`, :mod:`.classify`, :mod:`.status`, :mod:`.roles`, :mod:`.places`,
:mod:`.dating`, :mod:`.merge` and :mod:`.emit` beside it, reading the word lists of
:mod:`.triggers`; the workers are :mod:`.pool`, :mod:`.dispatch`, :mod:`.channel` and
:mod:`.worker`; parsing is :mod:`.nlp`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.extract import dispatch, pool
from newsevents.extract.events import extract_from_doc
from newsevents.extract.nlp import iter_parsed
from newsevents.extract.pool import ExtractionStopped, WorkerStartError, pool_workers
from newsevents.settings import Settings, get_settings
from schemas import Article, ExtractionFailure, ExtractionResult

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractionStopped",
    "WorkerStartError",
    "extract_articles",
    "extract_doc",
    "extract_in_process",
    "warm_pool",
]

# Bump when extraction output changes: `newsevents run --reprocess` re-extracts older rows.
EXTRACTOR_VERSION = "0.5.1"


def extract_articles(
    articles: list[Article],
    model: str | None = None,
    *,
    settings: Settings | None = None,
) -> list[ExtractionResult]:
    """Extract the events of a batch of staged articles, in input order.

    Extraction runs in the supervised worker processes (:mod:`.pool`, :mod:`.dispatch`).
    An article whose extraction fails (timeout, exception, a worker crash, too long to
    parse) gets a result with ``failure`` set and no events; the others are unaffected.

    ``settings`` (default: the process's) bound the workers, steps and batches.

    Raises:
        ExtractionStopped: :func:`pool.shutdown` ran (a signal) while the call waited.
        WorkerStartError: no worker could load ``model`` (not installed?).
    """
    if not articles:
        return []
    settings = settings or get_settings()
    limits = dispatch.Limits(
        timeout=settings.article_timeout_seconds,
        parse_batch_size=settings.parse_batch_size,
        chunk_size=settings.batch_size,
        max_chars=settings.max_parse_chars,
    )
    outcomes = dispatch.extract(
        articles,
        model or settings.spacy_model,
        limits=limits,
        workers=pool_workers(settings.parse_processes),
        spread=len(articles) >= settings.parse_parallel_min,
    )
    return [
        outcome if isinstance(outcome, ExtractionResult) else failed(art, outcome)
        for art, outcome in zip(articles, outcomes, strict=True)
    ]


def failed(article: Article, failure: ExtractionFailure) -> ExtractionResult:
    """The result of an article whose extraction failed: no events, ``failure`` set."""
    return ExtractionResult(
        article_id=article.article_id,
        content_hash=article.content_hash,
        extractor_version=EXTRACTOR_VERSION,
        failure=failure,
    )


def warm_pool(
    model: str | None = None, *, articles: int | None = None, settings: Settings | None = None
) -> bool:
    """Start the extraction workers ahead of a batch of ``articles`` (all of them if None).

    One worker is enough below ``parse_parallel_min`` articles. True when workers started.
    """
    settings = settings or get_settings()
    workers = pool_workers(settings.parse_processes)
    small = articles is not None and articles < settings.parse_parallel_min
    pool.warm(workers, model or settings.spacy_model, 1 if small else workers)
    return pool.running()


def extract_doc(article: Article, doc: Doc) -> ExtractionResult:
    """The events of one parsed article (the per-article core of every extraction path)."""
    return ExtractionResult(
        article_id=article.article_id,
        content_hash=article.content_hash,
        extractor_version=EXTRACTOR_VERSION,
        events=tuple(extract_from_doc(article, doc)),
        sentences=sum(1 for _ in doc.sents),
    )


def extract_in_process(
    articles: list[Article], model: str, *, settings: Settings | None = None
) -> list[ExtractionResult]:
    """Parse and extract in this process, unsupervised (spaCy may fork parse workers, see nlp).

    For the rules' tests and benchmarks: an exception or a hang here is the caller's.
    """
    # Docs are consumed as the parser yields them: memory holds one parse batch, not all
    docs = iter_parsed(articles, model, settings or get_settings())
    return [extract_doc(art, doc) for art, doc in zip(articles, docs, strict=True)]

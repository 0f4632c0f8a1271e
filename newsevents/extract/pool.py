"""Extraction worker processes that parse *and* extract, started once and reused.

spaCy's own ``nlp.pipe(n_process=...)`` parses in workers but sends every Doc
back, and the calling process then deserialises it and runs the extraction
rules on one core while the workers contend for the same two. Here each
worker runs the whole extraction on its share and returns only the small
:class:`ExtractionResult` rows, so every core does parse and rules and no Doc
crosses a process boundary. Threads of a Prefect flow can share the pool: a
thread waiting on it releases the GIL.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from newsevents.settings import get_settings
from schemas import Article, ExtractionResult

_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_POOL_KEY: tuple[int, str] | None = None


def _warm(model: str) -> None:
    from newsevents.extract.nlp import load_nlp

    load_nlp(model)


def _extract_here(articles: list[Article], model: str) -> list[ExtractionResult]:
    from newsevents.extract import extract_in_process

    return extract_in_process(articles, model)


def get_pool(workers: int, model: str) -> ProcessPoolExecutor:
    """The process-wide pool of ``workers`` processes with ``model`` loaded, started on first use.

    The workers are spawned, not forked: the caller may be a Prefect flow with
    threads and an event loop running, which a fork would copy half-way.
    """
    global _POOL, _POOL_KEY
    with _LOCK:
        if _POOL is not None and (workers, model) != _POOL_KEY:
            _POOL.shutdown(wait=True)
            _POOL = None
        if _POOL is None:
            _POOL = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm,
                initargs=(model,),
            )
            _POOL_KEY = (workers, model)
        return _POOL


def pool_workers() -> int:
    """How many worker processes this process may use to parse (1: parse here).

    Never more than one inside a daemonic worker (a Dask worker may not have
    children) or a worker process of a process pool, which already has a core of its own.
    """
    here = multiprocessing.current_process()
    if here.daemon or here.name != "MainProcess":
        return 1
    return get_settings().parse_processes or (os.cpu_count() or 1)


def _ready() -> None:
    """Nothing: submitted once per worker, it makes the pool start them."""


def warm(workers: int, model: str) -> None:
    """Start the pool's workers now; they load the model while the caller goes on."""
    executor = get_pool(workers, model)
    for _ in range(workers):
        executor.submit(_ready)


def running() -> bool:
    """Whether this process has started the pool (a later small batch may as well use it)."""
    return _POOL is not None


def shutdown() -> None:
    """Stop the workers (also at interpreter exit)."""
    global _POOL, _POOL_KEY
    with _LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL, _POOL_KEY = None, None


atexit.register(shutdown)


def chunks(articles: Sequence[Article], workers: int, size: int) -> list[list[Article]]:
    """Cut ``articles`` into at most ``size``-article chunks, at least one per worker.

    Small chunks keep both workers busy to the end and let results stream back;
    one chunk per worker would leave a core idle behind the slower half.
    """
    if not articles:
        return []
    per = max(1, min(size, -(-len(articles) // workers)))
    return [list(articles[i : i + per]) for i in range(0, len(articles), per)]


def extract_pooled(
    articles: Sequence[Article], model: str, *, workers: int, chunk_size: int
) -> list[ExtractionResult]:
    """Extract ``articles`` in the worker pool; results come back in input order."""
    pool = get_pool(workers, model)
    futures: list[Future[list[ExtractionResult]]] = [
        pool.submit(_extract_here, part, model) for part in chunks(articles, workers, chunk_size)
    ]
    return [r for fut in futures for r in fut.result()]

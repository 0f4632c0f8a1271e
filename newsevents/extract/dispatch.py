"""Dispatch: one call's articles cut into chunks and run on the pool's workers (:mod:`.pool`),
and every way a step can end turned into an outcome per article.

A chunk runs on one worker in ``nlp.pipe`` batches, and the worker reports each article as
its rules start and end. The supervisor waits at most ``article_timeout_seconds`` per step
(one parse batch, or one article's rules; one whole article once run alone):

- past the limit: the worker is killed and a fresh one takes the rest. When the worker was
  in an article's rules, that article is ``extraction_timeout``; when it was parsing a
  batch, that batch is run again one article per parse, which names the culprit;
- the worker died (end of file): the same, except that the culprit is retried alone
  and becomes ``extraction_crash`` only when it takes a second worker down;
- the rules raised: the worker already reported ``extraction_error`` for that article;
  the parser raised: the batch is run again one article per parse.

Every step either finishes an article or marks one to run alone, and an article run alone
ends within two attempts, so a chunk always ends. Texts over ``max_parse_chars`` are not
sent at all (``too_long_to_parse``).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from newsevents.extract.pool import (
    POLL,
    WorkerPool,
    WorkerProcess,
    describe_exit,
    end_of_file,
    get_pool,
)
from schemas import Article, ExtractionFailure, ExtractionResult

_SERIALS = itertools.count(1)

Outcome = ExtractionResult | ExtractionFailure
T = TypeVar("T")


class _Aborted(Exception):
    """Another lane of the same call failed: this lane gives up its chunk."""


@dataclass(frozen=True)
class Limits:
    """What bounds one call: the per-step time limit, the parse batch, chunk and text sizes."""

    timeout: float
    parse_batch_size: int
    chunk_size: int
    max_chars: int


def chunks(items: Sequence[T], workers: int, size: int) -> list[list[T]]:
    """Cut ``items`` into at most ``size``-item chunks, at least one per worker.

    Small chunks keep both workers busy to the end and let results stream back;
    one chunk per worker would leave a core idle behind the slower half.
    """
    if not items:
        return []
    per = max(1, min(size, -(-len(items) // workers)))
    return [list(items[i : i + per]) for i in range(0, len(items), per)]


@dataclass
class _Step:
    """How one command to a worker ended: ``ok``, ``parse_error``, ``timeout``, ``crash``."""

    kind: str
    current: int | None = None  # the article whose rules were running
    message: str = ""


def _step(
    worker: WorkerProcess,
    group: list[int],
    articles: Sequence[Article],
    out: list[Outcome | None],
    limits: Limits,
    check: Callable[[], None],
) -> _Step:
    """Send ``group`` to ``worker`` as one chunk and collect its results into ``out``."""
    serial = next(_SERIALS)
    chunk = [articles[i] for i in group]
    if not worker.send(("chunk", serial, chunk, limits.parse_batch_size, limits.max_chars)):
        return _Step("crash")
    alone = len(group) == 1
    current: int | None = None
    left = len(group)
    deadline = time.monotonic() + limits.timeout
    while left:
        message = worker.receive(deadline - time.monotonic(), check)
        if message is None:
            return _Step("timeout", current)
        if end_of_file(message):
            return _Step("crash", current)
        if message[1] != serial:  # cannot happen: a worker is killed when a step is abandoned
            continue
        if message[0] == "start":
            current = group[message[2]]
        elif message[0] == "done":
            out[group[message[2]]] = message[3]
            current = None
            left -= 1
        elif message[0] == "parse_error":
            return _Step("parse_error", message=message[3])
        if not alone:  # batched, each step (a parse batch, one article's rules) gets the limit
            deadline = time.monotonic() + limits.timeout
    return _Step("ok")


def _timeout_message(limits: Limits) -> str:
    return (
        f"extraction took longer than the {limits.timeout:g} s limit "
        "(NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS)"
    )


def run_chunk(
    pool: WorkerPool,
    articles: Sequence[Article],
    idxs: list[int],
    out: list[Outcome | None],
    limits: Limits,
    check: Callable[[], None],
) -> None:
    """Extract ``articles[i]`` for each ``i`` in ``idxs`` on one worker, filling ``out[i]``.

    A failed batched step sends the articles it left unfinished (a parse batch's worth)
    to run alone; see the module docstring for why this ends.
    """
    worker = pool.acquire(check)
    alone: set[int] = set()
    crashes: dict[int, int] = {}
    try:
        pending = list(idxs)
        while pending:
            worker = pool.ready(worker, check)
            if pending[0] in alone:
                group = pending[:1]
            else:
                group = list(itertools.takewhile(lambda i: i not in alone, pending))
            step = _step(worker, group, articles, out, limits, check)
            pending = [i for i in pending if out[i] is None]
            unfinished = [i for i in group if out[i] is None]
            if step.kind == "ok":
                continue
            if step.kind == "parse_error":
                if len(group) == 1:
                    out[group[0]] = ExtractionFailure(
                        reason="extraction_error", message=step.message
                    )
                else:
                    alone.update(unfinished[: limits.parse_batch_size])
                continue
            # timeout or crash: this worker is done for
            code = pool.discard(worker, grace=2.0 if step.kind == "crash" else 0.0)
            worker = None
            culprit = step.current
            if culprit is None and len(unfinished) == 1:
                culprit = unfinished[0]
            if culprit is None:  # the parse of a batch: run it again one article at a time
                alone.update(unfinished[: limits.parse_batch_size])
            elif step.kind == "timeout":
                out[culprit] = ExtractionFailure(
                    reason="extraction_timeout", message=_timeout_message(limits)
                )
            else:
                crashes[culprit] = crashes.get(culprit, 0) + 1
                if crashes[culprit] >= 2:
                    out[culprit] = ExtractionFailure(
                        reason="extraction_crash",
                        message=(
                            "the extraction worker died on this article twice "
                            f"(last: {describe_exit(code)})"
                        ),
                    )
                else:
                    alone.add(culprit)
            pending = [i for i in pending if out[i] is None]
    except BaseException:
        if worker is not None:  # mid-chunk: its next messages would be stale
            pool.discard(worker)
            worker = None
        raise
    finally:
        pool.release(worker)


@dataclass
class _Call:
    """One :func:`extract` call's shared state between its lanes."""

    pool: WorkerPool
    parts: list[list[int]]
    aborted: bool = False
    errors: list[BaseException] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self) -> None:
        self.pool.check()
        if self.aborted:
            raise _Aborted

    def next_part(self) -> list[int] | None:
        with self._lock:
            return self.parts.pop(0) if self.parts else None


def extract(
    articles: Sequence[Article],
    model: str,
    *,
    limits: Limits,
    workers: int,
    spread: bool,
) -> list[Outcome]:
    """Extract ``articles`` on the pool's workers; an outcome per article, in input order.

    ``spread`` cuts the call into chunks for every worker; otherwise it runs as
    ``chunk_size`` chunks on one worker at a time (other calls may use the others).
    """
    out: list[Outcome | None] = [None] * len(articles)
    todo: list[int] = []
    for i, art in enumerate(articles):
        if len(art.raw_text) > limits.max_chars:
            out[i] = ExtractionFailure(
                reason="too_long_to_parse",
                message=(
                    f"{len(art.raw_text):,} characters, over the {limits.max_chars:,}-character "
                    "parse limit (NEWSEVENTS_MAX_PARSE_CHARS)"
                ),
            )
        else:
            todo.append(i)
    if todo:
        pool = get_pool(workers, model)
        lanes = workers if spread else 1
        call = _Call(pool, chunks(todo, lanes, limits.chunk_size))

        def lane() -> None:
            while (part := call.next_part()) is not None:
                run_chunk(pool, articles, part, out, limits, call.check)

        def helper() -> None:
            try:
                lane()
            except _Aborted:
                pass
            except BaseException as exc:
                call.errors.append(exc)
                call.aborted = True

        helpers = [
            threading.Thread(target=helper, name="newsevents-lane", daemon=True)
            for _ in range(min(lanes, len(call.parts)) - 1)
        ]
        for thread in helpers:
            thread.start()
        try:
            lane()
            for thread in helpers:
                while thread.is_alive():  # join with a timeout stays interruptible
                    thread.join(POLL)
        except _Aborted:  # a helper failed first: its error is the one to raise
            pass
        except BaseException:
            call.aborted = True  # the helpers give their workers up within POLL s
            raise
        if call.errors:
            raise call.errors[0]
    done = [o for o in out if o is not None]
    assert len(done) == len(articles), "every article has an outcome"
    return done

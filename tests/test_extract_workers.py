"""Supervised extraction workers: a time bound per article, errors and crashes become failures,
long articles are quarantined, shutdown stops a waiting call, and no worker outlives its pool.

Faults are injected in the worker with ``NEWSEVENTS_FAULT=ACTION:MARKER`` (see
``newsevents/extract/worker.py``); each test starts from a fresh pool and, at its end,
checks that every worker process it started is gone.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.extract import (
    ExtractionStopped,
    WorkerStartError,
    channel,
    dispatch,
    extract_articles,
    extract_in_process,
    pool,
    warm_pool,
    worker,
)
from newsevents.settings import get_settings
from newsevents.staging import stage_directory
from schemas import Article, ExtractionFailure, ExtractionResult

from .conftest import ROOT, SEEDS

MARK = "ZZFAULTMARKERZZ"


def _alive(pid: int) -> bool:
    """Running (a zombie that init has not reaped yet counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _marked(art: Article, n: int = 0) -> Article:
    """A copy of ``art`` that carries the fault marker (its body spans stay as they were)."""
    return art.model_copy(
        update={
            "article_id": f"marked-{n}",
            "raw_text": art.raw_text + f"\n{MARK}\n",
            "content_hash": f"{n:04d}" + art.content_hash[4:],
        }
    )


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return list(stage_directory(SEEDS).articles)


@pytest.fixture(scope="module")
def expected(seeds: list[Article]) -> dict[str, ExtractionResult]:
    """What each seed (and a marked copy of the first) gives when nothing goes wrong."""
    arts = [*seeds, _marked(seeds[0])]
    return {r.article_id: r for r in extract_in_process(arts, get_settings().spacy_model)}


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The pids of the workers a test starts; a fresh pool before, none alive after."""
    pool.shutdown()
    pids: list[int] = []
    real = pool._SPAWNER.spawn

    def spy(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        proc = real(cmd, env)
        pids.append(proc.pid)
        return proc

    monkeypatch.setattr(pool._SPAWNER, "spawn", spy)
    yield pids
    pool.shutdown()
    assert not pool.running()
    assert [p for p in pids if _alive(p)] == []


def _configure(
    monkeypatch: pytest.MonkeyPatch, fault: str | None = None, **settings: object
) -> None:
    if fault is not None:
        monkeypatch.setenv("NEWSEVENTS_FAULT", fault)
    for key, value in settings.items():
        monkeypatch.setenv(f"NEWSEVENTS_{key.upper()}", str(value))
    get_settings.cache_clear()


def _check_others(
    results: list[ExtractionResult],
    arts: list[Article],
    expected: dict[str, ExtractionResult],
) -> None:
    """Every article but the marked ones came out exactly as without a fault."""
    assert [r.article_id for r in results] == [a.article_id for a in arts]
    for r in results:
        if not r.article_id.startswith("marked"):
            assert r == expected[r.article_id]


# ---- pure pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "workers", "size", "expected_sizes"),
    [
        (0, 2, 25, []),
        (1, 2, 25, [1]),
        (10, 2, 25, [5, 5]),
        (60, 1, 25, [25, 25, 10]),
        (7, 3, 2, [2, 2, 2, 1]),
    ],
)
def test_chunks_keep_order(n: int, workers: int, size: int, expected_sizes: list[int]) -> None:
    parts = dispatch.chunks(list(range(n)), workers, size)
    assert [len(p) for p in parts] == expected_sizes
    assert [i for p in parts for i in p] == list(range(n))


def test_messages_round_trip_and_end_of_file_is_eof() -> None:
    buf = io.BytesIO()
    msgs = [("ready", 1), ("done", 3, 0, ExtractionFailure(reason="extraction_error", message="x"))]
    for m in msgs:
        channel.write_message(buf, m)
    whole = buf.getvalue()
    stream = io.BufferedReader(io.BytesIO(whole[:-3]))  # the last message cut short (a kill)
    assert channel.read_message(stream) == msgs[0]
    with pytest.raises(EOFError):
        channel.read_message(stream)
    stream = io.BufferedReader(io.BytesIO(whole))
    assert [channel.read_message(stream), channel.read_message(stream)] == msgs
    with pytest.raises(EOFError):
        channel.read_message(stream)


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        (None, None),
        ("", None),
        ("sleep:X1", ("sleep", "X1")),
        ("exit-once:a:b", ("exit-once", "a:b")),
        ("parse-raise:M", ("parse-raise", "M")),
        ("explode:M", None),  # unknown action: ignored, with a line on stderr
        ("raise:", None),  # no marker would match every article
    ],
)
def test_parse_fault(spec: str | None, parsed: tuple[str, str] | None) -> None:
    assert worker.parse_fault(spec) == parsed


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (70, "exit code 70"),
        (-signal.SIGKILL, "killed by signal SIGKILL"),
        (-signal.SIGSEGV, "killed by signal SIGSEGV"),
        (None, "still running"),
    ],
)
def test_describe_exit(code: int | None, text: str) -> None:
    assert pool.describe_exit(code) == text


def test_inject_raises_only_on_the_marked_article_and_at_its_stage(seeds: list[Article]) -> None:
    marked = _marked(seeds[0])
    worker.inject(("raise", MARK), seeds[0], "rules")  # no marker: nothing happens
    worker.inject(("parse-raise", MARK), marked, "rules")  # a parse fault, not in the rules
    with pytest.raises(RuntimeError, match="injected fault"):
        worker.inject(("raise", MARK), marked, "rules")
    with pytest.raises(RuntimeError, match="injected fault"):
        worker.inject(("parse-raise", MARK), marked, "parse")


def test_describe_names_the_type_message_and_place() -> None:
    try:
        {}["k"]
    except KeyError as exc:
        text = worker.describe(exc)
    assert text.startswith("KeyError: 'k' (at test_extract_workers.py:")
    assert "test_describe_names_the_type_message_and_place" in text


def test_too_long_articles_are_quarantined_without_a_worker(
    started: list[int], seeds: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(monkeypatch, max_parse_chars=1000)
    results = extract_articles(seeds[:2])
    assert [r.failure.reason for r in results if r.failure] == ["too_long_to_parse"] * 2
    assert all(r.events == () for r in results)
    assert "over the 1,000-character parse limit (NEWSEVENTS_MAX_PARSE_CHARS)" in (
        results[0].failure.message  # type: ignore[union-attr]
    )
    assert started == []  # nothing to parse: no model loaded


# ---- real workers --------------------------------------------------------------------------


def test_seeds_come_out_as_in_process(
    started: list[int], seeds: list[Article], expected: dict[str, ExtractionResult]
) -> None:
    results = extract_articles(seeds)
    assert results == [expected[a.article_id] for a in seeds]
    assert all(r.failure is None for r in results) and sum(len(r.events) for r in results) > 20
    assert extract_articles(seeds[:1]) == [expected[seeds[0].article_id]]
    assert len(started) == 1  # one worker, reused by the second call


def test_a_huge_article_is_too_long_to_parse_and_the_others_load(
    started: list[int], seeds: list[Article], expected: dict[str, ExtractionResult]
) -> None:
    huge = seeds[1].model_copy(
        update={"article_id": "marked-huge", "raw_text": seeds[1].raw_text * 240}
    )
    assert len(huge.raw_text) > 1_000_000
    arts = [seeds[0], huge, seeds[2]]
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    failure = results[1].failure
    assert failure is not None and failure.reason == "too_long_to_parse"
    assert f"over the {get_settings().max_parse_chars:,}-character parse limit" in failure.message


def test_an_exception_in_the_rules_is_an_extraction_error(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(monkeypatch, "raise:" + MARK)
    arts = [seeds[0], _marked(seeds[1]), *seeds[2:]]
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    failure = results[1].failure
    assert failure is not None and failure.reason == "extraction_error"
    assert failure.message.startswith("RuntimeError: injected fault")
    assert "(at worker.py:" in failure.message
    assert results[1].events == ()
    assert len(started) == 1  # the worker survives an exception


def test_an_exception_out_of_the_parser_is_an_extraction_error(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(monkeypatch, "parse-raise:" + MARK)
    arts = [*seeds[:3], _marked(seeds[3]), seeds[4]]
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    assert [r.failure.reason for r in results if r.failure] == ["extraction_error"]
    assert results[3].failure.message.startswith("RuntimeError: injected fault")  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["sleep", "parse-sleep"])
def test_a_hung_article_times_out_and_the_others_load(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    # parse batches of 2: a busy machine must not push a fault-free step past the limit
    _configure(monkeypatch, f"{fault}:{MARK}", article_timeout_seconds=4, parse_batch_size=2)
    arts = [seeds[0], seeds[1], _marked(seeds[2]), seeds[3], seeds[4]]
    extract_articles(seeds[:1])  # the model loaded: what follows is the fault's cost
    t0 = time.monotonic()
    results = extract_articles(arts)
    elapsed = time.monotonic() - t0
    _check_others(results, arts, expected)
    assert [r.failure for r in results if r.failure] == [
        ExtractionFailure(
            reason="extraction_timeout",
            message="extraction took longer than the 4 s limit (NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS)",
        )
    ]
    # one kill (in the rules) or two (in a parse batch, then alone), and a model load each
    assert elapsed < 60
    assert len(started) == (2 if fault == "sleep" else 3)


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["exit", "parse-exit"])
def test_an_article_that_kills_its_worker_twice_is_a_crash(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    _configure(monkeypatch, f"{fault}:{MARK}")
    arts = [seeds[0], _marked(seeds[1]), *seeds[2:]]
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    assert [r.failure for r in results if r.failure] == [
        ExtractionFailure(
            reason="extraction_crash",
            message="the extraction worker died on this article twice (last: exit code 70)",
        )
    ]
    # in the rules: two deaths; in a parse batch: one more before the article runs alone
    workers = 3 if fault == "exit" else 4
    assert len(started) == workers and not any(_alive(p) for p in started[:-1])
    # the pool still works: the last replacement worker takes the next call
    assert extract_articles(seeds[:2]) == [expected[a.article_id] for a in seeds[:2]]
    assert len(started) == workers


@pytest.mark.slow
def test_an_article_that_crashes_once_succeeds_on_the_retry(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _configure(monkeypatch, "exit-once:" + MARK, fault_state=tmp_path)
    marked = _marked(seeds[0])
    arts = [seeds[1], marked, seeds[2]]
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    assert results[1] == expected[marked.article_id]
    assert results[1].failure is None and results[1].events
    assert len(started) == 2  # one crash, one replacement


@pytest.mark.slow
def test_shutdown_stops_a_waiting_call_promptly_and_the_next_call_starts_afresh(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(monkeypatch, "sleep:" + MARK, article_timeout_seconds=600)
    extract_articles(seeds[:1])
    raised: list[BaseException] = []
    stopped_at: list[float] = []

    def call() -> None:
        try:
            extract_articles([seeds[0], _marked(seeds[1])])
        except BaseException as exc:
            raised.append(exc)
        stopped_at.append(time.monotonic())

    thread = threading.Thread(target=call)
    thread.start()
    time.sleep(2.0)  # the worker is asleep in the marked article's rules
    assert thread.is_alive()
    t0 = time.monotonic()
    pool.shutdown()
    thread.join(10)
    assert not thread.is_alive()
    assert len(raised) == 1 and isinstance(raised[0], ExtractionStopped)
    assert stopped_at[0] - t0 < 2.0
    assert [p for p in started if _alive(p)] == []
    monkeypatch.delenv("NEWSEVENTS_FAULT")
    assert extract_articles(seeds[:1]) == [expected[seeds[0].article_id]]
    assert len(started) == 2


@pytest.mark.slow
def test_a_spread_call_uses_every_worker_and_keeps_input_order(
    started: list[int],
    seeds: list[Article],
    expected: dict[str, ExtractionResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(monkeypatch, "raise:" + MARK, parse_processes=2, parse_parallel_min=4, batch_size=2)
    arts = [*seeds, _marked(seeds[0])]
    assert warm_pool(articles=len(arts)) is True
    assert len(started) == 2  # both started ahead of the call
    results = extract_articles(arts)
    _check_others(results, arts, expected)
    assert [r.failure.reason for r in results if r.failure] == ["extraction_error"]
    assert len(started) == 2 and len(pool.worker_pids()) == 2


def test_a_model_that_is_not_installed_stops_the_call(
    started: list[int], seeds: list[Article]
) -> None:
    with pytest.raises(WorkerStartError, match="no_such_model"):
        extract_articles(seeds[:1], model="no_such_model")
    assert len(started) == 1  # a model that cannot load is not retried


@pytest.mark.slow
def test_workers_die_with_a_parent_killed_with_sigkill(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from newsevents.extract import pool, warm_pool
        warm_pool()
        print(*pool.worker_pids(), flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert parent.stdout is not None
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert pids and all(_alive(p) for p in pids)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)  # not orphans: reaped by init once dead

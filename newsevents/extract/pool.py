"""Supervised extraction workers: child processes that parse *and* extract, under a time bound.

Each worker (:mod:`newsevents.extract.worker`) loads the model once, runs the whole
extraction on the chunks it is given and sends back only the small result rows, so every
core does parse and rules and no Doc crosses a process boundary. Workers run even for one
article: only in a child can a hang be killed and a crash not take the caller down.

Workers are ``subprocess`` children speaking length-prefixed pickles on their stdin and
stdout, not ``multiprocessing`` ones: a daemonic Dask worker or a Prefect process-pool
worker may not start multiprocessing children, and a dead child is then plain end of file.

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

The pool is shared by the threads of a process and kept across calls (and across the
scheduled runs of ``newsevents serve``). :func:`shutdown` kills and reaps every worker
without taking a lock (a signal handler may call it); a caller waiting on a worker then
raises :class:`ExtractionStopped` within ``_POLL`` seconds, and the next call starts afresh.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import multiprocessing
import multiprocessing.util
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from newsevents.settings import get_settings
from schemas import Article, ExtractionFailure, ExtractionResult

WORKER_ENV = "NEWSEVENTS_EXTRACT_WORKER"  # set in a worker: it never starts workers itself
START_TIMEOUT = 300.0  # loading the model takes 2-3 s; a swamped machine, much longer
_POLL = 0.25  # how often a waiting caller looks for shutdown()
_HEADER = struct.Struct(">Q")
_EOF = object()  # what a reader thread posts at end of file
_SERIALS = itertools.count(1)

Outcome = ExtractionResult | ExtractionFailure
T = TypeVar("T")


class ExtractionStopped(RuntimeError):
    """:func:`shutdown` stopped the extraction workers while this call needed them."""


class WorkerStartError(RuntimeError):
    """A worker could not load the model (not installed?) or died twice before it was ready."""


class _Aborted(Exception):
    """Another lane of the same call failed: this lane gives up its chunk."""


@dataclass(frozen=True)
class Limits:
    """What bounds one call: the per-step time limit, the parse batch, chunk and text sizes."""

    timeout: float
    parse_batch_size: int
    chunk_size: int
    max_chars: int


def write_message(stream: IO[bytes], message: object) -> None:
    """Write one length-prefixed pickle and flush it."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    data = stream.read(n)
    if data is None or len(data) < n:  # a buffered pipe reads short only at end of file
        raise EOFError("pipe closed")
    return data


def read_message(stream: IO[bytes]) -> Any:
    """Read one message written by :func:`write_message`; EOFError when the pipe closed."""
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return pickle.loads(_read_exact(stream, size))


def pool_workers() -> int:
    """How many worker processes this process may keep (``parse_processes``, 0: one per core).

    One inside a daemonic process (a Dask worker) or a worker of a process pool, which
    already has a core of its own; and a worker itself never starts workers.
    """
    if os.environ.get(WORKER_ENV):
        return 1
    here = multiprocessing.current_process()
    if here.daemon or here.name != "MainProcess":
        return 1
    return get_settings().parse_processes or (os.cpu_count() or 1)


def describe_exit(code: int | None) -> str:
    """A worker's end as words: ``exit code 70``, ``killed by signal SIGSEGV``."""
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class _Spawner:
    """Starts every worker from one thread that lives as long as the process.

    ``PR_SET_PDEATHSIG`` fires when the *thread* that started the child ends, not the
    process: a worker started from a Prefect task's thread would die with that thread.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[list[str], dict[str, str], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _serve(self) -> None:
        while True:
            cmd, env, fut = self._jobs.get()
            try:
                fut.set_result(
                    subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
                )
            except BaseException as exc:
                fut.set_exception(exc)

    def spawn(self, cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="newsevents-spawner", daemon=True
                )
                self._thread.start()
        fut: Future[subprocess.Popen[bytes]] = Future()
        self._jobs.put((cmd, env, fut))
        return fut.result()


_SPAWNER = _Spawner()


def _worker_command(model: str) -> tuple[list[str], dict[str, str]]:
    root = str(Path(__file__).resolve().parents[2])  # where newsevents/ and schemas/ live
    path = os.environ.get("PYTHONPATH")
    env = {
        **os.environ,
        WORKER_ENV: "1",
        "PYTHONPATH": root + (os.pathsep + path if path else ""),
    }
    return [sys.executable, "-m", "newsevents.extract.worker", model, str(os.getpid())], env


def _read_all(stream: IO[bytes], inbox: queue.SimpleQueue[Any]) -> None:
    """Move a worker's messages into ``inbox``; end of file (or garbage) becomes ``_EOF``."""
    try:
        while True:
            inbox.put(read_message(stream))
    except Exception:  # EOFError, a closed pipe, a message cut short by a kill
        pass
    finally:
        inbox.put(_EOF)


class _Worker:
    """One child process and a thread that reads its messages."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.ready = False
        self.inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        assert proc.stdout is not None
        threading.Thread(
            target=_read_all, args=(proc.stdout, self.inbox), name="newsevents-reader", daemon=True
        ).start()

    def send(self, message: object) -> bool:
        """Send a message; False when the worker is gone."""
        assert self.proc.stdin is not None
        try:
            write_message(self.proc.stdin, message)
        except (OSError, ValueError):  # a broken pipe, or the pipe closed under us
            return False
        return True

    def receive(self, timeout: float, check: Callable[[], None]) -> Any:
        """The next message, ``_EOF``, or None after ``timeout`` s; ``check`` may raise to stop."""
        deadline = time.monotonic() + timeout
        while True:
            check()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                return self.inbox.get(timeout=min(_POLL, left))
            except queue.Empty:
                continue


class WorkerPool:
    """Up to ``size`` workers with ``model`` loaded, started when first needed."""

    def __init__(self, size: int, model: str) -> None:
        self.size = size
        self.model = model
        self.closed = False
        # A slot holds an idle worker, or None where none is started yet. Last in, first
        # out: a call takes a live worker before it starts another one.
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(None)
        self._procs: dict[int, subprocess.Popen[bytes]] = {}

    def pids(self) -> list[int]:
        """The process ids of the workers alive now."""
        return [pid for pid, proc in list(self._procs.items()) if proc.returncode is None]

    def check(self) -> None:
        """Raise ExtractionStopped once :meth:`close` has run."""
        if self.closed:
            raise ExtractionStopped("extraction stopped: the workers were shut down")

    def acquire(self, check: Callable[[], None]) -> _Worker | None:
        """A free slot: an idle worker, or None (the caller starts one)."""
        while True:
            check()
            try:
                return self._idle.get(timeout=_POLL)
            except queue.Empty:
                continue

    def release(self, worker: _Worker | None) -> None:
        if worker is not None and self.closed:
            self.discard(worker)
            worker = None
        self._idle.put(worker)

    def start(self) -> _Worker:
        """Start a worker (it loads the model while the caller goes on)."""
        self.check()
        proc = _SPAWNER.spawn(*_worker_command(self.model))
        self._procs[proc.pid] = proc
        worker = _Worker(proc)
        if self.closed:  # shutdown() ran while it started, and did not see it
            self.discard(worker)
            self.check()
        return worker

    def ready(self, worker: _Worker | None, check: Callable[[], None]) -> _Worker:
        """``worker`` (or a new one) once its model is loaded; raise if two starts fail."""
        why = ""
        for _ in range(2):
            if worker is None:
                worker = self.start()
            if worker.ready:
                return worker
            try:
                message = worker.receive(START_TIMEOUT, check)
            except BaseException:
                self.discard(worker)
                raise
            ended = message is _EOF
            kind = None if message is None or ended else message[0]
            if kind == "ready":
                worker.ready = True
                return worker
            code = self.discard(worker, grace=5.0 if ended else 0.0)
            worker = None
            if kind == "fatal":
                raise WorkerStartError(f"the extraction worker cannot start: {message[1]}")
            why = (
                f"exited before it was ready ({describe_exit(code)})"
                if ended
                else f"did not load the model within {START_TIMEOUT:g} s"
            )
        raise WorkerStartError(f"the extraction worker failed to start twice: it {why}")

    def discard(self, worker: _Worker, grace: float = 0.0) -> int | None:
        """Kill (after ``grace`` s to exit by itself) and reap a worker; its exit code."""
        proc = worker.proc
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(grace)
        if proc.returncode is None:
            with contextlib.suppress(OSError):
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError, ValueError):
                if pipe is not None:
                    pipe.close()
        self._procs.pop(proc.pid, None)
        return proc.returncode

    def warm(self, n: int) -> None:
        """Start workers in up to ``n`` idle slots without waiting for their model."""
        taken: list[_Worker | None] = []
        with contextlib.suppress(queue.Empty):
            while len(taken) < self.size:
                taken.append(self._idle.get_nowait())
        live = sum(w is not None for w in taken)
        try:
            for i, slot in enumerate(taken):
                if slot is None and live < n:
                    taken[i] = self.start()
                    live += 1
        finally:
            # the idle workers go back on top of the empty slots
            for slot in sorted(taken, key=lambda w: w is not None):
                self.release(slot)

    def close(self) -> None:
        """Kill and reap every worker; no lock is taken, so a signal handler may call it."""
        self.closed = True
        procs = list(self._procs.values())
        for proc in procs:
            with contextlib.suppress(OSError):
                proc.kill()
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired, OSError):
                proc.wait(2)


_LOCK = threading.Lock()
_POOL: WorkerPool | None = None


def get_pool(workers: int, model: str) -> WorkerPool:
    """The process-wide pool (a new one after :func:`shutdown` or for another model)."""
    global _POOL
    with _LOCK:
        pool = _POOL
        if pool is not None and (pool.closed or (pool.size, pool.model) != (workers, model)):
            pool.close()
            pool = None
        if pool is None:
            pool = _POOL = WorkerPool(workers, model)
        return pool


def warm(workers: int, model: str, n: int | None = None) -> None:
    """Start ``n`` (default ``workers``) workers now; they load the model meanwhile."""
    with contextlib.suppress(OSError):
        get_pool(workers, model).warm(n or workers)


def running() -> bool:
    """Whether this process has a pool (started by a call or :func:`warm`, not shut down)."""
    return _POOL is not None


def worker_pids() -> list[int]:
    """The process ids of the live workers of this process's pool."""
    pool = _POOL
    return pool.pids() if pool is not None else []


def shutdown() -> None:
    """Kill and reap every worker; waiting callers raise ExtractionStopped (also at exit)."""
    global _POOL
    pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


def _forget_after_fork() -> None:
    """A forked child has copies of the parent's pool and spawner, which are not its own."""
    global _POOL, _SPAWNER, _LOCK
    _POOL, _SPAWNER, _LOCK = None, _Spawner(), threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(shutdown)
# A multiprocessing child (a Prefect process-pool worker) ends with os._exit, skipping
# atexit; its finalizers still run. PR_SET_PDEATHSIG would kill the workers anyway.
multiprocessing.util.Finalize(None, shutdown, exitpriority=10)


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
    worker: _Worker,
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
        if message is _EOF:
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
                    thread.join(_POLL)
        except _Aborted:  # a helper failed first: its error is the one to raise
            pass
        except BaseException:
            call.aborted = True  # the helpers give their workers up within _POLL s
            raise
        if call.errors:
            raise call.errors[0]
    done = [o for o in out if o is not None]
    assert len(done) == len(articles), "every article has an outcome"
    return done

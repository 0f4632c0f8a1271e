"""Supervised extraction workers: child processes that parse *and* extract, under a time bound;
how a call's articles are dealt out to them is :mod:`.dispatch`.

Each worker (:mod:`newsevents.extract.worker`) loads the model once, runs the whole
extraction on the chunks it is given and sends back only the small result rows, so every
core does parse and rules and no Doc crosses a process boundary. Workers run even for one
article: only in a child can a hang be killed and a crash not take the caller down.

Workers are ``subprocess`` children speaking length-prefixed pickles on their stdin and
stdout, not ``multiprocessing`` ones: a daemonic Dask worker or a Prefect process-pool
worker may not start multiprocessing children, and a dead child is then plain end of file.

The pool is shared by the threads of a process and kept across calls (and across the
scheduled runs of ``newsevents serve``). :func:`shutdown` kills and reaps every worker
without taking a lock (a signal handler may call it); a caller waiting on a worker then
raises :class:`ExtractionStopped` within ``POLL`` seconds, and the next call starts afresh.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.util
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

from newsevents.extract.channel import read_message, write_message

WORKER_ENV = "NEWSEVENTS_EXTRACT_WORKER"  # set in a worker: it never starts workers itself
START_TIMEOUT = 300.0  # loading the model takes 2-3 s; a swamped machine, much longer
POLL = 0.25  # how often a waiting caller looks for shutdown()
_EOF = object()  # what a reader thread posts at end of file


class ExtractionStopped(RuntimeError):
    """:func:`shutdown` stopped the extraction workers while this call needed them."""


class WorkerStartError(RuntimeError):
    """A worker could not load the model (not installed?) or died twice before it was ready."""


def pool_workers(parse_processes: int) -> int:
    """How many worker processes this process may keep: ``parse_processes`` (0: one per core).

    One inside a daemonic process (a Dask worker) or a worker of a process pool, which
    already has a core of its own; and a worker itself never starts workers.
    """
    if os.environ.get(WORKER_ENV):
        return 1
    here = multiprocessing.current_process()
    if here.daemon or here.name != "MainProcess":
        return 1
    return parse_processes or (os.cpu_count() or 1)


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


class WorkerProcess:
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
                return self.inbox.get(timeout=min(POLL, left))
            except queue.Empty:
                continue


def end_of_file(message: object) -> bool:
    """Whether ``message`` is what a worker's reader posts once its pipe closed (it died)."""
    return message is _EOF


class WorkerPool:
    """Up to ``size`` workers with ``model`` loaded, started when first needed."""

    def __init__(self, size: int, model: str) -> None:
        self.size = size
        self.model = model
        self.closed = False
        # A slot holds an idle worker, or None where none is started yet. Last in, first
        # out: a call takes a live worker before it starts another one.
        self._idle: queue.LifoQueue[WorkerProcess | None] = queue.LifoQueue()
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

    def acquire(self, check: Callable[[], None]) -> WorkerProcess | None:
        """A free slot: an idle worker, or None (the caller starts one)."""
        while True:
            check()
            try:
                return self._idle.get(timeout=POLL)
            except queue.Empty:
                continue

    def release(self, worker: WorkerProcess | None) -> None:
        if worker is not None and self.closed:
            self.discard(worker)
            worker = None
        self._idle.put(worker)

    def start(self) -> WorkerProcess:
        """Start a worker (it loads the model while the caller goes on)."""
        self.check()
        proc = _SPAWNER.spawn(*_worker_command(self.model))
        self._procs[proc.pid] = proc
        worker = WorkerProcess(proc)
        if self.closed:  # shutdown() ran while it started, and did not see it
            self.discard(worker)
            self.check()
        return worker

    def ready(self, worker: WorkerProcess | None, check: Callable[[], None]) -> WorkerProcess:
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

    def discard(self, worker: WorkerProcess, grace: float = 0.0) -> int | None:
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
        taken: list[WorkerProcess | None] = []
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

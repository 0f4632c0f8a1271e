"""Stopping a command on Ctrl-C or SIGTERM: within seconds, and no process left behind.

SIGTERM is handled like Ctrl-C: the first of either stops the extraction workers (their
callers then return at once) and raises ``KeyboardInterrupt`` in the main thread, so every
context manager on the way out runs (Prefect's flow and task runner, a Dask cluster) and
the interpreter's exit handlers stop Prefect's temporary server. A second signal while
stopping ends the process at once, after killing what it started. No Prefect import here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterable
from types import FrameType

import psutil

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_received: list[int] = []


def received() -> int | None:
    """The signal that started the stop, or None."""
    return _received[0] if _received else None


def exit_code(signum: int) -> int:
    """The shell's code for a death by ``signum``: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum


def stop_extraction_workers() -> None:
    """Kill the extraction workers, if this process started any (never imports spaCy)."""
    pool = sys.modules.get("newsevents.extract.pool")
    if pool is not None:
        pool.shutdown()


def note(signum: int) -> bool:
    """Record a stop signal; True for the first, False while already stopping."""
    if _received:
        return False
    _received.append(signum)
    return True


def force_exit() -> None:
    """Asked again while stopping: kill what this process started and exit at once."""
    kill_tree(descendants(), grace=1.0)
    os._exit(exit_code(_received[0] if _received else signal.SIGINT))


def on_signal(signum: int, frame: FrameType | None = None) -> None:
    """The handler of SIGINT and SIGTERM: stop the extraction workers, then raise
    ``KeyboardInterrupt`` in the main thread (a second signal: :func:`force_exit`)."""
    if not note(signum):
        force_exit()
    # killed without a lock (pool.shutdown may run in a handler): a task thread waiting on
    # a worker returns within a fraction of a second, so the task runner can stop
    stop_extraction_workers()
    raise KeyboardInterrupt


# A process runner's worker killed on a stop leaves its semaphores to multiprocessing's
# resource tracker, which removes them and warns about each "leak" on stderr; the tracker
# takes its warning filters from this interpreter's -W options when it starts.
_QUIET_TRACKER = "ignore:resource_tracker:UserWarning"


def install() -> None:
    """Handle SIGINT and SIGTERM as above (only the main thread may set handlers)."""
    _received.clear()
    if _QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(_QUIET_TRACKER)
    if threading.current_thread() == threading.main_thread():
        for signum in STOP_SIGNALS:
            signal.signal(signum, on_signal)


def descendants(pid: int | None = None) -> list[psutil.Process]:
    """The live processes started by ``pid`` (default: this one) and by their children."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


# Children that stop by themselves once this process exits: Prefect's temporary API server
# (its exit handler stops it; the run's last state and log reports still need it), and
# multiprocessing's resource tracker (it ignores SIGTERM and ends when its pipe closes).
_SELF_STOPPING = ("prefect.server.api.server", "multiprocessing.resource_tracker")


def stops_at_exit(proc: psutil.Process) -> bool:
    """Whether ``proc`` is one of the children that end with this process (see above)."""
    try:
        return any(mark in part for part in proc.cmdline() for mark in _SELF_STOPPING)
    except psutil.Error:
        return False


def kill_tree(procs: Iterable[psutil.Process], grace: float = 3.0) -> list[psutil.Process]:
    """Terminate ``procs`` with their own children, kill those still alive after ``grace``
    seconds; return the processes that were stopped."""
    targets: dict[int, psutil.Process] = {}
    for proc in procs:
        for p in [proc, *descendants(proc.pid)]:
            targets.setdefault(p.pid, p)
    for proc in targets.values():
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(list(targets.values()), timeout=grace)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=grace)
    return list(targets.values())


def stop_children(grace: float = 3.0) -> list[psutil.Process]:
    """Stop every process this one started that is still alive, but those that stop at exit.

    Called once the flow has unwound: anything left (a task runner's worker, a Dask
    process) would outlive the command.
    """
    stop_extraction_workers()
    return kill_tree([p for p in descendants() if not stops_at_exit(p)], grace=grace)

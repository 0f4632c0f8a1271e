"""End to end: `newsevents run` with a fault injected in extraction, and stopped by a signal.

Each test runs the installed CLI as a subprocess over its own small input folder, with its
own warehouse and Prefect home, and the fault set by ``NEWSEVENTS_FAULT=ACTION:MARKER`` (see
``newsevents/extract/worker.py``). It asserts the quarantine rows (read with
``newsevents query --json``), that the other articles' events are loaded, that the run ends
within a bound, that a rerun changes nothing, and that no process the run started (the
Prefect server, task runner and extraction workers, the resource tracker) outlives it.

The fault runs report to one Prefect server per module, which saves the temporary
server's start (6-10 s) on each run; the signal tests use the temporary server, so that
its stop is checked too.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import psutil
import pytest

from newsevents import warehouse as wh

from .conftest import ROOT

pytestmark = pytest.mark.slow

CLI = str(Path(sys.executable).with_name("newsevents"))
MARK = "QQFAULTQQ"
# A bound on one run, far above its usual 10-30 s: a hang would take the article timeout
# (an hour, the injected sleep) or the test's own timeout.
RUN_BOUND = 150.0
STOP_BOUND = 15.0  # from the signal to the CLI's exit ("within seconds", on a busy machine)

# Written for these tests, in the style of wire copy (no sentence of any evaluation set).
GOOD = {
    "troops": "Turkish troops were deployed to the Syrian border on Monday, officials said.\n",
    "talks": "The foreign ministers of Russia and Turkey held talks in Moscow on Tuesday.\n",
}
FAULTY = f"Rebels attacked an army post near the capital on Sunday, the army said. {MARK}\n"
LONG_CHARS = 1_000_001


@dataclass
class Run:
    """One CLI run: exit code, output, seconds taken and every descendant process seen."""

    code: int
    out: str
    err: str
    seconds: float
    seen: dict[int, psutil.Process] = field(default_factory=dict)

    def survivors(self, grace: float = 5.0) -> list[str]:
        """Descendants still alive ``grace`` seconds after the exit (the resource tracker
        ends when its pipe closes, a moment after its parent)."""
        deadline = time.monotonic() + grace
        while True:
            alive = [p for p in self.seen.values() if _alive(p)]
            if not alive or time.monotonic() > deadline:
                return [f"{p.pid}: {_cmd(p)}" for p in alive]
            time.sleep(0.2)


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _cmd(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())[:160]
    except psutil.Error:
        return "?"


def _watch(proc: subprocess.Popen[str], seen: dict[int, psutil.Process]) -> None:
    """Record the descendants of ``proc`` now (a process that ends meanwhile is skipped)."""
    try:
        for child in psutil.Process(proc.pid).children(recursive=True):
            seen.setdefault(child.pid, child)
    except psutil.Error:
        pass


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CLI, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(proc: subprocess.Popen[str], started: float, seen: dict[int, psutil.Process]) -> Run:
    """Wait for ``proc`` within RUN_BOUND, watching its descendants; kill its tree past it."""
    while proc.poll() is None and time.monotonic() - started < RUN_BOUND:
        _watch(proc, seen)
        time.sleep(0.2)
    if proc.poll() is None:
        for p in [*seen.values(), psutil.Process(proc.pid)]:
            if _alive(p):
                p.kill()
    out, err = proc.communicate(timeout=30)
    return Run(proc.returncode, out, err, time.monotonic() - started, seen)


def run_cli(args: list[str], env: dict[str, str]) -> Run:
    seen: dict[int, psutil.Process] = {}
    started = time.monotonic()
    return _finish(_start(args, env), started, seen)


def query(db: Path, sql: str, env: dict[str, str]) -> list[dict[str, object]]:
    got = subprocess.run(
        [CLI, "query", sql, "--warehouse", str(db), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert got.returncode == 0, got.stderr
    return [json.loads(line) for line in got.stdout.splitlines()]


def write_input(folder: Path, *, faulty: bool = True, long: bool = False) -> list[str]:
    """The good articles, the one carrying the marker, and a >1M-character one; ids."""
    folder.mkdir()
    texts = dict(GOOD)
    if faulty:
        texts["faulty"] = FAULTY
    if long:
        line = "Officials met in the capital to discuss the budget on Monday. "
        texts["long"] = (line * (LONG_CHARS // len(line) + 1))[:LONG_CHARS] + "\n"
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    rows = "".join(f"{name},wire,{name},2020-02-26,\n" for name in texts)
    (folder / "articles.csv").write_text("article_id,source,title,published,url\n" + rows)
    return sorted(texts)


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Prefect server for the module's fault runs (each keeps its own Prefect home)."""
    home = tmp_path_factory.mktemp("prefect-server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-services",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, "the Prefect server did not start"
            time.sleep(0.5)
        else:
            pytest.fail("the Prefect server did not answer within 180 s")
        yield url
    finally:
        for p in [*psutil.Process(server.pid).children(recursive=True)]:
            p.terminate()
        server.terminate()
        server.wait(timeout=60)


def cli_env(tmp_path: Path, api: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSEVENTS_"))}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "NEWSEVENTS_PREFECT_HOME": str(tmp_path / "prefect-home"),
        "NEWSEVENTS_PARSE_PROCESSES": "1",  # one extraction worker: two cores, many tests
        "NEWSEVENTS_FAULT_STATE": str(tmp_path),
        **extra,
    }
    if api:
        env["PREFECT_API_URL"] = api
    return env


STATE_SQL = (
    "SELECT 'quarantine' AS what, article_id, reason, message FROM quarantine "
    "UNION ALL SELECT 'article', article_id, NULL, NULL FROM dim_article "
    "UNION ALL SELECT 'mention', article_id, event_type, NULL FROM fct_event_mention "
    "ORDER BY 1, 2, 3"
)


def state(db: Path, env: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    rows = query(db, STATE_SQL, env)
    out: dict[str, list[tuple[object, ...]]] = {"quarantine": [], "article": [], "mention": []}
    for r in rows:
        out[str(r["what"])].append((r["article_id"], r["reason"], r["message"]))
    return out


def checksums(db: Path) -> dict[str, tuple[int, str]]:
    with wh.connect(db, read_only=True) as con:
        sums = wh.table_checksums(con)
    sums.pop("schema_version")  # its applied_at clock; migrations are the same
    return sums


# (fault action, the reason it ends in or None when the article loads, the article timeout)
FAULTS = {
    "timeout": ("sleep", "extraction_timeout", "4"),
    "error": ("raise", "extraction_error", "60"),
    "crash": ("exit", "extraction_crash", "60"),
    "crash-once": ("exit-once", None, "60"),
}
# Every fault on the thread runner, with a rerun; on the process runner the timeout alone,
# without one: how a failure becomes a quarantine row is the same flow and warehouse code
# whatever the fault, and tests/test_extract_workers.py covers each fault in the pool (a CLI
# run costs 10-15 s here).
CASES = [(case, "thread", True) for case in FAULTS] + [("timeout", "process", False)]


@pytest.mark.parametrize(("case", "runner", "rerun"), CASES)
def test_a_faulty_article_is_quarantined_the_rest_loads_and_a_rerun_changes_nothing(
    tmp_path: Path, prefect_api: str, case: str, runner: str, rerun: bool
) -> None:
    action, reason, limit = FAULTS[case]
    ids = write_input(tmp_path / "in", long=case == "timeout")
    db = tmp_path / "w.duckdb"
    env = cli_env(
        tmp_path,
        prefect_api,
        NEWSEVENTS_FAULT=f"{action}:{MARK}",
        NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS=limit,
    )
    args = ["run", "--input", str(tmp_path / "in"), "--warehouse", str(db), "--runner", runner]

    first = run_cli(args, env)
    assert first.code == 0, first.err  # quarantined input is not a failed run (README)
    assert first.seconds < RUN_BOUND
    assert first.survivors() == []
    assert "Traceback" not in first.err
    got = state(db, env)
    failed = {"faulty": reason} if reason else {}
    if case == "timeout":
        failed["long"] = "too_long_to_parse"
    assert {a: r for a, r, _ in got["quarantine"]} == failed
    messages = {a: m for a, _, m in got["quarantine"]}
    if case == "timeout":
        assert "4 s" in str(messages["faulty"])  # the message names the limit
        assert "200,000-character" in str(messages["long"])  # and the length limit
    elif case == "error":
        assert "RuntimeError" in str(messages["faulty"])  # the exception type and message
    loaded = sorted(set(ids) - set(failed))
    assert [a for a, _, _ in got["article"]] == loaded
    assert {a for a, _, _ in got["mention"]} >= set(GOOD)  # the others' events are loaded
    for name in failed:
        # whitespace dropped: the table wraps at the terminal's width, even inside a name
        assert f"{name}.txt:{failed[name]}" in "".join(first.out.split())
    if not rerun:
        return
    before = checksums(db)
    again = run_cli(args, env)  # a failed article is tried again, and fails again
    assert again.code == 0, again.err
    assert again.survivors() == []
    assert checksums(db) == before  # no second quarantine row, nothing else changed
    if reason is None:  # loaded on the retry: the rerun has nothing to do
        assert "nothing to do" in again.out


def _lines(stream: IO[str], into: list[str]) -> None:
    for line in stream:
        into.append(line)


# SIGTERM with the temporary Prefect server (whose stop is checked too); SIGINT against the
# module's server, which saves the temporary server's start.
@pytest.mark.parametrize(
    ("sig", "runner", "temporary"),
    [
        (signal.SIGTERM, "thread", True),
        (signal.SIGTERM, "process", True),
        (signal.SIGINT, "thread", False),
    ],
)
def test_a_signal_stops_a_hung_run_within_seconds_and_leaves_no_process(
    tmp_path: Path, prefect_api: str, sig: signal.Signals, runner: str, temporary: bool
) -> None:
    """A run hung on an article that sleeps an hour (its limit is 600 s)."""
    write_input(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    env = cli_env(
        tmp_path,
        None if temporary else prefect_api,
        NEWSEVENTS_FAULT=f"sleep:{MARK}",
        NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS="600",
        PREFECT_LOGGING_LEVEL="INFO",  # its task runs' ends, on stderr
    )
    args = ["run", "--input", str(tmp_path / "in"), "--warehouse", str(db), "--runner", runner]
    seen: dict[int, psutil.Process] = {}
    started = time.monotonic()
    proc = _start(args, env)
    assert proc.stderr is not None
    logged: list[str] = []
    reader = threading.Thread(target=_lines, args=(proc.stderr, logged), daemon=True)
    reader.start()
    ingested = None
    # extraction starts once ingest ends and takes about a second: 4 s later it is hung
    while proc.poll() is None and time.monotonic() - started < RUN_BOUND:
        _watch(proc, seen)
        if ingested is None and any("Task run 'ingest-" in line for line in logged):
            ingested = time.monotonic()
        if ingested is not None and time.monotonic() - ingested > 4:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "".join(logged)  # hung, not finished
    assert not any("Task run 'extract-" in line for line in logged)
    # the temporary server is one of the processes checked
    assert any("uvicorn" in _cmd(p) for p in seen.values()) == temporary
    _watch(proc, seen)
    signalled = time.monotonic()
    proc.send_signal(sig)
    proc.wait(timeout=60)
    stopped_after = time.monotonic() - signalled
    reader.join(timeout=30)  # stderr to its end
    assert proc.stdout is not None
    err = "".join(logged)
    stopped = Run(proc.returncode, proc.stdout.read(), err, stopped_after, seen)
    assert stopped.code == 128 + sig, err
    assert stopped.seconds < STOP_BOUND, (stopped.seconds, err)
    assert f"stopped by {sig.name}" in err and "Traceback" not in err, err
    assert stopped.survivors() == [], err

    if runner == "process":
        return  # what the stop left in the warehouse does not depend on the runner (time)
    # consistent: a run without the fault loads everything, and quarantines nothing
    env = cli_env(tmp_path, prefect_api)
    done = run_cli(args, env)
    assert done.code == 0, done.err
    got = state(db, env)
    assert got["quarantine"] == []
    assert [a for a, _, _ in got["article"]] == ["faulty", "talks", "troops"]
    assert "faulty" in {a for a, _, _ in got["mention"]}


CASE_DEV = ROOT.parent / "shared" / "case2021" / "dev.tsv"
CASE_BOUND = 300.0  # about 170 short snippets: 10-20 s on two cores; ten times that
# Every third snippet: the run end to end through the CLI and its workers on real material.
# All of them go through extraction in tests/test_dev_ratchet.py (in-process, scored).
CASE_STEP = 3


@pytest.mark.skipif(not CASE_DEV.is_file(), reason="../shared/case2021/dev.tsv is not here")
def test_run_over_the_case2021_snippets_completes(tmp_path: Path) -> None:
    """One article per snippet (read from ../shared at run time, never copied): the run
    ends, every snippet is loaded or quarantined, events are loaded, nothing is left."""
    import csv

    folder = tmp_path / "in"
    folder.mkdir()
    with CASE_DEV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1::CASE_STEP]
    for snippet_id, text, *_ in rows:
        (folder / f"case-{snippet_id}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "articles.csv").write_text(
        "article_id,source,title,published,url\n"
        + "".join(f"case-{r[0]},case2021,,2021-01-01,\n" for r in rows)
    )
    db = tmp_path / "w.duckdb"
    env = cli_env(tmp_path)
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
    seen: dict[int, psutil.Process] = {}
    started = time.monotonic()
    proc = _start(["run", "--input", str(folder), "--warehouse", str(db)], env)
    while proc.poll() is None and time.monotonic() - started < CASE_BOUND:
        _watch(proc, seen)
        time.sleep(0.5)
    if proc.poll() is None:
        proc.kill()
    out, err = proc.communicate(timeout=60)
    done = Run(proc.returncode, out, err, time.monotonic() - started, seen)
    assert done.seconds < CASE_BOUND
    assert done.code in (0, 4), err  # 4: loaded, and a data check flags some rows
    assert done.survivors() == []
    counts = query(
        db,
        "SELECT (SELECT count(*) FROM dim_article) AS articles, "
        "(SELECT count(*) FROM quarantine) AS quarantined, "
        "(SELECT count(*) FROM fct_event_mention) AS mentions, "
        "(SELECT count(*) FROM quarantine WHERE reason IN "
        "('extraction_timeout', 'extraction_crash')) AS lost",
        env,
    )[0]
    assert counts["articles"] + counts["quarantined"] == len(rows)
    assert counts["articles"] > 0.9 * len(rows) and counts["mentions"] > 30
    assert counts["lost"] == 0

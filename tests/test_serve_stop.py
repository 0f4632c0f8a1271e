"""Stopping ``newsevents serve`` and ``newsevents ui`` with a signal, as real processes; and
the pieces of serve's line per flow run and of its backfill deployment.

The serve test runs the CLI against the session's Prefect API (``prefect_harness``): it
triggers a backfill of two batches whose second hangs on an article that sleeps an hour
(``NEWSEVENTS_FAULT``, see ``newsevents/extract/worker.py``), sends SIGTERM, and reads back
from the API that neither the run nor its subflows are left Running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import psutil
import pytest

from newsevents import warehouse as wh

from .test_faults_e2e import (
    CLI,
    FAULTY,
    GOOD,
    MARK,
    ROOT,
    Run,
    _alive,
    _cmd,
    _lines,
    _watch,
    cli_env,
)

STOP_BOUND = 30.0  # signal to exit: the runner's cancel waits ~3 s per check of the run
START_BOUND = 120.0  # a server, or serve's first pick-up of a run, on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_free(port: int) -> bool:
    """Whether a server can listen on ``port`` (as Prefect's does, with SO_REUSEADDR: a
    listener left behind makes it fail, a closed connection's TIME_WAIT does not)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _until(what: str, check: Any, proc: subprocess.Popen[str], seen: dict[int, Any]) -> Any:
    """Poll ``check()`` until it returns something truthy, watching ``proc``'s descendants."""
    deadline = time.monotonic() + START_BOUND
    while time.monotonic() < deadline:
        _watch(proc, seen)
        assert proc.poll() is None, f"exited {proc.returncode} while waiting for {what}"
        got = check()
        if got:
            return got
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {START_BOUND} s")


def _stop(proc: subprocess.Popen[str], sig: signal.Signals, seen: dict[int, Any]) -> Run:
    """Send ``sig``; wait for the exit within STOP_BOUND (killing the tree past it)."""
    _watch(proc, seen)
    signalled = time.monotonic()
    proc.send_signal(sig)
    try:
        proc.wait(timeout=STOP_BOUND)
    except subprocess.TimeoutExpired:
        for p in [*seen.values(), psutil.Process(proc.pid)]:
            with contextlib.suppress(psutil.Error):
                p.kill()
        proc.wait(timeout=30)
    return Run(proc.returncode, "", "", time.monotonic() - signalled, seen)


def _serve(
    args: list[str], env: dict[str, str]
) -> tuple[subprocess.Popen[str], list[str], list[str], Any]:
    """Start ``newsevents serve ARGS``; its stdout and stderr lines gather in two lists as
    they come. The last item waits (bounded) until both streams are read to their end."""
    proc = subprocess.Popen(
        [CLI, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=_lines, args=(stream, into), daemon=True)
        for stream, into in ((proc.stdout, out), (proc.stderr, err))
    ]
    for reader in readers:
        reader.start()

    def drain() -> None:
        for reader in readers:
            reader.join(timeout=30)

    return proc, out, err, drain


def _write(folder: Path, name: str, text: str, published: str) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with (folder / "articles.csv").open("a", encoding="utf-8") as f:
        f.write(f"{name},wire,{name},{published},\n")


@pytest.mark.slow
def test_sigterm_to_serve_cancels_the_run_in_progress_and_its_subflows(
    prefect_harness: None, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    api = str(PREFECT_API_URL.value())
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "articles.csv").write_text("article_id,source,title,published,url\n")
    for name, text in GOOD.items():  # the first week's batch completes
        _write(archive, name, text, "2020-02-03")
    _write(archive, "faulty", FAULTY, "2020-02-10")  # the second week's hangs
    db = tmp_path / "w.duckdb"
    env = cli_env(
        tmp_path,
        api,
        NEWSEVENTS_FAULT=f"sleep:{MARK}",
        NEWSEVENTS_ARTICLE_TIMEOUT_SECONDS="600",
        PREFECT_RUNNER_POLL_FREQUENCY="1",  # picks a triggered run up within a second
    )
    # the harness's API serves the whole session: names of this test's own
    args = ["serve", "--inbox", str(tmp_path / "inbox"), "--archive", str(archive)]
    proc, out, err, drain = _serve([*args, "--warehouse", str(db)], env)
    seen: dict[int, Any] = {}
    http = httpx.Client(base_url=api, timeout=30)
    try:

        def deployment() -> str | None:
            got = http.get("/deployments/name/backfill/backfill")
            return got.json()["id"] if got.status_code == 200 else None

        dep_id = _until("backfill deployment", deployment, proc, seen)
        name = f"stopped-{uuid4().hex[:8]}"
        created = http.post(
            f"/deployments/{dep_id}/create_flow_run",
            json={"name": name, "parameters": {"start": "2020-02-01", "end": "2020-02-14"}},
        )
        assert created.status_code == 201, created.text
        run_id = created.json()["id"]

        def children() -> list[dict[str, Any]]:
            return http.post(
                "/flow_runs/filter",
                json={"flow_runs": {"parent_flow_run_id": {"any_": [run_id]}}},
            ).json()

        def hung() -> bool:
            batches = {r["name"]: r["state_type"] for r in children()}
            return batches.get("backfill-2020-02-08..2020-02-14") == "RUNNING"

        _until("second batch running", hung, proc, seen)
        time.sleep(3)  # its ingest ends and extraction starts within a second or two
        _watch(proc, seen)
        assert any("prefect.engine" in _cmd(p) for p in seen.values())  # the run's process
        stopped = _stop(proc, signal.SIGTERM, seen)
        drain()
        said, logged = "".join(out), "".join(err)

        assert stopped.code == 128 + signal.SIGTERM, logged[-3000:]
        assert stopped.seconds < STOP_BOUND, logged[-3000:]
        assert "stopped by SIGTERM" in logged and "Traceback" not in logged, logged[-3000:]
        assert stopped.survivors() == [], logged[-3000:]
        # nothing left Running: the run is Cancelled (or Crashed), so are its batches but
        # the first, which completed
        run = http.get(f"/flow_runs/{run_id}").json()
        assert run["state_type"] in ("CANCELLED", "CRASHED"), run["state"]
        batches = {r["name"]: r["state_type"] for r in children()}
        assert batches["backfill-2020-02-01..2020-02-07"] == "COMPLETED"
        assert batches["backfill-2020-02-08..2020-02-14"] in ("CANCELLED", "CRASHED"), batches
        # serve's line for the run, with the counts its completed batch published
        line = next(x for x in said.splitlines() if f"backfill/backfill '{name}'" in x)
        assert "2 articles extracted, 0 unchanged" in line and "0 quarantined" in line, said
        assert run["state_name"] in line, line
        # the archive, not the inbox, is the backfill's default input
        assert f"backfill/backfill reads {archive.resolve()}" in " ".join(said.split())
    finally:
        http.close()
        if proc.poll() is None:
            proc.kill()
    # consistent: the completed batch is loaded, the stopped one left nothing
    with wh.connect(db, read_only=True) as con:
        articles = [r[0] for r in con.execute("SELECT article_id FROM dim_article").fetchall()]
        quarantined = con.execute("SELECT count(*) FROM quarantine").fetchone()
    assert sorted(articles) == sorted(GOOD)
    assert quarantined == (0,)


@pytest.mark.slow
def test_sigterm_to_ui_stops_its_prefect_server_and_frees_the_port(tmp_path: Path) -> None:
    port = _free_port()
    env = cli_env(tmp_path)
    proc = subprocess.Popen(
        [CLI, "ui", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: dict[int, Any] = {}
    try:

        def healthy() -> bool:
            try:
                url = f"http://127.0.0.1:{port}/api/health"
                return httpx.get(url, timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _until("healthy server", healthy, proc, seen)
        assert seen, "the server is a child of the command"
        stopped = _stop(proc, signal.SIGTERM, seen)
        assert proc.stderr is not None
        logged = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert stopped.code == 128 + signal.SIGTERM, logged[-3000:]
    assert stopped.seconds < STOP_BOUND
    assert "stopped by SIGTERM" in logged and "Traceback" not in logged, logged[-3000:]
    assert stopped.survivors() == []
    assert _port_free(port)  # the next `newsevents ui` can start here


@pytest.mark.slow
def test_serve_without_prefect_api_url_starts_a_server_with_a_scheduler_and_stops_it(
    tmp_path: Path,
) -> None:
    """No PREFECT_API_URL and nothing on the port: serve starts a server there (not the
    temporary API, which runs no scheduler), whose scheduler schedules the pipeline's runs;
    SIGTERM stops serve and the server, leaving the port free and nothing running."""
    port = _free_port()
    env = cli_env(tmp_path, NEWSEVENTS_UI_PORT=str(port))
    args = ["serve", "--inbox", str(tmp_path / "inbox"), "--warehouse", str(tmp_path / "w.db")]
    proc, out, err, drain = _serve([*args, "--cron", "0 0 * * *"], env)
    seen: dict[int, Any] = {}
    api = f"http://127.0.0.1:{port}/api"
    http = httpx.Client(base_url=api, timeout=30)
    try:
        _until("startup line", lambda: "serving pipeline/pipeline" in "".join(out), proc, seen)
        assert http.get("/health").json() is True
        _watch(proc, seen)
        assert any("server start" in _cmd(p) for p in seen.values()), "serve's own child"

        def scheduled() -> list[dict[str, Any]]:
            got = http.get("/deployments/name/pipeline/pipeline")
            if got.status_code != 200:
                return []
            runs = http.post(
                "/flow_runs/filter",
                json={
                    "flow_runs": {
                        "deployment_id": {"any_": [got.json()["id"]]},
                        "state": {"type": {"any_": ["SCHEDULED"]}},
                    }
                },
            )
            return runs.json()

        # the server's scheduler (the temporary API runs none) schedules the cron's runs
        assert _until("scheduled pipeline runs", scheduled, proc, seen)
        pipeline = http.get("/deployments/name/pipeline/pipeline").json()
        assert [(s["active"], s["schedule"]["cron"]) for s in pipeline["schedules"]] == [
            (True, "0 0 * * *")
        ]
        assert http.get("/deployments/name/backfill/backfill").status_code == 200
        stopped = _stop(proc, signal.SIGTERM, seen)
        drain()
    finally:
        http.close()
        if proc.poll() is None:
            proc.kill()
    said, logged = " ".join("".join(out).split()), "".join(err)
    assert f"starting a Prefect server on http://127.0.0.1:{port}" in said, said
    assert f"backfill/backfill on {api}, a Prefect server" in said, said
    assert stopped.code == 128 + signal.SIGTERM, logged[-3000:]
    assert stopped.seconds < STOP_BOUND, logged[-3000:]
    assert "stopped by SIGTERM" in logged and "Traceback" not in logged, logged[-3000:]
    assert stopped.survivors() == []
    assert _port_free(port)  # the server serve started has stopped


# --- the pieces, without processes -------------------------------------------------------


@contextlib.contextmanager
def _health_only_server() -> Iterator[int]:
    """A stand-in Prefect server on a free port: it answers /api/health, nothing else."""

    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            ok = self.path == "/api/health"
            self.send_response(200 if ok else 404)
            self.end_headers()
            self.wfile.write(b"true" if ok else b"")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("url_set", [True, False])
def test_serve_uses_prefect_api_url_else_the_server_answering_on_the_port(
    url_set: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from newsevents.cli import runs

    @contextlib.contextmanager
    def no_start(*args: Any, **kwargs: Any) -> Iterator[Any]:
        raise AssertionError("started a server, though one answers")
        yield

    monkeypatch.setattr(runs, "_prefect_server", no_start)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.setenv("PREFECT_API_URL", "set, then removed: restored after the test")
    monkeypatch.delenv("PREFECT_API_URL")
    with _health_only_server() as port:
        api = f"http://127.0.0.1:{port}/api"
        if url_set:
            monkeypatch.setenv("PREFECT_API_URL", api)
            unused = _free_port()  # the settings' port: nothing there, and not looked at
            with runs._serve_api(unused) as where:
                assert where == api
        else:
            with runs._serve_api(port) as where:
                assert where.startswith(f"{api} (the Prefect server already answering there")
                assert os.environ["PREFECT_API_URL"] == api  # for Prefect and the flow runs


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("raise SystemExit(3)", "the Prefect server exited (3) before answering at"),
        ("import time; time.sleep(60)", "the Prefect server did not answer at"),
    ],
)
def test_a_server_that_does_not_come_up_fails_in_one_line(
    script: str, said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from newsevents.cli import runs

    monkeypatch.setattr(runs, "SERVER_START_SECONDS", 1.0)
    api = f"http://127.0.0.1:{_free_port()}/api"  # nothing answers there
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        with pytest.raises(typer.Exit) as exited:
            runs._wait_until_healthy(proc, api, Path("server.log"))
    finally:
        proc.kill()
        proc.wait()
    assert exited.value.exit_code == 1
    assert time.monotonic() - started < 20
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and said in lines[0] and "server.log" in lines[0], lines


def test_a_stop_marks_the_subflows_of_a_run_the_runner_already_cancelled(
    prefect_harness: None,
) -> None:
    """The runner marks a run it killed Cancelled; its subflows, which ran in its process,
    are still Running: the stop marks those (a completed one stays Completed)."""
    import asyncio
    from uuid import UUID

    from prefect.settings import PREFECT_API_URL

    from flows import deployments

    with httpx.Client(base_url=str(PREFECT_API_URL.value()), timeout=30) as http:
        flow = http.post("/flows/", json={"name": f"stopped-{uuid4().hex[:8]}"}).json()["id"]

        def flow_run(state: str, parent_task: str | None = None) -> str:
            body = {"flow_id": flow, "state": {"type": state}, "parent_task_run_id": parent_task}
            return str(http.post("/flow_runs/", json=body).json()["id"])

        top = flow_run("RUNNING")
        batches = {}
        for i, state in enumerate(["COMPLETED", "RUNNING"]):
            task = http.post(
                "/task_runs/",
                json={"flow_run_id": top, "task_key": "batch", "dynamic_key": str(i)},
            ).json()["id"]
            batches[state] = flow_run(state, task)
        cancelled = {"state": {"type": "CANCELLED"}, "force": True}
        assert http.post(f"/flow_runs/{top}/set_state", json=cancelled).status_code == 201

        asyncio.run(deployments._mark_cancelled(dict.fromkeys([UUID(top)])))  # only ids are read

        def state(run: str) -> dict[str, Any]:
            return dict(http.get(f"/flow_runs/{run}").json()["state"])

        assert state(batches["RUNNING"])["type"] == "CANCELLED"
        assert state(batches["RUNNING"])["message"] == deployments.STOP_MESSAGE
        assert state(batches["COMPLETED"])["type"] == "COMPLETED"
        assert state(top)["type"] == "CANCELLED"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_server_a_command_started_ends_when_the_command_is_killed() -> None:
    """SIGKILL unwinds nothing: the kernel signals the server the command started."""
    parent = (
        "import subprocess, sys, os\n"
        "from newsevents.cli.runs import _term_with_parent\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
        " start_new_session=True, preexec_fn=_term_with_parent,"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"  # not the pipes read below
        "print(child.pid, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", parent], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    child = psutil.Process(int(done.stdout))
    try:
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:  # an orphan: a zombie counts as dead
            time.sleep(0.2)
        assert not _alive(child), "the child outlived its parent"
    finally:
        with contextlib.suppress(psutil.Error):
            child.kill()


def test_the_backfill_deployment_reads_the_archive_else_the_inbox(tmp_path: Path) -> None:
    from flows.deployments import build_deployments

    for archive, expected in [(tmp_path / "archive", "archive"), (None, "inbox")]:
        deps = build_deployments(tmp_path / "inbox", tmp_path / "w.duckdb", "0 * * * *", archive)
        back = {d.name: d for d in deps}["backfill"]
        assert back.parameters["input"] == str((tmp_path / expected).resolve())
        assert str((tmp_path / expected).resolve()) in (back.description or "")


ROWS = [
    {"section": "articles", "item": "seen", "count": 9},
    {"section": "articles", "item": "extracted", "count": 3},
    {"section": "articles", "item": "unchanged", "count": 4},
    {"section": "events", "item": "total", "count": 7},
    {"section": "events", "item": "attack", "count": 5},
    {"section": "quarantine", "total": "ignored"},
    {"section": "quarantine", "item": "total", "count": 2},
    {"section": "quarantine", "item": "empty", "count": 2},
]


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        ([], {"extracted": 0, "unchanged": 0, "events": 0, "quarantined": 0}),
        ([ROWS], {"extracted": 3, "unchanged": 4, "events": 7, "quarantined": 2}),
        ([ROWS, ROWS], {"extracted": 6, "unchanged": 8, "events": 14, "quarantined": 4}),
        ([[{"section": "articles", "item": "extracted", "count": "3"}]], {"extracted": 0}),
    ],
)
def test_count_rows_sums_the_run_counts_tables(
    tables: list[list[dict[str, Any]]], expected: dict[str, int]
) -> None:
    from flows.deployments import count_rows

    got = count_rows(row for table in tables for row in table)
    assert {k: got[k] for k in expected} == expected


def _flow_run(state: str, seconds: float | None) -> Any:
    from prefect.client.schemas.objects import FlowRun
    from prefect.states import State, StateType

    start = dt.datetime(2020, 2, 3, 9, 15, 2, tzinfo=dt.UTC)
    return FlowRun(
        flow_id=uuid4(),
        name="brave-owl",
        state=State(type=StateType[state.upper()], name=state),
        start_time=start,
        end_time=start + dt.timedelta(seconds=seconds) if seconds is not None else None,
        total_run_time=dt.timedelta(seconds=2.5),
    )


@pytest.mark.parametrize(
    ("state", "seconds", "counts", "said"),
    [
        (
            "Completed",
            48.24,
            {"extracted": 12, "unchanged": 30, "events": 41, "quarantined": 1},
            "12 articles extracted, 30 unchanged, 41 events, 1 quarantined; Completed in 48.2 s",
        ),
        ("Cancelled", 3.0, None, "no counts published; Cancelled in 3.0 s"),
        ("Crashed", None, None, "no counts published; Crashed in 2.5 s"),
    ],
)
def test_tick_line_says_start_counts_state_and_duration(
    state: str, seconds: float | None, counts: dict[str, int] | None, said: str
) -> None:
    from flows.deployments import tick_line

    run = _flow_run(state, seconds)
    line = tick_line("pipeline/pipeline", run, counts)
    started = run.start_time.astimezone().strftime("%H:%M:%S")
    assert line == f"{started} pipeline/pipeline 'brave-owl': {said}"

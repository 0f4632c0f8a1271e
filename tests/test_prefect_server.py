"""End to end: a real ``prefect server``, a ``newsevents run`` reporting to it, read back by HTTP."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(api: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"prefect server exited with {proc.returncode}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"prefect server not healthy after {seconds} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server we started: its own process group, TERM then KILL."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def test_run_reports_to_a_real_server_with_its_artifacts(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("002_90f67be5c111099e.txt", "003_b1aaa4893cb01347.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "empty.txt").write_text("\n")
    server_cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*server_cmd, "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_healthy(api, server, 90)
        run_cmd = [sys.executable, "-m", "newsevents.cli", "run", "--input", str(folder)]
        run = subprocess.run(
            [*run_cmd, "--warehouse", str(tmp_path / "w.duckdb"), "--json"],
            env=env | {"PREFECT_API_URL": api},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert '"articles_extracted": 2' in run.stdout

        with httpx.Client(base_url=api, timeout=10) as http:
            runs = http.post("/flow_runs/filter", json={"limit": 10}).json()
            done = [r for r in runs if r["state_type"] == "COMPLETED"]
            assert len(done) == 1
            flow = http.get(f"/flows/{done[0]['flow_id']}").json()
            assert flow["name"] == "pipeline"
            tasks = http.post(
                "/task_runs/filter",
                json={"flow_runs": {"id": {"any_": [done[0]["id"]]}}},
            ).json()
            assert {t["task_key"].split("-")[0] for t in tasks} >= {"ingest", "extract", "load"}
            arts = http.post(
                "/artifacts/filter",
                json={"artifacts": {"flow_run_id": {"any_": [done[0]["id"]]}}},
            ).json()
            logs = http.post(
                "/logs/filter",
                json={"logs": {"flow_run_id": {"any_": [done[0]["id"]]}}, "sort": "TIMESTAMP_ASC"},
            ).json()
        # the run's Logs tab tells its story at INFO (the command's console stays quiet)
        said = [log["message"] for log in logs if log["level"] == 20]
        for line in (
            "window 1: 3 inputs staged: 2 read, 0 unchanged on disk (not read), "
            "1 quarantined (empty 1)",
            "window 1: 2 of 2 articles to extract, 0 unchanged in the warehouse",
            "2 of 3 inputs extracted, 0 unchanged, ",
        ):
            assert any(m.startswith(line) for m in said), (line, said)
        assert any(m.startswith("batch 1.1-of-1: 2 articles extracted in ") for m in said)
        assert any(m.startswith("loaded in ") for m in said), said
        assert "window 1:" not in run.stderr and "Flow run" not in run.stderr, run.stderr
        by_key = {a["key"]: a for a in arts}
        assert set(by_key) == {"run-summary", "run-counts", "events-report"}
        assert "| articles extracted | 2 |" in by_key["run-summary"]["data"]
        assert "dyad" in by_key["events-report"]["data"].lower()
        counts = by_key["run-counts"]["data"]
        assert '"item": "empty"' in counts and '"section": "data checks"' in counts
    finally:
        _stop(server)
    assert server.poll() is not None

"""The command line on a first day: an unknown query name, a missing --text-file, --quiet on
every command, and query results that fit an 80-column terminal.

Everything runs in-process on tiny warehouses: no spaCy, no Prefect flow run.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

from newsevents import warehouse as wh
from newsevents.cli import app, runs
from newsevents.cli.tables import MIN_COLUMN, fit_widths

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def _invoke(*args: str, **env: str) -> Result:
    return CliRunner().invoke(app, list(args), env=env or None)


@pytest.fixture
def plain_db(tmp_path: Path) -> Path:
    """A DuckDB file with no table: enough for `query` of literal SQL."""
    path = tmp_path / "plain.duckdb"
    duckdb.connect(str(path)).close()
    return path


# ---- query: an unknown name -------------------------------------------------------------------


def test_an_unknown_query_name_lists_the_named_queries(plain_db: Path) -> None:
    got = _invoke("query", "no_such_query", "--warehouse", str(plain_db))
    assert got.exit_code == 1
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1, got.stderr
    named = sorted(p.stem for p in (wh.sql_dir() / "queries").glob("*.sql"))
    assert len(named) >= 5 and all(name in lines[0] for name in named)
    assert "no_such_query" in lines[0] and "Parser Error" not in got.stderr


@pytest.mark.parametrize(
    ("sql", "code", "says"),
    [
        ("SELECT nope", 1, "Binder Error"),  # SQL with a space: run as SQL
        ("fct_event x", 1, "Parser Error"),  # not one identifier
        ("checkpoint", 0, ""),  # one word, but a statement: run as SQL
    ],
)
def test_sql_that_is_no_name_still_runs_as_sql(
    plain_db: Path, sql: str, code: int, says: str
) -> None:
    got = _invoke("query", sql, "--warehouse", str(plain_db))
    assert got.exit_code == code
    assert says in got.stderr and "named queries" not in got.stderr


# ---- timex: a missing or unreadable file ------------------------------------------------------


@pytest.mark.parametrize("kind", ["missing", "folder", "binary"])
def test_timex_with_a_bad_text_file_is_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "text.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    got = _invoke("timex", "--dct", "2020-02-26", "--text-file", str(path))
    assert got.exit_code == 1
    assert isinstance(got.exception, SystemExit)  # no traceback
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and str(path) in lines[0]


# ---- --quiet on every command -----------------------------------------------------------------


def test_every_command_has_quiet() -> None:
    commands = get_command(app).commands  # type: ignore[attr-defined]
    lacking = [
        name
        for name, cmd in commands.items()
        if not any("--quiet" in p.opts and "-q" in p.opts for p in cmd.params)
    ]
    assert len(commands) >= 8 and lacking == []


def _fake_flows(monkeypatch: pytest.MonkeyPatch) -> None:
    """backfill's flow, serve's serving and ui's server replaced by stand-ins that return."""
    import flows.backfill
    import flows.deployments

    monkeypatch.setattr(flows.backfill, "backfill", lambda **kw: {})
    monkeypatch.setattr(flows.deployments, "serve", lambda deployments, **kw: None)

    @contextmanager
    def server(port: int, stdout: Any = None, stderr: Any = None) -> Iterator[Any]:
        # --quiet sends the server's own banner nowhere
        yield SimpleNamespace(wait=lambda: 0 if stdout == subprocess.DEVNULL else 7)

    @contextmanager
    def api(port: int) -> Iterator[str]:
        yield "a stand-in API"  # no server started, none looked for

    monkeypatch.setattr(runs, "_prefect_server", server)
    monkeypatch.setattr(runs, "_serve_api", api)


@pytest.mark.parametrize("command", COMMANDS)
def test_quiet_prints_nothing_on_stdout(
    command: str,
    tmp_path: Path,
    idle: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, db = idle
    _fake_flows(monkeypatch)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    args = {
        "run": ["--input", str(folder), "--warehouse", str(db)],
        "export": ["--out", str(tmp_path / "e.jsonl"), "--warehouse", str(db)],
        "query": ["SELECT 42 AS answer", "--warehouse", str(db)],
        "report": ["--out", str(tmp_path / "r.html"), "--warehouse", str(db)],
        "timex": ["--dct", "2020-02-26", "--text-file", str(next(folder.glob("*.txt")))],
        "backfill": ["--input", str(folder), "--warehouse", str(db)],
        "serve": ["--inbox", str(tmp_path / "inbox"), "--warehouse", str(db)],
        "ui": ["--port", "4999"],
    }[command]
    loud = _invoke(command, *args)
    quiet = _invoke(command, *args, "--quiet")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "" and loud.stdout.strip() != ""
    if command != "ui":  # the stand-in server fails without --quiet: see _fake_flows
        assert loud.exit_code == 0, loud.output


# ---- query output that fits the terminal ------------------------------------------------------


@pytest.mark.parametrize(
    ("natural", "room", "want"),
    [
        ([5, 10], 40, [5, 10]),  # fits: natural widths
        ([4, 100, 100], 60, [4, 28, 28]),  # the wide ones share what is left
        ([12, 200], 40, [12, 28]),  # a narrow column keeps its width
        ([3] * 4, 12, [3, 3, 3, 3]),  # exactly full
        ([30] * 8, 50, None),  # 6 characters each: unreadable
        ([2, 9], 9, None),  # 7 < MIN_COLUMN for the second
    ],
)
def test_fit_widths(natural: list[int], room: int, want: list[int] | None) -> None:
    got = fit_widths(natural, room)
    assert got == want
    if got is not None:
        assert sum(got) <= room and all(
            w >= min(n, MIN_COLUMN) for w, n in zip(got, natural, strict=True)
        )


def _query80(db: Path, sql: str, *extra: str) -> str:
    got = _invoke("query", sql, "--warehouse", str(db), *extra, COLUMNS="80")
    assert got.exit_code == 0, got.output
    return got.stdout


def _fits(out: str, width: int = 80) -> None:
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= width, out


def test_a_wide_table_is_truncated_to_the_terminal(plain_db: Path) -> None:
    sql = (
        "SELECT 'article_' || i AS article_id, repeat('word ', 60) AS evidence, "
        "i * 1000 AS n FROM range(3) t(i)"
    )
    out = _query80(plain_db, sql)
    _fits(out)
    assert all(f"article_{i}" in out for i in range(3))  # short values whole
    assert all(f" {i * 1000} " in out for i in range(3))
    assert "article_id" in out and "evidence" in out and "word word" in out and "…" in out


def test_one_row_is_a_record_whose_long_value_wraps(plain_db: Path) -> None:
    words = [f"w{i}" for i in range(60)]
    out = _query80(plain_db, f"SELECT 'TUR' AS actor, '{' '.join(words)}' AS evidence")
    _fits(out)
    lines = out.splitlines()
    assert lines[0].split() == ["actor", "TUR"] and lines[1].startswith("evidence ")
    # every word is there, in order: nothing truncated
    assert " ".join(out.split()).endswith(" ".join(["evidence", *words]))


def test_too_many_columns_become_records(plain_db: Path) -> None:
    cols = ", ".join(f"'value_{c}_' || i AS column_{c}" for c in range(14))
    out = _query80(plain_db, f"SELECT {cols} FROM range(2) t(i)")
    _fits(out)
    assert "-[ row 1 ]" in out and "-[ row 2 ]" in out
    assert "column_13" in out and "value_13_1" in out


def test_values_are_text_not_markup(plain_db: Path) -> None:
    out = _query80(plain_db, "SELECT '[bold]x[/]' AS v FROM range(2)")
    assert "[bold]x[/]" in out


def test_json_output_keeps_whole_values(plain_db: Path) -> None:
    sql = "SELECT repeat('long ', 50) AS evidence, 1 AS n FROM range(2)"
    rows = [json.loads(line) for line in _query80(plain_db, sql, "--json").splitlines()]
    assert rows == [{"evidence": "long " * 50, "n": 1}] * 2

"""Opening the warehouse and running its SQL: connections, transactions, values bound by name.

All SQL lives in ``sql/``; values are always bound as parameters, named (``$name``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb


class WarehouseError(RuntimeError):
    """A warehouse problem with a message meant for the user, not a traceback."""


def sql_dir() -> Path:
    """The ``sql/`` folder: beside the package in a checkout, inside it in a wheel."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "sql", package / "_sql"):
        if candidate.is_dir():
            return candidate
    raise WarehouseError(f"cannot find the sql/ folder near {package}")


def read_sql(relative: str) -> str:
    """Read one ``.sql`` file from the ``sql/`` folder."""
    return (sql_dir() / relative).read_text(encoding="utf-8")


_LOCK_PID = re.compile(r"PID (\d+)")


@contextmanager
def connect(
    path: Path,
    *,
    read_only: bool = False,
    retries: int | None = None,
    wait: float | None = None,
    config: Mapping[str, object] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying a bounded number of times while another process holds it.

    ``retries`` and ``wait`` default to the ``lock_retries`` and
    ``lock_wait_seconds`` settings. A write connection first checks that the
    folder is writable and has room, so a full disk fails before any work.
    ``config`` holds DuckDB settings applied at open (see :func:`user_sql_config`).
    """
    import shutil

    from newsevents.settings import get_settings

    settings = get_settings()
    retries = settings.lock_retries if retries is None else retries
    wait = settings.lock_wait_seconds if wait is None else wait
    if not read_only:
        _check_writable(path)
        # DuckDB needs room for its WAL and checkpoint; failing mid-load is the worse error.
        min_free = 16 * 1024 * 1024
        free = shutil.disk_usage(path.parent).free
        if free < min_free:
            raise WarehouseError(
                f"cannot write the warehouse at {path}: only {free // 1024} KiB free on its "
                f"disk (at least {min_free // (1024 * 1024)} MiB needed)"
            )
    elif not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `newsevents run` first")
    attempt = 0
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(config or {}))
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseError(f"cannot open {path}: {exc}") from exc
            if attempt >= retries:
                # DuckDB says "Conflicting lock is held in /usr/bin/python3 (PID 123)".
                held = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
                pid = _LOCK_PID.search(str(exc))
                if held:
                    holder = f"process {held.group(2)} ({Path(held.group(1)).name})"
                else:
                    holder = f"process {pid.group(1)}" if pid else "another process"
                raise WarehouseError(
                    f"the warehouse {path} is locked by {holder} (an open duckdb shell or "
                    f"another newsevents run); tried {retries + 1} times. Close it and rerun."
                ) from exc
            attempt += 1
            time.sleep(wait * attempt)
    try:
        yield con
    finally:
        con.close()


def user_sql_config(*, allow_files: bool = False) -> dict[str, object]:
    """DuckDB settings for running a user's SQL on a read-only warehouse (``newsevents query``).

    Without ``allow_files`` the SQL reaches the warehouse file and nothing else: no file read
    or write (``read_csv``, ``COPY ... TO``, ``EXPORT DATABASE``, ``ATTACH``, ``glob``), no
    network and no spill folder. Either way extensions are neither installed nor loaded on
    demand, and the configuration is locked, so the SQL cannot ``SET`` its way back out.
    """
    config: dict[str, object] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "lock_configuration": True,
    }
    if not allow_files:
        # DuckDB may still write spill files beside the database, and SQL could COPY there.
        config |= {"enable_external_access": False, "temp_directory": ""}
    return config


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-probe-{time.time_ns()}"
        probe.write_bytes(b"x")
        probe.unlink()
    except OSError as exc:
        raise WarehouseError(f"cannot write the warehouse at {path}: {exc.strerror}") from exc


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: committed at its end, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def insert_rows(
    con: duckdb.DuckDBPyConnection, sql_file: str, rows: Sequence[Mapping[str, object]]
) -> None:
    """Run ``sql_file`` once, binding each column of ``rows`` as one list parameter of its name.

    One statement per table rather than one per row (DuckDB's executemany costs about 1 ms a
    row). The statement names its parameters (``$name``), so a column the SQL does not expect
    or one it misses fails instead of shifting the others.
    """
    if rows:
        con.execute(read_sql(sql_file), {name: [row[name] for row in rows] for name in rows[0]})


def records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def rows_named(cur: duckdb.DuckDBPyConnection, names: Sequence[str]) -> list[tuple[Any, ...]]:
    """The rows of an executed query whose columns must be ``names``, in that order.

    For code that unpacks many rows by position: the query's column names are checked once.
    """
    got = tuple(d[0] for d in cur.description)
    if got != tuple(names):
        raise ValueError(f"the query's columns are {got}, not {tuple(names)}")
    return cur.fetchall()
